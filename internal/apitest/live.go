package apitest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// patience bounds every wait of a socket, so that a test whose event never
// comes fails rather than hangs. It is no assertion about time: events come
// in milliseconds.
const patience = 30 * time.Second

// Socket is a client of the API's subscriptions speaking graphql-transport-ws,
// as the graphql-ws npm client does.
type Socket struct {
	t    testing.TB
	Conn *websocket.Conn
}

// Message is a message of graphql-transport-ws.
type Message struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// WebSocketURL is the address of the API's WebSockets.
func (s *Server) WebSocketURL() string { return "ws" + strings.TrimPrefix(s.URL, "http") }

// Dial opens a WebSocket to url speaking graphql-transport-ws, with the
// request's headers (an Origin, say), without initialising it.
func Dial(t testing.TB, url string, header http.Header) (*Socket, *http.Response, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	conn, res, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: header, Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		return nil, res, err
	}
	conn.SetReadLimit(1 << 20)
	t.Cleanup(func() { _ = conn.CloseNow() })
	return &Socket{t: t, Conn: conn}, res, nil
}

// Connect opens a socket to the API and initialises it with the token ("" for
// the public); the server must acknowledge it.
func (s *Server) Connect(t testing.TB, token string) *Socket {
	t.Helper()
	sock := s.ConnectRaw(t, token)
	if m := sock.Next(); m.Type != "connection_ack" {
		t.Fatalf("want connection_ack, got %+v", m)
	}
	return sock
}

// ConnectRaw opens a socket and sends connection_init with the token ("" for
// none) as its Authorization, without waiting for the answer.
func (s *Server) ConnectRaw(t testing.TB, token string) *Socket {
	t.Helper()
	sock, _, err := Dial(t, s.WebSocketURL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	payload := map[string]any{}
	if token != "" {
		payload["Authorization"] = "Bearer " + token
	}
	sock.Send(Message{Type: "connection_init", Payload: mustJSON(t, payload)})
	return sock
}

// WaitSubscribers waits until the hub holds n subscriptions: a change
// committed before a subscription is held is not announced to it.
func (s *Server) WaitSubscribers(t testing.TB, n int) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for s.Hub.Subscribers() != n {
		if time.Now().After(deadline) {
			t.Fatalf("the hub holds %d subscriptions, not %d", s.Hub.Subscribers(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// Send sends a message.
func (sock *Socket) Send(m Message) {
	sock.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	if err := sock.Conn.Write(ctx, websocket.MessageText, mustJSON(sock.t, m)); err != nil {
		sock.t.Fatal(err)
	}
}

// Subscribe starts a subscription with an ID.
func (sock *Socket) Subscribe(id, query string, vars map[string]any) {
	sock.t.Helper()
	sock.Send(Message{ID: id, Type: "subscribe", Payload: mustJSON(sock.t, map[string]any{"query": query, "variables": vars})})
}

// Next returns the next message other than pings, which it answers.
func (sock *Socket) Next() Message {
	sock.t.Helper()
	for {
		m, err := sock.read()
		if err != nil {
			sock.t.Fatalf("reading the socket: %v", err)
		}
		if m.Type == "ping" {
			sock.Send(Message{Type: "pong"})
			continue
		}
		return m
	}
}

// Result returns the next message, which must be a result ("next") of the
// subscription id, as a response.
func (sock *Socket) Result(id string) *Response {
	sock.t.Helper()
	m := sock.Next()
	if m.Type != "next" || m.ID != id {
		sock.t.Fatalf("want a result of %s, got %+v", id, m)
	}
	var r Response
	if err := json.Unmarshal(m.Payload, &r); err != nil {
		sock.t.Fatal(err)
	}
	return &r
}

// Closed reads until the server closes the socket, and returns its close
// code and reason.
func (sock *Socket) Closed() (websocket.StatusCode, string) {
	sock.t.Helper()
	for {
		m, err := sock.read()
		if err != nil {
			var ce websocket.CloseError
			if errors.As(err, &ce) {
				return ce.Code, ce.Reason
			}
			sock.t.Fatalf("the socket ended without a close frame: %v", err)
		}
		if m.Type == "ping" {
			sock.Send(Message{Type: "pong"})
		}
	}
}

func (sock *Socket) read() (Message, error) {
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	_, data, err := sock.Conn.Read(ctx)
	if err != nil {
		return Message{}, err
	}
	var m Message
	if err := json.Unmarshal(data, &m); err != nil {
		sock.t.Fatalf("not a graphql-transport-ws message: %s", data)
	}
	return m, nil
}

func mustJSON(t testing.TB, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
