package figure

import (
	"errors"
	"fmt"
	"math"
)

// ErrInvalid is wrapped by every validation error of the package and of
// hopplot, so that callers can tell bad input (errors.Is(err, ErrInvalid))
// from I/O failures.
var ErrInvalid = errors.New("invalid figure input")

func errorf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// checkFinite reports the first non-finite value of xs.
func checkFinite(what string, xs []float64) error {
	for i, v := range xs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errorf("%s[%d] is %v", what, i, v)
		}
	}
	return nil
}
