package server_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/events"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

func TestShutdownFinishesInFlightRequests(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "answered")
	})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	served := make(chan error, 1)
	go func() {
		served <- server.Serve(ctx, ln, server.Config{ShutdownTimeout: 5 * time.Second}, slow, slog.New(slog.DiscardHandler))
	}()

	type result struct {
		body string
		err  error
	}
	answered := make(chan result, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			answered <- result{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		answered <- result{string(b), err}
	}()
	<-started
	stop() // what SIGTERM does in `palabre serve`

	if r := <-answered; r.err != nil || r.body != "answered" {
		t.Fatalf("in-flight request: %q, %v", r.body, r.err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the shutdown")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Fatal("the server still accepts requests after the shutdown")
	}
}

func TestShutdownClosesWebSocketsAsGoingAway(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	client := dbtest.Open(t)
	world := apitest.Build(t, client)
	hub := events.NewHub(client, events.HubOptions{})
	cfg := server.Config{ShutdownTimeout: 5 * time.Second, Hub: hub}
	h, err := server.New(cfg, client, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	served := make(chan error, 1)
	go func() { served <- server.Serve(ctx, ln, cfg, h, slog.New(slog.DiscardHandler)) }()

	s := &apitest.Server{URL: "http://" + ln.Addr().String() + "/graphql", Hub: hub, World: world}
	sock := s.Connect(t, world.Reviewer)
	sock.Subscribe("1", `subscription { events { sequence } }`, nil)
	s.WaitSubscribers(t, 1)
	stop() // what SIGTERM does in `palabre serve`
	if code, _ := sock.Closed(); code != 1001 {
		t.Fatalf("the socket closed with %d, want 1001 (going away)", code)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	s.WaitSubscribers(t, 0)
}
