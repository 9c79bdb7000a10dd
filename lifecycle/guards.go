package lifecycle

import (
	"context"
	"fmt"
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/consultation"
	"github.com/palabre/palabre/ent"
	entconsultation "github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/ent/strategyversion"
)

// Facts are what the guards of a move look at, read from the store at the
// time of the move (see gather).
type Facts struct {
	// RoundsToConsultIn counts the strategy's rounds that are planned or open.
	RoundsToConsultIn int
	// Unanswered counts the submitted observations of its rounds still awaiting an answer.
	Unanswered int
	// OpenDecisions counts its decisions not settled yet.
	OpenDecisions int
	// OwnVersion reports whether the adoption's version is one of the strategy's own.
	OwnVersion bool
}

// CheckMove holds a move from one state to another to the lifecycle's edges
// (BAD_USER_INPUT naming the allowed ones), and to what its target state
// needs (CONFLICT, or BAD_USER_INPUT for a wrong adoption): a round to consult
// in for consultation; every observation answered and every decision settled
// for submission to the Council; the adopting act, of one of the strategy's
// own versions, for adoption, and for adoption only.
func CheckMove(from strategy.Status, step Step, f Facts) error {
	if !allows(from, step.To) {
		return illegal(from, step.To)
	}
	if step.Adoption != nil && step.To != strategy.StatusAdopted {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonAdoptionOnOtherMove, "to", step.To).
			Sayf("an adopting act is recorded by the move to %s only, not to %s", strategy.StatusAdopted, step.To)
	}
	switch step.To {
	case strategy.StatusConsultation:
		if f.RoundsToConsultIn == 0 {
			return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonNoRoundToConsultIn).
				Sayf("the strategy has no open or planned consultation round: plan one on a published version before moving it to %s", strategy.StatusConsultation)
		}
	case strategy.StatusSubmitted:
		var missing []string
		if f.Unanswered > 0 {
			missing = append(missing, plural(f.Unanswered, "submitted observation still awaits its answer", "submitted observations still await their answer"))
		}
		if f.OpenDecisions > 0 {
			missing = append(missing, plural(f.OpenDecisions, "decision is still open", "decisions are still open"))
		}
		if len(missing) > 0 {
			return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonNotReadyToSubmit, "unanswered", f.Unanswered, "openDecisions", f.OpenDecisions).
				Sayf("the strategy cannot be submitted yet: %s", strings.Join(missing, " and "))
		}
	case strategy.StatusAdopted:
		return checkAdoption(step.Adoption, f.OwnVersion)
	}
	return nil
}

// checkAdoption: adoption records the adopting act and pins the version it
// adopted, which must be one of the strategy's own.
func checkAdoption(a *Adoption, ownVersion bool) error {
	switch {
	case a == nil:
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonAdoptionMissing).
			Sayf("moving to %s records the adopting act: give the adoption (version adopted, act reference and date)", strategy.StatusAdopted)
	case strings.TrimSpace(a.ActReference) == "":
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonAdoptionActReference).
			Sayf("the adoption needs the reference of the act, such as « Décret n° 2022-123 du 15 mars 2022 »")
	case a.ActDate.IsZero():
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonAdoptionActDate)
	case !ownVersion:
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonAdoptionForeignVer, "version", a.VersionID).
			Sayf("%s is not a published version of this strategy: the act adopts one of the strategy's own versions", a.VersionID)
	}
	return nil
}

// gather reads the facts the guards of a move to step.To look at, at the time
// of the context's clock.
func gather(ctx context.Context, client *ent.Client, s *ent.Strategy, step Step) (Facts, error) {
	var (
		f   Facts
		err error
	)
	ofStrategy := entconsultation.HasStrategyWith(strategy.ID(s.ID))
	switch step.To {
	case strategy.StatusConsultation:
		now := clock.Now(ctx)
		f.RoundsToConsultIn, err = client.Consultation.Query().
			Where(ofStrategy, entconsultation.Or(consultation.InStatus(consultation.Planned, now), consultation.InStatus(consultation.Open, now))).
			Count(ctx)
	case strategy.StatusSubmitted:
		if f.Unanswered, err = client.Observation.Query().
			Where(observation.StatusEQ(observation.StatusSubmitted), observation.HasConsultationWith(ofStrategy)).
			Count(ctx); err != nil {
			return f, err
		}
		f.OpenDecisions, err = client.Decision.Query().
			Where(decision.StatusEQ(decision.StatusOpen), decision.HasStrategyWith(strategy.ID(s.ID))).
			Count(ctx)
	case strategy.StatusAdopted:
		if step.Adoption != nil {
			f.OwnVersion, err = client.StrategyVersion.Query().
				Where(strategyversion.ID(step.Adoption.VersionID), strategyversion.HasStrategyWith(strategy.ID(s.ID))).
				Exist(ctx)
		}
	}
	return f, err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
