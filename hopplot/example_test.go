package hopplot_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/hopplot"
	"github.com/hopfield-lab/hopfield/patterns"
)

// Draw a recall: store the notebook's BU and BC, cue BU with its bottom
// half erased, record the run, and save its overlaps and energy.
func Example_recall() {
	bu, bc := patterns.BU(), patterns.BC()
	net, _ := hopfield.Learn(hopfield.Config{}, bu.Data, bc.Data)
	bottom, _ := patterns.ParseCueOp("erase", "bottom")
	cue, _ := bottom.Apply(bu, nil)

	var tr hopfield.Trace
	res, _ := net.Run(cue.Data, hopfield.RunOptions{Observe: tr.Observe})
	f, _ := figure.Trace("recall", &tr, "BU", "BC")

	out := filepath.Join(os.TempDir(), "recall.png")
	if err := hopplot.SaveFigure(out, f); err != nil {
		fmt.Println(err)
	}
	fmt.Println(res.End, "after", res.Steps, "steps; recalled", net.Match(res.State).Exact)
	// Output: fixed point after 2 steps; recalled true
}

// Draw what the network stores: the weight matrix of BU and BC, 10,000 x
// 10,000 weights drawn as 100 x 100 block means, without ever building the
// matrix.
func Example_weights() {
	net, _ := hopfield.Learn(hopfield.Config{}, patterns.BU().Data, patterns.BC().Data)
	p, _ := figure.Weights(net, 100, "W for BU and BC")
	f := &figure.Figure{Name: "weights", Width: 6, Height: 5, Panels: []*figure.Panel{p}}
	err := hopplot.SaveFigure(filepath.Join(os.TempDir(), "weights.svg"), f)
	fmt.Println(err, net.Form())
	// Output: <nil> pattern
}
