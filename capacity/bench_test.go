package capacity

import (
	"context"
	"testing"

	"github.com/hopfield-lab/hopfield"
)

// The sweep of the issue: N = 1000, alpha = 0.05:0.20:0.01 (16 loads), 100
// networks per load, Hebbian, overlap measure. The target is under 30 s on
// a 2-core machine.
func BenchmarkSweepHebbian1000(b *testing.B) {
	alphas, err := ParseList("0.05:0.20:0.01")
	if err != nil {
		b.Fatal(err)
	}
	spec := Spec{Rules: []hopfield.Rule{hopfield.Hebbian}, Ns: []int{1000}, Alphas: alphas,
		Measures: []Measure{Overlap}, Trials: 100, Seed: 1}
	for b.Loop() {
		if _, err := Run(context.Background(), spec); err != nil {
			b.Fatal(err)
		}
	}
}
