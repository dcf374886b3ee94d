package bench

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/capacity"
	"github.com/hopfield-lab/hopfield/internal/experiments"
	"github.com/hopfield-lab/hopfield/patterns"
)

func seeded(seed uint64) *rand.Rand { return rand.New(hopfield.NewSource(seed)) }

// (a) The notebook's 100x100 pictures: store BU and BC (N = 10,000, +-1
// pixels, pattern form), flip 20% of BC and run at most four synchronous
// steps with the notebook's sign (x > 0). This is `hopfield recall
// --patterns seed:BU --patterns seed:BC --cue-from 1 --noise 0.2
// --max-steps 4 --tie minus`.
func BenchmarkImages(b *testing.B) {
	bu, bc := patterns.BU(), patterns.BC()
	cue, err := patterns.FlipExact(make([]int8, len(bc.Data)), bc.Data, 0.2, seeded(1))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian}, bu.Data, bc.Data)
		if err != nil {
			b.Fatal(err)
		}
		res, err := net.Run(cue, hopfield.RunOptions{MaxSteps: 4, Tie: hopfield.TieMinus})
		if err != nil {
			b.Fatal(err)
		}
		if d := hopfield.Hamming(res.State, bc.Data); d != 0 {
			b.Fatalf("BC recalled at Hamming distance %d", d)
		}
	}
}

// execute runs a registered experiment without drawing its figures.
func execute(b *testing.B, name string, settings ...string) *experiments.Result {
	e, err := experiments.Lookup(name)
	if err != nil {
		b.Fatal(err)
	}
	vals, err := e.Parse(settings...)
	if err != nil {
		b.Fatal(err)
	}
	res, err := e.Execute(context.Background(), vals, 1)
	if err != nil {
		b.Fatal(err)
	}
	return res
}

// (b) One stored pattern, N = 1,000, K = 10,000 asynchronous single-neuron
// updates from a cue whose last quarter is random, as the notebook's
// experiment (with its per-update error, overlap and energy curves).
func BenchmarkOnePattern(b *testing.B) {
	for b.Loop() {
		res := execute(b, "one-pattern", "N=1000", "K=10000")
		if res.Numbers["final_error"] != 0 {
			b.Fatalf("final error %v", res.Numbers["final_error"])
		}
	}
}

// (c) The crosstalk histogram: K = 100,000 pairs of random patterns of
// N = 100 neurons (and the notebook's 50 overlapping pairs).
func BenchmarkCrosstalk(b *testing.B) {
	for b.Loop() {
		execute(b, "crosstalk", "K=100000")
	}
}

// (d) A capacity sweep as bench_d_capacity.py does it: N = 500, P = 10, 20,
// ..., 100, 20 networks per load, every stored pattern probed from a cue
// with 10% of its bits flipped, asynchronous dynamics until stable, and the
// fraction recalled exactly.
func BenchmarkCapacity(b *testing.B) {
	alphas, err := capacity.ParseList("0.02:0.2:0.02")
	if err != nil {
		b.Fatal(err)
	}
	spec := capacity.Spec{Rules: []hopfield.Rule{hopfield.Hebbian}, Ns: []int{500}, Alphas: alphas,
		Noises: []float64{0.1}, Measures: []capacity.Measure{capacity.Recall}, Trials: 20, Probes: 100, Seed: 1}
	for b.Loop() {
		if _, err := capacity.Run(context.Background(), spec); err != nil {
			b.Fatal(err)
		}
	}
}
