//go:build !(js && wasm)

package hopfield

// ddot is BLAS's Ddot: SIMD assembly on amd64.
func ddot(x, y []float64) float64 { return blasImpl.Ddot(len(x), x, 1, y, 1) }
