package experiments

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Kind is the type of a parameter's value.
type Kind int

const (
	// Int values are Go ints within [Min, Max].
	Int Kind = iota
	// Float values are finite float64s within [Min, Max].
	Float
	// Bool values are true or false (also written 1/0, yes/no, on/off).
	Bool
	// Choice values are one of Choices (a string).
	Choice
)

func (k Kind) String() string {
	switch k {
	case Int:
		return "int"
	case Float:
		return "float"
	case Bool:
		return "bool"
	case Choice:
		return "choice"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// MarshalText writes the kind's name, so JSON shows "int" rather than 0.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// ParamError reports a parameter value an experiment cannot use: a bad
// --set, or values that do not fit together (N_overlap > N). Callers tell
// it from a failure of the run with errors.As; the CLI exits 2 for it.
type ParamError struct {
	Param string // the parameter's name, or the key that was given
	Err   error
}

func (e *ParamError) Error() string { return e.Err.Error() }
func (e *ParamError) Unwrap() error { return e.Err }

// paramErrorf returns a *ParamError for param with a formatted message.
func paramErrorf(param, format string, args ...any) error {
	return &ParamError{Param: param, Err: fmt.Errorf(format, args...)}
}

// Param describes one parameter of an experiment: enough for --set, a help
// line and a web form control.
type Param struct {
	// Name is the key of --set key=value: the notebook's variable name
	// where it has one (N, K, N_overlap), else a lower-case word.
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
	// Default is the notebook's value: an int, float64, bool or string
	// according to Kind.
	Default any `json:"default"`
	// Min and Max bound Int and Float values (inclusive).
	Min float64 `json:"min,omitempty"`
	Max float64 `json:"max,omitempty"`
	// Choices lists the values of a Choice parameter.
	Choices []string `json:"choices,omitempty"`
	// Help says what the parameter is, in a few words.
	Help string `json:"help"`
}

// Parse converts the text form of a value and checks it. The error names
// the parameter and says what was expected.
func (p *Param) Parse(s string) (any, error) {
	switch p.Kind {
	case Int:
		v, err := strconv.Atoi(s)
		if err != nil {
			return nil, paramErrorf(p.Name, "parameter %s: %q is not an integer (want %s)", p.Name, s, p.Range())
		}
		if float64(v) < p.Min || float64(v) > p.Max {
			return nil, paramErrorf(p.Name, "parameter %s: %d is out of range (want %s)", p.Name, v, p.Range())
		}
		return v, nil
	case Float:
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, paramErrorf(p.Name, "parameter %s: %q is not a number (want %s)", p.Name, s, p.Range())
		}
		if v < p.Min || v > p.Max {
			return nil, paramErrorf(p.Name, "parameter %s: %v is out of range (want %s)", p.Name, v, p.Range())
		}
		return v, nil
	case Bool:
		switch strings.ToLower(s) {
		case "true", "1", "yes", "on":
			return true, nil
		case "false", "0", "no", "off":
			return false, nil
		}
		return nil, paramErrorf(p.Name, "parameter %s: %q is not true or false", p.Name, s)
	case Choice:
		for _, c := range p.Choices {
			if strings.EqualFold(c, s) {
				return c, nil
			}
		}
		return nil, paramErrorf(p.Name, "parameter %s: %q is not one of %s", p.Name, s, strings.Join(p.Choices, ", "))
	}
	return nil, paramErrorf(p.Name, "parameter %s: unknown kind %v", p.Name, p.Kind)
}

// Range describes the accepted values: "an integer in [1, 1000]",
// "keep, plus or minus".
func (p *Param) Range() string {
	switch p.Kind {
	case Int:
		return fmt.Sprintf("an integer in [%v, %v]", p.Min, p.Max)
	case Float:
		return fmt.Sprintf("a number in [%v, %v]", p.Min, p.Max)
	case Bool:
		return "true or false"
	}
	return "one of " + strings.Join(p.Choices, ", ")
}

// Format returns the text form of a value of p, which Parse reads back.
func (p *Param) Format(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	default:
		return fmt.Sprint(x)
	}
}

// validate checks a Param as declared by an experiment.
func (p *Param) validate() error {
	if p.Name == "" || strings.ContainsAny(p.Name, "= \t") {
		return fmt.Errorf("bad parameter name %q", p.Name)
	}
	var ok bool
	switch p.Kind {
	case Int:
		var d int
		d, ok = p.Default.(int)
		ok = ok && p.Min <= p.Max && float64(d) >= p.Min && float64(d) <= p.Max
	case Float:
		var d float64
		d, ok = p.Default.(float64)
		ok = ok && p.Min <= p.Max && d >= p.Min && d <= p.Max
	case Bool:
		_, ok = p.Default.(bool)
	case Choice:
		var d string
		d, ok = p.Default.(string)
		ok = ok && slices.Contains(p.Choices, d)
	}
	if !ok {
		return fmt.Errorf("parameter %s: default %v (%T) does not fit kind %v and its range", p.Name, p.Default, p.Default, p.Kind)
	}
	return nil
}

// Values holds a validated value for every parameter of one experiment.
// Make them with Experiment.Defaults, Parse or With. The accessors panic on
// a name the experiment does not declare or a wrong type, which is a
// programming error in the experiment.
type Values struct {
	exp  string
	vals map[string]any
}

func (v Values) get(name string) any {
	x, ok := v.vals[name]
	if !ok {
		panic(fmt.Sprintf("experiments: %s has no parameter %q", v.exp, name))
	}
	return x
}

// Int returns the value of an Int parameter.
func (v Values) Int(name string) int { return v.get(name).(int) }

// Float returns the value of a Float parameter.
func (v Values) Float(name string) float64 { return v.get(name).(float64) }

// Bool returns the value of a Bool parameter.
func (v Values) Bool(name string) bool { return v.get(name).(bool) }

// String returns the value of a Choice parameter.
func (v Values) String(name string) string { return v.get(name).(string) }

// Map returns a copy of the values by parameter name (for JSON).
func (v Values) Map() map[string]any { return maps.Clone(v.vals) }
