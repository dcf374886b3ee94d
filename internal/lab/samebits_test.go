package lab

import (
	"context"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/native.json from this build")

// sameBitsLinks are recalls that cover the forms and the schedules: the
// issue's link, noise with every random schedule, the other rules.
var sameBitsLinks = []string{
	"grid=100x100&store=seed:BU,seed:BC&cue=seed:BU&erase=bottom&rule=hebbian&update=sync&seed=1",
	"grid=100x100&store=seed:BU,seed:BC,seed:star&cue=seed:BC&noise=0.3&update=async&seed=4",
	"grid=32x32&store=alphabet:A,alphabet:E,alphabet:H&cue=alphabet:E&noise=0.25&rule=pseudoinverse&update=permutation&seed=2",
	"grid=10x10&store=alphabet:H,alphabet:T,alphabet:O&cue=alphabet:T&noise=0.2&rule=storkey&update=glauber&temperature=0.05&seed=9",
	"grid=5x5&store=seed:checkerboard,seed:X,seed:A&cue=seed:X&noise=0.2&tie=plus&seed=3",
}

// sameBitsResult is what a run must reproduce exactly, here and in the
// browser's WebAssembly build: the final state, the step count and the
// energy's bits.
type sameBitsResult struct {
	Link   string `json:"link"`
	End    string `json:"end"`
	Steps  int    `json:"steps"`
	Flips  int    `json:"flips"`
	Energy string `json:"energy"` // the float64's bits, in hex
	Cells  string `json:"cells"`
}

func runLink(t *testing.T, link string) sameBitsResult {
	t.Helper()
	lim := Limits{}.WithDefaults()
	l, err := ParseLink(link)
	if err != nil {
		t.Fatal(err)
	}
	st, err := lim.Resolve(l)
	if err != nil {
		t.Fatal(err)
	}
	ru, err := lim.ParseRun(st.RunRequest)
	if err == nil {
		err = ru.Learn()
	}
	if err != nil {
		t.Fatal(err)
	}
	var end EndLine
	ru.Stream(context.Background(), func(v any) error {
		if e, ok := v.(EndLine); ok {
			end = e
		}
		return nil
	})
	return sameBitsResult{Link: link, End: end.End, Steps: end.Steps, Flips: end.Flips,
		Energy: strconv.FormatUint(math.Float64bits(end.Energy), 16), Cells: end.Cells}
}

// TestSameBits runs recalls and compares them with testdata/native.json,
// written by a native build (go test -update). Under GOOS=js GOARCH=wasm
// (scripts/test runs it with Node), it proves that the browser's engine
// gives the native results bit for bit.
func TestSameBits(t *testing.T) {
	var got []sameBitsResult
	for _, link := range sameBitsLinks {
		got = append(got, runLink(t, link))
	}
	path := filepath.Join("testdata", "native.json")
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	var want []sameBitsResult
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(got) {
		t.Fatalf("%d results, %s has %d (go test -update)", len(got), path, len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s:\ngot  %+v\nwant %+v", got[i].Link, summary(got[i]), summary(want[i]))
		}
	}
}

func summary(r sameBitsResult) sameBitsResult {
	if len(r.Cells) > 40 {
		r.Cells = r.Cells[:40] + "..."
	}
	return r
}
