package figure

import (
	"slices"
	"strings"

	"github.com/hopfield-lab/hopfield/patterns"
)

// Figure is a figure described as data: panels in a grid under a title.
type Figure struct {
	// Name is the file name without extension ("raster").
	Name string `json:"name"`
	// Caption is one sentence for a web page or the docs.
	Caption string `json:"caption,omitempty"`
	// Title is drawn over the whole figure.
	Title string `json:"title,omitempty"`
	// Width and Height are the page size in inches; zero means 8 x 5.
	Width  float64 `json:"width,omitempty"`
	Height float64 `json:"height,omitempty"`
	// Rows and Cols lay the panels out, row by row; zero means one column.
	Rows int `json:"rows,omitempty"`
	Cols int `json:"cols,omitempty"`
	// ShareX draws every panel over the union of their x ranges.
	ShareX bool `json:"share_x,omitempty"`
	// Panels fill the grid row by row; a nil panel leaves its cell empty.
	Panels []*Panel `json:"panels"`
}

// Grid returns the rows and columns of the layout.
func (f *Figure) Grid() (rows, cols int) {
	rows, cols = f.Rows, f.Cols
	if cols <= 0 {
		cols = 1
	}
	if rows <= 0 {
		rows = max(1, (len(f.Panels)+cols-1)/cols)
	}
	return rows, cols
}

// Panel is one plot. It draws, in this order, a raster or a grid of
// patterns, a heat map, histogram bars, stems, series and reference lines;
// a panel usually holds one kind, but a heat map is meant to carry curves
// (theory lines over a measured grid).
type Panel struct {
	Title  string `json:"title,omitempty"`
	XLabel string `json:"xlabel,omitempty"`
	YLabel string `json:"ylabel,omitempty"`
	X      Axis   `json:"x"`
	Y      Axis   `json:"y"`
	// Grid draws light grid lines behind the data.
	Grid bool `json:"grid,omitempty"`
	// Legend places the legend of named series: one of the Legend
	// constants ("" is LegendBest).
	Legend string `json:"legend,omitempty"`

	Series   []Series  `json:"series,omitempty"`
	Stems    []Stems   `json:"stems,omitempty"`
	Hist     *Hist     `json:"hist,omitempty"`
	Raster   *Raster   `json:"raster,omitempty"`
	Heat     *HeatMap  `json:"heat,omitempty"`
	Patterns *Patterns `json:"patterns,omitempty"`
	Refs     []Ref     `json:"refs,omitempty"`
}

// Legend positions.
const (
	LegendBest        = ""
	LegendTopRight    = "top-right"
	LegendTopLeft     = "top-left"
	LegendBottomRight = "bottom-right"
	LegendBottomLeft  = "bottom-left"
	// LegendBelow puts the legend under the panel, outside the data area,
	// its entries in as many columns as fit: for data that leave no corner
	// free, such as a heat map, or for a long legend.
	LegendBelow = "below"
	LegendNone  = "none"
)

var legends = []string{LegendBest, LegendTopRight, LegendTopLeft, LegendBottomRight, LegendBottomLeft, LegendBelow, LegendNone}

// Axis is the range and ticks of one axis. Without Min and Max the range
// is the data's, padded, and widened to hold the values of Include.
type Axis struct {
	Min     *float64  `json:"min,omitempty"`
	Max     *float64  `json:"max,omitempty"`
	Include []float64 `json:"include,omitempty"`
	// Ticks, if set, are the only ticks drawn.
	Ticks []Tick `json:"ticks,omitempty"`
	// Integer keeps the automatic ticks that fall on integers.
	Integer bool `json:"integer,omitempty"`
}

// Range returns an Axis fixed to [lo, hi].
func Range(lo, hi float64) Axis { return Axis{Min: &lo, Max: &hi} }

// Tick is a labelled position on an axis.
type Tick struct {
	Value float64 `json:"value"`
	Label string  `json:"label"`
}

// Series styles.
const (
	Lines       = "lines"
	Points      = "points"
	LinesPoints = "linespoints"
)

// Series is one named curve: Y against X (X nil: 0, 1, ...), with optional
// error bars Y ± Err.
type Series struct {
	Name  string    `json:"name,omitempty"`
	X     []float64 `json:"x,omitempty"`
	Y     []float64 `json:"y"`
	Err   []float64 `json:"err,omitempty"`
	Style string    `json:"style,omitempty"` // Lines ("" too), Points or LinesPoints
	// Color is a colour name (see [Colors]); "" takes the series' place in
	// the colour cycle.
	Color  string `json:"color,omitempty"`
	Dashed bool   `json:"dashed,omitempty"`
}

// Stems is one group of stems from 0 to Y at X, with round heads: the
// notebook's plt.stem.
type Stems struct {
	X     []float64 `json:"x"`
	Y     []float64 `json:"y"`
	Color string    `json:"color,omitempty"` // "": blue
}

// Reference line styles.
const (
	RefDashed    = ""           // dark gray, dashed
	RefGray      = "gray"       // the cycle's gray, dashed
	RefDottedRed = "dotted-red" // the notebook's axvline(color='red', linestyle=':')
)

// Ref is a line across the data area at x = At (Vertical) or y = At.
type Ref struct {
	At       float64 `json:"at"`
	Vertical bool    `json:"vertical,omitempty"`
	Style    string  `json:"style,omitempty"`
	// Label, if set, is written beside the line, in its colour, near the
	// end of it (or the corner, for a vertical line) that the panel's
	// curves and stems leave free: what the line stands for ("1/P").
	Label string `json:"label,omitempty"`
}

// Hist is a histogram: Counts[i] samples fall in [Edges[i], Edges[i+1]), of
// N samples, with an optional overlay of the expected counts. Make it with
// [NewHist].
type Hist struct {
	N       int       `json:"n"`
	Edges   []float64 `json:"edges"`
	Counts  []float64 `json:"counts"`
	Overlay *Overlay  `json:"overlay,omitempty"`
	Color   string    `json:"color,omitempty"` // of the bars; "": blue
}

// Overlay is a curve over a histogram, in counts.
type Overlay struct {
	Name   string    `json:"name"`
	X      []float64 `json:"x"`
	Y      []float64 `json:"y"`
	Points bool      `json:"points,omitempty"` // a marker at each point (a pmf's bins)
}

// Colormaps of rasters.
const (
	// Ink runs from white (low) to black (high): +1 states are black ink on
	// white paper, 0 is mid-gray.
	Ink = "ink"
	// Gray runs from black (low) to white (high).
	Gray = "gray"
	// Diverging runs blue - white - red; an automatic range is centred on 0.
	Diverging = "diverging"
	// Viridis is matplotlib's default perceptually uniform map.
	Viridis = "viridis"
)

var colormaps = []string{Ink, Gray, Diverging, Viridis}

// Raster is a grid of values drawn as cells, row 0 at the top, cell (i, j)
// centred on x = j, y = i. Grids larger than a figure shows are averaged in
// blocks first ([NewRaster]): Values then holds the block means and Block
// their size, while Rows and Cols keep the original extent.
type Raster struct {
	Extent   [2]int    `json:"extent"` // rows, cols of the original grid
	Block    [2]int    `json:"block"`  // rows, cols per drawn cell
	Shape    [2]int    `json:"shape"`  // rows, cols of Values
	Values   []float64 `json:"values"` // row-major
	Colormap string    `json:"colormap,omitempty"`
	// Min and Max are the values at the two ends of the colormap; both 0
	// means the range of Values (made symmetric for Diverging).
	Min         float64 `json:"min,omitempty"`
	Max         float64 `json:"max,omitempty"`
	CellBorders bool    `json:"cell_borders,omitempty"`
	ColorBar    bool    `json:"color_bar,omitempty"`
	SquareCells bool    `json:"square_cells,omitempty"`
	HideAxes    bool    `json:"hide_axes,omitempty"`
}

// Patterns is a grid of small pictures of +-1 patterns, each with a title:
// true / noisy / recalled.
type Patterns struct {
	// Shape is the rows and columns of every pattern.
	Shape [2]int `json:"shape"`
	// Items are the patterns, each a string of cells ('#' +1, '.' -1,
	// '?' 0).
	Items []Item `json:"items"`
	// Columns is the number of patterns per row (0: all in one row).
	Columns int `json:"columns,omitempty"`
	// KeepColumns says that the patterns of a column belong together (a
	// cue over what it became): a renderer too narrow for Columns wraps
	// the grid by blocks of whole columns rather than pattern by pattern.
	KeepColumns bool `json:"keep_columns,omitempty"`
	TitlesBelow bool `json:"titles_below,omitempty"`
	NoBorders   bool `json:"no_borders,omitempty"`
}

// Item is one pattern of a Patterns grid.
type Item struct {
	Title string `json:"title,omitempty"`
	Cells string `json:"cells"`
}

// Colors lists the colour names a series, a group of stems or bars may
// take: the ten colours of matplotlib's tab10 cycle by name and as C0..C9,
// and black.
var Colors = map[string]uint32{
	"C0": 0x1f77b4, "C1": 0xff7f0e, "C2": 0x2ca02c, "C3": 0xd62728, "C4": 0x9467bd,
	"C5": 0x8c564b, "C6": 0xe377c2, "C7": 0x7f7f7f, "C8": 0xbcbd22, "C9": 0x17becf,
	"blue": 0x1f77b4, "orange": 0xff7f0e, "green": 0x2ca02c, "red": 0xd62728, "purple": 0x9467bd,
	"gray": 0x7f7f7f, "black": 0x000000,
}

// Cycle returns the name of the i-th colour of the cycle, "C0" to "C9".
func Cycle(i int) string {
	if i < 0 {
		i = -i
	}
	return "C" + string(rune('0'+i%10))
}

// Validate reports the first thing wrong with the figure: an unknown
// style, colour, colormap or legend position, series whose lengths differ,
// a value that is not finite, a histogram without bins.
func (f *Figure) Validate() error {
	rows, cols := f.Grid()
	if len(f.Panels) > rows*cols {
		return errorf("figure %s: %d panels do not fit a %dx%d grid", f.Name, len(f.Panels), rows, cols)
	}
	if !slices.ContainsFunc(f.Panels, func(p *Panel) bool { return p != nil }) {
		return errorf("figure %s: no panels", f.Name)
	}
	for i, p := range f.Panels {
		if p == nil {
			continue
		}
		if err := p.Validate(); err != nil {
			return errorf("figure %s, panel %d: %v", f.Name, i, strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": "))
		}
	}
	return nil
}

// Validate reports the first thing wrong with the panel.
func (p *Panel) Validate() error {
	if !slices.Contains(legends, p.Legend) {
		return errorf("unknown legend position %q", p.Legend)
	}
	for _, a := range []Axis{p.X, p.Y} {
		for _, v := range []*float64{a.Min, a.Max} {
			if v != nil {
				if err := checkFinite("axis range", []float64{*v}); err != nil {
					return err
				}
			}
		}
		if a.Min != nil && a.Max != nil && !(*a.Min < *a.Max) {
			return errorf("axis range [%v, %v] is empty", *a.Min, *a.Max)
		}
	}
	for i, s := range p.Series {
		if err := s.validate(i); err != nil {
			return err
		}
	}
	for i, s := range p.Stems {
		if len(s.X) != len(s.Y) {
			return errorf("stems %d: %d x values for %d y values", i, len(s.X), len(s.Y))
		}
		if err := checkColor(s.Color); err != nil {
			return err
		}
	}
	for _, r := range p.Refs {
		if err := checkFinite("reference line", []float64{r.At}); err != nil {
			return err
		}
		if r.Style != RefDashed && r.Style != RefGray && r.Style != RefDottedRed {
			return errorf("unknown reference line style %q", r.Style)
		}
	}
	if p.Hist != nil {
		if err := p.Hist.Validate(); err != nil {
			return err
		}
	}
	if p.Raster != nil {
		if err := p.Raster.Validate(); err != nil {
			return err
		}
	}
	if p.Heat != nil {
		if err := p.Heat.Validate(); err != nil {
			return err
		}
	}
	if p.Patterns != nil {
		return p.Patterns.Validate()
	}
	return nil
}

func (s *Series) validate(i int) error {
	what := "series " + strings.TrimSpace(s.Name)
	if s.Name == "" {
		what = "series " + string(rune('0'+i%10))
	}
	switch {
	case len(s.Y) == 0:
		return errorf("%s: no values", what)
	case s.X != nil && len(s.X) != len(s.Y):
		return errorf("%s: %d x values for %d y values", what, len(s.X), len(s.Y))
	case s.Err != nil && len(s.Err) != len(s.Y):
		return errorf("%s: %d errors for %d values", what, len(s.Err), len(s.Y))
	case s.Style != "" && s.Style != Lines && s.Style != Points && s.Style != LinesPoints:
		return errorf("%s: unknown style %q", what, s.Style)
	}
	for _, xs := range [][]float64{s.X, s.Y, s.Err} {
		if err := checkFinite(what, xs); err != nil {
			return err
		}
	}
	for j, e := range s.Err {
		if e < 0 {
			return errorf("%s: error %d is negative (%v)", what, j, e)
		}
	}
	return checkColor(s.Color)
}

func checkColor(c string) error {
	if _, ok := Colors[c]; c != "" && !ok {
		return errorf("unknown colour %q", c)
	}
	return nil
}

// Validate reports the first thing wrong with the histogram.
func (h *Hist) Validate() error {
	switch {
	case len(h.Edges) < 2:
		return errorf("histogram: no bins")
	case len(h.Counts) != len(h.Edges)-1:
		return errorf("histogram: %d counts for %d bins", len(h.Counts), len(h.Edges)-1)
	}
	if err := checkFinite("histogram edges", h.Edges); err != nil {
		return err
	}
	if err := checkFinite("histogram counts", h.Counts); err != nil {
		return err
	}
	if o := h.Overlay; o != nil {
		if len(o.X) != len(o.Y) {
			return errorf("histogram overlay: %d x values for %d y values", len(o.X), len(o.Y))
		}
		if err := checkFinite("histogram overlay", append(slices.Clone(o.X), o.Y...)); err != nil {
			return err
		}
	}
	return checkColor(h.Color)
}

// Validate reports the first thing wrong with the raster.
func (r *Raster) Validate() error {
	switch {
	case !slices.Contains(colormaps, r.Colormap) && r.Colormap != "":
		return errorf("raster: unknown colormap %q", r.Colormap)
	case r.Shape[0] < 1 || r.Shape[1] < 1 || len(r.Values) != r.Shape[0]*r.Shape[1]:
		return errorf("raster: %d values do not fill a %dx%d grid", len(r.Values), r.Shape[0], r.Shape[1])
	case r.Block[0] < 1 || r.Block[1] < 1:
		return errorf("raster: block %dx%d is not positive", r.Block[0], r.Block[1])
	case ceilDiv(r.Extent[0], r.Block[0]) != r.Shape[0] || ceilDiv(r.Extent[1], r.Block[1]) != r.Shape[1]:
		return errorf("raster: %dx%d blocks of %dx%d do not cover %dx%d", r.Shape[0], r.Shape[1], r.Block[0], r.Block[1], r.Extent[0], r.Extent[1])
	}
	if err := checkFinite("raster values", r.Values); err != nil {
		return err
	}
	if err := checkFinite("raster range", []float64{r.Min, r.Max}); err != nil {
		return err
	}
	if (r.Min != 0 || r.Max != 0) && !(r.Min < r.Max) {
		return errorf("raster: value range [%v, %v] is empty", r.Min, r.Max)
	}
	return nil
}

// Validate reports the first thing wrong with the patterns.
func (g *Patterns) Validate() error {
	n := g.Shape[0] * g.Shape[1]
	switch {
	case g.Shape[0] < 1 || g.Shape[1] < 1:
		return errorf("patterns: shape %dx%d is not positive", g.Shape[0], g.Shape[1])
	case len(g.Items) == 0:
		return errorf("pattern grid: no patterns")
	case g.Columns < 0:
		return errorf("pattern grid: %d columns", g.Columns)
	}
	for k, it := range g.Items {
		if _, err := patterns.ParseCells(it.Cells, n, true); err != nil {
			return errorf("pattern %d (%q): %v", k, it.Title, err)
		}
	}
	return nil
}
