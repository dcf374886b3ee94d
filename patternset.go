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

// addNeuron adds delta xi_j^mu to m[mu] for every pattern: how the overlaps
// m = Xi s change when s_j changes by delta.
func (ps *patternSet) addNeuron(m []int64, j int, delta int64) {
	for mu, v := range ps.neuron(j) {
		m[mu] += delta * int64(v)
	}
}

// selfWeight returns d_j = sum_mu (xi_j^mu)^2: P for +-1 patterns, the
// number of ones for 0/1 patterns.
func (ps *patternSet) selfWeight(j int) int64 {
	if !ps.zeroOne {
		return int64(ps.p)
	}
	var d int64
	for _, v := range ps.neuron(j) {
		d += int64(v)
	}
	return d
}

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

func (ps *patternSet) bytes() int64 {
	return mulBytes(int64(ps.n), int64(ps.p)) + mulBytes(8, int64(ps.p), int64(ps.words))
}
