package server

import (
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/theory"
)

// weightsRequest asks for the weight matrix of a memory as an image of at
// most side x side values.
type weightsRequest struct {
	memoryRequest
	Side int `json:"side"`
}

// weightsResponse is W on a side x side grid, row-major. When Exact is set
// the grid is W itself (N <= side). Otherwise value (k, l) is the mean of
// W_ij over the neurons i of block k and j of block l, the picture that
// imshow(W) shrinks to: computed by Network.WeightBlocks, so a
// 10,000-neuron memory in the pattern form never builds its
// 10,000 x 10,000 matrix to be drawn.
type weightsResponse struct {
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

func (s *Server) handleWeights(w http.ResponseWriter, r *http.Request) {
	var req weightsRequest
	if err := s.decode(w, r, &req); err != nil {
		s.fail(w, err)
		return
	}
	side := req.Side
	switch {
	case side == 0:
		side = defaultWeightSide
	case side < 1 || side > maxWeightSide:
		s.fail(w, badf("side %d: want 1 to %d", side, maxWeightSide))
		return
	}
	mem, err := s.parseMemory(req.memoryRequest)
	if err != nil {
		s.fail(w, err)
		return
	}
	if !s.runs.acquire(r) {
		return
	}
	defer s.runs.release()
	net, err := s.network(mem)
	if err != nil {
		s.fail(w, err)
		return
	}
	n := net.N()
	side = min(side, n)
	out := weightsResponse{
		N: n, P: net.P(), Rule: net.Rule().String(), Form: net.Form().String(), Bytes: net.WeightBytes(),
		Side: side, Exact: side == n, Values: blockMeans(net, side),
	}
	for _, v := range out.Values {
		out.MaxAbs = math.Max(out.MaxAbs, math.Abs(v))
	}
	s.writeJSON(w, out)
}

// blockMeans returns the side x side block means of W, row-major
// (Network.WeightBlocks: block k holds neurons k*N/side to
// (k+1)*N/side - 1, and the pattern form never builds W).
func blockMeans(net *hopfield.Network, side int) []float64 {
	out := make([]float64, 0, side*side)
	for _, row := range net.WeightBlocks(side) {
		out = append(out, row...)
	}
	return out
}

// capacityResponse says how full a memory is for its rule, so that the page
// can warn before the memory fails.
type capacityResponse struct {
	N        int     `json:"n"`
	P        int     `json:"p"`
	Rule     string  `json:"rule"`
	Capacity float64 `json:"capacity"` // patterns the rule can hold, for random patterns
	Warn     float64 `json:"warn"`     // where the warning starts
	Level    string  `json:"level"`    // ok, near, over
	Message  string  `json:"message"`
}

// handleCapacity compares P patterns with the capacity of a rule on N
// neurons (theory package):
//
//	Hebbian        alpha_c N = 0.138 N (Amit, Gutfreund & Sompolinsky); the
//	               warning starts at 0.105 N, where one bit in a thousand
//	               is wrong after one step
//	Storkey        N / sqrt(2 ln N)
//	pseudo-inverse N linearly independent patterns; warning from N/2, as
//	               the basins shrink
//
//	GET /api/capacity?n=100&p=3&rule=hebbian
func (s *Server) handleCapacity(w http.ResponseWriter, r *http.Request) {
	q, err := query(r, "n", "p", "rule")
	if err != nil {
		s.fail(w, err)
		return
	}
	n, err := intParam(q.Get("n"), "n", 0)
	if err == nil && (n < 1 || n > s.opts.MaxNeurons) {
		err = badf("parameter n=%d: want 1 to %d", n, s.opts.MaxNeurons)
	}
	if err != nil {
		s.fail(w, err)
		return
	}
	p, err := intParam(q.Get("p"), "p", 0)
	if err != nil {
		s.fail(w, err)
		return
	}
	rule := hopfield.Hebbian
	if v := q.Get("rule"); v != "" {
		if rule, err = hopfield.ParseRule(v); err != nil {
			s.fail(w, userError(err))
			return
		}
	}
	s.writeJSON(w, capacity(n, p, rule))
}

func capacity(n, p int, rule hopfield.Rule) capacityResponse {
	out := capacityResponse{N: n, P: p, Rule: rule.String()}
	var law string
	name := map[hopfield.Rule]string{hopfield.Hebbian: "Hebbian", hopfield.Storkey: "Storkey", hopfield.PseudoInverse: "pseudo-inverse"}[rule]
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
