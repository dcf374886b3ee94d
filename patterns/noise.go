package patterns

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/hopfield-lab/hopfield"
)

// Noise and cues. Every function writes into dst and returns it: dst is
// resized to the source's length, reusing its storage when it has the
// capacity (nil allocates), and may be src itself. Sources of different
// lengths are a programmer error and panic; a fraction or count out of range
// is an error. Randomness comes only from the source passed in, so a fixed
// seed gives a fixed result.

// Count returns round(p*n), the number of neurons that [FlipExact] and
// [Erase] change for a fraction p of n neurons. Halves round away from zero.
// It returns an error if p is NaN or outside [0, 1].
//
// The notebook's noisy_bipolar takes int(p*n) instead (see [NotebookCount]).
// We round because p*n is computed in floating point: 0.29*100 is
// 28.999999999999996, so int() flips 28 bits where 29 were asked for.
func Count(p float64, n int) (int, error) {
	if err := checkFraction("fraction", p); err != nil {
		return 0, err
	}
	return int(math.Round(p * float64(n))), nil
}

// NotebookCount returns int(p*n), the notebook's count (truncation toward
// zero), for reproducing the notebook exactly with [FlipN] or [EraseN].
func NotebookCount(p float64, n int) (int, error) {
	if err := checkFraction("fraction", p); err != nil {
		return 0, err
	}
	return int(p * float64(n)), nil
}

// FlipExact writes src into dst with exactly [Count](p, N) distinct neurons,
// chosen uniformly, multiplied by -1, as the notebook's noisy_bipolar (which
// uses int(p*N); see Count for why we round). An unknown (0) neuron stays
// unknown when chosen. It returns an error if p is NaN or outside [0, 1].
func FlipExact(dst, x []int8, p float64, src rand.Source) ([]int8, error) {
	k, err := Count(p, len(x))
	if err != nil {
		return nil, fmt.Errorf("noise level: %w", err)
	}
	return FlipN(dst, x, k, src)
}

// FlipN writes src into dst with exactly k distinct neurons, chosen
// uniformly, multiplied by -1. It returns an error if k is not in [0, N].
func FlipN(dst, x []int8, k int, src rand.Source) ([]int8, error) {
	if k < 0 || k > len(x) {
		return nil, fmt.Errorf("flip count %d outside [0, %d]", k, len(x))
	}
	dst = grow(dst, x)
	for _, i := range Choose(src, len(dst), k) {
		dst[i] = -dst[i]
	}
	return dst, nil
}

// FlipEach writes src into dst with each neuron multiplied by -1
// independently with probability p, so the number flipped is binomial. It
// returns an error if p is NaN or outside [0, 1].
func FlipEach(dst, x []int8, p float64, src rand.Source) ([]int8, error) {
	if err := checkFraction("flip probability", p); err != nil {
		return nil, err
	}
	dst = grow(dst, x)
	rng := rand.New(src)
	for i := range dst {
		if rng.Float64() < p {
			dst[i] = -dst[i]
		}
	}
	return dst, nil
}

// Erase writes src into dst with exactly [Count](p, N) distinct neurons,
// chosen uniformly among all N, set to unknown (0). It returns an error if p
// is NaN or outside [0, 1].
func Erase(dst, x []int8, p float64, src rand.Source) ([]int8, error) {
	k, err := Count(p, len(x))
	if err != nil {
		return nil, fmt.Errorf("erase fraction: %w", err)
	}
	return EraseN(dst, x, k, src)
}

// EraseN writes src into dst with exactly k distinct neurons, chosen
// uniformly, set to unknown (0). It returns an error if k is not in [0, N].
func EraseN(dst, x []int8, k int, src rand.Source) ([]int8, error) {
	if k < 0 || k > len(x) {
		return nil, fmt.Errorf("erase count %d outside [0, %d]", k, len(x))
	}
	dst = grow(dst, x)
	for _, i := range Choose(src, len(dst), k) {
		dst[i] = hopfield.Unknown
	}
	return dst, nil
}

// EraseRange writes src into dst with the neurons from..to-1 set to unknown
// (0). The notebook's S[5000:] = 0 is EraseRange(dst, src, 5000, len(src)).
// It returns an error unless 0 <= from <= to <= N.
func EraseRange(dst, x []int8, from, to int) ([]int8, error) {
	if from < 0 || from > to || to > len(x) {
		return nil, fmt.Errorf("erase range [%d, %d) outside [0, %d)", from, to, len(x))
	}
	dst = grow(dst, x)
	for i := from; i < to; i++ {
		dst[i] = hopfield.Unknown
	}
	return dst, nil
}

// EraseRect returns a copy of p with the rectangle rt (rows Top..Bottom-1,
// columns Left..Right-1) set to unknown (0), the NumPy slice
// p[top:bottom, left:right] = 0. It returns an error unless the rectangle
// lies inside p (an empty rectangle is allowed).
func EraseRect(p Pattern, rt Rect) (Pattern, error) {
	if rt.Top < 0 || rt.Left < 0 || rt.Top > rt.Bottom || rt.Left > rt.Right || rt.Bottom > p.Rows || rt.Right > p.Cols {
		return Pattern{}, fmt.Errorf("erase rectangle [%d:%d, %d:%d] outside %s pattern", rt.Top, rt.Bottom, rt.Left, rt.Right, p.Shape())
	}
	q := p.Clone()
	for r := rt.Top; r < rt.Bottom; r++ {
		for c := rt.Left; c < rt.Right; c++ {
			q.Data[r*q.Cols+c] = hopfield.Unknown
		}
	}
	return q, nil
}

// KeepPrefix writes into dst the first int(fraction*N) neurons of first and
// the rest from fill: the notebook's cues
//
//	np.append(xi1[:int(0.75*N)], <random>)   # fill = a random pattern
//	np.append(xi1[:int(0.75*N)], xi2[int(0.75*N):])  # fill = xi2
//
// Like the notebook it truncates: int(0.75*100) = 75, but int(0.29*100) = 28
// because 0.29*100 is 28.999999999999996 in floating point; use
// [KeepPrefixN] to give the count exactly. (The notebook's random cue also
// draws int((1-fraction)*N) fill values, which can leave it one neuron
// short; here the cue always has N neurons.) It returns an error if fraction
// is NaN or outside [0, 1].
func KeepPrefix(dst, first []int8, fraction float64, fill []int8) ([]int8, error) {
	k, err := NotebookCount(fraction, len(first))
	if err != nil {
		return nil, fmt.Errorf("cue fraction: %w", err)
	}
	return KeepPrefixN(dst, first, k, fill)
}

// KeepPrefixN writes into dst the first k neurons of first and the rest from
// fill. It returns an error if k is not in [0, N].
func KeepPrefixN(dst, first []int8, k int, fill []int8) ([]int8, error) {
	if len(fill) != len(first) {
		panic(fmt.Sprintf("patterns: KeepPrefixN: length mismatch: first has %d neurons, fill has %d", len(first), len(fill)))
	}
	if k < 0 || k > len(first) {
		return nil, fmt.Errorf("cue prefix %d outside [0, %d]", k, len(first))
	}
	if cap(dst) < len(first) {
		dst = make([]int8, len(first))
	}
	dst = dst[:len(first)]
	// Copy the fill part first: dst may alias first or fill.
	copy(dst[k:], fill[k:])
	copy(dst[:k], first[:k])
	return dst, nil
}

// Choose returns k distinct indices in [0, n), uniformly, by a partial
// Fisher-Yates shuffle: the first k of a random permutation, drawn with k
// draws from src. It panics unless 0 <= k <= n.
func Choose(src rand.Source, n, k int) []int {
	rng := rand.New(src)
	if k < 0 || k > n {
		panic(fmt.Sprintf("patterns: Choose(%d of %d)", k, n))
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	for i := range k {
		j := i + rng.IntN(n-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	return idx[:k]
}

// grow returns dst resized to len(x) (allocated if too small) holding a
// copy of x; dst may be x itself.
func grow(dst, x []int8) []int8 {
	if cap(dst) < len(x) {
		dst = make([]int8, len(x))
	}
	dst = dst[:len(x)]
	copy(dst, x)
	return dst
}
