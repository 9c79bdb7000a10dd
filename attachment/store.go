// Package attachment keeps the files attached to records: a store that holds
// each file once under its SHA-256 (a local folder, or S3-compatible object
// storage), the checks an upload passes (size, type from its bytes, name),
// and the re-hashing that proves a stored file unchanged.
package attachment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"
	_ "gocloud.dev/blob/s3blob" // s3:// locations
	"gocloud.dev/gcerrors"

	"github.com/palabre/palabre"
)

// Store holds files by their SHA-256: content-addressed, so a file sent twice
// is stored once, and immutable, so what a hash names never changes. Every
// location kind (a folder, object storage) goes through gocloud.dev/blob.
type Store struct {
	location string
	once     sync.Once
	b        *blob.Bucket
	err      error
}

// NewStore returns the store at location: a folder (created when the first
// file comes), or a gocloud.dev URL such as
// s3://bucket?region=eu-west-3&endpoint=https://s3.example&use_path_style=true
// for S3-compatible storage (credentials from the usual AWS variables). It is
// opened on first use, so a process that stores no file needs none.
func NewStore(location string) *Store { return &Store{location: location} }

// bucket opens the store once.
func (s *Store) bucket(ctx context.Context) (*blob.Bucket, error) {
	s.once.Do(func() {
		switch {
		case s.location == "":
			s.err = fmt.Errorf("no location is set for attached files")
		case strings.Contains(s.location, "://"):
			s.b, s.err = blob.OpenBucket(ctx, s.location)
		default:
			var dir string
			if dir, s.err = filepath.Abs(s.location); s.err == nil {
				s.b, s.err = fileblob.OpenBucket(dir, &fileblob.Options{CreateDir: true, NoTempDir: true, Metadata: fileblob.MetadataDontWrite})
			}
		}
		if s.err != nil {
			s.err = fmt.Errorf("attached files at %s: %w", s.location, s.err)
		}
	})
	return s.b, s.err
}

// Close releases the store.
func (s *Store) Close() error {
	if s.b == nil {
		return nil
	}
	return s.b.Close()
}

// key is where a file is stored: sha256/ab/abcdef…, two hex digits of fan-out.
func key(sum string) string { return "sha256/" + sum[:2] + "/" + sum }

// Put stores data under its SHA-256 sum, unless a file is already stored
// there: the same bytes, by the hash's definition.
func (s *Store) Put(ctx context.Context, sum string, data io.Reader) error {
	b, err := s.bucket(ctx)
	if err != nil {
		return err
	}
	k := key(sum)
	ok, err := b.Exists(ctx, k)
	if err != nil || ok {
		return err
	}
	return b.Upload(ctx, k, data, &blob.WriterOptions{ContentType: "application/octet-stream"})
}

// Open returns the file stored under sum; a missing one is NOT_FOUND.
func (s *Store) Open(ctx context.Context, sum string) (io.ReadCloser, error) {
	b, err := s.bucket(ctx)
	if err != nil {
		return nil, err
	}
	r, err := b.NewReader(ctx, key(sum), nil)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, palabre.Errorf(palabre.ENOTFOUND, "the file %s is missing from the store", sum)
	}
	return r, err
}

// Read returns the file stored under sum after checking that its bytes still
// hash to sum and number size: a file changed or cut in the store is an
// error, never served.
func (s *Store) Read(ctx context.Context, sum string, size int64) ([]byte, error) {
	r, err := s.Open(ctx, sum)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, size+1))
	if err != nil {
		return nil, readError(sum, err)
	}
	if got := Sum(data); got != sum || int64(len(data)) != size {
		return nil, &Altered{Sum: sum, Got: got, Size: int64(len(data))}
	}
	return data, nil
}

// Check re-hashes the file stored under sum, reading it as a stream: nil when
// it is intact, an error naming what is wrong otherwise.
func (s *Store) Check(ctx context.Context, sum string, size int64) error {
	r, err := s.Open(ctx, sum)
	if err != nil {
		return err
	}
	defer r.Close()
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return readError(sum, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum || n != size {
		return &Altered{Sum: sum, Got: got, Size: n}
	}
	return nil
}

// readError is a failed read: an object store that checks its own checksum
// (S3's CRC32) reports bytes changed behind its back as a read error, which is
// an altered file, not an outage.
func readError(sum string, err error) error {
	if strings.Contains(err.Error(), "checksum did not match") {
		return &Altered{Sum: sum, Reason: "its bytes fail the object store's own checksum"}
	}
	return err
}

// Altered is a stored file whose bytes no longer match its hash.
type Altered struct {
	Sum, Got string
	Size     int64
	Reason   string // when the store tells it, not the hash
}

func (a *Altered) Error() string {
	if a.Reason != "" {
		return fmt.Sprintf("the stored file %s was altered: %s", a.Sum, a.Reason)
	}
	return fmt.Sprintf("the stored file %s was altered: its bytes now hash to %s (%d bytes)", a.Sum, a.Got, a.Size)
}

// Sum is the SHA-256 of data in hexadecimal.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}
