package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/ent/strategyversion"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/versions"
)

const moveStrategy = `mutation($in: MoveStrategyInput!) { moveStrategy(input: $in) {
	strategy { id status revision allowedMoves adoptionReference adoptedOn adoptedVersion { id } }
	transition { from to comment createdAt actor { name } } } }`

// moved is what moveStrategy returns.
type moved struct {
	MoveStrategy struct {
		Strategy struct {
			ID, Status, AdoptionReference string
			Revision                      int
			AllowedMoves                  []string
			AdoptedOn                     *time.Time
			AdoptedVersion                *struct{ ID string }
		}
		Transition struct {
			From, To, Comment string
			CreatedAt         time.Time
			Actor             *struct{ Name string }
		}
	}
}

// lifecycleFixture is a test server with what the lifecycle's guards look for
// (versions, rounds, observations) inserted directly, as the system.
type lifecycleFixture struct {
	*apitest.Server
	t   *testing.T
	ctx context.Context
}

func newLifecycleFixture(t *testing.T) *lifecycleFixture {
	t.Helper()
	return &lifecycleFixture{Server: apitest.New(t), t: t, ctx: access.SystemContext(context.Background())}
}

// in returns the fixture for a subtest, which its helpers then fail.
func (f *lifecycleFixture) in(t *testing.T) *lifecycleFixture {
	sub := *f
	sub.t = t
	return &sub
}

// moveInput is a MoveStrategyInput at the strategy's current revision, with
// the extra fields given.
func (f *lifecycleFixture) moveInput(id pulid.ID, to strategy.Status, extra map[string]any) map[string]any {
	f.t.Helper()
	in := map[string]any{"strategyID": id, "revision": f.Strategy(f.t, id).Revision, "to": to}
	for k, v := range extra {
		in[k] = v
	}
	return map[string]any{"in": in}
}

// move asks a caller to move a strategy.
func (f *lifecycleFixture) move(token string, id pulid.ID, to strategy.Status, extra map[string]any) *apitest.Response {
	f.t.Helper()
	return f.Do(f.t, token, moveStrategy, f.moveInput(id, to, extra))
}

// moveOK moves a strategy as the secretariat and returns what the API said.
func (f *lifecycleFixture) moveOK(id pulid.ID, to strategy.Status, extra map[string]any) moved {
	f.t.Helper()
	var out moved
	f.OK(f.t, f.World.Secretariat, moveStrategy, f.moveInput(id, to, extra), &out)
	return out
}

// walk moves a strategy through the given states as the secretariat, with an
// adopting act for ADOPTED; the other guards are the caller's to provide for.
func (f *lifecycleFixture) walk(id pulid.ID, path ...strategy.Status) {
	f.t.Helper()
	for _, to := range path {
		var extra map[string]any
		if to == strategy.StatusAdopted {
			extra = map[string]any{"adoption": f.adoption(f.version(id))}
		}
		f.moveOK(id, to, extra)
	}
}

// adoption is an AdoptionInput for a version.
func (f *lifecycleFixture) adoption(v *ent.StrategyVersion) map[string]any {
	return map[string]any{"versionID": v.ID, "actReference": "Décret n° 2027-014 du 12 janvier 2027", "actDate": "2027-01-12T00:00:00Z"}
}

// version stores the next version of a strategy: the strategy and its
// objectives, enough for observations to have a target.
func (f *lifecycleFixture) version(strategyID pulid.ID) *ent.StrategyVersion {
	f.t.Helper()
	n, err := f.Client.StrategyVersion.Query().Where(strategyversion.HasStrategyWith(strategy.ID(strategyID))).Count(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	s, err := f.Client.Strategy.Query().Where(strategy.ID(strategyID)).WithObjectives().Only(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	snapshot := versions.Snapshot{Strategy: versions.StrategyDoc{ID: s.ID, Title: s.Title}}
	for _, o := range s.Edges.Objectives {
		snapshot.Objectives = append(snapshot.Objectives, versions.ObjectiveDoc{ID: o.ID, Code: o.Code, Title: o.Title})
	}
	content, err := json.Marshal(snapshot)
	if err != nil {
		f.t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	v, err := f.Client.StrategyVersion.Create().SetStrategyID(strategyID).SetNumber(n + 1).
		SetLabel(fmt.Sprintf("Version %d", n+1)).SetContent(string(content)).SetSha256(hex.EncodeToString(sum[:])).
		Save(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

// round stores a round on a new version of a strategy, open between the two
// times, to which the agencies are invited (the justice ministry if none).
func (f *lifecycleFixture) round(strategyID pulid.ID, opens, closes time.Time, invited ...*ent.Agency) *ent.Consultation {
	f.t.Helper()
	if len(invited) == 0 {
		invited = []*ent.Agency{f.World.Justice}
	}
	c, err := f.Client.Consultation.Create().SetTitle("Consultation écrite des ministères").
		SetKind(consultation.KindWritten).SetVersion(f.version(strategyID)).
		SetOpensAt(opens).SetClosesAt(closes).AddInvitedAgencies(invited...).
		Save(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// plannedRound stores a round that opens tomorrow.
func (f *lifecycleFixture) plannedRound(strategyID pulid.ID) *ent.Consultation {
	now := time.Now()
	return f.round(strategyID, now.Add(24*time.Hour), now.Add(30*24*time.Hour))
}

// objection stores an objection the agency submitted in an open round, on an
// objective of the consulted version.
func (f *lifecycleFixture) objection(round *ent.Consultation, by *ent.Agency, on *ent.Objective) *ent.Observation {
	f.t.Helper()
	o, err := f.Client.Observation.Create().SetConsultation(round).SetAgency(by).
		SetTargetKind(observation.TargetKindObjective).SetTargetID(on.ID).SetKind(observation.KindObjection).
		SetBody("La tutelle de l'agence doit revenir à la Présidence.").SetStatus(observation.StatusSubmitted).
		Save(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return o
}

// fingerprint is the world's fingerprint, which covers moves, versions,
// rounds, observations, decisions and positions.
func (f *lifecycleFixture) fingerprint() string {
	f.t.Helper()
	return f.Fingerprint(f.t)
}

// refused checks that a call failed with the code and stored nothing, and
// returns the message.
func (f *lifecycleFixture) refused(before string, res *apitest.Response, code string) string {
	f.t.Helper()
	if res.Code() != code {
		f.t.Fatalf("want %s, got %+v (data %s)", code, res.Errors, res.Data)
	}
	if after := f.fingerprint(); after != before {
		f.t.Fatalf("a refused call changed the database:\nbefore %s\nafter  %s", before, after)
	}
	return res.Errors[0].Message
}

func TestEveryLegalMoveOfTheLifecycle(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	draft := f.World.Draft.ID
	f.plannedRound(draft)
	const (
		drafting      = strategy.StatusDrafting
		consulting    = strategy.StatusConsultation
		consolidating = strategy.StatusConsolidation
		validating    = strategy.StatusValidation
		submitted     = strategy.StatusSubmitted
	)
	// Every edge of the lifecycle at least once, the way back to drafting from
	// each state before adoption included.
	path := []strategy.Status{
		consulting, drafting,
		consulting, consolidating, drafting,
		consulting, consolidating, consulting, consolidating, validating, drafting,
		consulting, consolidating, validating, submitted, drafting,
		consulting, consolidating, validating, submitted,
		strategy.StatusAdopted, strategy.StatusInImplementation, strategy.StatusSuperseded,
	}
	allowed := map[strategy.Status][]string{
		drafting:                        {"CONSULTATION"},
		consulting:                      {"CONSOLIDATION", "DRAFTING"},
		consolidating:                   {"VALIDATION", "CONSULTATION", "DRAFTING"},
		validating:                      {"SUBMITTED", "DRAFTING"},
		submitted:                       {"ADOPTED", "DRAFTING"},
		strategy.StatusAdopted:          {"IN_IMPLEMENTATION"},
		strategy.StatusInImplementation: {"SUPERSEDED"},
		strategy.StatusSuperseded:       {},
	}
	from := drafting
	for i, to := range path {
		var extra map[string]any
		if to == strategy.StatusAdopted {
			extra = map[string]any{"adoption": f.adoption(f.version(draft))}
		}
		before := f.Strategy(t, draft).Revision
		out := f.moveOK(draft, to, extra).MoveStrategy
		if out.Strategy.Status != string(to) || out.Strategy.Revision != before+1 {
			t.Fatalf("move %d to %s: strategy is %s at revision %d (was %d)", i, to, out.Strategy.Status, out.Strategy.Revision, before)
		}
		if out.Transition.From != string(from) || out.Transition.To != string(to) {
			t.Fatalf("move %d recorded as %s → %s, want %s → %s", i, out.Transition.From, out.Transition.To, from, to)
		}
		if !slices.Equal(out.Strategy.AllowedMoves, allowed[to]) {
			t.Fatalf("allowed moves from %s: %v, want %v", to, out.Strategy.AllowedMoves, allowed[to])
		}
		if stored := f.Strategy(t, draft).Status; stored != to {
			t.Fatalf("stored status %s after moving to %s", stored, to)
		}
		from = to
	}
	n, err := f.Client.StrategyTransition.Query().Count(f.ctx)
	if err != nil || n != len(path) {
		t.Errorf("%d transitions recorded for %d moves (%v)", n, len(path), err)
	}
}

func TestIllegalMovesNameTheAllowedOnes(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	f.plannedRound(w.Draft.ID)
	superseded := w.Adopted.ID
	f.walk(superseded, strategy.StatusInImplementation, strategy.StatusSuperseded)
	for _, c := range []struct {
		name     string
		strategy pulid.ID
		to       strategy.Status
		allowed  []string // named in the message
	}{
		{"drafting to validation", w.Draft.ID, strategy.StatusValidation, []string{"CONSULTATION"}},
		{"drafting to adopted", w.Draft.ID, strategy.StatusAdopted, []string{"CONSULTATION"}},
		{"drafting to drafting", w.Draft.ID, strategy.StatusDrafting, []string{"CONSULTATION"}},
		{"drafting to superseded", w.Draft.ID, strategy.StatusSuperseded, []string{"CONSULTATION"}},
		{"superseded to drafting", superseded, strategy.StatusDrafting, nil},
		{"superseded to in implementation", superseded, strategy.StatusInImplementation, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := f.in(t)
			before := f.fingerprint()
			msg := f.refused(before, f.move(w.Secretariat, c.strategy, c.to, nil), palabre.EINVALID)
			for _, a := range c.allowed {
				if !strings.Contains(msg, a) {
					t.Errorf("the message does not name %s: %s", a, msg)
				}
			}
			if c.allowed == nil && !strings.Contains(msg, "no further") {
				t.Errorf("the message should say the lifecycle ended: %s", msg)
			}
		})
	}
	// Back from adoption is illegal too: the adopted text is final.
	adopted := f.newAdoptedStrategy()
	before := f.fingerprint()
	msg := f.refused(before, f.move(w.Secretariat, adopted, strategy.StatusDrafting, nil), palabre.EINVALID)
	if !strings.Contains(msg, "IN_IMPLEMENTATION") {
		t.Errorf("the message does not name IN_IMPLEMENTATION: %s", msg)
	}
	// And from consultation, submission skips two states.
	f.walk(w.Draft.ID, strategy.StatusConsultation)
	before = f.fingerprint()
	msg = f.refused(before, f.move(w.Secretariat, w.Draft.ID, strategy.StatusSubmitted, nil), palabre.EINVALID)
	if !strings.Contains(msg, "CONSOLIDATION or DRAFTING") {
		t.Errorf("the message does not name the allowed moves: %s", msg)
	}
}

// newAdoptedStrategy stores a strategy and takes it through to adoption.
func (f *lifecycleFixture) newAdoptedStrategy() pulid.ID {
	f.t.Helper()
	s, err := f.Client.Strategy.Create().SetTitle("Stratégie nationale de cybersécurité 2032-2036").SetCountry("SN").
		SetStartYear(2032).SetEndYear(2036).SetOwnerAgency(f.World.Ministry).Save(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	f.plannedRound(s.ID)
	f.walk(s.ID, strategy.StatusConsultation, strategy.StatusConsolidation, strategy.StatusValidation,
		strategy.StatusSubmitted, strategy.StatusAdopted)
	return s.ID
}

func TestConsultationNeedsAnOpenOrPlannedRound(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	now := time.Now()

	before := f.fingerprint()
	msg := f.refused(before, f.move(w.Secretariat, w.Draft.ID, strategy.StatusConsultation, nil), palabre.ECONFLICT)
	if !strings.Contains(msg, "round") {
		t.Errorf("the message should say a round is missing: %s", msg)
	}

	// A round that closed does not count, nor does a round of another strategy.
	f.round(w.Draft.ID, now.Add(-30*24*time.Hour), now.Add(-time.Hour))
	f.plannedRound(w.Adopted.ID)
	before = f.fingerprint()
	f.refused(before, f.move(w.Secretariat, w.Draft.ID, strategy.StatusConsultation, nil), palabre.ECONFLICT)

	f.plannedRound(w.Draft.ID)
	out := f.moveOK(w.Draft.ID, strategy.StatusConsultation, map[string]any{"comment": "Version 1 soumise aux ministères"})
	if out.MoveStrategy.Strategy.Status != "CONSULTATION" {
		t.Errorf("status %s", out.MoveStrategy.Strategy.Status)
	}

	// An open round counts as well, when consolidation calls another round.
	other, err := f.Client.Strategy.Create().SetTitle("Stratégie sectorielle").SetCountry("SN").
		SetStartYear(2027).SetEndYear(2029).SetOwnerAgency(w.Ministry).Save(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.round(other.ID, now.Add(-time.Hour), now.Add(time.Hour))
	f.walk(other.ID, strategy.StatusConsultation)
}

func TestSubmissionNeedsEveryObservationAnsweredAndEveryDecisionSettled(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	now := time.Now()
	round := f.round(w.Draft.ID, now.Add(-time.Hour), now.Add(24*time.Hour), w.Justice, w.Security)
	objection := f.objection(round, w.Justice, w.DraftLegal)
	f.objection(round, w.Security, w.DraftTechnical)
	question := f.putToConsensus(w.Draft.ID, "Présidence", "Primature")
	f.walk(w.Draft.ID, strategy.StatusConsultation, strategy.StatusConsolidation, strategy.StatusValidation)

	before := f.fingerprint()
	msg := f.refused(before, f.move(w.Secretariat, w.Draft.ID, strategy.StatusSubmitted, nil), palabre.ECONFLICT)
	if !strings.Contains(msg, "2 submitted observations") || !strings.Contains(msg, "1 decision is still open") {
		t.Errorf("the message should count what is missing: %s", msg)
	}

	answered, err := f.Client.Observation.Query().Where(observation.StatusEQ(observation.StatusSubmitted)).All(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range answered {
		if o.ID == objection.ID {
			continue
		}
		if err := o.Update().SetStatus(observation.StatusAccepted).Exec(f.ctx); err != nil {
			t.Fatal(err)
		}
	}
	before = f.fingerprint()
	msg = f.refused(before, f.move(w.Secretariat, w.Draft.ID, strategy.StatusSubmitted, nil), palabre.ECONFLICT)
	if !strings.Contains(msg, "1 submitted observation still awaits") {
		t.Errorf("the message should count the one unanswered observation: %s", msg)
	}

	err = objection.Update().SetStatus(observation.StatusRejected).
		SetResponse("La tutelle relève de l'arbitrage du Premier ministre.").Exec(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	before = f.fingerprint()
	msg = f.refused(before, f.move(w.Secretariat, w.Draft.ID, strategy.StatusSubmitted, nil), palabre.ECONFLICT)
	if strings.Contains(msg, "observation") || !strings.Contains(msg, "decision") {
		t.Errorf("only the open decision should be missing: %s", msg)
	}

	f.settle(question, nil)
	out := f.moveOK(w.Draft.ID, strategy.StatusSubmitted, map[string]any{"comment": "Transmis au Conseil des ministres"})
	if out.MoveStrategy.Strategy.Status != "SUBMITTED" {
		t.Errorf("status %s", out.MoveStrategy.Strategy.Status)
	}
}

func TestAdoptionRecordsTheActAndPinsTheVersion(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	f.plannedRound(w.Draft.ID)
	f.walk(w.Draft.ID, strategy.StatusConsultation, strategy.StatusConsolidation, strategy.StatusValidation, strategy.StatusSubmitted)
	ours, theirs := f.version(w.Draft.ID), f.version(w.Adopted.ID)

	for _, c := range []struct {
		name  string
		to    strategy.Status
		extra map[string]any
	}{
		{"no adoption", strategy.StatusAdopted, nil},
		{"a version of another strategy", strategy.StatusAdopted, map[string]any{"adoption": f.adoption(theirs)}},
		{"no act reference", strategy.StatusAdopted, map[string]any{"adoption": map[string]any{
			"versionID": ours.ID, "actReference": "  ", "actDate": "2027-01-12T00:00:00Z"}}},
		{"an adoption with another move", strategy.StatusDrafting, map[string]any{"adoption": f.adoption(ours)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := f.in(t)
			before := f.fingerprint()
			f.refused(before, f.move(w.Secretariat, w.Draft.ID, c.to, c.extra), palabre.EINVALID)
		})
	}

	out := f.moveOK(w.Draft.ID, strategy.StatusAdopted, map[string]any{"adoption": f.adoption(ours)}).MoveStrategy
	s := out.Strategy
	if s.Status != "ADOPTED" || s.AdoptionReference != "Décret n° 2027-014 du 12 janvier 2027" ||
		s.AdoptedOn == nil || !s.AdoptedOn.Equal(time.Date(2027, 1, 12, 0, 0, 0, 0, time.UTC)) ||
		s.AdoptedVersion == nil || s.AdoptedVersion.ID != string(ours.ID) {
		t.Errorf("adopted strategy: %+v", s)
	}
	// The public now reads the strategy and the version it adopted.
	var public struct {
		Node *struct {
			Status         string
			AdoptedVersion *struct{ ID string }
		}
	}
	f.OK(t, "", `query($id: ID!) { node(id: $id) { ... on Strategy { status adoptedVersion { id } } } }`,
		map[string]any{"id": w.Draft.ID}, &public)
	if public.Node == nil || public.Node.AdoptedVersion == nil || public.Node.AdoptedVersion.ID != string(ours.ID) {
		t.Errorf("the public reads %+v", public.Node)
	}
}

func TestTheHistoryListsWhoWhenAndWhy(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	f.plannedRound(w.Draft.ID)
	start := time.Now().Add(-time.Second)
	comments := []string{"Version 1 soumise aux ministères", "Synthèse des observations", "Deuxième tour demandé par l'atelier", ""}
	path := []strategy.Status{strategy.StatusConsultation, strategy.StatusConsolidation, strategy.StatusConsultation, strategy.StatusConsolidation}
	for i, to := range path {
		f.moveOK(w.Draft.ID, to, map[string]any{"comment": comments[i]})
	}

	const history = `query($id: ID!) { node(id: $id) { ... on Strategy {
		transitions { from to comment createdAt actor { name } } } } }`
	var out struct {
		Node struct {
			Transitions []struct {
				From, To, Comment string
				CreatedAt         time.Time
				Actor             *struct{ Name string }
			}
		}
	}
	f.OK(t, w.Secretariat, history, map[string]any{"id": w.Draft.ID}, &out)
	moves := out.Node.Transitions
	if len(moves) != len(path) {
		t.Fatalf("%d moves in the history, want %d", len(moves), len(path))
	}
	from := strategy.StatusDrafting
	last := start
	for i, m := range moves {
		if m.From != string(from) || m.To != string(path[i]) || m.Comment != comments[i] {
			t.Errorf("move %d: %s → %s « %s », want %s → %s « %s »", i, m.From, m.To, m.Comment, from, path[i], comments[i])
		}
		if m.Actor == nil || m.Actor.Name != "Moussa Diop" {
			t.Errorf("move %d: actor %+v, want the secretariat's Moussa Diop", i, m.Actor)
		}
		if m.CreatedAt.Before(last) || m.CreatedAt.After(time.Now().Add(time.Second)) {
			t.Errorf("move %d at %s, out of order or out of the test's time", i, m.CreatedAt)
		}
		from, last = path[i], m.CreatedAt
	}

	// Reviewers read the history too; the public does not read a draft's.
	var reviewed struct {
		Node struct{ Transitions []struct{ To string } }
	}
	f.OK(t, w.Reviewer, history, map[string]any{"id": w.Draft.ID}, &reviewed)
	if len(reviewed.Node.Transitions) != len(path) {
		t.Errorf("the reviewer reads %d moves", len(reviewed.Node.Transitions))
	}
	if res := f.Do(t, "", history, map[string]any{"id": w.Draft.ID}); res.Code() != palabre.ENOTFOUND {
		t.Errorf("the public reads the history of a draft: %s %+v", res.Data, res.Errors)
	}
}

func TestAStaleRevisionCannotMoveAStrategy(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	f.plannedRound(w.Draft.ID)
	read := f.Strategy(t, w.Draft.ID).Revision
	// Someone else edits the strategy after it was read.
	f.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateStrategy(id: $id, revision: $rev, input: {summary: "Résumé révisé"}) { strategy { id } } }`,
		map[string]any{"id": w.Draft.ID, "rev": read}, nil)
	before := f.fingerprint()
	res := f.Do(t, w.Secretariat, moveStrategy, map[string]any{"in": map[string]any{
		"strategyID": w.Draft.ID, "revision": read, "to": "CONSULTATION"}})
	f.refused(before, res, palabre.ECONFLICT)
}

func TestOnlyTheSecretariatMovesAStrategy(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	f.plannedRound(w.Draft.ID)
	for _, c := range []struct {
		caller, token, code string
	}{
		{"admin", w.Admin, palabre.EFORBIDDEN},
		{"reviewer", w.Reviewer, palabre.EFORBIDDEN},
		{"lead agency", w.SecurityAgent, palabre.EFORBIDDEN},
		{"other agency", w.JusticeAgent, palabre.EFORBIDDEN},
		{"public", "", palabre.EUNAUTHENTICATED},
	} {
		t.Run(c.caller, func(t *testing.T) {
			f := f.in(t)
			for _, move := range []struct {
				id pulid.ID
				to strategy.Status
			}{
				{w.Draft.ID, strategy.StatusConsultation}, // legal, guard holds
				{w.Draft.ID, strategy.StatusSubmitted},    // illegal: the caller must not learn it
				{w.Adopted.ID, strategy.StatusInImplementation},
			} {
				before := f.fingerprint()
				f.refused(before, f.move(c.token, move.id, move.to, nil), c.code)
			}
		})
	}
}

func TestAnAdoptedTextIsFrozenButItsImplementationIsReported(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	indicator, err := f.Client.Indicator.Create().SetName("Incidents traités par le CERT").SetUnit("incidents").
		SetActionItem(w.Incidents).Save(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.plannedRound(w.Draft.ID)
	f.walk(w.Draft.ID, strategy.StatusConsultation, strategy.StatusConsolidation, strategy.StatusValidation,
		strategy.StatusSubmitted, strategy.StatusAdopted)

	strategyRev := f.Strategy(t, w.Draft.ID).Revision
	itemRev := f.Item(t, w.Incidents.ID).Revision
	objective, err := f.Client.Objective.Get(f.ctx, w.DraftLegal.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, token, query string
		vars               map[string]any
	}{
		{"strategy title", w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateStrategy(id: $id, revision: $rev, input: {title: "Stratégie révisée"}) { strategy { id } } }`,
			map[string]any{"id": w.Draft.ID, "rev": strategyRev}},
		{"strategy implementing agency", w.Secretariat, `mutation($id: ID!, $rev: Int!, $a: ID!) { updateStrategy(id: $id, revision: $rev, input: {implementingAgencyID: $a}) { strategy { id } } }`,
			map[string]any{"id": w.Draft.ID, "rev": strategyRev, "a": w.Security.ID}},
		{"objective title", w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateObjective(id: $id, revision: $rev, input: {title: "Cadre juridique révisé"}) { objective { id } } }`,
			map[string]any{"id": objective.ID, "rev": objective.Revision}},
		{"new objective", w.Secretariat, `mutation($s: ID!) { createObjective(input: {strategyID: $s, code: "OS9", title: "Former", pillar: CAPACITY_DEVELOPMENT}) { objective { id } } }`,
			map[string]any{"s": w.Draft.ID}},
		{"objective removed", w.Secretariat, `mutation($id: ID!) { deleteObjective(id: $id) { deletedID } }`,
			map[string]any{"id": objective.ID}},
		{"item due date", w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: {dueDate: "2028-12-31T00:00:00Z"}) { actionItem { id } } }`,
			map[string]any{"id": w.Incidents.ID, "rev": itemRev}},
		{"item lead agency", w.Secretariat, `mutation($id: ID!, $rev: Int!, $a: ID!) { updateActionItem(id: $id, revision: $rev, input: {leadAgencyID: $a}) { actionItem { id } } }`,
			map[string]any{"id": w.Incidents.ID, "rev": itemRev, "a": w.Regulator.ID}},
		{"new item", w.Secretariat, `mutation($o: ID!, $a: ID!) { createActionItem(input: {objectiveID: $o, code: "A1.9", title: "Nouvelle action", leadAgencyID: $a}) { actionItem { id } } }`,
			map[string]any{"o": objective.ID, "a": w.Justice.ID}},
		{"item removed", w.Secretariat, `mutation($id: ID!) { deleteActionItem(id: $id) { deletedID } }`,
			map[string]any{"id": w.Law.ID}},
		{"indicator target", w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateIndicator(id: $id, revision: $rev, input: {target: 900}) { indicator { id } } }`,
			map[string]any{"id": indicator.ID, "rev": indicator.Revision}},
		{"new indicator", w.Secretariat, `mutation($i: ID!) { createIndicator(input: {name: "Exercices", actionItemID: $i}) { indicator { id } } }`,
			map[string]any{"i": w.Critical.ID}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := f.in(t)
			before := f.fingerprint()
			msg := f.refused(before, f.Do(t, c.token, c.query, c.vars), palabre.ECONFLICT)
			if !strings.Contains(msg, "adopted") {
				t.Errorf("the message should say the strategy is adopted: %s", msg)
			}
		})
	}

	// Implementation goes on: the lead agency reports progress, the
	// secretariat a status, and the indicator is measured.
	var reported filed
	f.OK(t, w.SecurityAgent, fileReportMutation, report(w.Incidents.ID, apitest.Today.Format("2006-01-02T15:04:05Z"), 75, "DELAYED"), &reported)
	if reported.FileProgressReport.ActionItem.Progress != 75 {
		t.Errorf("progress %d", reported.FileProgressReport.ActionItem.Progress)
	}
	f.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: {status: COMPLETED, progress: 100}) { actionItem { id } } }`,
		map[string]any{"id": w.Critical.ID, "rev": f.Item(t, w.Critical.ID).Revision}, nil)
	f.OK(t, w.Secretariat, `mutation($i: ID!) { createMeasurement(input: {indicatorID: $i, value: 312, measuredAt: "2027-06-30T00:00:00Z"}) { measurement { id } } }`,
		map[string]any{"i": indicator.ID}, nil)
	// And the lifecycle goes on.
	f.walk(w.Draft.ID, strategy.StatusInImplementation)
}

func TestAStrategysStatusChangesOnlyThroughItsLifecycle(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	// Not even the system changes a status around Move: it would skip the
	// guards and the history.
	err := f.Client.Strategy.UpdateOneID(f.World.Draft.ID).SetStatus(strategy.StatusAdopted).Exec(f.ctx)
	if palabre.ErrorCode(err) != palabre.EINVALID {
		t.Errorf("a direct status change gave %v", err)
	}
	err = f.Client.StrategyTransition.Create().SetStrategyID(f.World.Draft.ID).
		SetFromStatus("DRAFTING").SetToStatus("ADOPTED").Exec(f.ctx)
	if palabre.ErrorCode(err) != palabre.EINVALID {
		t.Errorf("a forged move gave %v", err)
	}
	if s := f.Strategy(t, f.World.Draft.ID); s.Status != strategy.StatusDrafting {
		t.Errorf("status %s", s.Status)
	}
}
