package hopfield

import (
	"math/rand/v2"
	"testing"
)

func testRand(seed uint64) *rand.Rand { return rand.New(NewSource(seed)) }

func randomPattern(rng *rand.Rand, n int) []int8 {
	x := make([]int8, n)
	for i := range x {
		x[i] = 1 - 2*int8(rng.IntN(2))
	}
	return x
}

func randomPatterns(rng *rand.Rand, p, n int) [][]int8 {
	ps := make([][]int8, p)
	for i := range ps {
		ps[i] = randomPattern(rng, n)
	}
	return ps
}

func mustLearn(t testing.TB, cfg Config, ps [][]int8) *Network {
	t.Helper()
	net, err := Learn(cfg, ps...)
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func flipBits(rng *rand.Rand, x []int8, k int) []int8 {
	y := append([]int8(nil), x...)
	for _, i := range rng.Perm(len(x))[:k] {
		y[i] = -y[i]
	}
	return y
}

func negate(x []int8) []int8 {
	y := make([]int8, len(x))
	for i, v := range x {
		y[i] = -v
	}
	return y
}

func ones(n int) []int8 {
	x := make([]int8, n)
	for i := range x {
		x[i] = 1
	}
	return x
}

// didPanic reports whether f panics.
func didPanic(f func()) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	f()
	return false
}
