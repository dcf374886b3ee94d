package lab

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// RunRequest is a whole recall problem: the memory, the cue and how to run
// the dynamics.
type RunRequest struct {
	MemoryRequest
	Cue         string  `json:"cue"`
	Update      string  `json:"update"` // sync (default), async, permutation, sequential, glauber
	Tie         string  `json:"tie"`    // keep (default), plus, minus
	Temperature float64 `json:"temperature"`
	Seed        *uint64 `json:"seed"`      // nil: DefaultSeed
	MaxSteps    int     `json:"max_steps"` // 0: hopfield.DefaultMaxSteps
	// Every, for the asynchronous schedules, sends a frame after every
	// Every single-neuron updates (1: neuron by neuron). 0 sends one frame
	// per sweep of N updates.
	Every int `json:"every"`
}

// StartLine is the first line of a run: the problem as the lab understood
// it and the initial state.
type StartLine struct {
	Type     string    `json:"type"` // "start"
	N        int       `json:"n"`
	P        int       `json:"p"`
	Rule     string    `json:"rule"`
	F        string    `json:"f,omitempty"` // the dense rule's energy function
	Form     string    `json:"form"`
	Update   string    `json:"update"`
	Seed     uint64    `json:"seed"`
	MaxSteps int       `json:"max_steps"`
	Every    int       `json:"every"`
	Cells    string    `json:"cells"`
	Overlaps []float64 `json:"overlaps"`
	// RandomMax is the largest overlap with the memory's random patterns,
	// which Overlaps leaves out (MemoryRequest.Random).
	RandomMax float64 `json:"random_max,omitempty"`
	Energy    float64 `json:"energy"`
}

// FrameLine is one step, sweep, or batch of Every single-neuron updates:
// the neurons that changed since the previous frame (set to +1 or to -1),
// the overlap m_mu with every stored pattern and the energy after it.
type FrameLine struct {
	Type      string    `json:"type"` // "frame"
	Step      int       `json:"step"`
	Updates   int       `json:"updates"`
	Neuron    int       `json:"neuron"` // last neuron updated, or -1 for a step or sweep
	Plus      []int     `json:"plus,omitempty"`
	Minus     []int     `json:"minus,omitempty"`
	Overlaps  []float64 `json:"overlaps"`
	RandomMax float64   `json:"random_max,omitempty"`
	Energy    float64   `json:"energy"`
}

// EndLine is the last line: how the run ended and what it recalled.
type EndLine struct {
	Type      string    `json:"type"` // "end"
	End       string    `json:"end"`  // fixed point, 2-cycle, step limit, stopped
	Steps     int       `json:"steps"`
	Updates   int       `json:"updates"`
	Flips     int       `json:"flips"`
	Cells     string    `json:"cells"`
	Overlaps  []float64 `json:"overlaps"`
	RandomMax float64   `json:"random_max,omitempty"`
	Energy    float64   `json:"energy"`
	// Nearest is the stored pattern the final state is nearest to
	// (hopfield.Nearest); Match says whether the final state is that
	// pattern ("exact"), its reverse ("reversed", also a fixed point) or
	// neither ("none").
	Nearest     int    `json:"nearest"`
	NearestName string `json:"nearest_name"`
	Match       string `json:"match"`
	Hamming     int    `json:"hamming"` // distance to the nearest pattern
	Error       string `json:"error,omitempty"`
}

// Run is a validated recall problem, ready to learn and run.
type Run struct {
	lim   Limits
	mem   *memory
	net   *hopfield.Network
	cue   []int8
	opt   hopfield.RunOptions
	seed  uint64
	every int
}

// ParseRun checks a recall problem against the limits, without learning
// anything yet. Errors are *Error.
func (l Limits) ParseRun(req RunRequest) (*Run, error) {
	mem, err := l.parseMemory(req.MemoryRequest)
	if err != nil {
		return nil, err
	}
	n := mem.rows * mem.cols
	cue, err := parseCells("cue", req.Cue, n, true)
	if err != nil {
		return nil, err
	}
	if req.Seed != nil && *req.Seed > MaxSeed {
		return nil, Errorf("seed %d: want 0 to %d (2^53-1)", *req.Seed, uint64(MaxSeed))
	}
	ru := &Run{lim: l, mem: mem, cue: cue, seed: seedOr(req.Seed)}
	opt := &ru.opt
	if req.Update != "" {
		if opt.Update, err = hopfield.ParseUpdate(req.Update); err != nil {
			return nil, userError(err)
		}
	}
	if req.Tie != "" {
		if opt.Tie, err = hopfield.ParseTie(req.Tie); err != nil {
			return nil, userError(err)
		}
	}
	opt.Temperature = req.Temperature
	switch {
	case req.MaxSteps < 0 || req.MaxSteps > l.MaxSteps:
		return nil, Errorf("max_steps %d: want 1 to %d (0 for %d)", req.MaxSteps, l.MaxSteps, hopfield.DefaultMaxSteps)
	case req.MaxSteps == 0:
		opt.MaxSteps = min(hopfield.DefaultMaxSteps, l.MaxSteps)
	default:
		opt.MaxSteps = req.MaxSteps
	}
	opt.Source = DynamicsSource(ru.seed)
	if err := opt.Validate(); err != nil {
		return nil, optionError(err)
	}
	if req.Every < 0 {
		return nil, Errorf("every %d: want >= 0", req.Every)
	}
	frames := opt.MaxSteps
	if opt.Update != hopfield.Synchronous && req.Every > 0 {
		ru.every = min(req.Every, n)
		opt.EveryUpdate = true
		frames = int(min(int64(opt.MaxSteps)*int64(n)/int64(ru.every), math.MaxInt32))
	}
	if frames > l.MaxFrames {
		least := (int64(opt.MaxSteps)*int64(n) + int64(l.MaxFrames) - 1) / int64(l.MaxFrames)
		return nil, Errorf("every %d with max_steps %d and N = %d could stream %d frames, over the limit of %d: use every >= %d or fewer steps",
			req.Every, opt.MaxSteps, n, frames, l.MaxFrames, least)
	}
	return ru, nil
}

// optionError words the library's option errors as the lab's JSON fields.
func optionError(err error) error {
	var oe *hopfield.OptionError
	if !errors.As(err, &oe) {
		return userError(err)
	}
	if errors.Is(err, hopfield.ErrTemperatureNotGlauber) {
		return Errorf("temperature %v is for the glauber schedule, not %s", oe.Value, oe.Want[len("0 for "):len(oe.Want)-len(" updates")])
	}
	return Errorf("%s %v: want %s", oe.Field, oe.Value, oe.Want)
}

// Learn builds the network of the problem's memory. A memory over the
// weight limit is an *Error.
func (ru *Run) Learn() error {
	net, err := ru.lim.network(ru.mem)
	ru.net = net
	return err
}

// Stream runs the dynamics and hands emit each line: a StartLine, a
// FrameLine per step, sweep or Every updates, and an EndLine. An error from
// emit, ctx ending or the limits' RunTimeout stops the run; the end line
// says why. Stream runs in the caller's goroutine and starts none.
func (ru *Run) Stream(ctx context.Context, emit func(line any) error) {
	if ru.lim.RunTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, ru.lim.RunTimeout)
		defer cancel()
	}
	st := &streamer{ctx: ctx, emit: emit, run: ru}
	opt := ru.opt
	opt.Observe = st.observe
	res, err := ru.net.Run(ru.cue, opt)
	st.finish(res, err)
}

// streamer turns the engine's events into lines.
type streamer struct {
	ctx     context.Context
	emit    func(any) error
	run     *Run
	started bool
	werr    error

	last     []int8 // the state as of the last line sent
	touched  []int  // neurons updated since the last frame (neuron by neuron)
	pending  int    // single-neuron updates since the last frame
	energy   float64
	overlaps []float64
}

func (st *streamer) send(v any) error {
	if st.werr == nil {
		st.werr = st.emit(v)
	}
	return st.werr
}

func (st *streamer) observe(e *hopfield.Event) error {
	if err := st.ctx.Err(); err != nil {
		return err
	}
	if !st.started {
		st.started = true
		st.last = append([]int8(nil), e.State...)
		st.energy = e.Energy()
		net, opt := st.run.net, st.run.opt
		ov, rmax := st.run.mem.split(e.Overlaps(nil))
		return st.send(StartLine{
			Type: "start", N: net.N(), P: net.P(), Rule: net.Rule().String(), F: st.run.mem.energyName(), Form: net.Form().String(),
			Update: opt.Update.String(), Seed: st.run.seed, MaxSteps: opt.MaxSteps, Every: st.run.every,
			Cells: patterns.FormatCells(e.State), Overlaps: ov, RandomMax: rmax, Energy: st.energy,
		})
	}
	if e.Neuron >= 0 {
		st.touched = append(st.touched, e.Neuron)
		st.pending++
		if st.pending < st.run.every {
			return nil
		}
	}
	return st.frame(e.Step, e.Updates, e.Neuron, e.State, func() []float64 { return e.Overlaps(st.overlaps) }, e.Energy)
}

// frame sends the changes since the last frame. Single-neuron batches
// compare only the neurons they touched; steps and sweeps compare all.
func (st *streamer) frame(step, updates, neuron int, state []int8, overlaps func() []float64, energy func() float64) error {
	f := FrameLine{Type: "frame", Step: step, Updates: updates, Neuron: neuron}
	check := func(i int) {
		if v := state[i]; v != st.last[i] {
			st.last[i] = v
			if v == hopfield.Plus {
				f.Plus = append(f.Plus, i)
			} else {
				f.Minus = append(f.Minus, i)
			}
		}
	}
	if neuron >= 0 {
		for _, i := range st.touched {
			check(i)
		}
	} else {
		for i := range state {
			check(i)
		}
	}
	st.touched, st.pending = st.touched[:0], 0
	// The energy costs a field computation; it changes only with the state.
	if len(f.Plus)+len(f.Minus) > 0 {
		st.energy = energy()
	}
	st.overlaps = overlaps()
	f.Overlaps, f.RandomMax = st.run.mem.split(st.overlaps)
	f.Energy = st.energy
	return st.send(f)
}

// finish sends the last partial batch and the end line.
func (st *streamer) finish(res hopfield.Result, runErr error) {
	net, mem := st.run.net, st.run.mem
	overlaps := net.Overlaps(nil, res.State)
	energy := net.Energy(res.State)
	if st.pending > 0 && st.werr == nil && st.ctx.Err() == nil {
		st.frame(res.Steps, res.Updates, st.touched[len(st.touched)-1], res.State,
			func() []float64 { return overlaps }, func() float64 { return energy })
	}
	m := net.Match(res.State)
	ov, rmax := mem.split(overlaps)
	end := EndLine{
		Type: "end", End: res.End.String(), Steps: res.Steps, Updates: res.Updates, Flips: res.Flips,
		Cells: patterns.FormatCells(res.State), Overlaps: ov, RandomMax: rmax, Energy: energy, Match: "none",
		Nearest: m.Pattern, NearestName: mem.names[m.Pattern], Hamming: m.Distance,
	}
	switch {
	case m.Exact:
		end.Match = "exact"
	case m.Reversed:
		end.Match = "reversed"
	}
	switch {
	case errors.Is(runErr, context.DeadlineExceeded):
		end.Error = fmt.Sprintf("the run took longer than the %s's limit of %v", st.run.lim.host(), st.run.lim.RunTimeout)
	case errors.Is(runErr, context.Canceled):
		end.Error = "the run was cancelled"
	case runErr != nil:
		end.Error = userError(runErr).Error()
	}
	if st.werr == nil {
		st.send(end)
	}
}

// seedOr is the seed a request gave, or DefaultSeed.
func seedOr(seed *uint64) uint64 {
	if seed == nil {
		return DefaultSeed
	}
	return *seed
}

// CueSource and DynamicsSource are the random sources of a recall with a
// given seed: the cue's noise draws from the seed, the dynamics from the
// next one. hopfield recall --seed, the lab's runs and its share links all
// follow this, so that a link reproduces a command exactly.
func CueSource(seed uint64) rand.Source { return hopfield.NewSource(seed) }

// DynamicsSource is the source of a recall's dynamics; see CueSource.
func DynamicsSource(seed uint64) rand.Source { return hopfield.NewSource(seed + 1) }
