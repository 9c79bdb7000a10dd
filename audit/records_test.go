package audit_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/versions"
)

// Edges changed from the side that does not store them, deletions that the
// database cascades or that unlink other rows, and bulk changes all leave a
// trail that rebuilds every row.
func TestVerifyRecordsFollowsEveryKindOfChange(t *testing.T) {
	t.Parallel()
	ctx := access.SystemContext(context.Background())
	client := dbtest.Open(t)
	w := apitest.Build(t, client)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// An agency's children are stored as each child's parent.
	must(client.Agency.UpdateOneID(w.Ministry.ID).AddChildren(w.Justice, w.Regulator).Exec(ctx))
	must(client.Agency.UpdateOneID(w.Ministry.ID).RemoveChildren(w.Regulator).Exec(ctx))
	must(client.Agency.UpdateOneID(w.Ministry.ID).ClearChildren().AddChildren(w.Partner).Exec(ctx))
	// The items an agency supports are stored in the items' join table.
	must(client.Agency.UpdateOneID(w.Partner.ID).AddSupportedActionItems(w.Law, w.Critical).Exec(ctx))
	must(client.Agency.UpdateOneID(w.Partner.ID).RemoveSupportedActionItems(w.Law).Exec(ctx))
	must(client.Agency.UpdateOneID(w.Regulator.ID).ClearSupportedActionItems().Exec(ctx))
	// The version a strategy adopted is stored on the version's side.
	v, err := versions.Publish(ctx, client, w.Draft.ID, "Projet", "")
	must(err)
	must(client.Strategy.UpdateOneID(w.Draft.ID).SetAdoptedVersionID(v.ID).Exec(ctx))
	// A bulk change writes one event per row.
	_, err = client.APIToken.Update().SetLabel("renommé").Save(ctx)
	must(err)
	// A decision deleted takes its positions with it; an agency deleted
	// leaves the decision that named it without an implementing agency.
	named, err := client.Agency.Create().SetName("Agence de passage").SetAcronym("AP").SetKind(agency.KindNationalAgency).SetCountry("SN").Save(ctx)
	must(err)
	kept, err := client.Decision.Create().SetStrategy(w.Draft).SetQuestion("Qui met en œuvre ?").SetOptions([]string{"AP", "ANSSI"}).
		SetImplementingAgency(named).Save(ctx)
	must(err)
	gone, err := client.Decision.Create().SetStrategy(w.Draft).SetQuestion("Quel rattachement ?").SetOptions([]string{"A", "B"}).Save(ctx)
	must(err)
	must(client.DecisionPosition.Create().SetDecision(gone).SetAgency(w.Justice).SetOption("A").Exec(ctx))
	must(client.DecisionPosition.Create().SetDecision(gone).SetAgency(w.Security).SetOption("B").Exec(ctx))
	must(client.Decision.DeleteOne(gone).Exec(ctx))
	must(client.Agency.DeleteOne(named).Exec(ctx))
	if d := client.Decision.GetX(ctx, kept.ID); d.QueryImplementingAgency().ExistX(ctx) {
		t.Fatal("the database kept the deleted agency as implementing agency")
	}

	checked, found, err := audit.VerifyRecords(ctx, client, 20)
	if err != nil || len(found) > 0 || checked == 0 {
		t.Fatalf("checked %d records: %v, %v", checked, found, err)
	}
}

// However many records a batch holds, the same records are compared and the
// same mismatches found: records deleted through the API or behind it fall
// between the rows of a batch, before the first or after the last.
func TestVerifyRecordsFindsTheSameWhateverTheBatch(t *testing.T) {
	t.Parallel()
	ctx := access.SystemContext(context.Background())
	client := dbtest.Open(t)
	w := apitest.Build(t, client)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ix, err := client.Indicator.Create().SetName("Textes adoptés").SetActionItem(w.Law).Save(ctx)
	must(err)
	var measurements []string
	for i := range 5 {
		m, err := client.Measurement.Create().SetIndicator(ix).SetValue(float64(i)).SetMeasuredAt(apitest.Today).Save(ctx)
		must(err)
		measurements = append(measurements, string(m.ID))
	}
	must(client.Measurement.DeleteOneID(pulid.ID(measurements[0])).Exec(ctx))
	must(client.Measurement.DeleteOneID(pulid.ID(measurements[2])).Exec(ctx))
	must(client.ActionItem.DeleteOneID(w.Incidents.ID).Exec(ctx))

	run := func(batch int) []string {
		checked, found, err := audit.VerifyRecordsInBatches(ctx, client, 100, batch)
		must(err)
		lines := []string{fmt.Sprint(checked)}
		for _, m := range found {
			lines = append(lines, m.Error())
		}
		return lines
	}
	intact := run(500)
	if len(intact) != 1 {
		t.Fatalf("mismatches after changes through ent: %v", intact[1:])
	}
	for _, batch := range []int{1, 2, 3, 7} {
		if got := run(batch); !slices.Equal(got, intact) {
			t.Errorf("in batches of %d: %v, want %v", batch, got, intact)
		}
	}

	for _, query := range []string{
		fmt.Sprintf(`UPDATE action_items SET title = 'Titre falsifié' WHERE id = '%s'`, w.Law.ID),
		fmt.Sprintf(`DELETE FROM measurements WHERE id = '%s'`, measurements[4]),
		fmt.Sprintf(`DELETE FROM measurements WHERE id = '%s'`, measurements[1]),
		fmt.Sprintf(`DELETE FROM action_item_supporting_agencies WHERE action_item_id = '%s'`, w.Critical.ID),
		`INSERT INTO agencies (id, created_at, updated_at, revision, name, acronym, kind, country)
			VALUES ('AG00000000000000000000000', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00', 1, 'Agence fictive', 'AF', 'MINISTRY', 'SN')`,
	} {
		exec(t, client, query)
	}
	want := run(500)
	t.Logf("found:\n%s", strings.Join(want[1:], "\n"))
	if len(want) != 6 {
		t.Fatalf("want 5 mismatches, got %v", want[1:])
	}
	for _, batch := range []int{1, 2, 3, 7} {
		if got := run(batch); !slices.Equal(got, want) {
			t.Errorf("in batches of %d:\n%s\nwant\n%s", batch, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// A column added by a later migration holds its default on the rows that were
// there, which no event mentions: that is no forgery, another value is.
func TestVerifyRecordsAcceptsTheDefaultOfAColumnNoEventMentions(t *testing.T) {
	t.Parallel()
	ctx := access.SystemContext(context.Background())
	client := dbtest.Open(t)
	const id = "AG01JANCIENNE0000000000000"
	exec(t, client, `INSERT INTO agencies (id, created_at, updated_at, revision, name, acronym, kind, country)
		VALUES ('`+id+`', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00', 1, 'Agence ancienne', 'AA', 'MINISTRY', 'SN')`)
	// Its creation as an older version of Palabre recorded it, before the
	// revision column existed.
	err := audit.Record(ctx, client, "CREATE", "Agency", id, map[string]audit.Change{
		"created_at": {After: "2026-01-01T00:00:00Z"}, "name": {After: "Agence ancienne"}, "acronym": {After: "AA"},
		"kind": {After: "MINISTRY"}, "country": {After: "SN"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, found, err := audit.VerifyRecords(ctx, client, 20); err != nil || len(found) > 0 {
		t.Fatalf("%v, %v", found, err)
	}
	exec(t, client, `UPDATE agencies SET revision = 7 WHERE id = '`+id+`'`)
	_, found, err := audit.VerifyRecords(ctx, client, 20)
	if err != nil || len(found) != 1 || found[0].Field != "revision" || found[0].RecordID != id {
		t.Fatalf("%v, %v", found, err)
	}
}
