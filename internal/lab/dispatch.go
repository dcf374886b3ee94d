package lab

import (
	"context"
	"sort"
)

// Call answers one request by name, as the browser's engine asks it: body
// is the request's JSON, data the bytes of an uploaded image, and emit
// hears the lines of a run and the progress of an experiment as they come.
// It returns the answer to send back as JSON. It is the one entry point of
// the lab's WebAssembly build (cmd/hopfield's main_js.go), and has no
// browser in it, so it is tested as it is.
func (l Limits) Call(ctx context.Context, method string, body, data []byte, emit func(any) error) (any, error) {
	m, ok := methods[method]
	if !ok {
		names := make([]string, 0, len(methods))
		for k := range methods {
			names = append(names, k)
		}
		sort.Strings(names)
		return nil, Errorf("unknown method %q (methods: %v)", method, names)
	}
	return m(l, ctx, body, data, emit)
}

type method func(l Limits, ctx context.Context, body, data []byte, emit func(any) error) (any, error)

// decodeAs decodes body (empty: {}) into a T and hands it to f.
func decodeAs[T any](f func(l Limits, req T) (any, error)) method {
	return func(l Limits, _ context.Context, body, _ []byte, _ func(any) error) (any, error) {
		var req T
		if len(body) > 0 {
			if err := DecodeJSON(body, &req); err != nil {
				return nil, err
			}
		}
		return f(l, req)
	}
}

// experimentCall names an experiment and its request.
type experimentCall struct {
	Name string `json:"name"`
	ExperimentRequest
}

// linkRequest is a link's fragment.
type linkRequest struct {
	Link string `json:"link"`
}

var methods map[string]method

func init() {
	methods = map[string]method{
		"limits":      decodeAs(func(l Limits, _ struct{}) (any, error) { return l.Describe(), nil }),
		"builtins":    decodeAs(func(Limits, struct{}) (any, error) { return Builtins(), nil }),
		"experiments": decodeAs(func(Limits, struct{}) (any, error) { return Experiments(), nil }),
		"pattern":     decodeAs(func(l Limits, req PatternRequest) (any, error) { return l.Pattern(req) }),
		"cue":         decodeAs(func(l Limits, req CueRequest) (any, error) { return l.Cue(req) }),
		"share":       decodeAs(func(l Limits, req ShareRequest) (any, error) { return l.Share(req) }),
		"capacity":    decodeAs(func(l Limits, req CapacityRequest) (any, error) { return l.Capacity(req) }),
		"softmax":     decodeAs(func(l Limits, req SoftmaxRequest) (any, error) { return l.Softmax(req) }),
		"weights": decodeAs(func(l Limits, req WeightsRequest) (any, error) {
			w, err := l.ParseWeights(req)
			if err != nil {
				return nil, err
			}
			return w.Draw()
		}),
		"link": decodeAs(func(l Limits, req linkRequest) (any, error) {
			link, err := ParseLink(req.Link)
			if err != nil {
				return nil, err
			}
			return l.Resolve(link)
		}),
		"upload": func(l Limits, _ context.Context, body, data []byte, _ func(any) error) (any, error) {
			var req UploadRequest
			if err := DecodeJSON(body, &req); err != nil {
				return nil, err
			}
			return l.Upload(data, req)
		},
		"run": func(l Limits, ctx context.Context, body, _ []byte, emit func(any) error) (any, error) {
			var req RunRequest
			if err := DecodeJSON(body, &req); err != nil {
				return nil, err
			}
			ru, err := l.ParseRun(req)
			if err == nil {
				err = ru.Learn()
			}
			if err != nil {
				return nil, err
			}
			ru.Stream(ctx, emit)
			return struct{}{}, nil
		},
		"experiment": func(l Limits, ctx context.Context, body, _ []byte, emit func(any) error) (any, error) {
			var req experimentCall
			if err := DecodeJSON(body, &req); err != nil {
				return nil, err
			}
			x, err := l.ParseExperiment(req.Name, req.ExperimentRequest)
			if err != nil {
				return nil, err
			}
			return x.Run(ctx, func(done, total int) { emit(progressLine{"progress", done, total}) })
		},
	}
}

// progressLine tells the page how far an experiment has got.
type progressLine struct {
	Type  string `json:"type"` // "progress"
	Done  int    `json:"done"`
	Total int    `json:"total"`
}
