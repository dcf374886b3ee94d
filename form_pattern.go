package hopfield

import (
	"errors"
	"fmt"
	"math/bits"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// factored is the pattern form of a weight matrix, held by its factors:
//
//	W = A Xi - D,   h_i = a_i . M - d_i s_i,   M = Xi s,
//
// where Xi (P x N) is the stored patterns, A (N x P) a matrix of the same
// shape as Xi^T and D diagonal. The Hebbian rule has A = Xi^T, the
// pseudo-inverse A = U = Xi^T C with C = (Xi Xi^T)^-1; D removes the
// self-coupling. The overlaps M are exact integers (popcounts of the packed
// patterns), so a field costs O(P), a synchronous step O(NP), and no N x N
// matrix is ever built.
type factored struct {
	patternSet
	a    factorRows
	diag []float64 // d_i
}

// factorRows is the matrix A of a factored form, row by row.
type factorRows interface {
	dot(i int, m []int64) float64       // a_i . M
	dotReal(i int, x []float64) float64 // a_i . x
	at(i, mu int) float64
	bytes() int64
}

// int8Rows is A = Xi^T, read from the pattern set's own layout.
type int8Rows struct {
	v []int8
	p int
}

func (r int8Rows) dot(i int, m []int64) float64 {
	return float64(dotInt8By(r.v[i*r.p:(i+1)*r.p], m))
}
func (r int8Rows) dotReal(i int, x []float64) float64 {
	var sum float64
	for mu, v := range r.v[i*r.p : (i+1)*r.p] {
		sum += float64(v) * x[mu]
	}
	return sum
}
func (r int8Rows) at(i, mu int) float64 { return float64(r.v[i*r.p+mu]) }
func (r int8Rows) bytes() int64         { return 0 } // the pattern set's own

// floatRows is a real A, N x P row-major.
type floatRows struct {
	v []float64
	p int
}

func (r floatRows) row(i int) []float64 { return r.v[i*r.p : (i+1)*r.p] }
func (r floatRows) dot(i int, m []int64) float64 {
	var sum float64
	for mu, v := range r.row(i) {
		sum += v * float64(m[mu])
	}
	return sum
}
func (r floatRows) dotReal(i int, x []float64) float64 {
	var sum float64
	for mu, v := range r.row(i) {
		sum += v * x[mu]
	}
	return sum
}
func (r floatRows) at(i, mu int) float64 { return r.v[i*r.p+mu] }
func (r floatRows) bytes() int64         { return 8 * int64(len(r.v)) }

func (f *factored) fieldFrom(i int, m []int64, si int8) float64 {
	return f.a.dot(i, m) - f.diag[i]*float64(si)
}

func (f *factored) fields(dst []float64, s []int8) {
	m := make([]int64, f.p)
	f.overlaps(m, s)
	parallelRows(f.n, f.p, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			dst[i] = f.fieldFrom(i, m, s[i])
		}
	})
}

func (f *factored) apply(dst, x []float64) {
	m := make([]float64, f.p)
	f.overlapsReal(m, x)
	for i := range dst {
		dst[i] = f.a.dotReal(i, m) - f.diag[i]*x[i]
	}
}

func (f *factored) at(i, j int) float64 {
	var sum float64
	for mu, v := range f.neuron(j) {
		sum += f.a.at(i, mu) * float64(v)
	}
	if i == j {
		sum -= f.diag[i]
	}
	return sum
}

// blockSums sets out[r][c] to the sum of W_ij over the neurons i of block r
// and j of block c. The sum of a_i . xi_j factors into block sums of A and
// of Xi^T, so it costs O(NP + b^2 P), not O(N^2).
func (f *factored) blockSums(out [][]float64, start []int) {
	nb, p := len(out), f.p
	sa := make([]float64, nb*p)
	sx := make([]float64, nb*p)
	for k := range nb {
		for i := start[k]; i < start[k+1]; i++ {
			for mu, v := range f.neuron(i) {
				sa[k*p+mu] += f.a.at(i, mu)
				sx[k*p+mu] += float64(v)
			}
		}
	}
	for r := range nb {
		for c := range nb {
			var sum float64
			for mu := range p {
				sum += sa[r*p+mu] * sx[c*p+mu]
			}
			out[r][c] = sum
		}
		// Only diagonal blocks contain self-couplings.
		for i := start[r]; i < start[r+1]; i++ {
			out[r][r] -= f.diag[i]
		}
	}
}

func (f *factored) tracker(s []int8) tracker {
	t := &overlapTracker{s: s, m: make([]int64, f.p), set: &f.patternSet}
	f.overlaps(t.m, s)
	t.fieldOf = func(i int) float64 { return f.fieldFrom(i, t.m, t.s[i]) }
	return t
}

func (f *factored) bytes() int64 {
	return f.patternSet.bytes() + f.a.bytes() + 8*int64(f.n)
}

// overlapTracker keeps M = Xi s exact in integers while s changes one neuron
// at a time: O(P) for a flip, and fieldOf reads a field from M in O(P).
type overlapTracker struct {
	s       []int8
	m       []int64
	set     *patternSet
	fieldOf func(i int) float64
}

func (t *overlapTracker) field(i int) float64    { return t.fieldOf(i) }
func (t *overlapTracker) flip(j int, delta int8) { t.set.addNeuron(t.m, j, int64(delta)) }

// hebbPattern is the Hebbian rule in pattern form, A = Xi^T and
// d_i = sum_mu (xi_i^mu)^2: all in integers, so it gives the same fields as
// the dense matrix bit for bit.
//
// A synchronous step reads the sum over mu from tables (the "four Russians"
// method): the patterns are cut into groups of 8, neuron i keeps one byte per
// group (its 8 pattern bits, in codes), and for each group a 256-entry table
// holds sum_{mu in the byte} M_mu for every byte value. A field then costs
// ceil(P/8) lookups instead of P multiply-adds.
type hebbPattern struct {
	factored
	groups int     // ceil(P/8)
	codes  []uint8 // N x groups: bit k of codes[i*groups+g] is the bit of pattern 8g+k at neuron i
	once   sync.Once
	xf     []float32 // xiT as float32 for asynchronous runs; see xiT32
}

func newHebbPattern(n int, ps [][]int8) *hebbPattern {
	h := &hebbPattern{factored: factored{patternSet: newPatternSet(n, ps), diag: make([]float64, n)}}
	h.a = int8Rows{h.xiT, h.p}
	h.groups = (h.p + 7) / 8
	h.codes = make([]uint8, n*h.groups)
	parallelRows(n, h.p, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			code := h.codes[i*h.groups : (i+1)*h.groups]
			row := h.neuron(i)
			for g := range code {
				code[g] = plusByte(row[8*g : min(8*g+8, h.p)])
			}
			// d_i = sum_mu (xi_i^mu)^2: P for +-1 patterns, the number of
			// ones for 0/1 patterns.
			h.diag[i] = float64(h.p)
			if h.zeroOne {
				ones := 0
				for _, c := range code {
					ones += bits.OnesCount8(c)
				}
				h.diag[i] = float64(ones)
			}
		}
	})
	return h
}

// sumTables returns the groups x 256 tables of sums of overlaps:
// entry [g][c] = sum over the set bits k of c of M_{8g+k}.
func (h *hebbPattern) sumTables(m []int64) []int64 {
	tab := make([]int64, h.groups*256)
	for g := range h.groups {
		t := tab[g*256 : (g+1)*256]
		for c := 1; c < 256; c++ {
			// t[c] extends t[c without its lowest bit] by that bit's pattern.
			mu := 8*g + bits.TrailingZeros(uint(c))
			var add int64
			if mu < h.p {
				add = m[mu]
			}
			t[c] = t[c&(c-1)] + add
		}
	}
	return tab
}

func (h *hebbPattern) fields(dst []float64, s []int8) {
	m := make([]int64, h.p)
	h.overlaps(m, s)
	tab := h.sumTables(m)
	var sumM int64
	for _, v := range m {
		sumM += v
	}
	parallelRows(h.n, h.groups+4, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			// t = sum over the patterns with xi_i = +1 (bit set) of M_mu.
			var t int64
			for g, c := range h.codes[i*h.groups : (i+1)*h.groups] {
				t += tab[g*256+int(c)]
			}
			if !h.zeroOne {
				t = 2*t - sumM // sum_mu (2b-1) M_mu
			}
			dst[i] = float64(t - int64(h.diag[i])*int64(s[i]))
		}
	})
}

// energy is -1/2 scale s^T W s with s^T W s = sum_mu M_mu^2 - sum_i d_i s_i^2,
// all from one pass over the bits (O(NP/64)), or in O(P) from the overlaps
// a run keeps.
func (h *hebbPattern) energy(s []int8, scale float64, ov *overlapCounter) float64 {
	return hebbEnergy(&h.patternSet, s, scale, ov)
}

func (h *hebbPattern) bytes() int64 {
	return h.factored.bytes() + mulBytes(int64(h.n), int64(h.groups))
}

func (h *hebbPattern) tracker(s []int8) tracker {
	if exactInFloat32(h.n, h.p) {
		return newHebbTracker32(h, s)
	}
	return h.factored.tracker(s)
}

// xiT32 returns xiT as float32, built on the first asynchronous run. Only
// networks with N P < 2^24 have it, so it takes at most 64 MiB.
func (h *hebbPattern) xiT32() []float32 {
	h.once.Do(func() { h.xf = toFloats(make([]float32, len(h.xiT)), h.xiT) })
	return h.xf
}

// hebbTracker32 is the fast path of asynchronous dynamics in the Hebbian
// pattern form: the overlaps M and the rows xi_i are float32, so that a
// field xi_i . M and a flip M += delta xi_j are BLAS calls (Sdot, Saxpy)
// several times faster than int8 loops for P >= 8. With N P < 2^24 every
// partial sum is an integer below 2^24, so float32 arithmetic is exact and
// the fields equal the int8 path's bit for bit.
type hebbTracker32 struct {
	h  *hebbPattern
	s  []int8
	m  []float32
	xf []float32
}

func newHebbTracker32(h *hebbPattern, s []int8) *hebbTracker32 {
	m := make([]int64, h.p)
	h.overlaps(m, s)
	return &hebbTracker32{h: h, s: s, m: toFloats(make([]float32, h.p), m), xf: h.xiT32()}
}

func (t *hebbTracker32) field(i int) float64 {
	p := t.h.p
	return float64(dot(t.xf[i*p:(i+1)*p], t.m)) - t.h.diag[i]*float64(t.s[i])
}

func (t *hebbTracker32) flip(j int, delta int8) {
	p := t.h.p
	axpy(float32(delta), t.xf[j*p:(j+1)*p], t.m)
}

// pinvPattern is the pseudo-inverse rule in pattern form: A = U = Xi^T C with
// C = (Xi Xi^T)^-1 (row u_i = C xi_i), and d_i = W_ii = u_i . xi_i when the
// self-coupling is removed, 0 when it is kept.
type pinvPattern struct {
	factored
	c []float64 // P x P
}

func newPinvPattern(n int, ps [][]int8, keepDiagonal bool) (*pinvPattern, error) {
	c, err := pseudoInverse(n, ps)
	if err != nil {
		return nil, err
	}
	p := len(ps)
	u := make([]float64, n*p)
	pp := &pinvPattern{factored: factored{patternSet: newPatternSet(n, ps), a: floatRows{u, p}, diag: make([]float64, n)}, c: c}
	parallelRows(n, p*p, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			xiI := pp.neuron(i)
			ui := u[i*p : (i+1)*p]
			for a := range p {
				var sum float64
				for b, v := range xiI {
					sum += c[a*p+b] * float64(v)
				}
				ui[a] = sum
			}
			if !keepDiagonal {
				var wii float64
				for a, v := range xiI {
					wii += ui[a] * float64(v)
				}
				pp.diag[i] = wii
			}
		}
	})
	return pp, nil
}

// energy is -1/2 scale s^T W s with s^T W s = M^T C M - sum_i d_i s_i^2.
func (pp *pinvPattern) energy(s []int8, scale float64, _ *overlapCounter) float64 {
	m := make([]int64, pp.p)
	pp.overlaps(m, s)
	var e float64
	for a := range pp.p {
		for b := range pp.p {
			e += float64(m[a]) * pp.c[a*pp.p+b] * float64(m[b])
		}
	}
	for i, v := range s {
		e -= pp.diag[i] * float64(v) * float64(v)
	}
	return -0.5 * scale * e
}

func (pp *pinvPattern) bytes() int64 {
	return pp.factored.bytes() + mulBytes(8, int64(pp.p), int64(pp.p))
}

// pseudoInverse returns C = (Xi Xi^T)^-1 as a row-major P x P slice, or an
// error if the patterns are linearly dependent (to working precision).
func pseudoInverse(n int, ps [][]int8) ([]float64, error) {
	p := len(ps)
	if p > n {
		return nil, fmt.Errorf("%d patterns of %d neurons are linearly dependent; the pseudo-inverse rule stores at most N linearly independent patterns", p, n)
	}
	q := mat.NewSymDense(p, nil)
	for a := range p {
		for b := a; b < p; b++ {
			q.SetSym(a, b, float64(dotInt8(ps[a], ps[b])))
		}
	}
	var chol mat.Cholesky
	if ok := chol.Factorize(q); !ok {
		return nil, errDependent
	}
	// A condition number this large means some pattern is (numerically) a
	// combination of the others; its C would be noise.
	if chol.Cond() > 1e12 {
		return nil, errDependent
	}
	var inv mat.SymDense
	if err := chol.InverseTo(&inv); err != nil {
		return nil, errDependent
	}
	c := make([]float64, p*p)
	for a := range p {
		for b := range p {
			c[a*p+b] = inv.At(a, b)
		}
	}
	return c, nil
}

var errDependent = errors.New("the patterns are linearly dependent (their overlap matrix Xi Xi^T is singular); the pseudo-inverse rule needs linearly independent patterns")

// pinvDense materialises W = U Xi (N x N, float64) from the pattern form.
func pinvDense(pp *pinvPattern) *dense[float64] {
	n, p := pp.n, pp.p
	d := &dense[float64]{n: n, w: make([]float64, n*n), symmetric: true}
	xs := make([][]float64, p)
	for mu := range p {
		xs[mu] = toFloats(make([]float64, n), pp.pattern(mu))
	}
	u := pp.a.(floatRows)
	parallelRows(n, n*p, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			row := d.row(i)
			for mu, ui := range u.row(i) {
				axpy(ui, xs[mu], row)
			}
			row[i] -= pp.diag[i]
		}
	})
	// Rounding can leave W a hair from symmetric; the tracker relies on
	// exact symmetry, so mirror the upper triangle.
	for i := range n {
		for j := i + 1; j < n; j++ {
			d.w[j*n+i] = d.w[i*n+j]
		}
	}
	return d
}
