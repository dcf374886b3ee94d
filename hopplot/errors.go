package hopplot

import (
	"fmt"

	"github.com/hopfield-lab/hopfield/figure"
)

// ErrInvalid is wrapped by every validation error of the package (it is
// figure.ErrInvalid), so callers can tell bad input
// (errors.Is(err, ErrInvalid)) from I/O failures.
var ErrInvalid = figure.ErrInvalid

func errorf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}
