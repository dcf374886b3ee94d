package lab

import (
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield/patterns"
)

func TestParseLink(t *testing.T) {
	for _, tc := range []struct {
		link, err string
	}{
		{"#grid=100x100&store=seed:BU,seed:BC&cue=seed:BU&erase=bottom&rule=hebbian&update=sync&seed=1&run=1", ""},
		{"store=seed:X&noise=0.2&erase=rect:0,0,2,2&embed=1&tie=plus&temperature=0.5&max_steps=9", ""},
		{"grid=10&store=seed:X", "grid=10: want ROWSxCOLS"},
		{"store=seed:X&noise=2", "noise=2"},
		{"store=seed:X&seed=-1", "seed=-1"},
		{"store=seed:X&run=maybe", "run=maybe"},
		{"store=seed:X&colour=red", `unknown key "colour"`},
		{"store=seed:X&seed=1&seed=2", "seed given 2 times"},
		{"store=draw::AAAA", "want draw:NAME:BITS"},
	} {
		l, err := ParseLink(tc.link)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one containing %q", tc.link, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.link, err)
			continue
		}
		back, err := ParseLink(l.String())
		if err != nil || back.String() != l.String() {
			t.Errorf("%s: String %q reads back as %q, %v", tc.link, l.String(), back.String(), err)
		}
	}
}

// TestShareRoundTrip makes a link of a page's state (a drawing named with
// a comma, a damaged cue) and checks that it resolves to the same state.
func TestShareRoundTrip(t *testing.T) {
	lim := Limits{}.WithDefaults()
	x := patterns.X(5)
	drawn := patterns.Checkerboard(5)
	drawn.Name = "my drawing, take 2: ok"
	cue, _ := patterns.ParseCueOp("noise", "0.4")
	damaged, _ := cue.Apply(x, CueSource(3))
	seed := uint64(3)
	req := ShareRequest{RunRequest: RunRequest{MemoryRequest: memoryOf(x, drawn), Cue: patterns.FormatCells(damaged.Data), Update: "async", Seed: &seed}, Run: true}
	frag, err := lim.Share(req)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(frag, "store=seed:X,draw:") || !strings.Contains(frag, "cue=cells:") {
		t.Errorf("link %q: want the built-in by name, the drawing by bits, the damaged cue by cells", frag)
	}
	l, err := ParseLink(frag)
	if err != nil {
		t.Fatal(err)
	}
	st, err := lim.Resolve(l)
	if err != nil {
		t.Fatal(err)
	}
	if st.Patterns[1].Name != drawn.Name || st.Patterns[1].Cells != patterns.FormatCells(drawn.Data) || st.Cue != req.Cue || !st.Run || *st.Seed != 3 || st.Update != "async" {
		t.Errorf("resolved %+v, want the shared state", st)
	}
	// A named cue with a region erased stays in words.
	erased, _ := patterns.ApplyCue(x, []patterns.CueOp{mustCueOp(t, "erase", "top")}, nil)
	req.Cue, req.CueName, req.Ops = patterns.FormatCells(erased.Data), "seed:X", []string{"erase=top"}
	frag, _ = lim.Share(req)
	if !strings.Contains(frag, "cue=seed:X&erase=top") {
		t.Errorf("link %q: want the cue in words", frag)
	}
	checkResolves(t, lim, frag, req.Cue)
}

// TestShareFallsBackToCells gives Share names and operations that do not
// make the cue: the link must hold the cue's cells, and open with them.
func TestShareFallsBackToCells(t *testing.T) {
	lim := Limits{}.WithDefaults()
	x, a := patterns.X(5), patterns.Checkerboard(5)
	noisy, _ := patterns.ApplyCue(x, []patterns.CueOp{mustCueOp(t, "noise", "0.2")}, CueSource(7))
	seed := uint64(8) // not the seed the noise was drawn from
	for _, tc := range []struct {
		name, cueName string
		ops           []string
		cue           []int8
	}{
		{"a name that is not a pattern", "random 1", nil, x.Data},
		{"a stale name", "seed:X", nil, a.Data},
		{"noise from another seed", "seed:X", []string{"noise=0.2"}, noisy.Data},
		{"an operation that does not parse", "seed:X", []string{"colour=red"}, x.Data},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cue := patterns.FormatCells(tc.cue)
			req := ShareRequest{RunRequest: RunRequest{MemoryRequest: memoryOf(x, a), Cue: cue, Seed: &seed}, CueName: tc.cueName, Ops: tc.ops}
			frag, err := lim.Share(req)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(frag, "cue=cells:") {
				t.Errorf("link %q: want the cue by its cells", frag)
			}
			checkResolves(t, lim, frag, cue)
		})
	}
}

// TestShareGlauberAtZero keeps T = 0, which the page would otherwise
// replace by its slider's default.
func TestShareGlauberAtZero(t *testing.T) {
	lim := Limits{}.WithDefaults()
	x := patterns.X(5)
	req := ShareRequest{RunRequest: RunRequest{MemoryRequest: memoryOf(x), Cue: patterns.FormatCells(x.Data), Update: "glauber"}}
	frag, err := lim.Share(req)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(frag, "update=glauber&temperature=0") {
		t.Errorf("link %q: want temperature=0 written", frag)
	}
}

// TestResolveRefuses checks that a link the page could not run, or show,
// is refused with the key it got wrong.
func TestResolveRefuses(t *testing.T) {
	lim := Limits{}.WithDefaults()
	many := strings.Repeat("seed:X,", lim.MaxPatterns) + "seed:X"
	for _, tc := range []struct{ link, err string }{
		{"store=seed:X&rule=bogus", `unknown rule "bogus"`},
		{"store=seed:X&update=nope", `unknown update "nope"`},
		{"store=seed:X&tie=x", `unknown tie rule "x"`},
		{"store=seed:X&rule=dense&energy=zzz", "zzz"},
		{"store=seed:X&energy=poly:3", "for the dense rule"},
		{"store=seed:X&max_steps=-5", "max_steps -5"},
		{"store=seed:X&update=glauber&temperature=-3", "temperature -3"},
		{"store=seed:X&beta=2", "beta=2 is for rule=softmax"},
		{"store=seed:X&rule=softmax&beta=-1", "beta=-1"},
		{"grid=5x10&random=3&cue=cells:AAAAAAAAAAAAA", "grid=5x10: the lab's grids are 5x5, 10x10, 32x32 or 100x100"},
		{"grid=5x5&random=3", "link: cue: give the cue"},
		{"store=seed:X&cue=nothing", "link: cue=nothing: "},
		{"store=" + many, "above the lab's maximum"},
		{"store=seed:X&seed=9007199254740992", "seed=9007199254740992: want a whole number from 0 to 9007199254740991"},
		{"store=seed:X&random=1&random_seed=18446744073709551615", "random_seed="},
	} {
		l, err := ParseLink(tc.link)
		if err == nil {
			_, err = lim.Resolve(l)
		}
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: error %v, want one containing %q", tc.link, err, tc.err)
		}
	}
}

func mustCueOp(t *testing.T, key, value string) patterns.CueOp {
	t.Helper()
	op, err := patterns.ParseCueOp(key, value)
	if err != nil {
		t.Fatal(err)
	}
	return op
}

// checkResolves opens a link and checks its cue.
func checkResolves(t *testing.T, lim Limits, frag, cue string) {
	t.Helper()
	l, err := ParseLink(frag)
	if err != nil {
		t.Fatal(err)
	}
	st, err := lim.Resolve(l)
	if err != nil {
		t.Fatalf("link %q: %v", frag, err)
	}
	if st.Cue != cue {
		t.Errorf("link %q opens with the cue\n%s\nwant\n%s", frag, st.Cue, cue)
	}
}

// FuzzParseLink checks that any fragment either fails with a one-line
// *Error or reads back from its own String.
func FuzzParseLink(f *testing.F) {
	for _, s := range []string{
		"grid=100x100&store=seed:BU,seed:BC&cue=seed:BU&erase=bottom&rule=hebbian&update=sync&seed=1&run=1",
		"store=draw:a%252Cb:AAA&cue=cells:AAAA&grid=2x2", "noise=0.1&noise=0.2", "%zz", "store=,,",
		"grid=5x5&random=3", "grid=5x5&random=3&random_seed=4&cue=seed:X&rule=dense&energy=lse:2",
		"store=seed:X&rule=softmax&beta=0.2&update=glauber&temperature=0",
	} {
		f.Add(s)
	}
	lim := Limits{MaxNeurons: 400}.WithDefaults()
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLink(s)
		if err != nil {
			if _, ok := err.(*Error); !ok || strings.Contains(err.Error(), "\n") {
				t.Fatalf("%q: error %v is not a one-line *Error", s, err)
			}
			return
		}
		if back, err := ParseLink(l.String()); err != nil || back.String() != l.String() {
			t.Fatalf("%q: String %q reads back as %q, %v", s, l.String(), back.String(), err)
		}
		lim.Resolve(l) // must not panic
	})
}
