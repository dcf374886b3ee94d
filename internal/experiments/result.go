package experiments

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/hopfield-lab/hopfield/figure"
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
	// Figures are the plots, as data (package figure): hopplot draws them
	// for files, the web lab in the browser.
	Figures []*figure.Figure `json:"-"`
	// Tables are the data behind the figures.
	Tables []Table `json:"-"`
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
func (r *Result) Figure(name string) *figure.Figure {
	for _, f := range r.Figures {
		if f.Name == name {
			return f
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
