package patterns

import (
	"strings"
	"testing"
)

func TestParseCueOp(t *testing.T) {
	for _, tc := range []struct {
		kind, arg string
		want      CueOp
		err       string
	}{
		{"noise", "0.2", CueOp{Kind: CueFlip, Fraction: 0.2}, ""},
		{"flip", "1", CueOp{Kind: CueFlip, Fraction: 1}, ""},
		{"erase", "0.1", CueOp{Kind: CueErase, Fraction: 0.1}, ""},
		{"erase", "Bottom", CueOp{Kind: CueEraseHalf, Half: "bottom"}, ""},
		{"erase", "rect:1,2,3,4", CueOp{Kind: CueEraseRect, Rect: Rect{1, 2, 3, 4}}, ""},
		{"erase", "range:50,100", CueOp{Kind: CueEraseRange, From: 50, To: 100}, ""},
		{"noise", "1.5", CueOp{}, "outside [0, 1]"},
		{"noise", "x", CueOp{}, `"x": want a fraction`},
		{"erase", "middle", CueOp{}, "top, bottom, left, right"},
		{"erase", "rect:1,2", CueOp{}, "2 numbers, want 4"},
		{"blur", "1", CueOp{}, "unknown cue operation"},
	} {
		t.Run(tc.kind+"="+tc.arg, func(t *testing.T) {
			got, err := ParseCueOp(tc.kind, tc.arg)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
			kind, arg, _ := strings.Cut(got.String(), "=")
			if back, err := ParseCueOp(kind, arg); err != nil || back != got {
				t.Errorf("String %q reads back as %+v, %v", got.String(), back, err)
			}
		})
	}
}

// TestApplyCue checks each operation against the function it stands for,
// and that the order of the operations does not change the cue.
func TestApplyCue(t *testing.T) {
	bu := BU()
	noise, _ := ParseCueOp("noise", "0.2")
	erase, _ := ParseCueOp("erase", "0.1")
	bottom, _ := ParseCueOp("erase", "bottom")
	a, err := ApplyCue(bu, []CueOp{bottom, erase, noise}, newRand(7))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ApplyCue(bu, []CueOp{noise, erase, bottom}, newRand(7))
	if !a.Equal(b) {
		t.Fatal("the order of the operations changed the cue")
	}
	rng := newRand(7)
	want, _ := FlipExact(nil, bu.Data, 0.2, rng)
	want, _ = Erase(nil, want, 0.1, rng)
	w := bu.Clone()
	w.Data = want
	w, _ = EraseRect(w, Rect{50, 0, 100, 100})
	if !a.Equal(w) {
		t.Error("ApplyCue differs from FlipExact, Erase and EraseRect in turn")
	}
	if bu.Unknowns() != 0 {
		t.Error("ApplyCue changed its input")
	}
	if _, err := ApplyCue(New("", 4, 4), []CueOp{{Kind: CueEraseRange, From: 3, To: 20}}, newRand(1)); err == nil || !strings.Contains(err.Error(), "erase=range:3,20") {
		t.Errorf("bad range: %v", err)
	}
}
