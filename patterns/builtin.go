package patterns

import (
	"fmt"
	"strconv"
	"strings"
)

// DefaultLetterSize is the size of alphabet:A .. alphabet:Z when no size is
// given.
const DefaultLetterSize = 10

// MaxSeedSize bounds the size N of seed:checkerboard:N and seed:X:N.
const MaxSeedSize = 1024

// BuiltinInfo describes a built-in pattern for a help text or a menu.
type BuiltinInfo struct {
	Name        string // e.g. "seed:BU" or "alphabet:A"
	Description string
	Rows, Cols  int  // shape at the default size
	Sized       bool // whether Name:N is accepted for another size
}

// seeds are the notebook's patterns, in the order the notebook draws them.
var seeds = []struct {
	info BuiltinInfo
	make func(size int) Pattern
}{
	{BuiltinInfo{"seed:checkerboard", "notebook checkerboard, (i+j)%2 (seed:checkerboard:N for NxN)", 5, 5, true}, Checkerboard},
	{BuiltinInfo{"seed:X", "notebook X, both diagonals (seed:X:N for NxN)", 5, 5, true}, X},
	{BuiltinInfo{"seed:A", "notebook 5x5 block letter A", 5, 5, false}, func(int) Pattern { return LetterA() }},
	{BuiltinInfo{"seed:BU", "notebook 100x100 letters BU", 100, 100, false}, func(int) Pattern { return BU() }},
	{BuiltinInfo{"seed:BC", "notebook 100x100 letters BC", 100, 100, false}, func(int) Pattern { return BC() }},
	{BuiltinInfo{"seed:star", "notebook 100x100 eight-point star", 100, 100, false}, func(int) Pattern { return Star() }},
}

// Builtins lists the built-in patterns: the notebook's seeds, then
// alphabet:A .. alphabet:Z at the default size.
func Builtins() []BuiltinInfo {
	out := make([]BuiltinInfo, 0, len(seeds)+26)
	for _, s := range seeds {
		out = append(out, s.info)
	}
	for ch := 'A'; ch <= 'Z'; ch++ {
		out = append(out, BuiltinInfo{
			Name:        "alphabet:" + string(ch),
			Description: fmt.Sprintf("letter %c of the built-in 5x7 font (alphabet:%c:N for NxN, N >= %d)", ch, ch, MinLetterSize),
			Rows:        DefaultLetterSize, Cols: DefaultLetterSize, Sized: true,
		})
	}
	return out
}

// IsBuiltin reports whether name is in the built-in namespace ("seed:" or
// "alphabet:" prefix). It does not check that the name is valid.
func IsBuiltin(name string) bool {
	return strings.HasPrefix(name, "seed:") || strings.HasPrefix(name, "alphabet:")
}

// builtinForms is the list of valid forms quoted by errors.
const builtinForms = "seed:checkerboard[:N], seed:X[:N], seed:A, seed:BU, seed:BC, seed:star, alphabet:A..alphabet:Z[:N]"

// Builtin returns the built-in pattern called name:
//
//	seed:checkerboard, seed:checkerboard:N   notebook checkerboard, 5x5 or NxN
//	seed:X, seed:X:N                         notebook X, 5x5 or NxN
//	seed:A                                   notebook 5x5 A
//	seed:BU, seed:BC, seed:star              notebook 100x100 pictures
//	alphabet:A .. alphabet:Z, alphabet:A:N   built-in font, 10x10 or NxN
//
// The part after the prefix is matched without regard to case. An unknown
// name gives an error that names it and lists the valid forms.
func Builtin(name string) (Pattern, error) {
	kind, rest, ok := strings.Cut(name, ":")
	if !ok {
		return Pattern{}, unknownBuiltin(name)
	}
	key, sizeStr, hasSize := strings.Cut(rest, ":")
	size := 0
	if hasSize {
		n, err := strconv.Atoi(sizeStr)
		if err != nil || n < 1 {
			return Pattern{}, fmt.Errorf("built-in pattern %q: size %q is not a positive integer", name, sizeStr)
		}
		size = n
	}
	switch kind {
	case "seed":
		for _, s := range seeds {
			base := strings.TrimPrefix(s.info.Name, "seed:")
			if !strings.EqualFold(key, base) {
				continue
			}
			switch {
			case !hasSize:
				size = s.info.Rows
			case !s.info.Sized:
				return Pattern{}, fmt.Errorf("built-in pattern %q: %s has a fixed %dx%d shape and takes no size", name, s.info.Name, s.info.Rows, s.info.Cols)
			case size > MaxSeedSize:
				return Pattern{}, fmt.Errorf("built-in pattern %q: size %d above the maximum %d", name, size, MaxSeedSize)
			}
			return s.make(size), nil
		}
	case "alphabet":
		r := []rune(key)
		if len(r) == 1 {
			if !hasSize {
				size = DefaultLetterSize
			}
			p, err := Letter(r[0], size)
			if err != nil {
				return Pattern{}, fmt.Errorf("built-in pattern %q: %v", name, err)
			}
			return p, nil
		}
	}
	return Pattern{}, unknownBuiltin(name)
}

func unknownBuiltin(name string) error {
	return fmt.Errorf("unknown built-in pattern %q (valid: %s)", name, builtinForms)
}
