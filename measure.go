package hopfield

// Hamming returns the number of positions where a and b differ. It panics if
// the lengths differ.
func Hamming(a, b []int8) int {
	if len(a) != len(b) {
		panic("hopfield: Hamming: length mismatch")
	}
	d := 0
	for i, v := range a {
		if v != b[i] {
			d++
		}
	}
	return d
}

// Overlap returns m = (1/N) sum_i a_i b_i, which is 1 for equal +-1 vectors
// and -1 for reversed ones.
func Overlap(a, b []int8) float64 {
	if len(a) != len(b) {
		panic("hopfield: Overlap: length mismatch")
	}
	return float64(dotInt8(a, b)) / float64(len(a))
}

// ErrorSum returns the notebook's error sum_i |s_i - xi_i|: twice the Hamming
// distance for +-1 vectors, and 1 for each unknown neuron.
func ErrorSum(s, xi []int8) int {
	if len(s) != len(xi) {
		panic("hopfield: ErrorSum: length mismatch")
	}
	e := 0
	for i, v := range s {
		d := int(v) - int(xi[i])
		if d < 0 {
			d = -d
		}
		e += d
	}
	return e
}
