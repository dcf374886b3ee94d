package lab

import (
	"context"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield/patterns"
)

// endOf runs a request through the lab and returns its end line.
func endOf(t *testing.T, lim Limits, req RunRequest) EndLine {
	t.Helper()
	ru, err := lim.ParseRun(req)
	if err != nil {
		t.Fatal(err)
	}
	if err := ru.Learn(); err != nil {
		t.Fatal(err)
	}
	var end EndLine
	ru.Stream(context.Background(), func(l any) error {
		if e, ok := l.(EndLine); ok {
			end = e
		}
		return nil
	})
	return end
}

// TestDenseMemoryPastN stores two letters and 150 random patterns on 100
// neurons, 1.5 N: the classic network has forgotten everything, the dense
// poly:3 memory recalls the letter.
func TestDenseMemoryPastN(t *testing.T) {
	lim := Limits{}.WithDefaults()
	a, _ := patterns.Builtin("alphabet:A")
	h, _ := patterns.Builtin("alphabet:H")
	cue, err := patterns.ApplyCue(a, []patterns.CueOp{{Kind: patterns.CueFlip, Fraction: 0.1}}, CueSource(3))
	if err != nil {
		t.Fatal(err)
	}
	mem := memoryOf(a, h)
	mem.Random, mem.RandomSeed = 150, 7
	req := RunRequest{MemoryRequest: mem, Cue: patterns.FormatCells(cue.Data), Update: "async"}
	hebb := endOf(t, lim, req)
	if hebb.Match == "exact" && hebb.NearestName == "alphabet:A" {
		t.Errorf("the Hebbian rule recalled A among 152 patterns of 100 neurons: %+v", hebb)
	}
	req.Rule, req.Energy = "dense", "poly:3"
	dense := endOf(t, lim, req)
	if dense.Match != "exact" || dense.NearestName != "alphabet:A" || len(dense.Overlaps) != 2 || dense.RandomMax == 0 {
		t.Errorf("dense poly:3: end %s, match %s, nearest %s, %d overlaps, random max %v; want A exactly, 2 overlaps and the random ones' max",
			dense.End, dense.Match, dense.NearestName, len(dense.Overlaps), dense.RandomMax)
	}
}

// TestMemoryRequestErrors checks the dense rule's and the random patterns'
// errors, in the lab's words.
func TestMemoryRequestErrors(t *testing.T) {
	lim := Limits{MaxWeightBytes: 1 << 20}.WithDefaults()
	x := patterns.X(10)
	for _, tc := range []struct {
		mem  func(*MemoryRequest)
		want string
	}{
		{func(m *MemoryRequest) { m.Energy = "poly:3" }, `energy "poly:3" is for the dense rule, not hebbian`},
		{func(m *MemoryRequest) { m.Rule, m.Energy = "dense", "poly:1" }, "want poly:N with an integer power N from 2 to 100"},
		{func(m *MemoryRequest) { m.Rule, m.Energy = "dense", "exp:10" }, "use lse"},
		{func(m *MemoryRequest) { m.Random = -1 }, "random -1: want 0 to 100000"},
		{func(m *MemoryRequest) { m.Random = 20_000 }, "over this lab's limit of 1.0 MiB"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			m := memoryOf(x)
			tc.mem(&m)
			_, err := lim.ParseRun(RunRequest{MemoryRequest: m, Cue: patterns.FormatCells(x.Data)})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestDenseLinkRoundTrip checks that a link keeps the dense rule's energy
// and the random memories.
func TestDenseLinkRoundTrip(t *testing.T) {
	const frag = "grid=10x10&store=alphabet:A&cue=alphabet:A&noise=0.1&rule=dense&energy=lse:2&random=300&random_seed=4&seed=2"
	link, err := ParseLink(frag)
	if err != nil {
		t.Fatal(err)
	}
	if link.String() != frag {
		t.Errorf("link written back as\n%s\nwant\n%s", link.String(), frag)
	}
	st, err := Limits{}.WithDefaults().Resolve(link)
	if err != nil {
		t.Fatal(err)
	}
	if st.Energy != "lse:2" || st.Random != 300 || st.RandomSeed != 4 {
		t.Errorf("resolved energy %q, random %d seed %d", st.Energy, st.Random, st.RandomSeed)
	}
	end := endOf(t, Limits{}.WithDefaults(), st.RunRequest)
	if end.Match != "exact" || end.NearestName != "alphabet:A" {
		t.Errorf("the link's run ended %s, nearest %s (%s)", end.End, end.NearestName, end.Match)
	}
}
