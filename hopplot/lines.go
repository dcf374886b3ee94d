package hopplot

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SeriesStyle says how a series is drawn.
type SeriesStyle int

const (
	// Lines joins the points (energy, overlaps, theory curves).
	Lines SeriesStyle = iota
	// Points draws markers only (measurements).
	Points
	// LinesPoints draws both.
	LinesPoints
)

// Series is one named curve of a LinePlot.
type Series struct {
	// Name labels the series in the legend ("" leaves it out).
	Name string
	// X are the abscissae; nil means 0, 1, ..., len(Y)-1.
	X, Y []float64
	// Err, if not nil, draws error bars Y[i] ± Err[i] (e.g. standard errors).
	Err []float64
	// Style is Lines by default.
	Style SeriesStyle
	// Color defaults to the i-th colour of the cycle.
	Color color.Color
	// Dashed draws a dashed line (e.g. for theory curves).
	Dashed bool
}

// LineOptions describe a LinePlot.
type LineOptions struct {
	Title, XLabel, YLabel string
	// Refs are reference lines drawn behind the data, e.g. HLine(0).
	Refs []*RefLine
	// Grid draws light grid lines.
	Grid bool
	// Legend positions the legend (shown when some series has a name).
	Legend LegendPosition
}

// LinePlot plots several series with a legend: overlaps with each stored
// pattern over time, energy, error curves, or a capacity sweep with error
// bars and theory curves. Axis ranges may be adjusted on the result.
func LinePlot(opts LineOptions, series ...Series) (*plot.Plot, error) {
	if !opts.Legend.valid() {
		return nil, errorf("line plot: unknown legend position %d", opts.Legend)
	}
	p, _, err := linePlot(opts, series)
	return p, err
}

// linePlot is LinePlot, returning the legend too, which may be below.
func linePlot(opts LineOptions, series []Series) (*plot.Plot, *legendBox, error) {
	if len(series) == 0 {
		return nil, nil, errorf("line plot: no series")
	}
	p := NewPlot(opts.Title, opts.XLabel, opts.YLabel)
	if opts.Grid {
		addGrid(p)
	}
	for i, r := range opts.Refs {
		if r == nil {
			return nil, nil, errorf("line plot: reference line %d is nil", i)
		}
		if err := r.validate(); err != nil {
			return nil, nil, err
		}
		p.Add(r)
	}
	leg := &legendBox{pos: opts.Legend}
	if err := addSeries(p, leg, series); err != nil {
		return nil, nil, err
	}
	for _, r := range opts.Refs {
		r.avoid = leg.curves
	}
	p.Add(leg)
	padY(p, 0.04, true)
	return p, leg, nil
}

// addSeries adds the series to p, lines and markers over error bars, and
// their entries and extents to the legend.
func addSeries(p *plot.Plot, leg *legendBox, series []Series) error {
	for i, s := range series {
		what := "series " + itoa(int64(i))
		if s.Name != "" {
			what = "series " + s.Name
		}
		xys, err := makeXYs(what, s.X, s.Y)
		if err != nil {
			return err
		}
		if s.Style < Lines || s.Style > LinesPoints {
			return errorf("%s: unknown style %d", what, s.Style)
		}
		col := s.Color
		if col == nil {
			col = SeriesColor(i)
		}
		var thumbs []plot.Thumbnailer
		if s.Err != nil {
			if len(s.Err) != len(s.Y) {
				return errorf("%s: %d errors for %d values", what, len(s.Err), len(s.Y))
			}
			if err := checkFinite(what+" errors", s.Err); err != nil {
				return err
			}
			errs := make(plotter.YErrors, len(s.Err))
			for j, e := range s.Err {
				if e < 0 {
					return errorf("%s: error %d is negative (%v)", what, j, e)
				}
				errs[j].Low, errs[j].High = e, e
			}
			bars := &plotter.YErrorBars{
				XYs: xys, YErrors: errs, CapWidth: vg.Points(6),
				LineStyle: draw.LineStyle{Color: col, Width: vg.Points(1)},
			}
			p.Add(bars)
			for j, e := range errs {
				lo, hi := xys[j], xys[j]
				lo.Y -= e.Low
				hi.Y += e.High
				leg.curves = append(leg.curves, plotter.XYs{lo, hi})
			}
		}
		leg.curves = append(leg.curves, xys)
		if s.Style != Points {
			l := &plotter.Line{XYs: xys, LineStyle: draw.LineStyle{Color: col, Width: vg.Points(1.75)}}
			if s.Dashed {
				l.LineStyle.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
			}
			p.Add(l)
			thumbs = append(thumbs, l)
		}
		if s.Style != Lines {
			sc := &plotter.Scatter{XYs: xys, GlyphStyle: draw.GlyphStyle{Color: col, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}}
			p.Add(sc)
			thumbs = append(thumbs, sc)
		}
		leg.add(s.Name, thumbs...)
	}
	return nil
}
