package hopfield

import (
	"bytes"
	"runtime"
	"sync"
	"testing"
)

// BenchmarkBandwidth measures this machine's streaming-read bandwidth: the
// limit for a dense synchronous step, which reads every weight once. Two
// goroutines (one per core here) scan halves of a 512 MiB buffer with
// bytes.IndexByte, whose AVX2 loop is the fastest pure read in the standard
// library. Compare its MB/s with the dense BenchmarkSyncStep10000 cases.
func BenchmarkBandwidth(b *testing.B) {
	const size = 512 << 20
	buf := bytes.Repeat([]byte{1}, size)
	workers := runtime.GOMAXPROCS(0)
	b.SetBytes(size)
	for b.Loop() {
		var wg sync.WaitGroup
		chunk := size / workers
		for w := range workers {
			wg.Go(func() {
				if bytes.IndexByte(buf[w*chunk:(w+1)*chunk], 0) >= 0 {
					panic("unreachable")
				}
			})
		}
		wg.Wait()
	}
}

// The notebook's 100x100 images: N = 10,000, P = 3.
func BenchmarkStoreHebbianImages(b *testing.B) {
	ps := randomPatterns(testRand(1), 3, 10000)
	for _, form := range []Form{PatternForm, DenseForm} {
		b.Run(form.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := Learn(Config{Rule: Hebbian, Form: form}, ps...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// One synchronous step (all N fields) at N = 10,000, P = 3, for each way of
// holding the weights. The dense cases report the weight bytes read per
// second, to compare with BenchmarkBandwidth: int8 is what Dense Hebbian
// networks with P <= 127 use, float32 the exact fallback up to N P < 2^24,
// float64 what the Storkey rule, the pseudo-inverse and user weights use.
func BenchmarkSyncStep10000(b *testing.B) {
	const n = 10000
	ps := randomPatterns(testRand(1), 3, n)
	cue := flipBits(testRand(2), ps[0], 2000)
	pinv := mustLearn(b, Config{Rule: PseudoInverse, Form: DenseForm}, ps)
	for _, c := range []struct {
		name string
		w    weights
	}{
		{"pattern", newHebbPattern(n, ps)},
		{"dense-int8", hebbInt8(n, ps)},
		{"dense-float32", hebbDense[float32](n, ps)},
		{"dense-float64", pinv.w},
	} {
		h := make([]float64, n)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(c.w.bytes())
			for b.Loop() {
				c.w.fields(h, cue)
			}
		})
	}
}

// One asynchronous sweep (N single-neuron updates) at N = 1,000, P = 100,
// from a cue with 10% noise.
func BenchmarkAsyncSweep1000(b *testing.B) {
	ps := randomPatterns(testRand(1), 100, 1000)
	cue := flipBits(testRand(2), ps[0], 100)
	for _, form := range []Form{PatternForm, DenseForm} {
		net := mustLearn(b, Config{Rule: Hebbian, Form: form}, ps)
		b.Run(form.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := net.Run(cue, RunOptions{Update: Permutation, MaxSteps: 1, Source: NewSource(3)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// One asynchronous sweep of a dense associative memory at N = 1,000,
// P = 100, from a cue with 10% noise: O(P) per field and per flip.
func BenchmarkDAMAsyncSweep1000(b *testing.B) {
	ps := randomPatterns(testRand(1), 100, 1000)
	cue := flipBits(testRand(2), ps[0], 100)
	for _, e := range []Energy{{Kind: Poly, Power: 3}, {Kind: LSE, Beta: 1}, {Kind: Exp, Beta: 20}} {
		net := mustLearn(b, Config{Rule: DenseAM, Energy: e}, ps)
		b.Run(e.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := net.Run(cue, RunOptions{Update: Permutation, MaxSteps: 1, Source: NewSource(3)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Workload (b) as hopfield recall runs it: learn one pattern of N = 1,000,
// then random-neuron updates from a cue with a quarter of its bits flipped
// until a fixed point, traced sweep by sweep.
func BenchmarkOnePatternAsync(b *testing.B) {
	xi := randomPatterns(testRand(1), 1, 1000)
	cue := flipBits(testRand(2), xi[0], 250)
	for b.Loop() {
		net := mustLearn(b, Config{Rule: Hebbian}, xi)
		tr := Trace{Target: xi[0], SkipEnergy: true}
		res, err := net.Run(cue, RunOptions{Update: Asynchronous, Tie: TieMinus, MaxSteps: 10, Source: NewSource(3), Observe: tr.Observe})
		if err != nil || res.End != FixedPoint {
			b.Fatalf("end %v, err %v", res.End, err)
		}
	}
}

func BenchmarkStorkey1000x100(b *testing.B) {
	ps := randomPatterns(testRand(1), 100, 1000)
	for b.Loop() {
		if _, err := Learn(Config{Rule: Storkey}, ps...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecallMillion is the scale goal: a 1000 x 1000 image
// (N = 1,000,000) with 10 stored patterns in the pattern form; one pattern
// with 20% of its pixels flipped is recalled synchronously. Each iteration
// learns and recalls; peak-MiB is the Go heap's high-water mark, heap-MiB
// what the network and the run keep.
func BenchmarkRecallMillion(b *testing.B) {
	const n, p = 1_000_000, 10
	ps := randomPatterns(testRand(1), p, n)
	cue := flipBits(testRand(2), ps[3], n/5)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		net := mustLearn(b, Config{Rule: Hebbian, Form: PatternForm}, ps)
		res, err := net.Run(cue, RunOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if d := Hamming(res.State, ps[3]); d != 0 || res.End != FixedPoint {
			b.Fatalf("recall ended %v at Hamming distance %d", res.End, d)
		}
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "alloc-MiB/op")
}
