package server

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/palabre/palabre"
)

// failureLimiter slows down token guessing: each client address may fail to
// authenticate a few times a minute, then is refused until its allowance
// refills. Successful requests cost nothing.
type failureLimiter struct {
	perMinute int
	mu        sync.Mutex
	byAddress map[string]*rate.Limiter
}

// maxTrackedAddresses bounds the limiter's memory; past it, the table starts afresh.
const maxTrackedAddresses = 10000

func newFailureLimiter(perMinute int) *failureLimiter {
	return &failureLimiter{perMinute: perMinute, byAddress: map[string]*rate.Limiter{}}
}

func (f *failureLimiter) limiter(r *http.Request) *rate.Limiter {
	addr := clientAddress(r)
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.byAddress[addr]
	if !ok {
		if len(f.byAddress) >= maxTrackedAddresses {
			f.byAddress = map[string]*rate.Limiter{}
		}
		l = rate.NewLimiter(rate.Every(time.Minute/time.Duration(f.perMinute)), f.perMinute)
		f.byAddress[addr] = l
	}
	return l
}

// failed records a failed authentication of the request's client.
func (f *failureLimiter) failed(r *http.Request) {
	f.limiter(r).Allow()
}

// guard refuses, with 429, the requests that carry credentials from a client
// address that has used up its failures.
func (f *failureLimiter) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			if l := f.limiter(r); l.Tokens() < 1 {
				wait := time.Duration((1 - l.Tokens()) * float64(time.Minute) / float64(f.perMinute))
				w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
				writeError(w, http.StatusTooManyRequests, palabre.EUNAUTHENTICATED,
					"too many failed authentications from this address: retry later")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// clientAddress is the host of the connection's remote address. Behind a
// reverse proxy every request shares the proxy's address; a deployment there
// should limit failures at the proxy too.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
