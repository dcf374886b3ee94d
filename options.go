package hopfield

import (
	"fmt"
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

// End says how a run ended.
type End int

const (
	// FixedPoint: no neuron would change (S(t+1) = S(t), or a whole
	// asynchronous sweep without a flip).
	FixedPoint End = iota + 1
	// Cycle: synchronous dynamics returned to the state of two steps before,
	// the only other end for symmetric weights (Bruck 1990).
	Cycle
	// StepLimit: MaxSteps or MaxUpdates was reached first. Glauber runs at
	// T > 0 always end here.
	StepLimit
	// Stopped: the observer returned an error.
	Stopped
)

func (e End) String() string {
	switch e {
	case FixedPoint:
		return "fixed point"
	case Cycle:
		return "2-cycle"
	case StepLimit:
		return "step limit"
	case Stopped:
		return "stopped"
	}
	return fmt.Sprintf("End(%d)", int(e))
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

// NewSource returns the PCG source that the library and its commands use for
// a seed.
func NewSource(seed uint64) rand.Source {
	return rand.NewPCG(seed, 0x9e3779b97f4a7c15)
}
