// Package archive writes the archive package of a strategy: a BagIt package
// (RFC 8493) holding every published version as hashed, the adopted text as
// HTML and Markdown, every consultation round with its invitations,
// observations, answers and response matrix, decisions, lifecycle moves, the
// audit events of all of these and their attachments, so that the record can
// be read and checked years later without Palabre (`sha256sum -c
// manifest-sha256.txt` from the bag's root).
//
// The payload depends on the records only: exporting an unchanged strategy
// twice gives byte-identical payload files (fixed ordering, no export time);
// the export's date and the audit chain's head are in bag-info.txt.
package archive

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/auditevent"
	"github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/ent/strategyversion"
)

// MayExport reports whether the caller may export archive packages: the
// administrators and the secretariat, and the system (the command line). A
// package holds the whole record, audit trail included.
func MayExport(ctx context.Context) error {
	if access.ActsAsSystem(ctx) {
		return nil
	}
	v := auth.FromContext(ctx)
	if v.Is(auth.RoleAdmin) || v.Is(auth.RoleSecretariat) {
		return nil
	}
	if v == nil {
		return palabre.Errorf(palabre.EUNAUTHENTICATED, "authentication required: archive packages are exported by administrators and the secretariat")
	}
	return palabre.Errorf(palabre.EFORBIDDEN, "archive packages are exported by administrators and the secretariat")
}

// DownloadPath is where the API serves a strategy's package, as a ZIP file.
func DownloadPath(strategyID pulid.ID) string {
	return "/strategies/" + string(strategyID) + "/archive.zip"
}

// Strategy builds the package of a strategy, for a caller MayExport allows.
// It reads everything as the system, so the command line and the API export
// the same package; drafts of observations, which their agency alone reads
// and which have not been said yet, are left out with their attachments.
func Strategy(ctx context.Context, client *ent.Client, files *attachment.Store, id pulid.ID) (*Bag, error) {
	return build(ctx, client, files, func(b *builder) error { return b.strategy(id) })
}

// build makes a package by fill, for a caller MayExport allows, reading as
// the system up to the audit chain's head read first: the package's events
// stop there, and bag-info.txt names it.
func build(ctx context.Context, client *ent.Client, files *attachment.Store, fill func(*builder) error) (*Bag, error) {
	if err := MayExport(ctx); err != nil {
		return nil, err
	}
	now := clock.Now(ctx)
	ctx = access.AsSystem(ctx, "archive export")
	head, err := client.AuditHead.Query().First(ctx)
	if ent.IsNotFound(err) {
		head, err = &ent.AuditHead{}, nil
	}
	if err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, client: client, files: files, bag: &Bag{}, head: head}
	if err := fill(b); err != nil {
		return nil, err
	}
	slices.SortFunc(b.bag.Payload, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	b.bag.Describe(now, head)
	return b.bag, nil
}

// builder gathers a strategy's payload, and the IDs whose audit events go with it.
type builder struct {
	ctx      context.Context
	client   *ent.Client
	files    *attachment.Store
	bag      *Bag
	head     *ent.AuditHead
	entities []string
}

func (b *builder) add(path string, data []byte) {
	b.bag.Payload = append(b.bag.Payload, File{Path: path, Data: data})
}

func (b *builder) addJSON(path string, v any) error {
	data, err := encode(v)
	if err != nil {
		return err
	}
	b.add(path, data)
	return nil
}

func (b *builder) strategy(id pulid.ID) error {
	ctx := b.ctx
	s, err := b.client.Strategy.Query().Where(strategy.ID(id)).
		WithOwnerAgency().WithImplementingAgency().
		WithAdoptedVersion(func(q *ent.StrategyVersionQuery) { q.Select(strategyversion.FieldID, strategyversion.FieldNumber) }).
		Only(ctx)
	if ent.IsNotFound(err) {
		return palabre.Errorf(palabre.ENOTFOUND, "strategy %s not found", id)
	}
	if err != nil {
		return err
	}
	b.bag.Info = info(s)
	b.entities = append(b.entities, string(s.ID))
	if err := b.addJSON("strategy.json", s); err != nil {
		return err
	}
	for _, step := range []func(*ent.Strategy) error{b.plan, b.versions, b.rounds, b.decisions, b.transitions} {
		if err := step(s); err != nil {
			return err
		}
	}
	b.add("README.txt", []byte(readme))
	return b.auditEvents()
}

// plan adds the IDs of the working plan's objectives and items, whose audit
// events tell how the published texts came to be.
func (b *builder) plan(s *ent.Strategy) error {
	objectives, err := s.QueryObjectives().IDs(b.ctx)
	if err != nil {
		return err
	}
	items, err := b.client.ActionItem.Query().Where(actionitem.HasStrategyWith(strategy.ID(s.ID))).IDs(b.ctx)
	if err != nil {
		return err
	}
	for _, ids := range [][]pulid.ID{objectives, items} {
		for _, id := range ids {
			b.entities = append(b.entities, string(id))
		}
	}
	return nil
}

// versionDoc is a version's record in versions/index.json.
type versionDoc struct {
	ID          pulid.ID  `json:"id"`
	Number      int       `json:"number"`
	Label       string    `json:"label"`
	Changelog   string    `json:"changelog"`
	SHA256      string    `json:"sha256"`
	File        string    `json:"file"`
	PublishedAt string    `json:"publishedAt"`
	PublishedBy *pulid.ID `json:"publishedBy"`
	Adopted     bool      `json:"adopted"`
}

func (b *builder) versions(s *ent.Strategy) error {
	list, err := s.QueryVersions().Order(ent.Asc(strategyversion.FieldNumber)).
		WithPublishedBy(func(q *ent.AccountQuery) { q.Select("id") }).
		WithAttachments().
		All(b.ctx)
	if err != nil {
		return err
	}
	var adopted *ent.StrategyVersion
	docs := make([]versionDoc, 0, len(list))
	for _, v := range list {
		b.entities = append(b.entities, string(v.ID))
		file := fmt.Sprintf("versions/v%d.json", v.Number)
		// The content as published and hashed: its SHA-256 in the manifest is
		// the version's own.
		b.add(file, []byte(v.Content))
		d := versionDoc{ID: v.ID, Number: v.Number, Label: v.Label, Changelog: v.Changelog, SHA256: v.Sha256, File: file, PublishedAt: stamp(v.CreatedAt)}
		if p := v.Edges.PublishedBy; p != nil {
			d.PublishedBy = &p.ID
		}
		if av := s.Edges.AdoptedVersion; av != nil && av.ID == v.ID {
			d.Adopted, adopted = true, v
		}
		docs = append(docs, d)
		if err := b.attachments(fmt.Sprintf("versions/v%d-attachments", v.Number), v.Edges.Attachments); err != nil {
			return err
		}
	}
	if err := b.addJSON("versions/index.json", docs); err != nil {
		return err
	}
	if adopted == nil {
		return nil
	}
	return b.adopted(s, adopted)
}

func (b *builder) rounds(s *ent.Strategy) error {
	rounds, err := s.QueryConsultations().
		Order(ent.Asc(consultation.FieldOpensAt), ent.Asc(consultation.FieldID)).
		WithInvitedAgencies().
		WithVersion(func(q *ent.StrategyVersionQuery) { q.Select(strategyversion.FieldID, strategyversion.FieldNumber) }).
		All(b.ctx)
	if err != nil {
		return err
	}
	for i, r := range rounds {
		b.entities = append(b.entities, string(r.ID))
		dir := fmt.Sprintf("rounds/%02d-%s", i+1, r.ID)
		slices.SortFunc(r.Edges.InvitedAgencies, func(a, b *ent.Agency) int { return strings.Compare(a.Acronym, b.Acronym) })
		if err := b.addJSON(dir+"/round.json", r); err != nil {
			return err
		}
		observations, err := r.QueryObservations().
			Where(observation.StatusNEQ(observation.StatusDraft)).
			Order(ent.Asc(observation.FieldCreatedAt), ent.Asc(observation.FieldID)).
			WithAgency().
			WithTakenInto(func(q *ent.StrategyVersionQuery) { q.Select(strategyversion.FieldID, strategyversion.FieldNumber) }).
			WithAttachments().
			All(b.ctx)
		if err != nil {
			return err
		}
		for _, o := range observations {
			b.entities = append(b.entities, string(o.ID))
			if err := b.attachments(dir+"/attachments/"+string(o.ID), o.Edges.Attachments); err != nil {
				return err
			}
			o.Edges.Attachments = nil // listed in the attachments' own index
		}
		if err := b.addJSON(dir+"/observations.json", observations); err != nil {
			return err
		}
		matrix, err := roundMatrix(b.ctx, r)
		if err != nil {
			return err
		}
		if err := b.addJSON(dir+"/response-matrix.json", matrix.doc); err != nil {
			return err
		}
		b.add(dir+"/response-matrix.csv", matrix.csv)
	}
	return nil
}

func (b *builder) decisions(s *ent.Strategy) error {
	list, err := s.QueryDecisions().Order(ent.Asc(decision.FieldCreatedAt), ent.Asc(decision.FieldID)).
		WithPositions(func(q *ent.DecisionPositionQuery) { q.WithAgency().Order(ent.Asc("created_at"), ent.Asc("id")) }).
		WithImplementingAgency().
		All(b.ctx)
	if err != nil {
		return err
	}
	for _, d := range list {
		b.entities = append(b.entities, string(d.ID))
		for _, p := range d.Edges.Positions {
			b.entities = append(b.entities, string(p.ID))
		}
	}
	return b.addJSON("decisions.json", list)
}

func (b *builder) transitions(s *ent.Strategy) error {
	list, err := s.QueryTransitions().WithActor(func(q *ent.AccountQuery) { q.Select("id") }).All(b.ctx)
	if err != nil {
		return err
	}
	for _, t := range list {
		b.entities = append(b.entities, string(t.ID))
	}
	return b.addJSON("transitions.json", list)
}

// attachmentDoc is an attachment's record in an attachments index.
type attachmentDoc struct {
	ID          pulid.ID `json:"id"`
	Name        string   `json:"name"`
	ContentType string   `json:"contentType"`
	Size        int64    `json:"size"`
	SHA256      string   `json:"sha256"`
	File        string   `json:"file"`
	UploadedAt  string   `json:"uploadedAt"`
}

// attachments adds the files of one record under dir, with an index naming
// each by its original name; the files themselves get names safe on every
// system (the attachment's ID and the name's safe characters).
func (b *builder) attachments(dir string, list []*ent.Attachment) error {
	if len(list) == 0 {
		return nil
	}
	slices.SortFunc(list, func(a, b *ent.Attachment) int { return strings.Compare(string(a.ID), string(b.ID)) })
	docs := make([]attachmentDoc, 0, len(list))
	for _, a := range list {
		b.entities = append(b.entities, string(a.ID))
		data, err := b.files.Read(b.ctx, a.Sha256, a.Size)
		if err != nil {
			return fmt.Errorf("attachment %s (%s) cannot be packaged: %v", a.ID, a.Name, err) // the store failed us: INTERNAL
		}
		file := dir + "/" + string(a.ID) + "-" + portable(a.Name)
		b.add(file, data)
		docs = append(docs, attachmentDoc{ID: a.ID, Name: a.Name, ContentType: a.ContentType, Size: a.Size, SHA256: a.Sha256, File: file, UploadedAt: stamp(a.CreatedAt)})
	}
	return b.addJSON(dir+"/index.json", docs)
}

// auditEvents adds the audit events of every record of the package, in the
// chain's order, with the hashes that link them; and those of the records
// they point to (agencies, domains, and what these point to in turn), but for
// accounts, which archives leave out: the package then restores whole.
func (b *builder) auditEvents() error {
	seen := map[string]bool{}
	var events []*ent.AuditEvent
	next := b.entities
	for len(next) > 0 {
		ids := slices.Compact(slices.Sorted(slices.Values(next)))
		ids = slices.DeleteFunc(ids, func(id string) bool { return seen[id] })
		next = nil
		for _, id := range ids {
			seen[id] = true
		}
		for chunk := range slices.Chunk(ids, 500) {
			list, err := b.client.AuditEvent.Query().Where(auditevent.EntityIDIn(chunk...), auditevent.SequenceLTE(b.head.Sequence)).All(b.ctx)
			if err != nil {
				return err
			}
			for _, e := range list {
				refs, err := audit.References(e.EntityType, e.Changes)
				if err != nil {
					return err
				}
				for _, id := range refs {
					if !seen[id] {
						next = append(next, id)
					}
				}
			}
			events = append(events, list...)
		}
	}
	slices.SortFunc(events, func(a, b *ent.AuditEvent) int { return cmp.Compare(a.Sequence, b.Sequence) })
	var out strings.Builder
	for _, e := range events {
		line, err := encodeLine(e)
		if err != nil {
			return err
		}
		out.Write(line)
	}
	b.add("audit-events.jsonl", []byte(out.String()))
	return nil
}

// readme tells a reader years from now what the package holds and how to
// check it without Palabre.
const readme = `Archive package of a strategy, written by Palabre as a BagIt package (RFC 8493).

Check it from the bag's root (the folder holding bagit.txt):
  sha256sum -c manifest-sha256.txt      every file under data/
  sha256sum -c tagmanifest-sha256.txt   bagit.txt, bag-info.txt and the manifest

data/strategy.json              the strategy as it stands
data/versions/vN.json           each published version's content, byte for byte as hashed:
                                its SHA-256 (in the manifest) is the one versions/index.json gives
data/versions/index.json        the versions: number, label, changelog, SHA-256, publication, adoption
data/versions/vN-attachments/   the files annexed to a version, with index.json (original names, SHA-256)
data/adopted/strategy.html|.md  the adopted version as a readable document, with its action plan
data/rounds/NN-ID/              each consultation round: round.json (with its invited agencies),
                                observations.json (with the answers; drafts are not included),
                                response-matrix.json and .csv, attachments/ of the observations
data/decisions.json             the questions put to consensus, positions and outcomes
data/transitions.json           the strategy's moves through its lifecycle
data/audit-events.jsonl         the audit events of all of these and of the records they point to
                                (agencies, domains; not accounts), one JSON object a line, in order

Each audit event is chained: its hash is the SHA-256 (hexadecimal) of the JSON array
  [previous_hash, sequence, at (UTC, RFC 3339 with nanoseconds, no trailing zeros), actor_id,
   operation, entity_type, entity_id, changes]
written without spaces, and previous_hash is the hash of the event before it in the whole trail
(events of other records are not in this package). bag-info.txt gives the head of the trail when
the package was made.
`
