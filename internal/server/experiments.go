package server

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"

	"github.com/hopfield-lab/hopfield/hopplot"
	"github.com/hopfield-lab/hopfield/internal/lab"
)

func (s *Server) routeExperiments() {
	s.mux.HandleFunc("GET /api/experiments", s.noQuery(s.handleExperiments))
	s.mux.HandleFunc("POST /api/experiments/{name}", s.handleExperiment)
}

func (s *Server) handleExperiments(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, lab.Experiments())
}

// figureJSON is a figure of an experiment's answer: its data (drawn by
// the pages) and a PNG of it, for scripts.
type figureJSON struct {
	Name    string `json:"name"`
	Caption string `json:"caption"`
	// PNG is the figure as a data: URL, ready for an <img>.
	PNG string `json:"png"`
}

// experimentResponse is lab.ExperimentResult with PNG figures.
type experimentResponse struct {
	*lab.ExperimentResult
	Figures []figureJSON `json:"figures"`
}

// handleExperiment runs one experiment and returns its summary, numbers and
// figures (PNG):
//
//	POST /api/experiments/letters-5x5   {"params": {"noise": 0.3}, "seed": 1}
func (s *Server) handleExperiment(w http.ResponseWriter, r *http.Request) {
	var req lab.ExperimentRequest
	if err := s.decode(w, r, &req); err != nil {
		s.fail(w, err)
		return
	}
	x, err := s.lim.ParseExperiment(r.PathValue("name"), req)
	if errors.Is(err, lab.ErrNoExperiment) {
		s.writeError(w, http.StatusNotFound, err.Error())
		return
	}
	if err != nil {
		s.fail(w, err)
		return
	}
	if !s.experiments.acquire(r) {
		return
	}
	// The slot is held until the computation has stopped, however the
	// request ends, so that abandoned experiments cannot pile up.
	defer s.experiments.release()
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.ExperimentTimeout)
	defer cancel()
	res, err := x.Run(ctx, nil)
	switch {
	case r.Context().Err() != nil:
		return // the client left; nobody to answer
	case errors.Is(err, context.DeadlineExceeded):
		s.fail(w, lab.Errorf("%s took longer than the server's limit of %v: choose smaller parameters", x.Name(), s.opts.ExperimentTimeout))
		return
	case err != nil:
		s.fail(w, err)
		return
	}
	out := experimentResponse{ExperimentResult: res, Figures: []figureJSON{}}
	for _, f := range res.Figures {
		var buf bytes.Buffer
		if err := hopplot.RenderFigure(&buf, "png", f); err != nil {
			s.fail(w, fmt.Errorf("drawing figure %s: %w", f.Name, err))
			return
		}
		out.Figures = append(out.Figures, figureJSON{f.Name, f.Caption, "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())})
	}
	s.writeJSON(w, out)
}
