package bench

import (
	"testing"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// (e) Dense associative memory: F(x) = x^3 (Krotov and Hopfield 2016),
// N = 1,000 neurons, P = 2,000 random patterns, a stored pattern with 10% of
// its bits flipped, asynchronous dynamics (a random neuron per update, N
// updates a sweep, a check of every neuron after each sweep) to a fixed
// point. dense_anchor.py runs the same dynamics in NumPy, once as the papers
// write the update (all overlaps recomputed per update) and once with
// incremental overlaps:
//
//	go test ./bench -run '^$' -bench DenseRecall -count 10
//	/usr/bin/python3 bench/dense_anchor.py
const (
	denseN     = 1000
	denseP     = 2000
	denseNoise = 0.1
)

// denseSetup stores the patterns and returns the network, the pattern
// recalled and its noisy cue.
func denseSetup(b *testing.B) (*hopfield.Network, []int8, []int8) {
	rng := seeded(1)
	stored := make([][]int8, denseP)
	for mu := range stored {
		p, err := patterns.Random(rng, 1, denseN, 0.5)
		if err != nil {
			b.Fatal(err)
		}
		stored[mu] = p.Data
	}
	net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.DenseAM, Energy: hopfield.Energy{Kind: hopfield.Poly, Power: 3}}, stored...)
	if err != nil {
		b.Fatal(err)
	}
	cue, err := patterns.FlipExact(nil, stored[0], denseNoise, rng)
	if err != nil {
		b.Fatal(err)
	}
	return net, stored[0], cue
}

// BenchmarkDenseRecall times one recall. Every iteration starts the
// neuron order from the same seed, so all run the same trajectory.
// ns/update divides by its single-neuron updates; ns/eval by its field
// evaluations, which add the checks after each sweep (counted by
// denseEvaluations, outside the timing): the unit dense_anchor.py counts.
func BenchmarkDenseRecall(b *testing.B) {
	net, x, cue := denseSetup(b)
	opt := func() hopfield.RunOptions {
		return hopfield.RunOptions{Update: hopfield.Asynchronous, Source: hopfield.NewSource(2)}
	}
	evals, err := denseEvaluations(net, cue, opt())
	if err != nil {
		b.Fatal(err)
	}
	var res hopfield.Result
	for b.Loop() {
		res, err = net.Run(cue, opt())
		if err != nil {
			b.Fatal(err)
		}
	}
	if d := hopfield.Hamming(res.State, x); d != 0 || res.End != hopfield.FixedPoint {
		b.Fatalf("recall ended %v at Hamming distance %d", res.End, d)
	}
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(float64(res.Updates), "updates/op")
	b.ReportMetric(float64(evals), "evals/op")
	b.ReportMetric(float64(res.Flips), "flips/op")
	b.ReportMetric(ns/float64(res.Updates), "ns/update")
	b.ReportMetric(ns/float64(evals), "ns/eval")
}

// denseEvaluations returns the field evaluations of a run with opt: its
// updates, and after each sweep the neurons the fixed-point check reads,
// in order up to the first that would change (all N after the last sweep).
func denseEvaluations(net *hopfield.Network, cue []int8, opt hopfield.RunOptions) (int, error) {
	checks := 0
	var h []float64
	opt.Observe = func(e *hopfield.Event) error {
		if e.Step == 0 {
			return nil
		}
		h = net.Fields(h, e.State)
		for i, v := range e.State {
			checks++
			if h[i]*float64(v) < 0 { // a zero field keeps the neuron
				break
			}
		}
		return nil
	}
	res, err := net.Run(cue, opt)
	return res.Updates + checks, err
}
