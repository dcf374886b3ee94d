package theory

import "math"

// This file evaluates the symmetric binomial law Binomial(n, 1/2) to nearly
// full double precision for n up to exactBinomLimit, by
//
//   - Loader's saddle-point expansion for a single probability mass
//     (C. Loader, "Fast and accurate computation of binomial probabilities",
//     2000; the algorithm behind R's dbinom). It writes log P(B = k) as a sum
//     of small, separately accurate terms (Stirling remainders and the
//     deviance bd0), so unlike lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1) it
//     does not lose digits to cancellation when n is large;
//   - a tail sum that starts at the mode-side end of the shorter tail and
//     walks outwards with the ratio P(k-1)/P(k) = k/(n-k+1), re-anchored on
//     Loader's value every anchorEvery terms and compensated (Kahan).

const (
	// exactBinomLimit is the largest n for which binomCDFHalf sums the tail
	// exactly. The sum needs O(sqrt(n)) terms near the centre (about
	// 9 sqrt(n) for 1e-17 relative truncation), i.e. about 1e7 terms and a
	// few tens of milliseconds at the limit. Beyond it the normal
	// approximation with continuity correction is used; for p = 1/2 its
	// absolute error is O(1/n) (the O(1/sqrt n) Edgeworth term vanishes by
	// symmetry), i.e. below 1e-12 there.
	exactBinomLimit = 1e12
	anchorEvery     = 4096
)

// stirlerrTable holds stirlerr(n) = ln n! - ln(sqrt(2 pi n) (n/e)^n) for
// n = 0..15 (n = 0 is a placeholder; it is never used). Values from Loader
// (2000) / R's nmath/stirlerr.c.
var stirlerrTable = [16]float64{
	0.0,
	0.0810614667953272582196702,
	0.0413406959554092940938221,
	0.02767792568499833914878929,
	0.02079067210376509311152277,
	0.01664469118982119216319487,
	0.01387612882307074799874573,
	0.01189670994589177009505572,
	0.010411265261972096497478567,
	0.009255462182712732917728637,
	0.008330563433362871256469318,
	0.007573675487951840794972024,
	0.006942840107209529865664152,
	0.006408994188004207068439631,
	0.005951370112758847735624416,
	0.005554733551962801371038690,
}

// stirlerr returns ln n! - ln(sqrt(2 pi n) (n/e)^n) for integer n >= 1.
func stirlerr(n float64) float64 {
	const (
		s0 = 1.0 / 12
		s1 = 1.0 / 360
		s2 = 1.0 / 1260
		s3 = 1.0 / 1680
		s4 = 1.0 / 1188
	)
	if n <= 15 {
		return stirlerrTable[int(n)]
	}
	nn := n * n
	switch {
	case n > 500:
		return (s0 - s1/nn) / n
	case n > 80:
		return (s0 - (s1-s2/nn)/nn) / n
	case n > 35:
		return (s0 - (s1-(s2-s3/nn)/nn)/nn) / n
	}
	return (s0 - (s1-(s2-(s3-s4/nn)/nn)/nn)/nn) / n
}

// bd0 returns the deviance x ln(x/np) + np - x, by a series without
// cancellation when x is close to np.
func bd0(x, np float64) float64 {
	if math.Abs(x-np) < 0.1*(x+np) {
		v := (x - np) / (x + np)
		s := (x - np) * v
		ej := 2 * x * v
		v *= v
		for j := 1; j < 1000; j++ {
			ej *= v
			s1 := s + ej/float64(2*j+1)
			if s1 == s {
				return s1
			}
			s = s1
		}
		return s
	}
	// x - np is exact for the integer x and half-integer np used here, so
	// log1p keeps the logarithm's error relative to |x - np| / np.
	d := x - np
	if d < np {
		return x*math.Log1p(d/np) - d
	}
	return x*math.Log(x/np) - d
}

// binomPMFHalf returns P(B = k) for B ~ Binomial(n, 1/2). Its relative
// error is at most about 8 eps (1 + |ln P(B = k)|), eps = 2^-52 (measured
// against exact rationals for n <= 10^4; the bound reflects exp's
// amplification of the absolute error of the logarithm).
func binomPMFHalf(n, k float64) float64 {
	if k < 0 || k > n {
		return 0
	}
	if k == 0 || k == n {
		return math.Exp2(-n)
	}
	k = math.Min(k, n-k) // the same rounding for k and n-k: exact symmetry
	lc := stirlerr(n) - stirlerr(k) - stirlerr(n-k) - bd0(k, n/2) - bd0(n-k, n/2)
	lf := math.Log(2*math.Pi) + math.Log(k) + math.Log1p(-k/n)
	return math.Exp(lc - 0.5*lf)
}

// binomCDFHalf returns P(B <= k) for B ~ Binomial(n, 1/2); see the file
// comment. limit is the largest n summed exactly (exactBinomLimit outside
// tests).
func binomCDFHalf(n, k, limit float64) float64 {
	switch {
	case k < 0:
		return 0
	case k >= n:
		return 1
	}
	if n > limit {
		return 0.5 * math.Erfc(-(k+0.5-n/2)/math.Sqrt(n/2))
	}
	// Sum the shorter tail; P(B <= k) = 1 - P(B <= n-k-1) by symmetry.
	if 2*k+1 > n {
		return 1 - lowerTailHalf(n, n-k-1)
	}
	return lowerTailHalf(n, k)
}

// lowerTailHalf returns P(B <= k) for B ~ Binomial(n, 1/2) and k < n/2,
// summing from k down towards 0.
func lowerTailHalf(n, k float64) float64 {
	if k < 0 {
		return 0
	}
	t := binomPMFHalf(n, k)
	sum, comp := 0.0, 0.0
	j := k
	for step := 0; ; step++ {
		if step > 0 && step%anchorEvery == 0 {
			t = binomPMFHalf(n, j)
		}
		// Kahan-compensated sum += t.
		y := t - comp
		s := sum + y
		comp = (s - sum) - y
		sum = s
		if j == 0 {
			break
		}
		// Ratios shrink as j falls, so the terms not yet added sum to at
		// most t r/(1-r).
		r := j / (n - j + 1)
		t *= r
		j--
		if t < (1-r)*sum*1e-17 {
			break
		}
	}
	return sum
}
