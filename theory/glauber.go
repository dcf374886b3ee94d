package theory

import "math"

// GlauberOverlap returns the mean-field equilibrium overlap m of a retrieval
// state under Glauber dynamics at temperature T in the limit of vanishing
// load (P finite, N -> inf): the largest root of
//
//	m = tanh(m / T).
//
// It is 1 at T = 0, the unique positive root for 0 < T < 1, and 0 for
// T >= 1 (T_c = 1). T < 0 or NaN gives NaN. The temperature convention is
// E[s_i] = tanh(h_i / T), h_i = sum_j w_ij s_j with w_ij = (1/N) sum_mu
// xi_i^mu xi_j^mu; see the package documentation.
func GlauberOverlap(T float64) float64 {
	switch {
	case math.IsNaN(T) || T < 0:
		return math.NaN()
	case T == 0:
		return 1
	case T >= 1:
		return 0
	}
	// f(m) = m - tanh(m/T) is convex on m > 0 with f(0) = 0, f'(0) < 0 and
	// f(1) > 0, so it has one positive root and Newton's method started at
	// m = 1 decreases monotonically onto it. Stop when an iterate fails to
	// decrease (rounding level) or reaches the root exactly.
	m := 1.0
	for range 1000 {
		th := math.Tanh(m / T)
		f := m - th
		if f <= 0 {
			break
		}
		fp := 1 - (1-th*th)/T
		next := m - f/fp
		if !(next < m) || next <= 0 {
			break
		}
		m = next
	}
	return m
}

// GlauberOverlapCurve returns [GlauberOverlap] for each temperature, for
// plotting; it is 0 from T = 1 on and NaN for invalid temperatures.
func GlauberOverlapCurve(temps []float64) []float64 {
	ms := make([]float64, len(temps))
	for i, T := range temps {
		ms[i] = GlauberOverlap(T)
	}
	return ms
}
