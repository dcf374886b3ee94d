package hopfield

// patternSet holds P patterns of N neurons twice: row-major by pattern (to
// compute overlaps M = Xi s) and row-major by neuron (to compute a field from
// the overlaps). Both are int8, so together they take 2NP bytes.
type patternSet struct {
	n, p int
	xi   []int8 // P x N
	xiT  []int8 // N x P
}

func newPatternSet(n int, ps [][]int8) patternSet {
	set := patternSet{n: n, p: len(ps), xi: make([]int8, n*len(ps)), xiT: make([]int8, n*len(ps))}
	for mu, x := range ps {
		copy(set.xi[mu*n:(mu+1)*n], x)
		for i, v := range x {
			set.xiT[i*set.p+mu] = v
		}
	}
	return set
}

func (ps *patternSet) pattern(mu int) []int8 { return ps.xi[mu*ps.n : (mu+1)*ps.n] }
func (ps *patternSet) neuron(i int) []int8   { return ps.xiT[i*ps.p : (i+1)*ps.p] }

// overlaps sets m[mu] = xi^mu . s exactly. Integer sums do not depend on the
// order of addition, so splitting the neurons across goroutines is safe.
func (ps *patternSet) overlaps(m []int64, s []int8) {
	for mu := range m {
		m[mu] = 0
	}
	if ps.p == 0 {
		return
	}
	const block = 4096
	nblocks := (ps.n + block - 1) / block
	partial := make([]int64, nblocks*ps.p)
	parallelRows(nblocks, block*ps.p, func(lo, hi int) {
		for b := lo; b < hi; b++ {
			jlo, jhi := b*block, min((b+1)*block, ps.n)
			out := partial[b*ps.p : (b+1)*ps.p]
			for mu := range out {
				out[mu] = int64(dotInt8(ps.pattern(mu)[jlo:jhi], s[jlo:jhi]))
			}
		}
	})
	for b := 0; b < nblocks; b++ {
		for mu := range m {
			m[mu] += partial[b*ps.p+mu]
		}
	}
}

// overlapsReal sets m = Xi x for a real vector x.
func (ps *patternSet) overlapsReal(m []float64, x []float64) {
	for mu := range m {
		var sum float64
		for j, v := range ps.pattern(mu) {
			sum += float64(v) * x[j]
		}
		m[mu] = sum
	}
}

// dotInt8 returns sum a_j b_j. With 4 independent accumulators the loop is
// not bound by the latency of one add chain.
func dotInt8(a, b []int8) int32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int32
	j := 0
	for ; j+4 <= len(a); j += 4 {
		s0 += int32(a[j]) * int32(b[j])
		s1 += int32(a[j+1]) * int32(b[j+1])
		s2 += int32(a[j+2]) * int32(b[j+2])
		s3 += int32(a[j+3]) * int32(b[j+3])
	}
	for ; j < len(a); j++ {
		s0 += int32(a[j]) * int32(b[j])
	}
	return s0 + s1 + s2 + s3
}

// hebbPattern is the Hebbian rule in pattern form:
//
//	h_i = sum_mu xi_i^mu M_mu - d_i s_i,   M = Xi s,   d_i = sum_mu (xi_i^mu)^2,
//
// all in integers, so it gives the same fields as the dense matrix bit for bit.
// The d_i term removes the self-coupling.
type hebbPattern struct {
	patternSet
	diag []int32
}

func newHebbPattern(n int, ps [][]int8) *hebbPattern {
	h := &hebbPattern{patternSet: newPatternSet(n, ps), diag: make([]int32, n)}
	for i := range n {
		for _, v := range h.neuron(i) {
			h.diag[i] += int32(v) * int32(v)
		}
	}
	return h
}

func (h *hebbPattern) fieldFrom(i int, m []int64, si int8) int64 {
	var sum int64
	for mu, v := range h.neuron(i) {
		sum += int64(v) * m[mu]
	}
	return sum - int64(h.diag[i])*int64(si)
}

func (h *hebbPattern) fields(dst []float64, s []int8) {
	m := make([]int64, h.p)
	h.overlaps(m, s)
	parallelRows(h.n, h.p, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			dst[i] = float64(h.fieldFrom(i, m, s[i]))
		}
	})
}

func (h *hebbPattern) apply(dst, x []float64) {
	m := make([]float64, h.p)
	h.overlapsReal(m, x)
	for i := range dst {
		var sum float64
		for mu, v := range h.neuron(i) {
			sum += float64(v) * m[mu]
		}
		dst[i] = sum - float64(h.diag[i])*x[i]
	}
}

func (h *hebbPattern) quadratic(s []int8) float64 {
	m := make([]int64, h.p)
	h.overlaps(m, s)
	var e int64
	for _, v := range m {
		e += v * v
	}
	for i, v := range s {
		e -= int64(h.diag[i]) * int64(v) * int64(v)
	}
	return float64(e)
}

func (h *hebbPattern) at(i, j int) float64 {
	var sum int64
	for mu := range h.p {
		sum += int64(h.xiT[i*h.p+mu]) * int64(h.xiT[j*h.p+mu])
	}
	if i == j {
		sum -= int64(h.diag[i])
	}
	return float64(sum)
}

func (h *hebbPattern) bytes() int64 { return mulBytes(2, int64(h.n), int64(h.p)) + 4*int64(h.n) }

func (h *hebbPattern) tracker(s []int8) tracker {
	t := &overlapTracker{s: s, m: make([]int64, h.p), set: &h.patternSet}
	h.overlaps(t.m, s)
	t.fieldOf = func(i int) float64 { return float64(h.fieldFrom(i, t.m, t.s[i])) }
	return t
}

// overlapTracker keeps M = Xi s exact in integers: O(P) for a flip and O(P)
// (Hebbian) or O(P) with one float row (pseudo-inverse) to read a field.
type overlapTracker struct {
	s       []int8
	m       []int64
	set     *patternSet
	fieldOf func(i int) float64
}

func (t *overlapTracker) field(i int) float64 { return t.fieldOf(i) }
func (t *overlapTracker) flip(j int, delta int8) {
	d := int64(delta)
	for mu, v := range t.set.neuron(j) {
		t.m[mu] += d * int64(v)
	}
}

// pinvPattern is the pseudo-inverse rule in pattern form. With C = (Xi Xi^T)^-1
// and u_i = C xi_i (a row of U = Xi^T C, N x P),
//
//	h_i = u_i . M - d_i s_i,   M = Xi s (exact integers),
//
// where d_i = W_ii = u_i . xi_i when the self-coupling is removed and 0 when
// it is kept.
type pinvPattern struct {
	patternSet
	c    []float64 // P x P
	u    []float64 // N x P
	diag []float64
}

func (pp *pinvPattern) urow(i int) []float64 { return pp.u[i*pp.p : (i+1)*pp.p] }

func (pp *pinvPattern) fieldFrom(i int, m []int64, si int8) float64 {
	var sum float64
	for mu, v := range pp.urow(i) {
		sum += v * float64(m[mu])
	}
	return sum - pp.diag[i]*float64(si)
}

func (pp *pinvPattern) fields(dst []float64, s []int8) {
	m := make([]int64, pp.p)
	pp.overlaps(m, s)
	parallelRows(pp.n, pp.p, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			dst[i] = pp.fieldFrom(i, m, s[i])
		}
	})
}

func (pp *pinvPattern) apply(dst, x []float64) {
	m := make([]float64, pp.p)
	pp.overlapsReal(m, x)
	for i := range dst {
		var sum float64
		for mu, v := range pp.urow(i) {
			sum += v * m[mu]
		}
		dst[i] = sum - pp.diag[i]*x[i]
	}
}

func (pp *pinvPattern) quadratic(s []int8) float64 {
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
	return e
}

func (pp *pinvPattern) at(i, j int) float64 {
	var sum float64
	for mu, v := range pp.urow(i) {
		sum += v * float64(pp.xiT[j*pp.p+mu])
	}
	if i == j {
		sum -= pp.diag[i]
	}
	return sum
}

func (pp *pinvPattern) bytes() int64 {
	return mulBytes(2, int64(pp.n), int64(pp.p)) + mulBytes(8, int64(pp.n), int64(pp.p)) + mulBytes(8, int64(pp.p), int64(pp.p)) + 8*int64(pp.n)
}

func (pp *pinvPattern) tracker(s []int8) tracker {
	t := &overlapTracker{s: s, m: make([]int64, pp.p), set: &pp.patternSet}
	pp.overlaps(t.m, s)
	t.fieldOf = func(i int) float64 { return pp.fieldFrom(i, t.m, t.s[i]) }
	return t
}
