package hopplot

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/hopfield-lab/hopfield/internal/atomicfile"
)

// Panel is anything that draws itself into a rectangle of a canvas: a
// *plot.Plot, a *RasterPanel, a *PatternGrid or a *Figure.
type Panel interface {
	Draw(c draw.Canvas)
}

// Default output size and resolution: an 8x5 inch page at 150 dpi
// (1200x750 pixels for png).
const (
	DefaultWidth  = 8 * vg.Inch
	DefaultHeight = 5 * vg.Inch
	DefaultDPI    = 150
	// Margin is the white border kept around every saved figure.
	Margin = vg.Length(0.12 * vg.Inch)
)

// Formats lists the output formats Save and Render accept.
var Formats = []string{"png", "svg", "pdf"}

type saveConfig struct {
	format string
	dpi    int
}

// SaveOption modifies Save and Render.
type SaveOption func(*saveConfig)

// WithFormat forces the output format ("png", "svg" or "pdf") instead of
// taking it from the file extension.
func WithFormat(format string) SaveOption {
	return func(c *saveConfig) { c.format = format }
}

// WithDPI sets the resolution of png output (default DefaultDPI).
func WithDPI(dpi int) SaveOption {
	return func(c *saveConfig) { c.dpi = dpi }
}

// Save draws p on a width x height page (zero means DefaultWidth or
// DefaultHeight) and writes it atomically to path, as png, svg or pdf
// according to the extension of path or WithFormat.
func Save(path string, width, height vg.Length, p Panel, opts ...SaveOption) error {
	cfg := saveConfig{format: strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")}
	for _, o := range opts {
		o(&cfg)
	}
	var buf bytes.Buffer
	if err := render(&buf, cfg, width, height, p); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return atomicfile.WriteFile(path, buf.Bytes())
}

// Render draws p like Save but writes it to w in the given format ("png",
// "svg" or "pdf"), e.g. to answer an HTTP request.
func Render(w io.Writer, format string, width, height vg.Length, p Panel, opts ...SaveOption) error {
	cfg := saveConfig{format: format}
	for _, o := range opts {
		o(&cfg)
	}
	return render(w, cfg, width, height, p)
}

// ContentType returns the MIME type of an output format ("" if unknown).
func ContentType(format string) string {
	switch strings.ToLower(format) {
	case "png":
		return "image/png"
	case "svg":
		return "image/svg+xml"
	case "pdf":
		return "application/pdf"
	}
	return ""
}

func render(w io.Writer, cfg saveConfig, width, height vg.Length, p Panel) (err error) {
	if p == nil {
		return errorf("nothing to draw")
	}
	if width == 0 {
		width = DefaultWidth
	}
	if height == 0 {
		height = DefaultHeight
	}
	if !(width > 2*Margin && height > 2*Margin) || width > 200*vg.Inch || height > 200*vg.Inch {
		return errorf("page size %vx%v is not drawable", width, height)
	}
	if cfg.dpi == 0 {
		cfg.dpi = DefaultDPI
	}
	if cfg.dpi < 10 || cfg.dpi > 1200 {
		return errorf("resolution %d dpi is out of range", cfg.dpi)
	}
	var cw vg.CanvasWriterTo
	switch strings.ToLower(cfg.format) {
	case "png":
		if px := float64(width/vg.Inch) * float64(cfg.dpi) * float64(height/vg.Inch) * float64(cfg.dpi); px > 100e6 {
			return errorf("png of %.0f pixels is too large", px)
		}
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(
			vgimg.UseWH(width, height), vgimg.UseDPI(cfg.dpi),
			vgimg.UseBackgroundColor(color.White))}
	case "svg":
		cw = vgsvg.New(width, height)
	case "pdf":
		reproduciblePDF()
		cw = pdfFonts{vgpdf.New(width, height)}
	case "":
		return errorf("no output format (use a .png, .svg or .pdf extension or WithFormat)")
	default:
		return errorf("unknown output format %q (want png, svg or pdf)", cfg.format)
	}
	// gonum/plot reports some drawing problems by panicking; turn them into
	// errors so that a bad figure cannot bring down a server.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("hopplot: drawing failed: %v", r)
		}
	}()
	dc := draw.New(cw)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	p.Draw(draw.Crop(dc, Margin, -Margin, Margin, -Margin))
	_, err = cw.WriteTo(w)
	return err
}

// reproduciblePDF makes every PDF of the same figure the same bytes: its
// dates are SOURCE_DATE_EPOCH (the reproducible-builds convention) or else
// the Unix epoch, rather than the time of writing, and its catalogs are
// sorted. fpdf takes these as process-wide defaults.
var reproduciblePDF = sync.OnceFunc(func() {
	date := time.Unix(0, 0).UTC()
	if sec, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
		date = time.Unix(sec, 0).UTC()
	}
	fpdf.SetDefaultCreationDate(date)
	fpdf.SetDefaultModificationDate(date)
	fpdf.SetDefaultCatalogSort(true)
})

// pdfFonts works around vgpdf registering every font under style "" but
// selecting bold and italic faces with style "B"/"I", which fails with
// "undefined font". It presents such faces as regular ones of a distinct
// variant, so each is embedded and selected under its own name.
type pdfFonts struct{ vg.CanvasWriterTo }

func (c pdfFonts) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Weight != xfont.WeightNormal || f.Font.Style != xfont.StyleNormal {
		f.Font.Variant += font.Variant(fmt.Sprintf("W%dS%d", f.Font.Weight, f.Font.Style))
		f.Font.Weight, f.Font.Style = xfont.WeightNormal, xfont.StyleNormal
	}
	c.CanvasWriterTo.FillString(f, pt, s)
}
