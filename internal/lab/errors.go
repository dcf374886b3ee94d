package lab

import (
	"errors"
	"fmt"
	"strings"
)

// Error is a problem with a request: what the client sent cannot be used.
// Its message is one line in the page's words: a JSON field or parameter
// and what it should hold, never a Go type. The HTTP API answers it with a
// 400, the browser shows it as it is.
type Error struct{ msg string }

func (e *Error) Error() string { return e.msg }

// Errorf returns an *Error with a formatted message.
func Errorf(format string, args ...any) error {
	return &Error{fmt.Sprintf(format, args...)}
}

// userError turns an error from the library about the client's data into
// an *Error, dropping the package prefix the page does not need.
func userError(err error) error {
	if err == nil {
		return nil
	}
	var le *Error
	if errors.As(err, &le) {
		return err
	}
	msg := err.Error()
	for _, p := range []string{"hopfield: ", "patterns: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return &Error{msg}
}
