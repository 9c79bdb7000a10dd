package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// checkIDs checks every ID a mutation is given (and the type of IDs a query
// takes, see checkQueryIDs), in its arguments and in its
// input objects: an ID of the wrong type is BAD_USER_INPUT before the mutation
// runs, and when the mutation fails, an ID that names nothing is NOT_FOUND
// instead of whatever the failure was (a foreign key refused as a conflict, a
// rule refusing an observation that does not exist), both naming the field
// (« leadAgencyID: … »). Looking IDs up only after a failure costs a
// successful mutation no statement.
//
// The type an ID must have follows from its name (see idKinds); IDs of
// existing objects the caller may not read are left to the mutation's rules.
func checkIDs(client *ent.Client) graphql.FieldMiddleware {
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc != nil && fc.Object == "Query" {
			if err := checkQueryIDs(ctx, fc); err != nil {
				return nil, err
			}
			return next(ctx)
		}
		if fc == nil || fc.Object != "Mutation" {
			return next(ctx)
		}
		refs := mutationIDs(fc.Field.Name, fc.Field.ArgumentMap(graphql.GetOperationContext(ctx).Variables))
		for _, ref := range refs {
			if err := ref.checkType(); err != nil {
				return nil, err
			}
		}
		res, err := next(ctx)
		if err == nil {
			return res, nil
		}
		// Read outside the mutation's transaction, which PostgreSQL aborts on
		// a failed statement, past privacy (whether the caller may read the
		// object is the mutation's business) and outside the field's
		// selection, which Noder would otherwise try to load.
		bare := access.AsSystem(context.Background(), "find which of a failed mutation's IDs is unknown")
		if deadline, ok := ctx.Deadline(); ok {
			var cancel context.CancelFunc
			bare, cancel = context.WithDeadline(bare, deadline)
			defer cancel()
		}
		for _, ref := range refs {
			if missing := ref.missing(bare, client); missing != nil {
				return nil, missing
			}
		}
		return res, err
	}
}

// checkQueryIDs checks the type of the IDs a query takes as arguments of their
// own (actionItems' agencyID): a filter on an unknown object finds nothing, but
// one on an object of the wrong type is the caller's mistake. node, nodes and
// auditTrail take IDs of any type; where-inputs are filters.
func checkQueryIDs(ctx context.Context, fc *graphql.FieldContext) error {
	for name, v := range fc.Field.ArgumentMap(graphql.GetOperationContext(ctx).Variables) {
		if name == "where" || name == "id" || name == "ids" || name == "entityID" {
			continue
		}
		for _, ref := range mutationIDs(fc.Field.Name, map[string]any{name: v}) {
			if err := ref.checkType(); err != nil {
				return err
			}
		}
	}
	return nil
}

// idRef is an ID at a place in a mutation's arguments, with the prefixes it may have.
type idRef struct {
	field string // « leadAgencyID », « adoption.versionID », « addSupportingAgencyIDs[1] »
	id    string
	kinds []string
}

func (r idRef) checkType() error {
	id := pulid.ID(r.id)
	if !id.Valid() || slices.Contains(r.kinds, id.Prefix()) {
		return nil // a malformed ID was refused by the ID scalar already
	}
	wanted := make([]string, len(r.kinds))
	for i, k := range r.kinds {
		wanted[i] = kindNames[k]
	}
	if what := kindNames[id.Prefix()]; what != "" {
		return palabre.Errorf(palabre.EINVALID, "%s: %s is the ID of %s, not of %s", r.field, r.id, what, strings.Join(wanted, " or "))
	}
	return palabre.Errorf(palabre.EINVALID, "%s: %s is not the ID of %s", r.field, r.id, strings.Join(wanted, " or "))
}

// missing returns NOT_FOUND naming the field when the ID names nothing.
func (r idRef) missing(ctx context.Context, db *ent.Client) error {
	id := pulid.ID(r.id)
	if !id.Valid() {
		return nil
	}
	if _, err := db.Noder(ctx, id, ent.WithNodeType(ent.IDToType)); ent.IsNotFound(err) {
		what := strings.TrimPrefix(strings.TrimPrefix(kindNames[id.Prefix()], "a "), "an ")
		return palabre.Errorf(palabre.ENOTFOUND, "%s: there is no %s with the ID %s", r.field, what, r.id)
	}
	return nil
}

// mutationIDs lists the IDs in a mutation's raw arguments.
func mutationIDs(mutation string, args map[string]any) []idRef {
	var refs []idRef
	var walk func(path, name string, v any)
	walk = func(path, name string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(join(path, k), k, x)
			}
		case []any:
			for i, x := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), name, x)
			}
		case string:
			if kinds := idKinds(mutation, name); kinds != nil {
				refs = append(refs, idRef{field: path, id: v, kinds: kinds})
			}
		}
	}
	for name, v := range args {
		path := name
		if name == "input" {
			path = ""
		}
		walk(path, name, v)
	}
	slices.SortFunc(refs, func(a, b idRef) int { return strings.Compare(a.field, b.field) })
	return refs
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// idKinds returns the prefixes an ID argument or input field of a mutation may
// have, from its name: « id » and « parentID » are of the mutation's own type
// (updateAgency: an agency), « leadAgencyID » and « addSupportingAgencyIDs » of
// an agency, « takenIntoVersionID » of a version. It returns nil for a name
// that does not hold IDs. TestEveryIDInputHasAKnownType keeps every ID field
// of the schema covered.
func idKinds(mutation, name string) []string {
	var base string
	switch {
	case strings.HasSuffix(name, "IDs"):
		base = strings.TrimSuffix(name, "IDs")
	case strings.HasSuffix(name, "ID"):
		base = strings.TrimSuffix(name, "ID")
	case name == "id":
	default:
		return nil
	}
	for _, verb := range []string{"add", "remove"} {
		if rest, ok := strings.CutPrefix(base, verb); ok && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' {
			base = strings.ToLower(rest[:1]) + rest[1:]
		}
	}
	switch base {
	case "", "parent", "child":
		return kindOf(mutationSubject(mutation))
	case "target": // an observation's target: an objective or an action item
		return []string{"OB", "AI"}
	case "owner": // an attachment's record
		return attachment.OwnerKinds
	case "dependsOn":
		return []string{"AI"}
	case "fundingPartner", "responsibleParty":
		return []string{"AG"}
	case "implements": // the commitment a strategy's item implements
		return []string{"CM"}
	}
	return kindOf(base)
}

// mutationSubject is the type a mutation acts on: updateActionItem → ActionItem.
func mutationSubject(mutation string) string {
	for i, r := range mutation {
		if r >= 'A' && r <= 'Z' {
			return mutation[i:]
		}
	}
	return mutation
}

// kindOf finds the type a name ends with (leadAgency → agency) among the model's.
func kindOf(name string) []string {
	lower := strings.ToLower(name)
	best, kind := 0, ""
	for suffix, k := range kindSuffixes {
		if strings.HasSuffix(lower, suffix) && len(suffix) > best {
			best, kind = len(suffix), k
		}
	}
	if kind == "" {
		return nil
	}
	return []string{kind}
}

// kindSuffixes maps the ends of names to ID prefixes (ent/schema/*.go).
var kindSuffixes = map[string]string{
	"agency": "AG", "account": "AC", "apitoken": "TK", "token": "TK",
	"strategy": "ST", "objective": "OB", "actionitem": "AI", "indicator": "IN",
	"measurement": "ME", "consultation": "CO", "observation": "OS", "version": "SV",
	"decision": "DE", "position": "DP", "transition": "TR",
	"domain": "DO", "agreement": "AR", "agreementparty": "AP", "commitment": "CM",
	"attachment": "AT", "webhookendpoint": "WE",
	"committee": "CT", "committeemember": "CB", "meeting": "MG", "minutes": "MN", "attendee": "AG",
}

// kindNames names each type in messages.
var kindNames = map[string]string{
	"AG": "an agency", "AC": "an account", "TK": "an API token", "ST": "a strategy",
	"OB": "an objective", "AI": "an action item", "IN": "an indicator", "ME": "a measurement",
	"CO": "a consultation round", "OS": "an observation", "SV": "a version", "DE": "a decision",
	"DP": "a position", "TR": "a transition", "AU": "an audit event",
	"DO": "a cooperation domain", "AR": "an agreement", "AP": "a party to an agreement", "CM": "a commitment",
	"AX": "a move of an agreement", "AT": "an attachment", "WE": "a webhook endpoint",
	"CT": "a committee", "CB": "a member of a committee", "MG": "a meeting", "MX": "a move of a meeting", "MN": "minutes",
}
