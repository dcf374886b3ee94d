package lab

import (
	"fmt"
	"time"

	"github.com/hopfield-lab/hopfield"
)

// Default limits; see [Limits].
const (
	DefaultMaxNeurons     = 10_000
	DefaultMaxPatterns    = 64
	DefaultMaxRandom      = 100_000
	DefaultMaxSteps       = 1_000
	DefaultMaxFrames      = 100_000
	DefaultMaxWeightBytes = 64 << 20

	// DefaultSeed is the seed of a request that gives none: the command
	// line's default, so that the lab and the command agree.
	DefaultSeed = 1

	// MaxSeed is the largest seed the lab takes, 2^53-1: the largest whole
	// number a page's JavaScript holds exactly, so that a seed survives the
	// page and its links unrounded.
	MaxSeed = 1<<53 - 1
)

// Limits bound what one request may ask of the lab, so that every answer
// comes back within a fraction of a second or can be stopped: in the
// browser, on a shared server. A zero field takes its default.
type Limits struct {
	// MaxNeurons bounds N = rows*cols of every grid (default 10,000, which
	// holds the notebook's 100x100 pictures).
	MaxNeurons int
	// MaxPatterns bounds the patterns stored in one memory.
	MaxPatterns int
	// MaxRandom bounds the random patterns a memory may add
	// (MemoryRequest.Random); MaxWeightBytes bounds them too.
	MaxRandom int
	// MaxSteps bounds a run's synchronous steps or asynchronous sweeps.
	MaxSteps int
	// MaxFrames bounds the lines one run may stream.
	MaxFrames int
	// MaxWeightBytes bounds the weights one request may build. The Storkey
	// rule is always dense (8 N^2 bytes), so this caps its N.
	MaxWeightBytes int64
	// RunTimeout, if positive, bounds one recall run's time.
	RunTimeout time.Duration
	// Host names what enforces the limits in messages: "server" ("above
	// this server's limit"), or by default "lab".
	Host string
}

// host is the name of what enforces the limits.
func (l Limits) host() string {
	if l.Host == "" {
		return "lab"
	}
	return l.Host
}

// WithDefaults returns the limits with their zero fields set to the
// defaults.
func (l Limits) WithDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxNeurons, DefaultMaxNeurons)
	def(&l.MaxPatterns, DefaultMaxPatterns)
	def(&l.MaxRandom, DefaultMaxRandom)
	def(&l.MaxSteps, DefaultMaxSteps)
	def(&l.MaxFrames, DefaultMaxFrames)
	if l.MaxWeightBytes <= 0 {
		l.MaxWeightBytes = DefaultMaxWeightBytes
	}
	return l
}

// GridSizes are the square grids the lab offers.
var GridSizes = []int{5, 10, 32, 100}

// LimitsResponse tells the page what the lab accepts, so that it can offer
// only valid choices.
type LimitsResponse struct {
	MaxNeurons     int      `json:"max_neurons"`
	MaxPatterns    int      `json:"max_patterns"`
	MaxRandom      int      `json:"max_random"`
	MaxSteps       int      `json:"max_steps"`
	MaxFrames      int      `json:"max_frames"`
	MaxBodyBytes   int64    `json:"max_body_bytes,omitempty"`
	MaxWeightBytes int64    `json:"max_weight_bytes"`
	Sizes          []int    `json:"sizes"`
	Rules          []string `json:"rules"`
	Energies       []string `json:"energies"`
	Updates        []string `json:"updates"`
	Ties           []string `json:"ties"`
}

// Describe returns the limits for the page.
func (l Limits) Describe() LimitsResponse {
	sizes := []int{}
	for _, n := range GridSizes {
		if n*n <= l.MaxNeurons {
			sizes = append(sizes, n)
		}
	}
	return LimitsResponse{
		MaxNeurons: l.MaxNeurons, MaxPatterns: l.MaxPatterns, MaxRandom: l.MaxRandom, MaxSteps: l.MaxSteps,
		MaxFrames: l.MaxFrames, MaxWeightBytes: l.MaxWeightBytes,
		Sizes:    sizes,
		Rules:    ruleNames(),
		Energies: []string{"poly:2", "poly:3", "poly:4", "rpoly:3", "exp", "lse"},
		Updates:  names(hopfield.Synchronous, hopfield.Glauber),
		Ties:     names(hopfield.TieKeep, hopfield.TieMinus),
	}
}

// names are the names of the values from first to last.
func names[T ~int](first, last T) []string {
	var s []string
	for v := first; v <= last; v++ {
		s = append(s, fmt.Sprint(v))
	}
	return s
}

// ruleNames are the rules a memory takes: the library's and the
// continuous network's.
func ruleNames() []string {
	var names []string
	for _, r := range hopfield.Rules() {
		names = append(names, r.String())
	}
	return append(names, ruleSoftmax)
}

// CheckShape validates a grid's shape against the limits.
func (l Limits) CheckShape(rows, cols int) error {
	if rows < 1 || cols < 1 {
		return Errorf("grid %dx%d: rows and cols must be at least 1", rows, cols)
	}
	if rows > l.MaxNeurons || cols > l.MaxNeurons || rows*cols > l.MaxNeurons {
		return Errorf("grid %dx%d has more than the %s's maximum of %d neurons", rows, cols, l.host(), l.MaxNeurons)
	}
	return nil
}
