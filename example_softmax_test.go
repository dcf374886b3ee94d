package hopfield_test

import (
	"fmt"

	"github.com/hopfield-lab/hopfield"
)

// Three patterns of d = 4, a cue near the second with one component
// unknown (0), and the run at beta = 4: the state goes to the second
// pattern, and the diagnostics say it is a single-pattern fixed point. Its
// energy is about log(P)/beta: the minimum is 0 only for P = 1.
func ExampleSoftmax() {
	x := []float64{
		1, 1, -1, -1,
		1, -1, 1, -1,
		-1, 1, 1, -1,
	}
	net, err := hopfield.NewSoftmax(x, 4, hopfield.SoftmaxConfig{Beta: 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := net.Run([]float64{0.9, -1.1, 0, -0.8}, hopfield.SoftmaxRun{})
	if err != nil {
		fmt.Println(err)
		return
	}
	dg := net.Diagnose(res.State)
	mu, dist := net.Nearest(res.State)
	fmt.Printf("state %.3f after %d steps (converged %v)\n", res.State, res.Steps, res.Converged)
	fmt.Printf("nearest pattern %d at %.0e; %v, k90 = %d, energy %.4f\n", mu, dist, dg.FixedPoint, dg.K90, dg.Energy)
	// Output:
	// state [1.000 -1.000 1.000 -1.000] after 4 steps (converged true)
	// nearest pattern 1 at 6e-07; single pattern, k90 = 1, energy 0.2747
}

// Attention as retrieval: values looked up by matching keys.
func ExampleNewSoftmaxKV() {
	keys := []float32{
		1, 0,
		0, 1,
	}
	values := []float32{
		10, 20, 30,
		-1, -2, -3,
	}
	net, err := hopfield.NewSoftmaxKV(keys, 2, values, 3, hopfield.SoftmaxConfig{Beta: 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f\n", net.Step(nil, []float32{0.9, 0.1}))
	// Output:
	// [10.00 20.00 30.00]
}
