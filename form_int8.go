package hopfield

// maxInt8Patterns is the largest number of patterns whose Hebbian integer
// weights fit in a byte: |w_ij| <= P for +-1 patterns, 0 <= w_ij <= P for
// 0/1 ones.
const maxInt8Patterns = 127

// denseInt8 is a dense Hebbian matrix with P <= 127 patterns: every weight is
// an integer in [-127, 127], stored in one byte, a quarter of float32's
// memory and memory traffic. Weights are stored biased, u_ij = w_ij + 128 in
// [1, 255], eight to a word, so that a masked sum of bytes can be taken eight
// at a time in ordinary integer registers (SWAR):
//
//	h_i = sum_{s_j=+1} w_ij - sum_{s_j=-1} w_ij
//	    = sum_{s_j=+1} u_ij - sum_{s_j=-1} u_ij - 128 (n+ - n-)
//
// and, when no neuron is unknown, sum_{s_j=-1} u_ij = U_i - sum_{s_j=+1} u_ij
// with the row sum U_i, so one masked sum per row suffices. Every sum is an
// exact integer: the fields equal those of the float32 matrix bit for bit.
type denseInt8 struct {
	n      int
	stride int      // words per row, ceil(n/8)
	w      []uint64 // n rows of stride words; byte k of word q in row i is u_{i,8q+k}
	rowSum []int64  // U_i = sum_j u_ij over the n real columns
}

func (d *denseInt8) row(i int) []uint64 { return d.w[i*d.stride : (i+1)*d.stride] }

// int8Bytes is the memory of an n x n denseInt8.
func int8Bytes(n int) int64 {
	return mulBytes(int64(n), int64((n+7)/8), 8) + 8*int64(n)
}

// hebbInt8 builds sum_mu xi xi^T with zero diagonal; len(ps) <= 127.
func hebbInt8(n int, ps [][]int8) *denseInt8 {
	d := &denseInt8{n: n, stride: (n + 7) / 8}
	d.w = make([]uint64, n*d.stride)
	d.rowSum = make([]int64, n)
	for i := range d.w {
		d.w[i] = bias8 // w = 0
	}
	d.addOuter(ps)
	return d
}

// bias8 has 128 in every byte: adding it (mod 256) is flipping each byte's
// top bit, which turns the two's complement w into u = w + 128 and back.
const bias8 = 0x8080808080808080

// addOuter adds sum_mu xi xi^T, keeping the diagonal zero; the caller keeps
// the number of patterns <= 127. Row i is sum_mu xi_i^mu xi^mu: each pattern
// (or its negation) is added to the row eight bytes at a time, in two's
// complement with wraparound, which is exact because every partial sum lies
// in [-127, 127].
func (d *denseInt8) addOuter(ps [][]int8) {
	pos, neg := make([][]uint64, len(ps)), make([][]uint64, len(ps))
	for mu, x := range ps {
		pos[mu], neg[mu] = make([]uint64, d.stride), make([]uint64, d.stride)
		for j, v := range x {
			pos[mu][j/8] |= uint64(uint8(v)) << (8 * (j % 8))
			neg[mu][j/8] |= uint64(uint8(-v)) << (8 * (j % 8))
		}
	}
	all := make([]uint64, d.stride)
	for q := range all {
		all[q] = ^uint64(0)
	}
	pad := int64(8*d.stride - d.n) // padding bytes, which hold u = 128
	parallelRows(d.n, d.n*len(ps)/8, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			row := d.row(i)
			for q := range row {
				row[q] ^= bias8
			}
			for mu, x := range ps {
				var add []uint64
				switch x[i] {
				case 1:
					add = pos[mu]
				case -1:
					add = neg[mu]
				default:
					continue
				}
				for q, a := range add {
					row[q] = addBytes(row[q], a)
				}
			}
			for q := range row {
				row[q] ^= bias8
			}
			q, k := i/8, 8*(i%8)
			row[q] = row[q]&^(0xff<<k) | 0x80<<k // w_ii = 0
			d.rowSum[i] = maskedByteSum(row, all) - 128*pad
		}
	})
}

// addBytes adds the eight bytes of a and b, each modulo 256: the low seven
// bits are added without carries between bytes, and the top bit of each
// byte is the sum of the two top bits and the carry into it.
func addBytes(a, b uint64) uint64 {
	return (a&^bias8 + b&^bias8) ^ ((a ^ b) & bias8)
}

func (d *denseInt8) unpackRow(dst []int8, i int) {
	for q, word := range d.row(i) {
		for k := range 8 {
			dst[8*q+k] = int8(int(uint8(word>>(8*k))) - 128)
		}
	}
}

// stateMasks returns byte masks of a state (0xff where s_j = +1, resp. -1,
// 0 elsewhere and in the padding) and the counts n+ and n-.
func stateMasks(s []int8, stride int) (plus, minus []uint64, np, nm int64) {
	plus, minus = make([]uint64, stride), make([]uint64, stride)
	for j, v := range s {
		switch v {
		case 1:
			plus[j/8] |= 0xff << (8 * (j % 8))
			np++
		case -1:
			minus[j/8] |= 0xff << (8 * (j % 8))
			nm++
		}
	}
	return plus, minus, np, nm
}

// maskedByteSum returns the sum of the bytes of w selected by mask. Bytes
// are added in 16-bit lanes (even and odd bytes apart), 4 lanes a word;
// a lane takes at most 128 words x 255 before it is folded into the total.
func maskedByteSum(w, mask []uint64) int64 {
	const lo = 0x00ff00ff00ff00ff
	mask = mask[:len(w)]
	var total uint64
	for len(w) > 0 {
		k := min(len(w), 128)
		var a0, b0, a1, b1 uint64
		j := 0
		for ; j+2 <= k; j += 2 {
			x0, x1 := w[j]&mask[j], w[j+1]&mask[j+1]
			a0 += x0 & lo
			b0 += x0 >> 8 & lo
			a1 += x1 & lo
			b1 += x1 >> 8 & lo
		}
		if j < k {
			x0 := w[j] & mask[j]
			a0 += x0 & lo
			b0 += x0 >> 8 & lo
		}
		// Each lane of a0+b0 holds at most 2 * 64 * 255 < 2^16.
		total += sumLanes16(a0+b0) + sumLanes16(a1+b1)
		w, mask = w[k:], mask[k:]
	}
	return int64(total)
}

// sumLanes16 adds the four 16-bit lanes of x.
func sumLanes16(x uint64) uint64 {
	x = x&0x0000ffff0000ffff + x>>16&0x0000ffff0000ffff
	return x&0xffffffff + x>>32
}

func (d *denseInt8) fields(dst []float64, s []int8) {
	plus, minus, np, nm := stateMasks(s, d.stride)
	known := np+nm == int64(d.n)
	parallelRows(d.n, d.n/8, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			row := d.row(i)
			sp := maskedByteSum(row, plus)
			var sm int64
			if known {
				sm = d.rowSum[i] - sp
			} else {
				sm = maskedByteSum(row, minus)
			}
			dst[i] = float64(sp - sm - 128*(np-nm))
		}
	})
}

func (d *denseInt8) apply(dst, x []float64) {
	parallelRows(d.n, d.n, func(lo, hi int) {
		w := make([]int8, d.stride*8)
		for i := lo; i < hi; i++ {
			d.unpackRow(w, i)
			var sum float64
			for j, xj := range x {
				sum += float64(w[j]) * xj
			}
			dst[i] = sum
		}
	})
}

func (d *denseInt8) energy(s []int8, scale float64, ov *overlapCounter) float64 {
	if ov != nil && ov.set != nil {
		return hebbEnergy(ov.set, s, scale, ov)
	}
	return fieldEnergy(d, s, scale)
}

func (d *denseInt8) blockSums(out [][]float64, start []int) { atBlockSums(d, out, start) }

func (d *denseInt8) at(i, j int) float64 {
	return float64(int(uint8(d.w[i*d.stride+j/8]>>(8*(j%8)))) - 128)
}

func (d *denseInt8) bytes() int64 { return int8Bytes(d.n) }

// tracker keeps every field exact in int64: O(1) to read, O(N) per flip
// (the matrix is symmetric, so column j is row j).
func (d *denseInt8) tracker(s []int8) tracker {
	h := make([]float64, d.n)
	d.fields(h, s)
	t := &int8Tracker{d: d, h: make([]int64, d.n)}
	for i, v := range h {
		t.h[i] = int64(v)
	}
	return t
}

type int8Tracker struct {
	d *denseInt8
	h []int64
}

func (t *int8Tracker) field(i int) float64 { return float64(t.h[i]) }

func (t *int8Tracker) flip(j int, delta int8) {
	dl := int64(delta)
	h := t.h
	for q, word := range t.d.row(j) {
		base := 8 * q
		for k := range min(8, t.d.n-base) {
			h[base+k] += dl * (int64(uint8(word>>(8*k))) - 128)
		}
	}
}
