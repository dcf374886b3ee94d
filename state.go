package hopfield

import "fmt"

// Neuron values. A bipolar state holds [Plus] or [Minus]; a cue may also hold
// [Unknown] for a neuron whose value is not given. A binary (0/1) state holds
// 1 and 0, and has no unknown value.
const (
	Minus   int8 = -1
	Unknown int8 = 0
	Plus    int8 = 1
)

// Neurons says how a network's states are written.
type Neurons int

const (
	// Bipolar neurons take the values +1 and -1 (and 0 for unknown in a cue).
	Bipolar Neurons = iota
	// Binary neurons take the values 1 and 0, as in Hopfield (1982) and the
	// notebook's first cell.
	Binary
)

func (k Neurons) String() string {
	switch k {
	case Bipolar:
		return "bipolar"
	case Binary:
		return "binary"
	}
	return fmt.Sprintf("Neurons(%d)", int(k))
}

// high and low are the two values a neuron of this kind settles to.
func (k Neurons) high() int8 { return 1 }
func (k Neurons) low() int8 {
	if k == Binary {
		return 0
	}
	return -1
}

// FromZeroOne sets dst to the bipolar form 2v-1 of the 0/1 vector src and
// returns it (see the package doc on dst; dst may be src). It returns an
// error if src holds a value other than 0 or 1.
func FromZeroOne(dst, src []int8) ([]int8, error) {
	dst = grow(dst, len(src))
	for i, v := range src {
		if v != 0 && v != 1 {
			return nil, fmt.Errorf("hopfield: binary value %d at index %d: want 0 or 1", v, i)
		}
		dst[i] = 2*v - 1
	}
	return dst, nil
}

// ToZeroOne sets dst to the 0/1 form (s+1)/2 of the bipolar vector src and
// returns it (see the package doc on dst; dst may be src). It returns an
// error if src holds a value other than -1 or +1 (an unknown neuron has no
// binary form).
func ToZeroOne(dst, src []int8) ([]int8, error) {
	dst = grow(dst, len(src))
	for i, v := range src {
		if v != 1 && v != -1 {
			return nil, fmt.Errorf("hopfield: bipolar value %d at index %d: want -1 or +1", v, i)
		}
		dst[i] = (v + 1) / 2
	}
	return dst, nil
}

// Real sets dst to the state s as real numbers and returns it (see the
// package doc on dst): a cue or a pattern for the continuous network
// ([Softmax]), a plot or a table.
func Real(dst []float64, s []int8) []float64 {
	return toFloats(grow(dst, len(s)), s)
}

// checkState reports whether s is a valid state of n neurons of kind k.
// Unknown (0) is allowed in a bipolar state when allowUnknown is set.
func checkState(s []int8, n int, k Neurons, allowUnknown bool) error {
	if len(s) != n {
		return fmt.Errorf("state has %d neurons, want %d", len(s), n)
	}
	for i, v := range s {
		switch {
		case v == 1:
		case v == -1 && k == Bipolar:
		case v == 0 && (k == Binary || allowUnknown):
		default:
			if k == Binary {
				return fmt.Errorf("value %d at neuron %d: want 0 or 1", v, i)
			}
			if allowUnknown {
				return fmt.Errorf("value %d at neuron %d: want -1, +1 or 0 (unknown)", v, i)
			}
			return fmt.Errorf("value %d at neuron %d: want -1 or +1", v, i)
		}
	}
	return nil
}
