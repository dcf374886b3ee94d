package patterns

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/hopfield-lab/hopfield"
)

// Noise and cues. Every function writes into dst and returns it; dst may be
// src itself. A length mismatch between dst and the sources is a programmer
// error and panics; a fraction or count out of range is an error. Randomness
// comes only from the *rand.Rand passed in, so a fixed seed gives a fixed
// result.

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
func FlipExact(dst, src []int8, p float64, rng *rand.Rand) ([]int8, error) {
	mustSameLen("FlipExact", dst, src)
	k, err := Count(p, len(src))
	if err != nil {
		return nil, fmt.Errorf("noise level: %w", err)
	}
	return FlipN(dst, src, k, rng)
}

// FlipN writes src into dst with exactly k distinct neurons, chosen
// uniformly, multiplied by -1. It returns an error if k is not in [0, N].
func FlipN(dst, src []int8, k int, rng *rand.Rand) ([]int8, error) {
	mustSameLen("FlipN", dst, src)
	if k < 0 || k > len(src) {
		return nil, fmt.Errorf("flip count %d outside [0, %d]", k, len(src))
	}
	copy(dst, src)
	for _, i := range Choose(rng, len(dst), k) {
		dst[i] = -dst[i]
	}
	return dst, nil
}

// FlipEach writes src into dst with each neuron multiplied by -1
// independently with probability p, so the number flipped is binomial. It
// returns an error if p is NaN or outside [0, 1].
func FlipEach(dst, src []int8, p float64, rng *rand.Rand) ([]int8, error) {
	mustSameLen("FlipEach", dst, src)
	if err := checkFraction("flip probability", p); err != nil {
		return nil, err
	}
	copy(dst, src)
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
func Erase(dst, src []int8, p float64, rng *rand.Rand) ([]int8, error) {
	mustSameLen("Erase", dst, src)
	k, err := Count(p, len(src))
	if err != nil {
		return nil, fmt.Errorf("erase fraction: %w", err)
	}
	return EraseN(dst, src, k, rng)
}

// EraseN writes src into dst with exactly k distinct neurons, chosen
// uniformly, set to unknown (0). It returns an error if k is not in [0, N].
func EraseN(dst, src []int8, k int, rng *rand.Rand) ([]int8, error) {
	mustSameLen("EraseN", dst, src)
	if k < 0 || k > len(src) {
		return nil, fmt.Errorf("erase count %d outside [0, %d]", k, len(src))
	}
	copy(dst, src)
	for _, i := range Choose(rng, len(dst), k) {
		dst[i] = hopfield.Unknown
	}
	return dst, nil
}

// EraseRange writes src into dst with the neurons from..to-1 set to unknown
// (0). The notebook's S[5000:] = 0 is EraseRange(dst, src, 5000, len(src)).
// It returns an error unless 0 <= from <= to <= N.
func EraseRange(dst, src []int8, from, to int) ([]int8, error) {
	mustSameLen("EraseRange", dst, src)
	if from < 0 || from > to || to > len(src) {
		return nil, fmt.Errorf("erase range [%d, %d) outside [0, %d)", from, to, len(src))
	}
	copy(dst, src)
	for i := from; i < to; i++ {
		dst[i] = hopfield.Unknown
	}
	return dst, nil
}

// EraseRect returns a copy of p with the rectangle of rows top..bottom-1 and
// columns left..right-1 set to unknown (0), the NumPy slice
// p[top:bottom, left:right] = 0. It returns an error unless the rectangle
// lies inside p (an empty rectangle is allowed).
func EraseRect(p Pattern, top, left, bottom, right int) (Pattern, error) {
	if top < 0 || left < 0 || top > bottom || left > right || bottom > p.Rows || right > p.Cols {
		return Pattern{}, fmt.Errorf("erase rectangle [%d:%d, %d:%d] outside %s pattern", top, bottom, left, right, p.Shape())
	}
	q := p.Clone()
	for r := top; r < bottom; r++ {
		for c := left; c < right; c++ {
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
	mustSameLen("KeepPrefix", dst, first, fill)
	k, err := NotebookCount(fraction, len(first))
	if err != nil {
		return nil, fmt.Errorf("cue fraction: %w", err)
	}
	return KeepPrefixN(dst, first, k, fill)
}

// KeepPrefixN writes into dst the first k neurons of first and the rest from
// fill. It returns an error if k is not in [0, N].
func KeepPrefixN(dst, first []int8, k int, fill []int8) ([]int8, error) {
	mustSameLen("KeepPrefixN", dst, first, fill)
	if k < 0 || k > len(first) {
		return nil, fmt.Errorf("cue prefix %d outside [0, %d]", k, len(first))
	}
	// Copy the fill part first: dst may alias first or fill.
	copy(dst[k:], fill[k:])
	copy(dst[:k], first[:k])
	return dst, nil
}

// Choose returns k distinct indices in [0, n), uniformly, by a partial
// Fisher-Yates shuffle: the first k of a random permutation, drawn with k
// calls to rng. It panics unless 0 <= k <= n.
func Choose(rng *rand.Rand, n, k int) []int {
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

// mustSameLen panics if the slices are not all of the same length.
func mustSameLen(fn string, dst []int8, srcs ...[]int8) {
	for _, s := range srcs {
		if len(s) != len(dst) {
			panic(fmt.Sprintf("patterns: %s: length mismatch: dst has %d neurons, source has %d", fn, len(dst), len(s)))
		}
	}
}
