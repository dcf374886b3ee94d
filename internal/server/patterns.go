package server

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// patternResponse is a pattern as the page receives it.
type patternResponse struct {
	Name  string `json:"name"`
	Rows  int    `json:"rows"`
	Cols  int    `json:"cols"`
	Cells string `json:"cells"`
}

func toResponse(p patterns.Pattern) patternResponse {
	return patternResponse{Name: p.Name, Rows: p.Rows, Cols: p.Cols, Cells: formatCells(p.Data)}
}

type builtinsResponse struct {
	Builtins []builtinJSON `json:"builtins"`
}

type builtinJSON struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Rows        int    `json:"rows"`
	Cols        int    `json:"cols"`
	Sized       bool   `json:"sized"`
}

// handleBuiltins lists the palette: the notebook's pictures, the alphabet,
// and "random".
func (s *Server) handleBuiltins(w http.ResponseWriter, r *http.Request) {
	var out builtinsResponse
	for _, b := range patterns.Builtins() {
		out.Builtins = append(out.Builtins, builtinJSON{b.Name, b.Description, b.Rows, b.Cols, b.Sized})
	}
	out.Builtins = append(out.Builtins, builtinJSON{"random", "random pattern, each neuron +1 with probability bias (default 0.5), from seed", 10, 10, true})
	s.writeJSON(w, out)
}

// handlePattern returns a built-in or random pattern, at the requested grid
// shape if one is given:
//
//	GET /api/pattern?name=seed:BU
//	GET /api/pattern?name=alphabet:B&rows=32&cols=32
//	GET /api/pattern?name=random&rows=10&cols=10&seed=7&bias=0.5
//
// A built-in drawn at another size is redrawn at that size when it scales
// (checkerboard, X, the alphabet) and resampled by area otherwise (the
// notebook's 100x100 pictures, its 5x5 A).
func (s *Server) handlePattern(w http.ResponseWriter, r *http.Request) {
	p, err := s.pattern(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	s.writeJSON(w, toResponse(p))
}

func (s *Server) pattern(r *http.Request) (patterns.Pattern, error) {
	q, err := query(r, "name", "rows", "cols", "seed", "bias")
	if err != nil {
		return patterns.Pattern{}, err
	}
	name := q.Get("name")
	if name == "" {
		return patterns.Pattern{}, badf("missing parameter name (a built-in such as seed:BU or alphabet:A, or random)")
	}
	if name != "random" {
		for _, k := range []string{"seed", "bias"} {
			if q.Has(k) {
				return patterns.Pattern{}, badf("parameter %s is for name=random, not a built-in", k)
			}
		}
	}
	rows, err := intParam(q.Get("rows"), "rows", 0)
	if err != nil {
		return patterns.Pattern{}, err
	}
	cols, err := intParam(q.Get("cols"), "cols", rows)
	if err != nil {
		return patterns.Pattern{}, err
	}
	if rows == 0 && cols != 0 {
		rows = cols
	}
	if rows != 0 {
		if err := s.checkShape(rows, cols); err != nil {
			return patterns.Pattern{}, err
		}
	}
	if name == "random" {
		seed, err := uintParam(q.Get("seed"), "seed", DefaultSeed)
		if err != nil {
			return patterns.Pattern{}, err
		}
		bias := 0.5
		if v := q.Get("bias"); v != "" {
			if bias, err = strconv.ParseFloat(v, 64); err != nil {
				return patterns.Pattern{}, badf("parameter bias=%q: want a number in [0, 1]", v)
			}
		}
		if rows == 0 {
			rows, cols = 10, 10
		}
		p, err := patterns.Random(rand.New(hopfield.NewSource(seed)), rows, cols, bias)
		if err != nil {
			return patterns.Pattern{}, userError(err)
		}
		p.Name = "random " + strconv.FormatUint(seed, 10)
		return p, nil
	}
	p, err := patterns.Builtin(name)
	if err != nil {
		return patterns.Pattern{}, userError(err)
	}
	if rows == 0 || (p.Rows == rows && p.Cols == cols) {
		return p, nil
	}
	if info, ok := builtinInfo(name); ok && info.Sized && rows == cols {
		if q, err := patterns.Builtin(info.Name + ":" + strconv.Itoa(rows)); err == nil {
			return q, nil
		}
	}
	return resample(p, rows, cols)
}

// builtinInfo finds a built-in by name, ignoring a size suffix.
func builtinInfo(name string) (patterns.BuiltinInfo, bool) {
	if i := strings.LastIndexByte(name, ':'); i > 0 && strings.Count(name, ":") == 2 {
		name = name[:i]
	}
	for _, b := range patterns.Builtins() {
		if strings.EqualFold(b.Name, name) {
			return b, true
		}
	}
	return patterns.BuiltinInfo{}, false
}

// resample redraws p on a rows x cols grid through the image codec: each
// new cell is ink when most of the area it covers is ink.
func resample(p patterns.Pattern, rows, cols int) (patterns.Pattern, error) {
	var buf bytes.Buffer
	if err := patterns.WritePNG(&buf, p, 1); err != nil {
		return patterns.Pattern{}, err
	}
	q, err := patterns.ReadImage(&buf, patterns.ImageOptions{Rows: rows, Cols: cols})
	if err != nil {
		return patterns.Pattern{}, err
	}
	q.Name = p.Name
	return q, nil
}

func intParam(v, name string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, badf("parameter %s=%q: want a whole number >= 0", name, v)
	}
	return n, nil
}

func uintParam(v, name string, def uint64) (uint64, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, badf("parameter %s=%q: want a whole number >= 0", name, v)
	}
	return n, nil
}

// handleUpload reads an image (the request body: PNG, JPEG or GIF) as a
// pattern on the rows x cols grid given in the query; dark is ink.
//
//	POST /api/upload?rows=32&cols=32[&invert=true][&threshold=0.5]
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	q, err := query(r, "rows", "cols", "invert", "threshold", "name")
	if err != nil {
		s.fail(w, err)
		return
	}
	rows, err := intParam(q.Get("rows"), "rows", 0)
	if err != nil {
		s.fail(w, err)
		return
	}
	cols, err := intParam(q.Get("cols"), "cols", rows)
	if err != nil {
		s.fail(w, err)
		return
	}
	if err := s.checkShape(rows, cols); err != nil {
		s.fail(w, err)
		return
	}
	opts := patterns.ImageOptions{Rows: rows, Cols: cols}
	if v := q.Get("invert"); v != "" {
		if opts.Invert, err = strconv.ParseBool(v); err != nil {
			s.fail(w, badf("parameter invert=%q: want true or false", v))
			return
		}
	}
	if v := q.Get("threshold"); v != "" {
		if opts.Threshold, err = strconv.ParseFloat(v, 64); err != nil || !(opts.Threshold > 0 && opts.Threshold < 1) {
			s.fail(w, badf("parameter threshold=%q: want a number in (0, 1)", v))
			return
		}
	}
	name := "upload"
	if q.Has("name") {
		if name = q.Get("name"); name == "" || len(name) > maxNameBytes {
			s.fail(w, badf("parameter name: want 1 to %d bytes, got %d", maxNameBytes, len(name)))
			return
		}
	}
	// The whole image is read first, so that a slow or broken upload is
	// told apart from a bad image.
	img, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		s.fail(w, s.readError("image", err))
		return
	}
	p, err := patterns.ReadImage(bytes.NewReader(img), opts)
	if err != nil {
		s.fail(w, badf("uploaded image: %v", err))
		return
	}
	p.Name = name
	s.writeJSON(w, toResponse(p))
}

// cueRequest asks for a cue made from a pattern: noise or erasure, computed
// here with the library's seeded noise functions so that a cue is
// reproducible from its seed.
type cueRequest struct {
	Rows  int    `json:"rows"`
	Cols  int    `json:"cols"`
	Cells string `json:"cells"`
	// Op is "flip" (flip exactly round(fraction*N) neurons), "erase" (make
	// that many unknown), "erase-range" (neurons from..to-1 unknown: the
	// notebook's S[5000:] = 0 is from N/2 to N) or "erase-rect".
	Op       string    `json:"op"`
	Fraction float64   `json:"fraction"`
	Seed     *uint64   `json:"seed"` // nil: DefaultSeed
	From     int       `json:"from"`
	To       int       `json:"to"`
	Rect     *rectJSON `json:"rect"`
}

type rectJSON struct {
	Top    int `json:"top"`
	Left   int `json:"left"`
	Bottom int `json:"bottom"`
	Right  int `json:"right"`
}

type cueResponse struct {
	patternResponse
	Changed int    `json:"changed"` // neurons that differ from the input
	Seed    uint64 `json:"seed"`    // the seed used
}

func (s *Server) handleCue(w http.ResponseWriter, r *http.Request) {
	var req cueRequest
	if err := s.decode(w, r, &req); err != nil {
		s.fail(w, err)
		return
	}
	p, err := s.cue(req)
	if err != nil {
		s.fail(w, err)
		return
	}
	s.writeJSON(w, p)
}

func (s *Server) cue(req cueRequest) (cueResponse, error) {
	if err := s.checkShape(req.Rows, req.Cols); err != nil {
		return cueResponse{}, err
	}
	src, err := parseCells("cells", req.Cells, req.Rows*req.Cols, true)
	if err != nil {
		return cueResponse{}, err
	}
	seed := seedOr(req.Seed)
	rng := rand.New(hopfield.NewSource(seed))
	dst := make([]int8, len(src))
	switch req.Op {
	case "flip":
		_, err = patterns.FlipExact(dst, src, req.Fraction, rng)
	case "erase":
		_, err = patterns.Erase(dst, src, req.Fraction, rng)
	case "erase-range":
		_, err = patterns.EraseRange(dst, src, req.From, req.To)
	case "erase-rect":
		if req.Rect == nil {
			return cueResponse{}, badf("op erase-rect needs rect {top, left, bottom, right}")
		}
		p := patterns.Pattern{Rows: req.Rows, Cols: req.Cols, Data: src}
		var q patterns.Pattern
		q, err = patterns.EraseRect(p, req.Rect.Top, req.Rect.Left, req.Rect.Bottom, req.Rect.Right)
		dst = q.Data
	default:
		return cueResponse{}, badf("unknown op %q (want flip, erase, erase-range or erase-rect)", req.Op)
	}
	if err != nil {
		return cueResponse{}, userError(err)
	}
	return cueResponse{
		patternResponse: patternResponse{Name: "cue", Rows: req.Rows, Cols: req.Cols, Cells: formatCells(dst)},
		Changed:         hopfield.Hamming(src, dst),
		Seed:            seed,
	}, nil
}
