package server

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/archive"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// attachmentDownload serves GET /attachments/{id}: the file, as the caller
// may read it (the attachment's privacy rule: whoever reads its record), after
// its bytes are checked against their SHA-256. A file altered in the store is
// never served: it is INTERNAL, and logged.
func attachmentDownload(client *ent.Client, files *attachment.Store, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := pulid.ID(r.PathValue("id"))
		a, err := client.Attachment.Get(ctx, id)
		if ent.IsNotFound(err) {
			err = palabre.Errorf(palabre.ENOTFOUND, "attachment %s not found", id)
		}
		if err != nil {
			writeFailure(w, r, logger, err)
			return
		}
		data, err := files.Read(ctx, a.Sha256, a.Size)
		if err != nil {
			writeFailure(w, r, logger, err)
			return
		}
		sendFile(w, a.ContentType, a.Name, data)
	})
}

// archiveDownload serves GET /strategies/{id}/archive.zip and
// /agreements/{id}/archive.zip: the record's archive package (package
// archive, build), to administrators and the secretariat.
func archiveDownload(client *ent.Client, files *attachment.Store, logger *slog.Logger, build func(context.Context, *ent.Client, *attachment.Store, pulid.ID) (*archive.Bag, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := pulid.ID(r.PathValue("id"))
		bag, err := build(ctx, client, files, id)
		if err != nil {
			writeFailure(w, r, logger, err)
			return
		}
		var body bytes.Buffer // a failure halfway is an error, not half a file
		if err := bag.WriteZip(&body, "palabre-"+string(id)); err != nil {
			writeFailure(w, r, logger, err)
			return
		}
		sendFile(w, "application/zip", "palabre-"+string(id)+".zip", body.Bytes())
	})
}

// sendFile answers with a file to save, never to render: its type, a
// Content-Disposition of attachment with the name (RFC 6266: an ASCII
// fallback and the UTF-8 name in filename*), no sniffing, no caching by
// shared caches (what a caller reads depends on who they are), and a sandbox
// should a browser render it all the same.
func sendFile(w http.ResponseWriter, contentType, name string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", disposition(name))
	h.Set("Content-Length", fmt.Sprint(len(data)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(data)
}

// disposition is `attachment; filename="…"; filename*=UTF-8”…` for name.
func disposition(name string) string {
	fallback := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' {
			return '_'
		}
		return r
	}, name)
	if v := mime.FormatMediaType("attachment", map[string]string{"filename": name}); v != "" && fallback != name {
		// FormatMediaType writes the UTF-8 name as RFC 2231's filename*.
		return fmt.Sprintf(`attachment; filename="%s"; %s`, fallback, strings.TrimPrefix(v, "attachment; "))
	}
	return fmt.Sprintf(`attachment; filename="%s"`, fallback)
}
