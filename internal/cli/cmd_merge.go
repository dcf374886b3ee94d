package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hopfield-lab/hopfield/capacity"
)

var cmdMerge = &Command{
	Name:  "merge",
	Args:  "SHARD... [--out FILE]",
	Short: "join the shards of a capacity sweep into one table",
	Long: `Merge reads the tables written by 'hopfield capacity --shard i/n' (CSV with
its sidecar NAME.json beside it, or JSON, by extension) and writes the
table of the whole sweep, the same bytes an unsharded run writes. Tables
written before sidecars existed (with '#' lines) still merge, with each
other. The shards must come from the same sweep (same
flags and seed), hold no cell twice and together cover the grid; otherwise
merge names the file at fault and writes nothing. The table and the plot
are written together or not at all.

Example:
  hopfield merge shard-*.csv --out sweep.csv`,
	Run: runMerge,
}

func runMerge(env *Env, fs *flag.FlagSet, args []string) error {
	out := fs.String("out", "", "output file, .csv or .json (default: CSV on stdout)")
	format := fs.String("format", "", "output format csv or json (default: from --out, else csv)")
	plotPath := fs.String("plot", "", "also draw the merged sweep to this .png, .svg or .pdf")
	// Flags may follow the file names, as in the example.
	var files []string
	for {
		if err := env.Parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) == 0 {
		return Usagef("no shard files given")
	}
	// The outputs are checked before the shards are read.
	enc, err := checkOutputs(*format, *out, *plotPath)
	if err != nil {
		return err
	}
	tables := make([]*capacity.Table, len(files))
	for i, path := range files {
		if tables[i], err = readTable(path); err != nil {
			return err
		}
	}
	merged, err := capacity.Merge(tables...)
	if err != nil {
		return err
	}
	if err := writeOutputs(env, merged, enc, *out, *plotPath); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "merged %d files: %d rows, %d cells\n", len(files), len(merged.Rows), merged.Cells)
	return nil
}

// readTable reads a capacity table, a CSV file with its sidecar or a JSON
// file; errors name the file.
func readTable(path string) (*capacity.Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var t *capacity.Table
	if strings.EqualFold(filepath.Ext(path), ".json") {
		t, err = capacity.ReadJSON(f)
	} else {
		t, err = readCSVTable(f, path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t.Name = path
	return t, nil
}

// readCSVTable reads a CSV table with its sidecar, if there is one: a file
// written before sidecars existed carries its settings itself.
func readCSVTable(f io.Reader, path string) (*capacity.Table, error) {
	side := capacity.SidecarPath(path)
	sf, err := os.Open(side)
	switch {
	case errors.Is(err, os.ErrNotExist):
		t, err := capacity.ReadCSV(f, nil)
		if errors.Is(err, capacity.ErrNoSidecar) {
			return nil, fmt.Errorf("no sidecar %s beside it: it holds the sweep's settings, and hopfield capacity --out writes it with the CSV; copy the two together", side)
		}
		return t, err
	case err != nil:
		return nil, err
	}
	defer sf.Close()
	t, err := capacity.ReadCSV(f, sf)
	if err != nil && strings.HasPrefix(err.Error(), "sidecar:") {
		return nil, fmt.Errorf("%s: %w", side, err)
	}
	return t, err
}
