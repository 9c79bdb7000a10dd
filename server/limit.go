package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/palabre/palabre"
)

// limitBody refuses request bodies larger than max bytes with 413. It reads
// the body before the GraphQL transport does (which reads it whole anyway),
// because the transport would report a body cut short by http.MaxBytesReader
// as an internal error.
//
// A multipart request (an upload) is bounded by maxUpload instead.
func limitBody(maxBody, maxUpload int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		max := maxBody
		if media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); media == "multipart/form-data" {
			max = maxUpload
		}
		if r.ContentLength > max {
			tooLarge(w, max)
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
			var maxBytes *http.MaxBytesError
			if errors.As(err, &maxBytes) {
				tooLarge(w, max)
				return
			}
			if err != nil {
				writeError(w, http.StatusBadRequest, palabre.EINVALID, "the request body could not be read")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

func tooLarge(w http.ResponseWriter, max int64) {
	writeError(w, http.StatusRequestEntityTooLarge, palabre.EINVALID,
		fmt.Sprintf("the request body is larger than the limit of %d bytes", max))
}
