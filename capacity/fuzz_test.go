package capacity

import (
	"bytes"
	"testing"

	"github.com/hopfield-lab/hopfield"
)

func fuzzSeeds(f *testing.F) (csvs, jsons [][]byte) {
	tab, err := Run(ctxBg, Spec{Rules: []hopfield.Rule{hebb, pinv}, Ns: []int{40}, Alphas: []float64{0.1, 0.2},
		Measures: []Measure{Fixed, Overlap}, Trials: 2, Probes: 2, Seed: 1, Shard: Shard{0, 2}})
	if err != nil {
		f.Fatal(err)
	}
	var c, j bytes.Buffer
	if err := tab.WriteCSV(&c); err != nil {
		f.Fatal(err)
	}
	if err := tab.WriteJSON(&j); err != nil {
		f.Fatal(err)
	}
	return [][]byte{c.Bytes(), []byte("# hopfield capacity: x\n# cells: 1\n")}, [][]byte{j.Bytes(), []byte(`{"spec":"x","cells":1,"rows":[]}`)}
}

// A table that reads without error writes back to bytes that read to the
// same table: the decoders accept nothing the encoders cannot represent.
func FuzzReadCSV(f *testing.F) {
	csvs, _ := fuzzSeeds(f)
	for _, s := range csvs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadCSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		var once bytes.Buffer
		if err := tab.WriteCSV(&once); err != nil {
			t.Fatal(err)
		}
		back, err := ReadCSV(bytes.NewReader(once.Bytes()))
		if err != nil {
			t.Fatalf("re-reading what was written: %v\n%s", err, once.Bytes())
		}
		var twice bytes.Buffer
		back.WriteCSV(&twice)
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("not stable:\n%s\n%s", once.Bytes(), twice.Bytes())
		}
	})
}

func FuzzReadJSON(f *testing.F) {
	_, jsons := fuzzSeeds(f)
	for _, s := range jsons {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		var once bytes.Buffer
		if err := tab.WriteJSON(&once); err != nil {
			t.Fatal(err)
		}
		back, err := ReadJSON(bytes.NewReader(once.Bytes()))
		if err != nil {
			t.Fatalf("re-reading what was written: %v\n%s", err, once.Bytes())
		}
		var twice bytes.Buffer
		back.WriteJSON(&twice)
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("not stable:\n%s\n%s", once.Bytes(), twice.Bytes())
		}
	})
}
