package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
)

// File is a file a multipart request sends.
type File struct {
	Name string
	Data []byte
}

// Upload sends a query as a GraphQL multipart request (the multipart request
// specification), with each file at the variable path it is keyed by (such
// as "in.file"), the preflight header unless preflight is false.
func (s *Server) Upload(t testing.TB, token, query string, vars map[string]any, files map[string]File, preflight bool) *Response {
	t.Helper()
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	operations, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string][]string{}
	var keys []string
	for path := range files {
		keys = append(keys, path)
	}
	for i, path := range keys {
		paths[fmt.Sprint(i)] = []string{"variables." + path}
	}
	fileMap, _ := json.Marshal(paths)
	_ = form.WriteField("operations", string(operations))
	_ = form.WriteField("map", string(fileMap))
	for i, path := range keys {
		w, err := form.CreateFormFile(fmt.Sprint(i), files[path].Name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(files[path].Data)
	}
	_ = form.Close()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, s.URL, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	if preflight {
		req.Header.Set("GraphQL-Preflight", "1")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := &Response{Status: res.StatusCode}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("response is not JSON (status %d): %s", res.StatusCode, raw)
	}
	return out
}

// Get sends a GET to an endpoint beside /graphql (a path such as
// /attachments/AT…) with a token ("" for the public).
func (s *Server) Get(t testing.TB, token, path string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, s.Base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, raw
}
