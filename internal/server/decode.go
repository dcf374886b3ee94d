package server

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/hopfield-lab/hopfield/internal/lab"
)

// Requests arrive as a JSON body (read by lab.DecodeJSON) or as query
// parameters. Both are checked strictly, and what is wrong is said in the
// page's words, never Go's.

// decode reads one JSON object of at most MaxBodyBytes into v (a pointer
// to a struct), rejecting unknown fields (a misspelt field would otherwise
// be silently ignored) and query parameters (the body carries the whole
// request). The body must arrive within Options.ReadTimeout (see
// HTTPServer).
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) error {
	if _, err := query(r); err != nil {
		return err
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		return s.readError("request body", err)
	}
	return lab.DecodeJSON(b, v)
}

// readError describes an error reading a body: too large, too slow, or the
// connection's own error.
func (s *Server) readError(what string, err error) error {
	var tooBig *http.MaxBytesError
	var netErr net.Error
	switch {
	case errors.As(err, &tooBig):
		return lab.Errorf("%s larger than the limit of %d bytes", what, tooBig.Limit)
	case errors.As(err, &netErr) && netErr.Timeout():
		return lab.Errorf("%s not received within the server's limit of %v", what, s.opts.ReadTimeout)
	}
	return lab.Errorf("%s: %v", what, err)
}

// query parses the query string and checks that it holds only the allowed
// parameters, each at most once.
func query(r *http.Request, allowed ...string) (url.Values, error) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, lab.Errorf("query string %q: %v", r.URL.RawQuery, unwrapURL(err))
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the first bad parameter reported is always the same
	for _, k := range keys {
		switch {
		case len(allowed) == 0:
			return nil, lab.Errorf("unknown query parameter %q: %s %s takes no query parameters", k, r.Method, r.URL.Path)
		case !slices.Contains(allowed, k):
			return nil, lab.Errorf("unknown query parameter %q (parameters: %s)", k, strings.Join(allowed, ", "))
		case len(q[k]) > 1:
			return nil, lab.Errorf("query parameter %s given %d times", k, len(q[k]))
		}
	}
	return q, nil
}

func unwrapURL(err error) error {
	var e *url.EscapeError
	if errors.As(err, &e) {
		return fmt.Errorf("bad escape %q", string(*e))
	}
	return err
}
