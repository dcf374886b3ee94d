package experiments

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// betaKeys returns the names of the numbers of the default betas.
func betaKeys(prefix string) []string {
	var out []string
	for _, b := range []string{"0.25", "0.5", "1", "2", "4", "8"} {
		out = append(out, prefix+"_beta"+b)
	}
	return out
}

// For one update from a fixed cue, k90 cannot grow with beta: the scores
// beta s_mu keep their order, and the weight of the top k grows with beta
// (its derivative is the weighted mean score of the top k minus that of
// all, which is >= 0). So every cue's k90 must be non-increasing here, and
// the test is exact, not statistical.
func TestBetaSweepBlendToRecall(t *testing.T) {
	for _, tc := range []struct {
		name string
		sets []string
		cued string
	}{
		{"default", nil, "A"},
		{"pictures", []string{"pictures=true"}, "A"},
		{"noise", []string{"noise=0.1"}, "A"},
		{"left half erased", []string{"erase=left"}, "A"},
		{"letter C", []string{"letter=C"}, "C"},
		{"star", []string{"letter=star", "pictures=true"}, "star"},
		{"16x16", []string{"size=16"}, "A"},
		{"64x64", []string{"size=64"}, "A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "beta-sweep", 1, tc.sets...)
			var k90 []float64
			for _, key := range betaKeys("k90") {
				k90 = append(k90, r.Numbers[key])
			}
			for i := 1; i < len(k90); i++ {
				if k90[i] > k90[i-1] {
					t.Errorf("k90 %v grows with beta", k90)
				}
			}
			if k90[0] <= 1 {
				t.Errorf("k90 at beta 0.25 = %v, want a blend (> 1)", k90[0])
			}
			// At beta 8 the update returns the cued picture: one pattern
			// holds 90% of the weight and the picture is within 1 of it
			// (two pictures differing in one pixel are 2 apart).
			if k90[5] != 1 || r.Numbers["weight_beta8"] < 0.95 || r.Numbers["distance_beta8"] > 1 {
				t.Errorf("beta 8: k90 %v, weight on %s %v, distance %v; want 1, >= 0.95, <= 1",
					k90[5], tc.cued, r.Numbers["weight_beta8"], r.Numbers["distance_beta8"])
			}
			sweep := r.Table("sweep")
			if got := sweep.Text["nearest"][5]; got != tc.cued {
				t.Errorf("beta 8: nearest stored picture %s, want %s", got, tc.cued)
			}
		})
	}
}

// With the default cue the sweep crosses all three kinds of fixed point,
// and the weight on A and the distance to it move with beta.
func TestBetaSweepDefaultNumbers(t *testing.T) {
	r := run(t, "beta-sweep", 1)
	want := []float64{21, 16, 10, 6, 2, 1}
	var got []float64
	for _, key := range betaKeys("k90") {
		got = append(got, r.Numbers[key])
	}
	if !slices.Equal(got, want) {
		t.Errorf("k90 %v, want %v", got, want)
	}
	kinds := r.Table("sweep").Text["fixed_point"]
	if kinds[0] != "global average" || kinds[3] != "metastable" || kinds[5] != "single pattern" {
		t.Errorf("fixed points %q: want global average at 0.25, metastable at 2, single pattern at 8", kinds)
	}
	w, d := betaKeys("weight"), betaKeys("distance")
	for i := 1; i < len(w); i++ {
		if r.Numbers[w[i]] <= r.Numbers[w[i-1]] || r.Numbers[d[i]] >= r.Numbers[d[i-1]] {
			t.Errorf("%s = %v, %s = %v: want the weight on A to grow and the distance to shrink with beta",
				w[i], r.Numbers[w[i]], d[i], r.Numbers[d[i]])
		}
	}
	if r.Numbers["P"] != 26 || r.Numbers["d"] != 1024 || r.Numbers["beta_factor"] != 1.0/32 {
		t.Errorf("P, d, beta_factor = %v, %v, %v; want 26, 1024, 1/32", r.Numbers["P"], r.Numbers["d"], r.Numbers["beta_factor"])
	}
}

// Cues that cannot tell letters apart end in a metastable state at every
// beta, and the other scales put the whole sweep on one side.
func TestBetaSweepMetastableAndScales(t *testing.T) {
	for _, tc := range []struct {
		name       string
		sets       []string
		lo, hi     float64 // the range of k90 over all betas
		weightHigh float64 // the weight on the cued letter at beta 8, within 0.01
	}{
		// B, P and R share their top halves: a third each.
		{"B, P, R", []string{"letter=B"}, 3, 21, 1.0 / 3},
		// A and H share their bottom halves.
		{"A, H", []string{"erase=top"}, 2, 21, 0.49},
		// Raw dot products differ by dozens: one letter at every beta.
		{"raw", []string{"scale=raw"}, 1, 1, 1},
		// Unit vectors' dot products differ by hundredths: all blends.
		{"unit", []string{"scale=unit"}, 21, 24, 0.08},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, "beta-sweep", 1, tc.sets...)
			for _, key := range betaKeys("k90") {
				if k := r.Numbers[key]; k < tc.lo || k > tc.hi {
					t.Errorf("%s = %v, want [%v, %v]", key, k, tc.lo, tc.hi)
				}
			}
			if got := r.Numbers["weight_beta8"]; math.Abs(got-tc.weightHigh) > 0.01 {
				t.Errorf("weight at beta 8 = %v, want %v", got, tc.weightHigh)
			}
		})
	}
}

func TestBetaSweepFigures(t *testing.T) {
	r := run(t, "beta-sweep", 1, "betas=9", "pictures=true", "steps=3")
	for _, tc := range []struct {
		name   string
		panels int
	}{
		{"retrieval", 11}, // the stored picture, the cue and 9 betas
		{"weights", 9},
		{"k90", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := r.Figure(tc.name)
			if f == nil {
				t.Fatal("missing")
			}
			if err := f.Validate(); err != nil {
				t.Fatal(err)
			}
			if len(f.Panels) != tc.panels {
				t.Errorf("%d panels, want %d", len(f.Panels), tc.panels)
			}
		})
	}
	ret := r.Figure("retrieval").Panels
	if rs := ret[2].Raster; rs.Shape != [2]int{32, 32} || rs.Min != -1 || rs.Max != 1 {
		t.Errorf("retrieved picture: shape %v, range [%v, %v]; want 32x32 in [-1, 1]", rs.Shape, rs.Min, rs.Max)
	}
	if w := r.Table("weights"); len(w.Rows) != 9 || len(w.Columns) != 1+29 || w.Columns[29] != "star" {
		t.Errorf("weights table: %d rows, columns %v; want 9 rows of beta and 29 pictures", len(w.Rows), w.Columns)
	}
	if steps := r.Table("sweep").Rows[8][7]; steps < 2 || steps > 3 {
		t.Errorf("steps=3 made %v updates at the largest beta", steps)
	}
}

// betaSweepBytes is everything a run produces, for comparing runs.
func betaSweepBytes(t *testing.T, r *Result) []byte {
	t.Helper()
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	figs, err := json.Marshal(r.Figures)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Concat(js, figs, []byte(csvOf(t, r)))
}

// Without noise nothing is drawn, so the seed changes nothing but its
// stamp; with noise the seed draws the flipped pixels.
func TestBetaSweepDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name     string
		sets     []string
		seedUsed bool
	}{
		{"erased", nil, false},
		{"noisy", []string{"noise=0.1"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := run(t, "beta-sweep", 42, tc.sets...), run(t, "beta-sweep", 42, tc.sets...)
			if !bytes.Equal(betaSweepBytes(t, a), betaSweepBytes(t, b)) {
				t.Error("same seed, different results")
			}
			c := run(t, "beta-sweep", 43, tc.sets...)
			c.Seed = a.Seed
			if same := bytes.Equal(betaSweepBytes(t, a), betaSweepBytes(t, c)); same == tc.seedUsed {
				t.Errorf("seeds 42 and 43 gave the same results: %v, want %v", same, !tc.seedUsed)
			}
		})
	}
}

func TestBetaSweepParams(t *testing.T) {
	e, err := Lookup("beta-sweep")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		sets    []string
		param   string // the parameter the error names; "" for success
		message string
	}{
		{"picture cue", []string{"letter=bu", "pictures=true"}, "", ""},
		{"picture not stored", []string{"letter=BU"}, "letter", "BU is stored only with pictures=true"},
		{"betas reversed", []string{"beta_min=8", "beta_max=2"}, "beta_max", "2 is not above beta_min = 8"},
		{"betas equal", []string{"beta_min=2", "beta_max=2"}, "beta_max", "not above"},
		{"betas alike", []string{"beta_min=1", "beta_max=1.01", "betas=12"}, "betas", "too close to tell apart"},
		{"size", []string{"size=4"}, "size", "out of range"},
		{"scale", []string{"scale=log"}, "scale", "not one of sqrt, raw, unit"},
		{"erase", []string{"erase=middle"}, "erase", "not one of"},
		{"letter", []string{"letter=Ä"}, "letter", "not one of"},
		{"steps", []string{"steps=0"}, "steps", "out of range"},
		{"noise", []string{"noise=0.6"}, "noise", "out of range"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := e.Parse(tc.sets...)
			if err == nil {
				_, err = e.Execute(context.Background(), v, 1)
			}
			var pe *ParamError
			switch {
			case tc.param == "" && err != nil:
				t.Fatalf("error %v", err)
			case tc.param == "":
			case !errors.As(err, &pe) || pe.Param != tc.param || !strings.Contains(err.Error(), tc.message):
				t.Errorf("error %v (%T), want a *ParamError for %s saying %q", err, err, tc.param, tc.message)
			}
		})
	}
}

func TestBetaSteps(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		n      int
		want   []float64
		labels []string
		exact  bool // powers of two come out exact
	}{
		{0.25, 8, 6, []float64{0.25, 0.5, 1, 2, 4, 8}, []string{"0.25", "0.5", "1", "2", "4", "8"}, true},
		{1, 100, 3, []float64{1, 10, 100}, []string{"1", "10", "100"}, false},
		{0.5, 1, 2, []float64{0.5, 1}, []string{"0.5", "1"}, true},
		{0.3, 3, 4, []float64{0.3, 0.3 * math.Cbrt(10), 0.3 * math.Cbrt(100), 3}, []string{"0.3", "0.646", "1.39", "3"}, false},
	} {
		t.Run(strings.Join(tc.labels, ","), func(t *testing.T) {
			got, labels, err := betaSteps(tc.lo, tc.hi, tc.n)
			if err != nil {
				t.Fatal(err)
			}
			for i, b := range got {
				tol := 1e-12 * tc.want[i]
				if tc.exact {
					tol = 0
				}
				if math.Abs(b-tc.want[i]) > tol {
					t.Errorf("beta %d = %v, want %v", i, b, tc.want[i])
				}
			}
			if !slices.Equal(labels, tc.labels) {
				t.Errorf("labels %q, want %q", labels, tc.labels)
			}
		})
	}
}

func BenchmarkBetaSweep(b *testing.B) {
	e, _ := Lookup("beta-sweep")
	v := e.Defaults()
	for b.Loop() {
		if _, err := e.Execute(context.Background(), v, 1); err != nil {
			b.Fatal(err)
		}
	}
}
