package hopfield

// WeightBlocks returns a b x b picture of the weight matrix: entry (r, c) is
// the mean of w_ij over the neurons i of row block r and j of column block c,
// the N neurons being cut into b blocks as equal as possible (b is capped at
// N). It is how the weights of a 10,000-neuron network are drawn without
// building the 10,000 x 10,000 matrix: in the pattern form it costs
// O(NP + b^2 P), since the block sum of xi_i xi_j factors into block sums of xi.
func (net *Network) WeightBlocks(b int) [][]float64 {
	n := net.n
	if b <= 0 {
		panic("hopfield: WeightBlocks: need at least one block")
	}
	b = min(b, n)
	start := make([]int, b+1)
	for k := range start {
		start[k] = k * n / b
	}
	out := make([][]float64, b)
	for r := range out {
		out[r] = make([]float64, b)
	}
	switch w := net.w.(type) {
	case nil:
		return out
	case *hebbPattern:
		net.factoredBlocks(out, start, w.p, func(i, mu int) float64 { return float64(w.xiT[i*w.p+mu]) },
			func(j, mu int) float64 { return float64(w.xiT[j*w.p+mu]) }, func(i int) float64 { return float64(w.diag[i]) })
	case *pinvPattern:
		net.factoredBlocks(out, start, w.p, func(i, mu int) float64 { return w.u[i*w.p+mu] },
			func(j, mu int) float64 { return float64(w.xiT[j*w.p+mu]) }, func(i int) float64 { return w.diag[i] })
	default:
		for r := range b {
			for c := range b {
				var sum float64
				for i := start[r]; i < start[r+1]; i++ {
					for j := start[c]; j < start[c+1]; j++ {
						sum += net.w.at(i, j)
					}
				}
				out[r][c] = sum
			}
		}
	}
	for r := range b {
		for c := range b {
			out[r][c] *= net.scale / float64((start[r+1]-start[r])*(start[c+1]-start[c]))
		}
	}
	return out
}

// factoredBlocks sets out[r][c] to the block sums of W = A B^T - diag(d) for
// W_ij = sum_mu a(i, mu) b(j, mu) - [i == j] d(i).
func (net *Network) factoredBlocks(out [][]float64, start []int, p int, a, bf func(int, int) float64, d func(int) float64) {
	nb := len(out)
	sa := make([]float64, nb*p)
	sb := make([]float64, nb*p)
	for k := range nb {
		for i := start[k]; i < start[k+1]; i++ {
			for mu := range p {
				sa[k*p+mu] += a(i, mu)
				sb[k*p+mu] += bf(i, mu)
			}
		}
	}
	for r := range nb {
		for c := range nb {
			var sum float64
			for mu := range p {
				sum += sa[r*p+mu] * sb[c*p+mu]
			}
			out[r][c] = sum
		}
		// Only diagonal blocks contain self-couplings.
		for i := start[r]; i < start[r+1]; i++ {
			out[r][r] -= d(i)
		}
	}
}
