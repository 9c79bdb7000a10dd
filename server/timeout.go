package server

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/palabre/palabre"
)

// limitTime bounds a request from its start to the last byte of its answer.
// Its context is cancelled after d, and with it every database query it has
// under way. The handler writes into a buffer: an answer that is not complete
// by the deadline is replaced by a TIMEOUT error, whatever work the handler
// still does (it stops at its next database query, and the limits on
// documents bound the rest). Writing the answer must end by the same deadline.
func limitTime(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		deadline := time.Now().Add(d)
		ctx, cancel := context.WithDeadline(r.Context(), deadline)
		defer cancel()
		rc := http.NewResponseController(w)
		if rc.SetWriteDeadline(deadline) == nil {
			// Without a WriteTimeout the server would keep this deadline for
			// the connection's next request.
			defer rc.SetWriteDeadline(time.Time{})
		}

		answer := &bufferedAnswer{header: http.Header{}, status: http.StatusOK}
		done := make(chan any, 1)
		go func() {
			defer func() { done <- recover() }()
			next.ServeHTTP(answer, r.WithContext(ctx))
		}()
		select {
		case p := <-done:
			if p != nil {
				panic(p)
			}
		case <-ctx.Done():
		}
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			// Also when the handler finished just too late: the limit holds
			// for the whole request, and the answer is not written yet. The
			// short error that says so gets a moment of its own to be sent.
			_ = rc.SetWriteDeadline(time.Now().Add(timeoutErrorGrace))
			writeError(w, palabre.HTTPStatus(palabre.ETIMEOUT), palabre.ETIMEOUT,
				"the request ran out of time and was stopped: ask for less, or retry later")
			return
		}
		if ctx.Err() != nil {
			return // the client has gone
		}
		for k, v := range answer.header {
			w.Header()[k] = v
		}
		w.WriteHeader(answer.status)
		_, _ = answer.body.WriteTo(w)
		_ = rc.Flush()
	})
}

// timeoutErrorGrace is the time given to send the TIMEOUT error itself.
const timeoutErrorGrace = time.Second

// bufferedAnswer holds a handler's answer until the handler is done; it is
// read only after the handler has returned.
type bufferedAnswer struct {
	header      http.Header
	status      int
	wroteHeader bool
	body        bytes.Buffer
}

func (a *bufferedAnswer) Header() http.Header { return a.header }

func (a *bufferedAnswer) WriteHeader(status int) {
	if !a.wroteHeader {
		a.status, a.wroteHeader = status, true
	}
}

func (a *bufferedAnswer) Write(b []byte) (int, error) {
	a.wroteHeader = true
	return a.body.Write(b)
}
