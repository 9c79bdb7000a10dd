package server

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
)

// sessionCookie holds a web console session's secret. HttpOnly keeps it from
// scripts; SameSite=Strict keeps other sites' pages from sending it; Secure
// (outside development, where the console runs on http://localhost) keeps it
// off plain HTTP.
const sessionCookie = "palabre_session"

// csrfHeader must be on every request that a session cookie authenticates and
// that is not a GET, HEAD or OPTIONS. A page of another origin cannot add a
// custom header without a CORS preflight, which this server never grants for
// it (allowOrigins allows no credentials and no such header), so a forged
// form or fetch from another site — even a sibling subdomain, which
// SameSite=Strict does not stop — is refused. It needs no state on the server
// nor a cookie readable by scripts, which a double-submit token would; the
// Origin header, when the browser sends one, must also be this server's own.
const csrfHeader = "X-Palabre-CSRF"

// sessions serves the web console's sign-in endpoints under /auth/: each takes
// a JSON body and answers JSON, with errors shaped like GraphQL's.
type sessions struct {
	client   *ent.Client
	policy   access.SessionPolicy
	secure   bool
	failures *failureLimiter
	logger   *slog.Logger
}

// routes adds the endpoints to mux: those that need no caller (signing in,
// setting a password with a link, signing this session out) behind open,
// which checks only that they come from the console's own pages; the one
// that needs the signed-in person behind signedIn.
func (s *sessions) routes(mux *http.ServeMux, open, signedIn func(http.Handler) http.Handler) {
	mux.Handle("POST /auth/sign-in", open(http.HandlerFunc(s.signIn)))
	mux.Handle("POST /auth/sign-out", open(http.HandlerFunc(s.signOut)))
	mux.Handle("POST /auth/set-password", open(http.HandlerFunc(s.setPassword)))
	mux.Handle("POST /auth/sign-out-everywhere", signedIn(http.HandlerFunc(s.signOutEverywhere)))
	mux.Handle("POST /auth/change-password", signedIn(requireCSRF(http.HandlerFunc(s.changePassword))))
}

// requireCSRF refuses a request that may have been forged by another site's
// page (crossSite): signing in through a forged form would sign the victim in
// as the attacker.
func requireCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if msg := crossSite(r); msg != "" {
			writeError(w, http.StatusForbidden, palabre.EFORBIDDEN, msg)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// signIn checks an e-mail and password and sets the session cookie. A wrong
// pair counts as a failed authentication of the client's address, like a
// wrong token.
func (s *sessions) signIn(w http.ResponseWriter, r *http.Request) {
	var in struct{ Email, Password string }
	if !readJSON(w, r, &in) {
		return
	}
	// Unlike a token's, a password can be guessed: once an address has used
	// up its failures, it may not try at all until its allowance refills, or
	// a right guess among the refused ones would still get in.
	if s.failures.exhausted(r) {
		s.failures.refuseWith(w, r, "no password was checked", "")
		return
	}
	secret, _, err := access.SignIn(r.Context(), s.client, in.Email, in.Password, s.policy)
	if palabre.ErrorCode(err) == palabre.EUNAUTHENTICATED {
		s.failures.refuseWith(w, r, palabre.ErrorMessage(err), "")
		return
	}
	if err != nil {
		writeFailure(w, r, s.logger, err)
		return
	}
	// A browser-session cookie, with no Expires: the server decides when the
	// session ends (idle and absolute expiry), and a closed browser forgets it.
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteStrictMode,
	})
	w.WriteHeader(http.StatusNoContent)
}

// signOut ends the session of the request's cookie and clears the cookie.
func (s *sessions) signOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := access.SignOut(r.Context(), s.client, c.Value); err != nil {
			writeFailure(w, r, s.logger, err)
			return
		}
	}
	s.clearCookie(w)
	w.WriteHeader(http.StatusNoContent)
}

// signOutEverywhere ends every session of the signed-in account, this one too.
func (s *sessions) signOutEverywhere(w http.ResponseWriter, r *http.Request) {
	v := auth.FromContext(r.Context())
	if v == nil {
		writeError(w, http.StatusUnauthorized, palabre.EUNAUTHENTICATED, "sign in first: only a signed-in person can sign out everywhere")
		return
	}
	n, err := access.SignOutEverywhere(r.Context(), s.client, v.AccountID)
	if err != nil {
		writeFailure(w, r, s.logger, err)
		return
	}
	s.clearCookie(w)
	writeJSON(w, map[string]int{"ended": n})
}

// changePassword sets the signed-in person's password, given the current one,
// and ends the account's other sessions, keeping this one. A wrong current
// password counts as a failed sign-in of the client's address (the same
// limiter, then 429): a stolen session must not be a way to guess it.
func (s *sessions) changePassword(w http.ResponseWriter, r *http.Request) {
	v := auth.FromContext(r.Context())
	if v == nil {
		writeError(w, http.StatusUnauthorized, palabre.EUNAUTHENTICATED, "sign in first: only a signed-in person can change their password")
		return
	}
	var in struct{ Current, New string }
	if !readJSON(w, r, &in) {
		return
	}
	if s.failures.exhausted(r) {
		s.failures.refuseWith(w, r, "no password was checked", "")
		return
	}
	keep := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		keep = c.Value
	}
	n, err := access.ChangePassword(r.Context(), s.client, v.AccountID, keep, in.Current, in.New)
	if palabre.ErrorCode(err) == palabre.EUNAUTHENTICATED {
		s.failures.refuseWith(w, r, palabre.ErrorMessage(err), "")
		return
	}
	if err != nil {
		writeFailure(w, r, s.logger, err)
		return
	}
	writeJSON(w, map[string]int{"ended": n})
}

// setPassword uses a one-time password link. A link that does not work counts
// as a failed authentication, as a guessed one would.
func (s *sessions) setPassword(w http.ResponseWriter, r *http.Request) {
	var in struct{ Secret, Password string }
	if !readJSON(w, r, &in) {
		return
	}
	_, err := access.SetPassword(r.Context(), s.client, in.Secret, in.Password)
	if palabre.ErrorCode(err) == palabre.EUNAUTHENTICATED {
		s.failures.refuseWith(w, r, palabre.ErrorMessage(err), "")
		return
	}
	if err != nil {
		writeFailure(w, r, s.logger, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *sessions) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
}

// fromCookie authenticates a request by its session cookie: after the CSRF
// check for a request that can change something, the viewer of a live
// session. A cookie whose session has ended is refused (and cleared), so
// that the console learns at once that it must sign in again.
func (s *sessions) fromCookie(w http.ResponseWriter, r *http.Request, c *http.Cookie) (*auth.Viewer, bool) {
	if msg := crossSite(r); msg != "" {
		writeError(w, http.StatusForbidden, palabre.EFORBIDDEN, msg)
		return nil, false
	}
	v, _, err := access.SessionViewer(r.Context(), s.client, c.Value, s.policy)
	if palabre.ErrorCode(err) == palabre.EUNAUTHENTICATED {
		s.clearCookie(w)
		s.failures.refuseWith(w, r, palabre.ErrorMessage(err), "")
		return nil, false
	}
	if err != nil {
		writeFailure(w, r, s.logger, err)
		return nil, false
	}
	return v, true
}

// crossSite explains why a cookie-authenticated request may have been forged
// by another site, or returns "".
func crossSite(r *http.Request) string {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return ""
	}
	if r.Header.Get(csrfHeader) == "" {
		return "a request signed in by a session cookie must carry the " + csrfHeader + " header: the web console sends it; other programs use an API token"
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return "this request comes from another site's page (" + o + "): it may not use your session"
		}
	}
	return ""
}

// readJSON decodes a request's JSON body into v, or answers BAD_USER_INPUT.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, palabre.EINVALID, "send a JSON object as the body")
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
