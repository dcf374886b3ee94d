package hopplot

import (
	"image/color"
	"math"
)

// Colormap maps a value in [0, 1] to a colour.
type Colormap int

const (
	// InkMap runs from white (low) to black (high): +1 states and pattern
	// pixels are black ink on white paper, 0 is mid-gray. This is the
	// notebook's imshow(1-S, cmap='gray') and cmap='gray_r'.
	InkMap Colormap = iota
	// GrayMap runs from black (low) to white (high), matplotlib's 'gray'.
	GrayMap
	// DivergingMap runs blue (low) - white (middle) - red (high). With an
	// automatic range it is centred on 0, so zero weights are white.
	DivergingMap
	// ViridisMap is matplotlib's default perceptually uniform map.
	ViridisMap
	numColormaps
)

var (
	divergingAnchors = []color.RGBA{
		rgb(0x2166ac), rgb(0x4393c3), rgb(0x92c5de), rgb(0xd1e5f0), rgb(0xffffff),
		rgb(0xfddbc7), rgb(0xf4a582), rgb(0xd6604d), rgb(0xb2182b),
	}
	viridisAnchors = []color.RGBA{
		rgb(0x440154), rgb(0x482475), rgb(0x414487), rgb(0x355f8d), rgb(0x2a788e),
		rgb(0x21918c), rgb(0x22a884), rgb(0x44bf70), rgb(0x7ad151), rgb(0xbddf26),
		rgb(0xfde725),
	}
)

func (cm Colormap) valid() bool { return cm >= 0 && cm < numColormaps }

// At returns the colour for t in [0, 1]; t is clamped to that interval.
func (cm Colormap) At(t float64) color.RGBA {
	if math.IsNaN(t) {
		t = 0.5
	}
	t = math.Max(0, math.Min(1, t))
	switch cm {
	case GrayMap:
		g := uint8(math.Round(255 * t))
		return color.RGBA{R: g, G: g, B: g, A: 255}
	case DivergingMap:
		return interpolate(divergingAnchors, t)
	case ViridisMap:
		return interpolate(viridisAnchors, t)
	default:
		g := uint8(math.Round(255 * (1 - t)))
		return color.RGBA{R: g, G: g, B: g, A: 255}
	}
}

func interpolate(anchors []color.RGBA, t float64) color.RGBA {
	x := t * float64(len(anchors)-1)
	i := int(x)
	if i >= len(anchors)-1 {
		return anchors[len(anchors)-1]
	}
	f := x - float64(i)
	a, b := anchors[i], anchors[i+1]
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + f*(float64(q)-float64(p)))) }
	return color.RGBA{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 255}
}
