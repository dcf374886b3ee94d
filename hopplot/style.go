package hopplot

import (
	"image/color"
	"math"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Font sizes used by every figure of the package. They are chosen for the
// default 8x5 inch page: legible on a projected slide without crowding.
const (
	TitleSize  = vg.Length(14)
	LabelSize  = vg.Length(12)
	TickSize   = vg.Length(10)
	LegendSize = vg.Length(10)
)

var (
	sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	boldFont = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// Series colours (matplotlib's "tab10" cycle, familiar from the notebook).
var seriesColors = []color.Color{
	rgb(0x1f77b4), rgb(0xff7f0e), rgb(0x2ca02c), rgb(0xd62728), rgb(0x9467bd),
	rgb(0x8c564b), rgb(0xe377c2), rgb(0x7f7f7f), rgb(0xbcbd22), rgb(0x17becf),
}

// Named colours handy for callers.
var (
	Blue   = seriesColors[0]
	Orange = seriesColors[1]
	Green  = seriesColors[2]
	Red    = seriesColors[3]
	Purple = seriesColors[4]
	Gray   = seriesColors[7]
)

// SeriesColor returns the i-th colour of the default colour cycle.
func SeriesColor(i int) color.Color {
	if i < 0 {
		i = -i
	}
	return seriesColors[i%len(seriesColors)]
}

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

func textStyle(f font.Font, size vg.Length) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    font.From(f, size),
		XAlign:  draw.XCenter,
		YAlign:  draw.YBottom,
		Handler: textHandler,
	}
}

// NewPlot returns an empty plot in the package's house style: sans-serif
// fonts, a bold title, axis labels, and padded axes. All the plot helpers of
// the package start from it; callers may use it for plots of their own.
func NewPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.TextHandler = textHandler
	p.Title.TextStyle.Handler = textHandler
	p.Legend.TextStyle.Handler = textHandler
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(boldFont, TitleSize)
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Handler, a.Tick.Label.Handler = textHandler, textHandler
		a.Label.TextStyle.Font = font.From(sansFont, LabelSize)
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = font.From(sansFont, TickSize)
		a.Tick.Length = vg.Points(4)
		a.Tick.Width = vg.Points(0.75)
		a.Width = vg.Points(0.75)
		a.Padding = vg.Points(4)
		a.Tick.Marker = niceTicks{target: 6}
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Font = font.From(sansFont, LegendSize)
	return p
}

// addGrid adds light grid lines behind the data (call before adding data).
func addGrid(p *plot.Plot) {
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: color.Gray{Y: 215}, Width: vg.Points(0.5)}
	g.Horizontal = g.Vertical
	p.Add(g)
}

// padY widens the y range of p by frac of its span on each side (top only
// when bottomToo is false), like matplotlib's default margins.
func padY(p *plot.Plot, frac float64, bottomToo bool) {
	span := p.Y.Max - p.Y.Min
	if !(span > 0) || math.IsInf(span, 0) {
		return
	}
	p.Y.Max += frac * span
	if bottomToo {
		p.Y.Min -= frac * span
	}
}

// checkFinite reports the first non-finite value of xs.
func checkFinite(what string, xs []float64) error {
	for i, v := range xs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errorf("%s[%d] is %v", what, i, v)
		}
	}
	return nil
}
