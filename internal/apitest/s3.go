package apitest

import (
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// S3Bucket is the bucket S3 stores files in.
const S3Bucket = "palabre-files"

// S3 starts an S3-compatible server in the test's process
// (github.com/johannesboyne/gofakes3, in memory, reached over HTTP by the AWS
// SDK as a real one would be) and returns the store location of a bucket of
// it (server.Config.Files), and its backend, to tamper with. It sets the AWS
// credential variables, so its test cannot run in parallel.
func S3(t *testing.T) (string, *s3mem.Backend) {
	t.Helper()
	backend := s3mem.New()
	ts := httptest.NewServer(gofakes3.New(backend, gofakes3.WithAutoBucket(true)).Server())
	t.Cleanup(ts.Close)
	t.Setenv("AWS_ACCESS_KEY_ID", "palabre")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "palabre-secret")
	q := url.Values{"region": {"us-east-1"}, "endpoint": {ts.URL}, "use_path_style": {"true"}, "disable_https": {"true"}}
	return "s3://" + S3Bucket + "?" + q.Encode(), backend
}
