package graph

import (
	"fmt"
	"time"

	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/graph/model"
	"github.com/palabre/palabre/versions"
)

// versionObjectives is a version's content as GraphQL types: its objectives
// and their action items, as published.
func versionObjectives(content string) ([]*model.VersionObjective, error) {
	snapshot, err := versions.Parse(content)
	if err != nil {
		return nil, fmt.Errorf("version content: %w", err)
	}
	out := make([]*model.VersionObjective, 0, len(snapshot.Objectives))
	for _, o := range snapshot.Objectives {
		obj := &model.VersionObjective{
			ID: o.ID, Code: o.Code, Title: o.Title, Description: o.Description,
			Pillar:      objective.Pillar(o.Pillar),
			ActionItems: make([]*model.VersionActionItem, 0, len(o.ActionItems)),
		}
		if o.ParentCode != "" {
			obj.ParentCode = &o.ParentCode
		}
		for _, a := range o.ActionItems {
			item := &model.VersionActionItem{
				ID: a.ID, Code: a.Code, Title: a.Title, Description: a.Description,
				Priority:           actionitem.Priority(a.Priority),
				Status:             actionitem.Status(a.Status),
				Progress:           a.Progress,
				StartDate:          day(a.StartDate),
				DueDate:            day(a.DueDate),
				LeadAgency:         versionAgency(a.LeadAgency),
				SupportingAgencies: make([]*model.VersionAgency, 0, len(a.SupportingAgencies)),
			}
			for _, s := range a.SupportingAgencies {
				item.SupportingAgencies = append(item.SupportingAgencies, versionAgency(s))
			}
			obj.ActionItems = append(obj.ActionItems, item)
		}
		out = append(out, obj)
	}
	return out, nil
}

func versionAgency(a versions.AgencyRef) *model.VersionAgency {
	return &model.VersionAgency{ID: a.ID, Acronym: a.Acronym, Name: a.Name}
}

// day reads a snapshot's date (YYYY-MM-DD) as midnight UTC.
func day(s *string) *time.Time {
	if s == nil {
		return nil
	}
	t, err := time.Parse(time.DateOnly, *s)
	if err != nil {
		return nil
	}
	return &t
}
