package server

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/hopfield-lab/hopfield/internal/experiments"
)

// The Experiments page is the notebook's experiments with their parameters
// as controls: the registry of internal/experiments, the same code as the
// hopfield experiment command, run on demand.

func (s *Server) routeExperiments() {
	s.mux.HandleFunc("GET /api/experiments", s.noQuery(s.handleExperiments))
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
		out.Experiments = append(out.Experiments, experimentJSON{e.Name, e.Title, e.Description, webParams(e), e.Order <= notebookSections})
	}
	s.writeJSON(w, out)
}

// webLimits caps the experiments' sizes on the web, below what the
// command accepts. The experiments check for cancellation between units of
// work that these caps keep short (a fraction of a second on two cores),
// so that an experiment whose client leaves gives its slot back at once;
// they also keep one request's memory and time fit for a shared server.
// A researcher's million-neuron sweep is for hopfield experiment.
//
// The heaviest uncancellable units, by experiment: crosstalk draws 16,384
// sums of N terms at a time; capacity and basins learn a network (the
// Storkey rule in O(N^2 P), the pseudo-inverse in O(N P^2)) and run it
// from one probe; spurious and temperature run one network for up to
// 100 and burn+sweeps sweeps of O(N P) each.
var webLimits = map[string]map[string]float64{
	"crosstalk":      {"N": 10_000, "N_overlap": 10_000, "K": 100_000, "K_overlap": 100_000},
	"capacity":       {"N": 2_000, "alpha_min": 0.3, "alpha_max": 0.3, "memory_gb": 0.5, "trials": 1_000, "probes": 100},
	"basins":         {"N": 2_000, "trials": 1_000},
	"spurious":       {"N": 2_000, "alpha_min": 0.2, "alpha_max": 0.2, "trials": 1_000, "starts": 1_000},
	"temperature":    {"N": 2_000, "trials": 1_000, "burn": 100, "sweeps": 400},
	"one-step-error": {"trials": 10_000},
}

// webParams returns e's parameters with the web's caps: a Max lowered to
// the cap, and a default above it lowered too.
func webParams(e *experiments.Experiment) []experiments.Param {
	ps := slices.Clone(e.Params)
	for i := range ps {
		p := &ps[i]
		limit, ok := webLimits[e.Name][p.Name]
		if !ok || limit >= p.Max {
			continue
		}
		p.Max = limit
		switch d := p.Default.(type) {
		case int:
			p.Default = min(d, int(limit))
		case float64:
			p.Default = min(d, limit)
		}
	}
	return ps
}

// experimentRequest sets some parameters (the others keep the notebook's
// values, within the web's caps) and the seed. A value may be a JSON
// number, boolean or string.
type experimentRequest struct {
	Params map[string]any `json:"params"`
	Seed   *uint64        `json:"seed"` // nil: DefaultSeed
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
		// Lookup's message names the experiment and lists the others.
		s.writeError(w, http.StatusNotFound, err.Error())
		return
	}
	var req experimentRequest
	if err := s.decode(w, r, &req); err != nil {
		s.fail(w, err)
		return
	}
	params := webParams(e)
	v := e.Defaults()
	for _, p := range params {
		if p.Default != e.Param(p.Name).Default {
			if v, err = e.With(v, p.Name, p.Format(p.Default)); err != nil {
				s.fail(w, err)
				return
			}
		}
	}
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
		if err == nil {
			err = checkWebLimit(e.Name, params, k, v.Map()[k])
		}
		if err != nil {
			s.fail(w, userError(err))
			return
		}
	}
	if !s.experiments.acquire(r) {
		return
	}
	// The slot is held until the computation has stopped, however the
	// request ends, so that abandoned experiments cannot pile up.
	defer s.experiments.release()
	began := time.Now()
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.ExperimentTimeout)
	defer cancel()
	res, err := e.Execute(ctx, v, seedOr(req.Seed))
	switch {
	case r.Context().Err() != nil:
		return // the client left; nobody to answer
	case errors.Is(err, context.DeadlineExceeded):
		s.fail(w, badf("%s took longer than the server's limit of %v: choose smaller parameters", e.Name, s.opts.ExperimentTimeout))
		return
	case err != nil:
		s.fail(w, userError(err))
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
			s.fail(w, fmt.Errorf("drawing figure %s: %w", f.Name, err))
			return
		}
		out.Figures = append(out.Figures, figureJSON{f.Name, f.Caption, "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())})
	}
	out.Millis = time.Since(began).Milliseconds()
	s.writeJSON(w, out)
}

// checkWebLimit refuses a value above the web's cap on the parameter.
func checkWebLimit(exp string, params []experiments.Param, name string, v any) error {
	i := slices.IndexFunc(params, func(p experiments.Param) bool { return p.Name == name })
	if i < 0 {
		return nil
	}
	p := params[i]
	var x float64
	switch v := v.(type) {
	case int:
		x = float64(v)
	case float64:
		x = v
	default:
		return nil
	}
	if x > p.Max {
		return badf("parameter %s: %v is above this server's limit of %v for %s on the web (hopfield experiment %s runs larger ones)",
			name, p.Format(v), p.Max, exp, exp)
	}
	return nil
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
	kind := "null"
	switch v.(type) {
	case []any:
		kind = "an array"
	case map[string]any:
		kind = "an object"
	}
	return "", badf("parameter %s: want a number, true/false or a string, got %s", name, kind)
}
