package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/input"
)

// boundPatterns refuses, in the where-input of any list, a text filter that
// becomes a LIKE pattern (titleContains, codeHasPrefix…) longer than a search
// may be (input.MaxSearch): SQLite fails on long patterns, and they would scan
// every row for nothing. Exact matches (title, titleEqualFold) are not bounded.
func boundPatterns(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || fc.Field.Arguments.ForName("where") == nil {
		return next(ctx)
	}
	where := fc.Field.ArgumentMap(graphql.GetOperationContext(ctx).Variables)["where"]
	if err := checkPatterns("where", where); err != nil {
		return nil, err
	}
	return next(ctx)
}

// patternSuffixes end the names of where-input fields that are LIKE patterns.
var patternSuffixes = []string{"Contains", "ContainsFold", "HasPrefix", "HasSuffix"}

func checkPatterns(path string, v any) error {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && isPattern(k) {
				if err := input.CheckSearch(s); err != nil {
					return palabre.Errorf(palabre.EINVALID, "%s.%s: %v", path, k, err)
				}
				continue
			}
			if err := checkPatterns(path+"."+k, x); err != nil {
				return err
			}
		}
	case []any:
		for i, x := range v {
			if err := checkPatterns(fmt.Sprintf("%s[%d]", path, i), x); err != nil {
				return err
			}
		}
	}
	return nil
}

func isPattern(name string) bool {
	for _, suffix := range patternSuffixes {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}
