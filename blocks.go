package hopfield

// WeightBlocks returns a b x b picture of the weight matrix: entry (r, c) is
// the mean of w_ij over the neurons i of row block r and j of column block c,
// the N neurons being cut into b blocks as equal as possible (b is capped at
// N). It is how the weights of a 10,000-neuron network are drawn without
// building the 10,000 x 10,000 matrix: in the pattern form it costs
// O(NP + b^2 P), since the block sum of xi_i xi_j factors into block sums of
// xi. It panics if b < 1 or the network has no weight matrix (see
// [Network.HasWeights]).
func (net *Network) WeightBlocks(b int) [][]float64 {
	n := net.n
	if b <= 0 {
		panic("hopfield: WeightBlocks: need at least one block")
	}
	net.mustHaveWeights("WeightBlocks")
	b = min(b, n)
	start := make([]int, b+1)
	for k := range start {
		start[k] = k * n / b
	}
	out := make([][]float64, b)
	for r := range out {
		out[r] = make([]float64, b)
	}
	if net.w == nil {
		return out
	}
	net.pairwise("WeightBlocks").blockSums(out, start)
	for r := range b {
		for c := range b {
			out[r][c] *= net.scale / float64((start[r+1]-start[r])*(start[c+1]-start[c]))
		}
	}
	return out
}
