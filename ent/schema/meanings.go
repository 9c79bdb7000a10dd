package schema

// Meanings says what each value of an enum field means, beside the enum, for
// the API's readers: ent/entc (describe.go) writes them into the GraphQL
// schema as the values' descriptions, and refuses to generate an enum value
// that has none.
type Meanings map[string]string

// Name implements ent's schema.Annotation.
func (Meanings) Name() string { return "Meanings" }
