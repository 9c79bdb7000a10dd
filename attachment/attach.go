package attachment

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"
	"golang.org/x/text/unicode/norm"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/attachment"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategyversion"
)

// DefaultMaxFileBytes is the largest file accepted unless configured.
const DefaultMaxFileBytes = 20 << 20

// OwnerKinds are the ID prefixes of the records a file can be attached to: a
// strategy version, an observation, an agreement. A new owner kind (a
// meeting) is one more prefix here, one more case in owner below, one more
// edge of ent/schema/attachment.go and one more line of rule/attachment.go.
var OwnerKinds = []string{"SV", "OS", "AR", "MG"}

// owner checks that the caller reads the record id names and returns the
// setter that makes a new attachment belong to it.
func owner(ctx context.Context, client *ent.Client, id pulid.ID) (func(*ent.AttachmentCreate), predicate.Attachment, error) {
	var (
		found bool
		err   error
		set   func(*ent.AttachmentCreate)
		same  predicate.Attachment
	)
	switch id.Prefix() {
	case "SV":
		found, err = client.StrategyVersion.Query().Where(strategyversion.ID(id)).Exist(ctx)
		set = func(c *ent.AttachmentCreate) { c.SetStrategyVersionID(id) }
		same = attachment.HasStrategyVersionWith(strategyversion.ID(id))
	case "OS":
		found, err = client.Observation.Query().Where(observation.ID(id)).Exist(ctx)
		set = func(c *ent.AttachmentCreate) { c.SetObservationID(id) }
		same = attachment.HasObservationWith(observation.ID(id))
	case "AR":
		found, err = client.Agreement.Query().Where(agreement.ID(id)).Exist(ctx)
		set = func(c *ent.AttachmentCreate) { c.SetAgreementID(id) }
		same = attachment.HasAgreementWith(agreement.ID(id))
	case "MG":
		found, err = client.Meeting.Query().Where(meeting.ID(id)).Exist(ctx)
		set = func(c *ent.AttachmentCreate) { c.SetMeetingID(id) }
		same = attachment.HasMeetingWith(meeting.ID(id))
	default:
		return nil, nil, palabre.Errorf(palabre.EINVALID, "files are attached to a strategy version, an observation, an agreement or a meeting, not to %s", id)
	}
	if err != nil {
		return nil, nil, err
	}
	if !found {
		return nil, nil, palabre.Errorf(palabre.ENOTFOUND, "there is no record with the ID %s", id)
	}
	return set, same, nil
}

// Upload is a file as a request brought it.
type Upload struct {
	Name string    // as the client named it
	Size int64     // as the client announced it
	File io.Reader // its bytes
}

// Attach stores an uploaded file as an attachment of the record ownerID, for
// the caller in ctx, and returns it. Everything that can refuse the file is
// checked before anything is stored (its size, its type from its bytes, its
// name, the owner, the caller's right to attach): a refused file leaves no
// row and no stored bytes. The row is written in client's transaction, the
// bytes once it is known to be allowed. A file the record already holds is
// not attached twice: the existing attachment is returned.
func Attach(ctx context.Context, client *ent.Client, store *Store, ownerID pulid.ID, up Upload, maxBytes int64) (*ent.Attachment, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxFileBytes
	}
	if up.Size > maxBytes {
		return nil, tooLarge(maxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(up.File, maxBytes+1))
	if err != nil {
		return nil, palabre.Errorf(palabre.EINVALID, "the file could not be read whole: send it again")
	}
	if int64(len(data)) > maxBytes {
		return nil, tooLarge(maxBytes)
	}
	if len(data) == 0 {
		return nil, palabre.Errorf(palabre.EINVALID, "the file is empty")
	}
	contentType, err := Detect(data)
	if err != nil {
		return nil, err
	}
	name, err := SafeName(up.Name)
	if err != nil {
		return nil, err
	}
	set, same, err := owner(ctx, client, ownerID)
	if err != nil {
		return nil, err
	}
	sum := Sum(data)
	create := client.Attachment.Create().
		SetName(name).SetContentType(contentType).SetSize(int64(len(data))).SetSha256(sum)
	if v := auth.FromContext(ctx); v != nil {
		create.SetUploadedByID(v.AccountID)
	}
	set(create)
	// Who may attach is the Attachment's privacy rule: asked first, so that
	// the file already attached is returned only to whom could attach it.
	if err := attachment.Policy.EvalMutation(ctx, create.Mutation()); err != nil && !errors.Is(err, privacy.Allow) {
		return nil, err
	}
	existing, err := client.Attachment.Query().Where(same, attachment.Sha256(sum)).First(ctx)
	switch {
	case err == nil:
		return existing, nil
	case !ent.IsNotFound(err):
		return nil, err
	}
	a, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := store.Put(ctx, sum, bytes.NewReader(data)); err != nil {
		return nil, err // the transaction takes the row back
	}
	return a, nil
}

func tooLarge(maxBytes int64) error {
	return palabre.Errorf(palabre.EINVALID, "the file is larger than %d bytes, the most a file may be", maxBytes)
}

// allowed are the types a file may have: documents people exchange (PDF,
// OpenDocument, Microsoft Office), images, plain text and CSV. Nothing a
// browser would run (HTML, SVG, scripts), nothing executable.
var allowed = []string{
	"application/pdf",
	"image/png", "image/jpeg", "image/gif", "image/webp",
	"application/vnd.oasis.opendocument.text",
	"application/vnd.oasis.opendocument.spreadsheet",
	"application/vnd.oasis.opendocument.presentation",
	"application/vnd.oasis.opendocument.graphics",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
	"text/csv",
	"text/plain",
}

// Detect returns the media type of data, read from its bytes, when it is an
// allowed one; another type is BAD_USER_INPUT.
func Detect(data []byte) (string, error) {
	m := mimetype.Detect(data)
	for _, a := range allowed {
		if m.Is(a) {
			if a == "text/plain" || a == "text/csv" {
				if !utf8.Valid(data) {
					break // text in another encoding is not read back as it was
				}
				return a + "; charset=utf-8", nil
			}
			return a, nil
		}
	}
	return "", palabre.Errorf(palabre.EINVALID, "files of type %s cannot be attached: send a PDF, an image (PNG, JPEG, GIF, WebP), an OpenDocument or Microsoft Office file, UTF-8 plain text or CSV", m.String())
}

// SafeName makes a client's file name safe to store and to send back in a
// Content-Disposition header: its last path element only, in Unicode NFC,
// without control, format (bidirectional overrides) or reserved characters,
// trimmed of spaces and dots, at most 255 bytes. A name with nothing left is
// BAD_USER_INPUT.
func SafeName(name string) (string, error) {
	name = strings.ReplaceAll(name, `\`, "/")
	if name = path.Base("/" + name); name == "/" {
		name = ""
	}
	name = norm.NFC.String(name)
	name = strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), unicode.In(r, unicode.Cf):
			return -1
		case strings.ContainsRune(`<>:"/|?*`, r):
			return '_'
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	if len(name) > 255 { // cut the stem, keep the extension
		ext := path.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		stem := strings.TrimSuffix(name, ext)
		for len(stem)+len(ext) > 255 {
			_, size := utf8.DecodeLastRuneInString(stem)
			stem = stem[:len(stem)-size]
		}
		name = stem + ext
	}
	name = strings.Trim(name, " .")
	if name == "" {
		return "", palabre.Errorf(palabre.EINVALID, "the file needs a name")
	}
	return name, nil
}
