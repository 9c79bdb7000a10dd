package graph

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/input"
)

// Media types of GraphQL responses.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// httpTransport serves GraphQL over HTTP GET and POST as the GraphQL-over-HTTP
// specification asks, where gqlgen's stock transports differ: a request that
// fails before execution (unparsable document, failed validation) is answered
// 200 under application/json, and 400 without a "data" entry under
// application/graphql-response+json; a request that is not a GraphQL request
// at all (parameters of the wrong type, no query) is answered 400. Mutations
// are POST only. It answers every request that the OPTIONS transport does
// not, so that the ones it refuses get an error with a code too.
type httpTransport struct{}

var _ graphql.Transport = httpTransport{}

// Supports accepts every request: Do refuses what it does not serve.
func (httpTransport) Supports(*http.Request) bool { return true }

// Do runs one request.
func (httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	media := responseMedia(r.Header.Get("Accept"))
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	// No answer is stored by a cache, except a public read (publicRead).
	w.Header().Set("Cache-Control", "no-store")
	if status, message := unserved(r); status != 0 {
		if status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", "GET, POST, OPTIONS")
		}
		w.WriteHeader(status)
		writeErrors(w, gqlerror.List{{Message: message, Extensions: map[string]any{"code": palabre.EINVALID}}})
		return
	}

	start := graphql.Now()
	params, status, err := readParams(r)
	if err != nil {
		w.WriteHeader(status)
		writeErrors(w, gqlerror.List{{Message: err.Error(), Extensions: map[string]any{"code": palabre.EINVALID}}})
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	cacheable := r.Method == http.MethodGet && IsPersisted(params) && auth.FromContext(ctx) == nil

	oc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		if oc == nil { // refused before parsing: the presenter still needs a context
			oc = &graphql.OperationContext{RawQuery: params.Query}
		}
		w.WriteHeader(failureStatus(media))
		writeErrors(w, exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs).Errors)
		return
	}
	if r.Method == http.MethodGet && oc.Operation != nil && oc.Operation.Operation != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		w.WriteHeader(http.StatusMethodNotAllowed)
		writeErrors(w, gqlerror.List{gqlerror.Errorf("only queries may be sent with GET; send mutations with POST")})
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, oc)
	response := responses(ctx)
	if response == nil { // gqlgen gives no response once the context is done
		code, message := palabre.EINTERNAL, "internal error"
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			code, message = palabre.ETIMEOUT, "the request ran out of time and was stopped: ask for less, or retry later"
		}
		writeErrors(w, gqlerror.List{{Message: message, Extensions: map[string]any{"code": code}}})
		return
	}
	if unavailable(response.Errors) {
		// The database is away for a moment (a restart, a failover): the
		// whole answer is worth asking again, shortly.
		w.Header().Set("Retry-After", retryAfterSeconds)
		w.WriteHeader(http.StatusServiceUnavailable)
	} else if readOnly(response.Errors) {
		w.WriteHeader(http.StatusForbidden)
	}
	if cacheable && len(response.Errors) == 0 {
		writePublicRead(w, r, media, response)
		return
	}
	writeJSON(w, response)
}

// PublicMaxAge is how long HTTP caches and CDNs may serve a public read
// without asking again: the public's reads of adopted strategies reach the
// database at most once per interval and cache, and a change shows within it.
const PublicMaxAge = 60 * time.Second

// writePublicRead writes a cacheable answer: a query of the public (no
// Authorization) sent with GET by the hash of a persisted document, that ran
// without error. Its URL names the document and variables, so shared caches
// may store it for PublicMaxAge; its ETag lets them revalidate it, answered
// 304 Not Modified while the data is unchanged. An answer to a request with a
// token is never cacheable (no-store, set in Do).
func writePublicRead(w http.ResponseWriter, r *http.Request, media string, response *graphql.Response) {
	body, err := json.Marshal(response)
	if err != nil {
		writeJSON(w, response)
		return
	}
	sum := sha256.Sum256(append([]byte(media+"\n"), body...))
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h := w.Header()
	h.Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(PublicMaxAge.Seconds())))
	h.Set("ETag", etag)
	// The same URL with a token is another caller's answer; with another
	// Accept, another media type.
	h.Add("Vary", "Authorization")
	h.Add("Vary", "Accept")
	if matchesETag(r.Header.Get("If-None-Match"), etag) {
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(append(body, '\n'))
}

// matchesETag applies If-None-Match's weak comparison (RFC 9110, 13.1.2).
func matchesETag(ifNoneMatch, etag string) bool {
	for _, candidate := range strings.Split(ifNoneMatch, ",") {
		candidate = strings.TrimPrefix(strings.TrimSpace(candidate), "W/")
		if candidate == etag || candidate == "*" {
			return true
		}
	}
	return false
}

// retryAfterSeconds is how long a client should wait before retrying a request
// answered UNAVAILABLE: about the time PostgreSQL takes to restart.
const retryAfterSeconds = "1"

func unavailable(errs gqlerror.List) bool {
	for _, e := range errs {
		if e.Extensions["code"] == palabre.EUNAVAILABLE {
			return true
		}
	}
	return false
}

// unserved returns the status and message refusing a request that is not a
// GraphQL request this transport serves, or 0.
func unserved(r *http.Request) (int, string) {
	switch {
	case r.Header.Get("Upgrade") != "":
		return http.StatusBadRequest, "this endpoint serves GraphQL over HTTP only (no WebSocket): send queries and mutations with POST"
	case r.Method == http.MethodGet:
		return 0, ""
	case r.Method != http.MethodPost:
		return http.StatusMethodNotAllowed, "send GraphQL requests with POST (or queries with GET), not " + r.Method
	}
	media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || media != mediaJSON {
		return http.StatusUnsupportedMediaType, "send the request body as JSON, with Content-Type: application/json"
	}
	return 0, ""
}

// responseMedia picks the response media type from the Accept header:
// application/json when it is absent or accepts anything, for older clients.
func responseMedia(accept string) string {
	if accept == "" {
		return mediaJSON
	}
	for _, part := range strings.Split(accept, ",") {
		media, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch media {
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		case mediaJSON, "*/*", "application/*":
			return mediaJSON
		}
	}
	return mediaGraphQLResponse
}

// failureStatus is the status of a request that fails before execution.
func failureStatus(media string) int {
	if media == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// rawParams is the body of a GraphQL request, decoded loosely first so that
// parameters of the wrong type are told apart from a body that is not JSON.
type rawParams struct {
	Query         any `json:"query"`
	OperationName any `json:"operationName"`
	Variables     any `json:"variables"`
	Extensions    any `json:"extensions"`
}

// readParams reads a request's parameters, or returns the status of a request
// that is not a GraphQL request: 413 for a body too large, 400 otherwise.
func readParams(r *http.Request) (*graphql.RawParams, int, error) {
	var raw rawParams
	if r.Method == http.MethodGet {
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			return nil, http.StatusBadRequest, err
		}
		for _, values := range q { // as for a body, below
			for i, v := range values {
				values[i] = string(input.MarkUnreadable([]byte(v)))
			}
		}
		if q.Has("query") {
			raw.Query = q.Get("query")
		}
		if q.Has("operationName") {
			raw.OperationName = q.Get("operationName")
		}
		for name, dst := range map[string]*any{"variables": &raw.Variables, "extensions": &raw.Extensions} {
			if v := q.Get(name); v != "" {
				if err := decode(strings.NewReader(v), dst); err != nil {
					return nil, http.StatusBadRequest, &paramError{name + " is not JSON"}
				}
			}
		}
	} else {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return nil, http.StatusRequestEntityTooLarge, &paramError{"the request body is too large"}
			}
			return nil, http.StatusBadRequest, &paramError{"the request body could not be read"}
		}
		// Text that is not UTF-8 would be turned into U+FFFD by the JSON
		// decoder, silently: mark it so that the field holding it is refused
		// by name (scalar.UnmarshalString).
		body = input.MarkUnreadable(body)
		if err := decode(bytes.NewReader(body), &raw); err != nil {
			return nil, http.StatusBadRequest, &paramError{"the request body is not a JSON object"}
		}
	}
	p, err := raw.params()
	if err != nil {
		return nil, http.StatusBadRequest, err
	}
	return p, 0, nil
}

func (raw rawParams) params() (*graphql.RawParams, error) {
	p := &graphql.RawParams{}
	var ok bool
	if raw.Query != nil {
		if p.Query, ok = raw.Query.(string); !ok {
			return nil, &paramError{"query must be a string"}
		}
	}
	if raw.OperationName != nil {
		if p.OperationName, ok = raw.OperationName.(string); !ok {
			return nil, &paramError{"operationName must be a string"}
		}
	}
	if raw.Variables != nil {
		if p.Variables, ok = raw.Variables.(map[string]any); !ok {
			return nil, &paramError{"variables must be an object"}
		}
	}
	if raw.Extensions != nil {
		if p.Extensions, ok = raw.Extensions.(map[string]any); !ok {
			return nil, &paramError{"extensions must be an object"}
		}
	}
	// Without a query, only a persisted document named by its hash runs.
	if p.Query == "" && p.Extensions["persistedQuery"] == nil {
		return nil, &paramError{"the request has no query: send the GraphQL document in query"}
	}
	return p, nil
}

type paramError struct{ msg string }

func (e *paramError) Error() string { return e.msg }

func decode(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return &paramError{"trailing data after JSON"}
	}
	return nil
}

// writeErrors writes a response that has errors and, as the specification
// asks of a request that failed before execution, no data entry.
func writeErrors(w io.Writer, errs gqlerror.List) {
	_ = json.NewEncoder(w).Encode(struct {
		Errors gqlerror.List `json:"errors"`
	}{errs})
}

func writeJSON(w io.Writer, response *graphql.Response) {
	if plainData(response) {
		// The data gqlgen wrote is JSON already: encoding/json would read it
		// all again to check and compact it (5 % of a large answer's CPU).
		_, _ = w.Write(slices.Concat([]byte(`{"data":`), response.Data, []byte("}\n")))
		return
	}
	_ = json.NewEncoder(w).Encode(response)
}

// plainData reports whether a response holds data and nothing else.
func plainData(r *graphql.Response) bool {
	return len(r.Data) > 0 && len(r.Errors) == 0 && len(r.Extensions) == 0 && r.Label == "" && r.Path == nil && r.HasNext == nil
}
