package hopfield

import "testing"

// The notebook's 100x100 images: N = 10,000, P = 3.
func BenchmarkStoreHebbianImages(b *testing.B) {
	ps := randomPatterns(testRand(1), 3, 10000)
	for _, form := range []Form{PatternForm, Dense} {
		b.Run(form.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := Learn(Config{Rule: Hebbian, Form: form}, ps...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSyncStep10000(b *testing.B) {
	ps := randomPatterns(testRand(1), 3, 10000)
	cue := flipBits(testRand(2), ps[0], 2000)
	for _, form := range []Form{PatternForm, Dense} {
		net := mustLearn(b, Config{Rule: Hebbian, Form: form}, ps)
		h := make([]float64, net.N())
		b.Run(form.String(), func(b *testing.B) {
			b.SetBytes(net.WeightBytes())
			for b.Loop() {
				net.Fields(h, cue)
			}
		})
	}
	sn := mustLearn(b, Config{Rule: PseudoInverse, Form: Dense}, ps)
	h := make([]float64, sn.N())
	b.Run("dense-float64", func(b *testing.B) {
		b.SetBytes(sn.WeightBytes())
		for b.Loop() {
			sn.Fields(h, cue)
		}
	})
}

// One asynchronous sweep (N single-neuron updates) at N = 1,000, P = 100,
// from a cue with 10% noise.
func BenchmarkAsyncSweep1000(b *testing.B) {
	ps := randomPatterns(testRand(1), 100, 1000)
	cue := flipBits(testRand(2), ps[0], 100)
	for _, form := range []Form{PatternForm, Dense} {
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

func BenchmarkStorkey1000x100(b *testing.B) {
	ps := randomPatterns(testRand(1), 100, 1000)
	for b.Loop() {
		if _, err := Learn(Config{Rule: Storkey}, ps...); err != nil {
			b.Fatal(err)
		}
	}
}
