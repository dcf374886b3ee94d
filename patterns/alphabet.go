package patterns

import (
	"fmt"
	"unicode"

	"github.com/hopfield-lab/hopfield"
)

// Glyph size of the built-in alphabet.
const (
	glyphRows = 7
	glyphCols = 5
)

// MinLetterSize and MaxLetterSize bound the size accepted by [Letter].
const (
	MinLetterSize = 5
	MaxLetterSize = 1024
)

// font is a 5x7 block font for A-Z. The middle stroke of each letter is on
// row 3, and rows 1 and 5 only repeat or bridge their neighbours, so that
// dropping them (as the 5x5 rendering does) keeps every letter readable.
var font = [26][glyphRows]string{
	{".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}, // A
	{"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."}, // B
	{".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."}, // C
	{"####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."}, // D
	{"#####", "#....", "#....", "####.", "#....", "#....", "#####"}, // E
	{"#####", "#....", "#....", "####.", "#....", "#....", "#...."}, // F
	{".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".###."}, // G
	{"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}, // H
	{".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."}, // I
	{"..###", "....#", "....#", "....#", "#...#", "#...#", ".###."}, // J
	{"#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"}, // K
	{"#....", "#....", "#....", "#....", "#....", "#....", "#####"}, // L
	{"#...#", "##.##", "##.##", "#.#.#", "#...#", "#...#", "#...#"}, // M
	{"#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"}, // N
	{".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}, // O
	{"####.", "#...#", "#...#", "####.", "#....", "#....", "#...."}, // P
	{".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"}, // Q
	{"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"}, // R
	{".####", "#....", "#....", ".###.", "....#", "....#", "####."}, // S
	{"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."}, // T
	{"#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}, // U
	{"#...#", "#...#", "#...#", ".#.#.", ".#.#.", "..#..", "..#.."}, // V
	{"#...#", "#...#", "#...#", "#.#.#", "##.##", "##.##", "#...#"}, // W
	{"#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"}, // X
	{"#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."}, // Y
	{"#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"}, // Z
}

// squashRows are the glyph rows kept when a letter must fit in fewer than 7
// rows: nearest-neighbour sampling of 7 rows down to 5.
var squashRows = [5]int{0, 2, 3, 4, 6}

// Letter returns the letter ch (A-Z, case-insensitive) of the built-in 5x7
// alphabet as a size x size pattern, for MinLetterSize <= size <=
// MaxLetterSize.
//
// The glyph is scaled by nearest neighbour with the largest whole factor k
// such that the 7k x 5k letter fits inside a margin of size/10 cells, and
// centred; so size 7 and 10 show the 7x5 glyph itself, 16 shows it at 14x10,
// 32 at 21x15 and 100 at 77x55. Sizes 5 and 6 are too small for 7 rows: the
// glyph is sampled down to 5x5 (rows 0, 2, 3, 4 and 6).
//
// This alphabet is separate from the notebook's 5x5 A, [LetterA].
func Letter(ch rune, size int) (Pattern, error) {
	up := unicode.ToUpper(ch)
	if up < 'A' || up > 'Z' {
		return Pattern{}, fmt.Errorf("letter %q not in the alphabet (want A-Z)", ch)
	}
	if size < MinLetterSize || size > MaxLetterSize {
		return Pattern{}, fmt.Errorf("letter size %d outside [%d, %d]", size, MinLetterSize, MaxLetterSize)
	}
	g := font[up-'A']
	p := New(sizedName("alphabet:"+string(up), size, DefaultLetterSize), size, size)
	k := (size - 2*(size/10)) / glyphRows
	if k == 0 {
		top, left := (size-5)/2, (size-5)/2
		for r, gr := range squashRows {
			for c := range glyphCols {
				if g[gr][c] == '#' {
					p.Set(top+r, left+c, hopfield.Plus)
				}
			}
		}
		return p, nil
	}
	h, w := glyphRows*k, glyphCols*k
	top, left := (size-h)/2, (size-w)/2
	for r := range h {
		for c := range w {
			if g[r/k][c/k] == '#' {
				p.Set(top+r, left+c, hopfield.Plus)
			}
		}
	}
	return p, nil
}
