package patterns

import (
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/hopfield-lab/hopfield"
)

// The generators below draw exactly what the notebook's cells draw. Each
// notebook slice is written next to the Go that reproduces it; a 1 in the
// notebook is +1 (ink) here and a 0 is -1 (background).

// Checkerboard returns the size x size checkerboard of the notebook's
// make_pattern('checkerboard'): np.fromfunction(lambda i, j: (i + j) % 2),
// so the neuron at (i, j) is +1 when i+j is odd and the top-left corner is
// background. It panics if size < 1.
func Checkerboard(size int) Pattern {
	p := New(sizedName("seed:checkerboard", size, 5), size, size)
	for i := range size {
		for j := range size {
			if (i+j)%2 == 1 {
				p.Set(i, j, hopfield.Plus)
			}
		}
	}
	return p
}

// X returns the size x size pattern of the notebook's make_pattern('X'):
// mat[idx, idx] = 1 and mat[idx, size-1-idx] = 1, both diagonals. It panics
// if size < 1.
func X(size int) Pattern {
	p := New(sizedName("seed:X", size, 5), size, size)
	for i := range size {
		p.Set(i, i, hopfield.Plus)
		p.Set(i, size-1-i, hopfield.Plus)
	}
	return p
}

// LetterA returns the notebook's 5x5 block letter A (make_pattern('A')):
//
//	mat[0, 2] = 1
//	mat[1, 1] = 1; mat[1, 3] = 1
//	mat[2, :] = 1
//	mat[3, 0] = 1; mat[3, 4] = 1
//	mat[4, 0] = 1; mat[4, 4] = 1
//
// The A of the built-in alphabet ([Letter]) is a different, larger design.
func LetterA() Pattern {
	p := New("seed:A", 5, 5)
	p.Set(0, 2, hopfield.Plus)
	p.Set(1, 1, hopfield.Plus)
	p.Set(1, 3, hopfield.Plus)
	fill(p, 2, 3, 0, 5)
	p.Set(3, 0, hopfield.Plus)
	p.Set(3, 4, hopfield.Plus)
	p.Set(4, 0, hopfield.Plus)
	p.Set(4, 4, hopfield.Plus)
	return p
}

// BU returns the notebook's 100x100 "BU" picture:
//
//	matrix[:, 5:15] = 1        # B: vertical bar
//	matrix[0:10, 5:35] = 1     # top loop
//	matrix[0:50, 30:40] = 1
//	matrix[40:50, 5:35] = 1
//	matrix[50:60, 5:35] = 1    # bottom loop
//	matrix[50:100, 30:40] = 1
//	matrix[90:100, 5:35] = 1
//	matrix[0:90, 60:70] = 1    # U: left vertical
//	matrix[0:90, 85:95] = 1    # right vertical
//	matrix[90:100, 60:95] = 1  # bottom bar
func BU() Pattern {
	p := New("seed:BU", 100, 100)
	drawB(p)
	fill(p, 0, 90, 60, 70)
	fill(p, 0, 90, 85, 95)
	fill(p, 90, 100, 60, 95)
	return p
}

// BC returns the notebook's 100x100 "BC" picture: the same B as [BU] and
//
//	matrix[0:10, 60:95] = 1    # C: top horizontal bar
//	matrix[:, 60:70] = 1       # vertical bar
//	matrix[90:100, 60:95] = 1  # bottom horizontal bar
func BC() Pattern {
	p := New("seed:BC", 100, 100)
	drawB(p)
	fill(p, 0, 10, 60, 95)
	fill(p, 0, 100, 60, 70)
	fill(p, 90, 100, 60, 95)
	return p
}

// drawB draws the notebook's letter B (identical in the BU and BC cells).
func drawB(p Pattern) {
	fill(p, 0, 100, 5, 15)
	fill(p, 0, 10, 5, 35)
	fill(p, 0, 50, 30, 40)
	fill(p, 40, 50, 5, 35)
	fill(p, 50, 60, 5, 35)
	fill(p, 50, 100, 30, 40)
	fill(p, 90, 100, 5, 35)
}

// Star returns the notebook's 100x100 eight-point star:
//
//	matrix[50, :] = 1           # center row
//	matrix[:, 50] = 1           # center column
//	matrix[idx, idx] = 1        # main diagonal
//	matrix[idx, 99 - idx] = 1   # anti-diagonal
//
// As in the notebook, the row and column cross at (50, 50) but the
// diagonals cross at (49.5, 49.5), between cells: the star is half a cell
// off-centre.
func Star() Pattern {
	p := New("seed:star", 100, 100)
	fill(p, 50, 51, 0, 100)
	fill(p, 0, 100, 50, 51)
	for i := range 100 {
		p.Set(i, i, hopfield.Plus)
		p.Set(i, 99-i, hopfield.Plus)
	}
	return p
}

// fill sets the NumPy slice p[r0:r1, c0:c1] to +1.
func fill(p Pattern, r0, r1, c0, c1 int) {
	for r := r0; r < r1; r++ {
		for c := c0; c < c1; c++ {
			p.Set(r, c, hopfield.Plus)
		}
	}
}

// Random returns a rows x cols pattern whose neurons are independently +1
// with probability bias and -1 otherwise. bias 0.5 is the notebook's
// np.random.choice([-1, 1], size=N). It returns an error if the shape is
// empty or bias is not in [0, 1].
func Random(src rand.Source, rows, cols int, bias float64) (Pattern, error) {
	rng := rand.New(src)
	if err := checkRandom(rows, cols, bias); err != nil {
		return Pattern{}, err
	}
	p := New("random", rows, cols)
	if bias == 0.5 {
		// Unbiased patterns, the usual case in capacity and crosstalk
		// experiments, take one bit of a random word per neuron: 64 times
		// fewer draws than one Float64 per neuron.
		var word uint64
		for i := range p.Data {
			if i%64 == 0 {
				word = rng.Uint64()
			}
			p.Data[i] += 2 * int8(word&1)
			word >>= 1
		}
		return p, nil
	}
	for i := range p.Data {
		if rng.Float64() < bias {
			p.Data[i] = hopfield.Plus
		}
	}
	return p, nil
}

// RandomSet returns count random patterns drawn one after another from src,
// named "random 1" to "random COUNT": the lab's and the command line's
// extra random memories, the same for the same source.
func RandomSet(src rand.Source, count, rows, cols int, bias float64) ([]Pattern, error) {
	seq, err := RandomSeq(src, count, rows, cols, bias)
	if err != nil {
		return nil, err
	}
	out := make([]Pattern, 0, count)
	for p := range seq {
		out = append(out, p)
	}
	return out, nil
}

// RandomSeq yields the patterns [RandomSet] returns, drawing each from src
// as it is yielded, so that a caller writing them out never holds them all
// (see [WritePatternSeqNPY]). The arguments are checked here, so the
// sequence cannot fail; it draws from src afresh each time it is ranged
// over.
func RandomSeq(src rand.Source, count, rows, cols int, bias float64) (iter.Seq[Pattern], error) {
	if count < 0 {
		return nil, fmt.Errorf("random patterns: count %d: want at least 0", count)
	}
	if err := checkRandom(rows, cols, bias); err != nil {
		return nil, err
	}
	return func(yield func(Pattern) bool) {
		for k := range count {
			p, err := Random(src, rows, cols, bias)
			if err != nil {
				panic("patterns: RandomSeq: " + err.Error()) // checked above
			}
			p.Name = "random " + strconv.Itoa(k+1)
			if !yield(p) {
				return
			}
		}
	}, nil
}

// checkRandom checks the arguments of [Random].
func checkRandom(rows, cols int, bias float64) error {
	if rows < 1 || cols < 1 {
		return fmt.Errorf("random pattern: shape %dx%d: want at least 1x1", rows, cols)
	}
	return checkFraction("bias", bias)
}

// checkFraction returns an error unless 0 <= v <= 1.
func checkFraction(what string, v float64) error {
	if math.IsNaN(v) || v < 0 || v > 1 {
		return fmt.Errorf("%s %v outside [0, 1]", what, v)
	}
	return nil
}

// sizedName is base, or base:size when size is not the default.
func sizedName(base string, size, def int) string {
	if size == def {
		return base
	}
	return fmt.Sprintf("%s:%d", base, size)
}
