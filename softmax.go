package hopfield

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"unsafe"
)

// Softmax is the continuous modern Hopfield network of Ramsauer et al.
// (2020), "Hopfield Networks is All You Need" (arXiv:2008.02217). It stores
// P patterns as the rows of a key matrix K (P x D) and a value matrix V
// (P x DV); a state xi of length D is updated to
//
//	xi <- V^T softmax(beta K xi)
//
// the attention read-out. In auto-association (NewSoftmax) K = V = X, the
// paper's network, whose energy ([Softmax.Energy]) never increases under
// the update.
//
// T is the precision of the stored patterns and of the update: float64
// patterns run in float64, float32 patterns in float32 (see softmax_kernel.go
// for what is rounded where). A Softmax is immutable once built and safe for
// concurrent use.
type Softmax[T float32 | float64] struct {
	keys, values []T // row-major, P x d and P x dv; values aliases keys in auto-association
	p, d, dv     int
	beta         float64
	m, mv        float64 // M, the largest key norm, and the largest value norm
	chunk        int     // rows per chunk of the streaming pass; depends only on the shape
	auto         bool
	scratch      *sync.Pool // of *softScratch[T]; shared with networks made by WithBeta
}

// SoftmaxConfig holds what a [Softmax] is built with.
type SoftmaxConfig struct {
	// Beta is the inverse temperature, finite and > 0: small beta averages
	// the patterns (beta -> 0 gives their mean), large beta picks the one
	// whose key has the largest dot product with the state. It belongs to
	// the network, not to a run, because the energy, the fixed points and
	// the retrieval bound all depend on it; [Softmax.WithBeta] makes a
	// network with another beta that shares the stored patterns.
	Beta float64
	// MemoryLimit caps the bytes of the stored copy of the patterns; 0
	// means DefaultMemoryLimit.
	MemoryLimit int64
	// NoCopy makes the network keep the caller's slices instead of a copy,
	// for patterns too large to hold twice (a command that has just read
	// them from a file). The caller must not change them afterwards.
	NoCopy bool
}

// NewSoftmax returns the auto-associative network storing the rows of x, a
// row-major P x d matrix of finite values, as keys and values. x is copied
// unless cfg.NoCopy.
//
// Errors name what is wrong: beta (an [*OptionError] with Field "beta"),
// d, a length that is not a multiple of d, a NaN or infinite value (with its
// row and column), a pattern whose squared norm overflows float64 (or, for
// float32, whose sums over a chunk of rows could overflow float32), or a
// [*MemoryError] when the copy would exceed cfg.MemoryLimit.
func NewSoftmax[T float32 | float64](x []T, d int, cfg SoftmaxConfig) (*Softmax[T], error) {
	return newSoftmax(x, d, nil, 0, cfg)
}

// NewSoftmaxKV returns the hetero-associative network that retrieves rows of
// values (P x dv) by matching rows of keys (P x d), as attention does. Both
// are row-major and finite, and copied unless cfg.NoCopy; they must have
// the same number of rows.
// The state is a key-space vector of length d and an update returns a
// value-space vector of length dv, so iterating (Run with more than one step)
// and clamping need dv == d.
func NewSoftmaxKV[T float32 | float64](keys []T, d int, values []T, dv int, cfg SoftmaxConfig) (*Softmax[T], error) {
	if values == nil {
		return nil, errors.New("hopfield: softmax values: nil (use NewSoftmax for auto-association)")
	}
	return newSoftmax(keys, d, values, dv, cfg)
}

func newSoftmax[T float32 | float64](keys []T, d int, values []T, dv int, cfg SoftmaxConfig) (*Softmax[T], error) {
	if err := checkBeta(cfg.Beta); err != nil {
		return nil, err
	}
	auto := values == nil
	keyName, valueName := "keys", "values"
	if auto {
		keyName, valueName, values, dv = "patterns", "patterns", keys, d
	}
	p, err := softmaxShape(keyName, keys, d, values, dv)
	if err != nil {
		return nil, err
	}
	s := &Softmax[T]{p: p, d: d, dv: dv, beta: cfg.Beta, auto: auto, scratch: new(sync.Pool)}
	if s.m, err = maxNormFinite(keyName, keys, d); err != nil {
		return nil, err
	}
	s.mv = s.m
	if !auto {
		if s.mv, err = maxNormFinite(valueName, values, dv); err != nil {
			return nil, err
		}
	}
	if s.keys, s.values, err = storePatterns(keys, values, auto, p, d, cfg); err != nil {
		return nil, err
	}
	s.chunk = softmaxChunkRows(s.rowBytes())
	// A chunk's weighted sum of values is at most chunk * M_V: in float32
	// it must not overflow.
	if floatSize[T]() == 4 && float64(s.chunk)*s.mv > math.MaxFloat32/2 {
		return nil, fmt.Errorf("hopfield: softmax %s: norms up to %g would overflow float32 sums (use float64)", valueName, s.mv)
	}
	return s, nil
}

// softmaxShape checks the shapes of keys and values and returns P.
func softmaxShape[T float32 | float64](keyName string, keys []T, d int, values []T, dv int) (int, error) {
	p, err := softmaxRows(keyName, len(keys), d)
	if err != nil {
		return 0, err
	}
	pv, err := softmaxRows("values", len(values), dv)
	if err != nil {
		return 0, err
	}
	if pv != p {
		return 0, fmt.Errorf("hopfield: softmax values: %d rows, keys have %d", pv, p)
	}
	return p, nil
}

func checkBeta(beta float64) error {
	if !(beta > 0) || math.IsInf(beta, 1) {
		return badOption("beta", beta, "a finite number > 0")
	}
	return nil
}

// softmaxRows returns the number of rows of a row-major matrix of n values
// with d columns.
func softmaxRows(name string, n, d int) (int, error) {
	switch {
	case d <= 0:
		return 0, fmt.Errorf("hopfield: softmax %s: row length %d, want at least 1", name, d)
	case n == 0:
		return 0, fmt.Errorf("hopfield: softmax %s: no patterns", name)
	case n%d != 0:
		return 0, fmt.Errorf("hopfield: softmax %s: %d values are not rows of length %d", name, n, d)
	}
	return n / d, nil
}

// maxNormFinite checks that every value of a row-major matrix is finite
// and returns the largest row norm.
func maxNormFinite[T float32 | float64](name string, x []T, d int) (float64, error) {
	var maxSq float64
	for r := range len(x) / d {
		var sq float64
		for c, v := range x[r*d : (r+1)*d] {
			f := float64(v)
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return 0, fmt.Errorf("hopfield: softmax %s: value %v at row %d, column %d: want a finite number", name, f, r, c)
			}
			sq += f * f
		}
		if math.IsInf(sq, 0) {
			return 0, fmt.Errorf("hopfield: softmax %s: row %d's squared norm overflows float64", name, r)
		}
		maxSq = max(maxSq, sq)
	}
	return math.Sqrt(maxSq), nil
}

// storePatterns returns the keys and values the network keeps: copies,
// after a memory check, unless cfg.NoCopy.
func storePatterns[T float32 | float64](keys, values []T, auto bool, p, d int, cfg SoftmaxConfig) ([]T, []T, error) {
	if cfg.NoCopy {
		if auto {
			return keys, keys, nil
		}
		return keys, values, nil
	}
	stored := int64(len(keys))
	if !auto {
		stored += int64(len(values))
	}
	what := fmt.Sprintf("softmax %d x %d %s patterns", p, d, typeName[T]())
	if err := checkMemory(what, mulBytes(stored, int64(floatSize[T]())), cfg.MemoryLimit); err != nil {
		return nil, nil, err
	}
	keys = slices.Clone(keys)
	if auto {
		return keys, keys, nil
	}
	return keys, slices.Clone(values), nil
}

// floatSize returns the bytes of a T.
func floatSize[T float32 | float64]() int { return int(unsafe.Sizeof(T(0))) }

func typeName[T float32 | float64]() string {
	if floatSize[T]() == 4 {
		return "float32"
	}
	return "float64"
}

// P returns the number of stored patterns.
func (s *Softmax[T]) P() int { return s.p }

// D returns the length of a key, which is the length of a state.
func (s *Softmax[T]) D() int { return s.d }

// DV returns the length of a value, which is the length of an update's
// result: D in auto-association.
func (s *Softmax[T]) DV() int { return s.dv }

// Beta returns the inverse temperature.
func (s *Softmax[T]) Beta() float64 { return s.beta }

// M returns the largest norm of a stored key, the paper's M.
func (s *Softmax[T]) M() float64 { return s.m }

// AutoAssociative reports whether the keys are the values (NewSoftmax).
func (s *Softmax[T]) AutoAssociative() bool { return s.auto }

// Key returns a copy of key mu.
func (s *Softmax[T]) Key(mu int) []T { return slices.Clone(s.key(mu)) }

// Value returns a copy of value mu.
func (s *Softmax[T]) Value(mu int) []T { return slices.Clone(s.value(mu)) }

func (s *Softmax[T]) key(mu int) []T   { return s.keys[mu*s.d : (mu+1)*s.d] }
func (s *Softmax[T]) value(mu int) []T { return s.values[mu*s.dv : (mu+1)*s.dv] }

// WithBeta returns a network with the same patterns, shared rather than
// copied, and inverse temperature beta: a beta sweep costs no memory.
func (s *Softmax[T]) WithBeta(beta float64) (*Softmax[T], error) {
	if err := checkBeta(beta); err != nil {
		return nil, err
	}
	c := *s
	c.beta = beta
	return &c, nil
}

// Step returns one update of xi, V^T softmax(beta K xi), in dst (resized to
// DV; nil allocates; dst may be xi itself). It reads the stored patterns
// once (see softmax_kernel.go). It panics if len(xi) != D. It does not
// check xi: a NaN in xi, or scores beta k.xi that overflow, give NaN
// ([Softmax.Run] checks its cue and the norms of the states it can reach).
func (s *Softmax[T]) Step(dst, xi []T) []T {
	s.mustLen("Step", len(xi))
	dst = grow(dst, s.dv)
	s.step(dst, xi)
	return dst
}

// StepBatch is Step for many states at once: dst[q] = Step(dst[q], xs[q]),
// bit for bit, for each q. Queries are spread over goroutines, and a block
// of queries shares each pass over the patterns, so a batch reads them
// once per block rather than once per query. dst is resized to len(xs).
func (s *Softmax[T]) StepBatch(dst, xs [][]T) [][]T {
	for _, x := range xs {
		s.mustLen("StepBatch", len(x))
	}
	dst = grow(dst, len(xs))
	for q := range dst {
		dst[q] = grow(dst[q], s.dv)
	}
	s.stepBatch(dst, xs)
	return dst
}

func (s *Softmax[T]) mustLen(fn string, n int) {
	if n != s.d {
		panic(fmt.Sprintf("hopfield: Softmax.%s: state of length %d, keys have length %d", fn, n, s.d))
	}
}

// DefaultSoftmaxTol64 and DefaultSoftmaxTol32 are the default
// [SoftmaxRun].Tol, per unit of M (as [Softmax.DefaultTol] scales them),
// for float64 and float32 patterns: a few thousand units of float64
// rounding, so that stopping early changes a result by far less than 1e-9,
// and about 8 units of float32 rounding, which iterates in float32 can reach.
const (
	DefaultSoftmaxTol64 = 1e-12
	DefaultSoftmaxTol32 = 1e-6
)

// DefaultTol returns the Tol a run uses when SoftmaxRun.Tol is 0:
// DefaultSoftmaxTol64 (float64) or DefaultSoftmaxTol32 (float32) times
// max(1, M_V), M_V the largest value norm (M in auto-association), since an
// updated state is an average of the values.
func (s *Softmax[T]) DefaultTol() float64 {
	tol := DefaultSoftmaxTol64
	if floatSize[T]() == 4 {
		tol = DefaultSoftmaxTol32
	}
	return tol * max(1, s.mv)
}

// SoftmaxRun controls [Softmax.Run] and [Softmax.RunBatch].
type SoftmaxRun struct {
	// MaxSteps bounds the updates; 0 means DefaultMaxSteps, or 1 when
	// DV != D (a value-space result cannot be updated again).
	MaxSteps int
	// Tol stops a run early, after an update that moved no component by
	// more than Tol. 0 means [Softmax.DefaultTol]; a negative Tol never
	// stops early, so the run makes exactly MaxSteps updates.
	Tol float64
	// Clamp, if not nil, holds one entry per component (length D; needs
	// DV == D): clamped components keep the cue's values, for a partial
	// cue. The scores are computed from the whole state, clamped
	// components included.
	Clamp []bool
}

// Validate reports the first option that cannot be used, as an
// [*OptionError] (Field max_steps or tol). The clamp mask is checked by
// Run, which knows D.
func (o SoftmaxRun) Validate() error {
	switch {
	case o.MaxSteps < 0:
		return badOption("max_steps", o.MaxSteps, "a number >= 0 (0 for the default)")
	case math.IsNaN(o.Tol) || math.IsInf(o.Tol, 0):
		return badOption("tol", o.Tol, "a finite number (0 for the default, < 0 to never stop early)")
	}
	return nil
}

// SoftmaxResult is how a run ended.
type SoftmaxResult[T float32 | float64] struct {
	State     []T     // the final state: length D, or DV after the one update of a DV != D network
	Steps     int     // updates made
	Converged bool    // the last update moved no component by more than Tol
	Move      float64 // the largest change of a component in the last update; NaN when DV != D
}

// Run updates xi until an update moves no component by more than the
// tolerance, or for at most opt.MaxSteps updates. The cue is not modified.
// Errors: an [*OptionError] for opt (Field max_steps, tol or clamp), or a
// cue that is not D finite values, or whose scores, or those of the states
// a run can reach (norm up to that of its clamped components plus M_V),
// could overflow.
func (s *Softmax[T]) Run(xi []T, opt SoftmaxRun) (SoftmaxResult[T], error) {
	res, err := s.RunBatch([][]T{xi}, opt)
	if err != nil {
		return SoftmaxResult[T]{}, err
	}
	return res[0], nil
}

// RunBatch runs every cue of xs as Run does, bit for bit, with the
// updates of all the cues still running batched as in StepBatch. Errors
// name the cue by its index.
func (s *Softmax[T]) RunBatch(xs [][]T, opt SoftmaxRun) ([]SoftmaxResult[T], error) {
	steps, tol, err := s.checkRun(&opt)
	if err != nil {
		return nil, err
	}
	for q, x := range xs {
		if err := s.checkCue(x, steps, opt.Clamp); err != nil {
			if len(xs) == 1 {
				return nil, fmt.Errorf("hopfield: softmax cue: %w", err)
			}
			return nil, fmt.Errorf("hopfield: softmax cue %d: %w", q, err)
		}
	}
	return s.runBatch(xs, steps, tol, opt.Clamp), nil
}

// checkRun validates opt and returns the step limit and tolerance to use.
func (s *Softmax[T]) checkRun(opt *SoftmaxRun) (steps int, tol float64, err error) {
	if err := opt.Validate(); err != nil {
		return 0, 0, err
	}
	steps, tol = opt.MaxSteps, opt.Tol
	switch {
	case opt.Clamp != nil && s.dv != s.d:
		return 0, 0, badOption("clamp", fmt.Sprintf("mask of %d entries", len(opt.Clamp)), fmt.Sprintf("nil: values have length %d, keys %d", s.dv, s.d))
	case opt.Clamp != nil && len(opt.Clamp) != s.d:
		return 0, 0, badOption("clamp", fmt.Sprintf("mask of %d entries", len(opt.Clamp)), fmt.Sprintf("one entry per component (%d)", s.d))
	case s.dv != s.d && steps > 1:
		return 0, 0, badOption("max_steps", steps, fmt.Sprintf("1: values have length %d, keys %d, so the result cannot be updated again", s.dv, s.d))
	case s.dv != s.d:
		steps = 1
	case steps == 0:
		steps = DefaultMaxSteps
	}
	if tol == 0 {
		tol = s.DefaultTol()
	}
	return steps, tol, nil
}

// checkCue checks that a cue has length D, finite values, and scores
// beta k.x that cannot overflow, for the cue and for every later state of
// a run of the given steps: |beta k.x| <= beta M ||x|| (Cauchy-Schwarz),
// which must stay finite in float64 and, for the dot products of float32
// patterns, M ||x|| below float32's largest value. A later state averages
// the values (norm <= M_V) in its free components and keeps the cue's in
// the clamped ones, so its norm is at most ||x_clamped|| + M_V.
func (s *Softmax[T]) checkCue(x []T, steps int, clamp []bool) error {
	if len(x) != s.d {
		return fmt.Errorf("length %d, want %d (the keys' length)", len(x), s.d)
	}
	var sq, clampedSq float64
	for i, v := range x {
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("value %v at %d: want a finite number", f, i)
		}
		sq += f * f
		if clamp != nil && clamp[i] {
			clampedSq += f * f
		}
	}
	norm, what := math.Sqrt(sq), "norm"
	if later := math.Sqrt(clampedSq) + s.mv; steps > 1 && later > norm {
		norm, what = later, "later states of norm"
	}
	bound := s.m * norm * (1 + 1e-6) // the slack covers rounding of the dot products and sums
	limit := math.MaxFloat64 / 2
	if floatSize[T]() == 4 {
		limit = math.MaxFloat32 / 2
	}
	if bound > limit || s.beta*bound > math.MaxFloat64/2 {
		return fmt.Errorf("%s %g: scores beta k.x up to %g would overflow", what, norm, s.beta*bound)
	}
	return nil
}

// runBatch iterates every cue, batching the updates of those still running.
func (s *Softmax[T]) runBatch(xs [][]T, steps int, tol float64, clamp []bool) []SoftmaxResult[T] {
	res := make([]SoftmaxResult[T], len(xs))
	cur := make([][]T, len(xs))
	for q, x := range xs {
		cur[q] = slices.Clone(x)
		res[q].Move = math.NaN()
	}
	active := make([]int, len(xs)) // the cues still running
	for q := range active {
		active[q] = q
	}
	var in, out [][]T
	for step := 1; step <= steps && len(active) > 0; step++ {
		in = in[:0]
		for _, q := range active {
			in = append(in, cur[q])
		}
		out = s.StepBatch(out, in)
		next := active[:0]
		for k, q := range active {
			r := &res[q]
			r.Steps = step
			if s.dv != s.d {
				cur[q] = slices.Clone(out[k])
				continue
			}
			clampTo(out[k], xs[q], clamp)
			r.Move = maxMove(out[k], cur[q])
			copy(cur[q], out[k])
			if r.Converged = tol >= 0 && r.Move <= tol; !r.Converged {
				next = append(next, q)
			}
		}
		active = next
	}
	for q := range res {
		res[q].State = cur[q]
	}
	return res
}

// clampTo sets the clamped components of x back to the cue's.
func clampTo[T float32 | float64](x, cue []T, clamp []bool) {
	for i, c := range clamp {
		if c {
			x[i] = cue[i]
		}
	}
}

// maxMove returns max_i |a_i - b_i|, computed in float64.
func maxMove[T float32 | float64](a, b []T) float64 {
	var m float64
	for i, v := range a {
		m = max(m, math.Abs(float64(v)-float64(b[i])))
	}
	return m
}
