package patterns

import (
	"slices"
	"testing"
)

func TestNew(t *testing.T) {
	p := New("n", 2, 3)
	if p.Rows != 2 || p.Cols != 3 || p.N() != 6 || p.Ink() != 0 || p.Name != "n" {
		t.Fatalf("New = %+v", p)
	}
	for _, v := range p.Data {
		if v != -1 {
			t.Fatalf("New data %v, want all -1", p.Data)
		}
	}
	mustPanic(t, "shape 0x3", func() { New("", 0, 3) })
}

func TestFromVectorMatrix(t *testing.T) {
	v := []int8{1, -1, 0}
	p, err := FromVector("v", v)
	if err != nil || p.Rows != 1 || p.Cols != 3 {
		t.Fatalf("FromVector = %+v, %v", p, err)
	}
	v[0] = -1
	if p.Data[0] != 1 {
		t.Error("FromVector does not copy")
	}
	m, err := FromMatrix("m", [][]int8{{1, -1}, {0, 1}, {-1, -1}})
	if err != nil || m.Shape() != "3x2" || !slices.Equal(m.Data, []int8{1, -1, 0, 1, -1, -1}) {
		t.Fatalf("FromMatrix = %+v, %v", m, err)
	}
	if !slices.Equal(m.Matrix()[1], []int8{0, 1}) {
		t.Errorf("Matrix()[1] = %v", m.Matrix()[1])
	}
	for _, tc := range []struct {
		name string
		m    [][]int8
		want string
	}{
		{"empty", nil, "empty"},
		{"ragged", [][]int8{{1, 1}, {1}}, "row 1 has 1 values, row 0 has 2"},
		{"value", [][]int8{{1, 2}}, "value 2 at row 0, column 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FromMatrix("", tc.m)
			assertErr(t, err, tc.want)
		})
	}
	_, err = FromVector("", nil)
	assertErr(t, err, "want at least 1x1")
}

func TestBinaryConversions(t *testing.T) {
	p, err := FromZeroOne("b", 2, 2, []int8{0, 1, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.Data, []int8{-1, 1, 1, -1}) {
		t.Fatalf("FromBinary = %v", p.Data)
	}
	bits, err := p.ZeroOne()
	if err != nil || !slices.Equal(bits, []int8{0, 1, 1, 0}) {
		t.Fatalf("Binary = %v, %v", bits, err)
	}
	_, err = FromZeroOne("", 2, 2, []int8{0, 1, 2, 0})
	assertErr(t, err, "binary value 2")
	_, err = FromZeroOne("", 2, 3, []int8{0, 1, 1, 0})
	assertErr(t, err, "4 values do not fill a 2x3 pattern")
	_, err = vec(t, 1, 0, -1).ZeroOne()
	assertErr(t, err, "value 0 at index 1")
}

func TestCloneAtSet(t *testing.T) {
	p := LetterA()
	q := p.Clone()
	q.Set(0, 0, 1)
	if p.At(0, 0) != -1 || q.At(0, 0) != 1 {
		t.Fatal("Clone shares data")
	}
	if q.Name != p.Name {
		t.Error("Clone lost the name")
	}
	mustPanic(t, "index (5, 0) outside 5x5", func() { p.At(5, 0) })
	mustPanic(t, "index (0, -1) outside 5x5", func() { p.Set(0, -1, 1) })
}

func TestVectorReshape(t *testing.T) {
	a := LetterA()
	v := a.Vector()
	if v.Rows != 1 || v.Cols != 25 || !slices.Equal(v.Data, a.Data) {
		t.Fatalf("Vector = %s %v", v.Shape(), v.Data)
	}
	v.Data[0] = 1
	if a.Data[0] != -1 {
		t.Fatal("Vector shares data")
	}
	back, err := a.Vector().Reshape(5, 5)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, back, a)
	_, err = a.Reshape(4, 6)
	assertErr(t, err, "cannot reshape 25 neurons to 4x6")
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Pattern
		want string // "" for valid
	}{
		{"ok", LetterA(), ""},
		{"unknowns", Pattern{Rows: 1, Cols: 3, Data: []int8{1, 0, -1}}, ""},
		{"empty", Pattern{}, "want at least 1x1"},
		{"short", Pattern{Rows: 2, Cols: 2, Data: []int8{1, 1, 1}}, "does not match its 3 neurons"},
		{"value", Pattern{Name: "v", Rows: 2, Cols: 2, Data: []int8{1, 1, 1, 3}}, `pattern "v": value 3 at row 1, column 1`},
		{"negative", Pattern{Rows: -1, Cols: -1, Data: []int8{1}}, "want at least 1x1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			assertErr(t, err, tc.want)
		})
	}
}

func TestStringInkEqual(t *testing.T) {
	p := Pattern{Rows: 2, Cols: 3, Data: []int8{1, -1, 0, -1, 1, 1}}
	if got, want := p.String(), "#.?\n.##"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if p.Ink() != 3 || p.Unknowns() != 1 {
		t.Errorf("Ink, Unknowns = %d, %d", p.Ink(), p.Unknowns())
	}
	q := p.Clone()
	q.Name = "other"
	if !p.Equal(q) {
		t.Error("Equal compares names")
	}
	q.Rows, q.Cols = 3, 2
	if p.Equal(q) {
		t.Error("Equal ignores the shape")
	}
}
