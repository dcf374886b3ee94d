package hopfield

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// Update is the schedule by which neurons are updated.
type Update int

const (
	// Synchronous updates every neuron at once from the same old state:
	// S(t+1) = sign(W S(t) - theta).
	Synchronous Update = iota
	// Asynchronous updates one neuron at a time, drawn at random with
	// replacement, as the notebook does. A sweep is N such draws.
	Asynchronous
	// Permutation updates every neuron once per sweep, in a fresh random order.
	Permutation
	// Sequential updates neurons 0, 1, ..., N-1 in turn.
	Sequential
	// Glauber is stochastic asynchronous dynamics at temperature T: a drawn
	// neuron becomes +1 with probability 1/(1 + exp(-2 (h_i - theta_i) / T))
	// (1/(1 + exp(-(h_i - theta_i)/T)) for binary 0/1 neurons).
	Glauber
)

var updateNames = []string{"sync", "async", "permutation", "sequential", "glauber"}

func (u Update) String() string {
	if u >= 0 && int(u) < len(updateNames) {
		return updateNames[u]
	}
	return fmt.Sprintf("Update(%d)", int(u))
}

// ParseUpdate returns the schedule named sync, async, permutation,
// sequential or glauber.
func ParseUpdate(name string) (Update, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	switch name {
	case "synchronous":
		return Synchronous, nil
	case "asynchronous", "random":
		return Asynchronous, nil
	}
	for i, s := range updateNames {
		if s == name {
			return Update(i), nil
		}
	}
	return 0, fmt.Errorf("unknown update %q (want sync, async, permutation, sequential or glauber)", name)
}

// Tie settles a neuron whose field equals its threshold exactly.
type Tie int

const (
	// TieKeep keeps the neuron's current value (an unknown neuron takes +1).
	TieKeep Tie = iota
	// TiePlus sets the neuron high: the notebook's sign with x >= 0.
	TiePlus
	// TieMinus sets the neuron low: the notebook's sign with x > 0.
	TieMinus
)

var tieNames = []string{"keep", "plus", "minus"}

func (t Tie) String() string {
	if t >= 0 && int(t) < len(tieNames) {
		return tieNames[t]
	}
	return fmt.Sprintf("Tie(%d)", int(t))
}

// ParseTie returns the tie rule named keep, plus or minus.
func ParseTie(name string) (Tie, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	for i, s := range tieNames {
		if s == name {
			return Tie(i), nil
		}
	}
	return 0, fmt.Errorf("unknown tie rule %q (want keep, plus or minus)", name)
}

// DefaultMaxSteps is the step limit when RunOptions.MaxSteps is zero.
const DefaultMaxSteps = 100

// RunOptions control a run of the dynamics. The zero value is synchronous
// dynamics with the keep tie rule for at most DefaultMaxSteps steps.
type RunOptions struct {
	Update Update
	Tie    Tie
	// Temperature is Glauber dynamics' T >= 0. At T = 0 Glauber is
	// deterministic (random neuron order, the tie rule decides ties).
	Temperature float64
	// MaxSteps bounds the synchronous steps, or the sweeps of N
	// single-neuron updates for the asynchronous schedules.
	MaxSteps int
	// MaxUpdates, if positive, stops an asynchronous run after exactly this
	// many single-neuron updates (the notebook's K), or earlier at a fixed point.
	MaxUpdates int
	// Source drives the random schedules (Asynchronous, Permutation,
	// Glauber). The same source state gives the same run, bit for bit.
	Source rand.Source
	// Clamp, if not nil, holds clamp[i] = true for neurons kept at their
	// cue value throughout.
	Clamp []bool
	// Observe, if not nil, is called with the initial state and after each
	// step (synchronous), each sweep, or each single-neuron update when
	// EveryUpdate is set. An error from it stops the run and is returned.
	Observe     func(*Event) error
	EveryUpdate bool
}

// Sentinels of [*OptionError] for options that are valid alone but not
// together.
var (
	// ErrTemperatureNotGlauber: a temperature for a schedule other than
	// Glauber.
	ErrTemperatureNotGlauber = errors.New("temperature is for glauber updates")
	// ErrNoSource: a random schedule without RunOptions.Source.
	ErrNoSource = errors.New("random updates need RunOptions.Source")
)

// OptionError reports a RunOptions field that cannot be used, in parts
// that a command or a web form words in its own terms (a flag, a JSON
// field): the field, its value and what it should hold.
type OptionError struct {
	// Field is the option in lower case, as the lab's JSON names it:
	// update, tie, temperature, max_steps, max_updates, clamp or source.
	Field string
	Value any
	Want  string // what the field should hold, e.g. "a finite number >= 0"
	// Err is a sentinel for a value that is valid alone but not with the
	// other options; nil for a bad value.
	Err error
	msg string
}

func (e *OptionError) Error() string { return "hopfield: " + e.msg }

func (e *OptionError) Unwrap() error { return e.Err }

// badOption returns an *OptionError for a bad value.
func badOption(field string, v any, want string) error {
	return &OptionError{Field: field, Value: v, Want: want, msg: fmt.Sprintf("%s %v: want %s", field, v, want)}
}

// Validate reports the first option that cannot be used, as an
// [*OptionError]. Network.Run calls it; commands call it to check their
// flags before reading any file. The clamp mask's length is checked by Run,
// which knows N.
func (o RunOptions) Validate() error {
	switch {
	case o.Update < Synchronous || o.Update > Glauber:
		return badOption("update", o.Update, "sync, async, permutation, sequential or glauber")
	case o.Tie < TieKeep || o.Tie > TieMinus:
		return badOption("tie", o.Tie, "keep, plus or minus")
	case math.IsNaN(o.Temperature) || o.Temperature < 0 || math.IsInf(o.Temperature, 0):
		return badOption("temperature", o.Temperature, "a finite number >= 0")
	case o.Temperature > 0 && o.Update != Glauber:
		return &OptionError{Field: "temperature", Value: o.Temperature, Want: "0 for " + o.Update.String() + " updates", Err: ErrTemperatureNotGlauber,
			msg: fmt.Sprintf("temperature %v is for glauber updates, not %v", o.Temperature, o.Update)}
	case o.MaxSteps < 0:
		return badOption("max_steps", o.MaxSteps, "a number >= 0 (0 for the default)")
	case o.MaxUpdates < 0:
		return badOption("max_updates", o.MaxUpdates, "a number >= 0 (0 for no limit)")
	case o.Source == nil && (o.Update == Asynchronous || o.Update == Permutation || o.Update == Glauber):
		return &OptionError{Field: "source", Want: "a random source (see NewSource)", Err: ErrNoSource,
			msg: fmt.Sprintf("%v updates need RunOptions.Source (see NewSource)", o.Update)}
	}
	return nil
}

// NewSource returns the PCG source that the library and its commands use for
// a seed.
func NewSource(seed uint64) rand.Source {
	return rand.NewPCG(seed, 0x9e3779b97f4a7c15)
}
