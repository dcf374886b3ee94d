package plots

import (
	"errors"
	"fmt"
)

// ErrInvalid is wrapped by every validation error of the package, so callers
// can tell bad input (errors.Is(err, ErrInvalid)) from I/O failures.
var ErrInvalid = errors.New("plots: invalid input")

func errorf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}
