package patterns

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	_ "image/gif"  // register the GIF decoder
	_ "image/jpeg" // register the JPEG decoder
	"image/png"
	"io"
	"math"
	"slices"
	"strconv"
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
	// Rows and Cols, if set, give the pattern's shape: the whole image is
	// divided into a Rows x Cols grid and each cell's mean gray level is
	// thresholded. This shrinks a photograph. If zero, a PNG from
	// WritePNG is read on the grid it records and any other image one
	// neuron per pixel.
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
//
// Without opts.Rows and opts.Cols, a PNG written by [WritePNG] is read on
// the grid it records, so it reads back as the pattern written, at any
// scale; other images are read one neuron per pixel. A strip of several
// patterns from [WriteStripPNG] is an error here: read it with
// [ReadImages].
func ReadImage(r io.Reader, opts ImageOptions) (Pattern, error) {
	ps, err := ReadImages(r, opts)
	if err != nil {
		return Pattern{}, err
	}
	if len(ps) != 1 {
		return Pattern{}, fmt.Errorf("image is a strip of %d patterns (want one; give rows and cols to read it as one picture)", len(ps))
	}
	return ps[0], nil
}

// ReadImages is [ReadImage] for a file that may hold several patterns: a
// PNG strip written by [WriteStripPNG] without opts.Rows and opts.Cols
// gives back each of its patterns; any other image gives one.
func ReadImages(r io.Reader, opts ImageOptions) ([]Pattern, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	buf, err := io.ReadAll(io.LimitReader(r, maxImageBytes+1))
	if err != nil {
		return nil, err
	}
	if len(buf) > maxImageBytes {
		return nil, fmt.Errorf("image file larger than %d MiB", maxImageBytes>>20)
	}
	cfg, err := decodeImageConfig(buf)
	if err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(buf))
	if err != nil {
		return nil, imageError(err)
	}
	// The decoded picture can be smaller than the size the header declares
	// (a GIF frame inside its logical screen): only its pixels count.
	if b := img.Bounds(); b.Dx() < 1 || b.Dy() < 1 {
		return nil, fmt.Errorf("%s image has no pixels in its frame (%dx%d)", cfg.Format, b.Dx(), b.Dy())
	}
	if opts.Rows > 0 || cfg.Rows == 0 {
		rows, cols := opts.Rows, opts.Cols
		if rows == 0 {
			rows, cols = img.Bounds().Dy(), img.Bounds().Dx()
		}
		return []Pattern{imagePattern(img, img.Bounds(), rows, cols, opts)}, nil
	}
	cells, err := cfg.cells()
	if err != nil {
		return nil, err
	}
	ps := make([]Pattern, len(cells))
	for k, cell := range cells {
		ps[k] = imagePattern(img, cell.Add(img.Bounds().Min), cfg.Rows, cfg.Cols, opts)
	}
	return ps, nil
}

// ImageConfig is what an image file says about itself, read without
// decoding its pixels.
type ImageConfig struct {
	Format        string // "png", "jpeg" or "gif"
	Width, Height int    // in pixels
	// Rows and Cols are the shape of the patterns recorded by
	// [WriteStripPNG] in a PNG text chunk, and Count how many of them lie
	// side by side; all zero for other images.
	Rows, Cols, Count int
}

// DecodeImageConfig reads an image's format, size and recorded pattern
// shape.
func DecodeImageConfig(r io.Reader) (ImageConfig, error) {
	// The chunks of a PNG (the shape may come after the pixels) are read
	// whole; the size limit still applies.
	buf, err := io.ReadAll(io.LimitReader(r, maxImageBytes+1))
	if err != nil {
		return ImageConfig{}, err
	}
	if len(buf) > maxImageBytes {
		return ImageConfig{}, fmt.Errorf("image file larger than %d MiB", maxImageBytes>>20)
	}
	return decodeImageConfig(buf)
}

func decodeImageConfig(buf []byte) (ImageConfig, error) {
	if len(buf) == 0 {
		return ImageConfig{}, errors.New("empty file (want a PNG, JPEG or GIF image)")
	}
	c, format, err := image.DecodeConfig(bytes.NewReader(buf))
	if err != nil {
		return ImageConfig{}, imageError(err)
	}
	if c.Width < 1 || c.Height < 1 {
		return ImageConfig{}, fmt.Errorf("%s image has no pixels (%dx%d)", format, c.Width, c.Height)
	}
	if c.Width > maxImagePixels/c.Height {
		return ImageConfig{}, fmt.Errorf("%s image of %dx%d pixels too large (at most %d pixels)", format, c.Width, c.Height, maxImagePixels)
	}
	cfg := ImageConfig{Format: format, Width: c.Width, Height: c.Height}
	if format == "png" {
		if v, ok := pngText(buf, shapeKey); ok {
			if cfg.Count, cfg.Rows, cfg.Cols, err = parseShapeText(v); err != nil {
				return ImageConfig{}, err
			}
		}
	}
	return cfg, nil
}

// cells are the rectangles of the strip's patterns, from the layout of
// stripImage: Count cells of Cols*scale pixels, separated by equal gaps.
// One pattern fills the whole image, whatever its size, so that a resized
// image still reads on its grid.
func (c ImageConfig) cells() ([]image.Rectangle, error) {
	if c.Count == 1 {
		return []image.Rectangle{image.Rect(0, 0, c.Width, c.Height)}, nil
	}
	scale := c.Height / c.Rows
	cellW := c.Cols * scale
	rest := c.Width - c.Count*cellW
	if scale < 1 || c.Height%c.Rows != 0 || rest < 0 || rest%(c.Count-1) != 0 {
		return nil, fmt.Errorf("image of %dx%d pixels does not fit the strip of %d patterns of %dx%d it records", c.Width, c.Height, c.Count, c.Rows, c.Cols)
	}
	gap := rest / (c.Count - 1)
	cells := make([]image.Rectangle, c.Count)
	for k := range cells {
		x0 := k * (cellW + gap)
		cells[k] = image.Rect(x0, 0, x0+cellW, c.Height)
	}
	return cells, nil
}

// shapeKey is the keyword of the PNG tEXt chunk in which WriteStripPNG
// records the shape of its patterns: "5x5" for one pattern, "3 patterns of
// 5x5" for a strip. PNG readers that do not know it ignore it.
const shapeKey = "hopfield-shape"

func shapeText(count, rows, cols int) string {
	if count == 1 {
		return fmt.Sprintf("%dx%d", rows, cols)
	}
	return fmt.Sprintf("%d patterns of %dx%d", count, rows, cols)
}

func parseShapeText(s string) (count, rows, cols int, err error) {
	bad := fmt.Errorf("corrupt %s text %s (want RxC or K patterns of RxC)", shapeKey, quoteShort(s))
	count = 1
	if k, shape, ok := strings.Cut(s, " patterns of "); ok {
		if count, err = strconv.Atoi(k); err != nil || count < 2 || count > maxImagePixels {
			return 0, 0, 0, bad
		}
		s = shape
	}
	r, c, ok := strings.Cut(s, "x")
	rows, err1 := strconv.Atoi(r)
	cols, err2 := strconv.Atoi(c)
	if !ok || err1 != nil || err2 != nil || rows < 1 || cols < 1 || cols > maxImagePixels/rows || count > maxImagePixels/(rows*cols) {
		return 0, 0, 0, bad
	}
	return count, rows, cols, nil
}

// pngText returns the text of the first tEXt chunk with the keyword key. It
// only walks the chunk list; the decoder checks the CRCs.
func pngText(buf []byte, key string) (string, bool) {
	const sig = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(buf, []byte(sig)) {
		return "", false
	}
	for i := len(sig); i+8 <= len(buf); {
		n := binary.BigEndian.Uint32(buf[i:])
		if uint64(n) > uint64(len(buf)-i-8) {
			break
		}
		typ, data := string(buf[i+4:i+8]), buf[i+8:i+8+int(n)]
		if typ == "IEND" {
			break
		}
		if k, v, ok := bytes.Cut(data, []byte{0}); typ == "tEXt" && ok && string(k) == key {
			return string(v), true
		}
		i += 12 + int(n)
	}
	return "", false
}

// withPNGText inserts a tEXt chunk key=text into an encoded PNG, after its
// header chunk (image/png writes no text chunks). IHDR is always first and
// 13 bytes long: it ends at byte 8 + 4 + 4 + 13 + 4 = 33.
func withPNGText(enc []byte, key, text string) []byte {
	const ihdrEnd = 33
	data := append([]byte(key+"\x00"), text...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	chunk = append(chunk, "tEXt"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return slices.Concat(enc[:ihdrEnd], chunk, enc[ihdrEnd:])
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

// imagePattern thresholds the part r of img into a rows x cols pattern.
func imagePattern(img image.Image, b image.Rectangle, rows, cols int, opts ImageOptions) Pattern {
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
	return grayPattern(gray, w, h, rows, cols, opts)
}

// grayPattern divides a w x h picture of gray levels into a rows x cols
// grid and thresholds each cell's mean gray level: the one rule by which
// images are read and patterns resampled.
func grayPattern(gray []float64, w, h, rows, cols int, opts ImageOptions) Pattern {
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

// Resample redraws p on a rows x cols grid as if it were read from a
// picture of itself (see [ReadImage]): each new cell is ink where the cells
// it covers are mostly ink, an unknown cell counting as mid-gray. It keeps
// p's name, and panics if rows or cols is less than 1.
func Resample(p Pattern, rows, cols int) Pattern {
	if rows < 1 || cols < 1 {
		panic(fmt.Sprintf("patterns: Resample: shape %dx%d: want at least 1x1", rows, cols))
	}
	gray := make([]float64, len(p.Data))
	for i, v := range p.Data {
		gray[i] = grayLevel(cellColor(v), 1)
	}
	q := grayPattern(gray, p.Cols, p.Rows, rows, cols, ImageOptions{})
	q.Name = p.Name
	return q
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
	cellPalette  = color.Palette{inkColor, paperColor, unknownColor, gapColor}
)

// cellIndex is the palette index of a neuron in a written image.
func cellIndex(v int8) uint8 {
	switch v {
	case hopfield.Plus:
		return 0
	case hopfield.Unknown:
		return 2
	}
	return 1
}

// cellColor is the colour of a neuron in a written image.
func cellColor(v int8) color.Color { return cellPalette[cellIndex(v)] }

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
// [DefaultScale]. The image records p's shape in a text chunk
// ("hopfield-shape" = "5x5"), so that [ReadImage] reads it back as p at any
// scale (unknown neurons need ImageOptions.UnknownBand, e.g. 0.1).
func WritePNG(w io.Writer, p Pattern, scale int) error {
	return WriteStripPNG(w, []Pattern{p}, scale, 0)
}

// WriteStripPNG writes the patterns side by side as one PNG image, separated
// by gap columns of pixels in light blue (gap <= 0 means one neuron wide,
// i.e. scale pixels, when there are several patterns). The patterns must
// have the same shape. scale <= 0 means [DefaultScale] of one pattern. The
// image records the number and shape of the patterns ("3 patterns of 5x5"),
// so that [ReadImages] gives them back.
func WriteStripPNG(w io.Writer, ps []Pattern, scale, gap int) error {
	img, err := stripImage(ps, scale, gap)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	_, err = w.Write(withPNGText(buf.Bytes(), shapeKey, shapeText(len(ps), ps[0].Rows, ps[0].Cols)))
	return err
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
	img := image.NewPaletted(image.Rect(0, 0, width, height), cellPalette)
	for k, p := range ps {
		x0 := k * (cellW + gap)
		if k > 0 {
			fillRect(img, x0-gap, 0, x0, height, 3)
		}
		for r := range rows {
			for c := range cols {
				fillRect(img, x0+c*scale, r*scale, x0+(c+1)*scale, (r+1)*scale, cellIndex(p.Data[r*cols+c]))
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
