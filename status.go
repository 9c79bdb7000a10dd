package palabre

import "net/http"

// HTTPStatus is the HTTP status that answers a request failed with the code,
// for every endpoint whose status tells how the request went (the CSV export,
// the refusals before GraphQL runs). GraphQL's own answers carry the code in
// extensions.code under the status the GraphQL-over-HTTP specification asks.
func HTTPStatus(code string) int {
	switch code {
	case EUNAUTHENTICATED:
		return http.StatusUnauthorized
	case EFORBIDDEN, EREADONLY:
		return http.StatusForbidden
	case ENOTFOUND:
		return http.StatusNotFound
	case EINVALID, "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED":
		return http.StatusBadRequest
	case ECONFLICT:
		return http.StatusConflict
	case ETIMEOUT, EUNAVAILABLE: // both retryable, as http.TimeoutHandler answers
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}
