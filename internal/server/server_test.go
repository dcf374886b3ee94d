package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/hopfield-lab/hopfield/internal/lab"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// call sends one request to a fresh lab and returns the response.
func call(t *testing.T, s *Server, method, target string, body any) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(js)
	}
	req := httptest.NewRequest(method, target, r)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	return w
}

// decodeOK checks a 200 JSON response and decodes it.
func decodeOK[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, want 200; body %s", w.Code, w.Body)
	}
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decoding %s: %v", w.Body, err)
	}
	return v
}

// wantError checks a 400 whose JSON message contains every want.
func wantError(t *testing.T, w *httptest.ResponseRecorder, want ...string) {
	t.Helper()
	if w.Code != http.StatusBadRequest {
		t.Fatalf("status %d, want 400; body %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var e errorResponse
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
		t.Fatalf("body %s is not {\"error\": ...}", w.Body)
	}
	for _, s := range want {
		if !strings.Contains(e.Error, s) {
			t.Errorf("error %q does not contain %q", e.Error, s)
		}
	}
	if strings.Contains(e.Error, "\n") {
		t.Errorf("error %q is not one line", e.Error)
	}
}

func cells(p patterns.Pattern) string { return patterns.FormatCells(p.Data) }

func builtin(t testing.TB, name string) patterns.Pattern {
	t.Helper()
	p, err := patterns.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPages(t *testing.T) {
	s := New(Options{})
	for _, tc := range []struct {
		path, contentType, contains string
		status                      int
	}{
		{"/", "text/html; charset=utf-8", `<canvas id="grid"`, 200},
		{"/experiments.html", "text/html; charset=utf-8", "Experiments", 200},
		{"/experiments", "text/html; charset=utf-8", "experiments.html", http.StatusMovedPermanently},
		{"/lab.js", "text/javascript; charset=utf-8", `Engine.call("run"`, 200},
		{"/common.js", "text/javascript; charset=utf-8", "parseCells", 200},
		{"/lab.css", "text/css; charset=utf-8", "--ink", 200},
		{"/favicon.svg", "image/svg+xml", "<svg", 200},
		{"/lab.wasm", "application/wasm", "\x00asm", 200},
		{"/favicon.ico", "text/html; charset=utf-8", "favicon.svg", http.StatusMovedPermanently},
		{"/api/nothing", "application/json", "no API endpoint", http.StatusNotFound},
		{"/missing.js", "text/plain; charset=utf-8", "not found", http.StatusNotFound},
	} {
		t.Run(tc.path, func(t *testing.T) {
			w := call(t, s, "GET", tc.path, nil)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d", w.Code, tc.status)
			}
			if ct := w.Header().Get("Content-Type"); ct != tc.contentType {
				t.Errorf("Content-Type %q, want %q", ct, tc.contentType)
			}
			if !strings.Contains(w.Body.String(), tc.contains) {
				t.Errorf("body does not contain %q", tc.contains)
			}
			if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("Content-Security-Policy %q", csp)
			}
		})
	}
	// The pages load nothing from elsewhere: no CDN, no network.
	for _, page := range []string{"/", "/experiments.html", "/lab.js", "/common.js", "/lab.css", "/engine.js", "/worker.js"} {
		body := call(t, s, "GET", page, nil).Body.String()
		for _, ext := range []string{"http://", "https://", "//cdn"} {
			if strings.Contains(body, ext) {
				t.Errorf("%s refers to %q: the lab must work offline", page, ext)
			}
		}
	}
}

func TestLimits(t *testing.T) {
	s := New(Options{MaxNeurons: 1024, MaxPatterns: 7})
	got := decodeOK[lab.LimitsResponse](t, call(t, s, "GET", "/api/limits", nil))
	if got.MaxNeurons != 1024 || got.MaxPatterns != 7 || got.MaxSteps != DefaultMaxSteps {
		t.Errorf("limits %+v", got)
	}
	// 100x100 does not fit in 1024 neurons, so the page must not offer it.
	if want := []int{5, 10, 32}; fmt.Sprint(got.Sizes) != fmt.Sprint(want) {
		t.Errorf("sizes %v, want %v", got.Sizes, want)
	}
}

func TestBuiltins(t *testing.T) {
	got := decodeOK[lab.BuiltinsResponse](t, call(t, New(Options{}), "GET", "/api/builtins", nil))
	names := map[string]bool{}
	for _, b := range got.Builtins {
		names[b.Name] = true
	}
	for _, want := range []string{"seed:checkerboard", "seed:X", "seed:A", "seed:BU", "seed:BC", "seed:star", "alphabet:A", "alphabet:Z", "random"} {
		if !names[want] {
			t.Errorf("palette lacks %s", want)
		}
	}
}

func TestPattern(t *testing.T) {
	s := New(Options{})
	letterB32, err := patterns.Letter('B', 32)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query      string
		rows, cols int
		want       string // cells, if known
	}{
		{"name=seed:BU", 100, 100, cells(builtin(t, "seed:BU"))},
		{"name=seed:BU&rows=100&cols=100", 100, 100, cells(builtin(t, "seed:BU"))},
		{"name=alphabet:B&rows=32&cols=32", 32, 32, cells(letterB32)},
		{"name=seed:X&rows=10", 10, 10, cells(builtin(t, "seed:X:10"))},
		{"name=seed:BC&rows=32&cols=32", 32, 32, ""},
		{"name=seed:A&rows=10&cols=10", 10, 10, ""},
		{"name=random&rows=10&cols=10&seed=7", 10, 10, ""},
	} {
		t.Run(tc.query, func(t *testing.T) {
			p := decodeOK[lab.PatternResponse](t, call(t, s, "GET", "/api/pattern?"+tc.query, nil))
			if p.Rows != tc.rows || p.Cols != tc.cols || len(p.Cells) != tc.rows*tc.cols {
				t.Fatalf("shape %dx%d with %d cells, want %dx%d", p.Rows, p.Cols, len(p.Cells), tc.rows, tc.cols)
			}
			if tc.want != "" && p.Cells != tc.want {
				t.Errorf("cells differ from the library's pattern")
			}
			// A resampled picture keeps roughly its share of ink.
			if ink := strings.Count(p.Cells, "#"); ink == 0 || ink == len(p.Cells) {
				t.Errorf("%d of %d cells are ink", ink, len(p.Cells))
			}
		})
	}
	t.Run("resampled BU keeps its ink fraction", func(t *testing.T) {
		bu := builtin(t, "seed:BU")
		p := decodeOK[lab.PatternResponse](t, call(t, s, "GET", "/api/pattern?name=seed:BU&rows=50&cols=50", nil))
		want := float64(bu.Ink()) / float64(bu.N())
		got := float64(strings.Count(p.Cells, "#")) / float64(len(p.Cells))
		if math.Abs(got-want) > 0.05 {
			t.Errorf("ink fraction %.3f at 50x50, %.3f at 100x100", got, want)
		}
	})
	t.Run("random is seeded", func(t *testing.T) {
		get := func(seed int) string {
			return decodeOK[lab.PatternResponse](t, call(t, s, "GET", fmt.Sprintf("/api/pattern?name=random&rows=10&cols=10&seed=%d", seed), nil)).Cells
		}
		if a, b := get(3), get(3); a != b {
			t.Error("the same seed gave two random patterns")
		}
		if a, b := get(3), get(4); a == b {
			t.Error("two seeds gave the same random pattern")
		}
	})
	for _, tc := range []struct{ query, want string }{
		{"", "missing parameter name"},
		{"name=seed:nope", "unknown built-in pattern"},
		{"name=seed:BU&rows=abc", "rows"},
		{"name=seed:BU&rows=-3", "rows"},
		{"name=seed:BU&rows=200&cols=200", "maximum of 10000 neurons"},
		{"name=random&rows=10&cols=10&bias=2", "bias"},
		{"name=random&rows=10&cols=10&bias=x", "bias"},
		{"name=random&seed=-1", "seed"},
	} {
		t.Run("bad "+tc.query, func(t *testing.T) {
			wantError(t, call(t, s, "GET", "/api/pattern?"+tc.query, nil), tc.want)
		})
	}
}

func TestUpload(t *testing.T) {
	s := New(Options{})
	bu := builtin(t, "seed:BU")
	var png bytes.Buffer
	if err := patterns.WritePNG(&png, bu, 3); err != nil {
		t.Fatal(err)
	}
	t.Run("png of BU", func(t *testing.T) {
		p := decodeOK[lab.PatternResponse](t, call(t, s, "POST", "/api/upload?rows=100&cols=100&name=bu.png", png.Bytes()))
		if p.Cells != cells(bu) || p.Name != "bu.png" {
			t.Errorf("uploaded BU reads back as a different pattern (name %q)", p.Name)
		}
	})
	t.Run("inverted", func(t *testing.T) {
		p := decodeOK[lab.PatternResponse](t, call(t, s, "POST", "/api/upload?rows=100&cols=100&invert=true", png.Bytes()))
		if hopfield.Hamming(parse(t, p.Cells), bu.Data) != bu.N() {
			t.Error("invert=true did not swap ink and background")
		}
	})
	small := New(Options{MaxBodyBytes: 1000})
	noise, err := patterns.Random(rand.New(hopfield.NewSource(1)), 100, 100, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	var big bytes.Buffer
	if err := patterns.WritePNG(&big, noise, 1); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, query string
		s           *Server
		body        []byte
		want        string
	}{
		{"not an image", "rows=10&cols=10", s, []byte("hello"), "unknown image format"},
		{"empty", "rows=10&cols=10", s, nil, "empty"},
		{"no grid", "", s, png.Bytes(), "rows and cols must be at least 1"},
		{"grid too large", "rows=1000&cols=1000", s, png.Bytes(), "maximum"},
		{"threshold", "rows=10&cols=10&threshold=2", s, png.Bytes(), "threshold"},
		{"body too large", "rows=10&cols=10", small, big.Bytes(), "larger than the limit of 1000 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, call(t, tc.s, "POST", "/api/upload?"+tc.query, tc.body), tc.want)
		})
	}
}

func parse(t *testing.T, s string) []int8 {
	t.Helper()
	x, err := patterns.ParseCells(s, len(s), true)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestCue(t *testing.T) {
	s := New(Options{})
	ring := strings.Repeat("#.", 50)
	req := func(op string, extra map[string]any) map[string]any {
		m := map[string]any{"rows": 10, "cols": 10, "cells": ring, "op": op, "seed": 5}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for _, tc := range []struct {
		name                string
		body                map[string]any
		changed, unknown    int
		unknownFrom, unknTo int
	}{
		{"flip 20%", req("flip", map[string]any{"fraction": 0.2}), 20, 0, 0, 0},
		{"flip 0", req("flip", map[string]any{"fraction": 0}), 0, 0, 0, 0},
		{"erase 50%", req("erase", map[string]any{"fraction": 0.5}), 50, 50, 0, 0},
		{"erase half", req("erase-range", map[string]any{"from": 50, "to": 100}), 50, 50, 50, 100},
		{"erase rect", req("erase-rect", map[string]any{"rect": map[string]int{"top": 0, "left": 0, "bottom": 2, "right": 10}}), 20, 20, 0, 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := decodeOK[lab.CueResponse](t, call(t, s, "POST", "/api/cue", tc.body))
			if c.Changed != tc.changed || hopfield.Hamming(parse(t, c.Cells), parse(t, ring)) != tc.changed {
				t.Errorf("changed %d (reported %d), want %d", hopfield.Hamming(parse(t, c.Cells), parse(t, ring)), c.Changed, tc.changed)
			}
			if got := strings.Count(c.Cells, "?"); got != tc.unknown {
				t.Errorf("%d unknown cells, want %d", got, tc.unknown)
			}
			if tc.unknTo > 0 && strings.Count(c.Cells[tc.unknownFrom:tc.unknTo], "?") != tc.unknTo-tc.unknownFrom {
				t.Errorf("cells %d..%d are not all unknown: %s", tc.unknownFrom, tc.unknTo, c.Cells)
			}
			again := decodeOK[lab.CueResponse](t, call(t, s, "POST", "/api/cue", tc.body))
			if again.Cells != c.Cells {
				t.Error("the same seed gave two different cues")
			}
		})
	}
	big := New(Options{MaxBodyBytes: 100})
	for _, tc := range []struct {
		name string
		s    *Server
		body any
		want string
	}{
		{"unknown op", s, req("blur", nil), `unknown op "blur"`},
		{"fraction above 1", s, req("flip", map[string]any{"fraction": 1.5}), "1.5"},
		{"negative fraction", s, req("erase", map[string]any{"fraction": -0.1}), "-0.1"},
		{"range outside", s, req("erase-range", map[string]any{"from": 50, "to": 101}), "outside"},
		{"rect outside", s, req("erase-rect", map[string]any{"rect": map[string]int{"top": 0, "left": 0, "bottom": 11, "right": 2}}), "outside"},
		{"rect missing", s, req("erase-rect", nil), "needs rect"},
		{"short cells", s, map[string]any{"rows": 10, "cols": 10, "cells": "##", "op": "flip"}, "has 2 cells, want 100"},
		{"bad cell", s, map[string]any{"rows": 1, "cols": 3, "cells": "#x.", "op": "flip"}, `cell 1 is 'x'`},
		{"zero rows", s, map[string]any{"rows": 0, "cols": 3, "cells": "", "op": "flip"}, "at least 1"},
		{"unknown field", s, req("flip", map[string]any{"noise": 0.2}), `unknown field "noise"`},
		{"wrong type", s, req("flip", map[string]any{"fraction": "lots"}), `field "fraction"`},
		{"not JSON", s, "{flip", "request body: not valid JSON at byte 2"},
		{"two values", s, `{"rows":1,"cols":1,"cells":"#","op":"flip"} {}`, "more data after the JSON object"},
		{"body too large", big, req("flip", map[string]any{"fraction": 0.2}), "larger than the limit of 100 bytes"},
	} {
		t.Run("bad "+tc.name, func(t *testing.T) {
			wantError(t, call(t, tc.s, "POST", "/api/cue", tc.body), tc.want)
		})
	}
	t.Run("method", func(t *testing.T) {
		w := call(t, s, "GET", "/api/cue", nil)
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "POST" || !strings.Contains(w.Body.String(), "use POST") {
			t.Errorf("GET /api/cue: status %d, Allow %q, body %s; want 405 and POST", w.Code, w.Header().Get("Allow"), w.Body)
		}
	})
}

func TestCapacity(t *testing.T) {
	s := New(Options{})
	for _, tc := range []struct {
		query, level string
		capacity     float64
	}{
		{"n=100&p=3&rule=hebbian", "ok", 13.8},
		{"n=100&p=12", "near", 13.8},
		{"n=100&p=14&rule=hebbian", "over", 13.8},
		{"n=1000&p=100&rule=storkey", "ok", 1000 / math.Sqrt(2*math.Log(1000))},
		{"n=1000&p=300&rule=storkey", "over", 1000 / math.Sqrt(2*math.Log(1000))},
		{"n=100&p=60&rule=pseudoinverse", "near", 100},
		{"n=100&p=101&rule=pinv", "over", 100},
	} {
		t.Run(tc.query, func(t *testing.T) {
			c := decodeOK[lab.CapacityResponse](t, call(t, s, "GET", "/api/capacity?"+tc.query, nil))
			if c.Level != tc.level || math.Abs(c.Capacity-tc.capacity) > 0.05 || c.Message == "" {
				t.Errorf("got %+v, want level %s, capacity %.2f", c, tc.level, tc.capacity)
			}
			if !(c.Warn < c.Capacity) {
				t.Errorf("warning at %v, not below the capacity %v", c.Warn, c.Capacity)
			}
		})
	}
	for _, q := range []string{"n=0&p=1", "p=1", "n=20000&p=1", "n=100&p=x", "n=100&p=1&rule=oja"} {
		t.Run("bad "+q, func(t *testing.T) { wantError(t, call(t, s, "GET", "/api/capacity?"+q, nil)) })
	}
}

func memoryOf(rows, cols int, rule string, ps ...patterns.Pattern) lab.MemoryRequest {
	m := lab.MemoryRequest{Rows: rows, Cols: cols, Rule: rule}
	for _, p := range ps {
		m.Patterns = append(m.Patterns, lab.PatternJSON{Name: p.Name, Cells: cells(p)})
	}
	return m
}

func TestWeights(t *testing.T) {
	s := New(Options{})
	a, x := builtin(t, "seed:A"), builtin(t, "seed:X")
	for _, rule := range []hopfield.Rule{hopfield.Hebbian, hopfield.Storkey, hopfield.PseudoInverse} {
		t.Run("exact "+rule.String(), func(t *testing.T) {
			w := decodeOK[lab.WeightsResponse](t, call(t, s, "POST", "/api/weights", lab.WeightsRequest{MemoryRequest: memoryOf(5, 5, rule.String(), a, x)}))
			net, err := hopfield.Learn(hopfield.Config{Rule: rule}, a.Data, x.Data)
			if err != nil {
				t.Fatal(err)
			}
			if !w.Exact || w.Side != 25 || len(w.Values) != 625 || w.N != 25 || w.P != 2 || w.Rule != rule.String() {
				t.Fatalf("got side %d exact %v n %d p %d rule %s", w.Side, w.Exact, w.N, w.P, w.Rule)
			}
			maxAbs := 0.0
			for i := range 25 {
				for j := range 25 {
					if got, want := w.Values[i*25+j], net.Weight(i, j); math.Abs(got-want) > 1e-12 {
						t.Fatalf("W[%d][%d] = %v, want %v", i, j, got, want)
					}
					maxAbs = math.Max(maxAbs, math.Abs(net.Weight(i, j)))
				}
			}
			if w.MaxAbs != maxAbs {
				t.Errorf("max_abs %v, want %v", w.MaxAbs, maxAbs)
			}
		})
	}
	t.Run("block means", func(t *testing.T) {
		for _, rule := range []string{"hebbian", "storkey", "pseudoinverse"} {
			b, c := builtin(t, "alphabet:B:32"), builtin(t, "alphabet:C:32")
			w := decodeOK[lab.WeightsResponse](t, call(t, s, "POST", "/api/weights", lab.WeightsRequest{MemoryRequest: memoryOf(32, 32, rule, b, c), Side: 50}))
			if w.Exact || w.Side != 50 || len(w.Values) != 2500 {
				t.Fatalf("%s: side %d exact %v", rule, w.Side, w.Exact)
			}
			r, _ := hopfield.ParseRule(rule)
			net, err := hopfield.Learn(hopfield.Config{Rule: r}, b.Data, c.Data)
			if err != nil {
				t.Fatal(err)
			}
			// Block k holds neurons floor(k*1024/50) up to the next block.
			lo := func(k int) int { return k * 1024 / 50 }
			for _, kl := range [][2]int{{0, 0}, {3, 17}, {25, 25}, {49, 0}, {12, 40}} {
				k, l := kl[0], kl[1]
				var sum float64
				for i := lo(k); i < lo(k+1); i++ {
					for j := lo(l); j < lo(l+1); j++ {
						sum += net.Weight(i, j)
					}
				}
				want := sum / float64((lo(k+1)-lo(k))*(lo(l+1)-lo(l)))
				if got := w.Values[k*50+l]; math.Abs(got-want) > 1e-9 {
					t.Errorf("%s: block (%d, %d) mean %v, want %v", rule, k, l, got, want)
				}
			}
		}
	})
	t.Run("100x100 in the pattern form", func(t *testing.T) {
		bu, bc := builtin(t, "seed:BU"), builtin(t, "seed:BC")
		w := decodeOK[lab.WeightsResponse](t, call(t, s, "POST", "/api/weights", lab.WeightsRequest{MemoryRequest: memoryOf(100, 100, "hebbian", bu, bc)}))
		if w.Exact || w.Side != 100 || w.Form != "pattern" || w.Bytes > 1<<20 {
			t.Fatalf("side %d exact %v form %s, %d bytes of weights", w.Side, w.Exact, w.Form, w.Bytes)
		}
		// Each block is one row of the image, and the block mean of the
		// Hebbian W is (1/N) sum_mu a_mu(k) a_mu(l) with a the row means,
		// less the zero diagonal's share on the diagonal blocks.
		rowMean := func(p patterns.Pattern, r int) float64 {
			var s float64
			for c := range 100 {
				s += float64(p.At(r, c))
			}
			return s / 100
		}
		for _, kl := range [][2]int{{0, 0}, {5, 70}, {95, 20}} {
			k, l := kl[0], kl[1]
			want := (rowMean(bu, k)*rowMean(bu, l) + rowMean(bc, k)*rowMean(bc, l)) / 10000
			if k == l {
				want -= 2.0 / 10000 / 100 // the diagonal W_ii = 0 instead of 2/N, on 100 of the 10,000 pairs
			}
			if got := w.Values[k*100+l]; math.Abs(got-want) > 1e-12 {
				t.Errorf("block (%d, %d) = %v, want %v", k, l, got, want)
			}
		}
	})
	for _, tc := range []struct {
		name string
		req  lab.WeightsRequest
		want string
	}{
		{"storkey too large", lab.WeightsRequest{MemoryRequest: memoryOf(100, 100, "storkey", builtin(t, "seed:BU"))}, "over this server's limit"},
		{"empty memory", lab.WeightsRequest{MemoryRequest: memoryOf(5, 5, "hebbian")}, "memory is empty"},
		{"side", lab.WeightsRequest{MemoryRequest: memoryOf(5, 5, "hebbian", a), Side: 1000}, "side 1000"},
		{"unknown rule", lab.WeightsRequest{MemoryRequest: memoryOf(5, 5, "oja", a)}, `unknown rule "oja"`},
		{"dependent patterns", lab.WeightsRequest{MemoryRequest: memoryOf(5, 5, "pseudoinverse", a, a)}, "dependent"},
		{"shape mismatch", lab.WeightsRequest{MemoryRequest: memoryOf(10, 10, "hebbian", a)}, "has 25 cells, want 100"},
	} {
		t.Run("bad "+tc.name, func(t *testing.T) {
			wantError(t, call(t, s, "POST", "/api/weights", tc.req), tc.want)
		})
	}
}

// streamed is a run as the page receives it.
type streamed struct {
	start  lab.StartLine
	frames []lab.FrameLine
	end    lab.EndLine
}

func readStream(t *testing.T, w *httptest.ResponseRecorder) streamed {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d; body %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/x-ndjson" {
		t.Fatalf("Content-Type %q", ct)
	}
	return parseStream(t, w.Body)
}

func parseStream(t *testing.T, r io.Reader) streamed {
	t.Helper()
	var out streamed
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var head struct{ Type string }
		line := sc.Bytes()
		if err := json.Unmarshal(line, &head); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		var err error
		switch head.Type {
		case "start":
			if n != 0 {
				t.Fatalf("start at line %d", n)
			}
			err = json.Unmarshal(line, &out.start)
		case "frame":
			var f lab.FrameLine
			err = json.Unmarshal(line, &f)
			out.frames = append(out.frames, f)
		case "end":
			err = json.Unmarshal(line, &out.end)
		default:
			t.Fatalf("line %d: type %q", n, head.Type)
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if out.end.Type != "end" {
		t.Fatalf("no end line after %d lines", n)
	}
	return out
}

// replay applies the frames to the start state, as the page does.
func (s streamed) replay(t *testing.T) string {
	t.Helper()
	state := []byte(s.start.Cells)
	for _, f := range s.frames {
		for _, i := range f.Plus {
			state[i] = '#'
		}
		for _, i := range f.Minus {
			state[i] = '.'
		}
	}
	return string(state)
}

func runReq(mem lab.MemoryRequest, cue string, update string, seed uint64, every int) lab.RunRequest {
	return lab.RunRequest{MemoryRequest: mem, Cue: cue, Update: update, Seed: &seed, Every: every}
}

func TestRun(t *testing.T) {
	s := New(Options{})
	bu, bc := builtin(t, "seed:BU"), builtin(t, "seed:BC")
	bu.Name, bc.Name = "BU", "BC"
	half := cells(bu)[:5000] + strings.Repeat("?", 5000)
	mem := memoryOf(100, 100, "hebbian", bu, bc)

	t.Run("notebook: BU from its top half", func(t *testing.T) {
		for _, update := range []string{"sync", "async", "permutation", "sequential", "glauber"} {
			t.Run(update, func(t *testing.T) {
				run := readStream(t, call(t, s, "POST", "/api/run", runReq(mem, half, update, 1, 0)))
				if run.start.N != 10000 || run.start.P != 2 || run.start.Cells != half || run.start.Update != update {
					t.Errorf("start %+v", run.start)
				}
				if math.Abs(run.start.Overlaps[0]-0.5) > 1e-12 {
					t.Errorf("initial overlap with BU %v, want 0.5 (half known, all matching)", run.start.Overlaps[0])
				}
				e := run.end
				if e.End != "fixed point" || e.Match != "exact" || e.NearestName != "BU" || e.Hamming != 0 || e.Cells != cells(bu) {
					t.Errorf("end %s, match %s, nearest %s, hamming %d", e.End, e.Match, e.NearestName, e.Hamming)
				}
				if e.Overlaps[0] != 1 {
					t.Errorf("final overlap with BU %v, want 1", e.Overlaps[0])
				}
				if got := run.replay(t); got != e.Cells {
					t.Errorf("replaying the frames gives %q, unlike the final state %q", got, e.Cells)
				}
				// The energy never rises under asynchronous updates, and
				// the streamed energies are the network's.
				net, _ := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian}, bu.Data, bc.Data)
				if want := net.Energy(bu.Data); math.Abs(e.Energy-want) > 1e-9*math.Abs(want) {
					t.Errorf("final energy %v, want %v", e.Energy, want)
				}
				if update != "sync" {
					prev := run.start.Energy
					for _, f := range run.frames {
						if f.Energy > prev+1e-9 {
							t.Fatalf("energy rose from %v to %v at sweep %d", prev, f.Energy, f.Step)
						}
						prev = f.Energy
					}
				}
			})
		}
	})

	t.Run("neuron by neuron", func(t *testing.T) {
		// The border of an 8x8 square inside the 10x10 grid.
		ring := strings.Repeat(".", 10) + strings.Repeat(".########.", 1) + strings.Repeat(".#......#.", 6) + ".########." + strings.Repeat(".", 10)
		a := builtin(t, "alphabet:H")
		p := patterns.Pattern{Name: "ring", Rows: 10, Cols: 10, Data: parse(t, ring)}
		m := memoryOf(10, 10, "hebbian", p, a)
		run := readStream(t, call(t, s, "POST", "/api/run", runReq(m, strings.Repeat("?", 100), "async", 3, 1)))
		if run.end.Updates != len(run.frames) {
			t.Errorf("%d frames for %d updates, want one per update", len(run.frames), run.end.Updates)
		}
		for k, f := range run.frames {
			if f.Neuron < 0 || f.Neuron >= 100 || f.Updates != k+1 {
				t.Fatalf("frame %d: neuron %d, updates %d", k, f.Neuron, f.Updates)
			}
			if len(f.Plus)+len(f.Minus) > 1 {
				t.Fatalf("frame %d changes %d neurons, want at most the one updated", k, len(f.Plus)+len(f.Minus))
			}
		}
		if got := run.replay(t); got != run.end.Cells {
			t.Errorf("replay differs from the final state")
		}
		// Batches of 7 updates.
		batched := readStream(t, call(t, s, "POST", "/api/run", runReq(m, strings.Repeat("?", 100), "async", 3, 7)))
		if want := (run.end.Updates + 6) / 7; len(batched.frames) != want {
			t.Errorf("%d frames for %d updates in batches of 7, want %d", len(batched.frames), run.end.Updates, want)
		}
		if batched.end.Cells != run.end.Cells || batched.replay(t) != run.end.Cells {
			t.Error("batching the frames changed the run")
		}
	})

	t.Run("same seed same run", func(t *testing.T) {
		noisy := decodeOK[lab.CueResponse](t, call(t, s, "POST", "/api/cue", lab.CueRequest{Rows: 100, Cols: 100, Cells: cells(bu), Op: "flip", Fraction: 0.3, Seed: ptr[uint64](9)}))
		req := runReq(mem, noisy.Cells, "glauber", 42, 500)
		req.Temperature = 0.3
		req.MaxSteps = 5
		a := call(t, s, "POST", "/api/run", req).Body.String()
		b := call(t, s, "POST", "/api/run", req).Body.String()
		if a != b {
			t.Error("two runs with the same seed streamed different lines")
		}
		req.Seed = ptr[uint64](43)
		if c := call(t, s, "POST", "/api/run", req).Body.String(); c == a {
			t.Error("two seeds streamed the same glauber run")
		}
		if run := parseStream(t, strings.NewReader(a)); run.end.End != "step limit" || run.end.Steps != 5 {
			t.Errorf("glauber at T = 0.3: end %s after %d sweeps, want the step limit at 5", run.end.End, run.end.Steps)
		}
	})

	t.Run("2-cycle", func(t *testing.T) {
		// Two neurons coupled positively, started opposite: synchronous
		// updates swap them for ever.
		p := patterns.Pattern{Name: "pair", Rows: 1, Cols: 2, Data: []int8{1, 1}}
		run := readStream(t, call(t, s, "POST", "/api/run", runReq(memoryOf(1, 2, "hebbian", p), "#.", "sync", 0, 0)))
		if run.end.End != "2-cycle" || run.end.Match != "none" {
			t.Errorf("end %s match %s, want a 2-cycle", run.end.End, run.end.Match)
		}
	})

	t.Run("reversed", func(t *testing.T) {
		rev := strings.NewReplacer("#", ".", ".", "#").Replace(cells(bu))
		run := readStream(t, call(t, s, "POST", "/api/run", runReq(memoryOf(100, 100, "hebbian", bu), rev, "sync", 0, 0)))
		if run.end.End != "fixed point" || run.end.Match != "reversed" || run.end.Hamming != 10000 {
			t.Errorf("end %s match %s hamming %d, want the reversed BU", run.end.End, run.end.Match, run.end.Hamming)
		}
	})

	bad := func(mod func(r *lab.RunRequest)) lab.RunRequest {
		r := runReq(mem, half, "sync", 1, 0)
		r.Patterns = append([]lab.PatternJSON(nil), mem.Patterns...)
		mod(&r)
		return r
	}
	for _, tc := range []struct {
		name string
		s    *Server
		body any
		want string
	}{
		{"empty memory", s, bad(func(r *lab.RunRequest) { r.Patterns = nil }), "memory is empty"},
		{"cue length", s, bad(func(r *lab.RunRequest) { r.Cue = "#." }), "cue has 2 cells, want 10000"},
		{"unknown in stored", s, bad(func(r *lab.RunRequest) { r.Patterns[0].Cells = half }), "unknown ('?')"},
		{"update", s, bad(func(r *lab.RunRequest) { r.Update = "chaotic" }), `unknown update "chaotic"`},
		{"tie", s, bad(func(r *lab.RunRequest) { r.Tie = "coin" }), `unknown tie rule "coin"`},
		{"temperature for sync", s, bad(func(r *lab.RunRequest) { r.Temperature = 0.5 }), "glauber"},
		{"negative temperature", s, bad(func(r *lab.RunRequest) { r.Update, r.Temperature = "glauber", -1 }), "temperature -1"},
		{"max steps", s, bad(func(r *lab.RunRequest) { r.MaxSteps = 5000 }), "max_steps 5000"},
		{"negative every", s, bad(func(r *lab.RunRequest) { r.Update, r.Every = "async", -1 }), "every -1"},
		{"too many frames", s, bad(func(r *lab.RunRequest) { r.Update, r.Every = "async", 1 }), "use every >= 10"},
		{"too many neurons", New(Options{MaxNeurons: 100}), bad(func(*lab.RunRequest) {}), "maximum of 100 neurons"},
		{"too many patterns", New(Options{MaxPatterns: 1}), bad(func(*lab.RunRequest) {}), "2 patterns stored, above the server's maximum of 1"},
		{"storkey too large", s, bad(func(r *lab.RunRequest) { r.Rule = "storkey" }), "over this server's limit"},
		{"unknown field", s, `{"rows": 1, "cols": 1, "patterns": [], "cue": "#", "temp": 1}`, `unknown field "temp"`},
		{"body too large", New(Options{MaxBodyBytes: 5000}), bad(func(*lab.RunRequest) {}), "larger than the limit of 5000 bytes"},
	} {
		t.Run("bad "+tc.name, func(t *testing.T) {
			wantError(t, call(t, tc.s, "POST", "/api/run", tc.body), tc.want)
			if n := len(tc.s.runs); n != 0 {
				t.Errorf("%d simulation slots still held after a refused request", n)
			}
		})
	}
}

// leavingWriter is a client that goes away after the first line.
type leavingWriter struct {
	*httptest.ResponseRecorder
	cancel context.CancelFunc
}

func (w leavingWriter) Write(b []byte) (int, error) {
	w.cancel()
	return w.ResponseRecorder.Write(b)
}

func TestRunCancelled(t *testing.T) {
	s := New(Options{})
	bu := builtin(t, "seed:BU")
	mem := memoryOf(100, 100, "hebbian", bu)
	req := runReq(mem, cells(bu), "glauber", 1, 1000)
	req.Temperature, req.MaxSteps = 5, 1000 // a million updates: seconds of work

	t.Run("client goes away", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		js, _ := json.Marshal(req)
		r := httptest.NewRequestWithContext(ctx, "POST", "/api/run", bytes.NewReader(js))
		w := leavingWriter{httptest.NewRecorder(), cancel}
		done := make(chan struct{})
		go func() { s.ServeHTTP(w, r); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("the run went on after its client left")
		}
		run := parseStream(t, w.Body)
		if run.end.End != "stopped" || !strings.Contains(run.end.Error, "cancelled") {
			t.Errorf("end %q, error %q; want stopped by cancellation", run.end.End, run.end.Error)
		}
		if len(run.frames) > 100 {
			t.Errorf("%d frames computed after the client left", len(run.frames))
		}
		if len(s.runs) != 0 {
			t.Error("the simulation slot was not released")
		}
	})

	t.Run("time limit", func(t *testing.T) {
		quick := New(Options{RunTimeout: 50 * time.Millisecond, MaxSteps: 100_000})
		long := req
		long.MaxSteps, long.Every = 100_000, 0 // a billion updates
		run := readStream(t, call(t, quick, "POST", "/api/run", long))
		if run.end.End != "stopped" || !strings.Contains(run.end.Error, "limit of 50ms") {
			t.Errorf("end %q, error %q; want stopped by the time limit", run.end.End, run.end.Error)
		}
	})

	t.Run("waiting client goes away", func(t *testing.T) {
		busy := New(Options{MaxRuns: 1})
		busy.runs <- struct{}{} // every slot taken
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		js, _ := json.Marshal(req)
		w := httptest.NewRecorder()
		busy.ServeHTTP(w, httptest.NewRequestWithContext(ctx, "POST", "/api/run", bytes.NewReader(js)))
		if w.Body.Len() != 0 {
			t.Errorf("wrote %q to a client that left while waiting", w.Body)
		}
	})
}

func ptr[T any](v T) *T { return &v }
