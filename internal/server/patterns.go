package server

import (
	"io"
	"net/http"
	"strconv"

	"github.com/hopfield-lab/hopfield/internal/lab"
)

// handleBuiltins lists the palette: the notebook's pictures, the alphabet,
// and "random".
func (s *Server) handleBuiltins(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, lab.Builtins())
}

// handlePattern returns a built-in or random pattern, at the requested grid
// shape if one is given (see lab.Limits.Pattern):
//
//	GET /api/pattern?name=seed:BU
//	GET /api/pattern?name=alphabet:B&rows=32&cols=32
//	GET /api/pattern?name=random&rows=10&cols=10&seed=7&bias=0.5
func (s *Server) handlePattern(w http.ResponseWriter, r *http.Request) {
	req, err := patternRequest(r)
	if err == nil {
		var p lab.PatternResponse
		if p, err = s.lim.Pattern(req); err == nil {
			s.writeJSON(w, p)
			return
		}
	}
	s.fail(w, err)
}

func patternRequest(r *http.Request) (lab.PatternRequest, error) {
	q, err := query(r, "name", "rows", "cols", "seed", "bias")
	if err != nil {
		return lab.PatternRequest{}, err
	}
	req := lab.PatternRequest{Name: q.Get("name")}
	if req.Rows, err = intParam(q.Get("rows"), "rows", 0); err != nil {
		return req, err
	}
	if req.Cols, err = intParam(q.Get("cols"), "cols", req.Rows); err != nil {
		return req, err
	}
	if q.Has("seed") {
		seed, err := uintParam(q.Get("seed"), "seed", lab.DefaultSeed)
		if err != nil {
			return req, err
		}
		req.Seed = &seed
	}
	if v := q.Get("bias"); q.Has("bias") {
		bias, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return req, lab.Errorf("parameter bias=%q: want a number in [0, 1]", v)
		}
		req.Bias = &bias
	}
	return req, nil
}

func intParam(v, name string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, lab.Errorf("parameter %s=%q: want a whole number >= 0", name, v)
	}
	return n, nil
}

func uintParam(v, name string, def uint64) (uint64, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, lab.Errorf("parameter %s=%q: want a whole number >= 0", name, v)
	}
	return n, nil
}

// handleUpload reads an image (the request body: PNG, JPEG or GIF) as a
// pattern on the rows x cols grid given in the query; dark is ink.
//
//	POST /api/upload?rows=32&cols=32[&invert=true][&threshold=0.5]
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	req, err := uploadRequest(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	if err := s.lim.CheckShape(req.Rows, req.Cols); err != nil {
		s.fail(w, err)
		return
	}
	// The whole image is read first, so that a slow or broken upload is
	// told apart from a bad image.
	img, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		s.fail(w, s.readError("image", err))
		return
	}
	p, err := s.lim.Upload(img, req)
	if err != nil {
		s.fail(w, err)
		return
	}
	s.writeJSON(w, p)
}

func uploadRequest(r *http.Request) (lab.UploadRequest, error) {
	q, err := query(r, "rows", "cols", "invert", "threshold", "name")
	if err != nil {
		return lab.UploadRequest{}, err
	}
	var req lab.UploadRequest
	if req.Rows, err = intParam(q.Get("rows"), "rows", 0); err != nil {
		return req, err
	}
	if req.Cols, err = intParam(q.Get("cols"), "cols", req.Rows); err != nil {
		return req, err
	}
	if v := q.Get("invert"); v != "" {
		if req.Invert, err = strconv.ParseBool(v); err != nil {
			return req, lab.Errorf("parameter invert=%q: want true or false", v)
		}
	}
	if v := q.Get("threshold"); v != "" {
		// lab.Upload checks the range.
		if req.Threshold, err = strconv.ParseFloat(v, 64); err != nil {
			return req, lab.Errorf("parameter threshold=%q: want a number in (0, 1)", v)
		}
	}
	if q.Has("name") {
		if req.Name = q.Get("name"); req.Name == "" {
			return req, lab.Errorf("parameter name: want 1 to 100 bytes, got 0")
		}
	}
	return req, nil
}

// handleCue makes a cue from a pattern (lab.CueRequest): noise or erasure,
// seeded.
func (s *Server) handleCue(w http.ResponseWriter, r *http.Request) {
	var req lab.CueRequest
	err := s.decode(w, r, &req)
	if err == nil {
		var c lab.CueResponse
		if c, err = s.lim.Cue(req); err == nil {
			s.writeJSON(w, c)
			return
		}
	}
	s.fail(w, err)
}
