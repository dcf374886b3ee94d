package server

import (
	"context"
	"encoding/json"
	"github.com/hopfield-lab/hopfield/internal/lab"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// listedParam is a parameter as GET /api/experiments lists it.
type listedParam struct {
	Name    string  `json:"name"`
	Default any     `json:"default"`
	Max     float64 `json:"max"`
}

func experimentsOf(t *testing.T, s *Server) map[string][]listedParam {
	t.Helper()
	list := decodeOK[struct {
		Experiments []struct {
			Name   string        `json:"name"`
			Params []listedParam `json:"params"`
		} `json:"experiments"`
	}](t, call(t, s, "GET", "/api/experiments", nil))
	out := map[string][]listedParam{}
	for _, e := range list.Experiments {
		out[e.Name] = e.Params
	}
	return out
}

// TestExperimentLimits checks the web's caps on the experiments' sizes:
// the listing offers only what is allowed, a larger value is a 400 that
// names the parameter and the cap, and a value at the cap runs.
func TestExperimentLimits(t *testing.T) {
	s := New(Options{})
	list := experimentsOf(t, s)
	for _, tc := range []struct {
		exp, param string
		max, def   float64
	}{
		{"crosstalk", "K", 100_000, 100},
		{"crosstalk", "N", 10_000, 100},
		{"capacity", "N", 2_000, 1000},
		{"capacity", "memory_gb", 0.5, 0.5}, // the command's default of 4 GiB is lowered
		{"spurious", "N", 2_000, 500},
		{"temperature", "sweeps", 400, 100},
		{"letters-5x5", "noise", 1, 0.2}, // not capped
	} {
		t.Run(tc.exp+" "+tc.param, func(t *testing.T) {
			for _, p := range list[tc.exp] {
				if p.Name != tc.param {
					continue
				}
				def, _ := p.Default.(float64) // JSON numbers
				if p.Max != tc.max || def != tc.def {
					t.Errorf("max %v, default %v; want %v, %v", p.Max, p.Default, tc.max, tc.def)
				}
				return
			}
			t.Fatalf("no parameter %s", tc.param)
		})
	}
	for _, tc := range []struct{ exp, params, want string }{
		{"crosstalk", `{"K": 1000000}`, "parameter K: 1000000 is above this server's limit of 100000 for crosstalk on the web (hopfield experiment crosstalk runs larger ones)"},
		{"crosstalk", `{"N": 100000, "K": 1}`, "parameter K: 1 is out of range"},
		{"crosstalk", `{"N": 100000}`, "parameter N: 100000 is above this server's limit of 10000"},
		{"capacity", `{"N": 1000000}`, "parameter N: 1000000 is above this server's limit of 2000"},
		{"capacity", `{"memory_gb": 4}`, "parameter memory_gb: 4 is above this server's limit of 0.5"},
		{"spurious", `{"alpha_max": 0.5}`, "parameter alpha_max: 0.5 is above this server's limit of 0.2"},
		{"temperature", `{"burn": 100000}`, "parameter burn: 100000 is above this server's limit of 100"},
	} {
		t.Run("bad "+tc.exp+" "+tc.params, func(t *testing.T) {
			wantError(t, call(t, s, "POST", "/api/experiments/"+tc.exp, `{"params": `+tc.params+`}`), tc.want)
			if len(s.experiments) != 0 {
				t.Error("a refused experiment holds a slot")
			}
		})
	}
	t.Run("at the cap", func(t *testing.T) {
		w := call(t, s, "POST", "/api/experiments/crosstalk", `{"params": {"N": 10, "N_overlap": 5, "K": 100000, "K_overlap": 2}}`)
		res := decodeOK[experimentResponse](t, w)
		if res.Params["K"] != float64(100_000) || len(res.Figures) == 0 {
			t.Errorf("params %v, %d figures", res.Params, len(res.Figures))
		}
		// The crosstalk of independent patterns has mean 0 and variance N.
		if m, v := res.Numbers["mean"], res.Numbers["variance"]; m*m > 0.01 || v < 9.5 || v > 10.5 {
			t.Errorf("crosstalk mean %v, variance %v; want about 0 and 10", m, v)
		}
	})
}

// TestExperimentSlots checks that experiments and recall runs have their
// own slots: experiments filling theirs do not hold up a recall, and the
// other way round.
func TestExperimentSlots(t *testing.T) {
	s := New(Options{MaxExperiments: 1, MaxRuns: 1})
	x := builtin(t, "seed:X")
	recall := runReq(memoryOf(5, 5, "hebbian", x), cells(x), "sync", 1, 0)

	s.experiments <- struct{}{} // a heavy experiment holds the only slot
	if run := readStream(t, call(t, s, "POST", "/api/run", recall)); run.end.Match != "exact" {
		t.Errorf("recall with every experiment slot taken: match %q", run.end.Match)
	}
	// Another experiment waits, and gives up when its client leaves.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequestWithContext(ctx, "POST", "/api/experiments/sync-small", strings.NewReader(`{}`)))
	if w.Body.Len() != 0 || len(s.experiments) != 1 {
		t.Errorf("a waiting experiment whose client left wrote %q, %d slots held", w.Body, len(s.experiments))
	}
	<-s.experiments

	s.runs <- struct{}{} // a recall holds the only recall slot
	defer func() { <-s.runs }()
	if res := decodeOK[experimentResponse](t, call(t, s, "POST", "/api/experiments/sync-small", `{}`)); res.Experiment != "sync-small" {
		t.Errorf("experiment %q", res.Experiment)
	}
}

// TestExperimentAbandoned checks that a heavy experiment whose client
// leaves stops and gives its slot back: the experiments check for
// cancellation between units of work that the web's caps keep short.
func TestExperimentAbandoned(t *testing.T) {
	if testing.Short() {
		t.Skip("runs heavy experiments")
	}
	s := New(Options{})
	for _, tc := range []struct{ exp, params string }{
		{"temperature", `{"N": 2000, "burn": 100, "sweeps": 400, "trials": 1000}`},
		{"crosstalk", `{"N": 10000, "N_overlap": 10000, "K": 100000, "K_overlap": 100000}`},
		{"spurious", `{"N": 2000, "alpha_max": 0.2, "starts": 1000}`},
	} {
		t.Run(tc.exp, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			w := httptest.NewRecorder()
			done := make(chan struct{})
			go func() {
				s.ServeHTTP(w, httptest.NewRequestWithContext(ctx, "POST", "/api/experiments/"+tc.exp, strings.NewReader(`{"params": `+tc.params+`}`)))
				close(done)
			}()
			time.Sleep(200 * time.Millisecond)
			cancel()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the experiment went on 10 s after its client left")
			}
			if w.Body.Len() != 0 || len(s.experiments) != 0 {
				t.Errorf("wrote %q to a client that left; %d slots held", w.Body, len(s.experiments))
			}
		})
	}
}

// TestDefaultSeed checks that a request without a seed uses DefaultSeed
// (the command's default, 1), and says so.
func TestDefaultSeed(t *testing.T) {
	s := New(Options{})
	x := builtin(t, "seed:X")
	withSeed := func(body map[string]any, seed any) map[string]any {
		out := map[string]any{}
		for k, v := range body {
			out[k] = v
		}
		if seed != nil {
			out["seed"] = seed
		}
		return out
	}
	t.Run("run", func(t *testing.T) {
		js, _ := json.Marshal(runReq(memoryOf(5, 5, "hebbian", x, builtin(t, "seed:A")), strings.Repeat("?", 25), "glauber", 0, 1))
		var req map[string]any
		json.Unmarshal(js, &req)
		delete(req, "seed")
		req["temperature"], req["max_steps"] = 0.8, 20
		none := call(t, s, "POST", "/api/run", withSeed(req, nil)).Body.String()
		one := call(t, s, "POST", "/api/run", withSeed(req, 1)).Body.String()
		zero := call(t, s, "POST", "/api/run", withSeed(req, 0)).Body.String()
		if run := parseStream(t, strings.NewReader(none)); run.start.Seed != 1 {
			t.Errorf("start line says seed %d, want 1", run.start.Seed)
		}
		if none != one {
			t.Error("a run without a seed differs from the run with seed 1")
		}
		if none == zero {
			t.Error("seeds 0 and 1 gave the same glauber run")
		}
	})
	t.Run("cue", func(t *testing.T) {
		req := map[string]any{"rows": 5, "cols": 5, "cells": cells(x), "op": "flip", "fraction": 0.4}
		none := decodeOK[lab.CueResponse](t, call(t, s, "POST", "/api/cue", withSeed(req, nil)))
		one := decodeOK[lab.CueResponse](t, call(t, s, "POST", "/api/cue", withSeed(req, 1)))
		zero := decodeOK[lab.CueResponse](t, call(t, s, "POST", "/api/cue", withSeed(req, 0)))
		if none.Seed != 1 || none.Cells != one.Cells || none.Cells == zero.Cells {
			t.Errorf("without a seed: seed %d; same cue as seed 1: %v; as seed 0: %v", none.Seed, none.Cells == one.Cells, none.Cells == zero.Cells)
		}
	})
	t.Run("experiment", func(t *testing.T) {
		none := decodeOK[experimentResponse](t, call(t, s, "POST", "/api/experiments/random-network", `{}`))
		one := decodeOK[experimentResponse](t, call(t, s, "POST", "/api/experiments/random-network", `{"seed": 1}`))
		if none.Seed != 1 || !reflect.DeepEqual(none.Numbers, one.Numbers) || none.Summary != one.Summary {
			t.Errorf("without a seed: seed %d, numbers %v; with seed 1: %v", none.Seed, none.Numbers, one.Numbers)
		}
	})
	t.Run("pattern", func(t *testing.T) {
		none := decodeOK[lab.PatternResponse](t, call(t, s, "GET", "/api/pattern?name=random&rows=5&cols=5", nil))
		one := decodeOK[lab.PatternResponse](t, call(t, s, "GET", "/api/pattern?name=random&rows=5&cols=5&seed=1", nil))
		if none != one {
			t.Errorf("random pattern without a seed %+v, with seed 1 %+v", none, one)
		}
	})
}
