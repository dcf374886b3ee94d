package hopfield

import (
	"math"
	"runtime"
	"testing"
)

// TestDdotInOrder checks that ddotInOrder adds as BLAS's amd64 assembly
// does, bit for bit, at every length: the browser's engine relies on it.
func TestDdotInOrder(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the order is that of gonum's amd64 assembly")
	}
	rng := testRand(7)
	for n := range 70 {
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i], y[i] = rng.NormFloat64()*math.Pow(10, float64(rng.IntN(9)-4)), rng.NormFloat64()
		}
		if a, b := ddotInOrder(x, y), blasImpl.Ddot(n, x, 1, y, 1); a != b {
			t.Fatalf("n=%d: %v in order, %v by Ddot", n, a, b)
		}
	}
}
