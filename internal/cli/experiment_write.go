package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hopfield-lab/hopfield/hopplot"
	"github.com/hopfield-lab/hopfield/internal/atomicfile"
	"github.com/hopfield-lab/hopfield/internal/experiments"
)

// Figure formats besides hopplot's: noFigures writes the data only (for
// benchmarks and batch runs that do not look at the pictures); figureJSON
// writes each figure as data, NAME.figure.json, which the web lab's
// figure.js and any other renderer can draw.
const (
	noFigures  = "none"
	figureJSON = "json"
)

// writeResult writes an experiment's result into dir (created if needed):
// each figure as NAME.FORMAT, each table as NAME.csv, and result.json. Every
// file is written atomically. It returns the paths written, in order.
func writeResult(dir string, r *experiments.Result, format string) ([]string, error) {
	if format != noFigures && format != figureJSON && hopplot.ContentType(format) == "" {
		return nil, fmt.Errorf("unknown figure format %q (want %s, %s or %s)", format, strings.Join(hopplot.Formats, ", "), figureJSON, noFigures)
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
	for _, f := range r.Figures {
		if format == noFigures {
			break
		}
		name, draw := f.Name+"."+format, func(w io.Writer) error { return hopplot.RenderFigure(w, format, f) }
		if format == figureJSON {
			name, draw = f.Name+".figure.json", func(w io.Writer) error { return json.NewEncoder(w).Encode(f) }
		}
		if err := put(name, draw); err != nil {
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
