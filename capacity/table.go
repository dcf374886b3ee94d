package capacity

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hopfield-lab/hopfield"
)

// Row is the result of one cell for one measure.
type Row struct {
	Cell
	Measure Measure
	Stats
	// Unconverged counts the runs that hit MaxSweeps before a fixed point
	// (the measures that run the dynamics; 0 for the others). Unless the
	// spec includes them, their samples are not in Stats.
	Unconverged int
	// MeanSweeps is the mean length of the runs in sweeps, over all runs;
	// NaN for the measures taken without a run.
	MeanSweeps float64
	// Theory is the analytical value for the cell (see [Theory]); NaN if
	// none applies.
	Theory float64
}

// TableVersion is the version of the definitions behind a table's numbers
// that Run writes. Version 1, the tables written before it, counted a
// zero field as stable in Fixed and kept the runs that did not converge in
// the statistics; tables of different versions do not merge.
const TableVersion = 2

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
	// Version is the version of the definitions of the numbers (see
	// TableVersion); 0 means TableVersion.
	Version int
	// Rows are in grid order, then in the spec's measure order.
	Rows []Row
}

func (t *Table) version() int {
	if t.Version == 0 {
		return TableVersion
	}
	return t.Version
}

// csvHeader is the header of the CSV file; csvHeaderV1 that of the files
// written before version 2, which carried the settings in "#" lines.
var (
	csvHeader = []string{"cell", "rule", "energy", "n", "p", "alpha", "noise", "measure", "trials", "samples",
		"mean", "stderr", "min", "q05", "q10", "q25", "median", "q75", "q90", "q95", "max", "unconverged", "mean_sweeps", "theory"}
	csvHeaderV1 = []string{"cell", "rule", "n", "p", "alpha", "noise", "measure", "trials", "samples",
		"mean", "stderr", "min", "q05", "q25", "median", "q75", "q95", "max", "unconverged", "mean_sweeps", "theory"}
)

// floats are a row's real-valued fields, in the order of the header.
func (r *Row) floats() []*float64 {
	return []*float64{&r.Mean, &r.StdErr, &r.Min, &r.Q05, &r.Q10, &r.Q25, &r.Median, &r.Q75, &r.Q90, &r.Q95, &r.Max}
}

var floatColumns = []string{"mean", "stderr", "min", "q05", "q10", "q25", "median", "q75", "q90", "q95", "max"}

// WriteCSV writes the table as plain CSV: a header and one line per row,
// with the rule, the energy and the measure by name, and an empty cell
// where a number does not apply (NaN). The sweep's settings are not in it:
// WriteSidecar writes them, to NAME.json beside NAME.csv ([SidecarPath]).
// Numbers are written to 15 significant digits (see [FormatNumber]).
func (t *Table) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, r := range t.Rows {
		energy := ""
		if r.Energy != (hopfield.Energy{}) {
			energy = r.Energy.String()
		}
		rec := []string{
			strconv.Itoa(r.Index), r.Rule.String(), energy, strconv.Itoa(r.N), strconv.Itoa(r.P),
			FormatNumber(r.Alpha()), FormatNumber(r.Noise), r.Measure.String(),
			strconv.Itoa(r.Trials), strconv.Itoa(r.Samples),
		}
		for _, v := range r.floats() {
			rec = append(rec, FormatNumber(*v))
		}
		rec = append(rec, strconv.Itoa(r.Unconverged), FormatNumber(r.MeanSweeps), FormatNumber(r.Theory))
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

// FormatNumber writes a number of a table: empty for NaN (no value
// applies), inf and -inf, and otherwise the shortest form of v rounded to
// 15 significant digits. Every float64 with at most 15 significant decimal
// digits reads back exactly, so what the sweep computes as a ratio k/n
// (a mean, a quantile, a load) prints as its short decimal, never with the
// noise of binary arithmetic in the 16th and 17th digits
// (0.22590000000000002); no number of a sweep carries more than 15.
func FormatNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return ""
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return strconv.FormatFloat(v, 'g', 15, 64)
}

// parseNumber reads a number of a table: empty and NaN are NaN.
func parseNumber(s string) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// ErrNoSidecar is returned by ReadCSV for a CSV file of the current format
// read without its sidecar, which holds the sweep's settings.
var ErrNoSidecar = errors.New("no sidecar: the sweep's settings are in the JSON file written beside the CSV")

// ReadCSV reads a table written by WriteCSV, with the sidecar that
// WriteSidecar wrote beside it. A file written before version 2 carries
// its settings in "#" lines and needs no sidecar (pass nil); its numbers
// keep their definitions (Version 1).
func ReadCSV(r, sidecar io.Reader) (*Table, error) {
	br := bufio.NewReader(r)
	t := &Table{}
	header, line := csvHeader, 0
	if b, err := br.Peek(1); err == nil && b[0] == '#' {
		n, err := t.readComments(br)
		if err != nil {
			return nil, err
		}
		header, line, t.Version = csvHeaderV1, n, 1
	} else if b, _ := br.Peek(4); bytes.HasPrefix(b, []byte("cell")) && sidecar == nil {
		return nil, ErrNoSidecar
	} else if sidecar == nil {
		return nil, errors.New("not a capacity table: no 'cell,rule,...' header")
	} else if err := t.readSidecar(sidecar); err != nil {
		return nil, err
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = len(header)
	got, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("line %d: header: %w", line+1, err)
	}
	if !slices.Equal(got, header) {
		return nil, fmt.Errorf("line %d: header %q, want %q", line+1, strings.Join(got, ","), strings.Join(header, ","))
	}
	col := make(map[string]int, len(header))
	for i, name := range header {
		col[name] = i
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
		row, err := parseRecord(rec, col)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", l+line, err)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, t.check()
}

// readComments reads the "#" lines of a version 1 file and returns their
// number.
func (t *Table) readComments(br *bufio.Reader) (int, error) {
	line := 0
	for {
		b, err := br.Peek(1)
		if err != nil || b[0] != '#' {
			break
		}
		text, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return 0, err
		}
		line++
		key, val, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(text, "#")), ":")
		val = strings.TrimSpace(val)
		switch key {
		case "hopfield capacity":
			t.Spec = val
		case "cells":
			if t.Cells, err = strconv.Atoi(val); err != nil || t.Cells < 1 {
				return 0, fmt.Errorf("line %d: cells %q: want a positive integer", line, val)
			}
		case "shard":
			if t.Shard, err = ParseShard(val); err != nil {
				return 0, fmt.Errorf("line %d: %w", line, err)
			}
		default:
			return 0, fmt.Errorf("line %d: unknown comment %q (want hopfield capacity, cells or shard)", line, key)
		}
	}
	if t.Spec == "" || t.Cells == 0 {
		return 0, errors.New("not a capacity table: missing the '# hopfield capacity:' and '# cells:' lines")
	}
	return line, nil
}

// parseRecord reads a row from a record whose columns are at col.
func parseRecord(rec []string, col map[string]int) (Row, error) {
	var r Row
	ints := []*int{&r.Index, &r.N, &r.P, &r.Trials, &r.Samples, &r.Unconverged}
	for i, name := range []string{"cell", "n", "p", "trials", "samples", "unconverged"} {
		v, err := strconv.Atoi(rec[col[name]])
		if err != nil {
			return r, fmt.Errorf("%s %q: want an integer", name, rec[col[name]])
		}
		*ints[i] = v
	}
	var alpha float64
	floats := append([]*float64{&alpha, &r.Noise, &r.MeanSweeps, &r.Theory}, r.floats()...)
	for i, name := range append([]string{"alpha", "noise", "mean_sweeps", "theory"}, floatColumns...) {
		j, ok := col[name]
		if !ok { // q10 and q90 of a version 1 file
			*floats[i] = math.NaN()
			continue
		}
		v, err := parseNumber(rec[j])
		if err != nil {
			return r, fmt.Errorf("%s %q: want a number", name, rec[j])
		}
		*floats[i] = v
	}
	var err error
	if r.Rule, err = hopfield.ParseRule(rec[col["rule"]]); err != nil {
		return r, err
	}
	if j, ok := col["energy"]; ok && rec[j] != "" {
		if r.Energy, err = hopfield.ParseEnergy(rec[j]); err != nil {
			return r, err
		}
	}
	if r.Measure, err = ParseMeasure(rec[col["measure"]]); err != nil {
		return r, err
	}
	return r, nil
}

// check validates what a reader cannot trust: the version, the energies,
// cells in range, in order, not repeated, and belonging to the shard.
func (t *Table) check() error {
	if strings.ContainsAny(t.Spec, "\r\n") {
		return errors.New("spec spans several lines")
	}
	if !utf8.ValidString(t.Spec) {
		return errors.New("spec is not valid UTF-8")
	}
	if v := t.version(); v < 1 || v > TableVersion {
		return fmt.Errorf("version %d: want 1 to %d (a newer hopfield wrote it?)", v, TableVersion)
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
		if (r.Rule == hopfield.DenseAM) != (r.Energy != hopfield.Energy{}) {
			return fmt.Errorf("row %d: rule %v with energy %q: the dense rule, and only it, has an energy", i+1, r.Rule, r.Energy)
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
	Spec    string    `json:"spec"`
	Cells   int       `json:"cells"`
	Shard   string    `json:"shard,omitempty"`
	Version int       `json:"version,omitempty"`
	Rows    []jsonRow `json:"rows"`
}

type jsonRow struct {
	Cell        int      `json:"cell"`
	Rule        string   `json:"rule"`
	Energy      string   `json:"energy,omitempty"`
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
	Q10         *float64 `json:"q10"`
	Q25         *float64 `json:"q25"`
	Median      *float64 `json:"median"`
	Q75         *float64 `json:"q75"`
	Q90         *float64 `json:"q90"`
	Q95         *float64 `json:"q95"`
	Max         *float64 `json:"max"`
	Unconverged int      `json:"unconverged"`
	MeanSweeps  *float64 `json:"mean_sweeps"`
	Theory      *float64 `json:"theory"`
}

// round15 is v rounded to 15 significant digits, as FormatNumber writes
// it.
func round15(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	return r
}

func nullable(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	v = round15(v)
	return &v
}

func unnull(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// WriteJSON writes the table as one JSON object {spec, cells, shard,
// version, rows}, with null for NaN and numbers rounded as FormatNumber
// rounds them.
func (t *Table) WriteJSON(w io.Writer) error {
	jt := jsonTable{Spec: t.Spec, Cells: t.Cells, Version: t.version(), Rows: []jsonRow{}}
	if !t.Shard.Whole() {
		jt.Shard = t.Shard.String()
	}
	for _, r := range t.Rows {
		jr := jsonRow{
			Cell: r.Index, Rule: r.Rule.String(), N: r.N, P: r.P, Alpha: round15(r.Alpha()), Noise: r.Noise,
			Measure: r.Measure.String(), Trials: r.Trials, Samples: r.Samples,
			Mean: nullable(r.Mean), StdErr: nullable(r.StdErr), Min: nullable(r.Min), Q05: nullable(r.Q05),
			Q10: nullable(r.Q10), Q25: nullable(r.Q25), Median: nullable(r.Median), Q75: nullable(r.Q75),
			Q90: nullable(r.Q90), Q95: nullable(r.Q95), Max: nullable(r.Max),
			Unconverged: r.Unconverged, MeanSweeps: nullable(r.MeanSweeps), Theory: nullable(r.Theory),
		}
		if r.Energy != (hopfield.Energy{}) {
			jr.Energy = r.Energy.String()
		}
		jt.Rows = append(jt.Rows, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jt)
}

// ReadJSON reads a table written by WriteJSON. A table without a version
// was written before version 2 (Version 1).
func ReadJSON(r io.Reader) (*Table, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if isSidecar(data) {
		return nil, errors.New("the sidecar of a CSV table, not a table: give the .csv file beside it")
	}
	var jt jsonTable
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&jt); err != nil {
		return nil, err
	}
	if jt.Spec == "" || jt.Cells < 1 {
		return nil, errors.New("not a capacity table: missing spec or cells")
	}
	t := &Table{Spec: jt.Spec, Cells: jt.Cells, Version: jt.Version}
	if t.Version == 0 {
		t.Version = 1
	}
	if jt.Shard != "" {
		if t.Shard, err = ParseShard(jt.Shard); err != nil {
			return nil, err
		}
	}
	for i, jr := range jt.Rows {
		row, err := jr.row()
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, t.check()
}

func (jr jsonRow) row() (Row, error) {
	rule, err := hopfield.ParseRule(jr.Rule)
	if err != nil {
		return Row{}, err
	}
	var e hopfield.Energy
	if jr.Energy != "" {
		if e, err = hopfield.ParseEnergy(jr.Energy); err != nil {
			return Row{}, err
		}
	}
	m, err := ParseMeasure(jr.Measure)
	if err != nil {
		return Row{}, err
	}
	return Row{
		Cell: Cell{Index: jr.Cell, Rule: rule, Energy: e, N: jr.N, P: jr.P, Noise: jr.Noise}, Measure: m,
		Stats: Stats{Trials: jr.Trials, Samples: jr.Samples, Mean: unnull(jr.Mean), StdErr: unnull(jr.StdErr),
			Min: unnull(jr.Min), Q05: unnull(jr.Q05), Q10: unnull(jr.Q10), Q25: unnull(jr.Q25), Median: unnull(jr.Median),
			Q75: unnull(jr.Q75), Q90: unnull(jr.Q90), Q95: unnull(jr.Q95), Max: unnull(jr.Max)},
		Unconverged: jr.Unconverged, MeanSweeps: unnull(jr.MeanSweeps), Theory: unnull(jr.Theory),
	}, nil
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
	out := &Table{Spec: first.Spec, Cells: first.Cells, Version: first.version()}
	for _, t := range tables {
		name := t.Name
		if name == "" {
			name = "table"
		}
		if t.Spec != first.Spec {
			return nil, fmt.Errorf("%s: a different sweep (%s) from %s (%s)", name, t.Spec, nameOf(first), first.Spec)
		}
		if t.version() != first.version() {
			return nil, fmt.Errorf("%s: numbers of version %d, %s has version %d: the definitions differ (see capacity.TableVersion); rerun the shards of the older version", name, t.version(), nameOf(first), first.version())
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
