package lab

import (
	"fmt"
	"math"
	"strconv"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/theory"
)

// WeightsRequest asks for the weight matrix of a memory as an image of at
// most Side x Side values.
type WeightsRequest struct {
	MemoryRequest
	Side int `json:"side"`
}

// WeightsResponse is W on a Side x Side grid, row-major. When Exact is set
// the grid is W itself (N <= Side). Otherwise value (k, l) is the mean of
// W_ij over the neurons i of block k and j of block l, the picture that
// imshow(W) shrinks to: computed by Network.WeightBlocks, so a
// 10,000-neuron memory in the pattern form never builds its
// 10,000 x 10,000 matrix to be drawn.
type WeightsResponse struct {
	N      int       `json:"n"`
	P      int       `json:"p"`
	Rule   string    `json:"rule"`
	Form   string    `json:"form"`
	Bytes  int64     `json:"bytes"`
	Side   int       `json:"side"`
	Exact  bool      `json:"exact"`
	Values []float64 `json:"values"`
	MaxAbs float64   `json:"max_abs"`
}

const (
	defaultWeightSide = 100
	maxWeightSide     = 256
)

// Weights is a validated weights request.
type Weights struct {
	lim  Limits
	mem  *memory
	side int
}

// ParseWeights checks a weights request, without learning anything yet.
func (l Limits) ParseWeights(req WeightsRequest) (*Weights, error) {
	side := req.Side
	switch {
	case side == 0:
		side = defaultWeightSide
	case side < 1 || side > maxWeightSide:
		return nil, Errorf("side %d: want 1 to %d", side, maxWeightSide)
	}
	mem, err := l.parseMemory(req.MemoryRequest)
	if err != nil {
		return nil, err
	}
	if mem.rule == hopfield.DenseAM {
		return nil, Errorf("the dense associative memory has no weight matrix: its energy is -sum_mu F(xi_mu . s) over the stored patterns, with F = %v", mem.energy)
	}
	return &Weights{l, mem, side}, nil
}

// Draw learns the memory and returns its weight matrix as block means
// (Network.WeightBlocks: block k holds neurons k*N/side to
// (k+1)*N/side - 1, and the pattern form never builds W).
func (w *Weights) Draw() (WeightsResponse, error) {
	net, err := w.lim.network(w.mem)
	side := w.side
	if err != nil {
		return WeightsResponse{}, err
	}
	n := net.N()
	side = min(side, n)
	out := WeightsResponse{
		N: n, P: net.P(), Rule: net.Rule().String(), Form: net.Form().String(), Bytes: net.WeightBytes(),
		Side: side, Exact: side == n, Values: make([]float64, 0, side*side),
	}
	for _, row := range net.WeightBlocks(side) {
		out.Values = append(out.Values, row...)
	}
	for _, v := range out.Values {
		out.MaxAbs = math.Max(out.MaxAbs, math.Abs(v))
	}
	return out, nil
}

// CapacityResponse says how full a memory is for its rule, so that the page
// can warn before the memory fails.
type CapacityResponse struct {
	N        int     `json:"n"`
	P        int     `json:"p"`
	Rule     string  `json:"rule"`
	Capacity float64 `json:"capacity"` // patterns the rule can hold, for random patterns
	Warn     float64 `json:"warn"`     // where the warning starts
	Level    string  `json:"level"`    // ok, near, over
	Message  string  `json:"message"`
}

// CapacityRequest asks how full a memory of P patterns on N neurons is.
type CapacityRequest struct {
	N      int    `json:"n"`
	P      int    `json:"p"`
	Rule   string `json:"rule"`             // default hebbian
	Energy string `json:"energy,omitempty"` // the dense rule's; default DefaultEnergy
}

// Capacity checks a capacity request and answers it.
func (l Limits) Capacity(req CapacityRequest) (CapacityResponse, error) {
	rule := hopfield.Hebbian
	if req.Rule != "" {
		var err error
		if rule, err = hopfield.ParseRule(req.Rule); err != nil {
			return CapacityResponse{}, userError(err)
		}
	}
	if req.N < 1 || req.N > l.MaxNeurons {
		return CapacityResponse{}, Errorf("n %d: want 1 to %d", req.N, l.MaxNeurons)
	}
	if req.P < 0 {
		return CapacityResponse{}, Errorf("p %d: want at least 0", req.P)
	}
	energy, err := parseEnergy(rule, req.Energy)
	if err != nil {
		return CapacityResponse{}, err
	}
	return capacityOf(req.N, req.P, rule, energy), nil
}

// capacityOf compares P patterns with the capacity of a rule on N neurons
// (package theory), so that the page can warn before the memory fails:
//
//	Hebbian        alpha_c N = 0.138 N (Amit, Gutfreund & Sompolinsky); the
//	               warning starts at 0.105 N, where one bit in a thousand
//	               is wrong after one step
//	Storkey        N / sqrt(2 ln N)
//	pseudo-inverse N linearly independent patterns; warning from N/2, as
//	               the basins shrink
//	dense x^n      alpha_n N^(n-1), where one bit in 200 flips after one
//	               step (Krotov & Hopfield); warning from the error-free
//	               N^(n-1) / (2 (2n-3)!! ln N)
//	dense exp      exp(alpha N) with alpha = I(0.8)/2 = 0.184 for recall
//	               from 10% noise (Demircigil et al.); warning from half
//
// The energy is the dense rule's and ignored for the others.
func capacityOf(n, p int, rule hopfield.Rule, energy hopfield.Energy) CapacityResponse {
	out := CapacityResponse{N: n, P: p, Rule: rule.String()}
	var law string
	name := map[hopfield.Rule]string{hopfield.Hebbian: "Hebbian", hopfield.Storkey: "Storkey", hopfield.PseudoInverse: "pseudo-inverse",
		hopfield.DenseAM: "dense " + energy.String()}[rule]
	switch rule {
	case hopfield.Hebbian:
		out.Capacity = theory.AGSCriticalLoad() * float64(n)
		out.Warn = theory.OneStepErrorLargeNInv(0.001) * float64(n)
		law = fmt.Sprintf("%.3g N", theory.AGSCriticalLoad())
	case hopfield.Storkey:
		out.Capacity = theory.StorkeyCapacity(n)
		out.Warn = 0.75 * out.Capacity
		law = "N / sqrt(2 ln N)"
	case hopfield.PseudoInverse:
		out.Capacity = theory.PseudoInverseCapacity(n)
		out.Warn = 0.5 * out.Capacity
		law = "N"
	case hopfield.DenseAM:
		law = denseCapacity(&out, n, energy)
	}
	if math.IsNaN(out.Capacity) {
		out.Capacity, out.Warn = 1, 1
	}
	pf := float64(p)
	c := strconv.FormatFloat(out.Capacity, 'f', 1, 64)
	if out.Capacity >= 100 {
		c = strconv.FormatFloat(out.Capacity, 'f', 0, 64)
	}
	switch {
	case pf > out.Capacity:
		out.Level = "over"
		out.Message = fmt.Sprintf("%d patterns: over the %s rule's capacity of about %s (%s). Recall will fail.", p, name, c, law)
	case pf > out.Warn:
		out.Level = "near"
		out.Message = fmt.Sprintf("%d patterns: near the %s rule's capacity of about %s (%s). Expect recall errors.", p, name, c, law)
	default:
		out.Level = "ok"
		out.Message = fmt.Sprintf("%d of about %s patterns (%s rule, %s).", p, c, name, law)
	}
	if rule == hopfield.PseudoInverse && pf > float64(n) {
		out.Message += " More than N patterns are always linearly dependent."
	}
	return out
}

// denseCapacity fills the capacity of a dense associative memory and
// returns its law.
func denseCapacity(out *CapacityResponse, n int, e hopfield.Energy) string {
	if e.Kind == hopfield.Exp || e.Kind == hopfield.LSE {
		out.Capacity = theory.DemircigilCapacity(n, 0.1)
		out.Warn = out.Capacity / 2
		return fmt.Sprintf("exp(%.3f N) from 10%% noise", theory.DemircigilRate(0.1))
	}
	out.Capacity = theory.DenseCapacityAlphaPaper(e.Power, 0.005) * math.Pow(float64(n), float64(e.Power-1))
	out.Warn = min(theory.DenseErrorFreeCapacity(n, e.Power), out.Capacity)
	return fmt.Sprintf("%.3g N^%d", theory.DenseCapacityAlphaPaper(e.Power, 0.005), e.Power-1)
}
