package lab

import (
	"context"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield/patterns"
)

// TestSoftmaxBlendsThenRecalls runs the continuous network on three
// letters from the top half of A: a small beta blends the letters, a large
// one recalls the A.
func TestSoftmaxBlendsThenRecalls(t *testing.T) {
	lim := Limits{}.WithDefaults()
	var ps []patterns.Pattern
	for _, name := range []string{"alphabet:A", "alphabet:E", "alphabet:H"} {
		p, err := patterns.Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	bottom, _ := patterns.ParseCueOp("erase", "bottom")
	cue, _ := bottom.Apply(ps[0], nil)
	req := SoftmaxRequest{MemoryRequest: memoryOf(ps...), Cue: patterns.FormatCells(cue.Data)}
	for _, tc := range []struct {
		beta      float64
		k90       int
		recalled  bool
		fixedType string
	}{
		{0.001, 3, false, "global average"},
		{1, 1, true, "single pattern"},
	} {
		req.Beta = tc.beta
		r, err := lim.Softmax(req)
		if err != nil {
			t.Fatal(err)
		}
		last := r.Steps[len(r.Steps)-1]
		if len(r.Steps) != 2 || last.K90 != tc.k90 || last.FixedPoint != tc.fixedType || len(last.Weights) != 3 {
			t.Errorf("beta %v: %d steps, k90 %d (%s), %d weights; want one step, k90 %d (%s), 3 weights",
				tc.beta, len(r.Steps), last.K90, last.FixedPoint, len(last.Weights), tc.k90, tc.fixedType)
		}
		if got := last.NearestName == "alphabet:A" && last.Distance < 0.01; got != tc.recalled {
			t.Errorf("beta %v: nearest %s at %v; recalled = %v, want %v", tc.beta, last.NearestName, last.Distance, got, tc.recalled)
		}
	}
}

// TestSoftmaxErrors checks the continuous network's refusals.
func TestSoftmaxErrors(t *testing.T) {
	lim := Limits{}.WithDefaults()
	x := patterns.X(5)
	mem := memoryOf(x)
	if _, err := lim.Softmax(SoftmaxRequest{MemoryRequest: mem, Cue: patterns.FormatCells(x.Data)}); err == nil || !strings.Contains(err.Error(), "beta 0: want a finite number > 0") {
		t.Errorf("beta 0: error %v", err)
	}
	if _, err := lim.Softmax(SoftmaxRequest{MemoryRequest: mem, Cue: patterns.FormatCells(x.Data), Beta: 1, MaxSteps: 99}); err == nil || !strings.Contains(err.Error(), "max_steps 99") {
		t.Errorf("max_steps 99: error %v", err)
	}
	mem.Rule = "softmax"
	body := `{"rows":5,"cols":5,"rule":"softmax","patterns":[{"name":"X","cells":"` + patterns.FormatCells(x.Data) + `"}],"cue":"` + patterns.FormatCells(x.Data) + `"}`
	if _, err := lim.Call(context.Background(), "run", []byte(body), nil, func(any) error { return nil }); err == nil || !strings.Contains(err.Error(), "rule softmax is the continuous network") {
		t.Errorf("a run of rule softmax: error %v", err)
	}
}
