package lab

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

func memoryOf(ps ...patterns.Pattern) MemoryRequest {
	m := MemoryRequest{Rows: ps[0].Rows, Cols: ps[0].Cols}
	for _, p := range ps {
		m.Patterns = append(m.Patterns, PatternJSON{Name: p.Name, Cells: patterns.FormatCells(p.Data)})
	}
	return m
}

// TestRunStream runs a recall through the lab with no HTTP: the lines
// arrive in order and the end says which pattern was recalled, as the
// library's Match does.
func TestRunStream(t *testing.T) {
	bu, bc := patterns.BU(), patterns.BC()
	bottom, _ := patterns.ParseCueOp("erase", "bottom")
	cue, _ := bottom.Apply(bu, nil)
	lim := Limits{}.WithDefaults()
	ru, err := lim.ParseRun(RunRequest{MemoryRequest: memoryOf(bu, bc), Cue: patterns.FormatCells(cue.Data)})
	if err != nil {
		t.Fatal(err)
	}
	if err := ru.Learn(); err != nil {
		t.Fatal(err)
	}
	var lines []any
	ru.Stream(context.Background(), func(l any) error { lines = append(lines, l); return nil })
	if len(lines) < 3 {
		t.Fatalf("%d lines, want start, frames and end", len(lines))
	}
	if _, ok := lines[0].(StartLine); !ok {
		t.Fatalf("first line %T, want StartLine", lines[0])
	}
	end, ok := lines[len(lines)-1].(EndLine)
	if !ok {
		t.Fatalf("last line %T, want EndLine", lines[len(lines)-1])
	}
	if end.End != "fixed point" || end.Match != "exact" || end.NearestName != "seed:BU" || end.Hamming != 0 {
		t.Errorf("end %+v, want BU recalled exactly at a fixed point", end)
	}
}

// TestRunStopsOnEmitError checks that an emit error stops the run and that
// the end line is not sent after it.
func TestRunStopsOnEmitError(t *testing.T) {
	x := patterns.X(5)
	lim := Limits{}.WithDefaults()
	ru, _ := lim.ParseRun(RunRequest{MemoryRequest: memoryOf(x), Cue: strings.Repeat("?", 25), Update: "async", Every: 1})
	ru.Learn()
	stop := errors.New("the page went away")
	n := 0
	ru.Stream(context.Background(), func(any) error { n++; return stop })
	if n != 1 {
		t.Errorf("%d lines after an emit error, want 1", n)
	}
}

// TestRunOptionErrors checks that the library's option errors come back in
// the lab's words, naming the JSON field.
func TestRunOptionErrors(t *testing.T) {
	lim := Limits{}.WithDefaults()
	x := patterns.X(5)
	for _, tc := range []struct {
		req  RunRequest
		want string
	}{
		{RunRequest{Update: "sync", Temperature: 0.5}, "temperature 0.5 is for the glauber schedule, not sync"},
		{RunRequest{Update: "glauber", Temperature: -1}, "temperature -1: want a finite number >= 0"},
		{RunRequest{Update: "chaotic"}, `unknown update "chaotic"`},
	} {
		tc.req.MemoryRequest, tc.req.Cue = memoryOf(x), patterns.FormatCells(x.Data)
		_, err := lim.ParseRun(tc.req)
		var le *Error
		if !errors.As(err, &le) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want an *Error containing %q", tc.req, err, tc.want)
		}
	}
}

// TestSeedsMatchTheCommand pins the seeding rule that makes a lab run the
// same as hopfield recall --seed: the cue from the seed, the dynamics from
// the next.
func TestSeedsMatchTheCommand(t *testing.T) {
	a, b := CueSource(7), hopfield.NewSource(7)
	c, d := DynamicsSource(7), hopfield.NewSource(8)
	for range 10 {
		if a.Uint64() != b.Uint64() || c.Uint64() != d.Uint64() {
			t.Fatal("the sources are not NewSource(seed) and NewSource(seed+1)")
		}
	}
}
