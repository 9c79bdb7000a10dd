package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/events"
	"github.com/palabre/palabre/graph/model"
)

// Live is how subscriptions are served: over WebSockets speaking
// graphql-transport-ws, each subscriber told of the events of Hub it may read.
type Live struct {
	// Hub tells the subscriptions what happened; without one, the endpoint
	// takes no WebSocket.
	Hub *events.Hub
	// Authenticate returns the viewer of a token (access.Tokens.Authenticate).
	Authenticate func(ctx context.Context, token string) (*auth.Viewer, error)
	// AllowOrigin says whether pages of an origin may open sockets (the CORS
	// origins); pages of the server's own host always may, and programs,
	// which send no Origin, too.
	AllowOrigin func(origin string) bool
	// ClientAddress is who a request comes from, for the public's connections.
	ClientAddress func(*http.Request) string
	// SubscriptionsPerConnection, ConnectionsPerToken and Buffer bound what
	// one client holds: its subscriptions on a connection, its connections
	// (a token's, or the public's of one address), and the events waiting
	// for each subscription before it is dropped as too slow.
	SubscriptionsPerConnection, ConnectionsPerToken, Buffer int
	// KeepAlive is how often a socket is pinged; one that misses its pong
	// for twice as long is closed.
	KeepAlive time.Duration
	// InitTimeout is how long a socket may wait before connection_init.
	InitTimeout time.Duration
}

// liveConnections is the WebSocket connections of one endpoint: how many each
// client holds, and how to close them all.
type liveConnections struct {
	cfg Live

	mu       sync.Mutex
	all      map[*connection]struct{}
	byClient map[string]int
	closing  bool
}

// connection is one WebSocket connection: its client, its subscriptions, and
// the code it is to be closed with.
type connection struct {
	cancel context.CancelFunc
	token  string

	mu            sync.Mutex
	client        string // set once counted
	subscriptions int
	code          int
	reason        string
}

type connectionKey struct{}

func connectionFrom(ctx context.Context) *connection {
	c, _ := ctx.Value(connectionKey{}).(*connection)
	return c
}

// closeWith ends the connection with a code and a reason.
func (c *connection) closeWith(code int, reason string) {
	c.mu.Lock()
	if c.code == 0 {
		c.code, c.reason = code, reason
	}
	c.mu.Unlock()
	c.cancel()
}

func (c *connection) closeCode() (int, string, bool) {
	if c == nil {
		return 0, "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.code, c.reason, c.code != 0
}

func newLiveConnections(cfg Live) *liveConnections {
	return &liveConnections{cfg: cfg, all: map[*connection]struct{}{}, byClient: map[string]int{}}
}

// websocket is gqlgen's transport, with Palabre's sockets and authentication.
func (l *liveConnections) websocket() transport.Websocket {
	return transport.Websocket{
		Implementation:   sockets{},
		InitFunc:         l.init,
		InitTimeout:      l.cfg.InitTimeout,
		PingPongInterval: l.cfg.KeepAlive,
	}
}

// serve takes WebSocket upgrades to next (gqlgen): from allowed origins
// only, each with its connection record, none once the server shuts down.
func (l *liveConnections) serve(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") == "" {
			next.ServeHTTP(w, r)
			return
		}
		if l.cfg.Hub == nil {
			next.ServeHTTP(w, r) // which refuses it with a code
			return
		}
		if !isWebSocketUpgrade(r) {
			refuse(w, http.StatusBadRequest, palabre.EINVALID, "a WebSocket upgrade is a GET with Connection: Upgrade, Upgrade: websocket, Sec-WebSocket-Version: 13 and a Sec-WebSocket-Key")
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" && !sameHost(origin, r.Host) && (l.cfg.AllowOrigin == nil || !l.cfg.AllowOrigin(origin)) {
			refuse(w, http.StatusForbidden, palabre.EFORBIDDEN, "pages of this origin may not open sockets: it is not one of the CORS origins")
			return
		}
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		c := &connection{cancel: cancel}
		if l.cfg.ClientAddress != nil {
			c.token = "address " + l.cfg.ClientAddress(r) // until connection_init names a token
		}
		l.mu.Lock()
		if l.closing {
			l.mu.Unlock()
			refuse(w, http.StatusServiceUnavailable, palabre.EUNAVAILABLE, "the server is shutting down: connect again, to another instance")
			return
		}
		l.all[c] = struct{}{}
		l.mu.Unlock()
		defer l.forget(c)
		// The server's read and write time limits are for requests: a socket
		// lives on, and bounds its own reads (pings) and writes.
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(time.Time{})
		_ = rc.SetWriteDeadline(time.Time{})
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, connectionKey{}, c)))
	})
}

// isWebSocketUpgrade reports whether a request is a well-formed WebSocket
// opening handshake (RFC 6455, version 13).
func isWebSocketUpgrade(r *http.Request) bool {
	return r.Method == http.MethodGet &&
		strings.EqualFold(r.Header.Get("Upgrade"), "websocket") &&
		strings.Contains(strings.ToLower(r.Header.Get("Connection")), "upgrade") &&
		r.Header.Get("Sec-WebSocket-Version") == "13" && r.Header.Get("Sec-WebSocket-Key") != ""
}

// refuse answers a request that opens no socket, with an error and its code.
func refuse(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", mediaJSON+"; charset=utf-8")
	w.WriteHeader(status)
	writeErrors(w, gqlerror.List{{Message: message, Extensions: map[string]any{"code": code}}})
}

// sameHost reports whether a page's origin is the server's own host.
func sameHost(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host == host
}

// init authenticates a connection with connection_init's Authorization, as the
// HTTP header: none is the public, a bad one closes the socket with 4403.
func (l *liveConnections) init(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	c := connectionFrom(ctx)
	if c == nil {
		return transport.WithWebsocketCloseCode(ctx, closeForbidden), nil, errNotWebSocket
	}
	header := payload.Authorization()
	if header != "" {
		scheme, token, _ := strings.Cut(header, " ")
		token = strings.TrimSpace(token)
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			return transport.WithWebsocketCloseCode(ctx, closeForbidden), nil, errors.New(`Forbidden: the Authorization must read "Bearer <token>"`)
		}
		viewer, err := l.cfg.Authenticate(ctx, token)
		if err != nil {
			return transport.WithWebsocketCloseCode(ctx, closeForbidden), nil, errors.New("Forbidden: " + palabre.ErrorMessage(err))
		}
		ctx = auth.NewContext(ctx, viewer)
		sum := sha256.Sum256([]byte(token))
		c.token = "token " + hex.EncodeToString(sum[:])
	}
	if !l.count(c) {
		return transport.WithWebsocketCloseCode(ctx, closePolicy), nil, errors.New("too many connections for this token (or, for the public, this address): close one first")
	}
	return ctx, nil, nil
}

// count counts a connection against its client's, unless it has too many.
func (l *liveConnections) count(c *connection) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byClient[c.token] >= l.cfg.ConnectionsPerToken {
		return false
	}
	l.byClient[c.token]++
	c.mu.Lock()
	c.client = c.token
	c.mu.Unlock()
	return true
}

func (l *liveConnections) forget(c *connection) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.all, c)
	c.mu.Lock()
	client := c.client
	c.mu.Unlock()
	if client == "" {
		return
	}
	if l.byClient[client]--; l.byClient[client] <= 0 {
		delete(l.byClient, client)
	}
}

// shutdown closes every socket with 1001 (going away) and takes no more.
func (l *liveConnections) shutdown() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closing = true
	for c := range l.all {
		c.closeWith(closeGoingAway, "the server is shutting down: reconnect")
	}
}

// subscribe is the events subscription: the hub's events of the kinds asked,
// each told to the subscriber only when it can read the subject now, with
// its own permissions, and when the subject is within the record asked.
func (l *liveConnections) subscribe(ctx context.Context, client *ent.Client, kinds []events.Kind, within *pulid.ID) (<-chan *model.Event, error) {
	c := connectionFrom(ctx)
	if c == nil || l.cfg.Hub == nil {
		return nil, palabre.Errorf(palabre.EINVALID, "subscriptions are served over a WebSocket (graphql-transport-ws) on this endpoint")
	}
	if within != nil {
		if _, err := client.Noder(ctx, *within, ent.WithNodeType(ent.IDToType)); err != nil {
			return nil, err
		}
	}
	c.mu.Lock()
	if c.subscriptions >= l.cfg.SubscriptionsPerConnection {
		c.mu.Unlock()
		return nil, palabre.Errorf(palabre.EFORBIDDEN, "this connection holds %d subscriptions, the most it may: end one first", l.cfg.SubscriptionsPerConnection)
	}
	c.subscriptions++
	c.mu.Unlock()
	release := func() {
		c.mu.Lock()
		c.subscriptions--
		c.mu.Unlock()
	}
	sub, err := l.cfg.Hub.Subscribe(ctx, kinds, l.cfg.Buffer)
	if err != nil {
		release()
		return nil, err
	}
	out := make(chan *model.Event)
	go func() {
		defer close(out)
		defer release()
		defer sub.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case <-sub.Dropped():
				c.closeWith(closePolicy, "too slow: events were waiting for this connection; reconnect")
				return
			case e := <-sub.Events():
				ev, ok := l.readable(ctx, client, c, e, within)
				if !ok {
					continue
				}
				select {
				case out <- ev:
				case <-ctx.Done():
					return
				case <-sub.Dropped():
					c.closeWith(closePolicy, "too slow: events were waiting for this connection; reconnect")
					return
				}
			}
		}
	}()
	return out, nil
}

// readable returns the event as the subscriber may be told of it: with its
// subject read with the subscriber's permissions, and its token still valid.
func (l *liveConnections) readable(ctx context.Context, client *ent.Client, c *connection, e events.Event, within *pulid.ID) (*model.Event, bool) {
	if token, ok := bearer(ctx); ok {
		if _, err := l.cfg.Authenticate(ctx, token); err != nil {
			c.closeWith(closeForbidden, "Forbidden: the token is no longer valid")
			return nil, false
		}
	}
	subject, err := client.Noder(ctx, e.SubjectID, ent.WithNodeType(ent.IDToType))
	if err != nil {
		return nil, false // hidden from the subscriber, or gone
	}
	if within != nil {
		if ok, err := events.Within(ctx, e, subject, *within); err != nil || !ok {
			return nil, false
		}
	}
	return &model.Event{Event: e, Subject: subject}, true
}

// bearer returns the token of the connection's connection_init.
func bearer(ctx context.Context) (string, bool) {
	payload := transport.GetInitPayload(ctx)
	scheme, token, _ := strings.Cut(payload.Authorization(), " ")
	token = strings.TrimSpace(token)
	return token, strings.EqualFold(scheme, "Bearer") && token != ""
}
