package theory

import "math"

// RamsauerStorage evaluates the storage-capacity theorem of the continuous
// modern Hopfield network (Ramsauer et al. 2020, Theorem 3), with energy
// E = -lse(beta, X^T xi) + xi^T xi / 2 + const and update
// xi <- X softmax(beta X^T xi). For N random patterns drawn uniformly on
// the sphere of radius M = K sqrt(d-1) in R^d, inverse temperature beta and
// failure probability p, define
//
//	a = 2/(d-1) (1 + ln(2 beta K^2 p (d-1))),  b = 2 K^2 beta / 5,
//	c = b / W0(exp(a + ln b)),
//
// W0 the principal Lambert branch ([LambertW0]). If c >= (2/sqrt(p))^(4/(d-1))
// (ok = true), then with probability at least 1-p a number
//
//	N >= nMin = sqrt(p) c^((d-1)/4)
//
// of patterns can be stored (each is the only fixed point in a sphere
// around it, to which the sphere converges). Paper examples (p = 0.001,
// beta = 1): K = 3, d = 20 gives c = 3.1546, nMin = 7.41; K = 1, d = 75
// gives c = 1.3719 (printed 1.3718), nMin = 10.97. The capacity grows
// exponentially in d, like c^(d/4).
//
// When the condition on c fails, c and nMin are still returned but ok is
// false: the theorem then makes no claim. beta <= 0, K <= 0, d < 2, p
// outside (0, 1] or NaN give (NaN, NaN, false).
func RamsauerStorage(beta, K float64, d int, p float64) (c, nMin float64, ok bool) {
	if !(beta > 0 && K > 0 && d >= 2 && p > 0 && p <= 1) || math.IsInf(beta, 1) || math.IsInf(K, 1) {
		return math.NaN(), math.NaN(), false
	}
	dm1 := float64(d - 1)
	a := 2 / dm1 * (1 + math.Log(2*beta*K*K*p*dm1))
	b := 2 * K * K * beta / 5
	// W0(exp(a + ln b)) is evaluated without forming exp for huge b.
	c = b / lambertW0Exp(a+math.Log(b))
	nMin = math.Sqrt(p) * math.Pow(c, dm1/4)
	ok = c >= math.Pow(2/math.Sqrt(p), 4/dm1)
	return c, nMin, ok
}

// RamsauerRetrievalBound returns the bound of Ramsauer et al. (2020),
// Theorem 5, on the error of one update of the continuous modern Hopfield
// network, f(xi) = X softmax(beta X^T xi), for a query xi near pattern x_i:
//
//	||f(xi) - x_i|| <= 2 (P-1) exp(-beta (delta - 2 dist M)) M,
//
// with P the number of patterns (N in the paper), M = max_j ||x_j|| the
// largest pattern norm, delta = Delta_i the separation of pattern i,
//
//	Delta_i = x_i . x_i - max_{j != i} x_i . x_j,
//
// and dist = max(||xi - x_i||, ||x_i* - x_i||), x_i* the fixed point near
// x_i. The bound is meaningful for a well-separated pattern, delta larger
// than 2 dist M plus about ln(2 (P-1) M)/beta; it is not capped at the
// trivial value 2M. Computing Delta_i from the patterns belongs to the
// engine. beta <= 0, P < 1, M < 0, dist < 0 or NaN arguments give NaN; P = 1
// gives 0 (a single pattern is retrieved exactly).
func RamsauerRetrievalBound(beta float64, P int, M, delta, dist float64) float64 {
	if !(beta > 0 && P >= 1 && M >= 0 && dist >= 0) || math.IsNaN(delta) {
		return math.NaN()
	}
	if P == 1 || M == 0 {
		return 0
	}
	return 2 * float64(P-1) * math.Exp(-beta*(delta-2*dist*M)) * M
}

// RamsauerRetrievalBoundNear returns the simplified bound of Ramsauer et
// al. (2020), Theorem 5, valid when the query and the fixed point are both
// within 1/(2 beta M) of x_i:
//
//	||x_i - x_i*|| <= 2 e (P-1) M exp(-beta delta).
//
// It is [RamsauerRetrievalBound] at dist = 1/(2 beta M) (which it bounds
// for every smaller dist too, since that bound grows with dist), so it
// also bounds the one-step error ||f(xi) - x_i|| there. Arguments as for
// RamsauerRetrievalBound.
func RamsauerRetrievalBoundNear(beta float64, P int, M, delta float64) float64 {
	if !(beta > 0 && P >= 1 && M >= 0) || math.IsNaN(delta) {
		return math.NaN()
	}
	if P == 1 || M == 0 {
		return 0
	}
	return 2 * math.E * float64(P-1) * M * math.Exp(-beta*delta)
}
