package patterns

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// pat builds a pattern from rows of '#', '.' and '?'.
func pat(t testing.TB, rows ...string) Pattern {
	t.Helper()
	ps, err := ReadText(strings.NewReader(strings.Join(rows, "\n")))
	if err != nil {
		t.Fatalf("pat: %v", err)
	}
	if len(ps) != 1 {
		t.Fatalf("pat: %d patterns", len(ps))
	}
	return ps[0]
}

// vec builds a 1 x N pattern from values.
func vec(t testing.TB, v ...int8) Pattern {
	t.Helper()
	p, err := FromVector("", v)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }

// readFixture reads a .npy fixture from testdata.
func readFixture(t testing.TB, name string, opts NPYOptions) ([]Pattern, []int) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ps, shape, err := ReadNPY(f, opts)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ps, shape
}

// assertEqual fails unless got and want have the same shape and neurons.
func assertEqual(t testing.TB, got, want Pattern) {
	t.Helper()
	if !got.Equal(want) {
		t.Fatalf("pattern %q (%s):\n%s\nwant %q (%s):\n%s", got.Name, got.Shape(), got, want.Name, want.Shape(), want)
	}
}

func assertEqualAll(t testing.TB, got, want []Pattern) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d patterns, want %d", len(got), len(want))
	}
	for i := range got {
		assertEqual(t, got[i], want[i])
	}
}

// assertErr fails unless err is a one-line error containing every want.
func assertErr(t testing.TB, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", want)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		t.Errorf("error is not one line: %q", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not contain %q", msg, w)
		}
	}
}

// mustPanic fails unless f panics with a message containing want.
func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatalf("no panic, want one containing %q", want)
		}
		if msg, _ := r.(string); !strings.Contains(msg, want) {
			t.Fatalf("panic %v does not contain %q", r, want)
		}
	}()
	f()
}
