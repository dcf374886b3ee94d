package hopfield

import (
	"math"
)

// dam is a dense associative memory (Krotov and Hopfield 2016; Demircigil
// et al. 2017) on the packed patterns: E = -sum_mu F(m_mu), m = Xi s. A
// neuron's update compares the energies with it at +1 and at -1,
//
//	dE_i = E(s_i = -1) - E(s_i = +1) = sum_mu xi_i^mu D(r_mu),
//	D(r) = F(r+1) - F(r-1),   r_mu = m_mu - xi_i^mu s_i,
//
// and its field is h_i = dE_i / 2, so that the classic rules' comparisons
// (h against 0, Glauber's 1/(1+exp(-2h/T))) read the same for both.
//
// For s_i = +1, r_mu is m_mu - 1 where xi_i^mu = +1 and m_mu + 1 where it
// is -1, so with a_mu = D(m_mu - 1) and b_mu = D(m_mu + 1)
//
//	dE_i = sum_{xi_i = +1} a - sum_{xi_i = -1} b
//
// (a and b swapped for s_i = -1): O(P) for a field once a and b are known
// from the overlaps, and O(P) to refresh them after a flip, which changes
// every overlap by one. When the polynomial arithmetic is exact the two
// sums are one dot product, dE_i = (s_i K + xi_i . c) / 2 with c = a + b
// and K = sum (a - b).
type dam struct {
	patternSet
	f Energy
	// exact: every D value and partial sum of a field is an integer below
	// 2^53, so float64 arithmetic on them is exact (see damExact).
	exact bool
	// coef holds C(n,k) for odd k, the coefficients of D for x^n.
	coef []float64
	// expTable[k] = exp(-beta (k - 2)) for the exponential energies: the
	// weights exp(beta (m_mu - M)) and exp(beta (m_mu - M + 2)) come from
	// the integer gap M - m_mu, never from products that would drift or
	// underflow.
	expTable []float64
	// The constants of expField: kr = (1 - exp(-2 beta)) / (2 beta),
	// shr = sinh(beta) / beta, em2 = exp(-2 beta), ep = exp(beta),
	// em = exp(-beta) and log(beta).
	kr, shr, em2, ep, em, logBeta float64
}

func newDAM(n int, ps [][]int8, f Energy) *dam {
	d := &dam{patternSet: newPatternSet(n, ps), f: f}
	switch f.Kind {
	case Poly, RectPoly:
		d.exact = damExact(n, d.p, f.Power)
		coef := float64(f.Power) // C(n,1)
		for k := 1; k <= f.Power; k += 2 {
			d.coef = append(d.coef, coef)
			coef = coef * float64(f.Power-k) * float64(f.Power-k-1) / (float64(k+1) * float64(k+2))
		}
	default:
		b := f.Beta
		d.expTable = expTable(n, b)
		d.kr, d.shr = -math.Expm1(-2*b)/(2*b), math.Sinh(b)/b
		d.em2, d.ep, d.em, d.logBeta = math.Exp(-2*b), math.Exp(b), math.Exp(-b), logOf(b)
	}
	return d
}

// damExact reports whether a polynomial network's arithmetic is exact in
// float64: |D(r)| <= (N+2)^n - N^n for the |r| <= N+1 that occur, and a
// field sums 2P such terms, so 4 (P+1) max|D| < 2^53 keeps every partial
// sum an exact integer.
func damExact(n, p, power int) bool {
	dmax := math.Pow(float64(n+2), float64(power)) - math.Pow(float64(n), float64(power))
	return 4*float64(p+1)*dmax < 1<<53
}

// expTable returns exp(-beta (k - 2)) for k = 0 .. 2N+2 (gaps 0 .. 2N,
// shifted by 2), cut where it underflows to zero. The cut is compared in
// float64: 750/beta does not fit an int for beta below about 1e-16.
func expTable(n int, beta float64) []float64 {
	size := 2*n + 3
	if c := 750/beta + 4; c < float64(size) {
		size = int(c)
	}
	t := make([]float64, size)
	for k := range t {
		t[k] = math.Exp(-beta * float64(k-2))
	}
	return t
}

// weight returns exp(-beta g) for an integer g >= -2 (a gap M - m_mu, or
// the gap minus 2).
func (d *dam) weight(g int64) float64 {
	if k := g + 2; k < int64(len(d.expTable)) {
		return d.expTable[k]
	}
	return 0
}

// diff returns D(r) = F(r+1) - F(r-1) for the polynomial energies. For
// F = x^n, D(r) = 2 sum_{k odd} C(n,k) r^(n-k): Horner's rule in r^2,
// whose partial sums never exceed the result, times r when n is even.
func (d *dam) diff(r int64) float64 {
	if d.f.Kind == RectPoly && r <= 0 {
		if r == 0 {
			return 1 // F(1) - F(-1)
		}
		return 0
	}
	x := float64(r)
	var sum float64
	for _, c := range d.coef {
		sum = sum*x*x + c
	}
	if d.f.Power%2 == 0 {
		sum *= x
	}
	return 2 * sum
}

// damOverlaps is what fields need from the overlaps m of a state. For the
// polynomial energies x and y hold a and b, or c and nothing with k = K
// when exact; for the exponential ones x holds the weights
// w_mu = exp(beta (m_mu - M)), y holds exp(2 beta) w_mu (from the table,
// so it does not underflow where w does), top is M and u = sum w.
type damOverlaps struct {
	m    []int64
	x, y []float64
	k    float64
	top  int64
	u    float64
}

func (d *dam) newOverlaps(s []int8) *damOverlaps {
	o := &damOverlaps{m: make([]int64, d.p), x: make([]float64, d.p)}
	if !d.exact {
		o.y = make([]float64, d.p)
	}
	d.overlaps(o.m, s)
	d.refresh(o)
	return o
}

// refresh recomputes the rest of o from o.m.
func (d *dam) refresh(o *damOverlaps) {
	switch {
	case d.expTable != nil:
		top := o.m[0]
		for _, m := range o.m {
			top = max(top, m)
		}
		var u float64
		if o.y == nil {
			for mu, m := range o.m {
				o.x[mu] = d.weight(top - m)
				u += o.x[mu]
			}
		} else {
			for mu, m := range o.m {
				o.x[mu], o.y[mu] = d.weight(top-m), d.weight(top-m-2)
				u += o.x[mu]
			}
		}
		o.top, o.u = top, u
	case d.exact:
		var k float64
		for mu, m := range o.m {
			a, b := d.diff(m-1), d.diff(m+1)
			o.x[mu] = a + b
			k += a - b
		}
		o.k = k
	default:
		for mu, m := range o.m {
			o.x[mu], o.y[mu] = d.diff(m-1), d.diff(m+1)
		}
	}
}

// field returns h_i = dE_i / 2 for neuron i with value si.
func (d *dam) field(i int, si int8, o *damOverlaps) float64 {
	row := d.neuron(i)
	switch {
	case d.expTable != nil:
		return d.expField(row, si, o)
	case si == 0:
		var sum float64
		for mu, x := range row {
			sum += float64(x) * d.diff(o.m[mu])
		}
		return sum / 2
	case d.exact:
		return (float64(si)*o.k + dotInt8By(row, o.x)) / 4
	case si > 0:
		plus, minus := splitSums(row, o.x, o.y)
		return (plus - minus) / 2
	}
	plus, minus := splitSums(row, o.y, o.x)
	return (plus - minus) / 2
}

// expField returns h_i for the exponential energies. With the energies
// E(s_i = +1) = -exp(beta M) A and E(s_i = -1) = -exp(beta M) B, and the
// sums P, Q of the weights w over the patterns with xi_i = +1 and -1
// (P', Q' of the weights exp(2 beta) w, read from the table),
//
//	s_i = +1:  A = U,                          B = exp(-2 beta) P + Q'
//	s_i = -1:  A = P' + exp(-2 beta) Q,        B = U
//	s_i = 0:   A = exp(beta) P + exp(-beta) Q, B = exp(-beta) P + exp(beta) Q
//
// sums of positive terms, each sum at least exp(-2 beta) (the top
// pattern's term), so the terms that underflow do not matter. Their difference is A - B = 2 beta D
// with D = kr (P - Q'), kr (P' - Q) and shr (P - Q), kr = (1 - exp(-2 beta))
// / (2 beta) and shr = sinh(beta) / beta: no cancellation in the constants
// for small beta, and no subnormal numbers down to the smallest beta. Exp's
// field is exp(beta M) beta D; LSE's is log(A/B) / (2 beta), taken as
// log1p(2 beta D/B) / (2 beta) or -log1p(-2 beta D/A) / (2 beta), whichever
// argument is positive, so that it never cancels (|h| <= 1) and has D's
// sign: the two make identical decisions.
func (d *dam) expField(row []int8, si int8, o *damOverlaps) float64 {
	var a, b, diff float64
	switch si {
	case 1:
		p, q2 := splitSums(row, o.x, o.y)
		a, b, diff = o.u, d.em2*p+q2, d.kr*(p-q2)
	case -1:
		p2, q := splitSums(row, o.y, o.x)
		a, b, diff = p2+d.em2*q, o.u, d.kr*(p2-q)
	default:
		p, q := splitSums(row, o.x, o.x)
		a, b, diff = d.ep*p+d.em*q, d.em*p+d.ep*q, d.shr*(p-q)
	}
	if diff == 0 {
		return 0
	}
	beta := d.f.Beta
	if d.f.Kind == Exp {
		// exp(beta M) beta D without forming exp(beta M), which overflows
		// for beta M > 709 and underflows below -745: the sign survives,
		// the size saturates at +-Inf or at the smallest nonzero float64.
		h := math.Exp(beta*float64(o.top) + d.logBeta + logOf(math.Abs(diff)))
		if h == 0 {
			h = math.SmallestNonzeroFloat64
		}
		return math.Copysign(h, diff)
	}
	// log1p(x) / (2 beta) = y log1p(x) / x for x = 2 beta y, which keeps
	// y's precision when x is tiny (log1p(x) = x then).
	y := diff / b
	if diff < 0 {
		y = diff / a
	}
	x := 2 * beta * math.Abs(y)
	if x == 0 {
		return y
	}
	return y * (math.Log1p(x) / x)
}

// logOf returns log(x) for x > 0, also for subnormal x, for which math.Log
// on amd64 and s390x returns about log(2^-1023) (golang/go#56600).
func logOf(x float64) float64 {
	if x < 0x1p-1022 {
		return math.Log(x*0x1p64) - 64*math.Ln2
	}
	return math.Log(x)
}

func (d *dam) fields(dst []float64, s []int8) {
	o := d.newOverlaps(s)
	parallelRows(d.n, d.p, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			dst[i] = d.field(i, s[i], o)
		}
	})
}

// energy returns -sum_mu F(m_mu): exact for the polynomial energies while
// the sum is below 2^53; for Exp, -exp(beta M) U, which is -Inf beyond
// float64's range; for LSE, -M - log(U)/beta, always finite.
func (d *dam) energy(s []int8, _ float64, ov *overlapCounter) float64 {
	var m []int64
	if ov != nil && ov.set == &d.patternSet {
		m = ov.m
	} else {
		m = make([]int64, d.p)
		d.overlaps(m, s)
	}
	if d.expTable == nil {
		var sum float64
		for _, v := range m {
			if d.f.Kind == RectPoly && v <= 0 {
				continue
			}
			sum += ipow(float64(v), d.f.Power)
		}
		return -sum
	}
	o := &damOverlaps{m: m, x: make([]float64, d.p)} // no y: U is all it needs
	d.refresh(o)
	beta := d.f.Beta
	if d.f.Kind == Exp {
		return -math.Exp(beta*float64(o.top) + math.Log(o.u))
	}
	return -float64(o.top) - math.Log(o.u)/beta
}

// ipow returns x^n by repeated squaring: exact while the result is an
// integer below 2^53.
func ipow(x float64, n int) float64 {
	r := 1.0
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			r *= x
		}
		x *= x
	}
	return r
}

func (d *dam) bytes() int64 {
	return d.patternSet.bytes() + 8*int64(len(d.expTable))
}

func (d *dam) tracker(s []int8) tracker {
	return &damTracker{d: d, s: s, o: d.newOverlaps(s)}
}

// damTracker keeps the overlaps of a changing state and what the fields
// need from them: O(P) to read a field and O(P) to apply a flip.
type damTracker struct {
	d *dam
	s []int8
	o *damOverlaps
}

func (t *damTracker) field(i int) float64 { return t.d.field(i, t.s[i], t.o) }

func (t *damTracker) flip(j int, delta int8) {
	t.d.addNeuron(t.o.m, j, int64(delta))
	t.d.refresh(t.o)
}
