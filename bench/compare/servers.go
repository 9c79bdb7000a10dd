package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// server is a GraphQL server the harness started.
type server struct {
	name    string // palabre or postgraphile
	url     string // its /graphql
	token   string // sent as a bearer token, if any
	cmd     *exec.Cmd
	log     *bytes.Buffer
	counter *statementCounter // the proxy it reaches PostgreSQL through, if any
}

// freePort returns a port of 127.0.0.1 nobody listens on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// withHost returns the database URL with another host:port (a proxy's).
func withHost(databaseURL, hostport string) string {
	u, _ := url.Parse(databaseURL)
	u.Host = hostport
	return u.String()
}

// startPalabre starts `palabre serve` in production mode on the database.
func startPalabre(ctx context.Context, bin, databaseURL, token string, counter *statementCounter) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	if counter != nil {
		databaseURL = withHost(databaseURL, counter.addr())
	}
	s := &server{name: "palabre", url: fmt.Sprintf("http://127.0.0.1:%d/graphql", port), token: token, log: &bytes.Buffer{}, counter: counter}
	s.cmd = exec.CommandContext(ctx, bin, "serve", "--database", databaseURL, "--addr", fmt.Sprintf("127.0.0.1:%d", port),
		"--request-timeout", "60s", "--write-timeout", "90s", "--log-level", "warn")
	s.cmd.Env = append(os.Environ(), "PALABRE_ENV=production")
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	return s, s.start(fmt.Sprintf("http://127.0.0.1:%d/readyz", port))
}

// startPostGraphile starts bench/postgraphile/server.mjs with node on the
// database, exposing its schema and the harness's.
func startPostGraphile(ctx context.Context, node, dir, databaseURL, schemas string, counter *statementCounter) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	if counter != nil {
		databaseURL = withHost(databaseURL, counter.addr())
	}
	s := &server{name: "postgraphile", url: fmt.Sprintf("http://127.0.0.1:%d/graphql", port), log: &bytes.Buffer{}, counter: counter}
	s.cmd = exec.CommandContext(ctx, node, "server.mjs")
	s.cmd.Dir = dir
	s.cmd.Env = append(os.Environ(), "NODE_ENV=production", "DATABASE_URL="+databaseURL, "SCHEMAS="+schemas, "PORT="+strconv.Itoa(port))
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	return s, s.start("")
}

// start runs the server and waits until it answers: its readiness URL, or
// a GraphQL request.
func (s *server) start(ready string) error {
	s.cmd.Cancel = func() error { return s.cmd.Process.Signal(syscall.SIGTERM) }
	s.cmd.WaitDelay = 10 * time.Second
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", s.name, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("%s exited (%v): %s", s.name, err, s.log.String())
		case <-time.After(200 * time.Millisecond):
		}
		var err error
		if ready != "" {
			var resp *http.Response
			if resp, err = http.Get(ready); err == nil {
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					err = fmt.Errorf("%s", resp.Status)
				}
			}
		} else {
			_, err = s.do(http.DefaultClient, request{Query: "{ __typename }"})
		}
		if err == nil {
			return nil
		}
	}
	return fmt.Errorf("%s did not answer within a minute: %s", s.name, s.log.String())
}

// stop ends the server.
func (s *server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
	}
}

// rss is the server's resident memory now, in bytes, read from /proc
// (Linux): the process's and its children's, since npm-less node is one.
func (s *server) rss() int64 {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(s.cmd.Process.Pid), "status"))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}
