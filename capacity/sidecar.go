package capacity

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// sidecarKind marks a sidecar, so that it is not taken for a JSON table
// (and a JSON table not for a sidecar).
const sidecarKind = "hopfield capacity"

// SidecarPath is the path of the sidecar of the CSV table at csvPath: the
// same name with the extension .json (sweep.csv -> sweep.json; a name
// without .csv gets .json added).
func SidecarPath(csvPath string) string {
	if ext := filepath.Ext(csvPath); strings.EqualFold(ext, ".csv") {
		return strings.TrimSuffix(csvPath, ext) + ".json"
	}
	return csvPath + ".json"
}

// sidecar is the JSON object beside a CSV table. Spec, Cells, Shard and
// Version are what a reader needs; Parameters (the spec as typed values)
// and Columns (what each column holds) are for the people and programs
// that read the CSV, and are written from the spec, not read back.
type sidecar struct {
	Table      string          `json:"table"`
	Version    int             `json:"version"`
	Spec       string          `json:"spec"`
	Cells      int             `json:"cells"`
	Shard      string          `json:"shard,omitempty"`
	Parameters json.RawMessage `json:"parameters"`
	Columns    []column        `json:"columns"`
}

type column struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

var columnHelp = []column{
	{"cell", "position of the cell in the whole grid, from 0"},
	{"rule", "learning rule"},
	{"energy", "interaction function F of the dense rule (empty for the other rules)"},
	{"n", "neurons N"},
	{"p", "stored patterns P"},
	{"alpha", "load P/N"},
	{"noise", "fraction of the cue's bits flipped"},
	{"measure", "what each sample is: fixed, overlap, recall, onestep, signed, success, allfixed or flips (see docs/capacity.md)"},
	{"trials", "networks that gave samples"},
	{"samples", "samples in the statistics: probed patterns (networks for allfixed), without the runs left out as unconverged"},
	{"mean", "mean of the samples"},
	{"stderr", "standard error of the mean, between networks (empty for one network)"},
	{"min", "smallest sample"},
	{"q05", "5 % quantile of the samples (type 7, numpy's default)"},
	{"q10", "10 % quantile"},
	{"q25", "25 % quantile"},
	{"median", "median"},
	{"q75", "75 % quantile"},
	{"q90", "90 % quantile"},
	{"q95", "95 % quantile"},
	{"max", "largest sample"},
	{"unconverged", "runs of the dynamics that hit max-sweeps before a fixed point"},
	{"mean_sweeps", "mean length of the runs in sweeps (empty for measures without a run)"},
	{"theory", "analytical value for the cell where one applies, else empty"},
}

// WriteSidecar writes the JSON object that goes beside the table's CSV
// file ([SidecarPath]): the spec, the number of cells, the shard, the
// version of the definitions, the spec's settings as typed values
// ("parameters") and what each column holds.
func (t *Table) WriteSidecar(w io.Writer) error {
	params, err := json.Marshal(specParams(t.Spec))
	if err != nil {
		return err
	}
	sc := sidecar{Table: sidecarKind, Version: t.version(), Spec: t.Spec, Cells: t.Cells, Parameters: params, Columns: columnHelp}
	if !t.Shard.Whole() {
		sc.Shard = t.Shard.String()
	}
	b, err := json.MarshalIndent(sc, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// readSidecar reads the settings of a CSV table from its sidecar.
func (t *Table) readSidecar(r io.Reader) error {
	var sc sidecar
	if err := json.NewDecoder(r).Decode(&sc); err != nil {
		return fmt.Errorf("sidecar: %w", err)
	}
	if sc.Table != sidecarKind {
		return errors.New(`sidecar: not the sidecar of a capacity table (no "table": "hopfield capacity")`)
	}
	if sc.Spec == "" || sc.Cells < 1 {
		return errors.New("sidecar: missing spec or cells")
	}
	t.Spec, t.Cells, t.Version = sc.Spec, sc.Cells, sc.Version
	if sc.Shard != "" {
		var err error
		if t.Shard, err = ParseShard(sc.Shard); err != nil {
			return fmt.Errorf("sidecar: %w", err)
		}
	}
	if t.Version == 0 {
		return errors.New("sidecar: missing version")
	}
	return nil
}

// isSidecar reports whether a JSON document is a sidecar.
func isSidecar(data []byte) bool {
	var probe struct {
		Table string `json:"table"`
	}
	return json.Unmarshal(data, &probe) == nil && probe.Table == sidecarKind
}

// listParams are the settings of a spec that hold lists.
var listParams = map[string]bool{"rule": true, "n": true, "alpha": true, "p": true, "noise": true, "measure": true}

// specParams turns a spec's description (Spec.String: "rule=hebbian
// n=100,200 ... seed=1") into typed values: lists for the grid's
// dimensions, numbers where the value is one (kept as written, so a 64-bit
// seed stays exact), names otherwise.
func specParams(spec string) map[string]any {
	out := map[string]any{}
	for _, field := range strings.Fields(spec) {
		key, val, ok := strings.Cut(field, "=")
		if !ok {
			continue
		}
		if !listParams[key] {
			out[key] = paramValue(key, val)
			continue
		}
		var list []any
		for item := range strings.SplitSeq(val, ",") {
			list = append(list, paramValue(key, item))
		}
		out[key] = list
	}
	return out
}

// paramValue is a JSON number for a numeric value, true or false for a
// flag, and the text otherwise.
func paramValue(key, val string) any {
	switch {
	case val == "true" || val == "false":
		return val == "true"
	case key == "rule" || key == "measure" || key == "energy" || key == "tie" || val == "":
		return val
	case (val[0] == '-' || val[0] >= '0' && val[0] <= '9') && json.Valid([]byte(val)):
		return json.Number(val)
	}
	return val
}
