package hopfield

import (
	"fmt"
	"math"
	"slices"
)

// Diagnostics of a Softmax network, all computed in float64 with dot products
// rounded once per term (float32 patterns are widened exactly before they
// are multiplied), so they may differ in the last float32 places from what
// the float32 update itself computes.

// dot64 returns x.y accumulated in float64: Dsdot for float32, whose
// products of two float32 values are exact in float64.
func dot64[T float32 | float64](x, y []T) float64 {
	switch x := any(x).(type) {
	case []float32:
		return blasImpl.Dsdot(len(x), x, 1, any(y).([]float32), 1)
	case []float64:
		return ddot(x, any(y).([]float64))
	}
	panic("unreachable")
}

// Weights returns p = softmax(beta K xi), the weight of every stored pattern
// in the update of xi, in dst (resized to P; nil allocates). It panics if
// len(xi) != D.
func (s *Softmax[T]) Weights(dst []float64, xi []T) []float64 {
	s.mustLen("Weights", len(xi))
	dst = grow(dst, s.p)
	_, sum := s.shiftedExps(dst, xi)
	for mu := range dst {
		dst[mu] /= sum
	}
	return dst
}

// shiftedExps sets w[mu] = exp(s_mu - m) for the scores s_mu =
// beta k_mu.xi and their largest, m, and returns m and sum_mu w[mu].
func (s *Softmax[T]) shiftedExps(w []float64, xi []T) (m, sum float64) {
	m = math.Inf(-1)
	for mu := range w {
		w[mu] = s.beta * dot64(s.key(mu), xi)
		m = max(m, w[mu])
	}
	for mu, sc := range w {
		w[mu] = math.Exp(sc - m)
		sum += w[mu]
	}
	return m, sum
}

// lse returns (1/beta) log sum_mu exp(beta k_mu.xi), max-shifted.
func (s *Softmax[T]) lse(xi []T) float64 {
	m, sum := s.shiftedExps(make([]float64, s.p), xi)
	return (m + math.Log(sum)) / s.beta
}

// Energy returns the paper's energy of state xi,
//
//	E = -lse(beta, K xi) + xi.xi/2 + log(P)/beta + M^2/2,
//
// with lse(beta, z) = (1/beta) log sum_mu exp(beta z_mu) and M the largest
// key norm. Note the 1/2 on xi.xi: with it the update is the concave-convex
// procedure on E, so E never increases under auto-associative updates, and
// 0 <= E <= 2 M^2 whenever ||xi|| <= M. For a network with separate values
// it is the energy of the keys' auto-associative network. It panics if
// len(xi) != D.
func (s *Softmax[T]) Energy(xi []T) float64 {
	s.mustLen("Energy", len(xi))
	return -s.lse(xi) + dot64(xi, xi)/2 + math.Log(float64(s.p))/s.beta + s.m*s.m/2
}

// K90 returns the fewest weights of p whose sum is at least 0.90 of p's
// total (1 for softmax weights), allowing 1e-12 relative for rounding (ten
// weights of 0.1 add up to 0.8999999999999999 at nine): the size of the
// average a fixed point makes, as Ramsauer et al. measure metastable states.
func K90(p []float64) int {
	sorted := slices.Clone(p)
	slices.SortFunc(sorted, func(a, b float64) int { return -cmpFloat(a, b) })
	var total float64
	for _, v := range sorted {
		total += v
	}
	var sum float64
	for k, v := range sorted {
		sum += v
		if sum >= 0.9*total*(1-1e-12) {
			return k + 1
		}
	}
	return len(p)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// SoftmaxClass is one of Ramsauer et al.'s classes of fixed points by k90
// among P patterns: I averages more than half of the patterns (k90 > P/2),
// II more than an eighth, III more than 1/32, IV at most 1/32.
type SoftmaxClass int

// The classes, from the broadest average to the narrowest.
const (
	ClassI SoftmaxClass = iota + 1
	ClassII
	ClassIII
	ClassIV
)

// String returns the class's Roman numeral.
func (c SoftmaxClass) String() string {
	if c >= ClassI && c <= ClassIV {
		return []string{"I", "II", "III", "IV"}[c-1]
	}
	return fmt.Sprintf("SoftmaxClass(%d)", int(c))
}

// ClassOf returns the class of a fixed point whose weights have k90 = k
// among p patterns.
func ClassOf(k, p int) SoftmaxClass {
	switch {
	case 2*k > p:
		return ClassI
	case 8*k > p:
		return ClassII
	case 32*k > p:
		return ClassIII
	}
	return ClassIV
}

// SoftmaxFixedPoint is the kind of fixed point a state's weights point to.
type SoftmaxFixedPoint int

const (
	// SinglePattern: one pattern holds 90% of the weight (k90 = 1), so the
	// update returns (nearly) that pattern.
	SinglePattern SoftmaxFixedPoint = iota + 1
	// Metastable: an average of several patterns, 1 < k90 <= P/2
	// (classes II to IV).
	Metastable
	// GlobalAverage: more than half of the patterns share the weight
	// (class I, k90 > P/2), near the mean of all of them.
	GlobalAverage
)

// String returns the kind's name: single pattern, metastable or global
// average.
func (f SoftmaxFixedPoint) String() string {
	switch f {
	case SinglePattern:
		return "single pattern"
	case Metastable:
		return "metastable"
	case GlobalAverage:
		return "global average"
	}
	return fmt.Sprintf("SoftmaxFixedPoint(%d)", int(f))
}

// FixedPointOf returns the kind of fixed point for k90 = k among p
// patterns: SinglePattern if k == 1 (so a single stored pattern is always
// one), GlobalAverage if k > p/2 (class I), Metastable otherwise.
func FixedPointOf(k, p int) SoftmaxFixedPoint {
	switch {
	case k <= 1:
		return SinglePattern
	case ClassOf(k, p) == ClassI:
		return GlobalAverage
	}
	return Metastable
}

// SoftmaxDiagnosis describes a state by its weights.
type SoftmaxDiagnosis struct {
	Weights    []float64         // softmax(beta K xi), one per pattern
	Top        int               // the pattern of the largest weight (the lowest index among ties)
	K90        int               // see K90
	Class      SoftmaxClass      // see ClassOf
	FixedPoint SoftmaxFixedPoint // see FixedPointOf
	Energy     float64           // see Softmax.Energy
}

// Diagnose returns the weights of xi and what they say. At a fixed point
// (the State of a converged Run) they classify the fixed point. It panics
// if len(xi) != D.
func (s *Softmax[T]) Diagnose(xi []T) SoftmaxDiagnosis {
	w := s.Weights(nil, xi)
	k := K90(w)
	top := 0
	for mu, v := range w {
		if v > w[top] {
			top = mu
		}
	}
	return SoftmaxDiagnosis{Weights: w, Top: top, K90: k, Class: ClassOf(k, s.p),
		FixedPoint: FixedPointOf(k, s.p), Energy: s.Energy(xi)}
}

// Separation returns Delta_i = k_i.k_i - max_{j != i} k_i.k_j, how far key
// i stands out from the others (+Inf when it is the only one). It costs one
// pass over the keys.
func (s *Softmax[T]) Separation(i int) float64 {
	ki := s.key(i)
	other := math.Inf(-1)
	for j := range s.p {
		if j != i {
			other = max(other, dot64(ki, s.key(j)))
		}
	}
	return dot64(ki, ki) - other
}

// SoftmaxBound is Theorem 5 of Ramsauer et al. for one update of a state xi
// near pattern i, beside the error the update actually makes.
type SoftmaxBound struct {
	Pattern    int     // i
	Separation float64 // Delta_i
	// Radius is max{||xi - x_i||, ||f(xi) - x_i||}: the theorem's
	// max{||xi - x_i||, ||x_i* - x_i||} with the fixed point x_i* replaced by
	// the update f(xi) itself, so that one step can be checked without
	// iterating to x_i*.
	Radius float64
	// Bound is 2 (P-1) exp(-beta (Delta_i - 2 Radius M)) M (0 when P = 1).
	// It holds for any radius at least ||xi - x_i||: p_j/p_i =
	// exp(beta (x_j - x_i).xi) <= exp(-beta (Delta_i - 2 M ||xi - x_i||)), so
	// 1 - p_i <= (P-1) exp(...), and ||f(xi) - x_i|| <= 2 M (1 - p_i).
	Bound float64
	// Error is the actual ||f(xi) - x_i||, of the update as Step computes
	// it: it includes rounding (about 1e-16 M in float64, 1e-7 M in
	// float32), which a very small Bound does not cover.
	Error float64
}

// RetrievalBound returns Theorem 5's bound on the error of one update of xi
// as a retrieval of pattern i, and the actual error. It is for the
// auto-associative network, the theorem's, and panics for separate values,
// for i out of range or if len(xi) != D.
func (s *Softmax[T]) RetrievalBound(i int, xi []T) SoftmaxBound {
	if !s.auto {
		panic("hopfield: Softmax.RetrievalBound: Theorem 5 is for auto-association (NewSoftmax)")
	}
	if i < 0 || i >= s.p {
		panic(fmt.Sprintf("hopfield: Softmax.RetrievalBound: pattern %d of %d", i, s.p))
	}
	f := s.Step(nil, xi)
	xi64, err := dist64(xi, s.key(i)), dist64(f, s.key(i))
	b := SoftmaxBound{Pattern: i, Separation: s.Separation(i), Radius: max(xi64, err), Error: err}
	if s.p > 1 {
		b.Bound = 2 * float64(s.p-1) * math.Exp(-s.beta*(b.Separation-2*b.Radius*s.m)) * s.m
	}
	return b
}

// dist64 returns ||a - b|| in float64.
func dist64[T float32 | float64](a, b []T) float64 {
	var sq float64
	for i, v := range a {
		d := float64(v) - float64(b[i])
		sq += d * d
	}
	return math.Sqrt(sq)
}

// Nearest returns the stored value nearest to state (Euclidean distance;
// the lowest index among ties) and its distance. It panics if
// len(state) != DV.
func (s *Softmax[T]) Nearest(state []T) (mu int, dist float64) {
	if len(state) != s.dv {
		panic(fmt.Sprintf("hopfield: Softmax.Nearest: state of length %d, values have length %d", len(state), s.dv))
	}
	dist = math.Inf(1)
	for j := range s.p {
		if d := dist64(state, s.value(j)); d < dist {
			mu, dist = j, d
		}
	}
	return mu, dist
}
