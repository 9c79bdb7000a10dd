package access

import (
	"context"

	"entgo.io/ent/dialect/sql/sqlgraph"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// NewAccount describes an account to create. Its agency is given by ID (the
// API) or by acronym (the command line).
type NewAccount struct {
	Name, Email   string
	Role          auth.Role
	AgencyID      *pulid.ID // the agency the account speaks for: required for the agency role
	AgencyAcronym string    // the same, by acronym
	Disabled      bool
}

// CreateAccount creates an account: the one way the API, the command line and
// the demo do it. The context decides who may (an administrator, or the
// system); an e-mail that another account has is a CONFLICT saying so; the
// model checks the rest (e-mail shape, an agency for the agency role).
func CreateAccount(ctx context.Context, client *ent.Client, a NewAccount) (*ent.Account, error) {
	if !a.Role.Valid() {
		return nil, palabre.Errorf(palabre.EINVALID, "%q is not a role: use one of %v", a.Role, auth.Role("").Values())
	}
	create := client.Account.Create().SetName(a.Name).SetEmail(a.Email).SetRole(a.Role).SetDisabled(a.Disabled).
		SetNillableAgencyID(a.AgencyID)
	// Asked first, so that a caller who may not create accounts learns
	// nothing of those that exist.
	if err := account.Policy.EvalMutation(ctx, create.Mutation()); err != nil {
		return nil, err
	}
	taken := palabre.Errorf(palabre.ECONFLICT, "an account with the e-mail %s already exists: give another e-mail, or update that account", a.Email)
	exists, err := client.Account.Query().Where(account.Email(a.Email)).Exist(AsSystem(ctx, "whether an e-mail is taken"))
	if err != nil {
		return nil, err
	}
	if exists {
		return nil, taken
	}
	if a.AgencyAcronym != "" {
		id, err := client.Agency.Query().Where(agency.Acronym(a.AgencyAcronym)).OnlyID(ctx)
		if ent.IsNotFound(err) {
			return nil, palabre.Errorf(palabre.ENOTFOUND, "no agency has the acronym %s", a.AgencyAcronym)
		}
		if err != nil {
			return nil, err
		}
		create.SetAgencyID(id)
	}
	acc, err := create.Save(ctx)
	if sqlgraph.IsUniqueConstraintError(err) {
		return nil, taken // created at the same time by another request
	}
	return acc, err
}

// CheckAgency requires an account with the agency role to speak for an agency.
func CheckAgency(role auth.Role, hasAgency bool) error {
	if role == auth.RoleAgency && !hasAgency {
		return palabre.Errorf(palabre.EINVALID, "an account with the AGENCY role needs the agency it speaks for")
	}
	return nil
}
