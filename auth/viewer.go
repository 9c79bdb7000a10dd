package auth

import (
	"context"

	"github.com/palabre/palabre/ent/schema/pulid"
)

// Viewer is the authenticated caller of a request.
type Viewer struct {
	AccountID pulid.ID
	Role      Role
	AgencyID  pulid.ID // set for the agency role only
}

type viewerKey struct{}

// NewContext returns a context carrying the viewer.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// FromContext returns the viewer of the request, or nil for the public.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey{}).(*Viewer)
	return v
}

// Is reports whether the viewer holds the given role; the public holds none.
func (v *Viewer) Is(r Role) bool {
	return v != nil && v.Role == r
}
