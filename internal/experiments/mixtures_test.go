package experiments

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/hopfield-lab/hopfield/theory"
)

// mixtureSmall is a run small enough for a test that still shows the
// claims: N = 1000 keeps the overlaps' finite-size spread near 0.03.
var mixtureSmall = []string{"trials=4", "T_step=0.1", "burn=50", "sweeps=50", "alpha_max=0.08", "alpha_step=0.02"}

// At T = 0 and P = 3 the mixture is a fixed point with overlap 1/2 with
// each pattern (to the 1/sqrt(N) spread of the site counts); at low T its
// overlaps follow m_3(T); at T = 0.7, above T_3 = 0.46, it has fallen into
// one pattern, whose overlap is the pure state's m_1 = 0.83 while the
// other two vanish (nearer T = 1 the state hops between the patterns
// within a run); and at T = 0 a load of 0.08 destroys it.
func TestMixturesAgainstTheory(t *testing.T) {
	t.Parallel()
	r := run(t, "mixtures", 1, mixtureSmall...)
	render(t, r)
	byT, byLoad := r.Table("mixture-temperature"), r.Table("mixture-load")
	at := func(tab *Table, x float64) []float64 {
		for _, row := range tab.Rows {
			if math.Abs(row[0]-x) < 1e-9 {
				return row
			}
		}
		t.Fatalf("table %s has no row at %v", tab.Name, x)
		return nil
	}
	// Columns: x, largest, err, middle, err, smallest, err, fraction.
	for _, tc := range []struct {
		name                     string
		row                      []float64
		largest, middle, smaller float64
		tol                      float64
	}{
		// 3 standard deviations of a mixture overlap at N = 1000 are 0.08.
		{"T = 0", at(byT, 0), 0.5, 0.5, 0.5, 0.08},
		{"T = 0.1", at(byT, 0.1), theory.MixtureOverlap(3, 0.1), theory.MixtureOverlap(3, 0.1), theory.MixtureOverlap(3, 0.1), 0.08},
		{"T = 0.7, a pure state", at(byT, 0.7), theory.GlauberOverlap(0.7), 0, 0, 0.08},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := []float64{tc.row[1], tc.row[3], tc.row[5]}
			want := []float64{tc.largest, tc.middle, tc.smaller}
			for k := range got {
				if math.Abs(got[k]-want[k]) > tc.tol {
					t.Errorf("overlaps %.3f, want %.3f within %v", got, want, tc.tol)
					break
				}
			}
		})
	}
	if f := at(byLoad, 0.003)[7]; f != 1 {
		t.Errorf("alpha = 0.003, T = 0: %.2f of the runs stay a 3-mixture, want all", f)
	}
	if f := at(byLoad, 0.08)[7]; f > 0.25 {
		t.Errorf("alpha = 0.08, T = 0: %.2f of the runs stay a 3-mixture, want few", f)
	}
	if s := r.Numbers["split_T"]; !(s > 0.1 && s <= theory.MixtureStabilityTemperature(3)) {
		t.Errorf("the mixture splits at T = %v, want between 0.1 and T_3 (a finite network escapes early, never late)", s)
	}
}

func TestMixturesDeterministic(t *testing.T) {
	t.Parallel()
	small := []string{"N=200", "trials=2", "T_step=0.5", "burn=5", "sweeps=5", "alpha_max=0.05", "alpha_step=0.025"}
	a, b := run(t, "mixtures", 3, small...), run(t, "mixtures", 3, small...)
	if !reflect.DeepEqual(a.Tables, b.Tables) || !reflect.DeepEqual(a.Numbers, b.Numbers) || a.Summary != b.Summary {
		t.Error("two runs with the same seed differ")
	}
	if c := run(t, "mixtures", 4, small...); reflect.DeepEqual(a.Tables, c.Tables) {
		t.Error("runs with different seeds are identical")
	}
}

func TestMixturesCancel(t *testing.T) {
	t.Parallel()
	e, _ := Lookup("mixtures")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	ctx = WithProgress(ctx, func(done, total int) { calls++; cancel() })
	if _, err := e.Execute(ctx, e.Defaults(), 1); !errors.Is(err, context.Canceled) || calls == 0 {
		t.Errorf("got=%v after %d progress reports, want context.Canceled", err, calls)
	}
}

func TestMixturesParams(t *testing.T) {
	e, _ := Lookup("mixtures")
	for _, tc := range []struct {
		sets  []string
		param string
	}{
		{[]string{"N=100", "P=101"}, "P"},
		{[]string{"N=100", "alpha_max=1", "alpha_step=0.001"}, "alpha_step"},
		{[]string{"T_max=5", "T_step=0.01"}, "T_step"},
	} {
		t.Run(tc.param, func(t *testing.T) {
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
