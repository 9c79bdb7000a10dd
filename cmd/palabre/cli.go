package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/server"
)

// Main runs the palabre command line with its arguments (without the program
// name) and returns the exit status: 0 on success, 1 when the work failed,
// 2 when the command line itself is wrong.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd, rest, ok := findCommand(args)
	if !ok {
		if len(args) > 0 && isHelp(args[0]) {
			printUsage(stdout)
			return 0
		}
		if len(args) == 0 {
			fmt.Fprintln(stderr, "palabre: a command is needed")
		} else if subs := subcommands(args[0]); len(subs) > 0 {
			fmt.Fprintf(stderr, "palabre %s: say which: %s\n", args[0], strings.Join(subs, ", "))
		} else {
			fmt.Fprintf(stderr, "palabre: unknown command %q\n", strings.Join(args, " "))
		}
		printUsage(stderr)
		return 2
	}
	inv := &invocation{cmd: cmd, stdout: stdout, stderr: stderr}
	err := inv.run(ctx, rest, os.Getenv)
	var usage *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errFlags):
		return 2 // the flag package has printed the error and the usage
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "palabre %s: %s (see palabre %s -h)\n", cmd.name, usage.msg, cmd.name)
		return 2
	default:
		fmt.Fprintf(stderr, "palabre %s: %s\n", cmd.name, oneLine(err))
		return 1
	}
}

// command is one thing an operator can ask of palabre.
type command struct {
	name     string // the words that select it: "token create"
	synopsis string // its flags, for the usage
	summary  string
	// database is how the command opens the database before it runs.
	database opening
	// serverFlags: the command takes a flag for every setting of the server,
	// not only --database.
	serverFlags bool
	// define adds the command's own flags to fs and returns what it does
	// once they are parsed.
	define func(fs *flag.FlagSet) work
}

// work is what a command does, once its flags are parsed.
type work struct {
	// check, if set, reports a command line that cannot run, before the
	// database opens.
	check func(inv *invocation) error
	run   func(ctx context.Context, inv *invocation) error
	// operands is how many arguments the command takes after its flags
	// (inv.operands); none unless said.
	operands int
}

// opening is how a command opens the database.
type opening int

const (
	// migrated refuses a database that lacks migrations, rather than fail later
	// on a missing column: the commands that administer a database.
	migrated opening = iota
	// migrating applies the migrations the database lacks first, as start-up does.
	migrating
	// itself: the command opens the database on its own (migrate).
	itself
)

// commands is every command, in the order the usage lists them.
var commands = []command{
	{"serve", "[--env development] [--seed-demo] [flags]", "migrate the database and serve the API", migrating, true, serve},
	{"migrate", "[--database URL]", "apply the migrations the database lacks", itself, false, noFlags(runMigrate)},
	{"seed demo", "[--database URL]", "load the demonstration data and print its tokens", migrating, false, noFlags(runSeedDemo)},
	{"seed bench", "[--scale 1] [--database URL]", "fill an empty database with the benchmark's data set and print its tokens", migrating, false, seedBench},
	{"account create", "--email E --name N --role R [--agency ACRONYM]", "create an account", migrated, false, accountCreate},
	{"account password-link", "--email E [--base-url https://…]", "create a one-time link that sets the account's password, and print it, once", migrated, false, accountPasswordLink},
	{"token create", "--email E [--expires 90d|720h|never] [--label L]", "issue an API token and print it, once", migrated, false, tokenCreate},
	{"token revoke", "--id ID | --email E", "revoke one token, or every token of an account", migrated, false, tokenRevoke},
	{"verify", "[--database URL] [--files LOCATION]", "check the audit chain, every published version's hash and every attached file's", migrated, false, noFlags(runVerify)},
	{"export", "--strategy ID | --agreement ID --out PATH [--database URL] [--files LOCATION]", "write a strategy's or an agreement's archive package (BagIt), as a folder or a .zip file", migrated, false, export},
	{"import", "--read-only [--database URL] [--files LOCATION] PATH", "load an archive package (a folder or a .zip file) into an empty database, served read-only", migrating, false, importArchive},
}

// invocation is one run of a command: its configuration, the database it
// opened, and where it writes.
type invocation struct {
	cmd            command
	cfg            server.Config
	client         *ent.Client // nil for the commands that open the database themselves
	operands       []string    // the arguments after the flags, for a command that takes some
	stdout, stderr io.Writer
}

// run is the opening every command shares: the configuration from the
// environment, the flags (every setting for serve, --database for the others,
// then the command's own), their checks, the database; then the command.
func (inv *invocation) run(ctx context.Context, args []string, getenv func(string) string) error {
	cfg, err := server.ConfigFromEnv(getenv)
	if err != nil {
		return &usageError{err.Error()}
	}
	inv.cfg = cfg
	fs := flag.NewFlagSet("palabre "+inv.cmd.name, flag.ContinueOnError)
	fs.SetOutput(inv.stderr)
	fs.Usage = func() {
		fmt.Fprintf(inv.stderr, "usage: palabre %s %s\n\n%s.\n\nflags:\n", inv.cmd.name, inv.cmd.synopsis, inv.cmd.summary)
		fs.PrintDefaults()
	}
	if inv.cmd.serverFlags {
		inv.cfg.RegisterFlags(fs)
	} else {
		inv.cfg.RegisterFlags(fs, "database", "files")
	}
	w := inv.cmd.define(fs)

	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errFlags
	}
	if fs.NArg() > w.operands {
		return usagef("unexpected argument %q", fs.Arg(w.operands))
	}
	inv.operands = fs.Args()
	if err := inv.cfg.Validate(); err != nil {
		return &usageError{err.Error()}
	}
	if w.check != nil {
		if err := w.check(inv); err != nil {
			return err
		}
	}

	if inv.cmd.database != itself {
		client, err := openDatabase(ctx, inv.cfg.DatabaseURL, inv.cfg.DatabaseConnections, inv.cmd.database == migrating)
		if err != nil {
			return err
		}
		defer client.Close()
		inv.client = client
	}
	return w.run(ctx, inv)
}

// noFlags is the definition of a command with no flags of its own.
func noFlags(run func(ctx context.Context, inv *invocation) error) func(*flag.FlagSet) work {
	return func(*flag.FlagSet) work { return work{run: run} }
}

// findCommand returns the command the first arguments name, and the rest.
func findCommand(args []string) (command, []string, bool) {
	for _, c := range commands {
		words := strings.Fields(c.name)
		if len(args) >= len(words) && slices.Equal(args[:len(words)], words) {
			return c, args[len(words):], true
		}
	}
	return command{}, nil, false
}

// subcommands lists the commands that begin with the word, such as
// "token create" and "token revoke" for "token".
func subcommands(word string) []string {
	var subs []string
	for _, c := range commands {
		if first, _, ok := strings.Cut(c.name, " "); ok && first == word {
			subs = append(subs, "palabre "+c.name)
		}
	}
	return subs
}

func isHelp(arg string) bool {
	return arg == "help" || arg == "-h" || arg == "-help" || arg == "--help"
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: palabre <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  palabre %s %s\n      %s\n", c.name, c.synopsis, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every command reads PALABRE_DATABASE_URL (or --database): a SQLite file, palabre.db by")
	fmt.Fprintln(w, "default, or a postgres:// URL. Run palabre <command> -h for its flags.")
}

// required reports the first of the named flags left empty.
func required(fs *flag.FlagSet, names ...string) error {
	for _, name := range names {
		if fs.Lookup(name).Value.String() == "" {
			return usagef("--%s is required", name)
		}
	}
	return nil
}

// usageError is a command line that cannot be run as written.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// errFlags reports flags the flag package refused, and has explained.
var errFlags = errors.New("bad flags")

// oneLine is the message of an error as one line: the message alone for a
// domain error, everything for others, since an operator needs the details.
func oneLine(err error) string {
	msg := err.Error()
	var e *palabre.Error
	if errors.As(err, &e) {
		msg = e.Message
	}
	return strings.Join(strings.Fields(msg), " ")
}
