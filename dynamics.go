package hopfield

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

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

// Result is the outcome of a run.
type Result struct {
	State   []int8
	End     End
	Steps   int // synchronous steps, or asynchronous sweeps (the last may be partial)
	Updates int // single-neuron updates
	Flips   int // neurons that changed value, summed over the run
}

// Run starts the dynamics at cue and runs them until a fixed point, a 2-cycle
// (synchronous) or a limit. The cue is not modified. For a bipolar network it
// may hold 0 for unknown neurons; each takes a value at its first update.
func (net *Network) Run(cue []int8, opt RunOptions) (Result, error) {
	if err := checkState(cue, net.n, net.neurons, true); err != nil {
		return Result{}, fmt.Errorf("hopfield: cue: %w", err)
	}
	if err := net.checkOptions(&opt); err != nil {
		return Result{}, err
	}
	r := &runner{net: net, opt: opt, s: slices.Clone(cue)}
	for i, c := range opt.Clamp {
		if !c {
			r.free = append(r.free, i)
		}
	}
	if opt.Clamp == nil {
		r.free = make([]int, net.n)
		for i := range r.free {
			r.free[i] = i
		}
	}
	if opt.Observe != nil {
		r.overlaps = newOverlapCounter(net, r.s)
	}
	if opt.Source != nil {
		r.rng = rand.New(opt.Source)
	}
	if err := r.emit(0, -1, 0); err != nil {
		return r.result(Stopped), err
	}
	if opt.Update == Synchronous {
		return r.runSync()
	}
	return r.runAsync()
}

func (net *Network) checkOptions(opt *RunOptions) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	if opt.Clamp != nil && len(opt.Clamp) != net.n {
		return badOption("clamp", fmt.Sprintf("mask of %d entries", len(opt.Clamp)), fmt.Sprintf("one entry per neuron (%d)", net.n))
	}
	if opt.MaxSteps == 0 {
		opt.MaxSteps = DefaultMaxSteps
	}
	return nil
}

type runner struct {
	net      *Network
	opt      RunOptions
	s        []int8
	free     []int // neurons that are not clamped, in order
	rng      *rand.Rand
	overlaps *overlapCounter
	steps    int
	updates  int
	flips    int
}

func (r *runner) result(end End) Result {
	return Result{State: r.s, End: end, Steps: r.steps, Updates: r.updates, Flips: r.flips}
}

func (r *runner) emit(step, neuron, flips int) error {
	if r.opt.Observe == nil {
		return nil
	}
	e := Event{Step: step, Updates: r.updates, Neuron: neuron, Flips: flips, State: r.s, net: r.net, overlaps: r.overlaps}
	return r.opt.Observe(&e)
}

// decide returns the new value of neuron i with field h (scaled) and current
// value cur under the deterministic rule.
func (r *runner) decide(i int, h float64, cur int8) int8 {
	k := r.net.neurons
	th := r.net.threshold(i)
	switch {
	case h > th:
		return k.high()
	case h < th:
		return k.low()
	}
	switch r.opt.Tie {
	case TiePlus:
		return k.high()
	case TieMinus:
		return k.low()
	}
	if cur == Unknown && k == Bipolar {
		return Plus
	}
	return cur
}

// glauber draws the new value of neuron i at temperature T > 0.
func (r *runner) glauber(i int, h float64) int8 {
	k := r.net.neurons
	x := (h - r.net.threshold(i)) / r.opt.Temperature
	if k == Bipolar {
		x *= 2
	}
	// 1/(1+exp(-x)) without overflow for large |x|.
	var p float64
	if x >= 0 {
		p = 1 / (1 + math.Exp(-x))
	} else {
		e := math.Exp(x)
		p = e / (1 + e)
	}
	if r.rng.Float64() < p {
		return k.high()
	}
	return k.low()
}

func (r *runner) runSync() (Result, error) {
	n := r.net.n
	h := make([]float64, n)
	next := make([]int8, n)
	var prev []int8
	for r.steps < r.opt.MaxSteps {
		r.net.Fields(h, r.s)
		copy(next, r.s)
		flips := 0
		for _, i := range r.free {
			if v := r.decide(i, h[i], r.s[i]); v != r.s[i] {
				next[i] = v
				flips++
			}
		}
		r.steps++
		r.updates += len(r.free)
		r.flips += flips
		if flips == 0 {
			if err := r.emit(r.steps, -1, 0); err != nil {
				return r.result(Stopped), err
			}
			return r.result(FixedPoint), nil
		}
		cycle := prev != nil && slices.Equal(next, prev)
		if prev == nil {
			prev = make([]int8, n)
		}
		prev, r.s, next = r.s, next, prev
		if r.overlaps != nil {
			r.overlaps.reset(r.s)
		}
		if err := r.emit(r.steps, -1, flips); err != nil {
			return r.result(Stopped), err
		}
		if cycle {
			return r.result(Cycle), nil
		}
	}
	return r.result(StepLimit), nil
}

func (r *runner) runAsync() (Result, error) {
	tr := r.net.w
	var t tracker
	if tr != nil {
		t = tr.tracker(r.s)
	}
	field := func(i int) float64 {
		if t == nil {
			return 0
		}
		return r.net.scale * t.field(i)
	}
	order := slices.Clone(r.free)
	nfree := len(r.free)
	stochastic := r.opt.Update == Glauber && r.opt.Temperature > 0
	for r.steps < r.opt.MaxSteps {
		r.steps++
		switch r.opt.Update {
		case Permutation:
			r.rng.Shuffle(nfree, func(a, b int) { order[a], order[b] = order[b], order[a] })
		case Asynchronous, Glauber:
			for k := range order {
				order[k] = r.free[r.rng.IntN(nfree)]
			}
		}
		flips := 0
		for k, i := range order {
			if r.opt.MaxUpdates > 0 && r.updates >= r.opt.MaxUpdates {
				if k > 0 || flips > 0 {
					if err := r.emitSweep(flips); err != nil {
						return r.result(Stopped), err
					}
				}
				return r.result(StepLimit), nil
			}
			cur := r.s[i]
			var v int8
			if stochastic {
				v = r.glauber(i, field(i))
			} else {
				v = r.decide(i, field(i), cur)
			}
			r.updates++
			if v != cur {
				delta := v - cur
				r.s[i] = v
				if t != nil {
					t.flip(i, delta)
				}
				if r.overlaps != nil {
					r.overlaps.flip(i, cur, v)
				}
				flips++
				r.flips++
			}
			if r.opt.EveryUpdate && r.opt.Observe != nil {
				if err := r.emit(r.steps, i, flips); err != nil {
					return r.result(Stopped), err
				}
			}
		}
		if err := r.emitSweep(flips); err != nil {
			return r.result(Stopped), err
		}
		if stochastic {
			continue
		}
		// A sweep that visited every free neuron without a flip proves a
		// fixed point. Random draws may miss neurons, so check them all.
		if flips == 0 && r.opt.Update != Asynchronous && r.opt.Update != Glauber {
			return r.result(FixedPoint), nil
		}
		if (r.opt.Update == Asynchronous || r.opt.Update == Glauber) && r.stable(field) {
			return r.result(FixedPoint), nil
		}
	}
	return r.result(StepLimit), nil
}

func (r *runner) emitSweep(flips int) error {
	if r.opt.EveryUpdate {
		return nil
	}
	return r.emit(r.steps, -1, flips)
}

func (r *runner) stable(field func(int) float64) bool {
	for _, i := range r.free {
		if r.decide(i, field(i), r.s[i]) != r.s[i] {
			return false
		}
	}
	return true
}

// IsFixedPoint reports whether no neuron of s would change under the
// deterministic rule with the given tie rule.
func (net *Network) IsFixedPoint(s []int8, tie Tie) bool {
	net.mustLen("IsFixedPoint", len(s))
	h := net.Fields(make([]float64, net.n), s)
	r := &runner{net: net, opt: RunOptions{Tie: tie}}
	for i, v := range s {
		if r.decide(i, h[i], v) != v {
			return false
		}
	}
	return true
}
