package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/hopfield-lab/hopfield"
)

// runRequest is a whole recall problem: the memory, the cue and how to run
// the dynamics. The response streams the run as NDJSON (see handleRun).
type runRequest struct {
	memoryRequest
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

// startLine is the first line of a run: the problem as the server
// understood it and the initial state.
type startLine struct {
	Type     string    `json:"type"` // "start"
	N        int       `json:"n"`
	P        int       `json:"p"`
	Rule     string    `json:"rule"`
	Form     string    `json:"form"`
	Update   string    `json:"update"`
	Seed     uint64    `json:"seed"`
	MaxSteps int       `json:"max_steps"`
	Every    int       `json:"every"`
	Cells    string    `json:"cells"`
	Overlaps []float64 `json:"overlaps"`
	Energy   float64   `json:"energy"`
}

// frameLine is one step, sweep, or batch of Every single-neuron updates:
// the neurons that changed since the previous frame (set to +1 or to -1),
// the overlap m_mu with every stored pattern and the energy after it.
type frameLine struct {
	Type     string    `json:"type"` // "frame"
	Step     int       `json:"step"`
	Updates  int       `json:"updates"`
	Neuron   int       `json:"neuron"` // last neuron updated, or -1 for a step or sweep
	Plus     []int     `json:"plus,omitempty"`
	Minus    []int     `json:"minus,omitempty"`
	Overlaps []float64 `json:"overlaps"`
	Energy   float64   `json:"energy"`
}

// endLine is the last line: how the run ended and what it recalled.
type endLine struct {
	Type     string    `json:"type"` // "end"
	End      string    `json:"end"`  // fixed point, 2-cycle, step limit, stopped
	Steps    int       `json:"steps"`
	Updates  int       `json:"updates"`
	Flips    int       `json:"flips"`
	Cells    string    `json:"cells"`
	Overlaps []float64 `json:"overlaps"`
	Energy   float64   `json:"energy"`
	// Nearest is the stored pattern with the largest |m_mu|; Match says
	// whether the final state is that pattern ("exact"), its reverse
	// ("reversed", also a fixed point) or neither ("none").
	Nearest     int    `json:"nearest"`
	NearestName string `json:"nearest_name"`
	Match       string `json:"match"`
	Hamming     int    `json:"hamming"` // distance to the nearest pattern
	Error       string `json:"error,omitempty"`
}

// run is a validated runRequest.
type run struct {
	mem   *memory
	cue   []int8
	opt   hopfield.RunOptions
	seed  uint64
	every int
}

func (s *Server) parseRun(req runRequest) (*run, error) {
	mem, err := s.parseMemory(req.memoryRequest)
	if err != nil {
		return nil, err
	}
	n := mem.rows * mem.cols
	cue, err := parseCells("cue", req.Cue, n, true)
	if err != nil {
		return nil, err
	}
	ru := &run{mem: mem, cue: cue, seed: seedOr(req.Seed)}
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
	t := req.Temperature
	switch {
	case math.IsNaN(t) || math.IsInf(t, 0) || t < 0:
		return nil, badf("temperature %v: want a number >= 0", t)
	case t > 0 && opt.Update != hopfield.Glauber:
		return nil, badf("temperature %v is for the glauber schedule, not %v", t, opt.Update)
	}
	opt.Temperature = t
	switch {
	case req.MaxSteps < 0 || req.MaxSteps > s.opts.MaxSteps:
		return nil, badf("max_steps %d: want 1 to %d (0 for %d)", req.MaxSteps, s.opts.MaxSteps, hopfield.DefaultMaxSteps)
	case req.MaxSteps == 0:
		opt.MaxSteps = min(hopfield.DefaultMaxSteps, s.opts.MaxSteps)
	default:
		opt.MaxSteps = req.MaxSteps
	}
	opt.Source = hopfield.NewSource(ru.seed)
	if req.Every < 0 {
		return nil, badf("every %d: want >= 0", req.Every)
	}
	frames := opt.MaxSteps
	if opt.Update != hopfield.Synchronous && req.Every > 0 {
		ru.every = min(req.Every, n)
		opt.EveryUpdate = true
		frames = int(min(int64(opt.MaxSteps)*int64(n)/int64(ru.every), math.MaxInt32))
	}
	if frames > s.opts.MaxFrames {
		least := (int64(opt.MaxSteps)*int64(n) + int64(s.opts.MaxFrames) - 1) / int64(s.opts.MaxFrames)
		return nil, badf("every %d with max_steps %d and N = %d could stream %d frames, over the limit of %d: use every >= %d or fewer steps",
			req.Every, opt.MaxSteps, n, frames, s.opts.MaxFrames, least)
	}
	return ru, nil
}

// handleRun runs the dynamics of one problem and streams them:
//
//	POST /api/run   (body: runRequest)
//	-> 200, Content-Type application/x-ndjson:
//	   {"type":"start", ...}   the initial state
//	   {"type":"frame", ...}   one per step, sweep or Every updates
//	   {"type":"end", ...}     how the run ended
//
// Everything is checked before the first line: a bad problem gets a 400
// and nothing runs. The run stops when the client goes away (the request's
// context is cancelled), when it exceeds the server's time limit, or at
// shutdown.
func (s *Server) handleRun(w http.ResponseWriter, r *http.Request) {
	var req runRequest
	if err := s.decode(w, r, &req); err != nil {
		s.fail(w, err)
		return
	}
	ru, err := s.parseRun(req)
	if err != nil {
		s.fail(w, err)
		return
	}
	if !s.runs.acquire(r) {
		return
	}
	defer s.runs.release()
	net, err := s.network(ru.mem)
	if err != nil {
		s.fail(w, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.RunTimeout)
	defer cancel()
	st := &streamer{ctx: ctx, w: w, rc: http.NewResponseController(w), net: net, run: ru, timeout: s.opts.RunTimeout, writeTimeout: s.opts.WriteTimeout}
	ru.opt.Observe = st.observe
	res, err := net.Run(ru.cue, ru.opt)
	if !st.started {
		// The engine checks its options before the first event: an error
		// here is about the request, and nothing has been written yet.
		if err == nil {
			err = errors.New("the run produced no events")
		}
		s.fail(w, userError(err))
		return
	}
	st.finish(res, err)
}

// streamer turns the engine's events into NDJSON lines.
type streamer struct {
	ctx     context.Context
	w       http.ResponseWriter
	rc      *http.ResponseController
	buf     *bufio.Writer
	net     *hopfield.Network
	run     *run
	timeout time.Duration
	started bool
	werr    error

	// writeTimeout bounds each write; the deadline is moved on at most
	// once a second (deadline), as setting it costs a timer update.
	writeTimeout time.Duration
	deadline     time.Time

	last      []int8 // the state as of the last line sent
	touched   []int  // neurons updated since the last frame (neuron by neuron)
	pending   int    // single-neuron updates since the last frame
	energy    float64
	overlaps  []float64
	lastFlush time.Time
}

// flushEvery bounds how long a line waits in the buffer.
const flushEvery = 25 * time.Millisecond

func (st *streamer) observe(e *hopfield.Event) error {
	if err := st.ctx.Err(); err != nil {
		return err
	}
	if !st.started {
		st.started = true
		st.last = append([]int8(nil), e.State...)
		st.energy = e.Energy()
		h := st.w.Header()
		h.Set("Content-Type", "application/x-ndjson")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Accel-Buffering", "no")
		st.w.WriteHeader(http.StatusOK)
		st.buf = bufio.NewWriterSize(st.w, 32<<10)
		opt := st.run.opt
		return st.send(startLine{
			Type: "start", N: st.net.N(), P: st.net.P(), Rule: st.net.Rule().String(), Form: st.net.Form().String(),
			Update: opt.Update.String(), Seed: st.run.seed, MaxSteps: opt.MaxSteps, Every: st.run.every,
			Cells: formatCells(e.State), Overlaps: e.Overlaps(nil), Energy: st.energy,
		}, true)
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
	f := frameLine{Type: "frame", Step: step, Updates: updates, Neuron: neuron}
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
	f.Overlaps, f.Energy = st.overlaps, st.energy
	return st.send(f, false)
}

func (st *streamer) send(v any, flush bool) error {
	if st.werr != nil {
		return st.werr
	}
	b, err := json.Marshal(v)
	if err != nil {
		st.werr = err
		return err
	}
	b = append(b, '\n')
	if now := time.Now(); now.Sub(st.deadline) > time.Second {
		// A write blocks only when the client stops reading: then the
		// deadline ends the run instead of holding its slot for ever.
		st.deadline = now
		st.rc.SetWriteDeadline(now.Add(st.writeTimeout))
	}
	if _, err := st.buf.Write(b); err != nil {
		st.werr = err
		return err
	}
	if flush || time.Since(st.lastFlush) > flushEvery {
		st.lastFlush = time.Now()
		if err := st.buf.Flush(); err != nil {
			st.werr = err
			return err
		}
		if err := st.rc.Flush(); err != nil {
			st.werr = err
			return err
		}
	}
	return nil
}

// finish sends the last partial batch and the end line.
func (st *streamer) finish(res hopfield.Result, runErr error) {
	net, mem := st.net, st.run.mem
	overlaps := net.Overlaps(nil, res.State)
	energy := net.Energy(res.State)
	if st.pending > 0 && st.werr == nil && st.ctx.Err() == nil {
		st.frame(res.Steps, res.Updates, st.touched[len(st.touched)-1], res.State,
			func() []float64 { return overlaps }, func() float64 { return energy })
	}
	end := endLine{
		Type: "end", End: res.End.String(), Steps: res.Steps, Updates: res.Updates, Flips: res.Flips,
		Cells: formatCells(res.State), Overlaps: overlaps, Energy: energy, Match: "none",
	}
	best := -1.0
	for mu, m := range overlaps {
		if math.Abs(m) > best {
			best, end.Nearest = math.Abs(m), mu
		}
	}
	end.NearestName = mem.names[end.Nearest]
	xi := net.Pattern(end.Nearest)
	end.Hamming = hopfield.Hamming(res.State, xi)
	switch {
	case end.Hamming == 0:
		end.Match = "exact"
	case end.Hamming == len(xi) && !hasUnknown(res.State):
		end.Match = "reversed"
	}
	switch {
	case errors.Is(runErr, context.DeadlineExceeded):
		end.Error = fmt.Sprintf("the run took longer than the server's limit of %v", st.timeout)
	case errors.Is(runErr, context.Canceled):
		end.Error = "the run was cancelled"
	case runErr != nil:
		end.Error = userError(runErr).Error()
	}
	st.send(end, true)
}

func hasUnknown(s []int8) bool {
	for _, v := range s {
		if v == hopfield.Unknown {
			return true
		}
	}
	return false
}

// slots bounds the computations in progress: one token per computation.
type slots chan struct{}

// acquire waits for a slot. It reports false if the request ended first:
// the client left, and there is nobody to answer.
func (sl slots) acquire(r *http.Request) bool {
	select {
	case sl <- struct{}{}:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (sl slots) release() { <-sl }

// seedOr is the seed a request gave, or DefaultSeed.
func seedOr(seed *uint64) uint64 {
	if seed == nil {
		return DefaultSeed
	}
	return *seed
}
