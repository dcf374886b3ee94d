package lab

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/internal/experiments"
)

// The Experiments page is the notebook's experiments with their parameters
// as controls: the registry of internal/experiments, the same code as the
// hopfield experiment command, run on demand.

// ExperimentJSON describes one experiment for the page.
type ExperimentJSON struct {
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

// ExperimentsResponse lists the experiments.
type ExperimentsResponse struct {
	Experiments []ExperimentJSON `json:"experiments"`
}

// Experiments lists the experiments with the lab's caps on their
// parameters.
func Experiments() ExperimentsResponse {
	out := ExperimentsResponse{Experiments: []ExperimentJSON{}}
	for _, e := range experiments.All() {
		out.Experiments = append(out.Experiments, ExperimentJSON{e.Name, e.Title, e.Description, webParams(e), e.Order <= notebookSections})
	}
	return out
}

// webLimits caps the experiments' sizes in the lab, below what the command
// accepts. The experiments check for cancellation between units of work
// that these caps keep short (a fraction of a second on two cores), so that
// an experiment that is stopped stops at once; they also keep one request's
// memory and time fit for a browser tab or a shared server. A researcher's
// million-neuron sweep is for hopfield experiment.
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
	"temperature":    {"N": 2_000, "trials": 1_000, "burn": 100, "sweeps": 400, "P1": 1_000, "P2": 1_000, "P3": 1_000, "P4": 1_000},
	"phase-diagram":  {"N": 2_000, "trials": 20, "burn": 100, "sweeps": 200, "alpha_max": 0.3, "T_max": 2},
	"mixtures":       {"N": 5_000, "P": 200, "trials": 50, "burn": 300, "sweeps": 300, "alpha_max": 0.15},
	"one-step-error": {"trials": 10_000},
	// The dense memories' unit of work is one network and its probes.
	"dense-capacity":    {"N": 200, "P_max": 30_000, "trials": 1_000, "probes": 20},
	"dense-exponential": {"N": 40, "P_max": 262_144, "trials": 1_000, "probes": 20},
	"dense-letters":     {"trials": 1_000},
	"beta-sweep":        {"size": 64}, // a figure's 14 pictures of size^2 values
}

// webParams returns e's parameters with the lab's caps: a Max lowered to
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

// ExperimentRequest sets some parameters (the others keep the notebook's
// values, within the lab's caps) and the seed. A value may be a JSON
// number, boolean or string.
type ExperimentRequest struct {
	Params map[string]any `json:"params"`
	Seed   *uint64        `json:"seed"` // nil: DefaultSeed
}

// ExperimentResult is one run of an experiment: its summary, numbers and
// figures, as data for the page to draw.
type ExperimentResult struct {
	Experiment string             `json:"experiment"`
	Title      string             `json:"title"`
	Seed       uint64             `json:"seed"`
	Params     map[string]any     `json:"params"`
	Summary    string             `json:"summary"`
	Numbers    map[string]float64 `json:"numbers"`
	Order      []string           `json:"order"` // the numbers' names, sorted
	Figures    []*figure.Figure   `json:"figures"`
	Millis     int64              `json:"millis"` // time to run
}

// Experiment is a validated experiment request.
type Experiment struct {
	lim  Limits
	exp  *experiments.Experiment
	vals experiments.Values
	seed uint64
}

// ErrNoExperiment is wrapped by the error of ParseExperiment for an
// unknown name, whose message names it and lists the experiments there are.
var ErrNoExperiment = errors.New("no such experiment")

type noExperiment struct{ error }

func (noExperiment) Unwrap() error { return ErrNoExperiment }

// ParseExperiment checks an experiment request against the lab's caps.
func (l Limits) ParseExperiment(name string, req ExperimentRequest) (*Experiment, error) {
	e, err := experiments.Lookup(name)
	if err != nil {
		return nil, noExperiment{err}
	}
	params := webParams(e)
	v := e.Defaults()
	for _, p := range params {
		if p.Default != e.Param(p.Name).Default {
			if v, err = e.With(v, p.Name, p.Format(p.Default)); err != nil {
				return nil, err
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
			err = l.checkWebLimit(e.Name, params, k, v.Map()[k])
		}
		if err != nil {
			return nil, userError(err)
		}
	}
	return &Experiment{lim: l, exp: e, vals: v, seed: seedOr(req.Seed)}, nil
}

// Name is the experiment's name.
func (x *Experiment) Name() string { return x.exp.Name }

// Run runs the experiment. progress, if not nil, hears how far long
// experiments have got (see experiments.Progress).
func (x *Experiment) Run(ctx context.Context, progress func(done, total int)) (*ExperimentResult, error) {
	began := time.Now()
	if progress != nil {
		ctx = experiments.WithProgress(ctx, progress)
	}
	res, err := x.exp.Execute(ctx, x.vals, x.seed)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, userError(err)
	}
	out := &ExperimentResult{
		Experiment: x.exp.Name, Title: x.exp.Title, Seed: res.Seed, Params: res.Params,
		Summary: res.Summary, Numbers: res.Numbers, Order: []string{}, Figures: res.Figures,
	}
	for k := range res.Numbers {
		out.Order = append(out.Order, k)
	}
	sort.Strings(out.Order)
	out.Millis = time.Since(began).Milliseconds()
	return out, nil
}

// checkWebLimit refuses a value above the lab's cap on the parameter.
func (l Limits) checkWebLimit(exp string, params []experiments.Param, name string, v any) error {
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
		return Errorf("parameter %s: %v is above this %s's limit of %v for %s on the web (hopfield experiment %s runs larger ones)",
			name, p.Format(v), l.host(), p.Max, exp, exp)
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
	return "", Errorf("parameter %s: want a number, true/false or a string, got %s", name, kind)
}
