package experiments

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/patterns"
)

func init() {
	Register(&Experiment{
		Name:  "images-100x100",
		Title: "Pictures of 10,000 pixels: BU, BC and interference",
		Description: `Each pixel of a 100x100 picture is a neuron, so the network has N = 10,000 ` +
			`neurons. First it stores the picture "BU" and is shown "BC" with random noise added to ` +
			`every pixel: after one step it shows BU, the only thing it knows. Then it stores both "BU" ` +
			`and "BC" and is shown a noisy BU whose bottom half is erased. Done as in the notebook, with ` +
			`0/1 pictures fed to a rule meant for +-1 patterns, every overlap between pictures is ` +
			`positive and the network answers with BU and BC drawn on top of each other. With +-1 ` +
			`patterns the background counts too, the top half decides, and BU is recalled. BU and BC ` +
			`share the same B: correlated patterns interfere, and the 0/1 coding makes it much worse.`,
		Order: 6,
		Params: []Param{
			{Name: "T_noisy", Kind: Int, Default: 5, Min: 2, Max: 100, Help: "time steps shown for the noisy BC cue, the cue included (notebook: T=5)"},
			{Name: "T_erased", Kind: Int, Default: 2, Min: 2, Max: 100, Help: "time steps shown for the half-erased BU cue, the cue included (notebook: T=2)"},
			{Name: "erase", Kind: Float, Default: 0.5, Min: 0, Max: 1, Help: "fraction of the BU cue erased, from the bottom (notebook: S[5000:] = 0)"},
			{Name: "star", Kind: Bool, Default: false, Help: "store the star as a third picture for the half-erased cue"},
		},
		Run: runImages,
	})
}

// imageCoding is how pictures become patterns: the notebook's 0/1 pixels
// or +-1.
type imageCoding struct {
	name    string // key prefix for the numbers
	label   string // for figures
	zeroOne bool
}

var imageCodings = []imageCoding{
	{"notebook", "0/1 pixels (notebook)", true},
	{"bipolar", "±1 pixels", false},
}

// vector returns the picture in the coding, as float64 for cues and as int8
// for storing.
func (c imageCoding) vector(p patterns.Pattern) []int8 {
	if !c.zeroOne {
		return p.Data
	}
	v, err := p.ZeroOne()
	if err != nil {
		panic(err) // the built-in pictures hold no unknown pixels
	}
	return v
}

// net stores pics. The notebook's single-picture W = outer(csi_BU, csi_BU)
// is unscaled and its W2 is scaled by 1/N; the scale changes no sign, so
// it changes nothing in the dynamics, but we follow it (and the unscaled
// weights, 0 and 1 or -1 and +1, make readable colour bars).
func (c imageCoding) net(scaled bool, pics ...patterns.Pattern) (*hopfield.Network, error) {
	vs := make([][]int8, len(pics))
	for i, p := range pics {
		vs[i] = c.vector(p)
	}
	return hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian, Literal: c.zeroOne, Unscaled: !scaled}, vs...)
}

// imageRun is one recall: the real-valued cue and the states after each
// synchronous step (padded when a fixed point came early).
type imageRun struct {
	cue    []float64
	states [][]int8
	end    hopfield.End
	ran    int
}

func (r *imageRun) final() []int8 { return r.states[len(r.states)-1] }

// recallImage does the notebook's loop S(k+1) = sign(W S(k)) with its
// sign(x) = x > 0 ? 1 : -1 for steps steps. The cue is a real vector
// (a 0/1 picture plus +-1 noise, values -1..2), so the first step is
// W x through Network.Apply; from then on the state is +-1 and Run
// continues, stopping early at a fixed point.
func recallImage(ctx context.Context, net *hopfield.Network, cue []float64, steps int) (*imageRun, error) {
	h := net.Apply(make([]float64, net.N()), cue)
	s1 := make([]int8, len(h))
	for i, v := range h {
		s1[i] = -1
		if v > 0 {
			s1[i] = 1
		}
	}
	r := &imageRun{cue: cue, states: [][]int8{s1}, end: hopfield.StepLimit}
	if steps > 1 {
		res, err := net.Run(s1, hopfield.RunOptions{
			Update: hopfield.Synchronous, Tie: hopfield.TieMinus, MaxSteps: steps - 1,
			Observe: func(e *hopfield.Event) error {
				if e.Step > 0 && e.Flips > 0 {
					r.states = append(r.states, slices.Clone(e.State))
				}
				return ctx.Err()
			},
		})
		if err != nil {
			return nil, err
		}
		r.end = res.End
	}
	r.ran = len(r.states)
	r.states = padTo(r.states, steps)
	return r, nil
}

// noiseVector is the notebook's np.random.choice([-1, 1], size=N).
func noiseVector(rng *rand.Rand, n int) []int8 {
	r := make([]int8, n)
	for i := range r {
		r[i] = int8(2*rng.IntN(2) - 1)
	}
	return r
}

// plus returns v + r as float64.
func plus(v, r []int8) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		out[i] = float64(v[i]) + float64(r[i])
	}
	return out
}

// imageOutcome compares a final state with the pictures.
type imageOutcome struct{ bu, bc, union int }

func outcome(s []int8, bu, bc, union patterns.Pattern) imageOutcome {
	return imageOutcome{hopfield.Hamming(s, bu.Data), hopfield.Hamming(s, bc.Data), hopfield.Hamming(s, union.Data)}
}

func (o imageOutcome) describe() string {
	switch {
	case o.bu == 0:
		return "recalled BU exactly"
	case o.bc == 0:
		return "recalled BC, not BU"
	case o.union == 0:
		return "answered with BU and BC drawn over each other (their union)"
	}
	return fmt.Sprintf("ended %d pixels from BU, %d from BC, %d from their union", o.bu, o.bc, o.union)
}

func runImages(ctx context.Context, p Values, seed uint64) (*Result, error) {
	tNoisy, tErased, erase := p.Int("T_noisy"), p.Int("T_erased"), p.Float("erase")
	pics := newPictures(p.Bool("star"))
	n := pics.bu.N()
	erased, err := patterns.Count(erase, n)
	if err != nil {
		return nil, &ParamError{Param: "erase", Err: fmt.Errorf("parameter erase: %w", err)}
	}
	rng := seeded(seed)
	noiseA, noiseB := noiseVector(rng, n), noiseVector(rng, n)
	runs := make([]imagePair, len(imageCodings))
	weights := make([]*figure.Panel, len(imageCodings))
	numbers := map[string]float64{}
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d neurons (100x100 pictures).\n", n)
	for k, c := range imageCodings {
		netA, err := c.net(false, pics.bu)
		if err != nil {
			return nil, err
		}
		if weights[k], err = figure.Weights(netA, 200, "W for BU, "+c.label); err != nil {
			return nil, err
		}
		a, err := recallImage(ctx, netA, plus(c.vector(pics.bc), noiseA), tNoisy-1)
		if err != nil {
			return nil, err
		}
		netB, err := c.net(true, pics.stored()...)
		if err != nil {
			return nil, err
		}
		cueB := plus(c.vector(pics.bu), noiseB)
		clear(cueB[n-erased:])
		b, err := recallImage(ctx, netB, cueB, tErased-1)
		if err != nil {
			return nil, err
		}
		runs[k] = imagePair{a, b}
		pics.numbers(numbers, c.name, runs[k])
		fmt.Fprintf(&sum, "%s: storing BU, from BC + noise the network %s; storing %s, from the %.0f%%-erased noisy BU it %s.\n",
			c.label, pics.outcome(a.final()).describe(), pics.storedNames(), 100*erase, pics.outcome(b.final()).describe())
	}
	sum.WriteString("The notebook's sign(0) = -1 (x > 0) is used throughout.\n")
	return &Result{Summary: sum.String(), Numbers: numbers, Figures: pics.figures(weights, runs, erase), Tables: []Table{pics.table(runs)}}, nil
}

// pictures are the notebook's three pictures and the union of BU and BC,
// by which a final state is judged.
type pictures struct {
	bu, bc, star, union patterns.Pattern
	withStar            bool
}

func newPictures(withStar bool) *pictures {
	p := &pictures{bu: patterns.BU(), bc: patterns.BC(), star: patterns.Star(), withStar: withStar}
	p.union = p.bu.Clone()
	for i, v := range p.bc.Data {
		if v == 1 {
			p.union.Data[i] = 1
		}
	}
	return p
}

// stored are the pictures stored for the half-erased cue.
func (p *pictures) stored() []patterns.Pattern {
	if p.withStar {
		return []patterns.Pattern{p.bu, p.bc, p.star}
	}
	return []patterns.Pattern{p.bu, p.bc}
}

func (p *pictures) storedNames() string {
	if p.withStar {
		return "BU, BC and the star"
	}
	return "BU and BC"
}

func (p *pictures) outcome(s []int8) imageOutcome { return outcome(s, p.bu, p.bc, p.union) }

// imagePair is a coding's two runs: from the noisy BC cue, and from the
// half-erased BU cue.
type imagePair struct{ noisy, erased *imageRun }

// numbers records how far each run ended from each picture.
func (p *pictures) numbers(out map[string]float64, coding string, runs imagePair) {
	for _, x := range []struct {
		key string
		r   *imageRun
	}{{"noisy", runs.noisy}, {"erased", runs.erased}} {
		o := p.outcome(x.r.final())
		pre := coding + "_" + x.key + "_"
		out[pre+"hamming_bu"] = float64(o.bu)
		out[pre+"hamming_bc"] = float64(o.bc)
		out[pre+"hamming_union"] = float64(o.union)
		out[pre+"steps"] = float64(x.r.ran)
	}
}

func (p *pictures) figures(weights []*figure.Panel, runs []imagePair, erase float64) []*figure.Figure {
	gallery := figure.NewPatterns(p.bu, p.bc, p.star)
	gallery.Items[0].Title, gallery.Items[1].Title, gallery.Items[2].Title = "BU", "BC", "Star"
	gallery.NoBorders = true
	figs := []*figure.Figure{
		{Name: "pictures", Caption: "The three pictures.", Width: 9, Height: 3.8,
			Panels: []*figure.Panel{{Title: "The notebook's 100x100 pictures (N = 10,000 neurons)", Patterns: gallery}}},
		{Name: "weights", Caption: "The weight matrix storing BU, 0/1 and ±1 coding, as block averages.", Width: 12, Height: 5.5,
			Title: "Weight matrix W = ξ ξᵀ of BU (10,000 x 10,000, averaged over 50 x 50 blocks)", Rows: 1, Cols: len(weights), Panels: weights},
	}
	for _, sc := range []struct {
		name, title, caption string
		pick                 func(imagePair) *imageRun
	}{
		{"noisy-cue", "Stored BU; cue: BC + random ±1 on every pixel", "Recall from the noisy BC cue, 0/1 and ±1 coding.",
			func(r imagePair) *imageRun { return r.noisy }},
		{"erased-cue", fmt.Sprintf("Stored %s; cue: BU + noise, bottom %.0f%% erased", p.storedNames(), 100*erase), "Recall from the half-erased BU cue, 0/1 and ±1 coding.",
			func(r imagePair) *imageRun { return r.erased }},
	} {
		var rows [][]*figure.Panel
		for k, c := range imageCodings {
			rows = append(rows, imageRow(sc.pick(runs[k]), c.label, p))
		}
		figs = append(figs, gridFigure(sc.name, sc.caption, sc.title, rows))
	}
	return figs
}

func (p *pictures) table(runs []imagePair) Table {
	t := Table{Name: "pictures", Columns: []string{"neuron", "row", "col", "BU", "BC", "star"}}
	for _, c := range imageCodings {
		t.Columns = append(t.Columns, c.name+"_noisy_cue", c.name+"_noisy_final", c.name+"_erased_cue", c.name+"_erased_final")
	}
	for i := range p.bu.N() {
		row := []float64{float64(i), float64(i / p.bu.Cols), float64(i % p.bu.Cols), float64(p.bu.Data[i]), float64(p.bc.Data[i]), float64(p.star.Data[i])}
		for _, r := range runs {
			row = append(row, r.noisy.cue[i], float64(r.noisy.final()[i]), r.erased.cue[i], float64(r.erased.final()[i]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func shortOutcome(o imageOutcome) string {
	switch {
	case o.bu == 0:
		return "BU"
	case o.bc == 0:
		return "BC"
	case o.union == 0:
		return "BU and BC merged"
	}
	return fmt.Sprintf("%d pixels off BU", o.bu)
}

// imageRow is a run as a row of pictures: the cue, then every step that
// changed something (a fixed point repeats itself).
func imageRow(r *imageRun, label string, p *pictures) []*figure.Panel {
	// One scale for both codings' cues (0/1 + noise is -1..2, +-1 + noise
	// is -2..2), so that an erased pixel (0) is the same gray in both.
	row := []*figure.Panel{imagePanel(r.cue, -2, 2, label+": cue")}
	shown := r.states[:r.ran]
	for t, s := range shown {
		title := fmt.Sprintf("Step %d", t+1)
		if t == len(shown)-1 {
			title = fmt.Sprintf("Step %d: %s", t+1, shortOutcome(p.outcome(s)))
			if r.end == hopfield.FixedPoint {
				title += " (fixed)"
			}
		}
		row = append(row, imagePanel(hopfield.Real(nil, s), -1, 1, title))
	}
	return row
}

// gridFigure lays rows of panels of different lengths out as one grid.
func gridFigure(name, caption, title string, rows [][]*figure.Panel) *figure.Figure {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	f := &figure.Figure{Name: name, Caption: caption, Title: title, Rows: len(rows), Cols: cols, Width: max(3.2*float64(cols), 7), Height: 7.2}
	for _, r := range rows {
		f.Panels = append(f.Panels, r...)
		f.Panels = append(f.Panels, make([]*figure.Panel, cols-len(r))...)
	}
	return f
}

// imagePanel shows a 100x100 picture with values in [lo, hi], white to
// black, without axes.
func imagePanel(data []float64, lo, hi float64, title string) *figure.Panel {
	m, _ := figure.NewMatrixFlat(data, 100, 100) // finite: states and noise
	r := figure.NewRaster(m, figure.Ink, 0)
	r.Min, r.Max, r.SquareCells, r.HideAxes = lo, hi, true, true
	return &figure.Panel{Title: title, Raster: r}
}
