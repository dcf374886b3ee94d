package cli

import (
	"errors"
	"flag"
	"os"
	"strconv"
	"strings"
)

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

// fraction is a float flag that must lie in [0, 1].
type fraction struct {
	v   float64
	set bool
}

func (f *fraction) String() string { return strconv.FormatFloat(f.v, 'g', -1, 64) }
func (f *fraction) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v > 1 || v != v {
		return errors.New("want a fraction between 0 and 1")
	}
	f.v, f.set = v, true
	return nil
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}

func openFile(path string) (*os.File, error) { return os.Open(path) }
