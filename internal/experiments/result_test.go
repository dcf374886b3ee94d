package experiments

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"
)

// A table writes plain CSV: names in their text columns (quoted where CSV
// needs it), an empty cell for NaN, numbers without the noise of binary
// arithmetic. Tables made the old way, numbers only, write as before.
func TestTableCSV(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		table Table
		want  string
	}{
		{"numbers", Table{Columns: []string{"a", "b"}, Rows: [][]float64{{1, 0.5}, {-3, 2e6}}}, "a,b\n1,0.5\n-3,2000000\n"},
		{"noise of arithmetic", Table{Columns: []string{"x"}, Rows: [][]float64{{0.22590000000000002}, {0.1 + 0.2}, {36.480000000000004}}},
			"x\n0.2259\n0.3\n36.48\n"},
		{"not applicable", Table{Columns: []string{"x", "theory"}, Rows: [][]float64{{1, nan}, {2, math.Inf(1)}}}, "x,theory\n1,\n2,inf\n"},
		{"names", Table{Columns: []string{"rule", "n"}, Rows: [][]float64{{nan, 1}, {nan, 2}},
			Text: map[string][]string{"rule": {"hebbian", `a, "b"`}}}, "rule,n\nhebbian,1\n\"a, \"\"b\"\"\",2\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.table.WriteCSV(&b); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("got=%q, want=%q", b.String(), tc.want)
			}
		})
	}
	bad := Table{Name: "x", Columns: []string{"a"}, Rows: [][]float64{{1}, {2}}, Text: map[string][]string{"a": {"one"}}}
	if err := bad.WriteCSV(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "1 names for 2 rows") {
		t.Errorf("text column too short: err = %v", err)
	}
	bad.Text = map[string][]string{"b": {"one", "two"}}
	if err := bad.WriteCSV(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), `"b" is not a column`) {
		t.Errorf("text column not in the table: err = %v", err)
	}
}

// Names are quoted exactly where encoding/csv quotes them: a whole row
// with text written by WriteCSV is the row csv.Writer writes, and reads
// back as the names.
func TestTableCSVQuotingAsEncodingCSV(t *testing.T) {
	names := []string{"", "hebbian", "a b", "x ", " lead", "\tlead", "\vlead", "\flead",
		"\u00a0nbsp", "\u2003em", "\u3000ideographic", "\u0085nel", "\u200bzero-width", "\\.", "\\.x", "x\\.",
		"a,b", `a"b`, `"`, "a\nb", "a\r\nb", "\r", "é", "élan", "\xff", "\xffbad", "-1", "#x", "'q'", "\\", "k=3; b=2"}
	var table Table
	table.Columns = []string{"name", "n"}
	for i := range names {
		table.Rows = append(table.Rows, []float64{math.NaN(), float64(i)})
	}
	table.AddText("name", names)
	var got, want bytes.Buffer
	if err := table.WriteCSV(&got); err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(&want)
	cw.Write(table.Columns)
	for i, s := range names {
		cw.Write([]string{s, strconv.Itoa(i)})
	}
	cw.Flush()
	if got.String() != want.String() {
		t.Errorf("WriteCSV:\n%q\nencoding/csv:\n%q", got.String(), want.String())
	}
	for _, s := range names {
		var one bytes.Buffer
		cw := csv.NewWriter(&one)
		cw.Write([]string{s, "1"})
		cw.Flush()
		if got, want := string(appendText(nil, s))+",1\n", one.String(); got != want {
			t.Errorf("appendText(%q) = %q, want %q as encoding/csv", s, got, want)
		}
	}
	recs, err := csv.NewReader(&got).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range names {
		// A csv.Reader turns \r\n within a quoted field into \n.
		if r := recs[i+1][0]; r != strings.ReplaceAll(s, "\r\n", "\n") {
			t.Errorf("row %d reads back as %q, want %q", i, r, s)
		}
	}
}

func TestFormatRate(t *testing.T) {
	for _, tc := range []struct {
		mean, se float64
		trials   int
		want     string
	}{
		{0, 0, 1000000, "0 in 1000000 (< 3.0e-06)"},
		{2.5e-5, 1e-5, 1000000, "2.50e-05 ± 1.0e-05"},
		{0.0123, 0.0004, 1000, "0.01230 ± 0.00040"},
	} {
		if got := formatRate(tc.mean, tc.se, tc.trials); got != tc.want {
			t.Errorf("formatRate(%v, %v, %d) = %q, want %q", tc.mean, tc.se, tc.trials, got, tc.want)
		}
	}
}

// The experiments' tables name the rule and the measure, have a standard
// error beside every census fraction, and leave the theory empty where it
// does not apply: the tanh law at P > 1.
func TestCapacityTablesPlain(t *testing.T) {
	r := run(t, "one-step-error", 1, "trials=3", "alpha_min=0.05", "alpha_max=0.1", "alpha_step=0.05")
	sweep := csvOf(t, r)
	if !strings.Contains(sweep, "\nhebbian,100,5,0.05,0,onestep,3,") {
		t.Errorf("sweep table without names:\n%s", sweep)
	}
	if strings.Contains(r.Summary, "0.00000 ± 0.00000") {
		t.Errorf("summary says nothing of a zero rate:\n%s", r.Summary)
	}
	c := run(t, "spurious", 1, "N=100", "trials=2", "starts=5", "alpha_min=0.05", "alpha_max=0.05", "alpha_step=0.01")
	census := c.Table("census")
	if !strings.Contains(strings.Join(census.Columns, ","), "pattern,pattern_stderr,reversed,reversed_stderr,mixture3,mixture3_stderr,other,other_stderr") {
		t.Errorf("census columns %v", census.Columns)
	}
	tm := run(t, "temperature", 1, "N=100", "P1=1", "P2=5", "P3=0", "P4=0", "trials=2", "T_max=0.2", "T_step=0.1", "burn=2", "sweeps=2")
	for _, row := range tm.Table("temperature").Rows {
		if law := row[len(row)-1]; row[1] > 1 && !math.IsNaN(law) || row[1] == 1 && math.IsNaN(law) {
			t.Errorf("P = %v: tanh law %v, want a value for one pattern only", row[1], law)
		}
	}
}

func TestFormatFraction(t *testing.T) {
	for f, want := range map[float64]string{0: "0.00", 0.006: "6.0e-03", 0.25: "0.25", 1: "1.00"} {
		if got := formatFraction(f); got != want {
			t.Errorf("formatFraction(%v) = %q, want %q", f, got, want)
		}
	}
}
