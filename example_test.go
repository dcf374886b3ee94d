package hopfield_test

import (
	"fmt"

	"github.com/hopfield-lab/hopfield"
)

// Store one pattern, corrupt two of its bits, and recall it.
func Example() {
	xi := []int8{1, -1, 1, 1, -1, -1, 1, -1, 1, 1}
	net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian}, xi)
	if err != nil {
		panic(err)
	}
	cue := append([]int8(nil), xi...)
	cue[0], cue[5] = -cue[0], -cue[5]
	res, err := net.Run(cue, hopfield.RunOptions{Update: hopfield.Synchronous})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.End, "after", res.Steps, "steps; overlap", hopfield.Overlap(res.State, xi))
	// Output: fixed point after 2 steps; overlap 1
}

// The notebook's 5-neuron example: synchronous updates from a state with two
// wrong neurons.
func ExampleNetwork_Run_synchronous() {
	csi := []int8{1, -1, -1, 1, 1}
	net, _ := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian, Unscaled: true}, csi)
	res, _ := net.Run([]int8{1, 1, -1, 1, -1}, hopfield.RunOptions{Tie: hopfield.TieMinus, MaxSteps: 9})
	fmt.Println(res.State, res.End)
	// Output: [1 -1 -1 1 1] fixed point
}

// Watch an asynchronous run neuron by neuron, as the notebook's error curve does.
func ExampleRunOptions_observe() {
	xi := []int8{1, 1, -1, -1, 1, -1, 1, -1}
	net, _ := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian}, xi)
	cue := []int8{1, 1, -1, -1, 1, 1, -1, 1} // the last 3 bits wrong
	res, _ := net.Run(cue, hopfield.RunOptions{
		Update:      hopfield.Sequential,
		EveryUpdate: true,
		Observe: func(e *hopfield.Event) error {
			if e.Neuron >= 5 {
				fmt.Printf("neuron %d: error %d, m = %.2f\n", e.Neuron, hopfield.ErrorSum(e.State, xi), e.Overlaps(nil)[0])
			}
			return nil
		},
	})
	fmt.Println(res.End)
	// Output:
	// neuron 5: error 4, m = 0.50
	// neuron 6: error 2, m = 0.75
	// neuron 7: error 0, m = 1.00
	// neuron 5: error 0, m = 1.00
	// neuron 6: error 0, m = 1.00
	// neuron 7: error 0, m = 1.00
	// fixed point
}

// The pseudo-inverse rule keeps correlated patterns apart.
func ExampleLearn_pseudoInverse() {
	a := []int8{1, 1, 1, 1, -1, -1, 1, -1}
	b := []int8{1, 1, 1, -1, -1, -1, 1, 1} // differs from a in two places
	net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.PseudoInverse}, a, b)
	if err != nil {
		panic(err)
	}
	fmt.Println(net.IsFixedPoint(a, hopfield.TieKeep), net.IsFixedPoint(b, hopfield.TieKeep))
	// Output: true true
}
