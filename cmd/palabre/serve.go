package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/palabre/palabre/mail"
	"github.com/palabre/palabre/server"
)

// serve is `palabre serve`: migrate the database, then serve the API until
// SIGINT or SIGTERM. With --seed-demo (make run), an empty database first gets
// the demonstration data, and its tokens are printed.
func serve(fs *flag.FlagSet) work {
	seedDemo := fs.Bool("seed-demo", false, "load the demonstration data into an empty database and print its tokens (development only)")
	return work{
		check: func(inv *invocation) error {
			if *seedDemo && inv.cfg.Env != server.Development {
				// Demo accounts include an administrator: not something to
				// create by accident on a production database.
				return usagef("--seed-demo is for development: add --env development")
			}
			return nil
		},
		run: func(ctx context.Context, inv *invocation) error {
			return runServe(ctx, inv, *seedDemo)
		},
	}
}

func runServe(ctx context.Context, inv *invocation, seedDemo bool) error {
	cfg := inv.cfg
	logs := server.NewLogBuffer(inv.stderr)
	defer logs.Close()
	logger := server.NewLogger(cfg, logs)
	sender, err := mail.NewSender(cfg.Mail, logger)
	if err != nil {
		return err
	}
	if cfg.Env == server.Production && cfg.Mail.SMTPURL == "" {
		logger.Warn("no PALABRE_SMTP_URL: e-mails are written to the log, not sent")
	}
	if seedDemo {
		if err := seedDemoIfEmpty(ctx, inv.client, inv.stdout); err != nil {
			return err
		}
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) {
			err = op.Err
		}
		return fmt.Errorf("cannot listen on %s: %v", cfg.Addr, err)
	}
	base := baseURL(ln.Addr())
	fmt.Fprintf(inv.stdout, "Palabre (%s) serves GraphQL at %s/graphql\n", cfg.Env, base)
	fmt.Fprintf(inv.stdout, "Web console: %s/\n", base)
	if cfg.Env == server.Development {
		fmt.Fprintf(inv.stdout, "GraphiQL: %s/graphiql\n", base)
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal kills the process at once
	}()
	handler, err := server.New(cfg, inv.client, logger)
	if err != nil {
		ln.Close()
		return err
	}
	// The notification outbox's worker delivers until the server stops; a
	// delivery cut short is claimed again after its lease.
	worker := server.Outbox(cfg, inv.client, logger, mail.Channel(sender))
	delivering := make(chan struct{})
	go func() {
		defer close(delivering)
		worker.Run(ctx)
	}()
	err = server.Serve(ctx, ln, cfg, handler, logger)
	stop()
	<-delivering
	return err
}

// baseURL is the address a person on this machine can open.
func baseURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
