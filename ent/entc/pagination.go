package main

import (
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

// paginationOverrides replaces two blocks of entgql's pagination with
// ent/template/pagination.tmpl, so that a connection counts its rows only when
// the count is used. It is an extension listed after entgql's so that its
// blocks are parsed last and win. entgql's own "load_total" block is kept under
// another name so that the override wraps it instead of copying it.
type paginationOverrides struct{ entc.DefaultExtension }

func (paginationOverrides) Templates() []*gen.Template {
	original := entgql.CollectionTemplate.Lookup("gql_pagination/helper/load_total")
	if original == nil {
		log.Fatal("entc: entgql has no gql_pagination/helper/load_total block any more: review ent/template/pagination.tmpl")
	}
	t := gen.NewTemplate("pagination").Funcs(entgql.TemplateFuncs)
	if _, err := t.AddParseTree("gql_pagination/helper/entgql_load_total", original.Tree); err != nil {
		log.Fatalf("entc: keeping entgql's load_total block: %v", err)
	}
	return []*gen.Template{gen.MustParse(t.ParseFiles("./ent/template/pagination.tmpl"))}
}
