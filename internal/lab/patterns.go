package lab

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// PatternResponse is a pattern as the page receives it.
type PatternResponse struct {
	Name  string `json:"name"`
	Rows  int    `json:"rows"`
	Cols  int    `json:"cols"`
	Cells string `json:"cells"`
}

func toResponse(p patterns.Pattern) PatternResponse {
	return PatternResponse{Name: p.Name, Rows: p.Rows, Cols: p.Cols, Cells: patterns.FormatCells(p.Data)}
}

// BuiltinsResponse is the palette of built-in patterns.
type BuiltinsResponse struct {
	Builtins []BuiltinJSON `json:"builtins"`
}

// BuiltinJSON describes one built-in pattern.
type BuiltinJSON struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Rows        int    `json:"rows"`
	Cols        int    `json:"cols"`
	Sized       bool   `json:"sized"`
}

// Builtins lists the palette: the notebook's pictures, the alphabet, and
// "random".
func Builtins() BuiltinsResponse {
	var out BuiltinsResponse
	for _, b := range patterns.Builtins() {
		out.Builtins = append(out.Builtins, BuiltinJSON{b.Name, b.Description, b.Rows, b.Cols, b.Sized})
	}
	out.Builtins = append(out.Builtins, BuiltinJSON{"random", "random pattern, each neuron +1 with probability bias (default 0.5), from seed", 10, 10, true})
	return out
}

// PatternRequest asks for a built-in or random pattern, at a grid shape if
// one is given (rows 0: the pattern's own; cols 0: rows).
type PatternRequest struct {
	Name string   `json:"name"`
	Rows int      `json:"rows,omitempty"`
	Cols int      `json:"cols,omitempty"`
	Seed *uint64  `json:"seed,omitempty"` // random only; nil: DefaultSeed
	Bias *float64 `json:"bias,omitempty"` // random only; nil: 0.5
}

// Pattern returns a built-in or random pattern. A built-in drawn at another
// size is redrawn at that size when it scales (checkerboard, X, the
// alphabet) and resampled otherwise (the notebook's 100x100 pictures, its
// 5x5 A; see patterns.Resample).
func (l Limits) Pattern(req PatternRequest) (PatternResponse, error) {
	p, err := l.pattern(req)
	if err != nil {
		return PatternResponse{}, err
	}
	return toResponse(p), nil
}

func (l Limits) pattern(req PatternRequest) (patterns.Pattern, error) {
	name, rows, cols := req.Name, req.Rows, req.Cols
	if name == "" {
		return patterns.Pattern{}, Errorf("missing parameter name (a built-in such as seed:BU or alphabet:A, or random)")
	}
	if name != "random" {
		for k, given := range map[string]bool{"bias": req.Bias != nil, "seed": req.Seed != nil} {
			if given {
				return patterns.Pattern{}, Errorf("parameter %s is for name=random, not a built-in", k)
			}
		}
	}
	if cols == 0 {
		cols = rows
	}
	if rows == 0 && cols != 0 {
		rows = cols
	}
	if rows != 0 {
		if err := l.CheckShape(rows, cols); err != nil {
			return patterns.Pattern{}, err
		}
	}
	if name == "random" {
		bias := 0.5
		if req.Bias != nil {
			bias = *req.Bias
		}
		if rows == 0 {
			rows, cols = 10, 10
		}
		seed := seedOr(req.Seed)
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
	return atGrid(p, name, rows, cols), nil
}

// atGrid returns the built-in p (called name) on a rows x cols grid.
func atGrid(p patterns.Pattern, name string, rows, cols int) patterns.Pattern {
	if rows == 0 || (p.Rows == rows && p.Cols == cols) {
		return p
	}
	if info, ok := builtinInfo(name); ok && info.Sized && rows == cols {
		if q, err := patterns.Builtin(info.Name + ":" + strconv.Itoa(rows)); err == nil {
			return q
		}
	}
	return patterns.Resample(p, rows, cols)
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

// UploadRequest says how an uploaded image becomes a pattern.
type UploadRequest struct {
	Rows      int     `json:"rows"`
	Cols      int     `json:"cols"`
	Invert    bool    `json:"invert,omitempty"`
	Threshold float64 `json:"threshold,omitempty"` // in (0, 1); 0: mid-gray
	Name      string  `json:"name,omitempty"`      // "": upload
}

// Upload reads an image (PNG, JPEG or GIF) as a pattern on the request's
// grid; dark is ink.
func (l Limits) Upload(img []byte, req UploadRequest) (PatternResponse, error) {
	if err := l.CheckShape(req.Rows, req.Cols); err != nil {
		return PatternResponse{}, err
	}
	if req.Threshold != 0 && !(req.Threshold > 0 && req.Threshold < 1) {
		return PatternResponse{}, Errorf("parameter threshold=%q: want a number in (0, 1)", strconv.FormatFloat(req.Threshold, 'g', -1, 64))
	}
	if req.Name == "" {
		req.Name = "upload"
	}
	if len(req.Name) > maxNameBytes {
		return PatternResponse{}, Errorf("parameter name: want 1 to %d bytes, got %d", maxNameBytes, len(req.Name))
	}
	p, err := patterns.ReadImage(bytes.NewReader(img), patterns.ImageOptions{Rows: req.Rows, Cols: req.Cols, Invert: req.Invert, Threshold: req.Threshold})
	if err != nil {
		return PatternResponse{}, Errorf("uploaded image: %v", err)
	}
	p.Name = req.Name
	return toResponse(p), nil
}

// CueRequest asks for a cue made from a pattern: noise or erasure, computed
// with the library's seeded operations (patterns.CueOp), so that a cue is
// reproducible from its seed.
type CueRequest struct {
	Rows  int    `json:"rows"`
	Cols  int    `json:"cols"`
	Cells string `json:"cells"`
	// Op is "flip" (flip exactly round(fraction*N) neurons), "erase" (make
	// that many unknown), "erase-half" (half, one of top, bottom, left or
	// right), "erase-range" (neurons from..to-1 unknown: the notebook's
	// S[5000:] = 0 is from N/2 to N) or "erase-rect".
	Op       string    `json:"op"`
	Fraction float64   `json:"fraction"`
	Seed     *uint64   `json:"seed"` // nil: DefaultSeed
	Half     string    `json:"half,omitempty"`
	From     int       `json:"from"`
	To       int       `json:"to"`
	Rect     *RectJSON `json:"rect"`
}

// RectJSON is a rectangle of cells: rows top..bottom-1, columns
// left..right-1.
type RectJSON struct {
	Top    int `json:"top"`
	Left   int `json:"left"`
	Bottom int `json:"bottom"`
	Right  int `json:"right"`
}

// CueResponse is the cue, with what changed and the seed used.
type CueResponse struct {
	PatternResponse
	Changed int    `json:"changed"` // neurons that differ from the input
	Seed    uint64 `json:"seed"`    // the seed used
}

// Cue applies one cue operation to a grid.
func (l Limits) Cue(req CueRequest) (CueResponse, error) {
	if err := l.CheckShape(req.Rows, req.Cols); err != nil {
		return CueResponse{}, err
	}
	src, err := parseCells("cells", req.Cells, req.Rows*req.Cols, true)
	if err != nil {
		return CueResponse{}, err
	}
	op, err := req.op()
	if err != nil {
		return CueResponse{}, err
	}
	seed := seedOr(req.Seed)
	p := patterns.Pattern{Name: "cue", Rows: req.Rows, Cols: req.Cols, Data: src}
	q, err := op.Apply(p, hopfield.NewSource(seed))
	if err != nil {
		return CueResponse{}, userError(err)
	}
	return CueResponse{PatternResponse: toResponse(q), Changed: hopfield.Hamming(src, q.Data), Seed: seed}, nil
}

// op is the request's operation.
func (req CueRequest) op() (patterns.CueOp, error) {
	switch req.Op {
	case "flip":
		return patterns.CueOp{Kind: patterns.CueFlip, Fraction: req.Fraction}, nil
	case "erase":
		return patterns.CueOp{Kind: patterns.CueErase, Fraction: req.Fraction}, nil
	case "erase-half":
		return patterns.ParseCueOp("erase", req.Half)
	case "erase-range":
		return patterns.CueOp{Kind: patterns.CueEraseRange, From: req.From, To: req.To}, nil
	case "erase-rect":
		if req.Rect == nil {
			return patterns.CueOp{}, Errorf("op erase-rect needs rect {top, left, bottom, right}")
		}
		r := req.Rect
		return patterns.CueOp{Kind: patterns.CueEraseRect, Rect: patterns.Rect{Top: r.Top, Left: r.Left, Bottom: r.Bottom, Right: r.Right}}, nil
	}
	return patterns.CueOp{}, Errorf("unknown op %q (want flip, erase, erase-half, erase-range or erase-rect)", req.Op)
}
