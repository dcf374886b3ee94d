package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hopfield-lab/hopfield/patterns"
)

// FuzzAPI posts arbitrary bodies to the endpoints that decode JSON: every
// answer must be a 200 or a 400 with a one-line JSON message, never a panic
// or a 500.
func FuzzAPI(f *testing.F) {
	for _, seed := range []string{
		`{"rows":2,"cols":2,"cells":"#.?#","op":"flip","fraction":0.5,"seed":3}`,
		`{"rows":2,"cols":2,"cells":"#..#","op":"erase-rect","rect":{"top":0,"left":0,"bottom":1,"right":2}}`,
		`{"rows":1,"cols":3,"rule":"storkey","patterns":[{"name":"a","cells":"#.#"}],"side":2}`,
		`{"rows":1,"cols":3,"rule":"pinv","patterns":[{"cells":"#.#"},{"cells":"#.#"}]}`,
		`{"rows":2,"cols":3,"patterns":[{"cells":"#.#..#"}],"cue":"??#..#","update":"glauber","temperature":0.5,"every":1,"max_steps":3}`,
		`{"rows":1,"cols":2,"patterns":[{"cells":"##"}],"cue":"#.","update":"sync","tie":"minus"}`,
		`{"rows":-1}`, `[]`, `null`, `{"rows":1e308}`, ``,
	} {
		for _, path := range []string{"/api/cue", "/api/weights", "/api/run"} {
			f.Add(path, seed)
		}
	}
	s := New(Options{MaxNeurons: 64, MaxPatterns: 8, MaxSteps: 20, MaxFrames: 2000, MaxBodyBytes: 4096, RunTimeout: time.Second})
	f.Fuzz(func(t *testing.T, path, body string) {
		switch path {
		case "/api/cue", "/api/weights", "/api/run":
		default:
			path = "/api/cue"
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("POST", path, strings.NewReader(body)))
		switch w.Code {
		case http.StatusOK:
		case http.StatusBadRequest:
			checkMessage(t, w)
		default:
			t.Fatalf("status %d for %s %q: %s", w.Code, path, body, w.Body)
		}
	})
}

// checkMessage checks a 400's body: {"error": "..."}, one line, in the
// page's words.
func checkMessage(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	var e errorResponse
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" || strings.Contains(e.Error, "\n") {
		t.Fatalf("400 with body %q", w.Body)
	}
	for _, g := range goWords {
		if strings.Contains(e.Error, g) {
			t.Fatalf("message %q shows Go's internals (%q)", e.Error, g)
		}
	}
}

// FuzzQuery sends arbitrary query strings to the endpoints that read
// them: every answer must be a 200 or a one-line 400.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{
		"name=seed:X&rows=10", "name=random&rows=3&cols=4&seed=2&bias=0.3", "name=alphabet:B&rows=8&cols=8",
		"n=100&p=3&rule=storkey", "rows=2&cols=2&invert=1&threshold=0.5&name=a", "rows=%zz", "a=1&a=2", "",
	} {
		for _, path := range []string{"/api/pattern", "/api/capacity", "/api/upload"} {
			f.Add(path, q)
		}
	}
	s := New(Options{MaxNeurons: 64})
	png := new(bytes.Buffer)
	patterns.WritePNG(png, patterns.Checkerboard(4), 2)
	f.Fuzz(func(t *testing.T, path, q string) {
		method := "GET"
		switch path {
		case "/api/pattern", "/api/capacity":
		case "/api/upload":
			method = "POST"
		default:
			path = "/api/pattern"
		}
		r := httptest.NewRequest(method, "/", bytes.NewReader(png.Bytes()))
		r.URL.Path, r.URL.RawQuery = path, q
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		switch w.Code {
		case http.StatusOK:
		case http.StatusBadRequest:
			checkMessage(t, w)
		default:
			t.Fatalf("status %d for %s?%s: %s", w.Code, path, q, w.Body)
		}
	})
}

// BenchmarkRun100x100 is the load test's request: recall BU from 20% noise
// with BU and BC stored, synchronously, the whole stream read.
func BenchmarkRun100x100(b *testing.B) {
	s := New(Options{})
	bu, bc := builtin(b, "seed:BU"), builtin(b, "seed:BC")
	noisy := []byte(cells(bu))
	for i := 0; i < len(noisy); i += 5 { // every fifth pixel flipped
		noisy[i] = map[byte]byte{'#': '.', '.': '#'}[noisy[i]]
	}
	body, _ := json.Marshal(runReq(memoryOf(100, 100, "hebbian", bu, bc), string(noisy), "sync", 1, 0))
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("POST", "/api/run", bytes.NewReader(body)))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"match":"exact"`) {
			b.Fatalf("status %d: %.200s", w.Code, w.Body)
		}
	}
}
