package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/palabre/palabre/coordination"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/commitment"
	"github.com/palabre/palabre/ent/committee"
	"github.com/palabre/palabre/ent/committeemember"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/progressreport"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// meetingData is a meeting of the MoU's coordination committee: its minutes
// (approved in that order: a second text is a correction), the decision it
// took and the follow-up actions it decided.
type meetingData struct {
	At, Place string
	Online    bool
	Status    meeting.Status
	Agenda    string
	Present   []string
	Minutes   []string
	Decision  *decisionData
	FollowUps []followUpData
}

type decisionData struct{ Question, Outcome string }

// followUpData is an action item decided at a meeting, under a commitment of
// the MoU.
type followUpData struct {
	Commitment, Code, Title, Lead, Due string
	Status                             actionitem.Status
	Progress                           int
}

// mixedCommittee follows the bilateral MoU with Côte d'Ivoire: two meetings
// held (minutes approved, one corrected; decisions; follow-ups, some overdue),
// one postponed, one upcoming. Its last held meeting is more than a quarter
// old, so its next meeting is overdue.
var mixedCommittee = struct {
	Name, Mandate string
	Members       map[string]committeemember.Role
	Meetings      []meetingData
}{
	Name: "Comité bilatéral de coordination Sénégal – Côte d'Ivoire",
	Mandate: "Suivre la mise en œuvre du mémorandum d'entente, arbitrer les priorités de coopération " +
		"et rendre compte aux deux ministres chaque semestre.",
	Members: map[string]committeemember.Role{
		"MENP": committeemember.RoleChair, "MTND-CI": committeemember.RoleCoChair,
		"ANSSI": committeemember.RoleSecretariat, "CDP": committeemember.RoleMember,
	},
	Meetings: []meetingData{
		{At: "2025-06-10T09:00:00Z", Place: "Dakar, Sphère ministérielle de Diamniadio", Status: meeting.StatusHeld,
			Agenda:  "1. Installation du comité\n2. Feuille de route 2025-2026\n3. Calendrier de l'exercice conjoint",
			Present: []string{"MENP", "MTND-CI", "ANSSI", "CDP"},
			Minutes: []string{"Procès-verbal de la réunion d'installation du 10 juin 2025.\n" +
				"Le comité est installé sous la présidence du ministre sénégalais, avec la co-présidence ivoirienne.\n" +
				"La feuille de route 2025-2026 est adoptée ; l'exercice conjoint est fixé au premier semestre 2026."},
			Decision: &decisionData{"Faut-il ouvrir l'exercice conjoint aux CERT sectoriels ?", "Oui, à titre d'observateurs pour la première édition."},
			FollowUps: []followUpData{
				{Commitment: "E1", Code: "A1.3", Title: "Transmettre au comité le scénario de l'exercice conjoint", Lead: "ANSSI",
					Due: "2025-12-15", Status: actionitem.StatusInProgress, Progress: 60},
			}},
		{At: "2025-12-04T09:30:00Z", Place: "Abidjan, Immeuble CCIA", Online: true, Status: meeting.StatusHeld,
			Agenda:  "1. Bilan du canal d'échange entre CERT\n2. Report de l'exercice conjoint\n3. Formation croisée des contrôleurs",
			Present: []string{"MENP", "MTND-CI", "ANSSI"},
			Minutes: []string{
				"Procès-verbal de la réunion du 4 décembre 2025.\nLe canal d'échange est opérationnel. L'exercice conjoint est reporté.",
				"Procès-verbal de la réunion du 4 décembre 2025 (version rectifiée).\n" +
					"Le canal d'échange est opérationnel depuis octobre. L'exercice conjoint est reporté au second semestre 2026.\n" +
					"La CDP, excusée, sera informée par le secrétariat.",
			},
			Decision: &decisionData{"Faut-il reporter l'exercice conjoint de gestion de crise ?", "Oui, au second semestre 2026, faute de financement."},
			FollowUps: []followUpData{
				{Commitment: "E1", Code: "A1.4", Title: "Rechercher un cofinancement pour l'exercice conjoint", Lead: "MENP",
					Due: "2026-03-31", Status: actionitem.StatusCompleted, Progress: 100},
				{Commitment: "E2", Code: "A2.2", Title: "Informer la CDP du calendrier de la formation croisée", Lead: "ANSSI",
					Due: "2026-01-31", Status: actionitem.StatusNotStarted},
			}},
		{At: "2026-03-05T09:00:00Z", Place: "Dakar", Status: meeting.StatusPostponed,
			Agenda: "1. Point d'étape du programme pilote de formation\n2. Préparation de l'exercice"},
		{At: "2027-01-20T09:00:00Z", Place: "Dakar, Sphère ministérielle de Diamniadio", Online: true, Status: meeting.StatusScheduled,
			Agenda: "1. Bilan de l'exercice conjoint\n2. Renouvellement du mémorandum\n3. Programme 2027"},
	},
}

// mouReports are progress reports on the MoU's items, filed after the last
// held meeting: what the committee's secretariat prints before the next one.
var mouReports = []struct {
	Item, Lead, AsOf string
	Before, Status   actionitem.Status
	Progress         int
	Narrative        string
}{
	{"A1.2", "ANSSI", "2026-01-20", actionitem.StatusInProgress, actionitem.StatusDelayed, 30,
		"Le scénario est rédigé ; l'exercice attend son financement."},
	{"A2.1", "CDP", "2026-02-10", actionitem.StatusNotStarted, actionitem.StatusInProgress, 50,
		"Première session de formation croisée tenue à Abidjan avec douze contrôleurs."},
}

// loadCommittees stores the MoU's coordination committee, its meetings,
// minutes, decisions and follow-ups, and reports on the MoU's items.
func loadCommittees(ctx context.Context, c *ent.Client, agencies map[string]pulid.ID, agreements map[string]pulid.ID) error {
	mou := agreements["MoU SN-CI/2025/03"]
	cm, err := c.Committee.Create().SetName(mixedCommittee.Name).SetMandate(mixedCommittee.Mandate).
		SetKind(committee.KindBilateralCoordinationCommittee).SetMeetingEvery(3).SetMeetingEveryUnit(committee.MeetingEveryUnitMonths).
		SetAgreementID(mou).Save(ctx)
	if err != nil {
		return fmt.Errorf("demo: the coordination committee: %w", err)
	}
	for _, acronym := range []string{"MENP", "MTND-CI", "ANSSI", "CDP"} {
		if err := c.CommitteeMember.Create().SetCommitteeID(cm.ID).SetAgencyID(agencies[acronym]).
			SetRole(mixedCommittee.Members[acronym]).Exec(ctx); err != nil {
			return fmt.Errorf("demo: member %s: %w", acronym, err)
		}
	}
	duties := map[string]pulid.ID{}
	for _, code := range []string{"E1", "E2"} {
		if duties[code], err = c.Commitment.Query().Where(commitment.Code(code), commitment.HasAgreementWith(agreement.ID(mou))).OnlyID(ctx); err != nil {
			return fmt.Errorf("demo: commitment %s: %w", code, err)
		}
	}
	for _, md := range mixedCommittee.Meetings {
		at, err := time.Parse(time.RFC3339, md.At)
		if err != nil {
			return err
		}
		create := c.Meeting.Create().SetCommitteeID(cm.ID).SetScheduledAt(at.UTC()).SetPlace(md.Place).SetOnline(md.Online).
			SetStatus(md.Status).SetAgenda(md.Agenda)
		for _, a := range md.Present {
			create.AddAttendeeIDs(agencies[a])
		}
		m, err := create.Save(ctx)
		if err != nil {
			return fmt.Errorf("demo: meeting of %s: %w", md.At, err)
		}
		for _, text := range md.Minutes {
			draft, err := c.Minutes.Create().SetMeetingID(m.ID).SetText(text).Save(ctx)
			if err != nil {
				return fmt.Errorf("demo: minutes of %s: %w", md.At, err)
			}
			if _, err := coordination.Approve(ctx, c, draft.ID, draft.Revision); err != nil {
				return fmt.Errorf("demo: approving the minutes of %s: %w", md.At, err)
			}
		}
		if d := md.Decision; d != nil {
			if err := c.Decision.Create().SetMeetingID(m.ID).SetQuestion(d.Question).SetOptions([]string{"Oui", "Non"}).
				SetStatus(decision.StatusSettled).SetOutcome(d.Outcome).SetBody(decision.BodySteeringCommittee).SetDecidedOn(at.UTC()).
				Exec(ctx); err != nil {
				return fmt.Errorf("demo: decision of %s: %w", md.At, err)
			}
		}
		for _, f := range md.FollowUps {
			if err := c.ActionItem.Create().SetCommitmentID(duties[f.Commitment]).SetMeetingID(m.ID).SetCode(f.Code).SetTitle(f.Title).
				SetLeadAgencyID(agencies[f.Lead]).SetStartDate(at.UTC()).SetDueDate(day(f.Due)).SetStatus(f.Status).SetProgress(f.Progress).
				Exec(ctx); err != nil {
				return fmt.Errorf("demo: follow-up %s: %w", f.Code, err)
			}
		}
	}
	for _, r := range mouReports {
		item, err := c.ActionItem.Query().Where(actionitem.Code(r.Item), actionitem.HasAgreementWith(agreement.ID(mou))).Only(ctx)
		if err != nil {
			return fmt.Errorf("demo: report on %s: %w", r.Item, err)
		}
		if item.Status != r.Status || item.Progress != r.Progress {
			return fmt.Errorf("demo: %s: its progress and status are its latest report's", r.Item)
		}
		if err := c.ProgressReport.Create().SetActionItemID(item.ID).SetAgencyID(agencies[r.Lead]).SetAsOf(day(r.AsOf)).
			SetProgress(r.Progress).SetStatus(progressreport.Status(r.Status)).SetStatusBefore(progressreport.StatusBefore(r.Before)).
			SetNarrative(r.Narrative).Exec(ctx); err != nil {
			return fmt.Errorf("demo: report on %s: %w", r.Item, err)
		}
		if err := c.ActionItem.UpdateOneID(item.ID).SetLastReportedAt(day(r.AsOf)).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
