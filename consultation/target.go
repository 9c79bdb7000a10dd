package consultation

import (
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/versions"
)

// Target finds an observation's target in the consulted version (number
// version) and returns its code and title as they were consulted: the working
// copy may change or lose them later. An observation on the whole strategy
// names no target (id is empty) and takes the strategy's title.
func Target(consulted *versions.Snapshot, version int, kind observation.TargetKind, id pulid.ID) (code, title string, err error) {
	if kind == observation.TargetKindStrategy {
		if id != "" {
			return "", "", palabre.Refuse(palabre.EINVALID, palabre.ReasonTargetOnStrategy)
		}
		return "", consulted.Strategy.Title, nil
	}
	if id == "" {
		return "", "", palabre.Refuse(palabre.EINVALID, palabre.ReasonTargetMissing, "kind", kind).Sayf("name the %s the observation is about (targetID)", targetName(kind))
	}
	switch kind {
	case observation.TargetKindObjective:
		if o, ok := consulted.Objective(id); ok {
			return o.Code, o.Title, nil
		}
	case observation.TargetKindActionItem:
		if it, ok := consulted.ActionItem(id); ok {
			return it.Code, it.Title, nil
		}
	}
	return "", "", palabre.Refuse(palabre.EINVALID, palabre.ReasonTargetNotConsulted, "kind", kind, "target", id, "version", version).
		Sayf("%s %s is not in version %d, the version consulted", targetName(kind), id, version)
}

func targetName(kind observation.TargetKind) string {
	if kind == observation.TargetKindActionItem {
		return "action item"
	}
	return strings.ToLower(string(kind))
}
