package patterns_test

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/hopfield-lab/hopfield/patterns"
)

func ExampleCheckerboard() {
	fmt.Println(patterns.Checkerboard(5))
	// Output:
	// .#.#.
	// #.#.#
	// .#.#.
	// #.#.#
	// .#.#.
}

func ExampleLetterA() {
	a := patterns.LetterA()
	fmt.Println(a)
	fmt.Println(a.Vector().Data[:5]) // the notebook's to_vector
	// Output:
	// ..#..
	// .#.#.
	// #####
	// #...#
	// #...#
	// [-1 -1 1 -1 -1]
}

func ExampleLetter() {
	p, err := patterns.Letter('H', 7)
	if err != nil {
		panic(err)
	}
	fmt.Println(p)
	// Output:
	// .#...#.
	// .#...#.
	// .#...#.
	// .#####.
	// .#...#.
	// .#...#.
	// .#...#.
}

func ExampleBuiltin() {
	for _, name := range []string{"seed:BU", "seed:X:3", "alphabet:K:32", "seed:Q"} {
		p, err := patterns.Builtin(name)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p.Name, p.Shape(), p.Ink())
	}
	// Output:
	// seed:BU 100x100 4750
	// seed:X:3 3x3 5
	// alphabet:K:32 32x32 126
	// unknown built-in pattern "seed:Q" (valid: seed:checkerboard[:N], seed:X[:N], seed:A, seed:BU, seed:BC, seed:star, alphabet:A..alphabet:Z[:N])
}

func ExampleFlipExact() {
	// The notebook's S = noisy_bipolar(c2, noise_level=0.2) on the 5x5 X.
	c2 := patterns.X(5)
	rng := rand.New(rand.NewPCG(1, 2))
	s := c2.Clone()
	if _, err := patterns.FlipExact(s.Data, c2.Data, 0.2, rng); err != nil {
		panic(err)
	}
	flipped := 0
	for i := range s.Data {
		if s.Data[i] != c2.Data[i] {
			flipped++
		}
	}
	fmt.Println("flipped", flipped, "of", c2.N())
	// Output: flipped 5 of 25
}

func ExampleCount() {
	k, _ := patterns.Count(0.29, 100)
	nb, _ := patterns.NotebookCount(0.29, 100)
	fmt.Println(k, nb)
	// Output: 29 28
}

func ExampleKeepPrefix() {
	// The notebook's mixed cue: 3/4 of xi1, then xi2.
	xi1 := []int8{1, 1, 1, 1, 1, 1, 1, 1}
	xi2 := []int8{-1, -1, -1, -1, -1, -1, -1, -1}
	s, err := patterns.KeepPrefix(make([]int8, 8), xi1, 0.75, xi2)
	if err != nil {
		panic(err)
	}
	fmt.Println(s)
	// Output: [1 1 1 1 1 1 -1 -1]
}

func ExampleEraseRange() {
	// The notebook's S[5000:] = 0: the bottom half of a 100x100 cue unknown.
	bu := patterns.BU()
	cue := bu.Clone()
	if _, err := patterns.EraseRange(cue.Data, bu.Data, 5000, bu.N()); err != nil {
		panic(err)
	}
	fmt.Println(cue.Unknowns(), cue.At(49, 5), cue.At(50, 5))
	// Output: 5000 1 0
}

func ExampleReadText() {
	ps, err := patterns.ReadText(strings.NewReader(`
; name: T
###
.#.
.#.

; name: cue
#??
`))
	if err != nil {
		panic(err)
	}
	for _, p := range ps {
		fmt.Println(p.Name, p.Shape(), p.Data)
	}
	// Output:
	// T 3x3 [1 1 1 -1 1 -1 -1 1 -1]
	// cue 1x3 [1 0 0]
}
