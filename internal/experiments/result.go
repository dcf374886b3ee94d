package experiments

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hopfield-lab/hopfield/capacity"
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

// Table is a data table of a Result: named columns of numbers, some of
// which may hold names instead.
type Table struct {
	// Name is the file name without extension ("states").
	Name    string
	Columns []string
	// Rows hold the numbers, one per column. NaN means that no value
	// applies, and is written as an empty cell.
	Rows [][]float64
	// Text holds the columns of names, by column name: Text[col][i] is the
	// cell of row i, and that column's numbers in Rows are not written
	// (leave them NaN). Names are written as they are, so a CSV reader
	// sees "hebbian", not a code whose meaning changes with the version.
	Text map[string][]string
}

// AddText sets column col of every row to the names given, one per row,
// for a table whose rows are all added.
func (t *Table) AddText(col string, names []string) {
	if t.Text == nil {
		t.Text = map[string][]string{}
	}
	t.Text[col] = names
}

// WriteCSV writes the table as CSV with a header line: numbers to 15
// significant digits (see capacity.FormatNumber), an empty cell for NaN, the names
// of the text columns quoted where CSV needs it.
func (t *Table) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	cw.Flush()
	text, err := t.textColumns()
	if err != nil {
		return err
	}
	// Numbers never need quoting, so rows skip encoding/csv: tables of
	// 100,000 samples are common.
	var line []byte
	for i, row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("table %s: row of %d values for %d columns", t.Name, len(row), len(t.Columns))
		}
		line = line[:0]
		for j, v := range row {
			if j > 0 {
				line = append(line, ',')
			}
			if text[j] != nil {
				line = appendText(line, text[j][i])
			} else {
				line = appendNumber(line, v)
			}
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// textColumns returns the names of each column by position (nil for the
// columns of numbers), checking that every text column exists and has a
// name for every row.
func (t *Table) textColumns() ([][]string, error) {
	text := make([][]string, len(t.Columns))
	for col, names := range t.Text {
		j := slices.Index(t.Columns, col)
		if j < 0 {
			return nil, fmt.Errorf("table %s: text column %q is not a column", t.Name, col)
		}
		if len(names) != len(t.Rows) {
			return nil, fmt.Errorf("table %s: text column %q has %d names for %d rows", t.Name, col, len(names), len(t.Rows))
		}
		text[j] = names
	}
	return text, nil
}

// appendText writes a name as one CSV field, quoted exactly where
// encoding/csv quotes it (a comma, a quote or a line break anywhere, a
// leading Unicode space, the field \.): names of plain letters, digits and
// punctuation, the usual case, are appended as they are, and any other name
// is written by a csv.Writer, so the rule is encoding/csv's own.
func appendText(b []byte, s string) []byte {
	if plainField(s) {
		return append(b, s...)
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	// Two fields, so that an empty s is not a record csv writes as an
	// empty line; the second never needs quotes.
	cw.Write([]string{s, "x"}) // writes to memory: no error
	cw.Flush()
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte(",x\n"))...)
}

// plainField reports whether s is certainly a CSV field encoding/csv leaves
// unquoted: it starts with an ASCII letter or digit (not a space, not \.)
// and holds no comma, quote or line break.
func plainField(s string) bool {
	if s == "" {
		return true
	}
	if c := s[0]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
		return false
	}
	return !strings.ContainsAny(s, ",\"\r\n")
}

// appendNumber writes v as capacity.FormatNumber does, taking the faster integer
// path where that gives the same text (integers below 10^6 in magnitude).
func appendNumber(b []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1e6 && !(v == 0 && math.Signbit(v)) {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return append(b, capacity.FormatNumber(v)...)
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
