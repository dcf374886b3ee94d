package experiments

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/hopfield-lab/hopfield/theory"
)

// phaseLineTemps are the temperatures of phaseLineTable: steps of 0.025,
// which resolve the reentrance of both lines below T = 0.1.
func phaseLineTemps() []float64 {
	ts := make([]float64, 41)
	for k := range ts {
		ts[k] = float64(k) / 40
	}
	return ts
}

// TestPhaseLineTable checks every eighth entry of the table against
// package theory (all of them would take 20 s); with -update it computes
// them all and rewrites phase_lines.go.
func TestPhaseLineTable(t *testing.T) {
	if *update {
		writePhaseLineTable(t)
		return
	}
	ts := phaseLineTemps()
	if len(phaseLineTable) != len(ts) {
		t.Fatalf("table has %d entries, want %d (run go test -run TestPhaseLineTable -update)", len(phaseLineTable), len(ts))
	}
	for k := 0; k < len(ts); k += 8 {
		l := phaseLineTable[k]
		// The table keeps 7 significant digits.
		if l.T != ts[k] || !close7(l.alphaM, theory.RetrievalLoad(l.T)) || !close7(l.alphaC, theory.GlobalMinimumLoad(l.T)) {
			t.Errorf("entry %d: got=%+v, want T = %v, alpha_M = %v, alpha_c = %v (run go test -run TestPhaseLineTable -update)",
				k, l, ts[k], theory.RetrievalLoad(ts[k]), theory.GlobalMinimumLoad(ts[k]))
		}
	}
}

func close7(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Abs(b)+1e-12 }

func writePhaseLineTable(t *testing.T) {
	ts := phaseLineTemps()
	ms, cs := make([]float64, len(ts)), make([]float64, len(ts))
	var wg sync.WaitGroup
	for k, T := range ts {
		wg.Go(func() { ms[k], cs[k] = theory.RetrievalLoad(T), theory.GlobalMinimumLoad(T) })
	}
	wg.Wait()
	src, err := os.ReadFile("phase_lines.go")
	if err != nil {
		t.Fatal(err)
	}
	head, _, ok := bytes.Cut(src, []byte("\t{"))
	if !ok {
		t.Fatal("phase_lines.go: no table to replace")
	}
	var b bytes.Buffer
	b.Write(head)
	for k, T := range ts {
		fmt.Fprintf(&b, "\t{%v, %.7g, %.7g},\n", T, ms[k], cs[k])
	}
	b.WriteString("}\n")
	if err := os.WriteFile("phase_lines.go", b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// phaseAt returns the measured overlap at load alpha and temperature T of
// a phase-diagram result.
func phaseAt(t *testing.T, r *Result, alpha, T float64) float64 {
	t.Helper()
	tab := r.Table("phase")
	for _, row := range tab.Rows {
		if math.Abs(row[2]-alpha) < 1e-9 && math.Abs(row[3]-T) < 1e-9 {
			return row[4]
		}
	}
	t.Fatalf("no cell at alpha = %v, T = %v", alpha, T)
	return 0
}

// Far from the lines of the theory the measurement is on their side: deep
// in the retrieval phase (T_M(0.02) = 0.72), above T_g = 1.14 (paramagnet,
// m = 0 up to the 1/sqrt(N) noise) and beyond the capacity at low T, where
// the dynamics leave the pattern for a spin-glass state (at N = 500 an
// overlap near 0.3; a retrieval state has m > 0.95).
func TestPhaseDiagramAgainstTheory(t *testing.T) {
	t.Parallel()
	r := run(t, "phase-diagram", 1, "alpha_step=0.02", "T_max=1.3")
	render(t, r)
	for _, tc := range []struct {
		name     string
		alpha, T float64
		lo, hi   float64
	}{
		{"retrieval", 0.02, 0.3, 0.8, 1},
		{"retrieval at alpha -> 0", 0.002, 0.5, 0.9, 1},
		{"paramagnet", 0.02, 1.3, -0.2, 0.2},
		{"beyond capacity", 0.2, 0.1, -0.6, 0.6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if m := phaseAt(t, r, tc.alpha, tc.T); m < tc.lo || m > tc.hi {
				t.Errorf("alpha = %v, T = %v: m = %v, want in [%v, %v]", tc.alpha, tc.T, m, tc.lo, tc.hi)
			}
		})
	}
	// Disagreements are confined to the cells along T_M (about one per load).
	if a := r.Numbers["agreement_with_T_M"]; a < 0.8 {
		t.Errorf("measurement agrees with the theory's verdict in %.2f of the cells, want most", a)
	}
	h := r.Figure("phase-diagram").Panels[0].Heat
	if rows, cols := h.Dims(); rows != 14 || cols != 11 || h.X[0] != 0 || h.Y[0] != 0 {
		t.Errorf("heat map of %d x %d cells from (%v, %v), want 14 temperatures x 11 loads from (0, 0)", rows, cols, h.X[0], h.Y[0])
	}
}

func TestPhaseDiagramDeterministic(t *testing.T) {
	t.Parallel()
	small := []string{"N=100", "alpha_max=0.1", "alpha_step=0.05", "T_max=1", "T_step=0.5", "burn=3", "sweeps=3"}
	a, b := run(t, "phase-diagram", 7, small...), run(t, "phase-diagram", 7, small...)
	if !reflect.DeepEqual(a.Tables, b.Tables) || !reflect.DeepEqual(a.Numbers, b.Numbers) || a.Summary != b.Summary {
		t.Error("two runs with the same seed differ")
	}
	if c := run(t, "phase-diagram", 8, small...); reflect.DeepEqual(a.Tables[0], c.Tables[0]) {
		t.Error("runs with different seeds are identical")
	}
}

// A cancelled run stops with the context's error, here at its first
// progress report.
func TestPhaseDiagramCancel(t *testing.T) {
	t.Parallel()
	e, _ := Lookup("phase-diagram")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	ctx = WithProgress(ctx, func(done, total int) { calls++; cancel() })
	_, err := e.Execute(ctx, e.Defaults(), 1)
	if !errors.Is(err, context.Canceled) || calls == 0 {
		t.Errorf("got=%v after %d progress reports, want context.Canceled", err, calls)
	}
}

func TestPhaseDiagramParams(t *testing.T) {
	e, _ := Lookup("phase-diagram")
	for _, tc := range []struct {
		sets  []string
		param string
	}{
		{[]string{"alpha_max=1", "alpha_step=0.001"}, "alpha_step"},
		{[]string{"T_max=5", "T_step=0.01"}, "T_step"},
		{[]string{"N=50", "alpha_max=1", "alpha_step=0.5"}, "alpha_max"}, // P = 50 is fine; so is 25
	} {
		t.Run(tc.param, func(t *testing.T) {
			v, err := e.Parse(tc.sets...)
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.Execute(t.Context(), v, 1)
			var pe *ParamError
			if tc.param == "alpha_max" {
				if err != nil {
					t.Errorf("alpha_max = 1 at N = 50 (P = 50): %v, want no error", err)
				}
				return
			}
			if !errors.As(err, &pe) || pe.Param != tc.param {
				t.Errorf("got=%v, want a parameter error for %s", err, tc.param)
			}
		})
	}
}

// One network per cell measures no standard error: the summary prints
// none and the cuts draw no error bars; with two it does both.
func TestPhaseDiagramOneTrial(t *testing.T) {
	t.Parallel()
	small := []string{"N=100", "alpha_max=0.1", "alpha_step=0.05", "T_max=1", "T_step=0.5", "burn=3", "sweeps=3"}
	for _, trials := range []int{1, 2} {
		r := run(t, "phase-diagram", 7, append(small, fmt.Sprintf("trials=%d", trials))...)
		cuts := r.Figure("phase-diagram").Panels[1]
		hasErr := cuts.Series[0].Err != nil
		if strings.Contains(r.Summary, "±") != (trials > 1) || hasErr != (trials > 1) {
			t.Errorf("trials = %d: ± in the summary %v, error bars %v, want both %v", trials, strings.Contains(r.Summary, "±"), hasErr, trials > 1)
		}
	}
}
