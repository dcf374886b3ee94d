package experiments

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/patterns"
)

func init() {
	Register(&Experiment{
		Name:  "beta-sweep",
		Title: "Modern Hopfield network: from a blend of memories to one, as beta grows",
		Description: `The continuous modern Hopfield network of Ramsauer et al. (2020) stores the 26 letters A to Z, ` +
			`drawn at 32x32 pixels, as +-1 vectors: P = 26 patterns of d = 1024 values, all alike (mostly the same ` +
			`background). It is shown the letter A with its bottom half erased (set to 0, unknown) and makes one ` +
			`update, xi_new = X^T softmax(beta X xi / sqrt(d)), at each beta from 0.25 to 8: the retrieved picture is an ` +
			`average of the stored ones, weighted by the softmax. At small beta the weights are nearly equal and the ` +
			`answer is a gray blend of the whole alphabet (a global average); as beta grows the weight gathers on the ` +
			`letters whose top halves match the cue (a metastable state) and then on A alone, which comes back ` +
			`whole, bottom half included. The first figure shows the pictures, the second the softmax weights; k90, ` +
			`the fewest patterns that hold 90% of the weight, measures the blend. Note the scale: beta multiplies ` +
			`the dot product divided by sqrt(d), as attention does (scale = sqrt). With the raw dot products of the ` +
			`paper's formula (scale = raw) two letters differ by dozens of units and every beta here recalls one ` +
			`letter; with unit vectors (scale = unit) every beta here blends them all. Try the letter B (letter = B): B, P and R ` +
			`share their top halves, so no beta can choose between them.`,
		Order: 23,
		Params: []Param{
			{Name: "letter", Kind: Choice, Default: "A", Choices: betaCueChoices(),
				Help: "the stored picture the cue is made from: a letter, or BU, BC or star (with pictures=true)"},
			{Name: "size", Kind: Int, Default: 32, Min: 8, Max: 128, Help: "side of the pictures in pixels: d = size^2 values per pattern"},
			{Name: "pictures", Kind: Bool, Default: false, Help: "also store the notebook's pictures BU, BC and star, resampled to size x size"},
			{Name: "erase", Kind: Choice, Default: "bottom", Choices: []string{"bottom", "top", "left", "right", "none"},
				Help: "the half of the cue set to 0, unknown"},
			{Name: "noise", Kind: Float, Default: 0.0, Min: 0, Max: 0.5, Help: "fraction of the cue's pixels flipped before erasing, drawn from the seed"},
			{Name: "beta_min", Kind: Float, Default: 0.25, Min: 0.001, Max: 1000, Help: "the smallest beta"},
			{Name: "beta_max", Kind: Float, Default: 8.0, Min: 0.001, Max: 1000, Help: "the largest beta"},
			{Name: "betas", Kind: Int, Default: 6, Min: 2, Max: 12, Help: "betas from beta_min to beta_max, spaced geometrically (6: 0.25, 0.5, ..., 8)"},
			{Name: "scale", Kind: Choice, Default: "sqrt", Choices: []string{"sqrt", "raw", "unit"},
				Help: "what beta multiplies: x.xi / sqrt(d) as attention does (sqrt), the raw dot product (raw), the dot product of unit vectors x.xi / d (unit)"},
			{Name: "steps", Kind: Int, Default: 1, Min: 1, Max: 100, Help: "updates from the cue: 1 is the one-step retrieval of the papers' figures"},
		},
		Run: runBetaSweep,
	})
}

// betaPictures are the notebook's pictures that pictures=true adds to the
// letters, by the name the letter parameter gives them.
var betaPictures = []struct{ name, builtin string }{{"BU", "seed:BU"}, {"BC", "seed:BC"}, {"star", "seed:star"}}

// betaCueChoices lists the values of the letter parameter: A to Z, then
// the pictures.
func betaCueChoices() []string {
	var out []string
	for ch := 'A'; ch <= 'Z'; ch++ {
		out = append(out, string(ch))
	}
	for _, p := range betaPictures {
		out = append(out, p.name)
	}
	return out
}

// betaSweep is a validated run: what is stored, the cue and the betas.
type betaSweep struct {
	pics   []patterns.Pattern // the stored pictures, named A .. Z, BU, BC, star
	x      []float64          // their +-1 values, row-major P x d
	size   int
	target int // the stored picture the cue is made from
	cue    []float64
	betas  []float64 // as given
	labels []string  // the betas written for titles and number names
	factor float64   // the network's beta is beta * factor (see betaScale)
	scale  string
	steps  int

	// damage says what was done to the cue ("bottom half erased");
	// cueTitle and short say it in a few words, to fit over and under a
	// picture ("cue, 10% flipped" and "bottom erased").
	damage, cueTitle, short string
}

// betaPoint is the retrieval at one beta.
type betaPoint struct {
	beta  float64
	diag  hopfield.SoftmaxDiagnosis // of the state the last update started from: the cue, for one step
	state []float64                 // the retrieved picture
	dist  float64                   // from the cued picture
	near  int                       // the stored picture nearest to it
	steps int                       // updates made
	conv  bool                      // whether a run of several steps stopped at a fixed point
}

func runBetaSweep(ctx context.Context, p Values, seed uint64) (*Result, error) {
	s, err := newBetaSweep(p, seed)
	if err != nil {
		return nil, err
	}
	// Beta 1 is a placeholder: WithBeta makes each beta's network, sharing
	// the stored patterns.
	net, err := hopfield.NewSoftmax(s.x, s.size*s.size, hopfield.SoftmaxConfig{Beta: 1, NoCopy: true})
	if err != nil {
		return nil, err
	}
	points := make([]betaPoint, len(s.betas))
	for i, b := range s.betas {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if points[i], err = s.retrieve(net, b); err != nil {
			return nil, err
		}
	}
	return s.result(points), nil
}

// newBetaSweep reads the parameters and makes the stored pictures and the
// cue.
func newBetaSweep(p Values, seed uint64) (*betaSweep, error) {
	s := &betaSweep{size: p.Int("size"), scale: p.String("scale"), steps: p.Int("steps")}
	var err error
	if s.betas, s.labels, err = betaSteps(p.Float("beta_min"), p.Float("beta_max"), p.Int("betas")); err != nil {
		return nil, err
	}
	s.factor = betaScale(s.scale, s.size*s.size)
	if s.pics, err = betaStored(s.size, p.Bool("pictures")); err != nil {
		return nil, err
	}
	s.target = slices.IndexFunc(s.pics, func(q patterns.Pattern) bool { return q.Name == p.String("letter") })
	if s.target < 0 {
		return nil, paramErrorf("letter", "parameter letter: %s is stored only with pictures=true", p.String("letter"))
	}
	for _, q := range s.pics {
		s.x = append(s.x, hopfield.Real(nil, q.Data)...)
	}
	erase, noise := p.String("erase"), p.Float("noise")
	if s.cue, s.damage, err = betaCue(s.pics[s.target], erase, noise, seed); err != nil {
		return nil, err
	}
	s.cueTitle, s.short = betaCueShort(erase, noise)
	return s, nil
}

// betaSteps returns n betas from lo to hi in geometric progression, and
// their labels. The betas are spaced evenly in log2, so that powers of two
// (the default 0.25 to 8) come out exact. Betas whose labels would be
// alike, being too close to tell apart in a title, are refused.
func betaSteps(lo, hi float64, n int) ([]float64, []string, error) {
	if !(lo < hi) {
		return nil, nil, paramErrorf("beta_max", "parameter beta_max: %v is not above beta_min = %v", hi, lo)
	}
	betas, labels := make([]float64, n), make([]string, n)
	a, b := math.Log2(lo), math.Log2(hi)
	for i := range betas {
		betas[i] = math.Exp2(a + (b-a)*float64(i)/float64(n-1))
		labels[i] = strconv.FormatFloat(betas[i], 'g', 3, 64)
		if i > 0 && labels[i] == labels[i-1] {
			return nil, nil, paramErrorf("betas", "parameter betas: %d betas from %v to %v are too close to tell apart (%s twice)", n, lo, hi, labels[i])
		}
	}
	return betas, labels, nil
}

// betaScale returns the factor of the dot products that beta multiplies,
// for d pixels. Two +-1 pictures' dot products are O(d) and differ between
// letters by dozens, so beta on the raw dot product (the paper's formula)
// picks one letter at every beta of order 1, and beta on the dot product
// of unit vectors (x.xi / d) blends them all: dividing by sqrt(d), as
// attention does, puts the change from blend to single letter in between.
func betaScale(scale string, d int) float64 {
	switch scale {
	case "raw":
		return 1
	case "unit":
		return 1 / float64(d)
	}
	return 1 / math.Sqrt(float64(d))
}

// betaStored returns the letters A to Z at size x size and, if pictures,
// the notebook's pictures resampled to that size.
func betaStored(size int, pictures bool) ([]patterns.Pattern, error) {
	var out []patterns.Pattern
	for ch := 'A'; ch <= 'Z'; ch++ {
		l, err := patterns.Letter(ch, size)
		if err != nil {
			return nil, err
		}
		l.Name = string(ch)
		out = append(out, l)
	}
	for _, p := range betaPictures {
		if !pictures {
			break
		}
		q, err := patterns.Builtin(p.builtin)
		if err != nil {
			return nil, err
		}
		q = patterns.Resample(q, size, size)
		q.Name = p.name
		out = append(out, q)
	}
	return out, nil
}

// betaCue damages the picture: noise flips pixels (the only draws from the
// seed), then a half is erased. It returns the cue and what was done.
func betaCue(pic patterns.Pattern, erase string, noise float64, seed uint64) ([]float64, string, error) {
	var ops []patterns.CueOp
	if noise > 0 {
		ops = append(ops, patterns.CueOp{Kind: patterns.CueFlip, Fraction: noise})
	}
	if erase != "none" {
		ops = append(ops, patterns.CueOp{Kind: patterns.CueEraseHalf, Half: erase})
	}
	cue, err := patterns.ApplyCue(pic, ops, hopfield.NewSource(seed))
	if err != nil {
		return nil, "", paramErrorf("noise", "parameter noise: %v", err)
	}
	var what []string
	for _, op := range ops {
		what = append(what, op.Effect(pic.N()))
	}
	if len(what) == 0 {
		what = append(what, "undamaged")
	}
	return hopfield.Real(nil, cue.Data), strings.Join(what, ", "), nil
}

// betaCueShort says what betaCue did in a few words: a title for the cue
// and a line under it.
func betaCueShort(erase string, noise float64) (title, below string) {
	title, below = "cue", erase+" erased"
	if noise > 0 {
		title += ", " + strconv.FormatFloat(100*noise, 'g', 3, 64) + "% flipped"
	}
	if erase == "none" {
		below = "no pixel erased"
	}
	return title, below
}

// retrieve updates the cue at beta: steps - 1 updates with Run, which stops
// early at a fixed point, then one more with Step, so that the weights
// shown are those of the update that made the picture.
func (s *betaSweep) retrieve(net *hopfield.Softmax[float64], beta float64) (betaPoint, error) {
	n, err := net.WithBeta(beta * s.factor)
	if err != nil {
		return betaPoint{}, err
	}
	pt := betaPoint{beta: beta, steps: 1}
	from := s.cue
	if s.steps > 1 {
		res, err := n.Run(s.cue, hopfield.SoftmaxRun{MaxSteps: s.steps - 1})
		if err != nil {
			return betaPoint{}, err
		}
		from, pt.steps, pt.conv = res.State, res.Steps+1, res.Converged
	}
	pt.diag = n.Diagnose(from)
	pt.state = n.Step(nil, from)
	pt.near, _ = n.Nearest(pt.state)
	pt.dist = math.Sqrt(betaSqDist(pt.state, s.row(s.target)))
	return pt, nil
}

// betaSqDist returns the squared Euclidean distance between a and b.
func betaSqDist(a, b []float64) float64 {
	var sum float64
	for i, v := range a {
		sum += (v - b[i]) * (v - b[i])
	}
	return sum
}

func (s *betaSweep) result(points []betaPoint) *Result {
	return &Result{
		Summary: s.summary(points),
		Numbers: s.numbers(points),
		Figures: []*figure.Figure{s.picturesFigure(points), s.weightsFigure(points), s.k90Figure(points)},
		Tables:  s.tables(points),
	}
}

// name returns the name of stored picture mu.
func (s *betaSweep) name(mu int) string { return s.pics[mu].Name }

// row returns the values of stored picture mu.
func (s *betaSweep) row(mu int) []float64 { return s.x[mu*len(s.cue) : (mu+1)*len(s.cue)] }

// scaleText says what beta multiplies, for the summary.
func (s *betaSweep) scaleText() string {
	d := s.size * s.size
	switch s.scale {
	case "raw":
		return "the raw dot product x.xi (the paper's formula)"
	case "unit":
		return fmt.Sprintf("the dot product of unit vectors, x.xi / d = x.xi / %d", d)
	}
	return fmt.Sprintf("x.xi / sqrt(d) = x.xi / %g, as attention scales its dot products", math.Sqrt(float64(d)))
}

// summary says what was stored and cued, and what came back at each beta.
func (s *betaSweep) summary(points []betaPoint) string {
	var b strings.Builder
	d, pp := s.size*s.size, len(s.pics)
	fmt.Fprintf(&b, "Stored %d pictures of %dx%d pixels as +-1 vectors: P = %d, d = %d. Cue: %s, %s.\n",
		pp, s.size, s.size, pp, d, s.name(s.target), s.damage)
	fmt.Fprintf(&b, "At each beta, %s xi <- X^T softmax(beta' X xi), where beta multiplies %s: beta' = %.4g beta.\n", s.updates(), s.scaleText(), s.factor)
	for i, pt := range points {
		fmt.Fprintf(&b, "beta = %s: k90 = %d (class %v, %s), weight on %s %.3f, distance to %s %.2f, nearest stored picture %s",
			s.labels[i], pt.diag.K90, pt.diag.Class, pt.diag.FixedPoint, s.name(s.target), pt.diag.Weights[s.target],
			s.name(s.target), pt.dist, s.name(pt.near))
		if s.steps > 1 {
			fmt.Fprintf(&b, "; %d updates", pt.steps)
		}
		if pt.conv {
			b.WriteString(", at a fixed point")
		}
		b.WriteString(".\n")
	}
	fmt.Fprintf(&b, "Distances are Euclidean: two opposite pictures are %.0f apart, the blank (all-0) picture is %.0f from every stored one.\n",
		2*math.Sqrt(float64(d)), math.Sqrt(float64(d)))
	return b.String()
}

// numbers are named by beta as its titles write it: k90_beta0.25.
func (s *betaSweep) numbers(points []betaPoint) map[string]float64 {
	n := map[string]float64{"P": float64(len(s.pics)), "d": float64(s.size * s.size), "beta_factor": s.factor}
	for i, pt := range points {
		l := s.labels[i]
		n["k90_beta"+l] = float64(pt.diag.K90)
		n["weight_beta"+l] = pt.diag.Weights[s.target]
		n["distance_beta"+l] = pt.dist
	}
	return n
}

// tables returns the sweep, one row per beta, and the weights, one column
// per stored picture.
func (s *betaSweep) tables(points []betaPoint) []Table {
	sweep := Table{Name: "sweep", Columns: []string{"beta", "k90", "class", "fixed_point", "weight_cued", "distance", "nearest", "steps"}}
	weights := Table{Name: "weights", Columns: []string{"beta"}}
	for mu := range s.pics {
		weights.Columns = append(weights.Columns, s.name(mu))
	}
	var class, kind, near []string
	for _, pt := range points {
		nan := math.NaN()
		sweep.Rows = append(sweep.Rows, []float64{pt.beta, float64(pt.diag.K90), nan, nan, pt.diag.Weights[s.target], pt.dist, nan, float64(pt.steps)})
		class, kind, near = append(class, pt.diag.Class.String()), append(kind, pt.diag.FixedPoint.String()), append(near, s.name(pt.near))
		weights.Rows = append(weights.Rows, append([]float64{pt.beta}, pt.diag.Weights...))
	}
	sweep.AddText("class", class)
	sweep.AddText("fixed_point", kind)
	sweep.AddText("nearest", near)
	return []Table{sweep, weights}
}

// updates says how the pictures were retrieved: "one update", "up to 5
// updates".
func (s *betaSweep) updates() string {
	if s.steps == 1 {
		return "one update"
	}
	return fmt.Sprintf("up to %d updates", s.steps)
}

// lastUpdate names the update whose weights are shown.
func (s *betaSweep) lastUpdate() string {
	if s.steps == 1 {
		return "the update of the cue"
	}
	return "the last update"
}

// picturePanel draws a picture of values in [-1, 1] as every picture of
// the lab is drawn, +1 black ink on white paper, 0 (unknown) mid-gray,
// with a second line of text under it.
func (s *betaSweep) picturePanel(values []float64, title, below string) *figure.Panel {
	m, _ := figure.NewMatrixFlat(values, s.size, s.size) // finite: pictures and softmax averages
	r := figure.NewRaster(m, figure.Ink, 0)
	r.Min, r.Max, r.SquareCells, r.HideAxes = -1, 1, true, true
	return &figure.Panel{Title: title, XLabel: below, Raster: r}
}

// picturesFigure is the hopfield-layers blog's figure: the stored picture,
// the cue, and what the update made of it at each beta.
func (s *betaSweep) picturesFigure(points []betaPoint) *figure.Figure {
	panels := []*figure.Panel{
		s.picturePanel(s.row(s.target), "stored "+s.name(s.target), fmt.Sprintf("one of P = %d", len(s.pics))),
		s.picturePanel(s.cue, s.cueTitle, s.short),
	}
	for i, pt := range points {
		panels = append(panels, s.picturePanel(pt.state, "β = "+s.labels[i], fmt.Sprintf("k90 = %d", pt.diag.K90)))
	}
	cols := len(panels)
	if cols > 8 {
		cols = (cols + 1) / 2
	}
	rows := (len(panels) + cols - 1) / cols
	return &figure.Figure{
		Name: "retrieval",
		Caption: fmt.Sprintf("The stored %s, the cue (%s; gray is 0, unknown) and the picture %s retrieves at each beta, "+
			"with k90, the fewest stored pictures that hold 90%% of the softmax weight.", s.name(s.target), s.damage, s.updates()),
		Width: 1.7 * float64(cols), Height: 2 * float64(rows), Rows: rows, Cols: cols, Panels: panels,
	}
}

// weightsFigure shows the softmax weights over the stored pictures at each
// beta, the cued one in red, against the uniform 1/P of the global average.
func (s *betaSweep) weightsFigure(points []betaPoint) *figure.Figure {
	pp := len(s.pics)
	ticks := make([]figure.Tick, pp)
	for mu := range ticks {
		ticks[mu] = figure.Tick{Value: s.stemX(mu), Label: s.name(mu)}
	}
	var panels []*figure.Panel
	for i, pt := range points {
		var others figure.Stems
		for mu, w := range pt.diag.Weights {
			if mu != s.target {
				others.X, others.Y = append(others.X, s.stemX(mu)), append(others.Y, w)
			}
		}
		cued := figure.Stems{X: []float64{s.stemX(s.target)}, Y: []float64{pt.diag.Weights[s.target]}, Color: "red"}
		x := figure.Range(-0.8, s.stemX(pp-1)+0.8)
		x.Ticks = ticks
		panels = append(panels, &figure.Panel{
			Title:  fmt.Sprintf("β = %s: k90 = %d, %s", s.labels[i], pt.diag.K90, pt.diag.FixedPoint),
			YLabel: "weight", X: x, Y: figure.Range(0, 1.05),
			Stems: []figure.Stems{others, cued},
			Refs:  []figure.Ref{{At: 1 / float64(pp), Style: figure.RefGray, Label: "1/P"}},
		})
	}
	cols := min(3, len(panels))
	rows := (len(panels) + cols - 1) / cols
	return &figure.Figure{
		Name: "weights",
		Caption: fmt.Sprintf("The softmax weights of the %d stored pictures in %s at each beta (red: %s, the cued one; "+
			"dashed: 1/P, every picture's weight in the global average) with k90 and the kind of fixed point they point to.", pp, s.lastUpdate(), s.name(s.target)),
		Width: 4.2 * float64(cols), Height: 2.4 * float64(rows), Rows: rows, Cols: cols, Panels: panels,
	}
}

// stemX is where the weight of stored picture mu stands: the letters one
// apart, the pictures further apart so that their longer names fit.
func (s *betaSweep) stemX(mu int) float64 {
	const letters = 26
	if mu < letters {
		return float64(mu)
	}
	return letters + 1 + 2.5*float64(mu-letters)
}

// k90Figure sums the sweep up: k90, the weight on the cued picture and its
// distance from the retrieved one, against beta on a log scale.
func (s *betaSweep) k90Figure(points []betaPoint) *figure.Figure {
	xs := make([]float64, len(points))
	k90, weight, dist := make([]float64, len(points)), make([]float64, len(points)), make([]float64, len(points))
	for i, pt := range points {
		xs[i] = math.Log2(pt.beta)
		k90[i], weight[i], dist[i] = float64(pt.diag.K90), pt.diag.Weights[s.target], pt.dist
	}
	axis := s.betaAxis()
	pp, name := float64(len(s.pics)), s.name(s.target)
	panel := func(title, ylabel string, y []float64, yAxis figure.Axis, refs ...figure.Ref) *figure.Panel {
		return &figure.Panel{Title: title, XLabel: "β", YLabel: ylabel, X: axis, Y: yAxis, Grid: true,
			Series: []figure.Series{{X: xs, Y: y, Style: figure.LinesPoints}}, Refs: refs}
	}
	kAxis := figure.Range(0, pp+1)
	for k := 0; k <= int(pp); k += 5 {
		kAxis.Ticks = append(kAxis.Ticks, figure.Tick{Value: float64(k), Label: strconv.Itoa(k)})
	}
	return &figure.Figure{
		Name:    "k90",
		Caption: fmt.Sprintf("k90 (dashed: P/2, above which the update is a global average, and 1, a single picture), the weight on %s and the Euclidean distance of the retrieved picture from %s, against beta.", name, name),
		Width:   11, Height: 3, Cols: 3,
		Panels: []*figure.Panel{
			panel("k90: 90% of the weight", "k90", k90, kAxis,
				figure.Ref{At: pp / 2, Label: "P/2: global average"}, figure.Ref{At: 1, Label: "1: single picture"}),
			panel("Weight on "+name, "softmax weight", weight, figure.Range(0, 1.05)),
			panel("Distance from "+name, "Euclidean distance", dist, figure.Axis{Include: []float64{0}}),
		},
	}
}

// betaAxis is a log2 axis of beta with a tick at each beta, labelled at
// every one, or every other one when there are more than 7.
func (s *betaSweep) betaAxis() figure.Axis {
	lo, hi := math.Log2(s.betas[0]), math.Log2(s.betas[len(s.betas)-1])
	pad := (hi - lo) * 0.06
	a := figure.Range(lo-pad, hi+pad)
	for i, b := range s.betas {
		label := s.labels[i]
		if len(s.betas) > 7 && i%2 == 1 {
			label = ""
		}
		a.Ticks = append(a.Ticks, figure.Tick{Value: math.Log2(b), Label: label})
	}
	return a
}
