package archive

import (
	"context"
	"fmt"
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/coordination"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/committee"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/minutes"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// AgreementDownloadPath is where the API serves an agreement's package, as a
// ZIP file.
func AgreementDownloadPath(agreementID pulid.ID) string {
	return "/agreements/" + string(agreementID) + "/archive.zip"
}

// Agreement builds the package of an agreement, for a caller MayExport
// allows: the agreement with its parties and domains, its commitments, its
// action plan with the progress reports, its committees with their members,
// meetings, minutes (each approved text as hashed) and decisions, the files of
// the agreement and of its meetings, its moves, and the audit events of all of
// these and of the records they point to. It reads everything as the system,
// as Strategy does.
func Agreement(ctx context.Context, client *ent.Client, files *attachment.Store, id pulid.ID) (*Bag, error) {
	return build(ctx, client, files, func(b *builder) error { return b.agreement(id) })
}

func (b *builder) agreement(id pulid.ID) error {
	ctx := b.ctx
	a, err := b.client.Agreement.Query().Where(agreement.ID(id)).
		WithParties(func(q *ent.AgreementPartyQuery) { q.WithAgency().Order(ent.Asc("id")) }).
		WithDomains(func(q *ent.DomainQuery) { q.Order(ent.Asc("id")) }).
		WithAttachments().
		Only(ctx)
	if ent.IsNotFound(err) {
		return palabre.Errorf(palabre.ENOTFOUND, "agreement %s not found", id)
	}
	if err != nil {
		return err
	}
	b.bag.Info = agreementInfo(a)
	b.entities = append(b.entities, string(a.ID))
	for _, p := range a.Edges.Parties {
		b.entities = append(b.entities, string(p.ID))
	}
	if err := b.attachments("attachments", a.Edges.Attachments); err != nil {
		return err
	}
	a.Edges.Attachments = nil // listed in attachments/index.json
	if err := b.addJSON("agreement.json", a); err != nil {
		return err
	}
	for _, step := range []func(*ent.Agreement) error{b.commitments, b.agreementPlan, b.committees, b.agreementTransitions} {
		if err := step(a); err != nil {
			return err
		}
	}
	b.add("README.txt", []byte(agreementReadme))
	return b.auditEvents()
}

func (b *builder) commitments(a *ent.Agreement) error {
	list, err := a.QueryCommitments().Order(ent.Asc("position"), ent.Asc("id")).
		WithResponsibleParties(func(q *ent.AgencyQuery) { q.Order(ent.Asc("id")) }).
		All(b.ctx)
	if err != nil {
		return err
	}
	for _, c := range list {
		b.entities = append(b.entities, string(c.ID))
	}
	return b.addJSON("commitments.json", list)
}

// agreementPlan adds the agreement's action items, their indicators and
// their progress reports with measurements.
func (b *builder) agreementPlan(a *ent.Agreement) error {
	items, err := b.client.ActionItem.Query().Where(actionitem.HasAgreementWith(agreement.ID(a.ID))).
		Order(ent.Asc("code"), ent.Asc("id")).
		WithLeadAgency().
		WithSupportingAgencies(func(q *ent.AgencyQuery) { q.Order(ent.Asc("id")) }).
		WithFundingPartners(func(q *ent.AgencyQuery) { q.Order(ent.Asc("id")) }).
		WithIndicators(func(q *ent.IndicatorQuery) { q.Order(ent.Asc("id")) }).
		All(b.ctx)
	if err != nil {
		return err
	}
	var reports []*ent.ProgressReport
	for _, it := range items {
		b.entities = append(b.entities, string(it.ID))
		for _, ind := range it.Edges.Indicators {
			b.entities = append(b.entities, string(ind.ID))
		}
		list, err := it.QueryProgressReports().Order(ent.Asc("created_at"), ent.Asc("id")).
			WithMeasurements(func(q *ent.MeasurementQuery) { q.Order(ent.Asc("id")) }).
			All(b.ctx)
		if err != nil {
			return err
		}
		for _, r := range list {
			b.entities = append(b.entities, string(r.ID))
			for _, m := range r.Edges.Measurements {
				b.entities = append(b.entities, string(m.ID))
			}
		}
		reports = append(reports, list...)
	}
	if err := b.addJSON("action-plan.json", items); err != nil {
		return err
	}
	return b.addJSON("progress-reports.json", reports)
}

// committees adds each committee that follows the agreement, its members,
// and each of its meetings with its moves, minutes, decisions and files.
func (b *builder) committees(a *ent.Agreement) error {
	list, err := b.client.Committee.Query().Where(committee.HasAgreementWith(agreement.ID(a.ID))).
		Order(ent.Asc("created_at"), ent.Asc("id")).
		WithMembers(func(q *ent.CommitteeMemberQuery) { q.WithAgency().Order(ent.Asc("id")) }).
		All(b.ctx)
	if err != nil {
		return err
	}
	for i, c := range list {
		b.entities = append(b.entities, string(c.ID))
		for _, m := range c.Edges.Members {
			b.entities = append(b.entities, string(m.ID))
		}
		dir := fmt.Sprintf("committees/%02d-%s", i+1, c.ID)
		if err := b.addJSON(dir+"/committee.json", c); err != nil {
			return err
		}
		meetings, err := b.client.Meeting.Query().Where(meeting.HasCommitteeWith(committee.ID(c.ID))).
			Order(ent.Asc(meeting.FieldScheduledAt), ent.Asc("id")).
			WithAttendees(func(q *ent.AgencyQuery) { q.Order(ent.Asc("id")) }).
			WithTransitions(func(q *ent.MeetingTransitionQuery) { q.Order(ent.Asc("created_at"), ent.Asc("id")) }).
			WithAttachments().
			All(b.ctx)
		if err != nil {
			return err
		}
		for j, m := range meetings {
			if err := b.meeting(fmt.Sprintf("%s/meetings/%02d-%s", dir, j+1, m.ID), m); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) meeting(dir string, m *ent.Meeting) error {
	b.entities = append(b.entities, string(m.ID))
	for _, t := range m.Edges.Transitions {
		b.entities = append(b.entities, string(t.ID))
	}
	if err := b.attachments(dir+"/attachments", m.Edges.Attachments); err != nil {
		return err
	}
	m.Edges.Attachments = nil
	if err := b.addJSON(dir+"/meeting.json", m); err != nil {
		return err
	}
	versions, err := m.QueryMinutes().Order(ent.Asc(minutes.FieldNumber), ent.Asc("id")).All(b.ctx)
	if err != nil {
		return err
	}
	for _, v := range versions {
		b.entities = append(b.entities, string(v.ID))
		if v.Sha256 != nil {
			// The approved text as hashed: its SHA-256 in the manifest is
			// the minutes' own.
			b.add(fmt.Sprintf("%s/minutes-v%d.txt", dir, v.Number), []byte(coordination.CanonicalText(v.Text)))
		}
	}
	if err := b.addJSON(dir+"/minutes.json", versions); err != nil {
		return err
	}
	decisions, err := m.QueryDecisions().Order(ent.Asc("created_at"), ent.Asc("id")).
		WithPositions(func(q *ent.DecisionPositionQuery) { q.WithAgency().Order(ent.Asc("created_at"), ent.Asc("id")) }).
		WithImplementingAgency().
		All(b.ctx)
	if err != nil {
		return err
	}
	for _, d := range decisions {
		b.entities = append(b.entities, string(d.ID))
		for _, p := range d.Edges.Positions {
			b.entities = append(b.entities, string(p.ID))
		}
	}
	return b.addJSON(dir+"/decisions.json", decisions)
}

func (b *builder) agreementTransitions(a *ent.Agreement) error {
	list, err := a.QueryTransitions().Order(ent.Asc("created_at"), ent.Asc("id")).All(b.ctx)
	if err != nil {
		return err
	}
	for _, t := range list {
		b.entities = append(b.entities, string(t.ID))
	}
	return b.addJSON("transitions.json", list)
}

// agreementInfo is bag-info.txt's description of an agreement's package.
func agreementInfo(a *ent.Agreement) []InfoLine {
	var parties []string
	for _, p := range a.Edges.Parties {
		if ag := p.Edges.Agency; ag != nil {
			parties = append(parties, ag.Acronym)
		}
	}
	return []InfoLine{
		{"Source-Organization", strings.Join(parties, ", ")},
		{"External-Identifier", string(a.ID)},
		{"External-Description", fmt.Sprintf("Archive of the agreement « %s » (%s), status %s", a.Title, a.Kind, a.Status)},
	}
}

// agreementReadme tells a reader years from now what an agreement's package
// holds and how to check it without Palabre.
const agreementReadme = `Archive package of an agreement, written by Palabre as a BagIt package (RFC 8493).

Check it from the bag's root (the folder holding bagit.txt):
  sha256sum -c manifest-sha256.txt      every file under data/
  sha256sum -c tagmanifest-sha256.txt   bagit.txt, bag-info.txt and the manifest

data/agreement.json             the agreement, its parties and domains
data/attachments/               the agreement's files (its signed text, annexes), with index.json
data/commitments.json           what the parties undertook
data/action-plan.json           the agreement's action items, with their agencies and indicators
data/progress-reports.json      the progress reports on them, with their measurements
data/committees/NN-ID/          each committee following the agreement: committee.json (members),
  meetings/NN-ID/               each meeting: meeting.json (attendance, moves), minutes.json (every
                                version), minutes-vN.txt (each approved text as hashed: its SHA-256
                                in the manifest is the minutes' own), decisions.json, attachments/
data/transitions.json           the agreement's moves through its lifecycle
data/audit-events.jsonl         the audit events of all of these and of the records they point to
                                (agencies, domains; not accounts), one JSON object a line, in order

Each audit event is chained: its hash is the SHA-256 (hexadecimal) of the JSON array
  [previous_hash, sequence, at (UTC, RFC 3339 with nanoseconds, no trailing zeros), actor_id,
   operation, entity_type, entity_id, changes]
written without spaces, and previous_hash is the hash of the event before it in the whole trail
(events of other records are not in this package). bag-info.txt gives the head of the trail when
the package was made.
`
