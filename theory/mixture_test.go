package theory

import (
	"math"
	"strconv"
	"testing"
)

// mixtureFreeEnergy is f(m) = |m|^2/2 - T E[ln 2cosh(beta m . xi)] at
// alpha = 0, the average taken by enumerating all xi in {-1,+1}^len(m).
func mixtureFreeEnergy(m []float64, T float64) float64 {
	p := len(m)
	var sq, lc float64
	for _, v := range m {
		sq += v * v
	}
	for mask := 0; mask < 1<<p; mask++ {
		h := 0.0
		for mu, v := range m {
			h += v * float64(2*(mask>>mu&1)-1)
		}
		a := math.Abs(h / T)
		lc += a + math.Log1p(math.Exp(-2*a)) + math.Ln2
	}
	return sq/2 - T*(lc/float64(int(1)<<p)-math.Ln2)
}

func TestMixtureOverlap(t *testing.T) {
	// T = 0: E|S|/s, i.e. 1/2 for s = 3 (AGS 1985; each pattern agrees with
	// the majority of three on 3/4 of the bits) and 3/8 for s = 5, and for
	// even s the sign(0) = 0 convention: 1/2 for s = 2. Sums of a few
	// dyadic rationals from Loader's pmf: 1e-15.
	tests := []struct {
		s    int
		want float64
	}{{1, 1}, {2, 0.5}, {3, 0.5}, {4, 0.375}, {5, 0.375}, {7, 0.3125}}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.s), func(t *testing.T) {
			if got := MixtureOverlap(tc.s, 0); relErr(got, tc.want) > 1e-15 {
				t.Errorf("MixtureOverlap(%d, 0) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
	// s = 1 is the Curie-Weiss state (two Newton solvers of the same
	// equation, each to rounding).
	for _, T := range []float64{0.1, 0.5, 0.9, 0.999} {
		if got, want := MixtureOverlap(1, T), GlauberOverlap(T); relErr(got, want) > 1e-13 {
			t.Errorf("T = %v: MixtureOverlap(1) = %v, GlauberOverlap %v", T, got, want)
		}
	}
	if MixtureOverlap(3, 1) != 0 || MixtureOverlap(3, 1.5) != 0 {
		t.Error("mixture above T = 1")
	}
	for _, v := range []float64{MixtureOverlap(0, 0.5), MixtureOverlap(3, -0.1), MixtureOverlap(3, math.NaN())} {
		if !math.IsNaN(v) {
			t.Errorf("invalid argument gave %v, want NaN", v)
		}
	}
}

func TestMixtureOverlapResidual(t *testing.T) {
	// The overlap solves m = E[z_1 tanh(beta m S)] with the average taken
	// by enumerating all 2^s sign vectors (no binomial reduction); the
	// residual is at rounding level, 1e-14. For s = 3 it also solves the
	// closed form m = (tanh 3 beta m + tanh beta m)/4.
	for s := 1; s <= 8; s++ {
		for _, T := range []float64{0.05, 0.3, 0.6, 0.95} {
			m := MixtureOverlap(s, T)
			var avg float64
			for mask := 0; mask < 1<<s; mask++ {
				S := 0.0
				for k := range s {
					S += float64(2*(mask>>k&1) - 1)
				}
				avg += float64(2*(mask&1)-1) * math.Tanh(m*S/T)
			}
			avg /= float64(int(1) << s)
			if math.Abs(m-avg) > 1e-14 || !(m > 0) {
				t.Errorf("s = %d, T = %v: m = %v, E[z_1 tanh] = %v", s, T, m, avg)
			}
			if s == 3 {
				if r := m - (math.Tanh(3*m/T)+math.Tanh(m/T))/4; math.Abs(r) > 1e-14 {
					t.Errorf("T = %v: closed-form residual %g", T, r)
				}
			}
		}
	}
}

func TestMixtureEigenvalues(t *testing.T) {
	// The eigenvalues of mixtureEigen against the Hessian of f(m) itself,
	// by central second differences (h = 1e-4: truncation h^2 f''''/12
	// ~ 1e-8 beta^2, rounding eps/h^2 ~ 1e-8) along the eigenvectors:
	// (1,...,1,0) for sym, (1,-1,0,...,0) for anti, (0,...,0,1) for out,
	// with one pattern outside the mixture. Tolerance 1e-6.
	for _, s := range []int{2, 3, 4, 5} {
		for _, T := range []float64{0.3, 0.5, 0.8} {
			t.Run(strconv.Itoa(s)+"/"+strconv.FormatFloat(T, 'g', -1, 64), func(t *testing.T) {
				m := MixtureOverlap(s, T)
				base := make([]float64, s+1)
				for k := range s {
					base[k] = m
				}
				second := func(v []float64) float64 {
					const h = 1e-4
					at := func(sign float64) float64 {
						x := make([]float64, len(base))
						for k := range x {
							x[k] = base[k] + sign*h*v[k]
						}
						return mixtureFreeEnergy(x, T)
					}
					var n2 float64
					for _, c := range v {
						n2 += c * c
					}
					return (at(1) - 2*mixtureFreeEnergy(base, T) + at(-1)) / (h * h * n2)
				}
				sym, anti, out := mixtureEigen(s, T)
				vs := make([]float64, s+1)
				va := make([]float64, s+1)
				vo := make([]float64, s+1)
				for k := range s {
					vs[k] = 1
				}
				va[0], va[1], vo[s] = 1, -1, 1
				for _, c := range []struct {
					name      string
					got, want float64
				}{{"sym", sym, second(vs)}, {"anti", anti, second(va)}, {"out", out, second(vo)}} {
					if math.Abs(c.got-c.want) > 1e-6 {
						t.Errorf("%s = %.9f, numerical Hessian %.9f", c.name, c.got, c.want)
					}
				}
			})
		}
	}
}

func TestMixtureStabilityTemperature(t *testing.T) {
	// AGS (1985): symmetric 3-mixtures are stable below T ≈ 0.46 (printed
	// 0.461); the computed root of 1 = beta sech^2(beta m_3) is 0.45979,
	// within 0.01. For s = 3 that closed form must hold at T_3 (bisection
	// to an ulp; the eigenvalue's slope is O(1)): 1e-12.
	T3 := MixtureStabilityTemperature(3)
	if math.Abs(T3-0.46) > 0.01 {
		t.Errorf("T_3 = %v, want 0.46 ± 0.01", T3)
	}
	m := MixtureOverlap(3, T3)
	if c := math.Cosh(m / T3); math.Abs(1-1/(T3*c*c)) > 1e-12 {
		t.Errorf("1 - beta sech^2(beta m) = %g at T_3", 1-1/(T3*c*c))
	}
	// Larger odd mixtures are stable only at lower temperatures (T_5 =
	// 0.3847 here; the brief's guess of about 0.26 is not borne out, and no
	// published value was found to compare with), and each stable range is
	// exactly [0, T_s): the smallest eigenvalue changes sign once on a
	// grid. Even mixtures are never stable (negative on the whole grid).
	prev := math.Inf(1)
	for s := 1; s <= 9; s++ {
		Ts := MixtureStabilityTemperature(s)
		if s%2 == 0 {
			if Ts != 0 {
				t.Errorf("T_%d = %v, want 0", s, Ts)
			}
		} else {
			if !(Ts < prev) {
				t.Errorf("T_%d = %v not below T_%d = %v", s, Ts, s-2, prev)
			}
			prev = Ts
		}
		for T := 0.02; T < 1; T += 0.02 {
			stable := mixtureMinEigen(s, T) > 0
			if stable != (T < Ts) {
				t.Errorf("s = %d, T = %.2f: stable = %v, T_s = %v", s, T, stable, Ts)
			}
		}
	}
	if MixtureStabilityTemperature(1) != 1 || !math.IsNaN(MixtureStabilityTemperature(0)) {
		t.Error("wrong value for s = 1 or s = 0")
	}
}
