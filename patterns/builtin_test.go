package patterns

import (
	"strings"
	"testing"
)

func TestBuiltinsList(t *testing.T) {
	infos := Builtins()
	if len(infos) != 6+26 {
		t.Fatalf("%d built-ins, want 32", len(infos))
	}
	names := map[string]bool{}
	for _, info := range infos {
		t.Run(info.Name, func(t *testing.T) {
			if names[info.Name] {
				t.Fatal("listed twice")
			}
			names[info.Name] = true
			if info.Description == "" {
				t.Error("no description")
			}
			p, err := Builtin(info.Name)
			if err != nil {
				t.Fatal(err)
			}
			if p.Rows != info.Rows || p.Cols != info.Cols {
				t.Errorf("shape %s, listed %dx%d", p.Shape(), info.Rows, info.Cols)
			}
			if p.Name != info.Name {
				t.Errorf("pattern name %q", p.Name)
			}
			if !IsBuiltin(info.Name) {
				t.Error("IsBuiltin false")
			}
			_, err = Builtin(info.Name + ":7")
			if info.Sized != (err == nil) {
				t.Errorf("Sized = %v, but %s:7 gives %v", info.Sized, info.Name, err)
			}
		})
	}
	for _, want := range []string{"seed:checkerboard", "seed:X", "seed:A", "seed:BU", "seed:BC", "seed:star", "alphabet:A", "alphabet:Z"} {
		if !names[want] {
			t.Errorf("%s not listed", want)
		}
	}
}

func TestBuiltin(t *testing.T) {
	letterT32, _ := Letter('T', 32)
	for _, tc := range []struct {
		name string
		want Pattern
	}{
		{"seed:checkerboard", Checkerboard(5)},
		{"seed:checkerboard:8", Checkerboard(8)},
		{"seed:X", X(5)},
		{"seed:X:12", X(12)},
		{"seed:x:3", X(3)},
		{"seed:A", LetterA()},
		{"seed:BU", BU()},
		{"seed:bu", BU()},
		{"seed:BC", BC()},
		{"seed:star", Star()},
		{"seed:Star", Star()},
		{"alphabet:T:32", letterT32},
		{"alphabet:t:32", letterT32},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Builtin(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			assertEqual(t, p, tc.want)
			if p.Name != tc.want.Name {
				t.Errorf("name %q, want %q", p.Name, tc.want.Name)
			}
		})
	}
}

func TestBuiltinErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"seed:nope", []string{`unknown built-in pattern "seed:nope"`, "seed:checkerboard[:N]", "alphabet:A..alphabet:Z[:N]"}},
		{"seed:", []string{`unknown built-in pattern "seed:"`}},
		{"alphabet:", []string{`unknown built-in pattern "alphabet:"`}},
		{"alphabet:AB", []string{`unknown built-in pattern "alphabet:AB"`}},
		{"alphabet:1", []string{`built-in pattern "alphabet:1"`, "not in the alphabet"}},
		{"alphabet:A:4", []string{"letter size 4 outside [5, 1024]"}},
		{"alphabet:A:x", []string{`size "x" is not a positive integer`}},
		{"plain", []string{`unknown built-in pattern "plain"`}},
		{"seed:A:5", []string{"seed:A has a fixed 5x5 shape and takes no size"}},
		{"seed:BU:100", []string{"takes no size"}},
		{"seed:checkerboard:0", []string{`size "0" is not a positive integer`}},
		{"seed:checkerboard:-3", []string{"not a positive integer"}},
		{"seed:X:99999", []string{"size 99999 above the maximum 1024"}},
		{"seed:X:5:5", []string{`size "5:5"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Builtin(tc.name)
			assertErr(t, err, tc.want...)
		})
	}
	if IsBuiltin("cue.npy") || IsBuiltin("Seed:A") {
		t.Error("IsBuiltin true for a file name")
	}
	if !strings.HasPrefix(builtinForms, "seed:") {
		t.Error(builtinForms)
	}
}
