// Package console embeds the web console's built files (dist/, written by
// `make generate` from the sources in the repository's console/ folder; never
// edited by hand) and serves them. The Go side never reads the sources.
package console

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed all:dist
var files embed.FS

// Policy is the console's Content-Security-Policy: its scripts and styles come
// from this server only, with no inline script and no eval; it talks to this
// server only; no other site may frame it.
const Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"

// Handler serves the console: its hashed files under /assets/ for a year
// (their names change with their content), and its page, never cached, for
// any other path a browser navigates to (the console routes by path). A
// request that does not accept HTML is given to notFound, so that programs
// that call a wrong path get an error they can read rather than a page.
func Handler(notFound http.Handler) http.Handler {
	dist, err := fs.Sub(files, "dist")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	page, err := fs.ReadFile(dist, "index.html")
	if err != nil {
		panic("console: dist/index.html is missing: run make generate")
	}
	assets := http.FileServerFS(dist)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", Policy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			notFound.ServeHTTP(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/assets/") && path.Clean(r.URL.Path) == r.URL.Path {
			if _, err := fs.Stat(dist, strings.TrimPrefix(r.URL.Path, "/")); err == nil {
				h.Set("Cache-Control", "public, max-age=31536000, immutable")
				assets.ServeHTTP(w, r)
				return
			}
		}
		if !strings.Contains(r.Header.Get("Accept"), "text/html") {
			notFound.ServeHTTP(w, r)
			return
		}
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page)
	})
}
