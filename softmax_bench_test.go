package hopfield

import (
	"fmt"
	"testing"
)

// BenchmarkSoftmax times one update and a batch of updates. The large case
// is the retrieval benchmark of docs/performance.md: P = 100,000 patterns
// of d = 1,000 float32 (400 MB, read once per update), skipped with -short.
// beta = 1 on patterns N(0, 1/d) is near the global average, so every
// row's value is added: the worst case (at large beta most rows' weights
// underflow and their axpy is skipped).
func BenchmarkSoftmax(b *testing.B) {
	for _, c := range []struct{ p, d, batch int }{
		{1000, 64, 1}, {1000, 64, 256},
		{100_000, 1000, 1}, {100_000, 1000, 256},
	} {
		b.Run(fmt.Sprintf("P=%d/d=%d/batch=%d", c.p, c.d, c.batch), func(b *testing.B) {
			if testing.Short() && c.p*c.d > 1e6 {
				b.Skip("400 MB of patterns; run without -short")
			}
			benchmarkSoftmax(b, c.p, c.d, c.batch)
		})
	}
}

func benchmarkSoftmax(b *testing.B, p, d, batch int) {
	rng := softRand(1)
	x := make([]float32, p*d)
	for i := range x {
		x[i] = float32(rng.NormFloat64()) / 32 // N(0, 1/d) at d = 1000
	}
	s, err := NewSoftmax(x, d, SoftmaxConfig{Beta: 1})
	if err != nil {
		b.Fatal(err)
	}
	x = nil // the network holds its own copy
	cues := make([][]float32, batch)
	for q := range cues {
		cues[q] = s.Key(q)
	}
	out := make([][]float32, batch)
	b.SetBytes(int64(p * d * 4)) // MB/s: the patterns' bytes per update (or per batch)
	b.ReportAllocs()
	for b.Loop() {
		if batch == 1 {
			out[0] = s.Step(out[0], cues[0])
		} else {
			out = s.StepBatch(out, cues)
		}
	}
}
