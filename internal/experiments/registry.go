package experiments

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Experiment is one reproducible experiment: its identity, its parameters
// and the function that runs it. Experiments are data: the CLI lists and
// runs them, the web lab turns Params into controls, and tests call Execute.
type Experiment struct {
	// Name is the command-line name: lower case, digits and dashes
	// ("one-pattern").
	Name string
	// Title is a short human title ("Recall of one stored pattern").
	Title string
	// Description is one paragraph for a student: what the experiment
	// shows and how to read its figures.
	Description string
	// Order sorts the list: the notebook's sections are 1..7, later
	// experiments use larger numbers. Ties sort by Name.
	Order int
	// Params are the experiment's parameters with their defaults (the
	// notebook's values) and bounds.
	Params []Param
	// Run does the work for validated parameter values and a seed. It must
	// draw every random number from the seed, so that the same seed and
	// values give the same Result bit for bit, and it should return
	// ctx.Err() promptly when ctx is cancelled. Call it through Execute.
	Run func(ctx context.Context, p Values, seed uint64) (*Result, error)
}

// Param returns the parameter called name, or nil.
func (e *Experiment) Param(name string) *Param {
	for i := range e.Params {
		if e.Params[i].Name == name {
			return &e.Params[i]
		}
	}
	return nil
}

// Defaults returns the default parameter values.
func (e *Experiment) Defaults() Values {
	v := Values{exp: e.Name, vals: make(map[string]any, len(e.Params))}
	for i := range e.Params {
		v.vals[e.Params[i].Name] = e.Params[i].Default
	}
	return v
}

// Parse returns the defaults overridden by settings of the form
// "key=value", as given to --set. An error names the key and says what was
// expected.
func (e *Experiment) Parse(settings ...string) (Values, error) {
	v := e.Defaults()
	for _, s := range settings {
		key, val, ok := strings.Cut(s, "=")
		if !ok {
			return Values{}, paramErrorf(s, "--set %q: want key=value (parameters of %s: %s)", s, e.Name, e.paramNames())
		}
		if err := e.set(&v, strings.TrimSpace(key), strings.TrimSpace(val)); err != nil {
			return Values{}, err
		}
	}
	return v, nil
}

// With returns v with parameter key set from its text form, for the web lab
// and tests. It does not modify v.
func (e *Experiment) With(v Values, key, value string) (Values, error) {
	if v.exp != e.Name {
		return Values{}, fmt.Errorf("values of %q used with experiment %q", v.exp, e.Name)
	}
	out := Values{exp: v.exp, vals: make(map[string]any, len(v.vals))}
	for k, x := range v.vals {
		out.vals[k] = x
	}
	if err := e.set(&out, key, value); err != nil {
		return Values{}, err
	}
	return out, nil
}

func (e *Experiment) set(v *Values, key, val string) error {
	p := e.Param(key)
	if p == nil {
		return paramErrorf(key, "unknown parameter %q for %s (parameters: %s)", key, e.Name, e.paramNames())
	}
	x, err := p.Parse(val)
	if err != nil {
		return err
	}
	v.vals[key] = x
	return nil
}

func (e *Experiment) paramNames() string {
	names := make([]string, len(e.Params))
	for i, p := range e.Params {
		names[i] = p.Name
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// Execute runs the experiment with values v (from Defaults, Parse or With)
// and the seed, and stamps the Result with the experiment's name, the seed
// and the values. Values of another experiment are an error.
func (e *Experiment) Execute(ctx context.Context, v Values, seed uint64) (*Result, error) {
	if v.exp != e.Name || len(v.vals) != len(e.Params) {
		return nil, fmt.Errorf("%s: parameter values were not made by this experiment (use Defaults, Parse or With)", e.Name)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r, err := e.Run(ctx, v, seed)
	var pe *ParamError
	switch {
	case errors.As(err, &pe):
		return nil, err // already names the parameter
	case err != nil:
		return nil, fmt.Errorf("%s: %w", e.Name, err)
	}
	r.Experiment, r.Seed, r.Params = e.Name, seed, v.Map()
	return r, nil
}

var (
	mu       sync.RWMutex
	registry = map[string]*Experiment{}
)

// Register adds e to the registry, usually from an init function. It panics
// on a programming error: a bad or duplicate name, no Run function, or an
// invalid parameter (see Param.validate).
func Register(e *Experiment) {
	if e == nil || !validID(e.Name) {
		panic(fmt.Sprintf("experiments: Register: bad experiment name %q", nameOf(e)))
	}
	if e.Run == nil || e.Title == "" {
		panic(fmt.Sprintf("experiments: Register %s: Title and Run are required", e.Name))
	}
	seen := map[string]bool{}
	for i := range e.Params {
		p := &e.Params[i]
		if seen[p.Name] {
			panic(fmt.Sprintf("experiments: Register %s: duplicate parameter %q", e.Name, p.Name))
		}
		seen[p.Name] = true
		if err := p.validate(); err != nil {
			panic(fmt.Sprintf("experiments: Register %s: %v", e.Name, err))
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[e.Name]; dup {
		panic("experiments: Register: duplicate experiment " + e.Name)
	}
	registry[e.Name] = e
}

// validID reports whether name is lower-case words of letters and digits
// joined by single hyphens, starting with a letter: a name that needs no
// quoting on a command line or in a URL. (A regexp would say the same, but
// compiling it would cost every start of the binary a tenth of a millisecond.)
func validID(name string) bool {
	if name == "" || name[0] < 'a' || name[0] > 'z' || name[len(name)-1] == '-' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && name[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

func nameOf(e *Experiment) string {
	if e == nil {
		return "<nil>"
	}
	return e.Name
}

// Lookup returns the experiment called name, or an error listing the
// experiments there are.
func Lookup(name string) (*Experiment, error) {
	mu.RLock()
	e, ok := registry[name]
	mu.RUnlock()
	if !ok {
		names := make([]string, 0)
		for _, x := range All() {
			names = append(names, x.Name)
		}
		return nil, fmt.Errorf("unknown experiment %q (experiments: %s)", name, strings.Join(names, ", "))
	}
	return e, nil
}

// All returns the registered experiments by Order, then Name.
func All() []*Experiment {
	mu.RLock()
	out := make([]*Experiment, 0, len(registry))
	for _, e := range registry {
		out = append(out, e)
	}
	mu.RUnlock()
	slices.SortFunc(out, func(a, b *Experiment) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// progressKey carries a progress callback in a context.
type progressKey struct{}

// WithProgress returns a context that carries a progress callback for an
// experiment's long loops (the capacity sweeps): done units of work of
// total, from one goroutine at a time.
func WithProgress(ctx context.Context, f func(done, total int)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

// Progress returns the progress callback of ctx, or nil.
func Progress(ctx context.Context) func(done, total int) {
	f, _ := ctx.Value(progressKey{}).(func(done, total int))
	return f
}
