package server

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/hopfield-lab/hopfield/internal/experiments"
)

// The Experiments page is the notebook's experiments with their parameters
// as controls: the registry of internal/experiments, the same code as the
// hopfield experiment command, run on demand.

func (s *Server) routeExperiments() {
	s.mux.HandleFunc("GET /api/experiments", s.handleExperiments)
	s.mux.HandleFunc("POST /api/experiments/{name}", s.handleExperiment)
}

type experimentJSON struct {
	Name        string              `json:"name"`
	Title       string              `json:"title"`
	Description string              `json:"description"`
	Params      []experiments.Param `json:"params"`
	// Notebook marks the notebook's own experiments (its sections 1 to
	// 7), quick enough to run as soon as the page shows them; the others
	// go further and may take a minute.
	Notebook bool `json:"notebook"`
}

// notebookSections is the largest Order of the notebook's own experiments.
const notebookSections = 7

type experimentsResponse struct {
	Experiments []experimentJSON `json:"experiments"`
}

func (s *Server) handleExperiments(w http.ResponseWriter, r *http.Request) {
	out := experimentsResponse{Experiments: []experimentJSON{}}
	for _, e := range experiments.All() {
		out.Experiments = append(out.Experiments, experimentJSON{e.Name, e.Title, e.Description, e.Params, e.Order <= notebookSections})
	}
	writeJSON(w, out)
}

// experimentRequest sets some parameters (the others keep the notebook's
// values) and the seed. A value may be a JSON number, boolean or string.
type experimentRequest struct {
	Params map[string]any `json:"params"`
	Seed   uint64         `json:"seed"`
}

type figureJSON struct {
	Name    string `json:"name"`
	Caption string `json:"caption"`
	// PNG is the figure as a data: URL, ready for an <img>.
	PNG string `json:"png"`
}

type experimentResult struct {
	Experiment string             `json:"experiment"`
	Title      string             `json:"title"`
	Seed       uint64             `json:"seed"`
	Params     map[string]any     `json:"params"`
	Summary    string             `json:"summary"`
	Numbers    map[string]float64 `json:"numbers"`
	Order      []string           `json:"order"` // the numbers' names, sorted
	Figures    []figureJSON       `json:"figures"`
	Millis     int64              `json:"millis"` // time to run and draw
}

// handleExperiment runs one experiment and returns its summary, numbers and
// figures (PNG):
//
//	POST /api/experiments/letters-5x5   {"params": {"noise": 0.3}, "seed": 1}
func (s *Server) handleExperiment(w http.ResponseWriter, r *http.Request) {
	e, err := experiments.Lookup(r.PathValue("name"))
	if err != nil {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	var req experimentRequest
	if err := s.decode(w, r, &req); err != nil {
		fail(w, err)
		return
	}
	v := e.Defaults()
	keys := make([]string, 0, len(req.Params))
	for k := range req.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the first bad parameter reported is always the same
	for _, k := range keys {
		text, err := paramText(k, req.Params[k])
		if err == nil {
			v, err = e.With(v, k, text)
		}
		if err != nil {
			fail(w, userError(err))
			return
		}
	}
	if !s.acquire(r) {
		return
	}
	defer s.release()
	began := time.Now()
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.ExperimentTimeout)
	defer cancel()
	res, err := e.Execute(ctx, v, req.Seed)
	switch {
	case r.Context().Err() != nil:
		return // the client left; nobody to answer
	case errors.Is(err, context.DeadlineExceeded):
		fail(w, badf("%s took longer than the server's limit of %v: choose smaller parameters", e.Name, s.opts.ExperimentTimeout))
		return
	case err != nil:
		fail(w, userError(err))
		return
	}
	out := experimentResult{
		Experiment: e.Name, Title: e.Title, Seed: res.Seed, Params: res.Params,
		Summary: res.Summary, Numbers: res.Numbers, Order: []string{}, Figures: []figureJSON{},
	}
	for k := range res.Numbers {
		out.Order = append(out.Order, k)
	}
	sort.Strings(out.Order)
	for i := range res.Figures {
		f := &res.Figures[i]
		var buf bytes.Buffer
		if err := f.Render(&buf, "png"); err != nil {
			fail(w, fmt.Errorf("drawing figure %s: %w", f.Name, err))
			return
		}
		out.Figures = append(out.Figures, figureJSON{f.Name, f.Caption, "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())})
	}
	out.Millis = time.Since(began).Milliseconds()
	writeJSON(w, out)
}

// paramText writes a JSON value in the text form that Param.Parse reads.
func paramText(name string, v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	}
	return "", badf("parameter %s: want a number, true/false or a string, got %v", name, v)
}
