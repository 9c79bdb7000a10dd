package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
)

// The close codes Palabre ends a socket with, besides the protocol's own
// (graphql-transport-ws: 4400 bad request, 4401 unauthorized, 4403
// forbidden, 4408 initialisation timeout, 4429 too many initialisations).
const (
	// closeGoingAway ends every socket when the server shuts down (RFC 6455):
	// clients reconnect, to another instance.
	closeGoingAway = 1001
	// closePolicy ends the socket of a subscriber too slow to take its events,
	// or over its limits (RFC 6455's policy violation).
	closePolicy = 1008
	// closeForbidden ends the socket of a bad token, or one no longer valid
	// (graphql-transport-ws).
	closeForbidden = 4403
)

// writeTimeout bounds one message written to a socket: a peer that takes no
// data is cut off rather than holding a goroutine and its subscriptions.
const writeTimeout = 10 * time.Second

// sockets accepts WebSocket connections with github.com/coder/websocket for
// gqlgen's transport, writes each message within writeTimeout, and closes a
// socket with the code its connection was given (connection.closeWith), since
// gqlgen closes every cancelled connection as a normal one.
type sockets struct{}

func (sockets) Accept(w http.ResponseWriter, r *http.Request, opts transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	for key, values := range opts.ResponseHeader {
		for _, v := range values {
			w.Header().Add(key, v)
		}
	}
	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{
		Subprotocols: opts.Subprotocols,
		// The origin was checked before (Live.serve): with the CORS origins,
		// which are web origins, not the host patterns of coder/websocket.
		InsecureSkipVerify: true,
	})
	if err != nil {
		return nil, err
	}
	return &socket{conn: conn, of: connectionFrom(r.Context())}, nil
}

// socket is one accepted WebSocket.
type socket struct {
	conn *websocket.Conn
	of   *connection // nil outside Live.serve

	mu       sync.Mutex
	deadline *time.Timer
	closing  bool
}

func (s *socket) NextReader() (int, io.Reader, error) {
	typ, data, err := s.conn.Read(context.Background())
	if err != nil {
		status := websocket.CloseStatus(err)
		if status == websocket.StatusNormalClosure || status == websocket.StatusGoingAway {
			return int(typ), nil, transport.ErrWebsocketClosed
		}
		return int(typ), nil, err
	}
	return int(typ), bytes.NewReader(data), nil
}

func (s *socket) WriteJSON(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	return s.conn.Write(ctx, websocket.MessageText, data)
}

// WriteClose starts the closing handshake in the background: it waits for the
// peer's answer, for 5 seconds at most, and gqlgen's teardown must not.
func (s *socket) WriteClose(code int, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return nil
	}
	s.closing = true
	if c, r, ok := s.of.closeCode(); ok && code == transport.WebsocketCloseNormalClosure {
		code, reason = c, r
	}
	go func() { _ = s.conn.Close(websocket.StatusCode(code), reason) }()
	return nil
}

func (s *socket) Close() error {
	s.mu.Lock()
	closing := s.closing
	if s.deadline != nil {
		s.deadline.Stop()
	}
	s.mu.Unlock()
	if closing {
		return nil // the handshake closes it
	}
	return s.conn.CloseNow()
}

func (s *socket) Subprotocol() string { return s.conn.Subprotocol() }

func (s *socket) SetReadLimit(limit int64) { s.conn.SetReadLimit(limit) }

// SetReadDeadline closes the socket at t unless it is moved: gqlgen sets it
// when it pings, and moves it when the pong arrives.
func (s *socket) SetReadDeadline(t time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.deadline != nil {
		s.deadline.Stop()
		s.deadline = nil
	}
	if !t.IsZero() {
		s.deadline = time.AfterFunc(time.Until(t), func() { _ = s.conn.CloseNow() })
	}
	return nil
}

var errNotWebSocket = errors.New("not a WebSocket connection")
