package schema

import (
	"fmt"
	"net/mail"
	"regexp"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"

	"github.com/palabre/palabre/input"
)

// validateCountry accepts ISO 3166-1 alpha-2 country codes, in capitals.
func validateCountry(code string) error {
	if len(code) == 2 {
		if r, err := language.ParseRegion(code); err == nil && r.IsCountry() && r.String() == code {
			return nil
		}
	}
	return fmt.Errorf("%q is not an ISO 3166-1 alpha-2 country code (such as SN, CI, FR)", code)
}

// validateCurrency accepts ISO 4217 currency codes, in capitals.
func validateCurrency(code string) error {
	if len(code) == 3 {
		if u, err := currency.ParseISO(code); err == nil && u.String() == code {
			return nil
		}
	}
	return fmt.Errorf("%q is not an ISO 4217 currency code (such as XOF, EUR, USD)", code)
}

// validateEmail accepts a bare address such as « awa.diop@numerique.gouv.sn ».
func validateEmail(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return fmt.Errorf("%q is not an e-mail address", s)
	}
	return nil
}

var codePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*([.\-][A-Za-z0-9]+)*$`)

// validateCode accepts short reference codes such as « OS1 » or « A1.3 ».
func validateCode(s string) error {
	if len(s) > 20 || !codePattern.MatchString(s) {
		return fmt.Errorf("%q is not a reference code (letters and digits, dots or dashes between them, such as OS1 or A1.3)", s)
	}
	return nil
}

// notBlank accepts text with something other than white space in it: the
// required text fields (titles, names, bodies) use it instead of NotEmpty.
func notBlank(s string) error {
	return input.CheckRequired(s)
}
