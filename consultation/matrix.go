package consultation

import (
	"context"
	"slices"
	"strings"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategyversion"
	"github.com/palabre/palabre/versions"
)

// Matrix is the response matrix of a round: what each agency said about each
// part of the consulted version, and how the secretariat answered.
type Matrix struct {
	Consultation *ent.Consultation
	// Groups hold the observations by target: the whole strategy first, then
	// objectives and action items in the order of the consulted version's text.
	Groups   []Group
	ByAgency []AgencyCount // by agency acronym
	ByStatus []StatusCount // in the order of the statuses, those with observations only
	// Unanswered counts the submitted observations still awaiting an answer.
	Unanswered int
	Total      int
}

// Group is the observations on one target, oldest first.
type Group struct {
	TargetKind   observation.TargetKind
	TargetID     *pulid.ID // nil for the whole strategy
	TargetCode   string
	TargetTitle  string
	Observations []*ent.Observation
}

// AgencyCount is how many observations of the matrix an agency made.
type AgencyCount struct {
	Agency *ent.Agency
	Count  int
}

// StatusCount is how many observations of the matrix stand in a state.
type StatusCount struct {
	Status observation.Status
	Count  int
}

// statusOrder is the order of ByStatus: waiting, then answered from the most
// to the least favourable, then withdrawn.
var statusOrder = []observation.Status{
	observation.StatusSubmitted,
	observation.StatusAccepted, observation.StatusPartiallyAccepted,
	observation.StatusRejected, observation.StatusOutOfScope,
	observation.StatusWithdrawn,
}

// ResponseMatrix builds the matrix of a round as the caller may see it: the
// observations the Observation's privacy policy shows them, drafts left out (a
// draft has not been said yet). It costs three queries whatever the size of the
// round: the observations, their agencies, and the consulted version's content;
// and one more for each edge of the observations that load asks for (the
// API's: those its document selects).
func ResponseMatrix(ctx context.Context, c *ent.Consultation, load ...func(*ent.ObservationQuery)) (*Matrix, error) {
	q := c.QueryObservations().
		Where(observation.StatusNEQ(observation.StatusDraft)).
		WithAgency().
		Order(ent.Asc(observation.FieldCreatedAt), ent.Asc(observation.FieldID))
	for _, l := range load {
		l(q)
	}
	observations, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	order, err := textOrder(ctx, c)
	if err != nil {
		return nil, err
	}
	m := &Matrix{Consultation: c, Total: len(observations)}
	groups := map[pulid.ID]*Group{} // by target ID, "" for the whole strategy
	byAgency := map[pulid.ID]*AgencyCount{}
	byStatus := map[observation.Status]int{}
	for _, o := range observations {
		g := groups[o.TargetID]
		if g == nil {
			g = &Group{TargetKind: o.TargetKind, TargetCode: o.TargetCode, TargetTitle: o.TargetTitle}
			if o.TargetID != "" {
				id := o.TargetID
				g.TargetID = &id
			}
			groups[o.TargetID] = g
		}
		g.Observations = append(g.Observations, o)
		a := o.Edges.Agency
		if byAgency[a.ID] == nil {
			byAgency[a.ID] = &AgencyCount{Agency: a}
		}
		byAgency[a.ID].Count++
		byStatus[o.Status]++
	}
	for _, g := range groups {
		m.Groups = append(m.Groups, *g)
	}
	slices.SortFunc(m.Groups, func(a, b Group) int {
		if d := order.of(a) - order.of(b); d != 0 {
			return d
		}
		return strings.Compare(a.TargetCode, b.TargetCode)
	})
	for _, a := range byAgency {
		m.ByAgency = append(m.ByAgency, *a)
	}
	slices.SortFunc(m.ByAgency, func(a, b AgencyCount) int { return strings.Compare(a.Agency.Acronym, b.Agency.Acronym) })
	for _, s := range statusOrder {
		if n := byStatus[s]; n > 0 {
			m.ByStatus = append(m.ByStatus, StatusCount{Status: s, Count: n})
		}
	}
	m.Unanswered = byStatus[observation.StatusSubmitted]
	return m, nil
}

// positions ranks the targets of a version in the order of its text: the
// strategy, then each objective followed by its action items.
type positions map[pulid.ID]int

func (p positions) of(g Group) int {
	if g.TargetID == nil {
		return 0
	}
	if n, ok := p[*g.TargetID]; ok {
		return n
	}
	return len(p) + 1 // not in the version: cannot happen, the hooks check targets
}

// textOrder reads the order of the consulted version's text. It reads the
// version as the system: the public, which sees only adopted versions, may
// still see the matrix of a round on an earlier one, and the order of the
// targets it sees tells nothing their codes and titles do not.
func textOrder(ctx context.Context, c *ent.Consultation) (positions, error) {
	content, err := c.QueryVersion().Select(strategyversion.FieldContent).String(access.AsSystem(ctx, "the order of the consulted text, for the response matrix"))
	if err != nil {
		return nil, err
	}
	snapshot, err := versions.Parse(content)
	if err != nil {
		return nil, err
	}
	p := positions{}
	for _, o := range snapshot.Objectives {
		p[o.ID] = len(p) + 1
		for _, it := range o.ActionItems {
			p[it.ID] = len(p) + 1
		}
	}
	return p, nil
}
