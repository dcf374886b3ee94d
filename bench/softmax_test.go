package bench

import (
	"bytes"
	"math"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/hopfield-lab/hopfield"
	"gonum.org/v1/gonum/blas/blas32"
)

// (f) Softmax retrieval: P = 100,000 patterns of d = 1,000 float32 (400 MB),
// the continuous modern Hopfield update X^T softmax(beta X xi) for one
// query and for a batch of 256. softmax_anchor.py times the same update
// with NumPy and PyTorch; BenchmarkSoftmaxBandwidth gives the bound, the
// time to read X's 400 MB once.
//
//	go test ./bench -run '^$' -bench 'SoftmaxRetrieval|SoftmaxBandwidth' -count 6
const (
	softmaxP     = 100_000
	softmaxD     = 1000
	softmaxBatch = 256
)

// softmaxPatterns are N(0, 1/d) entries (norms near 1), so that at beta = 1
// the weights are spread and every row's value is added: the worst case
// for the kernel, which skips rows whose weight underflows.
var softmaxPatterns = sync.OnceValue(func() []float32 {
	rng := seeded(1)
	x := make([]float32, softmaxP*softmaxD)
	scale := 1 / math.Sqrt(softmaxD)
	for i := range x {
		x[i] = float32(rng.NormFloat64() * scale)
	}
	return x
})

func softmaxSkip(b *testing.B) {
	if testing.Short() {
		b.Skip("400 MB of patterns; run without -short")
	}
}

func BenchmarkSoftmaxRetrieval(b *testing.B) {
	softmaxSkip(b)
	net, err := hopfield.NewSoftmax(softmaxPatterns(), softmaxD, hopfield.SoftmaxConfig{Beta: 1})
	if err != nil {
		b.Fatal(err)
	}
	cues := make([][]float32, softmaxBatch)
	for q := range cues {
		cues[q] = net.Key(q)
	}
	b.Run("one", func(b *testing.B) {
		var out []float32
		b.SetBytes(softmaxP * softmaxD * 4)
		b.ReportAllocs()
		for b.Loop() {
			out = net.Step(out, cues[0])
		}
	})
	b.Run("batch=256", func(b *testing.B) {
		var out [][]float32
		b.SetBytes(softmaxP * softmaxD * 4) // per batch: X is read once per block of queries
		b.ReportAllocs()
		for b.Loop() {
			out = net.StepBatch(out, cues)
		}
	})
}

// BenchmarkSoftmaxRatio alternates one update with the bandwidth read of
// BenchmarkSoftmaxBandwidth/indexbyte (400 MB), so that both see the same
// load on a shared machine, and reports the ratio of their total times: the
// goal is at most 1.5.
func BenchmarkSoftmaxRatio(b *testing.B) {
	softmaxSkip(b)
	net, err := hopfield.NewSoftmax(softmaxPatterns(), softmaxD, hopfield.SoftmaxConfig{Beta: 1})
	if err != nil {
		b.Fatal(err)
	}
	const size = softmaxP * softmaxD * 4
	buf := bytes.Repeat([]byte{1}, size)
	cue, out := net.Key(0), []float32(nil)
	var step, read time.Duration
	for b.Loop() {
		t0 := time.Now()
		out = net.Step(out, cue)
		t1 := time.Now()
		inParallel(size, func(lo, hi int) {
			if bytes.IndexByte(buf[lo:hi], 0) >= 0 {
				panic("unreachable")
			}
		})
		step, read = step+t1.Sub(t0), read+time.Since(t1)
	}
	b.ReportMetric(float64(step.Nanoseconds())/float64(b.N), "step-ns/op")
	b.ReportMetric(float64(read.Nanoseconds())/float64(b.N), "read-ns/op")
	b.ReportMetric(float64(step)/float64(read), "step/read")
}

// BenchmarkSoftmaxBandwidth measures the bound: reading 400 MB once, split
// over one goroutine per core. "indexbyte" scans a 400 MB buffer with
// bytes.IndexByte (AVX2, the fastest pure read in Go's standard library, as
// the root package's BenchmarkBandwidth); "sdot" sums x_i^2 over the
// patterns themselves with gonum's Sdot, the update's own dot kernel.
func BenchmarkSoftmaxBandwidth(b *testing.B) {
	softmaxSkip(b)
	const size = softmaxP * softmaxD * 4
	b.Run("indexbyte", func(b *testing.B) {
		buf := bytes.Repeat([]byte{1}, size)
		b.SetBytes(size)
		for b.Loop() {
			inParallel(size, func(lo, hi int) {
				if bytes.IndexByte(buf[lo:hi], 0) >= 0 {
					panic("unreachable")
				}
			})
		}
	})
	b.Run("sdot", func(b *testing.B) {
		x := softmaxPatterns()
		b.SetBytes(size)
		for b.Loop() {
			inParallel(len(x), func(lo, hi int) {
				if blas32.Dot(blas32.Vector{N: hi - lo, Data: x[lo:hi], Inc: 1}, blas32.Vector{N: hi - lo, Data: x[lo:hi], Inc: 1}) < 0 {
					panic("unreachable")
				}
			})
		}
	})
}

// inParallel calls f on GOMAXPROCS contiguous parts of [0, n) at once.
func inParallel(n int, f func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		wg.Go(func() { f(lo, min(lo+chunk, n)) })
	}
	wg.Wait()
}
