package server

import (
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/palabre/palabre"
)

// failureLimiter slows down token guessing: each client address may fail to
// authenticate a few times a minute; past that, its failures are answered 429
// until its allowance refills. Only failures are limited: a valid credential
// is accepted whatever its address has done, because the staff of a ministry
// share one address behind its NAT or proxy, and one of them must not lock
// the others out. (Tokens carry 256 random bits: the limit slows scanners
// down and keeps them visible; it is not what makes tokens hard to guess.)
type failureLimiter struct {
	perMinute int
	addresses clientAddresses
	mu        sync.Mutex
	byAddress map[netip.Prefix]*rate.Limiter
}

// maxTrackedAddresses bounds the limiter's memory; past it, the table starts afresh.
const maxTrackedAddresses = 10000

func newFailureLimiter(perMinute int, addresses clientAddresses) *failureLimiter {
	return &failureLimiter{perMinute: perMinute, addresses: addresses, byAddress: map[netip.Prefix]*rate.Limiter{}}
}

// refuse answers a request whose credentials are not valid: 401, or 429 when
// its client address has used up its failures.
func (f *failureLimiter) refuse(w http.ResponseWriter, r *http.Request, message string) {
	f.refuseWith(w, r, message, `Bearer realm="palabre", error="invalid_token"`)
}

// refuseWith is refuse with the WWW-Authenticate challenge of the scheme that
// failed: none for a password or a session cookie, which are not HTTP
// authentication schemes.
func (f *failureLimiter) refuseWith(w http.ResponseWriter, r *http.Request, message, challenge string) {
	l := f.limiter(r)
	if !l.Allow() {
		wait := time.Duration((1 - l.Tokens()) * float64(time.Minute) / float64(f.perMinute))
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		writeError(w, http.StatusTooManyRequests, palabre.EUNAUTHENTICATED,
			message+"; too many failed authentications came from this address: retry later")
		return
	}
	if challenge != "" {
		w.Header().Set("WWW-Authenticate", challenge)
	}
	writeError(w, http.StatusUnauthorized, palabre.EUNAUTHENTICATED, message)
}

// exhausted reports whether the request's client address has no failure left
// to make, without spending one.
func (f *failureLimiter) exhausted(r *http.Request) bool {
	return f.limiter(r).Tokens() < 1
}

func (f *failureLimiter) limiter(r *http.Request) *rate.Limiter {
	key := bucket(f.addresses.of(r))
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.byAddress[key]
	if !ok {
		if len(f.byAddress) >= maxTrackedAddresses {
			f.byAddress = map[netip.Prefix]*rate.Limiter{}
		}
		l = rate.NewLimiter(rate.Every(time.Minute/time.Duration(f.perMinute)), f.perMinute)
		f.byAddress[key] = l
	}
	return l
}

// bucket is what failures are counted by: the IPv4 address, or the /64 of an
// IPv6 address, which one subscriber usually holds whole.
func bucket(addr netip.Addr) netip.Prefix {
	bits := addr.BitLen()
	if addr.Is6() {
		bits = 64
	}
	p, _ := addr.Prefix(bits)
	return p
}
