package attachment_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/johannesboyne/gofakes3"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/internal/apitest"
)

func TestBothStoresKeepFilesByHashOnceAndTellAlteredOnes(t *testing.T) {
	s3, backend := apitest.S3(t)
	folder := t.TempDir()
	for name, c := range map[string]struct {
		location string
		alter    func(sum string, data []byte)
		count    func() int
	}{
		"folder": {
			location: folder,
			alter: func(sum string, data []byte) {
				if err := os.WriteFile(filepath.Join(folder, "sha256", sum[:2], sum), data, 0o644); err != nil {
					t.Fatal(err)
				}
			},
			count: func() int {
				files, _ := filepath.Glob(filepath.Join(folder, "sha256", "*", "*"))
				return len(files)
			},
		},
		"S3": {
			location: s3,
			alter: func(sum string, data []byte) {
				if _, err := backend.PutObject(apitest.S3Bucket, "sha256/"+sum[:2]+"/"+sum, map[string]string{}, bytes.NewReader(data), int64(len(data)), nil); err != nil {
					t.Fatal(err)
				}
			},
			count: func() int {
				list, err := backend.ListBucket(apitest.S3Bucket, &gofakes3.Prefix{}, gofakes3.ListBucketPage{})
				if err != nil {
					t.Fatal(err)
				}
				return len(list.Contents)
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			store := attachment.NewStore(c.location)
			defer store.Close()
			data := []byte("%PDF-1.4 une annexe\n")
			sum := attachment.Sum(data)
			for range 2 {
				if err := store.Put(ctx, sum, bytes.NewReader(data)); err != nil {
					t.Fatal(err)
				}
			}
			if n := c.count(); n != 1 {
				t.Errorf("%d objects stored for one content", n)
			}
			got, err := store.Read(ctx, sum, int64(len(data)))
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("read back %q, %v", got, err)
			}
			if err := store.Check(ctx, sum, int64(len(data))); err != nil {
				t.Errorf("an intact file: %v", err)
			}

			c.alter(sum, []byte("%PDF-1.4 une autre\n"))
			var altered *attachment.Altered
			if _, err := store.Read(ctx, sum, int64(len(data))); !errors.As(err, &altered) {
				t.Errorf("reading an altered file: %v", err)
			}
			if err := store.Check(ctx, sum, int64(len(data))); !errors.As(err, &altered) {
				t.Errorf("checking an altered file: %v", err)
			}

			missing := attachment.Sum([]byte("nothing"))
			var perr *palabre.Error
			if err := store.Check(ctx, missing, 7); !errors.As(err, &perr) || perr.Code != palabre.ENOTFOUND {
				t.Errorf("a missing file: %v", err)
			}
		})
	}
}
