package capacity

import (
	"math"
	"math/rand/v2"

	"github.com/hopfield-lab/hopfield"
)

// Seeds. Every random draw of a sweep comes from a source whose seed is a
// hash of the user's seed and the coordinates of the draw, never from a
// shared stream, so the numbers do not depend on how the work is scheduled,
// on the number of cores, or on the shard that computes a cell.

// Streams separate the uses of one coordinate's seed.
const (
	streamPatterns uint64 = iota + 1
	streamProbes
	streamCue
	streamDynamics
	streamStart
)

// mix hashes words into a seed with the splitmix64 finaliser, one word at a
// time; distinct inputs give independent-looking seeds.
func mix(words ...uint64) uint64 {
	h := uint64(0x243f6a8885a308d3) // pi, to make mix() of nothing nonzero
	for _, w := range words {
		h ^= w
		h += 0x9e3779b97f4a7c15
		h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9
		h = (h ^ (h >> 27)) * 0x94d049bb133111eb
		h ^= h >> 31
	}
	return h
}

// rng returns a generator for the seed derived from words.
func rng(words ...uint64) *rand.Rand { return rand.New(hopfield.NewSource(mix(words...))) }

// trialSeed is the seed of one network: it depends on (N, trial) but not
// on the rule, P or the noise. Rules therefore see the same patterns
// (common random numbers, which makes their differences less noisy); the
// noise levels of a trial probe the same network (so a basin curve is
// smooth in the noise); and a cell with P patterns stores the first P of
// the trial's stream, so the networks of one trial at growing loads are
// nested and can be built incrementally.
func trialSeed(seed uint64, n, trial int) uint64 {
	return mix(seed, uint64(n), uint64(trial))
}

// probeSeed is the seed of the k-th probe of a trial's network with P
// patterns, from a cue with the given noise.
func probeSeed(trial uint64, p int, noise float64, k int) uint64 {
	return mix(trial, uint64(p), math.Float64bits(noise), uint64(k))
}

// patternStream draws random unbiased +-1 patterns of n neurons, 64 bits
// per call of the generator.
type patternStream struct {
	n   int
	rng *rand.Rand
}

func newPatternStream(seed uint64, n int) *patternStream {
	return &patternStream{n: n, rng: rng(seed, streamPatterns)}
}

// next returns count new patterns in one contiguous block.
func (ps *patternStream) next(count int) [][]int8 {
	block := make([]int8, count*ps.n)
	out := make([][]int8, count)
	for mu := range out {
		x := block[mu*ps.n : (mu+1)*ps.n]
		for i := 0; i < len(x); i += 64 {
			bits := ps.rng.Uint64()
			for j := i; j < min(i+64, len(x)); j++ {
				x[j] = int8(bits&1)*2 - 1
				bits >>= 1
			}
		}
		out[mu] = x
	}
	return out
}
