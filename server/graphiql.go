package server

import (
	"embed"
	"io/fs"
	"net/http"
)

// graphiqlFiles is GraphiQL as the binary serves it: our page and its start-up
// script, and the browser builds of GraphiQL and React that `make generate`
// vendors under graphiql/static/vendor (see graphiql/package.json). Nothing
// is loaded from another host, so the page works on a closed network.
//
//go:embed graphiql/static
var graphiqlFiles embed.FS

// graphiqlPolicy is the Content-Security-Policy of GraphiQL's page and files:
// scripts and styles from this server only, no inline script, no eval; the
// page talks to this server only. GraphiQL sets styles from script and its
// stylesheet embeds its fonts and icons as data: URLs.
const graphiqlPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// graphiql serves GraphiQL's page at /graphiql and its files under /graphiql/.
func graphiql(mux *http.ServeMux) {
	static, err := fs.Sub(graphiqlFiles, "graphiql/static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.FileServerFS(static)
	withPolicy := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", graphiqlPolicy)
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.Header().Set("Referrer-Policy", "no-referrer")
			next.ServeHTTP(w, r)
		})
	}
	mux.Handle("GET /graphiql", withPolicy(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, static, "index.html")
	})))
	mux.Handle("GET /graphiql/", withPolicy(http.StripPrefix("/graphiql/", files)))
}
