package server

import (
	"net/http"

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
// neurons (lab.Limits.Capacity):
//
//	GET /api/capacity?n=100&p=3&rule=hebbian
//	GET /api/capacity?n=100&p=300&rule=dense&energy=poly:3
func (s *Server) handleCapacity(w http.ResponseWriter, r *http.Request) {
	q, err := query(r, "n", "p", "rule", "energy")
	if err != nil {
		s.fail(w, err)
		return
	}
	n, err := intParam(q.Get("n"), "n", 0)
	if err != nil {
		s.fail(w, err)
		return
	}
	p, err := intParam(q.Get("p"), "p", 0)
	if err != nil {
		s.fail(w, err)
		return
	}
	c, err := s.lim.Capacity(lab.CapacityRequest{N: n, P: p, Rule: q.Get("rule"), Energy: q.Get("energy")})
	if err != nil {
		s.fail(w, err)
		return
	}
	s.writeJSON(w, c)
}
