package hopfield

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// exactInFloat32 reports whether integer Hebbian weights of n neurons and p
// patterns, and every partial sum of a field, fit in float32's 24-bit
// significand, so that float32 storage and arithmetic are exact.
func exactInFloat32(n, p int) bool { return int64(n)*int64(p) < 1<<24 }

// hebbDense builds the dense Hebbian matrix sum_mu xi xi^T with zero diagonal.
func hebbDense[T float32 | float64](n int, ps [][]int8) *dense[T] {
	d := &dense[T]{n: n, w: make([]T, n*n), symmetric: true}
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

func newPinvPattern(n int, ps [][]int8, keepDiagonal bool) (*pinvPattern, error) {
	c, err := pseudoInverse(n, ps)
	if err != nil {
		return nil, err
	}
	p := len(ps)
	pp := &pinvPattern{patternSet: newPatternSet(n, ps), c: c, u: make([]float64, n*p), diag: make([]float64, n)}
	parallelRows(n, p*p, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			xiI := pp.neuron(i)
			u := pp.urow(i)
			for a := range p {
				var sum float64
				for b, v := range xiI {
					sum += c[a*p+b] * float64(v)
				}
				u[a] = sum
			}
			if !keepDiagonal {
				var wii float64
				for a, v := range xiI {
					wii += u[a] * float64(v)
				}
				pp.diag[i] = wii
			}
		}
	})
	return pp, nil
}

// pinvDense materialises W = U Xi (N x N, float64) from the pattern form.
func pinvDense(pp *pinvPattern) *dense[float64] {
	n, p := pp.n, pp.p
	d := &dense[float64]{n: n, w: make([]float64, n*n), symmetric: true}
	xs := make([][]float64, p)
	for mu := range p {
		xs[mu] = toFloats(make([]float64, n), pp.pattern(mu))
	}
	parallelRows(n, n*p, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			row := d.row(i)
			for mu, u := range pp.urow(i) {
				axpy(u, xs[mu], row)
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
