package experiments

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/hopfield-lab/hopfield/internal/atomicfile"
	"github.com/hopfield-lab/hopfield/internal/plots"
)

// Result is what a run of an experiment produced: everything is in memory,
// so the CLI can write it to a directory and the web lab can serve it.
type Result struct {
	// Experiment, Seed and Params are filled by Experiment.Execute.
	Experiment string         `json:"experiment"`
	Seed       uint64         `json:"seed"`
	Params     map[string]any `json:"params"`
	// Summary is a few lines of text saying what happened.
	Summary string `json:"summary"`
	// Numbers are the key outcomes by name, for tests, JSON and the web
	// lab ("final_error", "mean", "z_mean", ...). All are finite.
	Numbers map[string]float64 `json:"numbers"`
	// Figures are the plots, drawn on demand by Figure.Render.
	Figures []Figure `json:"-"`
	// Tables are the data behind the figures.
	Tables []Table `json:"-"`
}

// Figure is a figure of a Result: a panel of internal/plots with its page
// size. Render it as many times as needed, in any format.
type Figure struct {
	// Name is the file name without extension ("raster").
	Name string
	// Caption is one sentence for a web page or the docs.
	Caption string
	// Width and Height are the page size; zero means the plots default.
	Width, Height vg.Length
	Panel         plots.Panel
	// Build, if Panel is nil, makes the panel when the figure is first
	// rendered, so that runs whose figures are not drawn (--format none)
	// do not pay for them.
	Build func() (plots.Panel, error)
}

// Render draws the figure to w as "png", "svg" or "pdf".
func (f *Figure) Render(w io.Writer, format string) error {
	if f.Panel == nil && f.Build != nil {
		p, err := f.Build()
		if err != nil {
			return err
		}
		f.Panel = p
	}
	return plots.Render(w, format, f.Width, f.Height, f.Panel)
}

// Table is a data table of a Result: named columns of numbers.
type Table struct {
	// Name is the file name without extension ("states").
	Name    string
	Columns []string
	Rows    [][]float64
}

// WriteCSV writes the table as CSV with a header line. Integers are
// written without a decimal point.
func (t *Table) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	cw.Flush()
	// Numbers never need quoting, so rows skip encoding/csv: tables of
	// 100,000 samples are common.
	var line []byte
	for _, row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("table %s: row of %d values for %d columns", t.Name, len(row), len(t.Columns))
		}
		line = line[:0]
		for j, v := range row {
			if j > 0 {
				line = append(line, ',')
			}
			line = appendNumber(line, v)
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// appendNumber writes v as strconv.FormatFloat(v, 'g', -1, 64) does, taking
// the faster integer path where that gives the same text (integers below
// 10^6 in magnitude).
func appendNumber(b []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1e6 && !(v == 0 && math.Signbit(v)) {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// Figure returns the figure called name, or nil.
func (r *Result) Figure(name string) *Figure {
	for i := range r.Figures {
		if r.Figures[i].Name == name {
			return &r.Figures[i]
		}
	}
	return nil
}

// Table returns the table called name, or nil.
func (r *Result) Table(name string) *Table {
	for i := range r.Tables {
		if r.Tables[i].Name == name {
			return &r.Tables[i]
		}
	}
	return nil
}

// JSON returns the result's metadata, summary and numbers as indented JSON,
// with the names of its figures and tables. Map keys are sorted, so the
// same result gives the same bytes.
func (r *Result) JSON() ([]byte, error) {
	for k, v := range r.Numbers {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s: number %s is %v", r.Experiment, k, v)
		}
	}
	type named struct {
		Name    string `json:"name"`
		Caption string `json:"caption,omitempty"`
	}
	doc := struct {
		*Result
		Figures []named  `json:"figures"`
		Tables  []string `json:"tables"`
	}{Result: r}
	for _, f := range r.Figures {
		doc.Figures = append(doc.Figures, named{f.Name, f.Caption})
	}
	for _, t := range r.Tables {
		doc.Tables = append(doc.Tables, t.Name)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Write writes the result into dir (created if needed): each figure as
// NAME.FORMAT, each table as NAME.csv, and result.json. Every file is
// NoFigures as the format makes Write write the data only: for benchmarks
// and batch runs that do not look at the pictures.
const NoFigures = "none"

// written atomically. It returns the paths written, in order.
func Write(dir string, r *Result, format string) ([]string, error) {
	if format != NoFigures && plots.ContentType(format) == "" {
		return nil, fmt.Errorf("unknown figure format %q (want %s or %s)", format, strings.Join(plots.Formats, ", "), NoFigures)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	put := func(name string, fill func(w io.Writer) error) error {
		path := filepath.Join(dir, name)
		var buf bytes.Buffer
		if err := fill(&buf); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := atomicfile.WriteFile(path, buf.Bytes()); err != nil {
			return err
		}
		written = append(written, path)
		return nil
	}
	for i := range r.Figures {
		if format == NoFigures {
			break
		}
		f := &r.Figures[i]
		if err := put(f.Name+"."+format, func(w io.Writer) error { return f.Render(w, format) }); err != nil {
			return written, err
		}
	}
	for i := range r.Tables {
		if err := put(r.Tables[i].Name+".csv", r.Tables[i].WriteCSV); err != nil {
			return written, err
		}
	}
	js, err := r.JSON()
	if err != nil {
		return written, err
	}
	err = put("result.json", func(w io.Writer) error { _, err := w.Write(js); return err })
	return written, err
}
