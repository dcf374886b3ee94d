package server

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"runtime"
	"strings"
	"time"
)

// Default limits; see [Options].
const (
	DefaultMaxNeurons     = 10_000
	DefaultMaxPatterns    = 64
	DefaultMaxSteps       = 1_000
	DefaultMaxFrames      = 100_000
	DefaultMaxBodyBytes   = 4 << 20
	DefaultMaxWeightBytes = 64 << 20
	DefaultRunTimeout     = 2 * time.Minute
	DefaultExpTimeout     = 5 * time.Minute
)

// Options bound what one request may ask of the server. A zero field takes
// its default.
type Options struct {
	// MaxNeurons bounds N = rows*cols of every grid (default 10,000, which
	// holds the notebook's 100x100 pictures).
	MaxNeurons int
	// MaxPatterns bounds the patterns stored in one memory.
	MaxPatterns int
	// MaxSteps bounds a run's synchronous steps or asynchronous sweeps.
	MaxSteps int
	// MaxFrames bounds the lines one run may stream.
	MaxFrames int
	// MaxBodyBytes bounds a request body (JSON or an uploaded image).
	MaxBodyBytes int64
	// MaxWeightBytes bounds the weights one request may build. The Storkey
	// rule is always dense (8 N^2 bytes), so this caps its N.
	MaxWeightBytes int64
	// MaxRuns bounds the simulations computed at once; further requests
	// wait their turn (default 2*GOMAXPROCS).
	MaxRuns int
	// RunTimeout bounds one recall run's wall-clock time.
	RunTimeout time.Duration
	// ExperimentTimeout bounds one experiment's (the capacity sweeps take
	// a minute with their default parameters).
	ExperimentTimeout time.Duration
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.MaxNeurons, DefaultMaxNeurons)
	def(&o.MaxPatterns, DefaultMaxPatterns)
	def(&o.MaxSteps, DefaultMaxSteps)
	def(&o.MaxFrames, DefaultMaxFrames)
	def(&o.MaxRuns, 2*runtime.GOMAXPROCS(0))
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxWeightBytes <= 0 {
		o.MaxWeightBytes = DefaultMaxWeightBytes
	}
	if o.RunTimeout <= 0 {
		o.RunTimeout = DefaultRunTimeout
	}
	if o.ExperimentTimeout <= 0 {
		o.ExperimentTimeout = DefaultExpTimeout
	}
	return o
}

// Server is the web lab: the pages, their assets and the JSON API. It keeps
// no state between requests, so users cannot see or disturb each other's
// work.
type Server struct {
	opts Options
	mux  *http.ServeMux
	runs chan struct{} // a token per simulation in progress
}

//go:embed static
var staticFiles embed.FS

// New returns the lab's handler with the given limits.
func New(opts Options) *Server {
	s := &Server{opts: opts.withDefaults(), mux: http.NewServeMux()}
	s.runs = make(chan struct{}, s.opts.MaxRuns)
	s.routes()
	return s
}

// Options returns the limits in force, defaults filled in.
func (s *Server) Options() Options { return s.opts }

func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", s.page("static/index.html"))
	s.mux.HandleFunc("GET /experiments", s.page("static/experiments.html"))
	s.mux.Handle("GET /static/", http.FileServerFS(staticFiles))
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})

	s.mux.HandleFunc("GET /api/limits", s.handleLimits)
	s.mux.HandleFunc("GET /api/builtins", s.handleBuiltins)
	s.mux.HandleFunc("GET /api/pattern", s.handlePattern)
	s.mux.HandleFunc("POST /api/upload", s.handleUpload)
	s.mux.HandleFunc("POST /api/cue", s.handleCue)
	s.mux.HandleFunc("GET /api/capacity", s.handleCapacity)
	s.mux.HandleFunc("POST /api/weights", s.handleWeights)
	s.mux.HandleFunc("POST /api/run", s.handleRun)
	s.routeExperiments()
	s.mux.HandleFunc("/api/", s.apiNotFound)
}

// apiNotFound answers an API path or method that does not exist in JSON,
// like every other API error: 405 if the path takes another method.
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method {
			continue
		}
		other := r.Clone(r.Context())
		other.Method = m
		if _, pattern := s.mux.Handler(other); pattern != "/api/" && pattern != "" {
			w.Header().Set("Allow", m)
			writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: use %s", r.Method, r.URL.Path, m))
			return
		}
	}
	writeError(w, http.StatusNotFound, fmt.Sprintf("no API endpoint %s %s", r.Method, r.URL.Path))
}

// ServeHTTP serves the lab.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Everything the pages use comes from this server: no CDN, no network.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

// page serves one embedded HTML file.
func (s *Server) page(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := fs.ReadFile(staticFiles, name)
		if err != nil {
			http.Error(w, "page missing from the binary", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(b)
	}
}

// limitsResponse tells the page what the server accepts, so that it can
// offer only valid choices.
type limitsResponse struct {
	MaxNeurons     int      `json:"max_neurons"`
	MaxPatterns    int      `json:"max_patterns"`
	MaxSteps       int      `json:"max_steps"`
	MaxFrames      int      `json:"max_frames"`
	MaxBodyBytes   int64    `json:"max_body_bytes"`
	MaxWeightBytes int64    `json:"max_weight_bytes"`
	Sizes          []int    `json:"sizes"`
	Rules          []string `json:"rules"`
	Updates        []string `json:"updates"`
	Ties           []string `json:"ties"`
}

// GridSizes are the square grids the page offers.
var GridSizes = []int{5, 10, 32, 100}

func (s *Server) handleLimits(w http.ResponseWriter, r *http.Request) {
	sizes := []int{}
	for _, n := range GridSizes {
		if n*n <= s.opts.MaxNeurons {
			sizes = append(sizes, n)
		}
	}
	writeJSON(w, limitsResponse{
		MaxNeurons: s.opts.MaxNeurons, MaxPatterns: s.opts.MaxPatterns, MaxSteps: s.opts.MaxSteps,
		MaxFrames: s.opts.MaxFrames, MaxBodyBytes: s.opts.MaxBodyBytes, MaxWeightBytes: s.opts.MaxWeightBytes,
		Sizes:   sizes,
		Rules:   []string{"hebbian", "storkey", "pseudoinverse"},
		Updates: []string{"sync", "async", "permutation", "sequential", "glauber"},
		Ties:    []string{"keep", "plus", "minus"},
	})
}

// badRequest is an error in what the client sent: a 400 with its message.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

func badf(format string, args ...any) error {
	return &badRequest{fmt.Sprintf(format, args...)}
}

// userError turns an error from the library about the client's data into a
// badRequest, dropping the package prefix the page does not need.
func userError(err error) error {
	if err == nil {
		return nil
	}
	var br *badRequest
	if errors.As(err, &br) {
		return err
	}
	msg := err.Error()
	for _, p := range []string{"hopfield: ", "patterns: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return &badRequest{msg}
}

// fail writes err as JSON: 400 for a bad request, 500 otherwise.
func fail(w http.ResponseWriter, err error) {
	var br *badRequest
	if errors.As(err, &br) {
		writeError(w, http.StatusBadRequest, br.msg)
		return
	}
	writeError(w, http.StatusInternalServerError, err.Error())
}

type errorResponse struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(errorResponse{msg})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// decode reads one JSON object of at most MaxBodyBytes into v, rejecting
// unknown fields (a misspelt field would otherwise be silently ignored).
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) error {
	body := http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &tooBig):
			return badf("request body larger than the limit of %d bytes", tooBig.Limit)
		case errors.As(err, &typeErr):
			return badf("bad JSON: field %q: want a %v, got a JSON %s", typeErr.Field, typeErr.Type, typeErr.Value)
		}
		return badf("bad JSON: %v", err)
	}
	if dec.More() {
		return badf("bad JSON: more than one value in the request body")
	}
	return nil
}
