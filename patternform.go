package hopfield

import (
	"math/bits"
	"slices"
)

// patternSet holds P patterns of N neurons in the two layouts the pattern
// form needs:
//
//   - bits: one bit per neuron and pattern, set where xi_j^mu = +1, in P rows
//     of ceil(N/64) words. An overlap xi^mu . s is a sum of popcounts of
//     ANDs, 64 neurons at a time, in exact integers: the fast path of a
//     synchronous step.
//   - xiT: int8, row-major by neuron (N x P), to read one field or apply one
//     flip in O(P) during asynchronous dynamics.
//
// Patterns hold +-1, or 0/1 with Config.Literal (zeroOne); a pattern value
// is 2b-1 or b for its bit b. Together the layouts take NP + NP/8 bytes.
type patternSet struct {
	n, p    int
	words   int      // 64-neuron words per pattern row
	bits    []uint64 // P x words
	xiT     []int8   // N x P
	zeroOne bool
}

func newPatternSet(n int, ps [][]int8) patternSet {
	p := len(ps)
	words := (n + 63) / 64
	set := patternSet{n: n, p: p, words: words, bits: make([]uint64, p*words), xiT: make([]int8, n*p)}
	// Each block of words is filled by one goroutine: the writes are
	// disjoint, and the patterns are read row by row.
	const block = 64
	nblocks := (words + block - 1) / block
	var sawZero, sawMinus = make([]bool, nblocks), make([]bool, nblocks)
	parallelRows(nblocks, block*64*p, func(lo, hi int) {
		for b := lo; b < hi; b++ {
			for w := b * block; w < min((b+1)*block, words); w++ {
				i0 := w * 64
				for mu, x := range ps {
					var word uint64
					for k, v := range x[i0:min(i0+64, n)] {
						set.xiT[(i0+k)*p+mu] = v
						word |= uint64(uint8(v)&1&^(uint8(v)>>7)) << k // v == +1
						sawZero[b] = sawZero[b] || v == 0
						sawMinus[b] = sawMinus[b] || v == -1
					}
					set.bits[mu*words+w] = word
				}
			}
		}
	})
	set.zeroOne = slices.Contains(sawZero, true)
	if set.zeroOne && slices.Contains(sawMinus, true) {
		// Store and Learn reject such patterns; a mix here is a bug.
		panic("hopfield: internal error: patterns mix 0 and -1")
	}
	return set
}

// value returns xi_j^mu from its bit.
func (ps *patternSet) value(mu, j int) int8 {
	b := int8(ps.bits[mu*ps.words+j/64] >> (j % 64) & 1)
	if ps.zeroOne {
		return b
	}
	return 2*b - 1
}

// pattern returns a new copy of pattern mu.
func (ps *patternSet) pattern(mu int) []int8 {
	x := make([]int8, ps.n)
	for j := range x {
		x[j] = ps.value(mu, j)
	}
	return x
}

func (ps *patternSet) neuron(i int) []int8 { return ps.xiT[i*ps.p : (i+1)*ps.p] }

// overlapBlock is the number of 64-neuron words packed at a time when
// computing overlaps: 16,384 neurons, whose packed state (4 KiB) stays in
// L1 while every pattern's words are read against it.
const overlapBlock = 256

// overlaps sets m[mu] = xi^mu . s exactly, for a state of -1, 0 and +1. The
// state is packed into words of "plus" and "minus" bits, so that
//
//	A_mu = sum_w popcount(b_w & plus_w) - popcount(b_w & minus_w)
//	     = sum_{j: xi_j = +1} s_j,
//
// and xi^mu . s = A_mu for 0/1 patterns, 2 A_mu - sum_j s_j for +-1 ones.
// Blocks of neurons are counted concurrently into their own partial sums,
// added in block order; integer sums are exact, so the result does not
// depend on GOMAXPROCS.
func (ps *patternSet) overlaps(m []int64, s []int8) {
	clear(m)
	if ps.p == 0 {
		return
	}
	p := ps.p
	nblocks := (ps.words + overlapBlock - 1) / overlapBlock
	partial := make([]int64, nblocks*(p+1)) // per block: A_0..A_{P-1}, sum s
	parallelRows(nblocks, overlapBlock*(p+64), func(lo, hi int) {
		var plus, minus [overlapBlock]uint64
		for b := lo; b < hi; b++ {
			w0, w1 := b*overlapBlock, min((b+1)*overlapBlock, ps.words)
			out := partial[b*(p+1) : (b+1)*(p+1)]
			out[p] = packState(plus[:w1-w0], minus[:w1-w0], s[w0*64:min(w1*64, ps.n)])
			for mu := range p {
				out[mu] = maskedCount(ps.bits[mu*ps.words+w0:mu*ps.words+w1], plus[:w1-w0], minus[:w1-w0])
			}
		}
	})
	var sum int64
	for b := range nblocks {
		for mu := range m {
			m[mu] += partial[b*(p+1)+mu]
		}
		sum += partial[b*(p+1)+p]
	}
	if !ps.zeroOne {
		for mu := range m {
			m[mu] = 2*m[mu] - sum
		}
	}
}

// packState sets bit j%64 of plus[j/64] where s_j = +1 and of minus[j/64]
// where s_j = -1, and returns sum_j s_j. The bits are read from the int8
// encoding itself: bit 0 is set for +1 (0x01) and -1 (0xff), bit 7 only for
// -1, neither for 0.
func packState(plus, minus []uint64, s []int8) int64 {
	var sum int64
	for k := range plus {
		var nonzero, neg uint64
		chunk := s[k*64 : min((k+1)*64, len(s))]
		for j, v := range chunk {
			nonzero |= uint64(v&1) << j
			neg |= uint64(uint8(v)>>7) << j
		}
		plus[k], minus[k] = nonzero&^neg, neg
		sum += int64(bits.OnesCount64(plus[k])) - int64(bits.OnesCount64(neg))
	}
	return sum
}

// maskedCount returns sum_w popcount(b_w & plus_w) - popcount(b_w & minus_w).
func maskedCount(b, plus, minus []uint64) int64 {
	plus, minus = plus[:len(b)], minus[:len(b)]
	var pos, neg int
	for w, x := range b {
		pos += bits.OnesCount64(x & plus[w])
		neg += bits.OnesCount64(x & minus[w])
	}
	return int64(pos - neg)
}

// overlapsReal sets m = Xi x for a real vector x, summing each overlap over
// the neurons in order.
func (ps *patternSet) overlapsReal(m []float64, x []float64) {
	clear(m)
	for j, xj := range x {
		for mu, v := range ps.neuron(j) {
			m[mu] += float64(v) * xj
		}
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

// dotInt8Int64 returns sum a_mu m_mu: one field from the overlaps, the inner
// loop of asynchronous dynamics in the pattern form.
func dotInt8Int64(a []int8, m []int64) int64 {
	m = m[:len(a)]
	var s0, s1, s2, s3 int64
	j := 0
	for ; j+4 <= len(a); j += 4 {
		s0 += int64(a[j]) * m[j]
		s1 += int64(a[j+1]) * m[j+1]
		s2 += int64(a[j+2]) * m[j+2]
		s3 += int64(a[j+3]) * m[j+3]
	}
	for ; j < len(a); j++ {
		s0 += int64(a[j]) * m[j]
	}
	return s0 + s1 + s2 + s3
}

// hebbPattern is the Hebbian rule in pattern form:
//
//	h_i = sum_mu xi_i^mu M_mu - d_i s_i,   M = Xi s,   d_i = sum_mu (xi_i^mu)^2,
//
// all in integers, so it gives the same fields as the dense matrix bit for bit.
// The d_i term removes the self-coupling.
//
// A synchronous step reads the sum over mu from tables (the "four Russians"
// method): the patterns are cut into groups of 8, neuron i keeps one byte per
// group (its 8 pattern bits, in codes), and for each group a 256-entry table
// holds sum_{mu in the byte} M_mu for every byte value. A field then costs
// ceil(P/8) lookups instead of P multiply-adds.
type hebbPattern struct {
	patternSet
	diag   []int32
	groups int     // ceil(P/8)
	codes  []uint8 // N x groups: bit k of codes[i*groups+g] is the bit of pattern 8g+k at neuron i
}

func newHebbPattern(n int, ps [][]int8) *hebbPattern {
	h := &hebbPattern{patternSet: newPatternSet(n, ps), diag: make([]int32, n)}
	h.groups = (h.p + 7) / 8
	h.codes = make([]uint8, n*h.groups)
	parallelRows(n, h.p, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			code := h.codes[i*h.groups : (i+1)*h.groups]
			for mu, v := range h.neuron(i) {
				h.diag[i] += int32(v) * int32(v)
				if v == 1 {
					code[mu/8] |= 1 << (mu % 8)
				}
			}
		}
	})
	return h
}

func (h *hebbPattern) fieldFrom(i int, m []int64, si int8) int64 {
	return dotInt8Int64(h.neuron(i), m) - int64(h.diag[i])*int64(si)
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

func (h *hebbPattern) bytes() int64 {
	return h.patternSet.bytes() + mulBytes(int64(h.n), int64(h.groups)) + 4*int64(h.n)
}

func (ps *patternSet) bytes() int64 {
	return mulBytes(int64(ps.n), int64(ps.p)) + mulBytes(8, int64(ps.p), int64(ps.words))
}

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
	return pp.patternSet.bytes() + mulBytes(8, int64(pp.n), int64(pp.p)) + mulBytes(8, int64(pp.p), int64(pp.p)) + 8*int64(pp.n)
}

func (pp *pinvPattern) tracker(s []int8) tracker {
	t := &overlapTracker{s: s, m: make([]int64, pp.p), set: &pp.patternSet}
	pp.overlaps(t.m, s)
	t.fieldOf = func(i int) float64 { return pp.fieldFrom(i, t.m, t.s[i]) }
	return t
}
