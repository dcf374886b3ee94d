package experiments

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield/hopplot"
	"github.com/hopfield-lab/hopfield/theory"
)

// render draws every figure of r as png, which catches drawing errors.
func render(t *testing.T, r *Result) {
	t.Helper()
	for i := range r.Figures {
		var b bytes.Buffer
		if err := hopplot.RenderFigure(&b, "png", r.Figures[i]); err != nil || b.Len() == 0 {
			t.Errorf("%s: figure %s: %v", r.Experiment, r.Figures[i].Name, err)
		}
	}
}

// Small runs of the capacity experiments. The claims at full size are
// tested in package capacity; here the experiments must run, draw, and
// report numbers that say the same thing.
func TestCapacityExperiment(t *testing.T) {
	r := run(t, "capacity", 1, "N=200", "trials=6", "probes=5", "alpha_min=0.05", "alpha_max=0.2", "alpha_step=0.05")
	render(t, r)
	// Storkey and the pseudo-inverse stay at overlap 1 (no sampling error)
	// while the Hebbian rule has fallen to about 0.6 at alpha = 0.2.
	for _, k := range []string{"storkey_min_gap_above_0.15", "pseudoinverse_min_gap_above_0.15"} {
		if g := r.Numbers[k]; !(g > 0.1) {
			t.Errorf("%s = %v, want a clear gap", k, g)
		}
	}
	if a := r.Numbers["hebbian_last_load_above_0.95"]; a < 0.1 || a > 0.15 {
		t.Errorf("Hebbian overlap at least 0.95 up to alpha = %v, want 0.1 to 0.15", a)
	}
	if got := len(r.Table("sweep").Rows); got != 3*4*2 {
		t.Errorf("sweep table has %d rows, want 24 (3 rules x 4 loads x 2 measures)", got)
	}
}

// Above 2000 neurons the Storkey rule is left out, and a memory budget too
// small for any load is a parameter error.
func TestCapacityExperimentLimits(t *testing.T) {
	r := run(t, "capacity", 1, "N=3000", "trials=1", "probes=1", "alpha_min=0.01", "alpha_max=0.01", "alpha_step=0.01")
	if _, ok := r.Numbers["storkey_min_gap_above_0.15"]; ok || !bytes.Contains([]byte(r.Summary), []byte("Storkey rule left out")) {
		t.Errorf("N = 3000 ran the Storkey rule:\n%s", r.Summary)
	}
	// A network probes at most its P patterns, and the summary says so.
	r = run(t, "capacity", 1, "N=50", "trials=2", "probes=10", "alpha_min=0.02", "alpha_max=0.06", "alpha_step=0.02")
	if !strings.Contains(r.Summary, "2 networks x 1 to 3 probes per point") {
		t.Errorf("summary does not give the probes made (1 to 3):\n%s", r.Summary)
	}
	e, _ := Lookup("capacity")
	v, err := e.Parse("N=100000", "memory_gb=0.1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Execute(t.Context(), v, 1); err == nil {
		t.Error("a budget of 0.1 GiB at N = 100000 did not fail")
	}
}

// The measured one-step error of 30 cells against the exact law: a correct
// measurement gives |z| > 4.5 in a cell with probability 7e-6.
func TestOneStepErrorExperiment(t *testing.T) {
	r := run(t, "one-step-error", 2, "trials=30")
	render(t, r)
	if z := r.Numbers["max_abs_z"]; z > 4.5 {
		t.Errorf("max |z| = %.1f against the exact law", z)
	}
}

// With 20 % of the bits flipped, every rule recalls exactly at alpha = 0.05
// (the Hebbian basin ends near 40 % noise); at alpha = 0.138 Storkey's and
// the pseudo-inverse's basins are wider than the Hebbian one.
func TestBasinsExperiment(t *testing.T) {
	r := run(t, "basins", 3, "N=200", "trials=4", "noise_step=0.1")
	render(t, r)
	for _, rule := range []string{"hebbian", "storkey", "pseudoinverse"} {
		if x, ok := r.Numbers[rule+"_half_recall_noise_alpha_0.05"]; !ok || x < 0.3 {
			t.Errorf("%s at alpha = 0.05: recall falls below 1/2 at noise %v, want beyond 0.3", rule, x)
		}
	}
	h := r.Numbers["hebbian_half_recall_noise_alpha_0.138"]
	for _, rule := range []string{"storkey", "pseudoinverse"} {
		if x := r.Numbers[rule+"_half_recall_noise_alpha_0.138"]; x <= h {
			t.Errorf("alpha = 0.138: %s basin ends at noise %v, hebbian at %v", rule, x, h)
		}
	}
}

// At the lowest load most random starts end in a pattern, its reverse or a
// 3-mixture; at the highest, spin-glass states dominate.
func TestSpuriousExperiment(t *testing.T) {
	r := run(t, "spurious", 4, "N=300", "trials=4", "starts=20", "alpha_min=0.01", "alpha_max=0.1", "alpha_step=0.09")
	render(t, r)
	if f := r.Numbers["lowest_load_pattern_or_reverse"] + r.Numbers["lowest_load_mixture3"]; f < 0.7 {
		t.Errorf("alpha = 0.01: only %.2f of the runs end in a pattern, its reverse or a 3-mixture", f)
	}
	if f := r.Numbers["highest_load_other"]; f < 0.7 {
		t.Errorf("alpha = 0.1: only %.2f of the runs end in other states", f)
	}
}

func TestTemperatureExperiment(t *testing.T) {
	r := run(t, "temperature", 5, "N=400", "P2=8", "P3=0", "P4=40", "trials=2", "T_step=0.2", "burn=20", "sweeps=40")
	render(t, r)
	// One pattern at N = 400: the finite-size term and the sampling error
	// are each below 0.03 for T < 0.9 (see package capacity's test).
	if d := r.Numbers["max_dev_tanh_one_pattern"]; math.IsNaN(d) || d > 0.06 {
		t.Errorf("one pattern: %v from tanh(m/T)", d)
	}
	tab := r.Table("temperature")
	ps := map[float64]bool{}
	for _, row := range tab.Rows {
		ps[row[1]] = true
		// The largest |m| over the patterns bounds |m| of the starting one.
		if row[6] < math.Abs(row[4]) {
			t.Errorf("P = %v, T = %v: max |m| = %v below |m| = %v", row[1], row[3], row[6], row[4])
		}
	}
	if len(ps) != 3 || !ps[1] || !ps[8] || !ps[40] {
		t.Errorf("curves for P = %v, want 1, 8 and 40 (P3 = 0 leaves its curve out)", ps)
	}
	// alpha = 0.1 (P = 40): RS theory melts retrieval at T_M = 0.32; the
	// measured melting lies within a grid step (0.2) of it or above, as
	// a finite network holds its pattern a little longer.
	tM, melt := r.Numbers["T_M_P40"], r.Numbers["melting_T_P40"]
	if math.Abs(tM-theory.RetrievalTemperature(0.1)) > 1e-12 || melt < tM-0.2 || melt > tM+0.3 {
		t.Errorf("P = 40: melts at T = %v, RS T_M = %v", melt, tM)
	}
}

func TestTemperatureExperimentParams(t *testing.T) {
	e, _ := Lookup("temperature")
	for _, tc := range []struct {
		name  string
		sets  []string
		param string
	}{
		{"no curve", []string{"P1=0", "P2=0", "P3=0", "P4=0"}, "P1"},
		{"more patterns than neurons", []string{"N=50", "P4=60"}, "P4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := e.Parse(tc.sets...)
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.Execute(t.Context(), v, 1)
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param != tc.param {
				t.Errorf("got=%v, want a parameter error for %s", err, tc.param)
			}
		})
	}
}

// A temperature run cancelled midway returns the context's error, not a
// parameter error.
func TestTemperatureExperimentCancel(t *testing.T) {
	e, _ := Lookup("temperature")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ctx = WithProgress(ctx, func(done, total int) { cancel() })
	if _, err := e.Execute(ctx, e.Defaults(), 1); !errors.Is(err, context.Canceled) {
		t.Errorf("got=%v, want context.Canceled", err)
	}
}
