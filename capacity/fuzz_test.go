package capacity

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/hopfield-lab/hopfield"
)

func fuzzSeeds(f *testing.F) (csvs, sidecars, jsons [][]byte) {
	tab, err := Run(ctxBg, Spec{Rules: []hopfield.Rule{hebb, pinv, hopfield.DenseAM}, Energy: hopfield.Energy{Kind: hopfield.Poly, Power: 3},
		Ns: []int{40}, Alphas: []float64{0.1, 0.2}, Measures: []Measure{Fixed, Overlap, Signed}, Trials: 2, Probes: 2, Seed: 1, Shard: Shard{0, 2}})
	if err != nil {
		f.Fatal(err)
	}
	var c, s, j bytes.Buffer
	if err := tab.WriteCSV(&c); err != nil {
		f.Fatal(err)
	}
	if err := tab.WriteSidecar(&s); err != nil {
		f.Fatal(err)
	}
	if err := tab.WriteJSON(&j); err != nil {
		f.Fatal(err)
	}
	old, err := os.ReadFile("testdata/v1-shard-1.csv")
	if err != nil {
		f.Fatal(err)
	}
	return [][]byte{c.Bytes(), old, []byte("# hopfield capacity: x\n# cells: 1\n")},
		[][]byte{s.Bytes(), nil, []byte(`{"table": "hopfield capacity", "spec": "x", "cells": 1, "version": 2}`)},
		[][]byte{j.Bytes(), []byte(`{"spec":"x","cells":1,"rows":[]}`)}
}

// A table that reads without error writes back to bytes that read to the
// same table: the decoders accept nothing the encoders cannot represent.
// The first input is the CSV file, the second its sidecar (none if empty).
func FuzzReadCSV(f *testing.F) {
	csvs, sidecars, _ := fuzzSeeds(f)
	for i := range csvs {
		f.Add(csvs[i], sidecars[i])
	}
	f.Fuzz(func(t *testing.T, data, side []byte) {
		var sidecar io.Reader
		if len(side) > 0 {
			sidecar = bytes.NewReader(side)
		}
		tab, err := ReadCSV(bytes.NewReader(data), sidecar)
		if err != nil {
			return
		}
		once, onceSide := writeFiles(t, tab)
		back, err := ReadCSV(bytes.NewReader(once), bytes.NewReader(onceSide))
		if err != nil {
			t.Fatalf("re-reading what was written: %v\n%s\n%s", err, once, onceSide)
		}
		twice, twiceSide := writeFiles(t, back)
		if !bytes.Equal(once, twice) || !bytes.Equal(onceSide, twiceSide) {
			t.Fatalf("not stable:\n%s\n%s\n%s\n%s", once, onceSide, twice, twiceSide)
		}
	})
}

func writeFiles(t *testing.T, tab *Table) (csv, sidecar []byte) {
	var c, s bytes.Buffer
	if err := tab.WriteCSV(&c); err != nil {
		t.Fatal(err)
	}
	if err := tab.WriteSidecar(&s); err != nil {
		t.Fatal(err)
	}
	return c.Bytes(), s.Bytes()
}

func FuzzReadJSON(f *testing.F) {
	_, _, jsons := fuzzSeeds(f)
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
