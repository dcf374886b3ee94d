package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/hopfield-lab/hopfield/internal/lab"
	"github.com/hopfield-lab/hopfield/internal/site"
	"net"
	"net/http"
	"net/netip"
	"runtime"
	"strings"
	"time"
)

// Default limits; see [Options] and [lab.Limits].
const (
	DefaultMaxNeurons     = lab.DefaultMaxNeurons
	DefaultMaxPatterns    = lab.DefaultMaxPatterns
	DefaultMaxSteps       = lab.DefaultMaxSteps
	DefaultMaxFrames      = lab.DefaultMaxFrames
	DefaultMaxBodyBytes   = 4 << 20
	DefaultMaxWeightBytes = lab.DefaultMaxWeightBytes
	DefaultRunTimeout     = 2 * time.Minute
	DefaultExpTimeout     = 5 * time.Minute
	DefaultWriteTimeout   = 30 * time.Second

	// DefaultSeed is the seed of a request that gives none: the CLI's
	// default, so that the lab and the command agree.
	DefaultSeed = lab.DefaultSeed
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
	// MaxRuns bounds the recall runs and weight pictures computed at
	// once; further requests wait their turn (default 2*GOMAXPROCS).
	MaxRuns int
	// MaxExperiments bounds the experiments computed at once (default
	// GOMAXPROCS, at least 2). Experiments have their own slots so that
	// heavy ones never hold up the recall lab: each already uses every
	// core, and a recall of 100 neurons needs a millisecond.
	MaxExperiments int
	// RunTimeout bounds one recall run's wall-clock time.
	RunTimeout time.Duration
	// ExperimentTimeout bounds one experiment's (the capacity sweeps take
	// a minute with their default parameters).
	ExperimentTimeout time.Duration
	// ReadTimeout bounds the time to receive a request, headers and body
	// (default 10 s plus 1 s per 256 KiB of MaxBodyBytes: 26 s for 4 MiB),
	// so that a client that sends part of a request and stalls does not
	// hold a connection open.
	ReadTimeout time.Duration
	// LocalOnly answers only requests addressed to this machine by a
	// loopback name (localhost, 127.0.0.1, [::1]) and refuses others with
	// 403. A lab that listens on loopback sets it, so that a web page
	// elsewhere cannot reach the lab by pointing its own domain name at
	// 127.0.0.1 (DNS rebinding).
	LocalOnly bool
	// WriteTimeout bounds each write of an answer (default 30 s): a
	// client that stops reading a stream is dropped and its run stopped,
	// while a stream that is read may last as long as RunTimeout.
	WriteTimeout time.Duration
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
	def(&o.MaxExperiments, max(2, runtime.GOMAXPROCS(0)))
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = 10*time.Second + time.Duration(o.MaxBodyBytes>>18)*time.Second
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = DefaultWriteTimeout
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
	opts        Options
	lim         lab.Limits
	mux         *http.ServeMux
	runs        slots // recall runs and weight pictures
	experiments slots
}

// New returns the lab's handler with the given limits.
func New(opts Options) *Server {
	s := &Server{opts: opts.withDefaults(), mux: http.NewServeMux()}
	o := s.opts
	s.lim = lab.Limits{MaxNeurons: o.MaxNeurons, MaxPatterns: o.MaxPatterns, MaxSteps: o.MaxSteps, MaxFrames: o.MaxFrames,
		MaxWeightBytes: o.MaxWeightBytes, RunTimeout: o.RunTimeout, Host: "server"}.WithDefaults()
	s.runs = make(slots, s.opts.MaxRuns)
	s.experiments = make(slots, s.opts.MaxExperiments)
	s.routes()
	return s
}

// Options returns the limits in force, defaults filled in.
func (s *Server) Options() Options { return s.opts }

// HTTPServer returns an http.Server for the lab with timeouts that suit
// its limits: a request, headers and body, must arrive within
// Options.ReadTimeout. There is no overall WriteTimeout, which would cut
// long streams and experiments short: each answer sets its own write
// deadline (Options.WriteTimeout) as it writes. The read deadline does
// not limit the work that follows the body: net/http lifts it when the
// body has been read, to watch for the client going away. The caller
// sets a listener and BaseContext, to stop the work at shutdown.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: min(10*time.Second, s.opts.ReadTimeout),
		ReadTimeout:       s.opts.ReadTimeout,
		IdleTimeout:       time.Minute,
	}
}

func (s *Server) routes() {
	// The lab's pages are the static site of internal/site, the same files
	// hopfield site writes: they run the engine in the browser.
	// "/" takes every method, so that the more specific "/api/" does not
	// conflict with it; staticFiles refuses all but GET and HEAD.
	s.mux.Handle("/", staticFiles(http.FileServerFS(site.FS())))
	for old, page := range map[string]string{"/experiments": "/experiments.html", "/favicon.ico": "/favicon.svg"} {
		s.mux.Handle("GET "+old, http.RedirectHandler(page, http.StatusMovedPermanently))
	}

	s.mux.HandleFunc("GET /api/limits", s.noQuery(s.handleLimits))
	s.mux.HandleFunc("GET /api/builtins", s.noQuery(s.handleBuiltins))
	s.mux.HandleFunc("GET /api/pattern", s.handlePattern)
	s.mux.HandleFunc("POST /api/upload", s.handleUpload)
	s.mux.HandleFunc("POST /api/cue", s.handleCue)
	s.mux.HandleFunc("GET /api/capacity", s.handleCapacity)
	s.mux.HandleFunc("POST /api/weights", s.handleWeights)
	s.mux.HandleFunc("POST /api/run", s.handleRun)
	s.routeExperiments()
	s.mux.HandleFunc("/api/", s.apiNotFound)
}

// noQuery refuses query parameters for an endpoint that takes none.
func (s *Server) noQuery(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := query(r); err != nil {
			s.fail(w, err)
			return
		}
		h(w, r)
	}
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
			s.writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: use %s", r.Method, r.URL.Path, m))
			return
		}
	}
	s.writeError(w, http.StatusNotFound, fmt.Sprintf("no API endpoint %s %s", r.Method, r.URL.Path))
}

// ServeHTTP serves the lab.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.opts.LocalOnly && !loopbackHost(r.Host) {
		http.Error(w, "hopfield lab: this lab answers only to localhost, 127.0.0.1 or [::1], not "+r.Host, http.StatusForbidden)
		return
	}
	h := w.Header()
	// Everything the pages use comes from this server: no CDN, no network.
	// The engine is WebAssembly, compiled in the page's worker.
	h.Set("Content-Security-Policy", siteCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	// Pages and small answers are written at once; the long ones move
	// the deadline on as they write.
	s.writeDeadline(w)
	s.mux.ServeHTTP(w, r)
}

// siteCSP lets the pages load only their own files, compile their own
// WebAssembly and draw their own pictures: nothing from another origin.
const siteCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'"

// loopbackHost reports whether a Host header names this machine by a
// loopback name or address, with or without a port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// staticFiles serves the site's files for GET and HEAD, revalidated on
// every load so that a page never runs a stale engine.
func staticFiles(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}

func (s *Server) handleLimits(w http.ResponseWriter, r *http.Request) {
	out := s.lim.Describe()
	out.MaxBodyBytes = s.opts.MaxBodyBytes
	s.writeJSON(w, out)
}

// fail writes err as JSON: 400 for a bad request (a *lab.Error), 500
// otherwise.
func (s *Server) fail(w http.ResponseWriter, err error) {
	var le *lab.Error
	if errors.As(err, &le) {
		s.writeError(w, http.StatusBadRequest, le.Error())
		return
	}
	s.writeError(w, http.StatusInternalServerError, err.Error())
}

type errorResponse struct {
	Error string `json:"error"`
}

func (s *Server) writeError(w http.ResponseWriter, status int, msg string) {
	s.writeDeadline(w)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(errorResponse{msg})
}

func (s *Server) writeJSON(w http.ResponseWriter, v any) {
	s.writeDeadline(w)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// writeDeadline gives the answer about to be written Options.WriteTimeout
// to reach the client. A response recorder (tests) has no deadline.
func (s *Server) writeDeadline(w http.ResponseWriter) {
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.opts.WriteTimeout))
}
