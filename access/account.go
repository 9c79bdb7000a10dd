package access

import (
	"context"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/agency"
)

// NewAccount describes an account to create from the command line.
type NewAccount struct {
	Name, Email   string
	Role          auth.Role
	AgencyAcronym string // required for the agency role
}

// CreateAccount creates an account; the model checks the rest (e-mail shape,
// an agency for the agency role, unique e-mail).
func CreateAccount(ctx context.Context, client *ent.Client, a NewAccount) (*ent.Account, error) {
	if !a.Role.Valid() {
		return nil, palabre.Errorf(palabre.EINVALID, "%q is not a role: use one of %v", a.Role, auth.Role("").Values())
	}
	taken, err := client.Account.Query().Where(account.Email(a.Email)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if taken {
		return nil, palabre.Errorf(palabre.ECONFLICT, "an account with the e-mail %s already exists", a.Email)
	}
	create := client.Account.Create().SetName(a.Name).SetEmail(a.Email).SetRole(a.Role)
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
	return create.Save(ctx)
}
