package server

import (
	"bytes"
	"github.com/hopfield-lab/hopfield/internal/lab"
	"net/http"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield/patterns"
)

// goWords are signs of Go's internals in a message meant for the page.
var goWords = []string{"server.", "interface {}", "want a int", "lab.MemoryRequest", "map[", "json:", "Request"}

func wantNoGo(t *testing.T, w interface{ String() string }) {
	t.Helper()
	for _, g := range goWords {
		if strings.Contains(w.String(), g) {
			t.Errorf("message %s shows Go's internals (%q)", w, g)
		}
	}
}

// TestJSONErrors checks that a body the server cannot decode gets a 400
// whose message names the field and what it should hold, in words.
func TestJSONErrors(t *testing.T) {
	s := New(Options{})
	for _, tc := range []struct {
		path, body, want string
	}{
		{"/api/run", `[]`, "request body: not a JSON object (got an array)"},
		{"/api/run", `"x"`, "request body: not a JSON object (got a string)"},
		{"/api/run", `null`, "request body: not a JSON object (got null)"},
		{"/api/run", `3`, "request body: not a JSON object (got a number)"},
		{"/api/run", ``, "request body is empty: want a JSON object"},
		{"/api/run", "  \n", "request body is empty: want a JSON object"},
		{"/api/run", `{"rows":"5"}`, `field "rows": want an integer, got a string`},
		{"/api/run", `{"rows":1e100}`, `field "rows": want an integer, got the number 1e100`},
		{"/api/run", `{"rows":5,"cue":[1,0,-1]}`, `field "cue": want a string of cells: '#' ink, '.' background, '?' unknown, got an array`},
		{"/api/run", `{"patterns":{}}`, `field "patterns": want an array of patterns {"name": ..., "cells": ...}, got an object`},
		{"/api/run", `{"patterns":[{"cells":5}]}`, `field "patterns.cells": want a string of cells`},
		{"/api/run", `{"seed":-1}`, `field "seed": want a whole number from 0 to 2^64-1, got the number -1`},
		{"/api/run", `{"temperature":true}`, `field "temperature": want a number, got true or false`},
		{"/api/run", `{"sed":1}`, `unknown field "sed" (fields: cols, cue, energy, every, max_steps, patterns, random, random_seed, rows, rule, seed, temperature, tie, update)`},
		{"/api/cue", `{"rect":[1]}`, `field "rect": want an object {"top", "left", "bottom", "right"}, got an array`},
		{"/api/cue", `{"rect":{"top":"a"}}`, `field "rect.top": want an integer, got a string`},
		{"/api/cue", `{"rows":5,`, "request body: the JSON ends too early"},
		{"/api/cue", `{flip`, "request body: not valid JSON at byte 2: invalid character 'f' looking for beginning of object key string"},
		{"/api/cue", `{"rows":5}x`, "request body: more data after the JSON object"},
		{"/api/cue", `{"rows":5}}`, "request body: more data after the JSON object"},
		{"/api/weights", `{"side":"big"}`, `field "side": want an integer, got a string`},
		{"/api/experiments/letters-5x5", `{"params":[]}`, `field "params": want an object of parameter values, such as {"noise": 0.3}, got an array`},
		{"/api/experiments/letters-5x5", `{"params":{"noise":[1]}}`, "parameter noise: want a number, true/false or a string, got an array"},
		{"/api/experiments/letters-5x5", `{"params":{"noise":null}}`, "parameter noise: want a number, true/false or a string, got null"},
	} {
		t.Run(tc.path+" "+tc.body, func(t *testing.T) {
			w := call(t, s, "POST", tc.path, tc.body)
			wantError(t, w, tc.want)
			wantNoGo(t, w.Body)
		})
	}
}

// TestQueryParameters checks that every query parameter is validated:
// unknown, repeated or malformed ones get a 400 that names them.
func TestQueryParameters(t *testing.T) {
	s := New(Options{})
	png := pngOf(t, builtin(t, "seed:X"))
	for _, tc := range []struct {
		method, target string
		body           any
		want           string
	}{
		{"POST", "/api/upload?rows=5&cols=5&invert=maybe", png, `parameter invert="maybe": want true or false`},
		{"POST", "/api/upload?rows=5&cols=5&threshold=1", png, `parameter threshold="1": want a number in (0, 1)`},
		{"POST", "/api/upload?rows=5&cols=5&colour=red", png, `unknown query parameter "colour" (parameters: rows, cols, invert, threshold, name)`},
		{"POST", "/api/upload?rows=5&rows=6", png, "query parameter rows given 2 times"},
		{"POST", "/api/upload?rows=5&name=", png, "parameter name: want 1 to 100 bytes, got 0"},
		{"POST", "/api/upload?rows=5&name=" + strings.Repeat("x", 101), png, "parameter name: want 1 to 100 bytes, got 101"},
		{"GET", "/api/pattern?name=seed:X&foo=1", nil, `unknown query parameter "foo"`},
		{"GET", "/api/pattern?name=seed:X&seed=3", nil, "parameter seed is for name=random"},
		{"GET", "/api/pattern?name=seed:X&bias=0.3", nil, "parameter bias is for name=random"},
		{"GET", "/api/pattern?name=seed:X&rows=%zz", nil, `query string "name=seed:X&rows=%zz": invalid URL escape "%zz"`},
		{"GET", "/api/capacity?n=100&p=3&alpha=1", nil, `unknown query parameter "alpha" (parameters: n, p, rule, energy)`},
		{"GET", "/api/limits?x", nil, `unknown query parameter "x": GET /api/limits takes no query parameters`},
		{"GET", "/api/builtins?all=1", nil, `unknown query parameter "all"`},
		{"GET", "/api/experiments?x=1", nil, `unknown query parameter "x"`},
		{"POST", "/api/run?seed=3", runReq(memoryOf(5, 5, "", builtin(t, "seed:X")), cells(builtin(t, "seed:X")), "sync", 1, 0), `unknown query parameter "seed": POST /api/run takes no query parameters`},
		{"POST", "/api/cue?op=flip", `{}`, `unknown query parameter "op"`},
		{"POST", "/api/experiments/letters-5x5?noise=1", `{}`, `unknown query parameter "noise"`},
	} {
		t.Run(tc.target, func(t *testing.T) {
			w := call(t, s, tc.method, tc.target, tc.body)
			wantError(t, w, tc.want)
			if n := len(s.runs) + len(s.experiments); n != 0 {
				t.Errorf("%d slots held after a refused request", n)
			}
		})
	}
	// The valid forms still work.
	for _, target := range []string{"/api/upload?rows=5&cols=5&invert=false", "/api/upload?rows=5&cols=5&invert=1&threshold=0.4&name=x.png"} {
		if p := decodeOK[lab.PatternResponse](t, call(t, s, "POST", target, png)); p.Rows != 5 {
			t.Errorf("%s: %dx%d", target, p.Rows, p.Cols)
		}
	}
}

// TestExperimentNotFound checks that an unknown experiment is a JSON 404
// that names it and lists the experiments there are.
func TestExperimentNotFound(t *testing.T) {
	w := call(t, New(Options{}), "POST", "/api/experiments/bogus", `{}`)
	if w.Code != http.StatusNotFound || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, Content-Type %q; want a JSON 404", w.Code, w.Header().Get("Content-Type"))
	}
	for _, want := range []string{`{"error":"unknown experiment \"bogus\" (experiments: `, "letters-5x5", "capacity", "crosstalk"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("body %s lacks %q", w.Body, want)
		}
	}
}

// pngOf draws p as a PNG, 3 pixels per cell.
func pngOf(t *testing.T, p patterns.Pattern) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := patterns.WritePNG(&b, p, 3); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
