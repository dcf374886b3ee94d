package hopplot

import (
	"math"
	"strings"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/hopfield-lab/hopfield/figure"
)

// Script geometry, as figure.js draws it: a script is scriptScale of the
// text's size, its baseline raised by superRaise or lowered by subLower
// of that size.
const (
	scriptScale = 0.7
	superRaise  = 0.36
	subLower    = 0.16
)

// scriptText is gonum's plain text handler that also draws the figure
// package's script markup, _{...} and ^{...} (figure.ParseText), smaller
// and lowered or raised. Text without markup comes out as plain text does.
type scriptText struct{ text.Plain }

// textHandler draws every text of the package's plots.
var textHandler text.Handler = scriptText{text.Plain{Fonts: font.DefaultCache}}

// runFont returns the font of a run of text in fnt.
func runFont(fnt font.Font, r figure.Run) font.Font {
	if r.Shift != 0 {
		fnt.Size *= scriptScale
	}
	return fnt
}

// runRise is how far above the baseline a run of text of size size sits.
func runRise(size vg.Length, r figure.Run) vg.Length {
	switch r.Shift {
	case 1:
		return superRaise * size
	case -1:
		return -subLower * size
	}
	return 0
}

// Box implements text.Handler.
func (h scriptText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	runs := figure.ParseText(txt)
	if len(runs) < 2 && (len(runs) == 0 || runs[0].Shift == 0) {
		return h.Plain.Box(txt, fnt)
	}
	_, height, depth = h.Plain.Box("", fnt)
	for _, r := range runs {
		w, a, d := h.Plain.Box(r.Text, runFont(fnt, r))
		rise := runRise(fnt.Size, r)
		width += w
		height, depth = max(height, rise+a), max(depth, d-rise)
	}
	return width, height, depth
}

// Draw implements text.Handler: Plain's Draw, a run at a time.
func (h scriptText) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if len(txt) == 0 {
		return
	}
	fnt := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
	}
	sin64, cos64 := math.Sincos(sty.Rotation)
	cos, sin := vg.Length(cos64), vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin
	lines := h.Lines(txt)
	pt.Y += sty.Height(txt)*vg.Length(sty.YAlign) - fnt.Extents().Ascent
	for i, line := range lines {
		w, _, _ := h.Box(line, sty.Font)
		at := pt.Add(vg.Point{X: vg.Length(sty.XAlign) * w, Y: vg.Length(len(lines)-i) * sty.Font.Size})
		for _, r := range figure.ParseText(line) {
			f := runFont(sty.Font, r)
			face := h.Fonts.Lookup(f, f.Size)
			c.FillString(face, at.Add(vg.Point{Y: runRise(sty.Font.Size, r)}), r.Text)
			at.X += face.Width(r.Text)
		}
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}
