package graph

import (
	"github.com/palabre/palabre/graph/model"
	"github.com/palabre/palabre/versions"
)

// comparison turns a versions.Comparison into the GraphQL VersionComparison.
func comparison(c *versions.Comparison) *model.VersionComparison {
	return &model.VersionComparison{
		From:        c.From,
		To:          c.To,
		Strategy:    fieldChanges(c.Strategy),
		Objectives:  entityChanges(c.Objectives),
		ActionItems: entityChanges(c.ActionItems),
	}
}

func entityChanges(c versions.EntityChanges) *model.EntityChanges {
	out := &model.EntityChanges{
		Added:   versionedEntities(c.Added),
		Removed: versionedEntities(c.Removed),
		Changed: make([]*model.ChangedEntity, 0, len(c.Changed)),
	}
	for _, e := range c.Changed {
		out.Changed = append(out.Changed, &model.ChangedEntity{ID: e.ID, Code: e.Code, Title: e.Title, Fields: fieldChanges(e.Fields)})
	}
	return out
}

func versionedEntities(list []versions.Entity) []*model.VersionedEntity {
	out := make([]*model.VersionedEntity, 0, len(list))
	for _, e := range list {
		out = append(out, &model.VersionedEntity{ID: e.ID, Code: e.Code, Title: e.Title})
	}
	return out
}

func fieldChanges(list []versions.FieldChange) []*model.FieldChange {
	out := make([]*model.FieldChange, 0, len(list))
	for _, f := range list {
		out = append(out, &model.FieldChange{Field: f.Field, Before: f.Before, After: f.After})
	}
	return out
}
