package hopfield

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
	"unsafe"
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
					chunk := x[i0:min(i0+64, n)]
					plus, minus := packWord(chunk)
					set.bits[mu*words+w] = plus
					sawZero[b] = sawZero[b] || bits.OnesCount64(plus|minus) < len(chunk)
					sawMinus[b] = sawMinus[b] || minus != 0
					for k, v := range chunk {
						set.xiT[(i0+k)*p+mu] = v
					}
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

// overlaps sets m[mu] = xi^mu . s exactly, for a state of -1, 0 and +1.
func (ps *patternSet) overlaps(m []int64, s []int8) { ps.overlapsSelf(m, s) }

// overlapsSelf sets m[mu] = xi^mu . s and returns sum_i d_i s_i^2 with
// d_i = sum_mu (xi_i^mu)^2: the self-coupling term of the Hebbian energy.
// The state is packed into words of "plus" and "minus" bits, so that
//
//	A_mu = sum_w popcount(b_w & plus_w) - popcount(b_w & minus_w)
//	     = sum_{j: xi_j = +1} s_j,
//
// and xi^mu . s = A_mu for 0/1 patterns, 2 A_mu - sum_j s_j for +-1 ones.
// Blocks of neurons are counted concurrently into their own partial sums,
// added in block order; integer sums are exact, so the result does not
// depend on GOMAXPROCS.
func (ps *patternSet) overlapsSelf(m []int64, s []int8) int64 {
	clear(m)
	if ps.p == 0 {
		return 0
	}
	p := ps.p
	// Per block: A_mu, then C_mu = sum_{j: xi_j = +1} s_j^2, then sum_j s_j
	// and the number of known (nonzero) neurons.
	stride := 2*p + 2
	nblocks := (ps.words + overlapBlock - 1) / overlapBlock
	partial := make([]int64, nblocks*stride)
	parallelRows(nblocks, overlapBlock*(p+8), func(lo, hi int) {
		var plus, minus [overlapBlock]uint64
		for b := lo; b < hi; b++ {
			w0, w1 := b*overlapBlock, min((b+1)*overlapBlock, ps.words)
			pl, mi := plus[:w1-w0], minus[:w1-w0]
			out := partial[b*stride : (b+1)*stride]
			out[2*p], out[2*p+1] = packState(pl, mi, s[w0*64:min(w1*64, ps.n)])
			for mu := range p {
				pos, neg := maskedCounts(ps.bits[mu*ps.words+w0:mu*ps.words+w1], pl, mi)
				out[mu], out[p+mu] = pos-neg, pos+neg
			}
		}
	})
	var sum, known, self int64
	for b := range nblocks {
		out := partial[b*stride : (b+1)*stride]
		for mu := range m {
			m[mu] += out[mu]
			self += out[p+mu]
		}
		sum += out[2*p]
		known += out[2*p+1]
	}
	if ps.zeroOne {
		return self // d_i = sum_mu b_i^mu, so sum_i d_i s_i^2 = sum_mu C_mu
	}
	for mu := range m {
		m[mu] = 2*m[mu] - sum
	}
	return int64(p) * known // d_i = P
}

// packState sets bit j%64 of plus[j/64] where s_j = +1 and of minus[j/64]
// where s_j = -1, and returns sum_j s_j and the number of nonzero s_j.
func packState(plus, minus []uint64, s []int8) (sum, known int64) {
	for k := range plus {
		plus[k], minus[k] = packWord(s[k*64 : min((k+1)*64, len(s))])
		np, nm := int64(bits.OnesCount64(plus[k])), int64(bits.OnesCount64(minus[k]))
		sum += np - nm
		known += np + nm
	}
	return sum, known
}

// packWord returns the plus and minus bits of up to 64 values of -1, 0, +1.
// Bit 0 of the int8 encoding is set for +1 (0x01) and -1 (0xff), bit 7 only
// for -1, neither for 0; eight values are read as one little-endian word,
// whose byte bits are gathered by a multiplication.
func packWord(s []int8) (plus, minus uint64) {
	raw := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)) // the bytes of s
	var nonzero, neg uint64
	q := 0
	for ; q+8 <= len(raw); q += 8 {
		x := binary.LittleEndian.Uint64(raw[q:])
		nonzero |= gatherBit0(x) << q
		neg |= gatherBit0(x>>7) << q
	}
	for j := q; j < len(raw); j++ {
		nonzero |= uint64(raw[j]&1) << j
		neg |= uint64(raw[j]>>7) << j
	}
	return nonzero &^ neg, neg
}

// plusByte returns the bits of up to 8 values that are +1.
func plusByte(v []int8) uint8 {
	if len(v) == 8 {
		plus, _ := packWord(v)
		return uint8(plus)
	}
	var b uint8
	for k, x := range v {
		if x == 1 {
			b |= 1 << k
		}
	}
	return b
}

// gatherBit0 returns the bits 0 of the 8 bytes of x as one byte (byte k's
// bit becomes bit k): each partial product of the multiplication lands in
// the top byte at a distinct position, so no carries mix them.
func gatherBit0(x uint64) uint64 {
	return (x & 0x0101010101010101) * 0x0102040810204080 >> 56
}

// maskedCounts returns sum_w popcount(b_w & plus_w) and popcount(b_w & minus_w).
func maskedCounts(b, plus, minus []uint64) (pos, neg int64) {
	plus, minus = plus[:len(b)], minus[:len(b)]
	var p, n int
	for w, x := range b {
		p += bits.OnesCount64(x & plus[w])
		n += bits.OnesCount64(x & minus[w])
	}
	return int64(p), int64(n)
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
	once   sync.Once
	xf     []float32 // xiT as float32 for asynchronous runs; see xiT32
}

func newHebbPattern(n int, ps [][]int8) *hebbPattern {
	h := &hebbPattern{patternSet: newPatternSet(n, ps), diag: make([]int32, n)}
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
			h.diag[i] = int32(h.p)
			if h.zeroOne {
				h.diag[i] = 0
				for _, c := range code {
					h.diag[i] += int32(bits.OnesCount8(c))
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

// quadratic is s^T W s = sum_mu M_mu^2 - sum_i d_i s_i^2, all from one
// pass over the bits: O(NP/64), which keeps an energy per update cheap.
func (h *hebbPattern) quadratic(s []int8) float64 {
	m := make([]int64, h.p)
	self := h.overlapsSelf(m, s)
	var e int64
	for _, v := range m {
		e += v * v
	}
	return float64(e - self)
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
	if exactInFloat32(h.n, h.p) {
		return newHebbTracker32(h, s)
	}
	return h.int8Tracker(s)
}

// int8Tracker reads fields from xiT and int64 overlaps: any size.
func (h *hebbPattern) int8Tracker(s []int8) *overlapTracker {
	t := &overlapTracker{s: s, m: make([]int64, h.p), set: &h.patternSet}
	h.overlaps(t.m, s)
	t.fieldOf = func(i int) float64 { return float64(h.fieldFrom(i, t.m, t.s[i])) }
	return t
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
	return float64(dot(t.xf[i*p:(i+1)*p], t.m)) - float64(t.h.diag[i])*float64(t.s[i])
}

func (t *hebbTracker32) flip(j int, delta int8) {
	p := t.h.p
	axpy(float32(delta), t.xf[j*p:(j+1)*p], t.m)
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
