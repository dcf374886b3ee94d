package lab

import (
	"errors"
	"math"

	"github.com/hopfield-lab/hopfield"
)

// SoftmaxRequest asks for the continuous modern network (hopfield.Softmax)
// on a memory: its patterns, as +-1 vectors, are the rows of X, the cue's
// cells the starting state (unknown cells 0), and each step is
// xi <- X^T softmax(beta X xi). The memory's rule is not used.
type SoftmaxRequest struct {
	MemoryRequest
	Cue      string  `json:"cue"`
	Beta     float64 `json:"beta"`
	MaxSteps int     `json:"max_steps"` // 0: 1, the one-step retrieval of the papers' figures
}

// SoftmaxStep is the state after a step (step 0 is the cue), with what
// the page shows beside it.
type SoftmaxStep struct {
	Step int `json:"step"`
	// Values are the state, rounded to 3 decimals: what the grid shows in
	// shades of grey.
	Values []float64 `json:"values"`
	// Weights are softmax(beta X xi) for the drawn patterns; RandomWeight
	// is the total weight of the random ones (MemoryRequest.Random).
	Weights      []float64 `json:"weights"`
	RandomWeight float64   `json:"random_weight,omitempty"`
	K90          int       `json:"k90"`
	FixedPoint   string    `json:"fixed_point"` // single pattern, metastable, global average
	Energy       float64   `json:"energy"`
	Nearest      int       `json:"nearest"`
	NearestName  string    `json:"nearest_name"`
	Distance     float64   `json:"distance"` // Euclidean, to the nearest pattern
}

// SoftmaxResponse is the whole run: the steps and how it ended.
type SoftmaxResponse struct {
	N         int           `json:"n"`
	P         int           `json:"p"`
	Beta      float64       `json:"beta"`
	Steps     []SoftmaxStep `json:"steps"`
	Converged bool          `json:"converged"`
}

// maxSoftmaxSteps bounds a request: the update converges in a few steps.
const maxSoftmaxSteps = 50

// Softmax runs the continuous network on the memory from the cue.
func (l Limits) Softmax(req SoftmaxRequest) (SoftmaxResponse, error) {
	m := req.MemoryRequest
	m.Rule, m.Energy = ruleSoftmax, ""
	mem, err := l.parseMemory(m)
	if err != nil {
		return SoftmaxResponse{}, err
	}
	n := mem.rows * mem.cols
	cue, err := parseCells("cue", req.Cue, n, true)
	if err != nil {
		return SoftmaxResponse{}, err
	}
	steps := req.MaxSteps
	if steps == 0 {
		steps = 1
	}
	if steps < 0 || steps > maxSoftmaxSteps {
		return SoftmaxResponse{}, Errorf("max_steps %d: want 1 to %d", req.MaxSteps, maxSoftmaxSteps)
	}
	x := make([]float64, 0, len(mem.patterns)*n)
	for _, p := range mem.patterns {
		x = append(x, hopfield.Real(nil, p)...)
	}
	net, err := hopfield.NewSoftmax(x, n, hopfield.SoftmaxConfig{Beta: req.Beta, MemoryLimit: l.MaxWeightBytes, NoCopy: true})
	if err != nil {
		return SoftmaxResponse{}, softmaxError(err, req.Beta)
	}
	out := SoftmaxResponse{N: n, P: net.P(), Beta: req.Beta}
	xi := hopfield.Real(nil, cue)
	out.Steps = append(out.Steps, mem.softmaxStep(net, 0, xi))
	for k := 1; k <= steps; k++ {
		next := net.Step(nil, xi)
		out.Converged = maxAbsDiff(next, xi) <= net.DefaultTol()
		xi = next
		out.Steps = append(out.Steps, mem.softmaxStep(net, k, xi))
		if out.Converged {
			break
		}
	}
	return out, nil
}

func softmaxError(err error, beta float64) error {
	var oe *hopfield.OptionError
	if errors.As(err, &oe) {
		return Errorf("beta %v: want a finite number > 0", beta)
	}
	return userError(err)
}

func (mem *memory) softmaxStep(net *hopfield.Softmax[float64], k int, xi []float64) SoftmaxStep {
	d := net.Diagnose(xi)
	mu, dist := net.Nearest(xi)
	st := SoftmaxStep{Step: k, Values: make([]float64, len(xi)), K90: d.K90, FixedPoint: d.FixedPoint.String(),
		Energy: d.Energy, Nearest: mu, NearestName: mem.names[mu], Distance: dist}
	for i, v := range xi {
		st.Values[i] = math.Round(v*1000) / 1000
	}
	st.Weights = d.Weights[:mem.drawn]
	for _, w := range d.Weights[mem.drawn:] {
		st.RandomWeight += w
	}
	return st
}

func maxAbsDiff(a, b []float64) float64 {
	var m float64
	for i := range a {
		m = math.Max(m, math.Abs(a[i]-b[i]))
	}
	return m
}
