package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

// describe gives every type, field and argument of the derived GraphQL schema a
// description: object types take their ent schema's comment, and the types and
// inputs entgql derives (connections, orders, filters) get one from their shape.
func describe(g *gen.Graph, s *ast.Schema) error {
	for _, t := range g.Nodes {
		if def := s.Types[t.Name]; def != nil {
			if c, ok := t.Annotations["Comment"].(map[string]any); ok {
				def.Description, _ = c["Text"].(string)
			}
		}
	}
	if err := describeEnums(g, s); err != nil {
		return err
	}
	for name, def := range s.Types {
		if def.BuiltIn {
			continue
		}
		if def.Description == "" || name == "Time" { // entgql calls it « The builtin Time type »
			def.Description = typeDescription(name)
		}
		for _, f := range def.Fields {
			if f.Description == "" || (name == "Node" && f.Name == "id") { // entgql's « The id of the object. »
				f.Description = fieldDescription(def, f.Name)
			}
			for _, a := range f.Arguments {
				if a.Description == "" || a.Name == "first" || a.Name == "last" {
					a.Description = argumentDescription(a.Name)
				}
			}
		}
		for _, v := range def.EnumValues {
			if v.Description == "" {
				return fmt.Errorf("the enum value %s.%s has no description: describe it where it is defined", name, v.Name)
			}
		}
	}
	return nil
}

// describeEnums describes the enums entgql derives from the model: an enum
// field's values by their schema.Meanings (ent/schema/meanings.go), the enum
// by the field's comment, the values of an order field by the fields they
// order by, and each edge by its comment.
func describeEnums(g *gen.Graph, s *ast.Schema) error {
	for _, t := range g.Nodes {
		order := s.Types[t.Name+"OrderField"]
		for _, f := range append([]*gen.Field{t.ID}, t.Fields...) {
			if f == nil {
				continue
			}
			if name, ok := orderField(f); ok && order != nil {
				if v := order.EnumValues.ForName(name); v != nil {
					v.Description = "By " + words(f.StructField()) + "."
					if c := f.Comment(); c != "" {
						v.Description = "By " + words(f.StructField()) + ": " + lowerFirst(c)
					}
				}
			}
			if !f.IsEnum() {
				continue
			}
			def := s.Types[t.Name+f.StructField()]
			if def == nil || def.Kind != ast.Enum {
				continue
			}
			var meanings map[string]string
			if raw, ok := f.Annotations["Meanings"]; ok {
				b, _ := json.Marshal(raw)
				if err := json.Unmarshal(b, &meanings); err != nil {
					return fmt.Errorf("%s.%s: schema.Meanings: %v", t.Name, f.Name, err)
				}
			}
			if def.Description == "" || strings.Contains(def.Description, " is enum for the field ") {
				def.Description = f.Comment()
			}
			for _, v := range def.EnumValues {
				if meanings[v.Name] != "" {
					v.Description = meanings[v.Name]
				} else if v.Description == "" {
					return fmt.Errorf("%s.%s: the value %s has no meaning: add it to the field's schema.Meanings in ent/schema", t.Name, f.Name, v.Name)
				}
			}
		}
		if def := s.Types[t.Name]; def != nil {
			for _, e := range t.Edges {
				if f := def.Fields.ForName(camel(e.Name)); f != nil && e.Comment() != "" {
					f.Description = e.Comment()
				}
			}
		}
	}
	return nil
}

// orderField returns the GraphQL order field of an ent field, if it has one.
func orderField(f *gen.Field) (string, bool) {
	raw, ok := f.Annotations["EntGQL"]
	if !ok {
		return "", false
	}
	var ant struct{ OrderField string }
	b, _ := json.Marshal(raw)
	if json.Unmarshal(b, &ant) != nil || ant.OrderField == "" {
		return "", false
	}
	return ant.OrderField, true
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// camel turns a snake_case edge name into its GraphQL field name.
func camel(name string) string {
	parts := strings.Split(name, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

func typeDescription(name string) string {
	switch {
	case name == "Time":
		return "An instant in time, as an RFC 3339 string such as « 2026-06-30T00:00:00Z » or « 2026-06-30T02:00:00+02:00 ». " +
			"Every time is kept and answered in UTC (with a Z), whatever offset it was sent with. " +
			"Years from 1900 to 2200 are accepted; an empty string is refused (send null to leave a time unset)."
	case strings.HasSuffix(name, "Connection"):
		return fmt.Sprintf("A page of %s objects, with cursors to move between pages.", strings.TrimSuffix(name, "Connection"))
	case strings.HasSuffix(name, "Edge"):
		return fmt.Sprintf("An edge in a %sConnection: one object and its cursor.", strings.TrimSuffix(name, "Edge"))
	case strings.HasSuffix(name, "OrderField"):
		return fmt.Sprintf("Fields by which %s lists can be ordered.", strings.TrimSuffix(name, "OrderField"))
	case strings.HasSuffix(name, "Order"):
		return fmt.Sprintf("Ordering of %s lists.", strings.TrimSuffix(name, "Order"))
	}
	if name == "Query" {
		return "What can be read: every object and list of the API, as the caller may see them (the public sees adopted strategies only)."
	}
	return fmt.Sprintf("The %s type.", name)
}

func fieldDescription(def *ast.Definition, name string) string {
	switch name {
	case "edges":
		return "The objects of this page, with their cursors."
	case "pageInfo":
		return "Where this page stands in the whole list."
	case "totalCount":
		return "How many objects the whole list holds, across all pages."
	case "node":
		return "The object at the end of the edge."
	case "cursor":
		return "A cursor for use in pagination: pass it as after or before."
	case "id":
		return "Opaque global identifier of the object."
	case "direction":
		return "The direction in which to order."
	case "field":
		return "The field by which to order."
	case "not":
		return "Matches objects that do not match the given filter."
	case "and":
		return "Matches objects that match every given filter."
	case "or":
		return "Matches objects that match at least one given filter."
	}
	if def.Kind == ast.InputObject && strings.HasSuffix(def.Name, "WhereInput") {
		return predicateDescription(name)
	}
	if def.Kind == ast.InputObject {
		return inputFieldDescription(name)
	}
	return fmt.Sprintf("The %s of the object.", words(name))
}

// predicateDescription describes a where-input field from its name, such as
// titleContainsFold or hasLeadAgencyWith.
func predicateDescription(name string) string {
	if rest, ok := strings.CutPrefix(name, "has"); ok && rest != "" && unicode.IsUpper(rune(rest[0])) {
		if edge, ok := strings.CutSuffix(rest, "With"); ok {
			return fmt.Sprintf("Matches objects with at least one %s that matches the given filters.", words(edge))
		}
		return fmt.Sprintf("Matches objects that have a %s (true) or have none (false).", words(rest))
	}
	for _, p := range []struct{ suffix, text string }{
		{"ContainsFold", "contains the value, ignoring case"},
		{"EqualFold", "equals the value, ignoring case"},
		{"HasPrefix", "starts with the value"},
		{"HasSuffix", "ends with the value"},
		{"Contains", "contains the value"},
		{"NotIn", "is none of the values"},
		{"NotNil", "is set"},
		{"IsNil", "is not set"},
		{"NEQ", "differs from the value"},
		{"GTE", "is greater than or equal to the value"},
		{"LTE", "is less than or equal to the value"},
		{"GT", "is greater than the value"},
		{"LT", "is less than the value"},
		{"In", "is one of the values"},
	} {
		if field, ok := strings.CutSuffix(name, p.suffix); ok && field != "" {
			return fmt.Sprintf("Matches objects whose %s %s.", words(field), p.text)
		}
	}
	return fmt.Sprintf("Matches objects whose %s equals the value.", words(name))
}

func inputFieldDescription(name string) string {
	for _, p := range []struct{ prefix, text string }{
		{"clear", "Clears the %s."},
		{"add", "Adds to the %s."},
		{"remove", "Removes from the %s."},
	} {
		if rest, ok := strings.CutPrefix(name, p.prefix); ok && rest != "" && unicode.IsUpper(rune(rest[0])) {
			return fmt.Sprintf(p.text, words(strings.TrimSuffix(rest, "IDs")))
		}
	}
	if strings.HasSuffix(name, "IDs") {
		return fmt.Sprintf("The %s, by ID.", words(strings.TrimSuffix(name, "IDs")))
	}
	if strings.HasSuffix(name, "ID") {
		return fmt.Sprintf("The %s, by ID.", words(strings.TrimSuffix(name, "ID")))
	}
	return fmt.Sprintf("The %s.", words(name))
}

func argumentDescription(name string) string {
	switch name {
	case "after":
		return "Returns the objects after this cursor."
	case "before":
		return "Returns the objects before this cursor."
	case "first":
		return "Returns the first n objects (at most 100; 20 when neither first nor last is given)."
	case "last":
		return "Returns the last n objects (at most 100)."
	case "orderBy":
		return "Ordering of the objects."
	case "where":
		return "Filters the objects."
	}
	return fmt.Sprintf("The %s.", words(name))
}

// words turns a camelCase name into lower-case words: "leadAgency" → "lead agency".
func words(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
