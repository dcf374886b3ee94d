package server

import (
	"net/http"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/internal/lab"
)

// handleWeights draws the weight matrix of a memory (lab.WeightsRequest)
// as block means.
func (s *Server) handleWeights(w http.ResponseWriter, r *http.Request) {
	var req lab.WeightsRequest
	var job *lab.Weights
	if !s.decodeInSlot(w, r, &req, func() (err error) { job, err = s.lim.ParseWeights(req); return err }) {
		return
	}
	defer s.runs.release()
	out, err := job.Draw()
	if err != nil {
		s.fail(w, err)
		return
	}
	s.writeJSON(w, out)
}

// handleCapacity compares P patterns with the capacity of a rule on N
// neurons (lab.Capacity):
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
		err = lab.Errorf("parameter n=%d: want 1 to %d", n, s.opts.MaxNeurons)
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
			s.fail(w, lab.Errorf("%s", err.Error()))
			return
		}
	}
	s.writeJSON(w, lab.Capacity(n, p, rule))
}
