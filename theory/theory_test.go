package theory

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// relErr returns |got-want|/|want| (|got-want| when want is 0).
func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

func TestAGSCritical(t *testing.T) {
	// Published values: alpha_c = 0.138 (Amit, Gutfreund & Sompolinsky 1987;
	// Hertz, Krogh & Palmer 1991), quoted to four places as 0.1379, and
	// m(alpha_c) = 0.967. The tolerances are half a unit in the last quoted
	// digit, rounded up to 1e-4 and 1e-3 as the task states them.
	if got := AGSCriticalLoad(); math.Abs(got-0.1379) > 1e-4 {
		t.Errorf("AGSCriticalLoad() = %.6f, want 0.1379 ± 1e-4", got)
	}
	if got := AGSCriticalOverlap(); math.Abs(got-0.967) > 1e-3 {
		t.Errorf("AGSCriticalOverlap() = %.6f, want 0.967 ± 1e-3", got)
	}
	m, ok := AGSRetrieval(AGSCriticalLoad())
	if !ok || m != AGSCriticalOverlap() {
		t.Errorf("AGSRetrieval(alpha_c) = %v, %v; want %v, true", m, ok, AGSCriticalOverlap())
	}
}

func TestAGSBracket(t *testing.T) {
	// The critical point is found by bisection on [0.5, 3]: that bracket must
	// hold a sign change, and it must be the only one on (0, 10]. Beyond 10,
	// erf(y) = 1 and exp(-y^2) (y + 2 y^3) < 1e-40, so there is none.
	if !(agsGPrimeNum(0.5) < 0 && agsGPrimeNum(3) > 0) {
		t.Fatalf("no sign change on [0.5, 3]: %v, %v", agsGPrimeNum(0.5), agsGPrimeNum(3))
	}
	changes := 0
	prev := agsGPrimeNum(0.01)
	for y := 0.01; y <= 10; y += 0.001 {
		cur := agsGPrimeNum(y)
		if (cur > 0) != (prev > 0) {
			changes++
		}
		prev = cur
	}
	if changes != 1 {
		t.Errorf("G' changes sign %d times on (0, 10], want 1", changes)
	}
	// alpha_c is the maximum of G^2/2 over y: no grid point may beat it.
	ac := AGSCriticalLoad()
	for y := 0.01; y <= 10; y += 0.001 {
		if g := agsG(y); g*g/2 > ac*(1+1e-15) {
			t.Fatalf("G(%v)^2/2 = %v > alpha_c = %v", y, g*g/2, ac)
		}
	}
}

func TestAGSRetrieval(t *testing.T) {
	ac := AGSCriticalLoad()
	tests := []struct {
		alpha  float64
		wantOK bool
	}{
		{0.001, true}, {0.05, true}, {0.1, true}, {0.13, true},
		{0.1379, true}, {math.Nextafter(ac, 0), true},
		{math.Nextafter(ac, 1), false}, {0.138, false}, {0.2, false}, {5, false},
	}
	for _, tc := range tests {
		t.Run(strconv.FormatFloat(tc.alpha, 'g', -1, 64), func(t *testing.T) {
			m, ok := AGSRetrieval(tc.alpha)
			if ok != tc.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tc.wantOK)
			}
			if !ok {
				if m != 0 {
					t.Errorf("m = %v past alpha_c, want 0", m)
				}
				return
			}
			// The returned y solves the equation to rounding: both sides are
			// O(1) and are evaluated with a few ulps of error each.
			y, _ := agsRetrievalY(tc.alpha)
			lhs := math.Erf(y)
			rhs := y * (math.Sqrt(2*tc.alpha) + twoOverSqrtPi*math.Exp(-y*y))
			if math.Abs(lhs-rhs) > 1e-13 {
				t.Errorf("erf(y) - rhs = %g at y = %v", lhs-rhs, y)
			}
			if m < AGSCriticalOverlap() || m > 1 {
				t.Errorf("m = %v outside [m(alpha_c), 1]", m)
			}
		})
	}
	for _, a := range []float64{-1e-9, -1, math.NaN()} {
		if m, ok := AGSRetrieval(a); ok || !math.IsNaN(m) {
			t.Errorf("AGSRetrieval(%v) = %v, %v; want NaN, false", a, m, ok)
		}
	}
	if m, ok := AGSRetrieval(0); !ok || m != 1 {
		t.Errorf("AGSRetrieval(0) = %v, %v; want 1, true", m, ok)
	}
}

func TestAGSContinuity(t *testing.T) {
	// m(alpha) is decreasing and continuous on [0, alpha_c]; near alpha_c it
	// has a square-root singularity, m ≈ m_c + c sqrt(alpha_c - alpha), so
	// the largest step on a uniform grid of spacing h scales like sqrt(h).
	// Refining the grid 16 times must therefore cut the largest step about
	// 4 times; we require 3 (a jump would not shrink at all).
	ac := AGSCriticalLoad()
	maxStep := func(n int) float64 {
		worst := 0.0
		prev, _ := AGSRetrieval(0)
		for i := 1; i <= n; i++ {
			m, ok := AGSRetrieval(ac * float64(i) / float64(n))
			if !ok {
				t.Fatalf("no retrieval at alpha = %v <= alpha_c", ac*float64(i)/float64(n))
			}
			if m > prev {
				t.Fatalf("m increases at alpha = %v", ac*float64(i)/float64(n))
			}
			worst = math.Max(worst, prev-m)
			prev = m
		}
		return worst
	}
	coarse, fine := maxStep(500), maxStep(8000)
	if !(fine < coarse/3) {
		t.Errorf("largest step %g (h = alpha_c/500) vs %g (h/16): not continuous", coarse, fine)
	}
	if coarse > 0.01 {
		t.Errorf("largest step on a 500-point grid = %g, want < 0.01", coarse)
	}
}

func TestAGSSmallLoad(t *testing.T) {
	// m -> 1 as alpha -> 0: 1 - m = erfc(y) with y ≈ 1/sqrt(2 alpha), so
	// 1 - m ≈ exp(-1/(2 alpha)); it must shrink monotonically and be below
	// 1e-15 (erfc(7) ≈ 4e-23) at alpha = 0.01.
	prev := 1.0
	for _, a := range []float64{0.13, 0.1, 0.07, 0.05, 0.03, 0.02, 0.01, 1e-3, 1e-6, 1e-300} {
		m, ok := AGSRetrieval(a)
		if !ok {
			t.Fatalf("no retrieval at %v", a)
		}
		if 1-m > prev {
			t.Errorf("1-m(%v) = %g > 1-m at larger load %g", a, 1-m, prev)
		}
		prev = 1 - m
	}
	if m, _ := AGSRetrieval(0.01); 1-m > 1e-15 {
		t.Errorf("1-m(0.01) = %g, want < 1e-15", 1-m)
	}
}

func TestAGSRetrievalCurve(t *testing.T) {
	alphas := []float64{0, 0.05, 0.1379, 0.1380, 0.5, -1}
	ms := AGSRetrievalCurve(alphas)
	if len(ms) != len(alphas) {
		t.Fatalf("len = %d, want %d", len(ms), len(alphas))
	}
	for i, a := range alphas[:5] {
		if m, _ := AGSRetrieval(a); ms[i] != m {
			t.Errorf("curve[%d] = %v, want %v", i, ms[i], m)
		}
	}
	if ms[3] != 0 || ms[4] != 0 || !math.IsNaN(ms[5]) {
		t.Errorf("curve past alpha_c / invalid = %v, %v, %v; want 0, 0, NaN", ms[3], ms[4], ms[5])
	}
}

func TestOneStepErrorLargeNTable(t *testing.T) {
	// Hertz, Krogh & Palmer (1991), Table 2.1: the load P_max/N at which the
	// one-step error probability is P_error. P_error is the chosen (exact)
	// column; P/N is computed and printed to 3 or 2 significant digits, so the
	// table's precision is half a unit in P/N's last digit, h. Both
	// directions are checked at that precision: the inverse must round to
	// the printed P/N, and P_error must lie between the law's values at
	// P/N - h and P/N + h.
	tests := []struct {
		perr, alpha, h float64
	}{
		{0.001, 0.105, 0.0005},
		{0.0036, 0.138, 0.0005},
		{0.01, 0.185, 0.0005},
		{0.05, 0.37, 0.005},
		{0.1, 0.61, 0.005},
	}
	for _, tc := range tests {
		t.Run(strconv.FormatFloat(tc.perr, 'g', -1, 64), func(t *testing.T) {
			if got := OneStepErrorLargeNInv(tc.perr); math.Abs(got-tc.alpha) > tc.h {
				t.Errorf("OneStepErrorLargeNInv(%v) = %.5f, want %v ± %v", tc.perr, got, tc.alpha, tc.h)
			}
			lo, hi := OneStepErrorLargeN(tc.alpha-tc.h), OneStepErrorLargeN(tc.alpha+tc.h)
			if got := OneStepErrorLargeN(tc.alpha); !(lo <= tc.perr && tc.perr <= hi) {
				t.Errorf("OneStepErrorLargeN(%v) = %.5f; %v not in [%.5f, %.5f]", tc.alpha, got, tc.perr, lo, hi)
			}
		})
	}
}

func TestOneStepErrorLargeNInverse(t *testing.T) {
	// Round trip; erfc and erfcinv are accurate to a few ulps, amplified by
	// the condition number of the inverse (at most ~50 here), hence 1e-12.
	for _, a := range []float64{0.01, 0.05, 0.1, 0.138, 0.5, 1, 10, 100} {
		if got := OneStepErrorLargeNInv(OneStepErrorLargeN(a)); relErr(got, a) > 1e-12 {
			t.Errorf("inverse(law(%v)) = %v", a, got)
		}
	}
	if OneStepErrorLargeN(0) != 0 || OneStepErrorLargeNInv(0) != 0 || !math.IsInf(OneStepErrorLargeNInv(0.5), 1) {
		t.Error("wrong end points")
	}
	for _, v := range []float64{OneStepErrorLargeN(-1), OneStepErrorLargeNInv(-0.1), OneStepErrorLargeNInv(0.6), OneStepErrorLargeNInv(math.NaN())} {
		if !math.IsNaN(v) {
			t.Errorf("invalid argument gave %v, want NaN", v)
		}
	}
}

var ties = []Tie{TieKeep, TiePlus, TieMinus}

// bruteNetwork enumerates every set of P patterns of N bits and counts, for
// bit 0 of pattern 0, how often one update of neuron 0 with Hebbian weights
// (zero diagonal) changes it. No independence argument is used.
func bruteNetwork(N, P int, tie Tie) float64 {
	nb := N * P
	flips := 0
	for mask := 0; mask < 1<<nb; mask++ {
		xi := func(mu, i int) int { return 2*(mask>>(mu*N+i)&1) - 1 }
		h := 0
		for j := 1; j < N; j++ {
			w := 0
			for mu := range P {
				w += xi(mu, 0) * xi(mu, j)
			}
			h += w * xi(0, j)
		}
		s := xi(0, 0)
		switch {
		case h > 0:
			s = 1
		case h < 0:
			s = -1
		case tie == TiePlus:
			s = 1
		case tie == TieMinus:
			s = -1
		}
		if s != xi(0, 0) {
			flips++
		}
	}
	return float64(flips) / float64(uint64(1)<<nb)
}

// bruteTerms enumerates every sign pattern of the n = (P-1)(N-1) crosstalk
// terms: C = 2 (number of +1) - n; flip if C < -(N-1), and half a flip on a
// tie for TiePlus/TieMinus.
func bruteTerms(N, P int, tie Tie) float64 {
	n := (P - 1) * (N - 1)
	var below, at uint64
	for mask := uint64(0); mask < 1<<n; mask++ {
		c := 2*bits.OnesCount64(mask) - n
		switch {
		case c < -(N - 1):
			below++
		case c == -(N - 1):
			at++
		}
	}
	p := float64(below)
	if tie != TieKeep {
		p += float64(at) / 2
	}
	return p / float64(uint64(1)<<n)
}

func TestOneStepErrorExactBrute(t *testing.T) {
	// Both brute forces are exact rationals with denominators 2^k, k <= 24,
	// so they are exact in float64; OneStepErrorExact sums at most 25
	// saddle-point probabilities, each good to ~1e-15 relative: 1e-13.
	for N := 5; N <= 9; N++ {
		for P := 2; P <= 4; P++ {
			for _, tie := range ties {
				t.Run("terms/N="+strconv.Itoa(N)+"/P="+strconv.Itoa(P)+"/"+tie.String(), func(t *testing.T) {
					want, got := bruteTerms(N, P, tie), OneStepErrorExact(N, P, tie)
					if relErr(got, want) > 1e-13 {
						t.Errorf("got %.17g, want %.17g", got, want)
					}
				})
			}
		}
	}
	for N := 1; N <= 10; N++ {
		for P := 1; N*P <= 20; P++ {
			for _, tie := range ties {
				t.Run("network/N="+strconv.Itoa(N)+"/P="+strconv.Itoa(P)+"/"+tie.String(), func(t *testing.T) {
					want, got := bruteNetwork(N, P, tie), OneStepErrorExact(N, P, tie)
					if relErr(got, want) > 1e-13 {
						t.Errorf("got %.17g, want %.17g", got, want)
					}
				})
			}
		}
	}
}

func TestOneStepErrorExactEdges(t *testing.T) {
	tests := []struct {
		N, P int
		tie  Tie
		want float64
	}{
		{1, 1, TieKeep, 0}, {1, 1, TiePlus, 0.5}, {1, 5, TieMinus, 0.5}, // N = 1: the field is always 0
		{100, 1, TiePlus, 0}, {101, 1, TiePlus, 0}, // one pattern: no crosstalk
		{11, 2, TiePlus, 0.5 * math.Exp2(-10)}, {11, 2, TieKeep, 0}, // P = 2: flip only on the all-(-1) tie
	}
	for _, tc := range tests {
		if got := OneStepErrorExact(tc.N, tc.P, tc.tie); relErr(got, tc.want) > 1e-15 {
			t.Errorf("OneStepErrorExact(%d, %d, %v) = %v, want %v", tc.N, tc.P, tc.tie, got, tc.want)
		}
	}
	for _, v := range []float64{OneStepErrorExact(0, 3, TieKeep), OneStepErrorExact(3, 0, TieKeep), OneStepErrorExact(3, 3, Tie(7))} {
		if !math.IsNaN(v) {
			t.Errorf("invalid argument gave %v, want NaN", v)
		}
	}
	if OneStepErrorExact(9, 3, TiePlus) != OneStepErrorExact(9, 3, TieMinus) {
		t.Error("TiePlus and TieMinus differ")
	}
}

func TestOneStepErrorExactLargeN(t *testing.T) {
	// The exact law is Phi(-sqrt((N-1)/(P-1))) + O(1/sqrt(N)) corrections;
	// at N = 10000 the 10 % tolerance of the task is generous (the relative
	// gap is 0.3 %), and it must shrink as N grows.
	prevGap := math.Inf(1)
	for _, N := range []int{10000, 100000, 1000000} {
		P := int(math.Round(0.138 * float64(N)))
		exact := OneStepErrorExact(N, P, TieKeep)
		large := OneStepErrorLargeN(float64(P) / float64(N))
		gap := relErr(exact, large)
		if N == 10000 && gap > 0.10 {
			t.Errorf("N = %d: exact %v vs large-N %v (rel %.3g)", N, exact, large, gap)
		}
		if gap >= prevGap {
			t.Errorf("N = %d: gap %.3g did not shrink from %.3g", N, gap, prevGap)
		}
		prevGap = gap
	}
}

func TestBinomCDFHalf(t *testing.T) {
	// Against gonum's regularized incomplete beta, P(B <= k) =
	// I_{1/2}(n-k, k+1), where that is accurate: for n <= 1e5 the two agree
	// to ~1e-10 (Cephes' continued fraction loses accuracy as n grows and
	// fails near the centre for n >= 1e7, which is why it is not used).
	for _, n := range []float64{1, 2, 7, 10, 100, 1000, 10000, 100000} {
		for _, z := range []float64{-8, -3, -1, -0.3, 0, 0.3, 1, 3} {
			k := math.Floor(n/2 + z*math.Sqrt(n)/2)
			if k < 0 || k >= n {
				continue
			}
			got := binomCDFHalf(n, k, exactBinomLimit)
			want := mathext.RegIncBeta(n-k, k+1, 0.5)
			if relErr(got, want) > 1e-9 {
				t.Errorf("n = %v, k = %v: %.17g, RegIncBeta %.17g", n, k, got, want)
			}
		}
	}
	// Against the continuity-corrected normal law at large n, whose error
	// for p = 1/2 is O(1/n) (measured: 7e-9 relative at n = 1e9, z = -3,
	// ten times less at 1e10); allow 1e-7.
	for _, n := range []float64{1e9, 1e10} {
		for _, z := range []float64{-3, -1, 0, 1, 3} {
			k := math.Floor(n/2 + z*math.Sqrt(n)/2)
			got := binomCDFHalf(n, k, exactBinomLimit)
			want := binomCDFHalf(n, k, 0)
			if relErr(got, want) > 1e-7 {
				t.Errorf("n = %v, z = %v: %.17g, normal %.17g", n, z, got, want)
			}
		}
	}
}

func TestBinomPMFHalfExact(t *testing.T) {
	// Against exact rationals C(n, k) / 2^n from math/big. Loader's
	// expansion computes ln P with an absolute error of a few eps times the
	// size of its terms, ~|ln P|; exp turns that into relative error. Over
	// all k for n <= 10^4 the measured worst is 5 eps (1 + |ln P|); allow 8.
	for _, n := range []int64{1, 2, 5, 16, 17, 40, 100, 1000, 3000, 10000} {
		for _, k := range []int64{0, 1, n / 5, n / 3, 3 * n / 8, n/2 - 1, n / 2, n - 1, n} {
			if k < 0 || k > n {
				continue
			}
			num := new(big.Float).SetInt(new(big.Int).Binomial(n, k))
			num.SetMantExp(num, -int(n))
			want, _ := num.Float64()
			tol := 8 * 0x1p-52 * (1 + math.Abs(math.Log(want)))
			if got := binomPMFHalf(float64(n), float64(k)); relErr(got, want) > tol {
				t.Errorf("P(B(%d) = %d) = %.17g, want %.17g", n, k, got, want)
			}
		}
	}
}

func TestStirlerrTable(t *testing.T) {
	// The table against lgamma; lgamma(16) ≈ 27.9 carries ~4e-15 absolute
	// error, hence 1e-13.
	for n := 1; n <= 15; n++ {
		x := float64(n)
		lg, _ := math.Lgamma(x + 1)
		want := lg - (x+0.5)*math.Log(x) + x - 0.5*math.Log(2*math.Pi)
		if d := math.Abs(stirlerr(x) - want); d > 1e-13 {
			t.Errorf("stirlerr(%d) = %v, lgamma gives %v", n, stirlerr(x), want)
		}
	}
}

func TestCapacity(t *testing.T) {
	tests := []struct {
		name string
		f    func(int) float64
		N    int
		want float64
	}{
		{"McElieceAll", McElieceAll, 1000, 1000 / (4 * math.Log(1000))},
		{"McElieceEach", McElieceEach, 1000, 1000 / (2 * math.Log(1000))},
		{"Storkey", StorkeyCapacity, 1000, 1000 / math.Sqrt(2*math.Log(1000))},
		{"PseudoInverse", PseudoInverseCapacity, 1000, 1000},
		{"McElieceAll/e", McElieceAll, 100, 5.428681023790647}, // 100/(4 ln 100)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f(tc.N); relErr(got, tc.want) > 1e-15 {
				t.Errorf("(%d) = %v, want %v", tc.N, got, tc.want)
			}
		})
	}
	for N := 16; N <= 1<<20; N *= 2 {
		a, e, s, p := McElieceAll(N), McElieceEach(N), StorkeyCapacity(N), PseudoInverseCapacity(N)
		if !(a < e && e < s && s < p) {
			t.Errorf("N = %d: bounds out of order %v %v %v %v", N, a, e, s, p)
		}
	}
	for _, v := range []float64{McElieceAll(1), McElieceEach(0), StorkeyCapacity(1), PseudoInverseCapacity(0)} {
		if !math.IsNaN(v) {
			t.Errorf("invalid N gave %v, want NaN", v)
		}
	}
}

func TestGlauberOverlap(t *testing.T) {
	tests := []struct {
		T, want float64
	}{
		{0, 1}, {1, 0}, {1.5, 0}, {1e-3, 1}, // tanh(1000) = 1 in float64
		{0.5, 0.9575040240772688}, // fixed point of tanh(2m), iterated to convergence
	}
	for _, tc := range tests {
		t.Run(strconv.FormatFloat(tc.T, 'g', -1, 64), func(t *testing.T) {
			if got := GlauberOverlap(tc.T); relErr(got, tc.want) > 1e-14 {
				t.Errorf("got %.17g, want %.17g", got, tc.want)
			}
		})
	}
	prev := 1.0
	for T := 0.001; T < 1; T += 0.001 {
		m := GlauberOverlap(T)
		// The task's tolerance 1e-12; tanh is accurate to an ulp, so the
		// residual is at rounding level.
		if r := math.Abs(m - math.Tanh(m/T)); r > 1e-12 {
			t.Errorf("T = %v: m - tanh(m/T) = %g", T, r)
		}
		if !(m > 0 && m <= prev) {
			t.Errorf("T = %v: m = %v not in (0, %v]", T, m, prev)
		}
		prev = m
	}
	// Near T_c, m^2 ≈ 3 (1-T) with relative corrections O(1-T).
	for _, eps := range []float64{1e-4, 1e-6, 1e-9} {
		m := GlauberOverlap(1 - eps)
		if relErr(m*m, 3*eps) > 2*eps+1e-6 {
			t.Errorf("T = 1-%g: m^2 = %g, want ≈ %g", eps, m*m, 3*eps)
		}
	}
	if !math.IsNaN(GlauberOverlap(-0.1)) || !math.IsNaN(GlauberOverlap(math.NaN())) {
		t.Error("invalid T did not give NaN")
	}
	temps := []float64{0, 0.5, 2}
	curve := GlauberOverlapCurve(temps)
	for i, T := range temps {
		if curve[i] != GlauberOverlap(T) {
			t.Errorf("curve[%d] = %v", i, curve[i])
		}
	}
}

func TestCrosstalk(t *testing.T) {
	tests := []struct{ N, nOverlap int }{
		{0, 0}, {1, 0}, {1, 1}, {10, 0}, {10, 3}, {10, 10}, {100, 0}, {100, 37}, {2000, 0}, {5000, 1000},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.N)+"/"+strconv.Itoa(tc.nOverlap), func(t *testing.T) {
			values, probs := CrosstalkPMF(tc.N, tc.nOverlap)
			M := tc.N - tc.nOverlap
			if len(values) != M+1 || len(probs) != M+1 {
				t.Fatalf("lengths %d, %d, want %d", len(values), len(probs), M+1)
			}
			var sum, mean, sq float64
			for k, v := range values {
				if v != tc.nOverlap+2*k-M {
					t.Fatalf("values[%d] = %d, want %d", k, v, tc.nOverlap+2*k-M)
				}
				if probs[k] != probs[M-k] {
					t.Fatalf("not symmetric at k = %d", k)
				}
				sum += probs[k]
				mean += probs[k] * float64(v)
			}
			for k, v := range values {
				d := float64(v) - mean
				sq += probs[k] * d * d
			}
			// Sums of up to 5001 terms each good to a few ulps: 1e-12.
			if math.Abs(sum-1) > 1e-12 {
				t.Errorf("sum = %.17g", sum)
			}
			if d := math.Abs(mean - CrosstalkMean(tc.N, tc.nOverlap)); d > 1e-12*math.Max(1, float64(tc.N)) {
				t.Errorf("mean = %v, want %v", mean, CrosstalkMean(tc.N, tc.nOverlap))
			}
			if want := CrosstalkVariance(tc.N, tc.nOverlap); relErr(sq, want) > 1e-12 {
				t.Errorf("variance = %v, want %v", sq, want)
			}
		})
	}
	for _, bad := range [][2]int{{-1, 0}, {5, -1}, {5, 6}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("CrosstalkPMF(%d, %d) did not panic", bad[0], bad[1])
				}
			}()
			CrosstalkPMF(bad[0], bad[1])
		}()
	}
}

func TestTieString(t *testing.T) {
	for tie, want := range map[Tie]string{TieKeep: "keep", TiePlus: "+1", TieMinus: "-1", Tie(9): "Tie(9)"} {
		if got := tie.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(tie), got, want)
		}
	}
}

func TestOneStepErrorExactNormalBranch(t *testing.T) {
	// Just past the exact-summation limit ((P-1)(N-1) ≈ 1.24e12 > 1e12) the
	// public function uses the normal approximation; the exact sum, forced
	// here, must agree to the O(1/n) error of that approximation (relative
	// ~1e-11 at z ≈ 2.7; allow 1e-9).
	N, P := 3_000_000, 414_000
	got := OneStepErrorExact(N, P, TiePlus)
	want := oneStepExact(float64(N-1), float64(P-1), P%2 == 0 || N%2 == 1, 0.5, math.Inf(1))
	if relErr(got, want) > 1e-9 {
		t.Errorf("normal branch %.17g, exact sum %.17g", got, want)
	}
}
