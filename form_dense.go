package hopfield

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
	// hebb is set for sum_mu xi xi^T with zero diagonal, whose energy a
	// run's overlaps give in O(P).
	hebb bool
}

func (d *dense[T]) row(i int) []T { return d.w[i*d.n : (i+1)*d.n] }

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

func (d *dense[T]) energy(s []int8, scale float64, ov *overlapCounter) float64 {
	if d.hebb && ov != nil && ov.set != nil {
		return hebbEnergy(ov.set, s, scale, ov)
	}
	return fieldEnergy(d, s, scale)
}

func (d *dense[T]) blockSums(out [][]float64, start []int) { atBlockSums(d, out, start) }

func (d *dense[T]) at(i, j int) float64 { return float64(d.w[i*d.n+j]) }

func (d *dense[T]) bytes() int64 {
	return mulBytes(int64(d.n), int64(d.n), int64(floatSize[T]()))
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

// exactInFloat32 reports whether integer Hebbian weights of n neurons and p
// patterns, and every partial sum of a field, fit in float32's 24-bit
// significand, so that float32 storage and arithmetic are exact.
func exactInFloat32(n, p int) bool { return int64(n)*int64(p) < 1<<24 }

// hebbDense builds the dense Hebbian matrix sum_mu xi xi^T with zero diagonal.
func hebbDense[T float32 | float64](n int, ps [][]int8) *dense[T] {
	d := &dense[T]{n: n, w: make([]T, n*n), symmetric: true, hebb: true}
	d.addOuter(ps)
	return d
}

// addOuter adds sum_mu xi xi^T to the matrix and keeps the diagonal at zero.
func (d *dense[T]) addOuter(ps [][]int8) {
	xs := make([][]T, len(ps))
	for mu, x := range ps {
		xs[mu] = toFloats(make([]T, d.n), x)
	}
	parallelRows(d.n, d.n*len(ps), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			row := d.row(i)
			for mu, x := range xs {
				if v := ps[mu][i]; v != 0 {
					axpy(T(v), x, row)
				}
			}
			row[i] = 0
		}
	})
}

// storkeyAdd adds one +-1 pattern to w by Storkey's rule. With w symmetric,
// w_ii = 0 and H = W xi,
//
//	h_ij = H_i - w_ij xi_j   (the sum over k != i, j)
//	w_ij += (xi_i xi_j - xi_i h_ji - h_ij xi_j) / N
//	      = (xi_i xi_j - xi_i H_j - H_i xi_j + w_ji + w_ij) / N   (xi^2 = 1),
//
// all from the old weights: O(N^2) per pattern instead of the literal O(N^3).
func storkeyAdd(d *dense[float64], xi []int8) {
	n := d.n
	x := toFloats(make([]float64, n), xi)
	hAll := make([]float64, n)
	d.fieldsReal(hAll, x)
	inv := 1 / float64(n)
	parallelRows(n, n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			row := d.row(i)
			xiI, hI := x[i], hAll[i]
			for j := range row {
				if j == i {
					continue
				}
				w := row[j]
				// w_ji == w_ij: the matrix stays symmetric.
				row[j] = w + (xiI*x[j]-xiI*hAll[j]-hI*x[j]+2*w)*inv
			}
		}
	})
}

func (d *dense[T]) fieldsReal(dst []float64, x []float64) { d.apply(dst, x) }
