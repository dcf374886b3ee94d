package capacity

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/theory"
)

var (
	dense = hopfield.DenseAM
	poly3 = hopfield.Energy{Kind: hopfield.Poly, Power: 3}
)

// The dense memory with F(x) = x^3 at N = 100 keeps its patterns far past
// P = N: the error-free capacity N^2 / (2 * 3 * ln N) is 362, and half of
// the patterns are fixed points near P = 600. With 30 networks x 10 probes
// the standard error of a fraction is at most 0.05 (between networks it
// was 0.03 at P = 800 in trial runs), so the bounds below hold by more than
// 3 standard errors: at P = 200 every probe of every network was stable
// (1.0 against the bound 0.97), at P = 800 the fraction is about 0.17
// against 0.35.
func TestDensePoly3FixedFraction(t *testing.T) {
	tab := mustRun(t, Spec{Rules: []hopfield.Rule{dense}, Energy: poly3, Ns: []int{100}, Ps: []int{200, 800},
		Measures: []Measure{Fixed}, Trials: 30, Seed: 1})
	lo, hi := row(t, tab, dense, 100, 200, Fixed), row(t, tab, dense, 100, 800, Fixed)
	if lo.Mean < 0.97 {
		t.Errorf("P = 200: fixed fraction %.3f ± %.3f, want at least 0.97", lo.Mean, lo.StdErr)
	}
	if hi.Mean >= 0.35 {
		t.Errorf("P = 800: fixed fraction %.3f ± %.3f, want below 0.35", hi.Mean, hi.StdErr)
	}
	if lo.Energy != poly3 || lo.Rule != dense {
		t.Errorf("row records rule %v energy %v, want dense poly:3", lo.Rule, lo.Energy)
	}
	// The independent-bits law with the large-N one-step error: within
	// 0.1 at these loads (0.998 and 0.125 against 1 and 0.17).
	for _, r := range []Row{lo, hi} {
		if math.Abs(r.Mean-r.Theory) > 0.1+3*r.StdErr {
			t.Errorf("P = %d: fixed fraction %.3f ± %.3f, theory %.3f", r.P, r.Mean, r.StdErr, r.Theory)
		}
	}
}

// One stored pattern, and a cue with half its bits flipped: the dynamics
// end at the pattern or at its reverse, about equally often, so |m| is 1
// and the signed m averages near 0 (200 networks, one sample of +-1
// each: standard error 0.07, so 0.4 is over 5 of them). The quantiles are
// ordered.
func TestSignedOverlapAndQuantiles(t *testing.T) {
	tab := mustRun(t, Spec{Rules: []hopfield.Rule{hebb}, Ns: []int{200}, Ps: []int{1}, Noises: []float64{0.5},
		Measures: []Measure{Overlap, Signed}, Trials: 200, Seed: 2})
	abs, signed := row(t, tab, hebb, 200, 1, Overlap), row(t, tab, hebb, 200, 1, Signed)
	if abs.Mean != 1 || math.Abs(signed.Mean) > 0.4 {
		t.Errorf("|m| = %.3f, signed m = %.3f: want 1 and near 0", abs.Mean, signed.Mean)
	}
	if signed.Min >= 0 || abs.Min < 0 {
		t.Errorf("smallest |m| %v, smallest signed m %v: want a negative signed overlap and no negative |m|", abs.Min, signed.Min)
	}
	for _, r := range tab.Rows {
		qs := []float64{r.Min, r.Q05, r.Q10, r.Q25, r.Median, r.Q75, r.Q90, r.Q95, r.Max}
		if !slices.IsSorted(qs) {
			t.Errorf("%v: quantiles %v not in order", r.Measure, qs)
		}
	}
}

// A run stopped by MaxSweeps is counted apart, and its samples are left
// out of the statistics unless the spec includes them. At N = 200 and
// alpha = 0.2 from a cue with 30 % noise, one sweep is rarely enough.
func TestUnconvergedRuns(t *testing.T) {
	spec := Spec{Rules: []hopfield.Rule{hebb}, Ns: []int{200}, Alphas: []float64{0.2}, Noises: []float64{0.3},
		Measures: []Measure{Overlap, Flips}, Trials: 10, Probes: 5, MaxSweeps: 1, Seed: 3}
	out := mustRun(t, spec)
	spec.IncludeUnconverged = true
	in := mustRun(t, spec)
	for _, m := range []Measure{Overlap, Flips} {
		o, i := row(t, out, hebb, 200, 40, m), row(t, in, hebb, 200, 40, m)
		if o.Unconverged == 0 || o.Unconverged != i.Unconverged {
			t.Fatalf("%v: %d and %d unconverged runs, want the same positive count", m, o.Unconverged, i.Unconverged)
		}
		if i.Samples != 50 || o.Samples != 50-o.Unconverged {
			t.Errorf("%v: %d samples with the unconverged runs, %d without, of 50 runs with %d unconverged", m, i.Samples, o.Samples, o.Unconverged)
		}
	}
	if !strings.HasSuffix(spec.String(), " unconverged=include") {
		t.Errorf("spec %q does not say that the unconverged runs are included", spec)
	}
}

// Success with threshold 1 is exact recall; with a lower threshold it is
// at least as frequent. AllFixed has one sample per network, never above
// the fixed fraction's evidence: a network with all patterns fixed has
// every probe fixed.
func TestSuccessAndAllFixed(t *testing.T) {
	base := Spec{Rules: []hopfield.Rule{hebb, pinv}, Ns: []int{100}, Alphas: []float64{0.05, 0.15}, Noises: []float64{0.1},
		Measures: []Measure{Recall, Success}, Trials: 10, Seed: 4}
	for _, tc := range []struct {
		threshold float64
		same      bool
	}{{1, true}, {0.9, false}} {
		s := base
		s.Threshold = tc.threshold
		tab := mustRun(t, s)
		for i := 0; i < len(tab.Rows); i += 2 {
			rec, suc := tab.Rows[i], tab.Rows[i+1]
			if tc.same && suc.Mean != rec.Mean || suc.Mean < rec.Mean {
				t.Errorf("threshold %v, %v P = %d: success %v, recall %v", tc.threshold, rec.Rule, rec.P, suc.Mean, rec.Mean)
			}
		}
	}
	tab := mustRun(t, Spec{Rules: []hopfield.Rule{hebb, pinv}, Ns: []int{100}, Alphas: []float64{0.05, 0.3},
		Measures: []Measure{Fixed, AllFixed}, Trials: 12, Seed: 5})
	for _, r := range tab.Rows {
		if r.Measure != AllFixed {
			continue
		}
		if r.Samples != 12 {
			t.Errorf("%v P = %d: %d samples, want one per network", r.Rule, r.P, r.Samples)
		}
		if fixed := row(t, tab, r.Rule, 100, r.P, Fixed); r.Mean > fixed.Mean {
			t.Errorf("%v P = %d: all fixed in %v of the networks, but only %v of the probes are fixed", r.Rule, r.P, r.Mean, fixed.Mean)
		}
	}
	if r := row(t, tab, pinv, 100, 30, AllFixed); r.Mean != 1 || r.Theory != 1 {
		t.Errorf("pseudo-inverse: all fixed %v (theory %v), want 1", r.Mean, r.Theory)
	}
	if r := row(t, tab, hebb, 100, 30, AllFixed); r.Mean != 0 {
		t.Errorf("hebbian at alpha = 0.3: all fixed %v, want 0", r.Mean)
	}
}

// From a cue with k bits flipped, a run that ends at the pattern flips
// every wrong bit at least once; at alpha = 0.05 the pseudo-inverse
// recalls every probe, so the fewest flips are k = 10, and from the
// stored pattern itself there is nothing to flip.
func TestFlips(t *testing.T) {
	tab := mustRun(t, Spec{Rules: []hopfield.Rule{pinv}, Ns: []int{100}, Alphas: []float64{0.05}, Noises: []float64{0, 0.1},
		Measures: []Measure{Recall, Flips}, Trials: 5, Seed: 6})
	for _, r := range tab.Rows {
		if r.Measure != Flips {
			continue
		}
		if want := math.Round(r.Noise * 100); r.Min < want {
			t.Errorf("noise %v: fewest flips %v, want at least %v", r.Noise, r.Min, want)
		}
		if r.Noise == 0 && (r.Max != 0 || r.Theory != 0) {
			t.Errorf("from the stored pattern: up to %v flips (theory %v), want 0", r.Max, r.Theory)
		}
	}
}

// The one-step error under each tie rule follows the exact law for that
// rule (N = 100 and P = 10: the crosstalk of an even number of patterns at
// an even N can sum to a zero field). Fixed counts a tie as unstable
// whatever the rule, so its theory is the same for all three.
func TestTieRules(t *testing.T) {
	var fixed []float64
	for _, tie := range []hopfield.Tie{hopfield.TieKeep, hopfield.TiePlus, hopfield.TieMinus} {
		tab := mustRun(t, Spec{Rules: []hopfield.Rule{hebb}, Ns: []int{100}, Ps: []int{10, 20}, Measures: []Measure{Fixed, OneStep},
			Trials: 300, Tie: tie, Seed: 7})
		for _, r := range tab.Rows {
			if r.Measure == Fixed {
				fixed = append(fixed, r.Theory)
				continue
			}
			law := theory.OneStepErrorExact(100, r.P, theoryTie(tie))
			if r.Theory != law {
				t.Errorf("tie %v P = %d: theory %v, want %v", tie, r.P, r.Theory, law)
			}
			if z := (r.Mean - law) / r.StdErr; math.Abs(z) > 4 {
				t.Errorf("tie %v P = %d: one-step error %.5f ± %.5f, law %.5f", tie, r.P, r.Mean, r.StdErr, law)
			}
		}
	}
	if fixed[0] != fixed[2] || fixed[0] != fixed[4] {
		t.Errorf("fixed-point theory differs between tie rules: %v", fixed)
	}
	keep := theory.OneStepErrorExact(100, 10, theory.TieKeep)
	if fixed[0] >= math.Pow(1-keep, 100) {
		t.Errorf("fixed theory %v not below (1 - P(keep))^N = %v: ties must count as failures", fixed[0], math.Pow(1-keep, 100))
	}
}

// Theory is empty where the law predicts nothing: past alpha_c (even just
// past it), from a noisy cue, and for the pseudo-inverse at P = N.
func TestTheoryNotApplicable(t *testing.T) {
	tests := []struct {
		name string
		cell Cell
		m    Measure
		ok   bool
	}{
		{"below alpha_c", Cell{Rule: hebb, N: 1000, P: 100}, Overlap, true},
		{"at 0.138", Cell{Rule: hebb, N: 1000, P: 138}, Overlap, false},
		{"noisy cue", Cell{Rule: hebb, N: 1000, P: 100, Noise: 0.1}, Overlap, false},
		{"signed", Cell{Rule: hebb, N: 1000, P: 100}, Signed, true},
		{"storkey", Cell{Rule: stork, N: 1000, P: 100}, Fixed, false},
		{"dense rpoly", Cell{Rule: dense, Energy: hopfield.Energy{Kind: hopfield.RectPoly, Power: 3}, N: 100, P: 10}, Fixed, false},
		{"dense poly one-step", Cell{Rule: dense, Energy: poly3, N: 100, P: 10}, OneStep, true},
		{"pinv noisy recall", Cell{Rule: pinv, N: 100, P: 10, Noise: 0.2}, Recall, false},
		{"pinv below N", Cell{Rule: pinv, N: 100, P: 99}, Fixed, true},
		{"pinv at P = N", Cell{Rule: pinv, N: 100, P: 100}, Fixed, false},
		{"pinv one-step at P = N", Cell{Rule: pinv, N: 100, P: 100}, OneStep, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Theory(tc.cell, tc.m, hopfield.TieKeep); math.IsNaN(got) == tc.ok {
				t.Errorf("Theory = %v, want a value: %v", got, tc.ok)
			}
		})
	}
}

func TestSpecValidation(t *testing.T) {
	base := Spec{Rules: []hopfield.Rule{hebb}, Ns: []int{100}, Alphas: []float64{0.1}, Measures: []Measure{Fixed}, Trials: 1}
	tests := []struct {
		name   string
		modify func(*Spec)
		field  string
	}{
		{"dense without energy", func(s *Spec) { s.Rules = []hopfield.Rule{dense} }, "energy"},
		{"energy without dense", func(s *Spec) { s.Energy = poly3 }, "energy"},
		{"bad energy", func(s *Spec) {
			s.Rules, s.Energy = []hopfield.Rule{dense}, hopfield.Energy{Kind: hopfield.Poly, Power: 1}
		}, "energy"},
		{"keep diagonal without pinv", func(s *Spec) { s.KeepDiagonal = true }, "keep-diagonal"},
		{"bad tie", func(s *Spec) { s.Tie = 7 }, "tie"},
		{"success without threshold", func(s *Spec) { s.Measures = []Measure{Success} }, "threshold"},
		{"threshold without success", func(s *Spec) { s.Threshold = 0.9 }, "threshold"},
		{"P of 0", func(s *Spec) { s.Ps = []int{0} }, "p"},
		{"no load", func(s *Spec) { s.Alphas = nil }, "alpha"},
		{"unknown measure", func(s *Spec) { s.Measures = []Measure{99} }, "measure"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := base
			tc.modify(&s)
			err := s.Validate()
			se, ok := err.(*SpecError)
			if !ok || se.Field != tc.field {
				t.Fatalf("err = %v, want a *SpecError for %s", err, tc.field)
			}
		})
	}
	s := base
	s.Rules, s.Energy, s.Alphas, s.Ps = []hopfield.Rule{dense, pinv}, poly3, nil, []int{50, 20, 50}
	s.Tie, s.KeepDiagonal = hopfield.TiePlus, true
	want := "rule=dense,pseudoinverse energy=poly:3 n=100 p=20,50 noise=0 measure=fixed trials=1 probes=10 max-sweeps=100 seed=0 tie=plus keep-diagonal=true"
	if got := s.String(); got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

// The sweep's settings are in the sidecar, as typed values for the
// programs that read the CSV; the CSV itself is plain: no comments, names
// for the rule, the energy and the measure, empty cells where no number
// applies.
func TestSidecarAndPlainCSV(t *testing.T) {
	spec := Spec{Rules: []hopfield.Rule{dense, hebb}, Energy: poly3, Ns: []int{60}, Alphas: []float64{0.1}, Ps: []int{30},
		Measures: []Measure{Fixed, Overlap}, Trials: 2, Seed: 1<<64 - 1, Shard: Shard{1, 2}}
	c, side := tableFiles(t, mustRun(t, spec))
	if bytes.Contains(c, []byte("#")) || bytes.Contains(c, []byte("NaN")) || !bytes.Contains(c, []byte(",dense,poly:3,60,")) {
		t.Errorf("CSV is not plain, or lacks the rule and energy by name:\n%s", c)
	}
	if !bytes.Contains(c, []byte(",fixed,2,20,")) || !bytes.Contains(c, []byte(",,")) {
		t.Errorf("CSV lacks a measure by name or an empty cell:\n%s", c)
	}
	var sc struct {
		Table, Spec, Shard string
		Version, Cells     int
		Parameters         map[string]any
		Columns            []column
	}
	if err := json.Unmarshal(side, &sc); err != nil {
		t.Fatal(err)
	}
	if sc.Table != "hopfield capacity" || sc.Version != TableVersion || sc.Spec != spec.String() || sc.Shard != "1/2" || sc.Cells != 4 {
		t.Errorf("sidecar %+v", sc)
	}
	if len(sc.Columns) != len(csvHeader) {
		t.Errorf("sidecar describes %d columns, the CSV has %d", len(sc.Columns), len(csvHeader))
	}
	var exact struct {
		Parameters struct {
			Rule  []string
			P     []int
			Alpha []float64
			Seed  uint64
		}
	}
	if err := json.Unmarshal(side, &exact); err != nil {
		t.Fatal(err)
	}
	if p := exact.Parameters; !slices.Equal(p.Rule, []string{"dense", "hebbian"}) || !slices.Equal(p.P, []int{30}) || p.Seed != 1<<64-1 || p.Alpha[0] != 0.1 {
		t.Errorf("parameters %+v", p)
	}
	if sc.Parameters["energy"] != "poly:3" {
		t.Errorf("energy parameter %v", sc.Parameters["energy"])
	}
	for in, want := range map[string]string{"a/sweep.csv": "a/sweep.json", "x.CSV": "x.json", "x.dat": "x.dat.json"} {
		if got := SidecarPath(in); got != want {
			t.Errorf("SidecarPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0.22590000000000002, "0.2259"},
		{2259.0 / 10000, "0.2259"},
		{0.1 + 0.2, "0.3"},
		{1, "1"},
		{1e-7, "1e-07"},
		{math.NaN(), ""},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
		{1.0 / 3, "0.333333333333333"},
	} {
		if got := FormatNumber(tc.v); got != tc.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

// Tables written before version 2 (# lines, NaN, no energy, q10 or q90)
// still read and merge: their shards give the table of the whole sweep,
// which keeps version 1, and they do not merge with tables of version 2.
func TestVersion1Files(t *testing.T) {
	read := func(name string) *Table {
		t.Helper()
		f, err := os.Open("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var tab *Table
		if strings.HasSuffix(name, ".json") {
			tab, err = ReadJSON(f)
		} else {
			tab, err = ReadCSV(f, nil)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		tab.Name = name
		return tab
	}
	whole := read("v1-whole.csv")
	if whole.Version != 1 || whole.Cells != 4 || len(whole.Rows) != 8 || !math.IsNaN(whole.Rows[0].Q10) || !math.IsNaN(whole.Rows[0].MeanSweeps) {
		t.Fatalf("version 1 table read as %+v", whole)
	}
	for _, shards := range [][]string{{"v1-shard-0.csv", "v1-shard-1.csv"}, {"v1-shard-1.json", "v1-shard-0.csv"}} {
		merged, err := Merge(read(shards[0]), read(shards[1]))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := csvBytes(t, merged), csvBytes(t, whole); !bytes.Equal(got, want) {
			t.Errorf("merged %v:\n%s\nwant\n%s", shards, got, want)
		}
		if merged.Version != 1 || !bytes.Contains(csvBytes(t, readBack(t, merged)), []byte(`"version": 1`)) {
			t.Errorf("merged version 1 shards into version %d", merged.Version)
		}
	}
	spec := Spec{Rules: []hopfield.Rule{hebb, stork}, Ns: []int{60}, Alphas: []float64{0.1, 0.2}, Measures: []Measure{Fixed, Overlap},
		Trials: 3, Probes: 2, Seed: 3, Shard: Shard{1, 2}}
	if spec.String() != whole.Spec {
		t.Fatalf("spec %q, the old table's %q: the test needs the same sweep", spec, whole.Spec)
	}
	_, err := Merge(read("v1-shard-0.csv"), mustRun(t, spec))
	if err == nil || !strings.Contains(err.Error(), "version 2") {
		t.Errorf("merging versions 1 and 2: err = %v, want a refusal", err)
	}
}

// The new measures give the same bytes whether the workers grow networks
// side by side or share one network at a time (a per-network measure, and
// runs left out as unconverged, cross the two code paths differently).
func TestNewMeasuresDeterministic(t *testing.T) {
	spec := Spec{Rules: []hopfield.Rule{dense, hebb}, Energy: poly3, Ns: []int{80}, Ps: []int{40, 160}, Noises: []float64{0.2},
		Measures: []Measure{Signed, Success, Flips}, Threshold: 0.8, MaxSweeps: 2, Trials: 3, Probes: 5, Seed: 8, Workers: 1}
	// 160 Hebbian patterns of 80 neurons are past any capacity: runs of two
	// sweeps do not all converge.
	tab := mustRun(t, spec)
	if r := row(t, tab, hebb, 80, 160, Flips); r.Unconverged == 0 {
		t.Fatal("every run converged: the test needs some that do not")
	}
	want := csvBytes(t, tab)
	spec.Workers, spec.MemoryLimit = 3, 300<<10
	if c, err := spec.Estimate(); err != nil || !c.OneAtATime {
		t.Fatalf("estimate %+v, %v: want one network at a time", c, err)
	}
	if got := csvBytes(t, mustRun(t, spec)); !bytes.Equal(got, want) {
		t.Errorf("one network at a time:\n%s\nwant\n%s", got, want)
	}
	s2 := Spec{Rules: []hopfield.Rule{hebb, pinv}, Ns: []int{80}, Alphas: []float64{0.05, 0.2}, Measures: []Measure{Fixed, AllFixed},
		Trials: 4, Seed: 9, Workers: 1, KeepDiagonal: true}
	want = csvBytes(t, mustRun(t, s2))
	s2.Workers, s2.MemoryLimit = 2, 300<<10
	if got := csvBytes(t, mustRun(t, s2)); !bytes.Equal(got, want) {
		t.Errorf("all fixed, one network at a time:\n%s\nwant\n%s", got, want)
	}
}
