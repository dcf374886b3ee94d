package patterns

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadText(t *testing.T) {
	in := "\xef\xbb\xbf; patterns for the lab\r\n" +
		"; name: T\r\n" +
		"#####\r\n" +
		"..#..\r\n" +
		"  ..#..  \r\n" +
		"\r\n" +
		"\n" +
		"   \t\n" +
		"; a comment between rows is skipped\n" +
		"1 0 1\n" +
		"; still the same pattern\n" +
		"0 ? 0\n" +
		"\n" +
		";name:  the  cue \n" +
		"; another comment\n" +
		"??#\n"
	ps, err := ReadText(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Pattern{
		{Name: "T", Rows: 3, Cols: 5, Data: []int8{1, 1, 1, 1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1}},
		{Name: "", Rows: 2, Cols: 3, Data: []int8{1, -1, 1, -1, 0, -1}},
		{Name: "the  cue", Rows: 1, Cols: 3, Data: []int8{0, 0, 1}},
	}
	assertEqualAll(t, ps, want)
	for i := range ps {
		if ps[i].Name != want[i].Name {
			t.Errorf("pattern %d name %q, want %q", i, ps[i].Name, want[i].Name)
		}
	}
}

func TestReadTextErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", "", "no patterns"},
		{"only comments", "; x\n\n; y\n", "no patterns"},
		{"ragged", "###\n###\n##\n", "line 3: row has 2 cells, but the pattern that starts on line 1 has 3"},
		{"ragged later", "#\n\n; c\n..\n...\n", "line 5: row has 3 cells, but the pattern that starts on line 4 has 2"},
		{"char", "#.#\n#x#\n", "line 2, column 2: unexpected 'x' (want # or 1 for ink, . or 0 for background, ? for unknown)"},
		{"char indented", "  #-\n", "line 1, column 4: unexpected '-'"},
		{"unicode", "#█\n", "line 1, column 2: unexpected '█'"},
		{"unicode column", "??.?█\n", "line 1, column 5: unexpected '█'"},
		{"name inside", "##\n; name: x\n##\n", "line 2: name comment inside the pattern that starts on line 1"},
		{"dangling name", "##\n\n; name: lost\n", `line 3: name "lost" is not followed by a pattern`},
		{"too long", strings.Repeat("#", maxTextLine+1), "line 1: longer than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadText(strings.NewReader(tc.in))
			assertErr(t, err, tc.want)
		})
	}
}

func TestTextRoundTrip(t *testing.T) {
	cue := LetterA()
	cue.Name = "cue"
	cue.Data[3] = 0
	weird := vec(t, 1, 0, -1)
	weird.Name = "two\nlines  and\tspaces"
	for _, tc := range []struct {
		name  string
		ps    []Pattern
		names []string
	}{
		{"one", []Pattern{LetterA()}, []string{"seed:A"}},
		{"unnamed vector", []Pattern{vec(t, 1, -1, 0, 1)}, []string{""}},
		{"several", []Pattern{cue, Checkerboard(7), X(3), vec(t, 1, 1)}, []string{"cue", "seed:checkerboard:7", "seed:X:3", ""}},
		{"big", []Pattern{BU(), Star()}, []string{"seed:BU", "seed:star"}},
		{"weird name", []Pattern{weird}, []string{"two lines and spaces"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteText(&buf, tc.ps); err != nil {
				t.Fatal(err)
			}
			got, err := ReadText(&buf)
			if err != nil {
				t.Fatal(err)
			}
			assertEqualAll(t, got, tc.ps)
			for i, p := range got {
				if p.Name != tc.names[i] {
					t.Errorf("name %q, want %q", p.Name, tc.names[i])
				}
			}
		})
	}
}

func TestWriteTextFormat(t *testing.T) {
	a := LetterA()
	a.Data[0] = 0
	var buf bytes.Buffer
	if err := WriteText(&buf, []Pattern{a, vec(t, 1, -1)}); err != nil {
		t.Fatal(err)
	}
	want := "; name: seed:A\n?.#..\n.#.#.\n#####\n#...#\n#...#\n\n#.\n"
	if buf.String() != want {
		t.Errorf("WriteText wrote\n%q\nwant\n%q", buf.String(), want)
	}
	assertErr(t, WriteText(&buf, nil), "no patterns")
	assertErr(t, WriteText(&buf, []Pattern{{Rows: 1, Cols: 1, Data: []int8{9}}}), "value 9")
}
