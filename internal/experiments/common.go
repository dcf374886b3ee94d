package experiments

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/hopfield-lab/hopfield"
)

// seeded returns the generator an experiment draws its setup from (weights,
// patterns, cues). The dynamics get their own source drawn from it
// (dynamicsSource), so changing how many numbers the setup draws never
// shifts the dynamics of an unrelated part.
func seeded(seed uint64) *rand.Rand { return rand.New(hopfield.NewSource(seed)) }

func dynamicsSource(rng *rand.Rand) rand.Source { return hopfield.NewSource(rng.Uint64()) }

// padTo extends xs to length n by repeating its last value: a run that
// stopped at a fixed point stays there.
func padTo[T any](xs []T, n int) []T {
	for len(xs) < n && len(xs) > 0 {
		xs = append(xs, xs[len(xs)-1])
	}
	return xs
}

// statesTable is the table of states over time: one row per time step t,
// columns t, s0, s1, ...
func statesTable(name, timeName string, states [][]int8) Table {
	n := len(states[0])
	t := Table{Name: name, Columns: make([]string, n+1)}
	t.Columns[0] = timeName
	for i := range n {
		t.Columns[i+1] = "s" + strconv.Itoa(i)
	}
	for k, s := range states {
		row := make([]float64, n+1)
		row[0] = float64(k)
		for i, v := range s {
			row[i+1] = float64(v)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// errorBars returns standard errors for a series' error bars: nil when
// none was measured (all NaN: one network per point has no standard
// error, and a bar of length 0 would claim one), else errs with the
// unmeasured ones as 0.
func errorBars(errs []float64) []float64 {
	if !slices.ContainsFunc(errs, func(e float64) bool { return !math.IsNaN(e) }) {
		return nil
	}
	out := make([]float64, len(errs))
	for i, e := range errs {
		out[i] = zeroNaN(e)
	}
	return out
}

// count writes n things: count(1, "step") is "1 step", count(3, "step")
// "3 steps".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
