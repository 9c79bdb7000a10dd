package rule

import (
	"context"
	"database/sql/driver"
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/consultation"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	entconsultation "github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Who reads which observations:
//   - a draft only its own agency;
//   - an agency its own observations, and once a round is consolidated, every
//     observation of the rounds it reads (invited to, or public: the response
//     matrix);
//   - the secretariat, reviewers and administrators every submitted one;
//   - the public the response matrix of consolidated rounds of adopted strategies.
func FilterObservations() privacy.QueryRule {
	return privacy.ObservationQueryRuleFunc(func(ctx context.Context, q *ent.ObservationQuery) error {
		q.Where(readableObservation(auth.FromContext(ctx)))
		return privacy.Skip
	})
}

// readableObservation matches the observations the viewer may read (every
// viewer reads some and not others: drafts).
func readableObservation(v *auth.Viewer) predicate.Observation {
	notDraft := observation.StatusNEQ(observation.StatusDraft)
	switch {
	case v == nil:
		return observation.And(notDraft, observation.HasConsultationWith(entconsultation.ConsolidatedAtNotNil(), readableRound(v)))
	case v.Is(auth.RoleAgency):
		return observation.Or(
			ownAgency(v),
			observation.And(notDraft, observation.HasConsultationWith(entconsultation.ConsolidatedAtNotNil(), readableRound(v))),
		)
	}
	return notDraft // CountObservations counts the same rows
}

func init() { ent.CountConsultationObservations = CountObservations }

// CountObservations answers totalCount of the rounds' observations from the
// counter the store keeps (observation_counts, database/migrategen/counts.go,
// one row per round, status and agency): a few hundred counter rows for a
// round of 200 000 observations. It applies FilterObservations' filter to the
// counter's rows: every observation but drafts for the secretariat, reviewers
// and admins; for an agency its own (drafts included) and, in consolidated
// rounds it reads, the others but drafts; for the public, in consolidated
// rounds it reads, every observation but drafts. Under a decided privacy
// (the system) it says it cannot (ok false), and the rows are counted.
func CountObservations(ctx context.Context, drv dialect.Driver, rounds []driver.Value) (map[pulid.ID]int, bool, error) {
	if _, decided := privacy.DecisionFromContext(ctx); decided {
		return nil, false, nil
	}
	d := sql.Dialect(drv.Dialect())
	t := sql.Table("observation_counts")
	notDraft := sql.NEQ(t.C("status"), observation.StatusDraft)
	visible := notDraft
	if v := auth.FromContext(ctx); v == nil || v.Is(auth.RoleAgency) {
		// The rounds whose others' observations the viewer reads.
		r := sql.Table(entconsultation.Table)
		shown := d.Select(r.C(entconsultation.FieldID)).From(r)
		shown.Where(sql.InValues(r.C(entconsultation.FieldID), rounds...))
		entconsultation.ConsolidatedAtNotNil()(shown)
		readableRound(v)(shown)
		visible = sql.And(notDraft, sql.In(t.C("consultation_observations"), shown))
		if v != nil {
			visible = sql.Or(sql.EQ(t.C("observation_agency"), v.AgencyID), visible)
		}
	}
	query, args := d.Select(t.C("consultation_observations"), sql.As("CAST(SUM("+t.C("n")+") AS BIGINT)", "n")).From(t).
		Where(sql.And(sql.InValues(t.C("consultation_observations"), rounds...), visible)).
		GroupBy(t.C("consultation_observations")).
		Query()
	var rows sql.Rows
	if err := drv.Query(ctx, query, args, &rows); err != nil {
		return nil, false, err
	}
	defer rows.Close()
	counts := make(map[pulid.ID]int, len(rounds))
	for rows.Next() {
		var round pulid.ID
		var n int64
		if err := rows.Scan(&round, &n); err != nil {
			return nil, false, err
		}
		counts[round] = int(n)
	}
	return counts, true, rows.Err()
}

func ownAgency(v *auth.Viewer) predicate.Observation {
	return observation.HasAgencyWith(agency.ID(v.AgencyID))
}

// answerFields are what the secretariat sets when it answers an observation.
var answerFields = map[string]bool{
	observation.FieldStatus: true, observation.FieldResponse: true, observation.FieldRespondedAt: true,
	observation.FieldUpdatedAt: true, "revision": true,
}

// answerEdges are what the secretariat links when it answers: itself, and the
// version the observation was taken into.
var answerEdges = map[string]bool{observation.EdgeRespondedBy: true, observation.EdgeTakenInto: true}

// authorFields are what an agency changes on its own observation.
var authorFields = map[string]bool{
	observation.FieldKind: true, observation.FieldBody: true, observation.FieldProposedText: true,
	observation.FieldStatus: true, observation.FieldSubmittedAt: true,
	observation.FieldUpdatedAt: true, "revision": true,
}

// AllowObservationWrites lets an agency account write its own agency's
// observations, and the secretariat answer them. What may change when (the
// round's window, the observation's state) is checked by the Observation's hooks.
func AllowObservationWrites() privacy.MutationRule {
	return privacy.ObservationMutationRuleFunc(func(ctx context.Context, m *ent.ObservationMutation) error {
		v := auth.FromContext(ctx)
		switch {
		case v.Is(auth.RoleSecretariat) && m.Op().Is(ent.OpUpdateOne):
			for _, f := range append(m.Fields(), m.ClearedFields()...) {
				if !answerFields[f] {
					return Denied(ctx, "the secretariat answers observations; it does not rewrite them (%s)", f)
				}
			}
			if s, ok := m.Status(); ok && consultation.ByAuthor(s) {
				return Denied(ctx, "only its agency makes an observation %s", strings.ToLower(string(s)))
			}
			for _, e := range append(m.AddedEdges(), m.ClearedEdges()...) {
				if !answerEdges[e] {
					return Denied(ctx, "the secretariat answers observations; it does not move them (%s)", e)
				}
			}
			return privacy.Allow
		case v.Is(auth.RoleAgency) && m.Op().Is(ent.OpCreate):
			// The create carries every field, defaults included: check what
			// would make it more than an observation, not the field names.
			if id, ok := m.AgencyID(); ok && id != v.AgencyID {
				return Denied(ctx, "an agency submits observations for its own agency only")
			}
			if answering(m) {
				return Denied(ctx, "only the secretariat answers observations")
			}
			return privacy.Allow
		case v.Is(auth.RoleAgency) && m.Op().Is(ent.OpUpdateOne):
			if answering(m) {
				return Denied(ctx, "only the secretariat answers observations")
			}
			id, _ := m.ID()
			own, err := m.Client().Observation.Query().Where(observation.ID(id), ownAgency(v)).Exist(ctx)
			if err != nil {
				return err
			}
			if !own {
				return Denied(ctx, "an agency edits its own agency's observations only")
			}
			for _, f := range append(m.Fields(), m.ClearedFields()...) {
				if !authorFields[f] {
					return Denied(ctx, "an agency may not set %s on an observation", f)
				}
			}
			if len(m.AddedEdges())+len(m.ClearedEdges()) > 0 {
				return Denied(ctx, "an agency may not change what an observation refers to")
			}
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// answering reports whether a mutation sets anything of an answer: an
// answered state, a response, who answered or when, a version taken into.
func answering(m *ent.ObservationMutation) bool {
	if s, ok := m.Status(); ok && !consultation.ByAuthor(s) {
		return true
	}
	if r, _ := m.Response(); r != "" {
		return true
	}
	_, at := m.RespondedAt()
	_, by := m.RespondedByID()
	_, into := m.TakenIntoID()
	return at || by || into
}
