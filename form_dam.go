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
	// expTable[d] = exp(-beta d) for the exponential energies: the weights
	// w_mu = exp(beta (m_mu - M)) come from the integer M - m_mu, never
	// from products that would drift.
	expTable []float64
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
		d.expTable = expTable(n, f.Beta)
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

// expTable returns exp(-beta d) for d = 0 .. 2N, cut where it underflows
// to zero.
func expTable(n int, beta float64) []float64 {
	t := make([]float64, min(2*n+1, int(750/beta)+2))
	for d := range t {
		t[d] = math.Exp(-beta * float64(d))
	}
	return t
}

func (d *dam) weight(gap int64) float64 {
	if gap >= int64(len(d.expTable)) {
		return 0
	}
	return d.expTable[gap]
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
// when exact; for the exponential ones x holds the weights w_mu =
// exp(beta (m_mu - M)), top is M and u = sum w.
type damOverlaps struct {
	m    []int64
	x, y []float64
	k    float64
	top  int64
	u    float64
}

func (d *dam) newOverlaps(s []int8) *damOverlaps {
	o := &damOverlaps{m: make([]int64, d.p), x: make([]float64, d.p)}
	if d.expTable == nil && !d.exact {
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
		for mu, m := range o.m {
			o.x[mu] = d.weight(top - m)
			u += o.x[mu]
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
		plus, minus := splitSums(row, o.x, o.x)
		return d.expField(si, plus, minus, o)
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

// expField returns h_i for the exponential energies from the sums of the
// weights over the patterns with xi_i = +1 (plus) and -1 (minus). With
// k1 = 1 - exp(-2 beta) and k2 = exp(2 beta) - 1, dE = exp(beta M) dhat,
//
//	dhat = k1 plus - k2 minus  (s_i = +1),   k2 plus - k1 minus  (s_i = -1),
//	dhat = 2 sinh(beta) (plus - minus)  (s_i unknown).
//
// Exp and LSE read the same dhat, so they flip the same neurons; LSE takes
// the logarithm of the energies' ratio instead of their difference.
func (d *dam) expField(si int8, plus, minus float64, o *damOverlaps) float64 {
	beta := d.f.Beta
	k1, k2 := -math.Expm1(-2*beta), math.Expm1(2*beta)
	var dhat float64
	switch si {
	case 1:
		dhat = k1*plus - k2*minus
	case -1:
		dhat = k2*plus - k1*minus
	default:
		dhat = 2 * math.Sinh(beta) * (plus - minus)
	}
	if dhat == 0 {
		return 0
	}
	if d.f.Kind == Exp {
		// exp(beta M) dhat / 2 without forming exp(beta M), which
		// overflows for beta M > 709: the sign survives, the size
		// saturates at +-Inf.
		return math.Copysign(math.Exp(beta*float64(o.top)+math.Log(math.Abs(dhat)/2)), dhat)
	}
	if si == 0 {
		// dE = log(A/B)/beta with A, B = U cosh(beta) +- (plus - minus) sinh(beta).
		v, ch, sh := plus-minus, math.Cosh(beta), math.Sinh(beta)
		return math.Log1p(2*v*sh/(o.u*ch-v*sh)) / (2 * beta)
	}
	// The state's own sum of exponentials is U: with s_i = +1 it is A
	// and B = A - dE, with s_i = -1 it is B and A = B + dE.
	s := float64(si)
	return -s * math.Log1p(-s*dhat/o.u) / (2 * beta)
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
	o := &damOverlaps{m: m, x: make([]float64, d.p)}
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
	dl := int64(delta)
	for mu, v := range t.d.neuron(j) {
		t.o.m[mu] += dl * int64(v)
	}
	t.d.refresh(t.o)
}
