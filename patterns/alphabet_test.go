package patterns

import (
	"fmt"
	"testing"
)

var letterSizes = []int{5, 6, 7, 10, 16, 32, 100}

func TestLetterShapes(t *testing.T) {
	for _, size := range letterSizes {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			seen := map[string]rune{}
			for ch := 'A'; ch <= 'Z'; ch++ {
				p, err := Letter(ch, size)
				if err != nil {
					t.Fatal(err)
				}
				if p.Rows != size || p.Cols != size || p.Validate() != nil {
					t.Fatalf("%c: shape %s", ch, p.Shape())
				}
				if p.Ink() == 0 || p.Unknowns() != 0 {
					t.Fatalf("%c: ink %d, unknowns %d", ch, p.Ink(), p.Unknowns())
				}
				// Every letter differs from every other at every size.
				if other, ok := seen[p.String()]; ok {
					t.Fatalf("%c and %c look the same at size %d", ch, other, size)
				}
				seen[p.String()] = ch
				checkCentred(t, p, ch)
			}
		})
	}
}

// checkCentred checks that the ink's bounding box is centred within one
// neuron and keeps the margin.
func checkCentred(t *testing.T, p Pattern, ch rune) {
	t.Helper()
	top, left, bottom, right := p.Rows, p.Cols, -1, -1
	for r := range p.Rows {
		for c := range p.Cols {
			if p.At(r, c) == 1 {
				top, bottom = min(top, r), max(bottom, r)
				left, right = min(left, c), max(right, c)
			}
		}
	}
	// The font's letters all touch rows 0 and 6, so the vertical extent
	// is the glyph's; horizontally narrow letters (I) may not touch both
	// sides, so only check the vertical centring and the margins.
	if d := top - (p.Rows - 1 - bottom); d < -1 || d > 1 {
		t.Errorf("%c at %d: rows %d..%d not centred", ch, p.Rows, top, bottom)
	}
	margin := p.Rows / 10
	if top < margin || left < margin || bottom > p.Rows-1-margin || right > p.Cols-1-margin {
		t.Errorf("%c at %d: ink box (%d,%d)-(%d,%d) inside the %d margin", ch, p.Rows, top, left, bottom, right, margin)
	}
}

// TestLetterScaling checks that each size shows the 5x7 glyph scaled by a
// whole factor (or squashed to 5x5 for sizes 5 and 6).
func TestLetterScaling(t *testing.T) {
	for _, tc := range []struct {
		size, k, top, left int
	}{
		{7, 1, 0, 1}, {10, 1, 1, 2}, {16, 2, 1, 3}, {32, 3, 5, 8}, {100, 11, 11, 22},
	} {
		t.Run(fmt.Sprint(tc.size), func(t *testing.T) {
			for i, g := range font {
				p, _ := Letter(rune('A'+i), tc.size)
				for r := range glyphRows * tc.k {
					for c := range glyphCols * tc.k {
						want := int8(-1)
						if g[r/tc.k][c/tc.k] == '#' {
							want = 1
						}
						if got := p.At(tc.top+r, tc.left+c); got != want {
							t.Fatalf("%c: (%d, %d) = %d, want %d", 'A'+i, tc.top+r, tc.left+c, got, want)
						}
					}
				}
				if p.Ink() != glyphInk(g)*tc.k*tc.k {
					t.Fatalf("%c: ink %d outside the glyph", 'A'+i, p.Ink())
				}
			}
		})
	}
}

func glyphInk(g [glyphRows]string) int {
	n := 0
	for _, row := range g {
		for _, c := range row {
			if c == '#' {
				n++
			}
		}
	}
	return n
}

func TestLetterSmall(t *testing.T) {
	for _, tc := range []struct {
		ch   rune
		want []string
	}{
		{'A', []string{".###.", "#...#", "#####", "#...#", "#...#"}},
		{'T', []string{"#####", "..#..", "..#..", "..#..", "..#.."}},
		{'S', []string{".####", "#....", ".###.", "....#", "####."}},
		{'Z', []string{"#####", "...#.", "..#..", ".#...", "#####"}},
	} {
		p, err := Letter(tc.ch, 5)
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, p, pat(t, tc.want...))
	}
	// Size 6: the 5x5 form in the top-left 5x5 block.
	p, _ := Letter('T', 6)
	q, _ := Letter('T', 5)
	for r := range 5 {
		for c := range 5 {
			if p.At(r, c) != q.At(r, c) {
				t.Fatalf("T at 6 differs from T at 5 at (%d, %d)", r, c)
			}
		}
	}
	if p.Ink() != q.Ink() {
		t.Error("T at 6 has ink outside the 5x5 block")
	}
	// The alphabet's A is not the notebook's.
	if a, _ := Letter('A', 5); a.Equal(LetterA()) {
		t.Error("Letter('A', 5) equals the notebook's A")
	}
}

func TestLetterArgs(t *testing.T) {
	lower, err := Letter('q', 10)
	if err != nil {
		t.Fatal(err)
	}
	upper, _ := Letter('Q', 10)
	assertEqual(t, lower, upper)
	if upper.Name != "alphabet:Q" {
		t.Errorf("name %q", upper.Name)
	}
	if p, _ := Letter('Q', 32); p.Name != "alphabet:Q:32" {
		t.Errorf("name %q", p.Name)
	}
	for _, tc := range []struct {
		ch   rune
		size int
		want string
	}{
		{'1', 10, `letter '1' not in the alphabet`},
		{'é', 10, `letter 'é'`},
		{'A', 4, "letter size 4 outside [5, 1024]"},
		{'A', 1025, "letter size 1025"},
	} {
		_, err := Letter(tc.ch, tc.size)
		assertErr(t, err, tc.want)
	}
}
