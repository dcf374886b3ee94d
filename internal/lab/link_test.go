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
	req.Cue, req.CueName, req.Ops = "", "seed:X", []string{"erase=top"}
	frag, _ = lim.Share(req)
	if !strings.Contains(frag, "cue=seed:X&erase=top") {
		t.Errorf("link %q: want the cue in words", frag)
	}
}

// FuzzParseLink checks that any fragment either fails with a one-line
// *Error or reads back from its own String.
func FuzzParseLink(f *testing.F) {
	for _, s := range []string{
		"grid=100x100&store=seed:BU,seed:BC&cue=seed:BU&erase=bottom&rule=hebbian&update=sync&seed=1&run=1",
		"store=draw:a%252Cb:AAA&cue=cells:AAAA&grid=2x2", "noise=0.1&noise=0.2", "%zz", "store=,,",
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
