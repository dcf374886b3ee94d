package theory

import "math"

// mixtureSums returns, over z in {-1,+1}^s with S = sum_k z_k = 2B - s,
// B ~ Binomial(s, 1/2), the averages
//
//	F  = E[z_1 tanh(beta m S)]            = E[S tanh(beta m S)] / s,
//	D  = E[sech^2(beta m S)],
//	D1 = E[S^2 sech^2(beta m S)] / s,
//	Q2 = E[z_1 z_2 tanh^2(beta m S)]      = E[(S^2 - s) tanh^2(beta m S)] / (s (s-1)),
//
// using E[z_1 | S] = S/s and E[z_1 z_2 | S] = (S^2 - s)/(s (s-1)) (sums over
// the pairs of a fixed number of +1s); Q2 is 0 for s = 1. The sums have s+1
// terms with weights C(s, B) 2^-s.
func mixtureSums(s int, beta, m float64) (F, D, D1, Q2 float64) {
	n := float64(s)
	for b := 0; b <= s; b++ {
		w := binomPMFHalf(n, float64(b))
		S := float64(2*b - s)
		th := math.Tanh(beta * m * S)
		sech2 := 1 - th*th
		F += w * S * th / n
		D += w * sech2
		D1 += w * S * S * sech2 / n
		if s > 1 {
			Q2 += w * (S*S - n) * th * th / (n * (n - 1))
		}
	}
	return F, D, D1, Q2
}

// MixtureOverlap returns the overlap m of each of the s patterns in the
// symmetric mixture state (m, ..., m, 0, 0, ...) at vanishing load
// (alpha = 0) and temperature T (Amit, Gutfreund & Sompolinsky 1985, Phys.
// Rev. A), the largest root of
//
//	m = E[z_1 tanh(beta m (z_1 + ... + z_s))],  beta = 1/T,
//
// the average running over the 2^s sign vectors z (equally likely), in the
// convention E[s_i] = tanh(h_i/T) of [GlauberOverlap]. All mixtures
// appear at T = 1 (the slope of the right side at m = 0 is beta); at T = 0
// the overlap is E|z_1 + ... + z_s| / s, i.e. 2^(1-s) C(s-1, (s-1)/2) for
// odd s (1/2 for s = 3, 3/8 for s = 5) and half that sum's value with
// sign(0) = 0 for even s. s = 1 is [GlauberOverlap]. It is 0 for T >= 1;
// s < 1, T < 0 or NaN gives NaN.
//
// The right side is concave in m > 0 (tanh is), so m minus it is convex
// and Newton's method from m = 1 decreases monotonically onto the root, as
// in GlauberOverlap.
func MixtureOverlap(s int, T float64) float64 {
	switch {
	case s < 1 || math.IsNaN(T) || T < 0:
		return math.NaN()
	case T >= 1:
		return 0
	case T == 0:
		return mixtureOverlapZero(s)
	}
	beta, m := 1/T, 1.0
	for range 1000 {
		F, _, D1, _ := mixtureSums(s, beta, m)
		f := m - F
		if f <= 0 {
			break
		}
		next := m - f/(1-beta*D1)
		if !(next < m) || next <= 0 {
			break
		}
		m = next
	}
	return m
}

// mixtureOverlapZero is E|S|/s at T = 0.
func mixtureOverlapZero(s int) float64 {
	n, sum := float64(s), 0.0
	for b := 0; b <= s; b++ {
		sum += binomPMFHalf(n, float64(b)) * math.Abs(float64(2*b-s))
	}
	return sum / n
}

// mixtureEigen returns the eigenvalues of the Hessian of the alpha = 0
// free energy f(m) = |m|^2/2 - T E[ln 2cosh(beta m . xi)] at the symmetric
// s-mixture, H_mu,nu = delta_mu,nu - beta E[xi_mu xi_nu sech^2(beta m . xi)]:
//
//	out  = 1 - beta D                  (the patterns outside the mixture)
//	sym  = 1 - beta D + (s-1) beta Q2  (all s overlaps together)
//	anti = 1 - beta D - beta Q2        (s-1 directions changing their balance)
//
// with D = E[sech^2(beta m S)] and Q2 = E[z_1 z_2 tanh^2(beta m S)] (the
// off-diagonal -beta E[z_mu z_nu sech^2] equals beta Q2 since
// E[z_mu z_nu] = 0; a pattern outside the mixture is independent of the
// field, so its rows are diagonal).
func mixtureEigen(s int, T float64) (sym, anti, out float64) {
	beta := 1 / T
	m := MixtureOverlap(s, T)
	_, D, _, Q2 := mixtureSums(s, beta, m)
	out = 1 - beta*D
	return out + float64(s-1)*beta*Q2, out - beta*Q2, out
}

// mixtureMinEigen is the smallest eigenvalue of mixtureEigen.
func mixtureMinEigen(s int, T float64) float64 {
	sym, anti, out := mixtureEigen(s, T)
	return math.Min(sym, math.Min(anti, out))
}

// MixtureStabilityTemperature returns the temperature T_s below which the
// symmetric s-mixture state of [MixtureOverlap] is a local minimum of the
// alpha = 0 free energy, i.e. all eigenvalues of its Hessian (see the
// package documentation, section 10) are positive. For s = 1 (the pure
// retrieval state) it is 1. For odd s >= 3 the stable range is
// 0 <= T < T_s, with T_3 = 0.45979 (AGS 1985: 3-mixtures are stable below
// T ≈ 0.46, printed as 0.461), and T_s decreasing slowly in s: T_5 = 0.3847,
// T_7 = 0.3439, T_9 = 0.3166, T_21 = 0.2389. The eigenvalue that changes
// sign is the one of the s-1 directions that unbalance the mixture (for
// s = 3 it reduces to 1 - beta sech^2(beta m), with
// m = (tanh 3 beta m + tanh beta m)/4). Even mixtures are unstable at every temperature (at low T the
// field vanishes on the sign vectors with S = 0, making the outside
// eigenvalue -infinity), and 0 is returned. s < 1 gives NaN.
//
// T_s is the root of the smallest eigenvalue, found by bisection between
// T = m_s(0)/40, where beta m |S| >= 40 and the eigenvalues equal 1 to
// rounding, and T = 0.999, where they are negative (the tests check that
// there is a single sign change on a fine grid).
func MixtureStabilityTemperature(s int) float64 {
	switch {
	case s < 1:
		return math.NaN()
	case s == 1:
		return 1
	case s%2 == 0:
		return 0
	}
	lo := mixtureOverlapZero(s) / 40
	return bisect(func(T float64) float64 { return mixtureMinEigen(s, T) }, lo, 0.999)
}
