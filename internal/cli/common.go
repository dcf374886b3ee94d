package cli

import (
	"flag"
	"fmt"

	"github.com/hopfield-lab/hopfield/patterns"
)

// DefaultSeed is the seed used when --seed is not given: runs are
// reproducible by default, and every command prints the seed it used.
const DefaultSeed = 1

// seedFlag declares --seed on fs.
func seedFlag(fs *flag.FlagSet) *uint64 {
	return fs.Uint64("seed", DefaultSeed, "seed of the random number generator (PCG); the same seed gives the same result")
}

// printSeed reports the seed on stderr, so that any run can be repeated.
func (env *Env) printSeed(seed uint64) {
	fmt.Fprintf(env.Stderr, "seed %d\n", seed)
}

// maxArt is the largest side of a pattern printed as text art: wider
// patterns wrap in a terminal and are better seen as an image.
const maxArt = 64

// plural picks the singular text for n == 1 and otherwise formats many
// with n: plural(n, "1 step", "%d steps").
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}

// imageFlags are the flags that say how images are read.
type imageFlags struct {
	threshold, band float64
	invert          bool
}

func (f *imageFlags) declare(fs *flag.FlagSet) {
	fs.Float64Var(&f.threshold, "image-threshold", 0.5, "images: gray level in (0, 1) below which a pixel is ink (+1)")
	fs.BoolVar(&f.invert, "invert", false, "images: light pixels are ink")
	fs.Float64Var(&f.band, "unknown-band", 0, "images: read gray levels within this distance of --image-threshold as unknown (0.1 reads the mid-gray that hopfield writes); 0: none")
}

// options checks the flags and returns them as image options.
func (f *imageFlags) options() (patterns.ImageOptions, error) {
	if !(f.threshold > 0 && f.threshold < 1) {
		return patterns.ImageOptions{}, Usagef("--image-threshold: want a gray level strictly between 0 and 1, got %v", f.threshold)
	}
	if !(f.band >= 0 && f.band < 1) {
		return patterns.ImageOptions{}, Usagef("--unknown-band: want a distance in [0, 1), got %v", f.band)
	}
	return patterns.ImageOptions{Threshold: f.threshold, Invert: f.invert, UnknownBand: f.band}, nil
}
