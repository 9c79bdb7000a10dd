// Package benchdata fills a database with the bench-scale data set of
// `palabre seed bench`: at scale 1, 300 agencies (ten per country), 30
// national strategies with 20 objectives each (600), 50 action items per
// objective (30 000), 90 consultation rounds on published versions (three per
// strategy) and 1 000 000 observations, 200 000 of them in the largest round,
// which is open; the others are closed. Another scale gives proportional
// sizes (Sizes). The text is French, the statuses mixed: drafts, submitted,
// answered in every way, withdrawn.
//
// Agencies, accounts, strategies, objectives, versions and rounds go through
// the ent client and its hooks, as through the API. Action items and
// observations are stored in bulk (audit.CreateAll) with the creation events
// the audit hook would have written, so that `palabre verify` finds every
// record intact: each bulk record's trail is its creation, with the values it
// has now.
package benchdata

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/consultation"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/migrate"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/search"
	"github.com/palabre/palabre/versions"
)

// Sizes is how many records of each kind a scale holds.
type Sizes struct {
	Agencies     int
	Strategies   int
	Objectives   int
	ActionItems  int
	Rounds       int
	Observations int
	LargestRound int // observations of the largest round, the open one
}

// MaxScale is the largest scale Seed accepts: 10 million observations.
const MaxScale = 10

// SizesAt returns the sizes at a scale: scale 1 is the national scale of the
// benchmark, other scales are proportional, with at least one strategy, one
// objective and one item per objective, five agencies and two rounds.
func SizesAt(scale float64) (Sizes, error) {
	if !(scale > 0 && scale <= MaxScale) {
		return Sizes{}, palabre.Errorf(palabre.EINVALID, "the scale must be above 0 and at most %d, such as 1 or 0.01", MaxScale)
	}
	n := func(atOne int) int { return int(math.Round(float64(atOne) * scale)) }
	s := Sizes{Strategies: max(1, n(30))}
	s.Agencies = max(5, n(300))
	s.Objectives = max(s.Strategies, n(600))
	s.ActionItems = max(s.Objectives, n(30000))
	s.Rounds = max(6, n(90)) // enough for the largest round to be the largest
	s.Observations = n(1000000)
	s.LargestRound = min(s.Observations, n(200000))
	return s, nil
}

// Result is what Seed stored that a caller needs: the tokens of its
// administrator, secretariat and reviewer accounts, shown this once, and the
// rounds the benchmark queries.
type Result struct {
	Sizes  Sizes
	Tokens []Token
	// LargestRound is the open round with Sizes.LargestRound observations;
	// TypicalRound is a closed round of average size.
	LargestRound, TypicalRound pulid.ID
}

// Token is an account of the data set and its API token.
type Token struct {
	Role  auth.Role
	Email string
	Token string
}

// Seed stores the data set of the scale, writing its progress to w. It runs
// as the system, and its events are audit.Unannounced: they queue no
// notification. A database that already holds agencies is refused, so that
// the data set is exactly the sizes of the scale.
func Seed(ctx context.Context, client *ent.Client, scale float64, w io.Writer) (*Result, error) {
	sizes, err := SizesAt(scale)
	if err != nil {
		return nil, err
	}
	ctx = audit.Unannounced(access.AsSystem(ctx, "seeding the bench data"))
	if n, err := client.Agency.Query().Count(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, palabre.Errorf(palabre.ECONFLICT, "the database already holds %d agencies: seed the bench data into an empty database", n)
	}
	s := &seeder{client: client, sizes: sizes, w: w, rand: rand.New(rand.NewPCG(1, uint64(sizes.Observations))),
		now: clock.Now(ctx).Truncate(time.Second), start: time.Now()}
	res := &Result{Sizes: sizes}
	for _, step := range []func(context.Context, *Result) error{
		s.storeAgencies, s.storeAccounts, s.storeStrategies, s.storeActionItems, s.storeRounds, s.storeObservations, s.analyze,
	} {
		if err := step(ctx, res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// seeder is one run of Seed.
type seeder struct {
	client *ent.Client
	sizes  Sizes
	w      io.Writer
	rand   *rand.Rand
	now    time.Time
	start  time.Time

	agencies    [][]*ent.Agency // by strategy: the agencies of its country
	focal       map[pulid.ID]pulid.ID
	secretariat *auth.Viewer
	strategies  []*ent.Strategy
	objectives  [][]*ent.Objective                // by strategy
	items       map[pulid.ID][]itemRef            // by strategy
	roundsOf    [][]*ent.Consultation             // by strategy
	versionOf   map[pulid.ID]*ent.StrategyVersion // by round
}

// itemRef is what an observation on an action item records of it.
type itemRef struct {
	ID          pulid.ID
	Code, Title string
}

func (s *seeder) progress(format string, args ...any) {
	fmt.Fprintf(s.w, "%7.1fs  %s\n", time.Since(s.start).Seconds(), fmt.Sprintf(format, args...))
}

// spread divides n into parts as equal as can be.
func spread(n, parts int) []int {
	out := make([]int, parts)
	for i := range out {
		out[i] = n / parts
		if i < n%parts {
			out[i]++
		}
	}
	return out
}

// storeAgencies stores each strategy's country's agencies: a ministry of the
// digital economy first, which owns the strategy, then the other
// institutions.
func (s *seeder) storeAgencies(ctx context.Context, _ *Result) error {
	s.agencies = make([][]*ent.Agency, s.sizes.Strategies)
	for i, count := range spread(s.sizes.Agencies, s.sizes.Strategies) {
		c := countryOf(i)
		for j := range count {
			inst := institutions[j%len(institutions)]
			acronym, name := inst.Acronym+"-"+c.Code, inst.Name
			if round := i / len(countries); round > 0 {
				acronym += fmt.Sprint(round + 1)
			}
			if j >= len(institutions) {
				acronym += fmt.Sprintf("-%d", j/len(institutions)+1)
				name += fmt.Sprintf(" (antenne %d)", j/len(institutions)+1)
			}
			a, err := s.client.Agency.Create().SetAcronym(acronym).SetName(name + " — " + c.Name).
				SetKind(inst.Kind).SetCountry(c.Code).Save(ctx)
			if err != nil {
				return fmt.Errorf("bench data: agency %s: %w", acronym, err)
			}
			s.agencies[i] = append(s.agencies[i], a)
		}
	}
	s.progress("%d agencies", s.sizes.Agencies)
	return nil
}

// countryOf returns the country of strategy i.
func countryOf(i int) country { return countries[i%len(countries)] }

// storeAccounts stores an administrator, a secretariat and a reviewer with their
// tokens, and one focal point per agency, who writes its observations.
func (s *seeder) storeAccounts(ctx context.Context, res *Result) error {
	for _, a := range []struct {
		role        auth.Role
		name, email string
	}{
		{auth.RoleAdmin, "Administrateur du banc d'essai", "admin@banc.palabre.test"},
		{auth.RoleSecretariat, "Secrétariat du banc d'essai", "secretariat@banc.palabre.test"},
		{auth.RoleReviewer, "Relecteur du banc d'essai", "relecteur@banc.palabre.test"},
	} {
		acc, err := access.CreateAccount(ctx, s.client, access.NewAccount{Name: a.name, Email: a.email, Role: a.role})
		if err != nil {
			return fmt.Errorf("bench data: account %s: %w", a.email, err)
		}
		token, _, err := access.IssueTokenFor(ctx, s.client, acc.ID, "banc d'essai", 0)
		if err != nil {
			return fmt.Errorf("bench data: token of %s: %w", a.email, err)
		}
		res.Tokens = append(res.Tokens, Token{Role: a.role, Email: a.email, Token: token})
		if a.role == auth.RoleSecretariat {
			s.secretariat = &auth.Viewer{AccountID: acc.ID, Role: a.role}
		}
	}
	s.focal = map[pulid.ID]pulid.ID{}
	for _, list := range s.agencies {
		for _, a := range list {
			id := a.ID
			acc, err := access.CreateAccount(ctx, s.client, access.NewAccount{Name: "Point focal " + a.Acronym,
				Email: fmt.Sprintf("point.focal@%s.banc.palabre.test", lowerASCII(a.Acronym)), Role: auth.RoleAgency, AgencyID: &id})
			if err != nil {
				return fmt.Errorf("bench data: focal point of %s: %w", a.Acronym, err)
			}
			s.focal[a.ID] = acc.ID
		}
	}
	s.progress("%d accounts", 3+len(s.focal))
	return nil
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// storeStrategies stores the strategies and their objectives: the first is in
// consultation (its last round is the largest, open), the others further on.
func (s *seeder) storeStrategies(ctx context.Context, _ *Result) error {
	statuses := []strategy.Status{strategy.StatusConsolidation, strategy.StatusValidation, strategy.StatusSubmitted}
	perStrategy := spread(s.sizes.Objectives, s.sizes.Strategies)
	s.objectives = make([][]*ent.Objective, s.sizes.Strategies)
	for i := range s.sizes.Strategies {
		c, status := countryOf(i), statuses[i%len(statuses)]
		if i == 0 {
			status = strategy.StatusConsultation
		}
		start := 2024 + i%3
		title := fmt.Sprintf("Stratégie nationale de cybersécurité %d-%d", start, start+4)
		if round := i / len(countries); round > 0 {
			title += fmt.Sprintf(" (révision %d)", round)
		}
		st, err := s.client.Strategy.Create().SetTitle(title).SetCountry(c.Code).SetStartYear(start).SetEndYear(start + 4).
			SetSummary(fmt.Sprintf("La stratégie nationale de cybersécurité du %s fixe les objectifs de l'État, des régulateurs et de leurs partenaires pour protéger le cyberespace national, selon les cinq piliers de l'indice mondial de cybersécurité de l'UIT.", c.Name)).
			SetStatus(status).SetOwnerAgency(s.agencies[i][0]).Save(ctx)
		if err != nil {
			return fmt.Errorf("bench data: strategy of %s: %w", c.Code, err)
		}
		s.strategies = append(s.strategies, st)
		for j := range perStrategy[i] {
			theme := themes[j%len(themes)]
			o, err := s.client.Objective.Create().SetStrategy(st).SetCode(fmt.Sprintf("OS%d", j+1)).
				SetTitle(theme.Title).SetPillar(theme.Pillar).SetPosition(j).
				SetDescription(fmt.Sprintf("%s : %s %s", theme.Title, pick(s.rand, asks), pick(s.rand, reasons))).Save(ctx)
			if err != nil {
				return fmt.Errorf("bench data: objective OS%d of %s: %w", j+1, c.Code, err)
			}
			s.objectives[i] = append(s.objectives[i], o)
		}
	}
	s.progress("%d strategies, %d objectives", s.sizes.Strategies, s.sizes.Objectives)
	return nil
}

// bulk is how many records audit.CreateAll stores at a time.
const bulk = 5000

// storeActionItems stores the action items in bulk, spread over the objectives.
func (s *seeder) storeActionItems(ctx context.Context, _ *Result) error {
	var all []*ent.Objective
	strategyOf := map[pulid.ID]int{}
	for i, list := range s.objectives {
		for _, o := range list {
			strategyOf[o.ID] = i
		}
		all = append(all, list...)
	}
	s.items = map[pulid.ID][]itemRef{}
	created := s.now.Add(-400 * 24 * time.Hour)
	priorities := []string{"HIGH", "MEDIUM", "MEDIUM", "LOW"}
	statuses := []string{"NOT_STARTED", "NOT_STARTED", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED", "DELAYED", "CANCELLED"}
	var batch []ent.Mutation
	err := s.inTx(ctx, func(c *ent.Client) error {
		for k, count := range spread(s.sizes.ActionItems, len(all)) {
			o := all[k]
			i := strategyOf[o.ID]
			st, agencies := s.strategies[i], s.agencies[i]
			for j := range count {
				lead := agencies[s.rand.IntN(len(agencies))]
				code := fmt.Sprintf("A%s.%d", o.Code[2:], j+1)
				title := itemTitle(s.rand)
				description := itemDescription(s.rand, lead.Acronym)
				status := statuses[s.rand.IntN(len(statuses))]
				progress := map[string]int{"NOT_STARTED": 0, "COMPLETED": 100}[status]
				if progress == 0 && status != "NOT_STARTED" {
					progress = 5 * s.rand.IntN(19)
				}
				startDate := time.Date(st.StartYear, time.Month(1+s.rand.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
				id := pulid.MustNew("AI")
				create := c.ActionItem.Create().SetID(id).
					SetCreatedAt(created).SetUpdatedAt(created).SetRevision(1).
					SetSearchText(foldFor(title, description)).
					SetCode(code).SetTitle(title).SetDescription(description).
					SetPriority(priority(priorities[s.rand.IntN(len(priorities))])).SetStatus(itemStatus(status)).SetProgress(progress).SetPilot(false).
					SetStartDate(startDate).SetDueDate(startDate.AddDate(0, 6+s.rand.IntN(30), 0)).
					SetEstimatedBudget(int64(5+s.rand.IntN(500)) * 1000000).SetBudgetCurrency("XOF").
					SetObjectiveID(o.ID).SetStrategyID(st.ID).SetLeadAgencyID(lead.ID)
				for range s.rand.IntN(3) {
					if a := agencies[s.rand.IntN(len(agencies))]; a.ID != lead.ID {
						create.AddSupportingAgencyIDs(a.ID)
					}
				}
				batch = append(batch, create.Mutation())
				s.items[st.ID] = append(s.items[st.ID], itemRef{id, code, title})
				if len(batch) == bulk {
					if err := audit.CreateAll(ctx, c, batch); err != nil {
						return err
					}
					batch = batch[:0]
				}
			}
		}
		return audit.CreateAll(ctx, c, batch)
	})
	if err != nil {
		return err
	}
	s.progress("%d action items", s.sizes.ActionItems)
	return nil
}

// storeRounds publishes a version of each strategy for each of its rounds and
// plans the round on it: the rounds of a strategy came one after another and
// are closed, but for the first strategy's last, which is open.
func (s *seeder) storeRounds(ctx context.Context, res *Result) error {
	secretariat := auth.NewContext(ctx, s.secretariat)
	perStrategy := spread(s.sizes.Rounds, s.sizes.Strategies)
	s.roundsOf = make([][]*ent.Consultation, s.sizes.Strategies)
	s.versionOf = map[pulid.ID]*ent.StrategyVersion{}
	for i, st := range s.strategies {
		for r := range perStrategy[i] {
			version, err := versions.Publish(secretariat, s.client, st.ID, fmt.Sprintf("Version %d soumise à consultation", r+1), "Version publiée pour la consultation.")
			if err != nil {
				return fmt.Errorf("bench data: publishing version %d of %s: %w", r+1, st.Title, err)
			}
			// The last round of the first strategy is open now; the others
			// closed one after another before it.
			back := time.Duration(perStrategy[i]-r) * 90 * 24 * time.Hour
			opens, closes := s.now.Add(-back), s.now.Add(-back+30*24*time.Hour)
			if i == 0 && r == perStrategy[i]-1 {
				opens, closes = s.now.Add(-7*24*time.Hour), s.now.Add(21*24*time.Hour)
			}
			invited := make([]pulid.ID, len(s.agencies[i]))
			for k, a := range s.agencies[i] {
				invited[k] = a.ID
			}
			place := "Dakar"
			round, err := consultation.PlanRound(secretariat, s.client, ent.CreateConsultationInput{
				Title: fmt.Sprintf("Consultation n° %d sur la %s (%s)", r+1, lowerFirst(st.Title), countryOf(i).Name),
				Kind:  "WRITTEN", Place: &place, OpensAt: opens, ClosesAt: closes, VersionID: version.ID, InvitedAgencyIDs: invited,
			})
			if err != nil {
				return fmt.Errorf("bench data: round %d of %s: %w", r+1, st.Title, err)
			}
			s.roundsOf[i] = append(s.roundsOf[i], round)
			s.versionOf[round.ID] = version
		}
	}
	last := s.roundsOf[0]
	res.LargestRound = last[len(last)-1].ID
	if len(s.roundsOf) > 1 {
		res.TypicalRound = s.roundsOf[1][0].ID
	} else {
		res.TypicalRound = last[0].ID
	}
	s.progress("%d versions and rounds", s.sizes.Rounds)
	return nil
}

// storeObservations stores the observations in bulk: the largest round's in the
// open round, the others spread over the closed rounds.
func (s *seeder) storeObservations(ctx context.Context, res *Result) error {
	type roundOf struct {
		strategy int
		round    *ent.Consultation
		open     bool
	}
	var closed []roundOf
	var open roundOf
	for i, list := range s.roundsOf {
		for _, r := range list {
			if r.ID == res.LargestRound {
				open = roundOf{i, r, true}
			} else {
				closed = append(closed, roundOf{i, r, false})
			}
		}
	}
	rounds := append([]roundOf{open}, closed...)
	counts := append([]int{s.sizes.LargestRound}, spread(s.sizes.Observations-s.sizes.LargestRound, len(closed))...)
	stored := 0
	for k, r := range rounds {
		err := s.inTx(ctx, func(c *ent.Client) error {
			var batch []ent.Mutation
			for range counts[k] {
				batch = append(batch, s.observation(c, r.strategy, r.round, r.open).Mutation())
				if len(batch) == bulk {
					if err := audit.CreateAll(ctx, c, batch); err != nil {
						return err
					}
					batch = batch[:0]
				}
			}
			return audit.CreateAll(ctx, c, batch)
		})
		if err != nil {
			return err
		}
		stored += counts[k]
		if k == 0 || k == len(rounds)-1 || k%10 == 0 {
			s.progress("%d observations (%d of %d rounds)", stored, k+1, len(rounds))
		}
	}
	return nil
}

// observation builds an observation of an agency invited to the round, on
// the strategy, one of its objectives or one of its items, in a status that
// a round of that kind holds.
func (s *seeder) observation(c *ent.Client, strategyIndex int, round *ent.Consultation, open bool) *ent.ObservationCreate {
	r := s.rand
	agencies := s.agencies[strategyIndex]
	a := agencies[r.IntN(len(agencies))]
	window := round.ClosesAt.Sub(round.OpensAt)
	if open {
		window = s.now.Sub(round.OpensAt)
	}
	created := round.OpensAt.Add(time.Duration(r.Int64N(int64(window)))).Truncate(time.Microsecond)
	var status string
	if open {
		status = pickWeighted(r, map[string]int{"DRAFT": 10, "SUBMITTED": 55, "ACCEPTED": 12, "PARTIALLY_ACCEPTED": 6, "REJECTED": 8, "OUT_OF_SCOPE": 3, "WITHDRAWN": 6})
	} else {
		status = pickWeighted(r, map[string]int{"DRAFT": 4, "SUBMITTED": 10, "ACCEPTED": 35, "PARTIALLY_ACCEPTED": 18, "REJECTED": 20, "OUT_OF_SCOPE": 6, "WITHDRAWN": 7})
	}
	kind := pickWeighted(r, map[string]int{"COMMENT": 40, "AMENDMENT": 25, "OBJECTION": 10, "SUPPORT": 10, "QUESTION": 15})
	create := c.Observation.Create().SetID(pulid.MustNew("OS")).
		SetCreatedAt(created).SetUpdatedAt(created).SetRevision(1).
		SetKind(obsKind(kind)).SetBody(observationBody(r)).SetStatus(obsStatus(status)).SetResponse("").
		SetConsultationID(round.ID).SetAgencyID(a.ID).SetAuthorID(s.focal[a.ID])
	proposed := ""
	if kind == "AMENDMENT" {
		proposed = proposedText(r)
	}
	create.SetProposedText(proposed)
	switch t := r.IntN(10); {
	case t < 2:
		create.SetTargetKind("STRATEGY").SetTargetID("").SetTargetCode("").SetTargetTitle("")
	case t < 5:
		objectives := s.objectives[strategyIndex]
		o := objectives[r.IntN(len(objectives))]
		create.SetTargetKind("OBJECTIVE").SetTargetID(o.ID).SetTargetCode(o.Code).SetTargetTitle(o.Title)
	default:
		items := s.items[s.strategies[strategyIndex].ID]
		it := items[r.IntN(len(items))]
		create.SetTargetKind("ACTION_ITEM").SetTargetID(it.ID).SetTargetCode(it.Code).SetTargetTitle(it.Title)
	}
	if status == "DRAFT" {
		return create
	}
	submitted := created.Add(time.Duration(r.IntN(48)) * time.Hour)
	create.SetSubmittedAt(submitted).SetUpdatedAt(submitted)
	if status == "SUBMITTED" || status == "WITHDRAWN" {
		return create
	}
	responded := round.ClosesAt.Add(time.Duration(1+r.IntN(20)) * 24 * time.Hour)
	if open {
		responded = submitted.Add(time.Duration(1+r.IntN(72)) * time.Hour)
	}
	response := pick(r, responses)
	if status == "ACCEPTED" && r.IntN(2) == 0 {
		response = ""
	}
	return create.SetResponse(response).SetRespondedAt(responded).SetUpdatedAt(responded).SetRespondedByID(s.secretariat.AccountID)
}

// analyze has PostgreSQL vacuum the tables just filled and gather their
// statistics, as autovacuum does after many inserts: the benchmark measures
// the plans of a database in use (statistics, visibility map for index-only
// scans), not of one just loaded.
func (s *seeder) analyze(ctx context.Context, _ *Result) error {
	if s.client.Dialect() == dialect.Postgres {
		// Palabre's tables, named, so that only those of the schema in use
		// are vacuumed.
		for _, table := range migrate.Tables {
			if _, err := s.client.ExecContext(ctx, fmt.Sprintf("VACUUM (ANALYZE) %q", table.Name)); err != nil {
				return fmt.Errorf("bench data: vacuuming %s: %w", table.Name, err)
			}
		}
		s.progress("tables vacuumed and analyzed")
	}
	return nil
}

// inTx runs f in a transaction.
func (s *seeder) inTx(ctx context.Context, f func(*ent.Client) error) (err error) {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return err
	}
	if err := f(tx.Client()); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// pickWeighted returns one of the keys, each as likely as its weight.
func pickWeighted(r *rand.Rand, weights map[string]int) string {
	keys := slices.Sorted(maps.Keys(weights))
	total := 0
	for _, k := range keys {
		total += weights[k]
	}
	n := r.IntN(total)
	for _, k := range keys {
		if n -= weights[k]; n < 0 {
			return k
		}
	}
	return keys[len(keys)-1]
}

// foldFor is an action item's search text, as its search hook folds it.
func foldFor(title, description string) string { return search.Fold(title + " " + description) }

func priority(s string) actionitem.Priority { return actionitem.Priority(s) }
func itemStatus(s string) actionitem.Status { return actionitem.Status(s) }
func obsKind(s string) observation.Kind     { return observation.Kind(s) }
func obsStatus(s string) observation.Status { return observation.Status(s) }
