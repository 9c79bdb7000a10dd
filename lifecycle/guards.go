package lifecycle

import (
	"context"
	"fmt"
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/consultation"
	"github.com/palabre/palabre/ent"
	entconsultation "github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/ent/strategyversion"
)

// check holds a move to what its target state needs besides being on the
// lifecycle's edges.
func check(ctx context.Context, client *ent.Client, s *ent.Strategy, step Step) error {
	if step.Adoption != nil && step.To != strategy.StatusAdopted {
		return palabre.Errorf(palabre.EINVALID, "an adopting act is recorded by the move to %s only, not to %s", strategy.StatusAdopted, step.To)
	}
	switch step.To {
	case strategy.StatusConsultation:
		return needRound(ctx, client, s)
	case strategy.StatusSubmitted:
		return needEverythingAnswered(ctx, client, s)
	case strategy.StatusAdopted:
		return needAdoption(ctx, client, s, step.Adoption)
	}
	return nil
}

// needRound: a strategy goes to consultation with a round to consult in, open
// or planned (not consolidated, not closed yet).
func needRound(ctx context.Context, client *ent.Client, s *ent.Strategy) error {
	now := consultation.Now()
	ok, err := client.Consultation.Query().
		Where(entconsultation.HasStrategyWith(strategy.ID(s.ID)),
			entconsultation.Or(consultation.InStatus(consultation.Planned, now), consultation.InStatus(consultation.Open, now))).
		Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return palabre.Errorf(palabre.ECONFLICT, "the strategy has no open or planned consultation round: plan one on a published version before moving it to %s", strategy.StatusConsultation)
	}
	return nil
}

// needEverythingAnswered: the Council receives a text in which every
// institution that spoke was answered and every contested question settled.
func needEverythingAnswered(ctx context.Context, client *ent.Client, s *ent.Strategy) error {
	unanswered, err := client.Observation.Query().
		Where(observation.StatusEQ(observation.StatusSubmitted),
			observation.HasConsultationWith(entconsultation.HasStrategyWith(strategy.ID(s.ID)))).
		Count(ctx)
	if err != nil {
		return err
	}
	open, err := client.Decision.Query().
		Where(decision.StatusEQ(decision.StatusOpen), decision.HasStrategyWith(strategy.ID(s.ID))).
		Count(ctx)
	if err != nil {
		return err
	}
	var missing []string
	if unanswered > 0 {
		missing = append(missing, plural(unanswered, "submitted observation still awaits its answer", "submitted observations still await their answer"))
	}
	if open > 0 {
		missing = append(missing, plural(open, "decision is still open", "decisions are still open"))
	}
	if len(missing) > 0 {
		return palabre.Errorf(palabre.ECONFLICT, "the strategy cannot be submitted yet: %s", strings.Join(missing, " and "))
	}
	return nil
}

// needAdoption: adoption records the adopting act and pins the version it
// adopted, which must be one of the strategy's own.
func needAdoption(ctx context.Context, client *ent.Client, s *ent.Strategy, a *Adoption) error {
	switch {
	case a == nil:
		return palabre.Errorf(palabre.EINVALID, "moving to %s records the adopting act: give the adoption (version adopted, act reference and date)", strategy.StatusAdopted)
	case strings.TrimSpace(a.ActReference) == "":
		return palabre.Errorf(palabre.EINVALID, "the adoption needs the reference of the act, such as « Décret n° 2022-123 du 15 mars 2022 »")
	case a.ActDate.IsZero():
		return palabre.Errorf(palabre.EINVALID, "the adoption needs the date of the act")
	}
	ours, err := client.StrategyVersion.Query().
		Where(strategyversion.ID(a.VersionID), strategyversion.HasStrategyWith(strategy.ID(s.ID))).
		Exist(ctx)
	if err != nil {
		return err
	}
	if !ours {
		return palabre.Errorf(palabre.EINVALID, "%s is not a published version of this strategy: the act adopts one of the strategy's own versions", a.VersionID)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
