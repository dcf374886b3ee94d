package capacity

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hopfield-lab/hopfield"
)

// Row is the result of one cell for one measure.
type Row struct {
	Cell
	Measure Measure
	Stats
	// Unconverged counts the runs that hit MaxSweeps before a fixed point
	// (Overlap and Recall; 0 for the others).
	Unconverged int
	// MeanSweeps is the mean length of the runs in sweeps; NaN for the
	// measures taken without a run.
	MeanSweeps float64
	// Theory is the analytical value for the cell (see [Theory]); NaN if
	// none applies.
	Theory float64
}

// Table is the result of a sweep or of one shard of it.
type Table struct {
	// Name says where the table came from (a file name) in error
	// messages; it is not written.
	Name string
	// Spec is the canonical description of the sweep (Spec.String).
	Spec string
	// Cells is the number of cells in the whole grid, of which the rows
	// cover the shard's.
	Cells int
	Shard Shard
	// Rows are in grid order, then in the spec's measure order.
	Rows []Row
}

var csvHeader = []string{"cell", "rule", "n", "p", "alpha", "noise", "measure", "trials", "samples",
	"mean", "stderr", "min", "q05", "q25", "median", "q75", "q95", "max", "unconverged", "mean_sweeps", "theory"}

// WriteCSV writes the table as CSV: comment lines starting with "#" that
// carry the spec, the number of cells and the shard (read them with
// pandas.read_csv(path, comment="#")), a header, and one line per row.
// Numbers are written in their shortest exact form, NaN as "NaN".
func (t *Table) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# hopfield capacity: %s\n# cells: %d\n", t.Spec, t.Cells)
	if !t.Shard.Whole() {
		fmt.Fprintf(bw, "# shard: %s\n", t.Shard)
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, r := range t.Rows {
		rec := []string{
			strconv.Itoa(r.Index), r.Rule.String(), strconv.Itoa(r.N), strconv.Itoa(r.P),
			formatFloat(r.Alpha()), formatFloat(r.Noise), r.Measure.String(),
			strconv.Itoa(r.Trials), strconv.Itoa(r.Samples),
		}
		for _, v := range []float64{r.Mean, r.StdErr, r.Min, r.Q05, r.Q25, r.Median, r.Q75, r.Q95, r.Max} {
			rec = append(rec, formatFloat(v))
		}
		rec = append(rec, strconv.Itoa(r.Unconverged), formatFloat(r.MeanSweeps), formatFloat(r.Theory))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// ReadCSV reads a table written by WriteCSV.
func ReadCSV(r io.Reader) (*Table, error) {
	br := bufio.NewReader(r)
	t := &Table{}
	line := 0
	for {
		b, err := br.Peek(1)
		if err != nil || b[0] != '#' {
			break
		}
		text, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return nil, err
		}
		line++
		key, val, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(text, "#")), ":")
		val = strings.TrimSpace(val)
		switch key {
		case "hopfield capacity":
			t.Spec = val
		case "cells":
			if t.Cells, err = strconv.Atoi(val); err != nil || t.Cells < 1 {
				return nil, fmt.Errorf("line %d: cells %q: want a positive integer", line, val)
			}
		case "shard":
			if t.Shard, err = ParseShard(val); err != nil {
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
		default:
			return nil, fmt.Errorf("line %d: unknown comment %q (want hopfield capacity, cells or shard)", line, key)
		}
	}
	if t.Spec == "" || t.Cells == 0 {
		return nil, errors.New("not a capacity table: missing the '# hopfield capacity:' and '# cells:' lines")
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = len(csvHeader)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("line %d: header: %w", line+1, err)
	}
	if !slices.Equal(header, csvHeader) {
		return nil, fmt.Errorf("line %d: header %q, want %q", line+1, strings.Join(header, ","), strings.Join(csvHeader, ","))
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		l, _ := cr.FieldPos(0)
		row, err := parseRecord(rec)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", l+line, err)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, t.check()
}

func parseRecord(rec []string) (Row, error) {
	var r Row
	ints := []*int{&r.Index, &r.N, &r.P, &r.Trials, &r.Samples, &r.Unconverged}
	for i, col := range []int{0, 2, 3, 7, 8, 18} {
		v, err := strconv.Atoi(rec[col])
		if err != nil {
			return r, fmt.Errorf("%s %q: want an integer", csvHeader[col], rec[col])
		}
		*ints[i] = v
	}
	var alpha float64
	floats := []*float64{&alpha, &r.Noise, &r.Mean, &r.StdErr, &r.Min, &r.Q05, &r.Q25, &r.Median, &r.Q75, &r.Q95, &r.Max, &r.MeanSweeps, &r.Theory}
	for i, col := range []int{4, 5, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20} {
		v, err := strconv.ParseFloat(rec[col], 64)
		if err != nil {
			return r, fmt.Errorf("%s %q: want a number", csvHeader[col], rec[col])
		}
		*floats[i] = v
	}
	var err error
	if r.Rule, err = hopfield.ParseRule(rec[1]); err != nil {
		return r, err
	}
	if r.Measure, err = ParseMeasure(rec[6]); err != nil {
		return r, err
	}
	return r, nil
}

// check validates what a reader cannot trust: cells in range, in order,
// not repeated, and belonging to the shard.
func (t *Table) check() error {
	if strings.ContainsAny(t.Spec, "\r\n") {
		return errors.New("spec spans several lines")
	}
	for i, r := range t.Rows {
		if r.Index < 0 || r.Index >= t.Cells {
			return fmt.Errorf("row %d: cell %d outside the grid of %d cells", i+1, r.Index, t.Cells)
		}
		if !t.Shard.Holds(r.Index) {
			return fmt.Errorf("row %d: cell %d does not belong to shard %s", i+1, r.Index, t.Shard)
		}
		if r.N < 1 || r.P < 1 {
			return fmt.Errorf("row %d: N = %d, P = %d: want positive sizes", i+1, r.N, r.P)
		}
		if i > 0 {
			prev := t.Rows[i-1]
			if r.Index < prev.Index || (r.Index == prev.Index && r.Measure <= prev.Measure) {
				return fmt.Errorf("row %d: cell %d %v repeated or out of order", i+1, r.Index, r.Measure)
			}
		}
	}
	return nil
}

// jsonTable is the JSON form: NaN, which JSON cannot write, becomes null.
type jsonTable struct {
	Spec  string    `json:"spec"`
	Cells int       `json:"cells"`
	Shard string    `json:"shard,omitempty"`
	Rows  []jsonRow `json:"rows"`
}

type jsonRow struct {
	Cell        int      `json:"cell"`
	Rule        string   `json:"rule"`
	N           int      `json:"n"`
	P           int      `json:"p"`
	Alpha       float64  `json:"alpha"`
	Noise       float64  `json:"noise"`
	Measure     string   `json:"measure"`
	Trials      int      `json:"trials"`
	Samples     int      `json:"samples"`
	Mean        *float64 `json:"mean"`
	StdErr      *float64 `json:"stderr"`
	Min         *float64 `json:"min"`
	Q05         *float64 `json:"q05"`
	Q25         *float64 `json:"q25"`
	Median      *float64 `json:"median"`
	Q75         *float64 `json:"q75"`
	Q95         *float64 `json:"q95"`
	Max         *float64 `json:"max"`
	Unconverged int      `json:"unconverged"`
	MeanSweeps  *float64 `json:"mean_sweeps"`
	Theory      *float64 `json:"theory"`
}

func nullable(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	return &v
}

func unnull(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// WriteJSON writes the table as one JSON object {spec, cells, shard, rows},
// with null for NaN.
func (t *Table) WriteJSON(w io.Writer) error {
	jt := jsonTable{Spec: t.Spec, Cells: t.Cells, Rows: []jsonRow{}}
	if !t.Shard.Whole() {
		jt.Shard = t.Shard.String()
	}
	for _, r := range t.Rows {
		jt.Rows = append(jt.Rows, jsonRow{
			Cell: r.Index, Rule: r.Rule.String(), N: r.N, P: r.P, Alpha: r.Alpha(), Noise: r.Noise,
			Measure: r.Measure.String(), Trials: r.Trials, Samples: r.Samples,
			Mean: nullable(r.Mean), StdErr: nullable(r.StdErr), Min: nullable(r.Min), Q05: nullable(r.Q05),
			Q25: nullable(r.Q25), Median: nullable(r.Median), Q75: nullable(r.Q75), Q95: nullable(r.Q95),
			Max: nullable(r.Max), Unconverged: r.Unconverged, MeanSweeps: nullable(r.MeanSweeps), Theory: nullable(r.Theory),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jt)
}

// ReadJSON reads a table written by WriteJSON.
func ReadJSON(r io.Reader) (*Table, error) {
	var jt jsonTable
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&jt); err != nil {
		return nil, err
	}
	if jt.Spec == "" || jt.Cells < 1 {
		return nil, errors.New("not a capacity table: missing spec or cells")
	}
	t := &Table{Spec: jt.Spec, Cells: jt.Cells}
	if jt.Shard != "" {
		var err error
		if t.Shard, err = ParseShard(jt.Shard); err != nil {
			return nil, err
		}
	}
	for i, jr := range jt.Rows {
		rule, err := hopfield.ParseRule(jr.Rule)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		m, err := ParseMeasure(jr.Measure)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		t.Rows = append(t.Rows, Row{
			Cell: Cell{Index: jr.Cell, Rule: rule, N: jr.N, P: jr.P, Noise: jr.Noise}, Measure: m,
			Stats: Stats{Trials: jr.Trials, Samples: jr.Samples, Mean: unnull(jr.Mean), StdErr: unnull(jr.StdErr),
				Min: unnull(jr.Min), Q05: unnull(jr.Q05), Q25: unnull(jr.Q25), Median: unnull(jr.Median),
				Q75: unnull(jr.Q75), Q95: unnull(jr.Q95), Max: unnull(jr.Max)},
			Unconverged: jr.Unconverged, MeanSweeps: unnull(jr.MeanSweeps), Theory: unnull(jr.Theory),
		})
	}
	return t, t.check()
}

// Merge joins the shards of one sweep into the table of the whole sweep,
// equal to the table of an unsharded run. The shards must share the spec
// and the grid, hold disjoint cells and together cover the grid; an error
// names the offending table by its Name.
func Merge(tables ...*Table) (*Table, error) {
	if len(tables) == 0 {
		return nil, errors.New("nothing to merge")
	}
	first := tables[0]
	owner := make(map[int]string)
	out := &Table{Spec: first.Spec, Cells: first.Cells}
	for _, t := range tables {
		name := t.Name
		if name == "" {
			name = "table"
		}
		if t.Spec != first.Spec {
			return nil, fmt.Errorf("%s: a different sweep (%s) from %s (%s)", name, t.Spec, nameOf(first), first.Spec)
		}
		if t.Cells != first.Cells {
			return nil, fmt.Errorf("%s: a grid of %d cells, %s has %d", name, t.Cells, nameOf(first), first.Cells)
		}
		seen := make(map[int]bool)
		for _, r := range t.Rows {
			if seen[r.Index] {
				continue
			}
			seen[r.Index] = true
			if other, dup := owner[r.Index]; dup {
				return nil, fmt.Errorf("%s: cell %d is also in %s", name, r.Index, other)
			}
			owner[r.Index] = name
		}
		out.Rows = append(out.Rows, t.Rows...)
	}
	if len(owner) != first.Cells {
		var missing []string
		for k := 0; k < first.Cells && len(missing) < 5; k++ {
			if _, ok := owner[k]; !ok {
				missing = append(missing, strconv.Itoa(k))
			}
		}
		return nil, fmt.Errorf("%d of %d cells missing (cells %s...): a shard was not given", first.Cells-len(owner), first.Cells, strings.Join(missing, ", "))
	}
	slices.SortStableFunc(out.Rows, func(a, b Row) int {
		if a.Index != b.Index {
			return a.Index - b.Index
		}
		return int(a.Measure) - int(b.Measure)
	})
	return out, out.check()
}

func nameOf(t *Table) string {
	if t.Name == "" {
		return "the first table"
	}
	return t.Name
}
