package capacity

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hopfield-lab/hopfield"
)

// Measure is what a sweep records for each probed pattern (or, for
// AllFixed, for each network).
type Measure int

const (
	// Fixed is 1 if the stored pattern is a fixed point whatever the tie
	// rule, every field having the sign of the pattern's bit
	// (xi_i h_i > 0), else 0. A zero field counts as unstable.
	Fixed Measure = iota + 1
	// Overlap is |m| = |xi . s| / N between the probed pattern and the
	// state where asynchronous dynamics end, started from the pattern or
	// from a noisy cue.
	Overlap
	// Recall is 1 if those dynamics end exactly at the probed pattern.
	Recall
	// OneStep is the fraction of the pattern's bits that flip when each
	// neuron is updated once from the pattern, under the tie rule: the
	// one-step bit error rate.
	OneStep
	// Signed is the signed overlap m = xi . s / N where the dynamics end:
	// -1 at the reversed pattern, which Overlap counts as a success.
	Signed
	// Success is 1 if the signed overlap where the dynamics end is at least
	// Spec.Threshold, else 0.
	Success
	// AllFixed is 1 for a network all of whose stored patterns are fixed
	// points as Fixed says, else 0: one sample per network, whatever the
	// probes.
	AllFixed
	// Flips is the number of neuron flips in the run of the dynamics
	// (hopfield.Result.Flips): its cost, and how far it went.
	Flips

	lastMeasure = Flips
)

var measureNames = []string{Fixed: "fixed", Overlap: "overlap", Recall: "recall", OneStep: "onestep",
	Signed: "signed", Success: "success", AllFixed: "allfixed", Flips: "flips"}

// measureList names the measures for errors and help.
const measureList = "fixed, overlap, recall, onestep, signed, success, allfixed or flips"

func (m Measure) String() string {
	if m >= Fixed && m <= lastMeasure {
		return measureNames[m]
	}
	return fmt.Sprintf("Measure(%d)", int(m))
}

// ParseMeasure returns the measure with the given name (see measureList;
// also one-step, signed-overlap, all-fixed).
func ParseMeasure(name string) (Measure, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	switch name {
	case "one-step", "one_step":
		return OneStep, nil
	case "signed-overlap", "signed_overlap":
		return Signed, nil
	case "all-fixed", "all_fixed":
		return AllFixed, nil
	}
	for m := Fixed; m <= lastMeasure; m++ {
		if measureNames[m] == name {
			return m, nil
		}
	}
	return 0, fmt.Errorf("unknown measure %q (want %s)", name, measureList)
}

// runs reports whether the measure needs a run of the dynamics; the others
// are read from the fields at the stored patterns.
func (m Measure) runs() bool {
	return m == Overlap || m == Recall || m == Signed || m == Success || m == Flips
}

// perNetwork reports whether the measure has one sample per network
// rather than one per probe.
func (m Measure) perNetwork() bool { return m == AllFixed }

// denominator is the common denominator of the measure's samples at N
// neurons: OneStep, Overlap and Signed are multiples of 1/N (a number of
// bits, N - 2 wrong bits, over N); the others are integers (0 or 1, or a
// number of flips).
func (m Measure) denominator(n int) int {
	if m == OneStep || m == Overlap || m == Signed {
		return n
	}
	return 1
}

// Defaults for the zero values of Spec fields.
const (
	// DefaultProbes is the number of stored patterns probed per network.
	// Probing all P patterns would cost O(N P^2) per network; ten give
	// 1,000 samples per cell from 100 networks, and the standard error is
	// taken between networks, so it stays honest.
	DefaultProbes = 10
	// DefaultMaxSweeps bounds the asynchronous dynamics. Retrieval from a
	// stored pattern takes a few sweeps; near and above capacity the state
	// drifts for tens of sweeps. Runs that hit the limit are counted.
	DefaultMaxSweeps = 100
)

// Shard selects one slice of a grid: cells k with k mod Count == Index. The
// zero value is the whole grid.
type Shard struct {
	Index, Count int
}

// Whole reports whether the shard is the whole grid.
func (s Shard) Whole() bool { return s.Count <= 1 }

// Holds reports whether cell k belongs to the shard.
func (s Shard) Holds(k int) bool { return s.Whole() || k%s.Count == s.Index }

func (s Shard) String() string {
	if s.Whole() {
		return "0/1"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// ParseShard reads "i/n" with 0 <= i < n, the form of a job array index
// (Slurm's SLURM_ARRAY_TASK_ID from 0, Kubernetes' JOB_COMPLETION_INDEX).
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("shard %q: want i/n with 0 <= i < n, e.g. 0/4", s)
	}
	return Shard{Index: i, Count: n}, nil
}

// Spec describes a sweep: a grid of cells (rule, N, P, noise), and how each
// cell is measured.
type Spec struct {
	Rules []hopfield.Rule
	// Energy is the interaction function of the hopfield.DenseAM rule: it
	// must be given when Rules holds that rule, and is an error otherwise.
	Energy hopfield.Energy
	Ns     []int
	// Alphas and Ps give the loads together: a cell stores
	// P = round(alpha N) patterns for each alpha, and each P of Ps as it
	// is. Dense memories, which hold far more than N patterns, are swept
	// by P.
	Alphas []float64
	Ps     []int
	Noises []float64 // fraction of the cue's bits flipped; nil means {0}
	// Measures to record; every probe feeds all of them.
	Measures []Measure
	// Trials is the number of independent networks per cell, 1 to
	// MaxTrials.
	Trials int
	// Probes is the number of distinct stored patterns probed per network
	// (at most P); 0 means DefaultProbes.
	Probes int
	// MaxSweeps bounds the dynamics of the measures that run them; 0 means
	// DefaultMaxSweeps.
	MaxSweeps int
	Seed      uint64
	// Tie settles a zero field in the dynamics and in OneStep. Fixed and
	// AllFixed count a zero field as unstable whatever the tie rule.
	Tie hopfield.Tie
	// KeepDiagonal keeps the pseudo-inverse rule's self-coupling
	// (hopfield.Config.KeepDiagonal); it needs that rule among Rules and
	// changes no other.
	KeepDiagonal bool
	// Threshold is Success's bound on the signed overlap, in (0, 1]; it
	// must be given with Success, and only then.
	Threshold float64
	// IncludeUnconverged keeps the runs that hit MaxSweeps in the
	// statistics of the measures that run the dynamics. By default they
	// are left out: a state still moving is not a result. Row.Unconverged
	// counts them either way.
	IncludeUnconverged bool

	// Shard restricts the run to one slice of the grid.
	Shard Shard
	// Workers is the number of goroutines; 0 means GOMAXPROCS. It does not
	// change any result.
	Workers int
	// MemoryLimit caps the memory of the networks held at once and of the
	// statistics; 0 means hopfield.DefaultMemoryLimit(). It decides whether
	// networks are built side by side or one at a time, never the results.
	MemoryLimit int64
	// Progress, if not nil, is called after each probe with the number of
	// probes done and the total, from one goroutine at a time.
	Progress func(done, total int)
}

// Cell is one point of the grid.
type Cell struct {
	Index int // position in the whole grid, from 0
	Rule  hopfield.Rule
	// Energy is the interaction function of a DenseAM cell, the zero
	// Energy for the other rules.
	Energy hopfield.Energy
	N, P   int
	Noise  float64
}

// Alpha is the load P/N actually stored.
func (c Cell) Alpha() float64 { return float64(c.P) / float64(c.N) }

// SpecError reports a Spec field that cannot be used, in parts that a
// command or a web form words in its own terms: the field (named as the
// hopfield capacity flag, without its dashes), its value and what it should
// hold.
type SpecError struct {
	// Field is rule, energy, n, alpha, p, noise, measure, trials, probes,
	// max-sweeps, tie, keep-diagonal, threshold, workers or shard.
	Field string
	Value any
	Want  string
}

func (e *SpecError) Error() string { return fmt.Sprintf("%s %v: want %s", e.Field, e.Value, e.Want) }

func badSpec(field string, v any, want string) error {
	return &SpecError{Field: field, Value: v, Want: want}
}

// Validate reports the first setting of the spec that cannot be used, as
// a [*SpecError]; Run, Cells and Estimate call it.
func (s Spec) Validate() error {
	_, err := s.normalize()
	return err
}

// normalize validates the spec, fills the defaults and puts lists in
// canonical order, so that two specs for the same sweep print the same
// String.
func (s Spec) normalize() (Spec, error) {
	if err := s.checkRules(); err != nil {
		return s, err
	}
	if err := s.checkGrid(); err != nil {
		return s, err
	}
	if len(s.Noises) == 0 {
		s.Noises = []float64{0}
	}
	ms := slices.Clone(s.Measures)
	slices.Sort(ms)
	s.Measures = slices.Compact(ms)
	if err := s.checkMeasures(); err != nil {
		return s, err
	}
	switch {
	case s.Trials < 1 || s.Trials > MaxTrials:
		return s, badSpec("trials", s.Trials, fmt.Sprintf("1 to %d networks per cell", MaxTrials))
	case s.Probes < 0:
		return s, badSpec("probes", s.Probes, "a number of patterns >= 0 (0 for the default)")
	case s.MaxSweeps < 0:
		return s, badSpec("max-sweeps", s.MaxSweeps, "a number of sweeps >= 0 (0 for the default)")
	case s.Workers < 0 || s.Workers > MaxWorkers:
		return s, badSpec("workers", s.Workers, fmt.Sprintf("0 (one per core) to %d", MaxWorkers))
	case s.Shard.Count < 0 || (s.Shard.Count > 0 && (s.Shard.Index < 0 || s.Shard.Index >= s.Shard.Count)):
		return s, badSpec("shard", fmt.Sprintf("%d/%d", s.Shard.Index, s.Shard.Count), "i/n with 0 <= i < n")
	}
	if s.Probes == 0 {
		s.Probes = DefaultProbes
	}
	if s.MaxSweeps == 0 {
		s.MaxSweeps = DefaultMaxSweeps
	}
	s.Rules = dedupe(s.Rules)
	s.Ns = dedupe(s.Ns)
	s.Noises = dedupe(s.Noises)
	ps := slices.Clone(s.Ps)
	slices.Sort(ps)
	s.Ps = slices.Compact(ps)
	return s, nil
}

// checkRules checks the rules and the settings that belong to one rule.
func (s Spec) checkRules() error {
	if len(s.Rules) == 0 {
		return badSpec("rule", "(none)", "at least one learning rule")
	}
	for _, r := range s.Rules {
		if r != hopfield.Hebbian && r != hopfield.Storkey && r != hopfield.PseudoInverse && r != hopfield.DenseAM {
			return badSpec("rule", r, "hebbian, storkey, pseudoinverse or dense")
		}
	}
	dense := slices.Contains(s.Rules, hopfield.DenseAM)
	switch {
	case dense && s.Energy == (hopfield.Energy{}):
		return badSpec("energy", "(none)", "an interaction function for the dense rule: poly:N, rpoly:N, exp or lse")
	case !dense && s.Energy != (hopfield.Energy{}):
		return badSpec("energy", s.Energy, "the dense rule, the only one with an interaction function")
	case dense:
		if err := s.Energy.Validate(); err != nil {
			return badSpec("energy", s.Energy, "poly:N or rpoly:N with N >= 2, or exp or lse with 0 < beta <= 300")
		}
	}
	if s.KeepDiagonal && !slices.Contains(s.Rules, hopfield.PseudoInverse) {
		return badSpec("keep-diagonal", true, "the pseudoinverse rule, the only one with a self-coupling to keep")
	}
	if s.Tie < hopfield.TieKeep || s.Tie > hopfield.TieMinus {
		return badSpec("tie", s.Tie, "keep, plus or minus")
	}
	return nil
}

// checkGrid checks the sizes, loads and noise levels.
func (s Spec) checkGrid() error {
	if len(s.Ns) == 0 {
		return badSpec("n", "(none)", "at least one network size")
	}
	for _, n := range s.Ns {
		if n < 2 {
			return badSpec("n", n, "N >= 2 neurons")
		}
	}
	if len(s.Alphas)+len(s.Ps) == 0 {
		return badSpec("alpha", "(none)", "at least one load (alpha, or P)")
	}
	for _, a := range s.Alphas {
		if !(a > 0) || math.IsInf(a, 0) {
			return badSpec("alpha", a, "a finite load alpha > 0")
		}
	}
	for _, p := range s.Ps {
		if p < 1 || p > 1<<40 {
			return badSpec("p", p, "a number of patterns P >= 1")
		}
	}
	for _, x := range s.Noises {
		if !(x >= 0 && x <= 1) {
			return badSpec("noise", x, "a fraction in [0, 1]")
		}
	}
	return nil
}

// checkMeasures checks the measures (in canonical order) and the settings
// that belong to one of them.
func (s Spec) checkMeasures() error {
	if len(s.Measures) == 0 {
		return badSpec("measure", "(none)", "at least one measure")
	}
	for _, m := range s.Measures {
		if m < Fixed || m > lastMeasure {
			return badSpec("measure", m, measureList)
		}
	}
	if slices.ContainsFunc(s.Noises, func(x float64) bool { return x != 0 }) {
		for _, m := range s.Measures {
			if !m.runs() {
				return fmt.Errorf("noise applies to the measures of the dynamics (overlap, signed, recall, success, flips), not to %v, which is taken at the stored pattern", m)
			}
		}
	}
	success := slices.Contains(s.Measures, Success)
	switch {
	case success && !(s.Threshold > 0 && s.Threshold <= 1):
		return badSpec("threshold", s.Threshold, "a signed overlap in (0, 1] for the success measure")
	case !success && s.Threshold != 0:
		return badSpec("threshold", s.Threshold, "the success measure, the only one with a threshold")
	}
	return nil
}

func dedupe[T comparable](xs []T) []T {
	var out []T
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// Cells returns the whole grid in its canonical order: rules, then N, then
// noise as given (duplicates dropped), then P ascending. Each alpha gives
// P = round(alpha N), and Ps adds its P at every N; loads that give the
// same P make one cell, so a small N may have fewer cells than loads. It
// returns an error for an invalid spec, an alpha that stores no pattern
// (P = 0), or a pseudo-inverse cell with P > N (the rule needs independent
// patterns).
func (s Spec) Cells() ([]Cell, error) {
	s, err := s.normalize()
	if err != nil {
		return nil, err
	}
	return s.cells()
}

func (s Spec) cells() ([]Cell, error) {
	// Bound the grid before building it (products of long lists overflow).
	size := float64(len(s.Rules)) * float64(len(s.Ns)) * float64(len(s.Alphas)+len(s.Ps)) * float64(len(s.Noises))
	if size > MaxCells {
		return nil, fmt.Errorf("grid of %.0f cells (%d rules x %d sizes x %d loads x %d noise levels): want at most %d",
			size, len(s.Rules), len(s.Ns), len(s.Alphas)+len(s.Ps), len(s.Noises), MaxCells)
	}
	var cells []Cell
	for _, r := range s.Rules {
		var e hopfield.Energy
		if r == hopfield.DenseAM {
			e = s.Energy
		}
		for _, n := range s.Ns {
			ps, err := cellLoads(n, s.Alphas, s.Ps)
			if err != nil {
				return nil, err
			}
			if r == hopfield.PseudoInverse && ps[len(ps)-1] > n {
				return nil, fmt.Errorf("pseudo-inverse with P = %d > N = %d: random patterns are then linearly dependent", ps[len(ps)-1], n)
			}
			for _, x := range s.Noises {
				for _, p := range ps {
					cells = append(cells, Cell{Index: len(cells), Rule: r, Energy: e, N: n, P: p, Noise: x})
				}
			}
		}
	}
	return cells, nil
}

// loads returns the distinct P = round(alpha N), ascending.
func loads(n int, alphas []float64) ([]int, error) { return cellLoads(n, alphas, nil) }

// cellLoads returns the distinct P = round(alpha N) of the alphas together
// with the pattern counts ps, ascending.
func cellLoads(n int, alphas []float64, ps []int) ([]int, error) {
	out := slices.Clone(ps)
	for _, a := range alphas {
		if a*float64(n) > 1<<40 {
			return nil, fmt.Errorf("load %v at N = %d: P = alpha N is far too large", a, n)
		}
		p := int(math.Round(a * float64(n)))
		if p < 1 {
			return nil, fmt.Errorf("load %v at N = %d stores no pattern (P = round(alpha N) = 0)", a, n)
		}
		out = append(out, p)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// String is the canonical description of the sweep: every setting that
// changes a number in the results, and nothing else (not the shard, the
// workers or the memory limit). Merge compares it between shards. The
// settings added after the first tables were written (energy, p, tie,
// keep-diagonal, threshold, unconverged) appear only when they matter, so
// that a sweep without them keeps its old description.
func (s Spec) String() string {
	s, err := s.normalize()
	if err != nil {
		return "invalid: " + err.Error()
	}
	var b strings.Builder
	b.WriteString("rule=" + join(s.Rules, hopfield.Rule.String))
	if s.Energy != (hopfield.Energy{}) {
		b.WriteString(" energy=" + s.Energy.String())
	}
	b.WriteString(" n=" + join(s.Ns, strconv.Itoa))
	if len(s.Alphas) > 0 {
		b.WriteString(" alpha=" + join(s.Alphas, formatFloat))
	}
	if len(s.Ps) > 0 {
		b.WriteString(" p=" + join(s.Ps, strconv.Itoa))
	}
	b.WriteString(" noise=" + join(s.Noises, formatFloat))
	b.WriteString(" measure=" + join(s.Measures, Measure.String))
	fmt.Fprintf(&b, " trials=%d probes=%d max-sweeps=%d seed=%d", s.Trials, s.Probes, s.MaxSweeps, s.Seed)
	if s.Tie != hopfield.TieKeep {
		b.WriteString(" tie=" + s.Tie.String())
	}
	if s.KeepDiagonal {
		b.WriteString(" keep-diagonal=true")
	}
	if s.Threshold != 0 {
		b.WriteString(" threshold=" + formatFloat(s.Threshold))
	}
	if s.IncludeUnconverged && slices.ContainsFunc(s.Measures, Measure.runs) {
		b.WriteString(" unconverged=include")
	}
	return b.String()
}

func join[T any](xs []T, f func(T) string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = f(x)
	}
	return strings.Join(parts, ",")
}

// formatFloat writes the shortest decimal that reads back to v exactly.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// ParseList reads a list of numbers written as comma-separated values and
// ranges lo:hi:step (both ends included), e.g. "0.05:0.20:0.01" or
// "100,1000". Range values are lo + k step, rounded to 12 decimals so that
// 0.05:0.20:0.01 gives 0.07 rather than 0.07000000000000001.
func ParseList(s string) ([]float64, error) {
	var out []float64
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, fmt.Errorf("%q: empty item", s)
		}
		fs := strings.Split(part, ":")
		vals := make([]float64, len(fs))
		for i, f := range fs {
			v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%q: %q is not a number", s, f)
			}
			vals[i] = v
		}
		switch len(vals) {
		case 1:
			out = append(out, vals[0])
		case 3:
			lo, hi, step := vals[0], vals[1], vals[2]
			if !(step > 0) || hi < lo {
				return nil, fmt.Errorf("%q: range lo:hi:step needs lo <= hi and step > 0", part)
			}
			count := int(math.Floor((hi-lo)/step+1e-9)) + 1
			if count > 100000 {
				return nil, fmt.Errorf("%q: range has %d values, more than 100000", part, count)
			}
			for k := range count {
				out = append(out, math.Round((lo+float64(k)*step)*1e12)/1e12)
			}
		default:
			return nil, fmt.Errorf("%q: want a number or a range lo:hi:step", part)
		}
	}
	return out, nil
}

// ParseInts is ParseList for integers, e.g. "100,1000" or "100:1000:100".
func ParseInts(s string) ([]int, error) {
	fs, err := ParseList(s)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(fs))
	for i, f := range fs {
		if f != math.Trunc(f) || math.Abs(f) > 1<<40 {
			return nil, fmt.Errorf("%q: %v is not an integer", s, f)
		}
		out[i] = int(f)
	}
	return out, nil
}
