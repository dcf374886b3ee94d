package hopfield

import "math"

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

// Nearest returns the index of the stored pattern a state is nearest to,
// given its overlaps m_mu with every pattern: the largest |m_mu|, a positive
// overlap before a negative one of the same size, then the lowest index. It
// returns -1 for no overlaps. It is the one rule by which the command line,
// the web lab and the capacity census say which pattern a state is.
func Nearest(overlaps []float64) int {
	best := -1
	for mu, m := range overlaps {
		if best < 0 {
			best = mu
			continue
		}
		a, b := math.Abs(m), math.Abs(overlaps[best])
		if a > b || a == b && m > 0 && overlaps[best] < 0 {
			best = mu
		}
	}
	return best
}

// Match says which stored pattern a state is nearest to (see [Nearest]) and
// how near.
type Match struct {
	// Pattern is the index of the nearest stored pattern, -1 if the
	// network holds none.
	Pattern int
	// Overlap is the state's overlap m with it: its sign says whether the
	// state is nearer the pattern (+) or its reverse (-), which every
	// symmetric rule stores as well.
	Overlap float64
	// Distance is the Hamming distance to the pattern itself; an unknown
	// neuron counts as different.
	Distance int
	// Exact reports that the state is the pattern; Reversed that it is the
	// pattern's reverse, exactly.
	Exact, Reversed bool
}

// Match returns the stored pattern the state s is nearest to. It panics if
// s does not have N values.
func (net *Network) Match(s []int8) Match {
	ms := net.Overlaps(nil, s)
	mu := Nearest(ms)
	if mu < 0 {
		return Match{Pattern: -1}
	}
	xi := net.Pattern(mu)
	d := Hamming(s, xi)
	return Match{Pattern: mu, Overlap: ms[mu], Distance: d, Exact: d == 0, Reversed: ms[mu] == -1}
}
