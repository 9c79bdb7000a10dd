package server

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
	inv := &invocation{cmd: cmd, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	err := cmd.run(ctx, inv, rest)
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
	run      func(ctx context.Context, inv *invocation, args []string) error
}

// commands is every command, in the order the usage lists them.
var commands = []command{
	{"serve", "[--env development] [--seed-demo] [flags]", "migrate the database and serve the API", runServe},
	{"migrate", "[--database URL]", "apply the migrations the database lacks", runMigrate},
	{"seed demo", "[--database URL]", "load the demonstration data and print its tokens", runSeedDemo},
	{"account create", "--email E --name N --role R [--agency ACRONYM]", "create an account", runAccountCreate},
	{"token create", "--email E [--expires 720h] [--label L]", "issue an API token and print it, once", runTokenCreate},
	{"token revoke", "--id ID | --email E", "revoke one token, or every token of an account", runTokenRevoke},
	{"verify", "[--database URL]", "check the audit chain and every published version's hash", runVerify},
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

// invocation is one run of a command: where it writes and what it reads.
type invocation struct {
	cmd            command
	stdout, stderr io.Writer
	getenv         func(string) string
}

// flagSet returns an empty flag set for the command, printing its usage on
// the invocation's standard error.
func (inv *invocation) flagSet() *flag.FlagSet {
	fs := flag.NewFlagSet("palabre "+inv.cmd.name, flag.ContinueOnError)
	fs.SetOutput(inv.stderr)
	fs.Usage = func() {
		fmt.Fprintf(inv.stderr, "usage: palabre %s %s\n\n%s.\n\nflags:\n", inv.cmd.name, inv.cmd.synopsis, inv.cmd.summary)
		fs.PrintDefaults()
	}
	return fs
}

// config returns the configuration from the environment, and the flags that
// override it: all of them for serve, the database for the other commands.
func (inv *invocation) config(fs *flag.FlagSet, all bool) (*Config, error) {
	cfg, err := ConfigFromEnv(inv.getenv)
	if err != nil {
		return nil, &usageError{err.Error()}
	}
	if all {
		cfg.registerFlags(fs)
	} else {
		cfg.registerDatabaseFlag(fs)
	}
	return &cfg, nil
}

// parse parses the flags and checks the configuration they produced.
func (inv *invocation) parse(fs *flag.FlagSet, cfg *Config, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errFlags
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if err := cfg.Validate(); err != nil {
		return &usageError{err.Error()}
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
