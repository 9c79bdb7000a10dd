package graph

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/palabre/palabre"
)

// PreflightHeader is the header a multipart request (an upload) must carry.
// A page on another site can send a multipart form without asking (it is a
// CORS "simple request"), but cannot add a header without a preflight, which
// CORS then refuses: the header is what makes uploads safe from cross-site
// forgery, as gqlgen and Apollo advise.
const PreflightHeader = "GraphQL-Preflight"

// uploadTransport serves the GraphQL multipart request specification (the
// uploads of attachFile) for requests that carry PreflightHeader.
type uploadTransport struct {
	multipart transport.MultipartForm
}

func newUploadTransport(maxRequestBytes int64) uploadTransport {
	return uploadTransport{transport.MultipartForm{
		MaxUploadSize: maxRequestBytes,
		MaxMemory:     8 << 20, // larger files wait on disk, in the system's temporary folder
	}}
}

var _ graphql.Transport = uploadTransport{}

// Supports takes every multipart POST, to refuse those without the header.
func (t uploadTransport) Supports(r *http.Request) bool { return t.multipart.Supports(r) }

// Do runs an upload, or refuses one without the preflight header.
func (t uploadTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	w.Header().Set("Cache-Control", "no-store")
	if r.Header.Get(PreflightHeader) == "" {
		w.Header().Set("Content-Type", mediaJSON+"; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		writeErrors(w, gqlerror.List{{
			Message:    "a multipart request needs the header " + PreflightHeader + ": 1 (it keeps other sites from sending uploads in your name)",
			Extensions: map[string]any{"code": palabre.EINVALID},
		}})
		return
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	t.multipart.Do(rec, r, exec)
	rec.answer(w)
}

// recorder holds the transport's answer, so that the requests it refuses
// before running them (a malformed form, a wrong part order), which gqlgen
// answers without a code, get BAD_USER_INPUT and 400 like every refusal.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(p []byte) (int, error) { return r.body.Write(p) }

func (r *recorder) answer(w http.ResponseWriter) {
	var refusal struct {
		Data   *json.RawMessage `json:"data"`
		Errors gqlerror.List    `json:"errors"`
	}
	if json.Unmarshal(r.body.Bytes(), &refusal) == nil && refusal.Data == nil && len(refusal.Errors) > 0 && refusal.Errors[0].Extensions["code"] == nil {
		for _, e := range refusal.Errors {
			e.Extensions = map[string]any{"code": palabre.EINVALID}
		}
		w.Header().Set("Content-Type", mediaJSON+"; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		writeErrors(w, refusal.Errors)
		return
	}
	for k, v := range r.header {
		w.Header()[k] = v
	}
	if refusal.Data == nil && readOnly(refusal.Errors) {
		r.status = http.StatusForbidden
	}
	w.WriteHeader(r.status)
	_, _ = r.body.WriteTo(w)
}
