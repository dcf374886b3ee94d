package hopfield

import (
	"gonum.org/v1/gonum/blas/gonum"
)

var blasImpl gonum.Implementation

// dense is an N x N row-major weight matrix. It is stored as float32 only
// when every weight and every partial sum of a field is an integer below
// 2^24, so that float32 arithmetic is exact (Hebbian sums of +-1 patterns
// with more than 127 patterns; fewer use denseInt8); everything else is
// float64. A field is one BLAS dot product per row (Sdot, Ddot), whose
// summation order is fixed per row, so splitting rows among goroutines does
// not change any result; both run within 1.2x of the memory bandwidth
// (docs/performance.md).
type dense[T float32 | float64] struct {
	n         int
	w         []T
	symmetric bool // W = W^T: a flip of s_j changes fields by delta * row j
}

func (d *dense[T]) row(i int) []T { return d.w[i*d.n : (i+1)*d.n] }

// shortVector is the length below which dot and axpy run a plain loop: for
// so few elements BLAS's argument checks and dispatch cost more than the
// arithmetic (a pattern-form field is a dot product of length P). Measured
// for float32 dot: 4 ns against 6.5 ns at length 1 and 4.7 against 7 ns at
// 4, but 13 against 8 ns at 10, where the plain loop's chain of dependent
// additions costs more than the call.
const shortVector = 5

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
		return T(blasImpl.Ddot(len(x), x, 1, any(y).([]float64), 1))
	}
	panic("unreachable")
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

func (d *dense[T]) fields(dst []float64, s []int8) {
	x := toFloats(make([]T, d.n), s)
	parallelRows(d.n, d.n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			dst[i] = float64(dot(d.row(i), x))
		}
	})
}

func (d *dense[T]) apply(dst, x []float64) {
	parallelRows(d.n, d.n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			var sum float64
			for j, w := range d.row(i) {
				sum += float64(w) * x[j]
			}
			dst[i] = sum
		}
	})
}

func (d *dense[T]) quadratic(s []int8) float64 {
	h := make([]float64, d.n)
	d.fields(h, s)
	var e float64
	for i, v := range s {
		e += float64(v) * h[i]
	}
	return e
}

func (d *dense[T]) at(i, j int) float64 { return float64(d.w[i*d.n+j]) }

func (d *dense[T]) bytes() int64 {
	var zero T
	return mulBytes(int64(d.n), int64(d.n), int64(sizeOf(zero)))
}

func sizeOf(v any) int {
	if _, ok := v.(float32); ok {
		return 4
	}
	return 8
}

func (d *dense[T]) tracker(s []int8) tracker {
	x := toFloats(make([]T, d.n), s)
	if !d.symmetric {
		return &rowTracker[T]{d: d, x: x}
	}
	h := make([]T, d.n)
	parallelRows(d.n, d.n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			h[i] = dot(d.row(i), x)
		}
	})
	return &fieldTracker[T]{d: d, h: h}
}

// fieldTracker keeps every field of a symmetric matrix up to date: O(1) to
// read a field, O(N) for each flip.
type fieldTracker[T float32 | float64] struct {
	d *dense[T]
	h []T
}

func (t *fieldTracker[T]) field(i int) float64 { return float64(t.h[i]) }
func (t *fieldTracker[T]) flip(j int, delta int8) {
	axpy(T(delta), t.d.row(j), t.h) // column j of a symmetric W is row j
}

// rowTracker reads one row per field, for matrices that are not symmetric
// (a column would be a strided walk through the whole matrix).
type rowTracker[T float32 | float64] struct {
	d *dense[T]
	x []T
}

func (t *rowTracker[T]) field(i int) float64    { return float64(dot(t.d.row(i), t.x)) }
func (t *rowTracker[T]) flip(j int, delta int8) { t.x[j] += T(delta) }

// isSymmetric reports whether w is exactly symmetric.
func isSymmetric[T float32 | float64](n int, w []T) bool {
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if w[i*n+j] != w[j*n+i] {
				return false
			}
		}
	}
	return true
}
