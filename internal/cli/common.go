package cli

import (
	"flag"
	"fmt"
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
