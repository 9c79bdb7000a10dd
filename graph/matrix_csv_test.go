package graph_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

// csvFailure decodes the error of a CSV request that failed.
func csvFailure(t *testing.T, res *http.Response, body []byte) string {
	t.Helper()
	var out struct {
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(body, &out); err != nil || len(out.Errors) != 1 || out.Errors[0].Message == "" {
		t.Fatalf("status %d: the body is not one coded error: %s", res.StatusCode, body)
	}
	code := out.Errors[0].Extensions.Code
	if want := palabre.HTTPStatus(code); res.StatusCode != want {
		t.Errorf("code %s came with status %d, want %d", code, res.StatusCode, want)
	}
	return code
}

// TestTheCSVMatrixAnswersRefusalsAsTheAPIDoes: every caller gets the matrix,
// or a refusal coded as GraphQL codes it (401, 403 or 404 with its code),
// never a 500.
func TestTheCSVMatrixAnswersRefusalsAsTheAPIDoes(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security, w.Justice)
	c.submit(w.SecurityAgent, submission(round, "Préciser le calendrier."))
	for who, token := range map[string]string{
		"the public": "", "an administrator": w.Admin, "the secretariat": w.Secretariat, "a reviewer": w.Reviewer,
		"an invited agency": w.SecurityAgent, "another invited agency": w.JusticeAgent, "an uninvited agency": c.RegulatorAgent,
	} {
		res, body := c.matrixCSV(t, token, round)
		if res.StatusCode == http.StatusOK {
			continue
		}
		if code := csvFailure(t, res, body); code != palabre.EFORBIDDEN && code != palabre.ENOTFOUND && code != palabre.EUNAUTHENTICATED {
			t.Errorf("%s gets %d %s: %s", who, res.StatusCode, code, body)
		}
	}
	res, body := c.matrixCSV(t, w.Secretariat, pulid.ID("CO01ARZ3NDEKTSV4RRFFQ69G5FAV"))
	if code := csvFailure(t, res, body); code != palabre.ENOTFOUND {
		t.Errorf("an unknown round: %d %s", res.StatusCode, code)
	}
}

// TestTheCSVMatrixOutOfTimeIsATimeout: a request that runs out of time is
// TIMEOUT with 503, as GraphQL codes it, not an internal error.
func TestTheCSVMatrixOutOfTimeIsATimeout(t *testing.T) {
	t.Parallel()
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) {
		c.RequestTimeout = -1 // out of time before it starts: no race with a clock
	}})
	c := &consulting{Server: s, t: t}
	res, body := c.matrixCSV(t, "", pulid.ID("CO01ARZ3NDEKTSV4RRFFQ69G5FAV"))
	if code := csvFailure(t, res, body); code != palabre.ETIMEOUT || res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("got %d %s: %s", res.StatusCode, code, body)
	}
}
