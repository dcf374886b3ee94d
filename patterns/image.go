package patterns

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif"  // register the GIF decoder
	_ "image/jpeg" // register the JPEG decoder
	"image/png"
	"io"
	"math"
	"strings"

	"github.com/hopfield-lab/hopfield"
)

// ImageOptions control [ReadImage].
type ImageOptions struct {
	// Threshold is the gray level in (0, 1) that separates ink from
	// background; 0 means 0.5, mid-gray. A pixel darker than Threshold is
	// ink (+1).
	Threshold float64
	// Invert makes light pixels ink: for white drawings on black.
	Invert bool
	// UnknownBand, if positive, reads the gray levels within UnknownBand of
	// the threshold as unknown (0). WritePNG draws unknown neurons mid-gray,
	// so 0.1 reads them back.
	UnknownBand float64
	// Rows and Cols, if set, give the pattern's shape: the image is divided
	// into a Rows x Cols grid and each cell's mean gray level is
	// thresholded. This reads back a scaled-up PNG from WritePNG and
	// shrinks a photograph. If zero, each pixel is one neuron.
	Rows, Cols int
}

// Limits on image input, against decompression bombs.
const (
	maxImageBytes  = 64 << 20
	maxImagePixels = 1 << 22
)

// ReadImage reads a PNG, JPEG or GIF image (the first frame of an animated
// GIF) as one pattern. Each pixel is turned into a gray level: luminance
// 0.299 R + 0.587 G + 0.114 B, blended over the background by its alpha, so
// transparent pixels count as background. By default dark pixels are ink
// (+1) and light ones background (-1); see [ImageOptions].
func ReadImage(r io.Reader, opts ImageOptions) (Pattern, error) {
	if err := opts.check(); err != nil {
		return Pattern{}, err
	}
	buf, err := io.ReadAll(io.LimitReader(r, maxImageBytes+1))
	if err != nil {
		return Pattern{}, err
	}
	if len(buf) > maxImageBytes {
		return Pattern{}, fmt.Errorf("image file larger than %d MiB", maxImageBytes>>20)
	}
	if len(buf) == 0 {
		return Pattern{}, errors.New("empty file (want a PNG, JPEG or GIF image)")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(buf))
	if err != nil {
		return Pattern{}, imageError(err)
	}
	if cfg.Width < 1 || cfg.Height < 1 {
		return Pattern{}, fmt.Errorf("%s image has no pixels (%dx%d)", format, cfg.Width, cfg.Height)
	}
	if cfg.Width > maxImagePixels/cfg.Height {
		return Pattern{}, fmt.Errorf("%s image of %dx%d pixels too large (at most %d pixels)", format, cfg.Width, cfg.Height, maxImagePixels)
	}
	img, _, err := image.Decode(bytes.NewReader(buf))
	if err != nil {
		return Pattern{}, imageError(err)
	}
	return imagePattern(img, opts), nil
}

func (o ImageOptions) check() error {
	if math.IsNaN(o.Threshold) || o.Threshold < 0 || o.Threshold >= 1 {
		return fmt.Errorf("image threshold %v outside (0, 1)", o.Threshold)
	}
	if math.IsNaN(o.UnknownBand) || o.UnknownBand < 0 || o.UnknownBand >= 1 {
		return fmt.Errorf("image unknown band %v outside [0, 1)", o.UnknownBand)
	}
	if o.Rows < 0 || o.Cols < 0 || (o.Rows == 0) != (o.Cols == 0) {
		return fmt.Errorf("image grid %dx%d: give both rows and cols, or neither", o.Rows, o.Cols)
	}
	if o.Rows > 0 && o.Cols > maxImagePixels/o.Rows {
		return fmt.Errorf("image grid %dx%d too large", o.Rows, o.Cols)
	}
	return nil
}

// imageError makes a decoder's error one readable line.
func imageError(err error) error {
	if errors.Is(err, image.ErrFormat) {
		return errors.New("unknown image format (want PNG, JPEG or GIF)")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errors.New("truncated image")
	}
	return fmt.Errorf("corrupt image: %s", firstLine(err.Error()))
}

// imagePattern thresholds img into a pattern.
func imagePattern(img image.Image, opts ImageOptions) Pattern {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	bg := 1.0 // white behind transparent pixels
	if opts.Invert {
		bg = 0
	}
	gray := make([]float64, w*h)
	for y := range h {
		for x := range w {
			gray[y*w+x] = grayLevel(img.At(b.Min.X+x, b.Min.Y+y), bg)
		}
	}
	rows, cols := opts.Rows, opts.Cols
	if rows == 0 {
		rows, cols = h, w
	}
	t := opts.Threshold
	if t == 0 {
		t = 0.5
	}
	p := New("", rows, cols)
	for r := range rows {
		y0, y1 := cellSpan(r, rows, h)
		for c := range cols {
			x0, x1 := cellSpan(c, cols, w)
			var sum float64
			for y := y0; y < y1; y++ {
				for x := x0; x < x1; x++ {
					sum += gray[y*w+x]
				}
			}
			g := sum / float64((y1-y0)*(x1-x0))
			p.Data[r*cols+c] = classify(g, t, opts)
		}
	}
	return p
}

// cellSpan is the pixel range [lo, hi) of cell i of n over size pixels; a
// cell smaller than a pixel takes the pixel under its centre.
func cellSpan(i, n, size int) (lo, hi int) {
	lo, hi = i*size/n, (i+1)*size/n
	if hi <= lo {
		lo = (2*i + 1) * size / (2 * n)
		hi = lo + 1
	}
	return lo, hi
}

// grayLevel is the luminance in [0, 1] of c composited over a background of
// gray level bg.
func grayLevel(c color.Color, bg float64) float64 {
	r, g, b, a := c.RGBA() // alpha-premultiplied, 0..0xffff
	lum := (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)) / 0xffff
	return lum + bg*(1-float64(a)/0xffff)
}

// classify turns a gray level into a neuron.
func classify(g, t float64, opts ImageOptions) int8 {
	if opts.UnknownBand > 0 && math.Abs(g-t) <= opts.UnknownBand {
		return hopfield.Unknown
	}
	ink := g < t
	if opts.Invert {
		ink = g > t
	}
	if ink {
		return hopfield.Plus
	}
	return hopfield.Minus
}

// Colours of written images.
var (
	inkColor     = color.Gray{Y: 0x00}
	paperColor   = color.Gray{Y: 0xff}
	unknownColor = color.Gray{Y: 0x80}
	gapColor     = color.RGBA{R: 0x9e, G: 0xb6, B: 0xd0, A: 0xff} // light blue between strip cells
)

// minImageSide is the length in pixels of the long side that the default
// scale reaches.
const minImageSide = 200

// DefaultScale is the pixels per neuron used by WritePNG when scale <= 0:
// the smallest whole number that makes the long side of a rows x cols
// pattern at least 200 pixels (40 for 5x5, 2 for 100x100).
func DefaultScale(rows, cols int) int {
	long := max(rows, cols, 1)
	return max(1, (minImageSide+long-1)/long)
}

// WritePNG writes p as a PNG image, each neuron a scale x scale square: ink
// (+1) black, background (-1) white, unknown (0) mid-gray. scale <= 0 means
// [DefaultScale].
func WritePNG(w io.Writer, p Pattern, scale int) error {
	return WriteStripPNG(w, []Pattern{p}, scale, 0)
}

// WriteStripPNG writes the patterns side by side as one PNG image, separated
// by gap columns of pixels in light blue (gap <= 0 means one neuron wide,
// i.e. scale pixels, when there are several patterns). The patterns must
// have the same shape. scale <= 0 means [DefaultScale] of one pattern.
func WriteStripPNG(w io.Writer, ps []Pattern, scale, gap int) error {
	img, err := stripImage(ps, scale, gap)
	if err != nil {
		return err
	}
	return png.Encode(w, img)
}

func stripImage(ps []Pattern, scale, gap int) (*image.Paletted, error) {
	if err := validateAll(ps); err != nil {
		return nil, err
	}
	if err := sameShape(ps); err != nil {
		return nil, fmt.Errorf("a strip needs patterns of one shape: %w", err)
	}
	rows, cols := ps[0].Rows, ps[0].Cols
	if scale <= 0 {
		scale = DefaultScale(rows, cols)
	}
	if len(ps) == 1 {
		gap = 0
	} else if gap <= 0 {
		gap = scale
	}
	const maxSide = 1 << 15
	cellW := cols * scale
	if scale > maxSide || cols > maxSide/scale || rows > maxSide/scale || gap > maxSide ||
		len(ps) > maxSide/(cellW+gap) {
		return nil, fmt.Errorf("image of %d patterns of %s at scale %d too large (at most %d pixels a side)", len(ps), ps[0].Shape(), scale, maxSide)
	}
	width := len(ps)*cellW + (len(ps)-1)*gap
	height := rows * scale
	pal := color.Palette{inkColor, paperColor, unknownColor, gapColor}
	img := image.NewPaletted(image.Rect(0, 0, width, height), pal)
	for k, p := range ps {
		x0 := k * (cellW + gap)
		if k > 0 {
			fillRect(img, x0-gap, 0, x0, height, 3)
		}
		for r := range rows {
			for c := range cols {
				idx := uint8(1)
				switch p.Data[r*cols+c] {
				case hopfield.Plus:
					idx = 0
				case hopfield.Unknown:
					idx = 2
				}
				fillRect(img, x0+c*scale, r*scale, x0+(c+1)*scale, (r+1)*scale, idx)
			}
		}
	}
	return img, nil
}

func fillRect(img *image.Paletted, x0, y0, x1, y1 int, idx uint8) {
	for y := y0; y < y1; y++ {
		row := img.Pix[y*img.Stride:]
		for x := x0; x < x1; x++ {
			row[x] = idx
		}
	}
}

// imageFormat names the image format of a file extension (".png", ...), or
// "" if it is not an image extension.
func imageFormat(ext string) string {
	switch strings.ToLower(ext) {
	case ".png":
		return "png"
	case ".jpg", ".jpeg":
		return "jpeg"
	case ".gif":
		return "gif"
	}
	return ""
}
