package search

import (
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
)

// Column is the column of the folded text (ent/schema's SearchMixin).
const Column = "search_text"

// Matching is the predicate of a search: the rows whose folded text holds the
// folded pattern (from Pattern), on either store, each through its index of
// trigrams (database/migrategen): on PostgreSQL a LIKE '%…%', which pg_trgm's
// GIN index serves; on SQLite a phrase of the FTS5 table <table>_search,
// whose trigram tokenizer matches substrings. Patterns of fewer than three
// characters have no trigram: they read every row, with LIKE, on both.
func Matching(pattern string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		if s.Dialect() != dialect.SQLite || utf8.RuneCountInString(pattern) < 3 {
			s.Where(sql.Contains(s.C(Column), pattern))
			return
		}
		fts := s.TableName() + "_search"
		phrase := `"` + strings.ReplaceAll(pattern, `"`, `""`) + `"`
		s.Where(sql.In(s.C("rowid"),
			sql.Select("rowid").From(sql.Table(fts)).Where(sql.P(func(b *sql.Builder) {
				b.Ident(fts).WriteString(" MATCH ").Arg(phrase)
			}))))
	}
}
