package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/ent/strategyversion"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/versions"
)

const publishVersionMutation = `mutation($in: PublishVersionInput!) { publishVersion(input: $in) { version {
	id number label changelog content sha256 publishedBy { email } strategy { id } } } }`

// publishedVersion is a version as publishVersionMutation and node return it.
type publishedVersion struct {
	ID, Label, Changelog, Content, Sha256 string
	Number                                int
	PublishedBy                           *struct{ Email string }
	Strategy                              struct{ ID string }
}

// publishWorkingCopy publishes the strategy's working copy as the secretariat.
func publishWorkingCopy(t *testing.T, s *apitest.Server, strategyID pulid.ID, label string) publishedVersion {
	t.Helper()
	var out struct {
		PublishVersion struct{ Version publishedVersion }
	}
	s.OK(t, s.World.Secretariat, publishVersionMutation, map[string]any{"in": map[string]any{
		"strategyID": strategyID, "label": label, "changelog": "Après l'atelier de validation",
	}}, &out)
	return out.PublishVersion.Version
}

// readVersion reads a version through node() with a token ("" for the public).
func readVersion(t *testing.T, s *apitest.Server, token, id string) (publishedVersion, *apitest.Response) {
	t.Helper()
	res := s.Do(t, token, `query($id: ID!) { node(id: $id) { ... on StrategyVersion { id number label content sha256 } } }`,
		map[string]any{"id": id})
	var out struct{ Node *publishedVersion }
	if err := json.Unmarshal(res.Data, &out); err != nil {
		t.Fatal(err)
	}
	if out.Node == nil {
		return publishedVersion{}, res
	}
	return *out.Node, res
}

func contentHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// versionCount counts the stored versions: Fingerprint does not.
func versionCount(t *testing.T, s *apitest.Server) int {
	t.Helper()
	n, err := s.Client.StrategyVersion.Query().Count(access.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTheSecretariatPublishesNumberedVersions(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	ctx := access.SystemContext(context.Background())
	if _, err := s.Client.Indicator.Create().SetActionItem(w.Incidents).SetName("Incidents traités").
		SetUnit("incidents").SetTarget(500).Save(ctx); err != nil {
		t.Fatal(err)
	}

	v1 := publishWorkingCopy(t, s, w.Draft.ID, "Projet 2027")
	if v1.Number != 1 || v1.Label != "Projet 2027" || v1.Changelog != "Après l'atelier de validation" || v1.Strategy.ID != string(w.Draft.ID) {
		t.Errorf("first version: %+v", v1)
	}
	if v1.PublishedBy == nil || v1.PublishedBy.Email != "secretariat@palabre.test" {
		t.Errorf("the version should be published by the secretariat, got %+v", v1.PublishedBy)
	}
	if v1.Sha256 != contentHash(v1.Content) {
		t.Errorf("sha256 %s is not the hash of the content (%s)", v1.Sha256, contentHash(v1.Content))
	}

	snap, err := versions.Parse(v1.Content)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Strategy.Title != w.Draft.Title || snap.Strategy.OwnerAgency.Acronym != "MEN" || snap.Strategy.ImplementingAgency != nil {
		t.Errorf("strategy in the snapshot: %+v", snap.Strategy)
	}
	var codes []string
	for _, o := range snap.Objectives {
		codes = append(codes, o.Code)
		for _, it := range o.ActionItems {
			codes = append(codes, it.Code)
		}
	}
	if want := []string{"OS1", "A1.1", "OS2", "A2.1", "A2.2"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("objectives and items in the snapshot: %v, want %v", codes, want)
	}
	incidents, ok := snap.ActionItem(w.Incidents.ID)
	if !ok {
		t.Fatal("the incidents item is not in the snapshot")
	}
	if incidents.LeadAgency.Acronym != "ANSSI" || agencyAcronyms(incidents.SupportingAgencies) != "MJ" || agencyAcronyms(incidents.FundingPartners) != "UIT" {
		t.Errorf("agencies of A2.1: lead %s, supporting %s, funding %s", incidents.LeadAgency.Acronym,
			agencyAcronyms(incidents.SupportingAgencies), agencyAcronyms(incidents.FundingPartners))
	}
	if *incidents.StartDate != "2025-01-01" || *incidents.DueDate != "2026-06-30" || *incidents.EstimatedBudget != 750_000_000 || *incidents.BudgetCurrency != "XOF" {
		t.Errorf("schedule and budget of A2.1: %+v", incidents)
	}
	if len(incidents.Indicators) != 1 || incidents.Indicators[0].Name != "Incidents traités" || *incidents.Indicators[0].Target != 500 {
		t.Errorf("indicators of A2.1: %+v", incidents.Indicators)
	}
	if critical, _ := snap.ActionItem(w.Critical.ID); !reflect.DeepEqual(critical.DependsOn, []string{"A2.1"}) {
		t.Errorf("A2.2 should depend on A2.1, got %v", critical.DependsOn)
	}

	// Nothing changed: the next number, the same content, the same hash.
	v2 := publishWorkingCopy(t, s, w.Draft.ID, "Projet 2027, relu")
	if v2.Number != 2 || v2.Content != v1.Content || v2.Sha256 != v1.Sha256 {
		t.Errorf("second version: number %d, same content %v, same hash %v", v2.Number, v2.Content == v1.Content, v2.Sha256 == v1.Sha256)
	}
	// Numbers count per strategy.
	if other := publishWorkingCopy(t, s, w.Adopted.ID, "Texte adopté"); other.Number != 1 {
		t.Errorf("the first version of another strategy is number %d", other.Number)
	}
}

func agencyAcronyms(refs []versions.AgencyRef) string {
	out := ""
	for i, r := range refs {
		if i > 0 {
			out += ","
		}
		out += r.Acronym
	}
	return out
}

func TestOnlyTheSecretariatPublishesVersions(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	for caller, token := range callers(w) {
		if caller == "secretariat" {
			continue
		}
		for name, st := range map[string]pulid.ID{"draft": w.Draft.ID, "adopted": w.Adopted.ID} {
			t.Run(caller+"/"+name, func(t *testing.T) {
				before, count := s.Fingerprint(t), versionCount(t, s)
				want := palabre.EFORBIDDEN
				if caller == "public" {
					want = palabre.EUNAUTHENTICATED
				}
				s.Fails(t, token, publishVersionMutation, map[string]any{"in": map[string]any{"strategyID": st, "label": "v1"}}, want)
				if s.Fingerprint(t) != before || versionCount(t, s) != count {
					t.Errorf("a refused publication stored something")
				}
			})
		}
	}

	for name, c := range map[string]struct {
		in   map[string]any
		code string
	}{
		"no label":         {map[string]any{"strategyID": w.Draft.ID, "label": ""}, palabre.EINVALID},
		"unknown strategy": {map[string]any{"strategyID": pulid.MustNew("ST"), "label": "v1"}, palabre.ENOTFOUND},
	} {
		t.Run(name, func(t *testing.T) {
			before, count := s.Fingerprint(t), versionCount(t, s)
			s.Fails(t, w.Secretariat, publishVersionMutation, map[string]any{"in": c.in}, c.code)
			if s.Fingerprint(t) != before || versionCount(t, s) != count {
				t.Errorf("a refused publication stored something")
			}
		})
	}
}

func TestAPublishedVersionDoesNotFollowTheWorkingCopy(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	v1 := publishWorkingCopy(t, s, w.Draft.ID, "Projet 2027")

	it := s.Item(t, w.Incidents.ID)
	s.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: {title: "Créer le CERT national", progress: 70}) { actionItem { id } } }`,
		map[string]any{"id": it.ID, "rev": it.Revision}, nil)

	again, res := readVersion(t, s, w.Reviewer, v1.ID)
	if len(res.Errors) > 0 || again.Content != v1.Content || again.Sha256 != v1.Sha256 {
		t.Errorf("the published version changed with the working copy: %+v", res.Errors)
	}
	v2 := publishWorkingCopy(t, s, w.Draft.ID, "Projet 2027, CERT")
	snap, err := versions.Parse(v2.Content)
	if err != nil {
		t.Fatal(err)
	}
	if item, _ := snap.ActionItem(w.Incidents.ID); item.Title != "Créer le CERT national" || item.Progress != 70 || v2.Sha256 == v1.Sha256 {
		t.Errorf("the next version should hold the change: %+v", item)
	}
}

const compareVersionsQuery = `query($from: ID!, $to: ID!) { compareVersions(from: $from, to: $to) {
	from { number } to { number }
	strategy { field before after }
	objectives { added { id code title } removed { id code title } changed { id code title fields { field before after } } }
	actionItems { added { id code title } removed { id code title } changed { id code title fields { field before after } } } } }`

type versionedEntity struct{ ID, Code, Title string }

type versionFieldChange struct {
	Field         string
	Before, After *string
}

type versionEntityChanges struct {
	Added, Removed []versionedEntity
	Changed        []struct {
		versionedEntity
		Fields []versionFieldChange
	}
}

type versionComparison struct {
	From, To                struct{ Number int }
	Strategy                []versionFieldChange
	Objectives, ActionItems versionEntityChanges
}

func TestComparingTwoVersionsReportsWhatChanged(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	v1 := publishWorkingCopy(t, s, w.Draft.ID, "Projet 2027")

	// Add an objective, remove an item, and give another item a new title and lead.
	var created struct {
		CreateObjective struct{ Objective struct{ ID string } }
	}
	s.OK(t, w.Secretariat, `mutation($in: CreateObjectiveInput!) { createObjective(input: $in) { objective { id } } }`,
		map[string]any{"in": map[string]any{"strategyID": w.Draft.ID, "code": "OS3", "title": "Former les talents", "pillar": "CAPACITY_DEVELOPMENT", "position": 2}}, &created)
	s.OK(t, w.Secretariat, `mutation($id: ID!) { deleteActionItem(id: $id) { deletedID } }`, map[string]any{"id": w.Law.ID}, nil)
	it := s.Item(t, w.Critical.ID)
	s.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!, $lead: ID!) { updateActionItem(id: $id, revision: $rev, input: {title: "Sécuriser les opérateurs d'importance vitale", leadAgencyID: $lead}) { actionItem { id } } }`,
		map[string]any{"id": it.ID, "rev": it.Revision, "lead": w.Justice.ID}, nil)
	v2 := publishWorkingCopy(t, s, w.Draft.ID, "Projet 2027, révisé")

	var out struct{ CompareVersions versionComparison }
	s.OK(t, w.Reviewer, compareVersionsQuery, map[string]any{"from": v1.ID, "to": v2.ID}, &out)
	c := out.CompareVersions
	if c.From.Number != 1 || c.To.Number != 2 || len(c.Strategy) != 0 {
		t.Errorf("from %d to %d, strategy changes %+v", c.From.Number, c.To.Number, c.Strategy)
	}
	if want := []versionedEntity{{created.CreateObjective.Objective.ID, "OS3", "Former les talents"}}; !reflect.DeepEqual(c.Objectives.Added, want) ||
		len(c.Objectives.Removed) != 0 || len(c.Objectives.Changed) != 0 {
		t.Errorf("objectives: %+v, want only %v added", c.Objectives, want)
	}
	if want := []versionedEntity{{string(w.Law.ID), "A1.1", w.Law.Title}}; !reflect.DeepEqual(c.ActionItems.Removed, want) || len(c.ActionItems.Added) != 0 {
		t.Errorf("items added %+v and removed %+v, want only %v removed", c.ActionItems.Added, c.ActionItems.Removed, want)
	}
	if len(c.ActionItems.Changed) != 1 {
		t.Fatalf("want one changed item, got %+v", c.ActionItems.Changed)
	}
	changed := c.ActionItems.Changed[0]
	if changed.versionedEntity != (versionedEntity{string(w.Critical.ID), "A2.2", "Sécuriser les opérateurs d'importance vitale"}) {
		t.Errorf("changed item: %+v", changed.versionedEntity)
	}
	var fields []string
	for _, f := range changed.Fields {
		fields = append(fields, f.Field)
	}
	if !reflect.DeepEqual(fields, []string{"title", "leadAgency"}) {
		t.Fatalf("changed fields of A2.2: %v, want title and leadAgency", fields)
	}
	oldTitle, _ := json.Marshal(w.Critical.Title)
	if title := changed.Fields[0]; *title.Before != string(oldTitle) || *title.After != `"Sécuriser les opérateurs d'importance vitale"` {
		t.Errorf("title before %s after %s", *title.Before, *title.After)
	}
	var before, after versions.AgencyRef
	lead := changed.Fields[1]
	if json.Unmarshal([]byte(*lead.Before), &before) != nil || json.Unmarshal([]byte(*lead.After), &after) != nil ||
		before.Acronym != "ANSSI" || after.Acronym != "MJ" {
		t.Errorf("lead agency before %s after %s", *lead.Before, *lead.After)
	}

	// The other way round, what was added was removed.
	s.OK(t, w.Reviewer, compareVersionsQuery, map[string]any{"from": v2.ID, "to": v1.ID}, &out)
	if r := out.CompareVersions; len(r.Objectives.Removed) != 1 || len(r.ActionItems.Added) != 1 || len(r.ActionItems.Changed) != 1 {
		t.Errorf("v2 → v1: %+v", r)
	}
	// A version compared with itself has no change.
	s.OK(t, w.Reviewer, compareVersionsQuery, map[string]any{"from": v1.ID, "to": v1.ID}, &out)
	if r := out.CompareVersions; len(r.Objectives.Added)+len(r.Objectives.Removed)+len(r.Objectives.Changed)+
		len(r.ActionItems.Added)+len(r.ActionItems.Removed)+len(r.ActionItems.Changed)+len(r.Strategy) != 0 {
		t.Errorf("v1 → v1: %+v", r)
	}
}

func TestComparingVersionsNeedsTwoVisibleVersionsOfOneStrategy(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	draft := publishWorkingCopy(t, s, w.Draft.ID, "Projet 2027")
	adopted := publishWorkingCopy(t, s, w.Adopted.ID, "Texte adopté")
	for name, c := range map[string]struct {
		token, from, to, code string
	}{
		"two strategies":  {w.Reviewer, draft.ID, adopted.ID, palabre.EINVALID},
		"unknown version": {w.Reviewer, draft.ID, string(pulid.MustNew("SV")), palabre.ENOTFOUND},
		"hidden version":  {"", draft.ID, draft.ID, palabre.ENOTFOUND},
	} {
		t.Run(name, func(t *testing.T) {
			s.Fails(t, c.token, compareVersionsQuery, map[string]any{"from": c.from, "to": c.to}, c.code)
		})
	}
}

func TestThePublicReadsTheAdoptedVersionOnly(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	draft := publishWorkingCopy(t, s, w.Draft.ID, "Projet 2027")
	v1 := publishWorkingCopy(t, s, w.Adopted.ID, "Texte adopté")
	v2 := publishWorkingCopy(t, s, w.Adopted.ID, "Texte mis à jour")

	for _, v := range []publishedVersion{draft, v1, v2} {
		if _, res := readVersion(t, s, "", v.ID); res.Code() != palabre.ENOTFOUND {
			t.Errorf("before adoption the public read version %d of %s: %+v", v.Number, v.Strategy.ID, res.Errors)
		}
	}

	ctx := access.SystemContext(context.Background())
	if err := s.Client.Strategy.UpdateOneID(w.Adopted.ID).SetAdoptedVersionID(pulid.ID(v1.ID)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if got, res := readVersion(t, s, "", v1.ID); len(res.Errors) > 0 || got.Sha256 != v1.Sha256 || got.Content != v1.Content {
		t.Errorf("the public should read the adopted version: %+v", res.Errors)
	}
	for _, v := range []publishedVersion{draft, v2} {
		if _, res := readVersion(t, s, "", v.ID); res.Code() != palabre.ENOTFOUND {
			t.Errorf("the public read version %d of %s, which is not adopted: %+v", v.Number, v.Strategy.ID, res.Errors)
		}
	}
	var listed struct {
		Node struct {
			AdoptedVersion *struct{ Number int }
			Versions       struct{ TotalCount int }
		}
	}
	s.OK(t, "", `query($id: ID!) { node(id: $id) { ... on Strategy { adoptedVersion { number } versions { totalCount } } } }`,
		map[string]any{"id": w.Adopted.ID}, &listed)
	if listed.Node.AdoptedVersion == nil || listed.Node.AdoptedVersion.Number != 1 || listed.Node.Versions.TotalCount != 1 {
		t.Errorf("through the strategy the public should see the adopted version only: %+v", listed.Node)
	}
}

func TestNothingChangesAPublishedVersion(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	v := publishWorkingCopy(t, s, w.Adopted.ID, "Texte adopté")
	id := pulid.ID(v.ID)
	system := access.SystemContext(context.Background())
	secretariat := auth.NewContext(context.Background(), &auth.Viewer{AccountID: s.Account(t, "secretariat@palabre.test").ID, Role: auth.RoleSecretariat})
	c := s.Client.StrategyVersion
	for name, change := range map[string]func(context.Context) error{
		"update one": func(ctx context.Context) error {
			return c.UpdateOneID(id).SetAdoptingStrategyID(w.Adopted.ID).Exec(ctx)
		},
		"update all": func(ctx context.Context) error {
			return c.Update().Where(strategyversion.ID(id)).ClearAdoptingStrategy().Exec(ctx)
		},
		"delete one": func(ctx context.Context) error { return c.DeleteOneID(id).Exec(ctx) },
		"delete all": func(ctx context.Context) error { _, err := c.Delete().Exec(ctx); return err },
	} {
		for who, ctx := range map[string]context.Context{"system": system, "secretariat": secretariat} {
			t.Run(name+"/"+who, func(t *testing.T) {
				if err := change(ctx); palabre.ErrorCode(err) != palabre.ECONFLICT {
					t.Errorf("want CONFLICT, got %v", err)
				}
			})
		}
	}
	got, err := c.Get(system, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Content != v.Content || got.Sha256 != v.Sha256 || got.Label != v.Label {
		t.Errorf("the version changed")
	}
	if n, err := s.Client.Strategy.Query().Where(strategy.HasAdoptedVersion()).Count(system); err != nil || n != 0 {
		t.Errorf("a refused update adopted the version (%d, %v)", n, err)
	}
}

func TestVerifyFindsTamperedVersions(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	ctx := context.Background()
	v1 := publishWorkingCopy(t, s, w.Draft.ID, "Projet 2027")
	v2 := publishWorkingCopy(t, s, w.Draft.ID, "Projet 2027, relu")
	other := publishWorkingCopy(t, s, w.Adopted.ID, "Texte adopté")
	if found, err := versions.Verify(ctx, s.Client); err != nil || len(found) != 0 {
		t.Fatalf("untouched versions: %v, %v", found, err)
	}

	// Behind the API's back: the lead agency of an item, and a hash.
	if _, err := s.Client.ExecContext(ctx, fmt.Sprintf(
		"UPDATE strategy_versions SET content = REPLACE(content, '\"ANSSI\"', '\"MJ\"') WHERE id = '%s'", v1.ID)); err != nil {
		t.Fatal(err)
	}
	forged := contentHash("forged")
	if _, err := s.Client.ExecContext(ctx, fmt.Sprintf(
		"UPDATE strategy_versions SET sha256 = '%s' WHERE id = '%s'", forged, other.ID)); err != nil {
		t.Fatal(err)
	}

	found, err := versions.Verify(ctx, s.Client)
	if err != nil {
		t.Fatal(err)
	}
	tampered, err := s.Client.StrategyVersion.Get(access.SystemContext(ctx), pulid.ID(v1.ID))
	if err != nil {
		t.Fatal(err)
	}
	if tampered.Content == v1.Content {
		t.Fatal("the raw update did not change the content")
	}
	want := map[string]versions.Mismatch{
		v1.ID:    {VersionID: pulid.ID(v1.ID), StrategyID: w.Draft.ID, Number: 1, Stored: v1.Sha256, Computed: contentHash(tampered.Content)},
		other.ID: {VersionID: pulid.ID(other.ID), StrategyID: w.Adopted.ID, Number: 1, Stored: forged, Computed: other.Sha256},
	}
	if len(found) != len(want) {
		t.Fatalf("want 2 mismatches, got %+v", found)
	}
	for _, m := range found {
		if m != want[string(m.VersionID)] {
			t.Errorf("mismatch %+v, want %+v", m, want[string(m.VersionID)])
		}
		if string(m.VersionID) == v2.ID {
			t.Errorf("the untouched version %d was reported", v2.Number)
		}
	}
}

// TestConcurrentPublishingNeverSharesANumber: of publications racing on one
// strategy, each either gets its own number or is refused with CONFLICT.
func TestConcurrentPublishingNeverSharesANumber(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	const racers = 6
	var wg sync.WaitGroup
	codes := make([]string, racers)
	for i := range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := s.Do(t, w.Secretariat, publishVersionMutation, map[string]any{"in": map[string]any{"strategyID": w.Draft.ID, "label": fmt.Sprintf("v%d", i)}})
			codes[i] = res.Code()
		}()
	}
	wg.Wait()
	ok := 0
	for _, code := range codes {
		switch code {
		case "":
			ok++
		case palabre.ECONFLICT:
		default:
			t.Errorf("a concurrent publication failed with %s", code)
		}
	}
	numbers, err := s.Client.StrategyVersion.Query().Order(strategyversion.ByNumber()).
		Select(strategyversion.FieldNumber).Ints(access.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if len(numbers) != ok || ok == 0 {
		t.Fatalf("%d publications succeeded, %d versions stored", ok, len(numbers))
	}
	t.Logf("%d of %d concurrent publications succeeded", ok, racers)
	for i, n := range numbers {
		if n != i+1 {
			t.Errorf("versions are numbered %v, want 1 to %d", numbers, ok)
			break
		}
	}
}

// TestPublishingReadsTheStrategyInAFixedNumberOfStatements: a strategy five
// times larger costs no more statements to publish.
func TestPublishingReadsTheStrategyInAFixedNumberOfStatements(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	s := apitest.New(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return txCounter{counter{d, &n}} }))
	w := s.World
	count := func(st pulid.ID) int64 {
		n.Store(0)
		publishWorkingCopy(t, s, st, "Version")
		return n.Load()
	}
	for o := 3; o <= 6; o++ {
		obj := s.NewObjective(t, w.Draft, fmt.Sprintf("OS%d", o), objective.PillarCapacityDevelopment)
		for i := 1; i <= 5; i++ {
			s.NewItemUnder(t, obj, fmt.Sprintf("A%d.%d", o, i), w.Regulator, w.Justice, w.Security)
		}
	}
	count(w.Adopted.ID) // warm up: authentication may record the token's last use
	small, large := count(w.Adopted.ID), count(w.Draft.ID)
	if small == 0 {
		t.Fatal("no statement was counted: the counter sees nothing")
	}
	if small != large {
		t.Errorf("publishing sent %d statements for 1 item and %d for 23", small, large)
	}
	t.Logf("%d statements to publish a version", large)
}

// txCounter is a counter that also counts the statements of the transactions
// opened through it, where mutations run.
type txCounter struct{ counter }

func (c txCounter) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := c.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return countedTx{tx, c.n}, nil
}

type countedTx struct {
	dialect.Tx
	n *atomic.Int64
}

func (c countedTx) Exec(ctx context.Context, query string, args, v any) error {
	c.n.Add(1)
	return c.Tx.Exec(ctx, query, args, v)
}

func (c countedTx) Query(ctx context.Context, query string, args, v any) error {
	c.n.Add(1)
	return c.Tx.Query(ctx, query, args, v)
}
