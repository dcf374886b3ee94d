package experiments

import (
	"math/rand/v2"
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
