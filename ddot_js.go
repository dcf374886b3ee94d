//go:build js && wasm

package hopfield

// ddot adds in the order of the native amd64 build (see ddotInOrder).
func ddot(x, y []float64) float64 { return ddotInOrder(x, y) }
