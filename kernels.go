package hopfield

import (
	"encoding/binary"
	"math/bits"
	"runtime"
	"sync"
	"unsafe"

	"gonum.org/v1/gonum/blas/gonum"
)

// The kernels every weight form shares: dot products and axpy (BLAS for
// floats, four accumulators for int8), bit packing and popcount sums, and
// the row-parallel loop. Each is exact in integers or has a fixed summation
// order per row, so results do not depend on GOMAXPROCS.

var blasImpl gonum.Implementation

// shortVector is the length below which dot and axpy run a plain loop: for
// so few elements BLAS's argument checks and dispatch cost more than the
// arithmetic (a pattern-form field is a dot product of length P). Measured
// for float32 dot: 4 ns against 6.5 ns at length 1 and 4.7 against 7 ns at
// 4, but 13 against 8 ns at 10, where the plain loop's chain of dependent
// additions costs more than the call.
const shortVector = 5

// dot returns sum x_i y_i by BLAS (Sdot, Ddot), below shortVector by a
// plain loop. float32 sums are exact integers wherever the engine uses them
// (see exactInFloat32); float64 sums are rounded, and ddot adds them in the
// order of gonum's amd64 assembly on every platform (see ddotInOrder).
func dot[T float32 | float64](x, y []T) T {
	if len(x) < shortVector {
		var sum T
		for i, v := range x {
			sum += v * y[i]
		}
		return sum
	}
	switch x := any(x).(type) {
	case []float32:
		return T(blasImpl.Sdot(len(x), x, 1, any(y).([]float32), 1))
	case []float64:
		return T(ddot(x, any(y).([]float64)))
	}
	panic("unreachable")
}

// ddotInOrder is gonum's Ddot as its amd64 assembly adds (internal/asm/f64,
// DotUnitary): four running sums, over the elements 0, 1, 2 and 3 mod 4,
// the leftover elements into the first, combined as (s0+s2) + (s1+s3).
// The browser's WebAssembly build, which has no assembly, uses it for ddot,
// so that float64 fields, decisions and energies are those of the native
// amd64 build bit for bit (TestDdotInOrder checks it against Ddot).
func ddotInOrder(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s2) + (s1 + s3)
}

func axpy[T float32 | float64](alpha T, x, y []T) {
	if len(x) < shortVector {
		y = y[:len(x)]
		for i, v := range x {
			y[i] += alpha * v
		}
		return
	}
	switch x := any(x).(type) {
	case []float32:
		blasImpl.Saxpy(len(x), float32(alpha), x, 1, any(y).([]float32), 1)
	case []float64:
		blasImpl.Daxpy(len(x), float64(alpha), x, 1, any(y).([]float64), 1)
	}
}

func toFloats[T float32 | float64, S int8 | int64 | float64](dst []T, s []S) []T {
	for i, v := range s {
		dst[i] = T(v)
	}
	return dst
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

// dotInt8By returns a . x in a fixed order of four partial sums, so that
// a float64 result is the same on every run; an int64 one is exact.
func dotInt8By[T int64 | float64](a []int8, x []T) T {
	x = x[:len(a)]
	var s0, s1, s2, s3 T
	j := 0
	for ; j+4 <= len(a); j += 4 {
		s0 += T(a[j]) * x[j]
		s1 += T(a[j+1]) * x[j+1]
		s2 += T(a[j+2]) * x[j+2]
		s3 += T(a[j+3]) * x[j+3]
	}
	for ; j < len(a); j++ {
		s0 += T(a[j]) * x[j]
	}
	return (s0 + s2) + (s1 + s3)
}

// parallelMinWork is the work (rows times cost per row) below which
// parallelRows stays in one goroutine: start-up would cost more than it saves.
const parallelMinWork = 1 << 15

// parallelRows calls f on contiguous blocks [lo, hi) that cover [0, n),
// concurrently when the work is large enough to pay for goroutines. Each
// index is handled by exactly one call, so any per-index computation gives the
// same result whatever GOMAXPROCS is; only the schedule changes.
func parallelRows(n, costPerRow int, f func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	if workers <= 1 || n*costPerRow < parallelMinWork {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}

// splitSums returns the sum of x over the +1 entries of a and the sum of y
// over its -1 entries, without a branch on a's values.
func splitSums(a []int8, x, y []float64) (plus, minus float64) {
	x, y = x[:len(a)], y[:len(a)]
	for j, v := range a {
		up := float64((v + 1) >> 1) // 1 for +1, 0 for -1
		plus += up * x[j]
		minus += (1 - up) * y[j]
	}
	return plus, minus
}
