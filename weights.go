package hopfield

// weights computes local fields for one form of weight storage. Fields are
// raw: the network multiplies them by its scale before comparing them with
// thresholds. The state s holds -1, 0 (unknown) or +1 for bipolar networks and
// 0 or 1 for binary ones; both enter the sum as numbers.
type weights interface {
	// fields sets dst[i] = sum_j W_ij s_j for every neuron.
	fields(dst []float64, s []int8)
	// tracker returns incremental fields for the state s, which the caller
	// keeps and changes only through tracker.flip.
	tracker(s []int8) tracker
	// energy returns the energy of s without the thresholds' term, for
	// weights scaled by scale: -1/2 scale s^T W s for pairwise weights.
	// ov, if not nil, holds the exact overlaps of s with the network's
	// stored patterns, kept by a run, from which some forms take it in O(P).
	energy(s []int8, scale float64, ov *overlapCounter) float64
	// bytes is the memory held by the weights.
	bytes() int64
}

// pairwise is a form with a weight matrix W: every form but the dense
// associative memory, whose energy is not quadratic in the state.
type pairwise interface {
	weights
	// apply sets dst = W x for an arbitrary real vector x.
	apply(dst, x []float64)
	// at returns W_ij.
	at(i, j int) float64
	// blockSums sets out[r][c] to the sum of W_ij over the neurons i of
	// block r and j of block c, block k being neurons start[k] to
	// start[k+1]-1.
	blockSums(out [][]float64, start []int)
}

// tracker keeps what is needed to read one neuron's field cheaply while a
// state changes one neuron at a time.
type tracker interface {
	field(i int) float64
	// flip records that s_j has just changed by delta (new - old).
	flip(j int, delta int8)
}

// fieldEnergy returns -1/2 scale s^T W s from the fields of s: O(N^2) for a
// dense matrix.
func fieldEnergy(w weights, s []int8, scale float64) float64 {
	h := make([]float64, len(s))
	w.fields(h, s)
	var q float64
	for i, v := range s {
		q += float64(v) * h[i]
	}
	return -0.5 * scale * q
}

// hebbEnergy returns -1/2 scale s^T W s for the Hebbian weights of the
// patterns in set: s^T W s = sum_mu M_mu^2 - sum_i d_i s_i^2 in exact
// integers, with M = Xi s and d_i = sum_mu (xi_i^mu)^2. The overlaps come
// from ov when a run keeps them (O(P)), else from one pass over the packed
// patterns (O(NP/64)).
func hebbEnergy(set *patternSet, s []int8, scale float64, ov *overlapCounter) float64 {
	m, self := []int64(nil), int64(0)
	if ov != nil && ov.set == set {
		m, self = ov.m, ov.self
	} else {
		m = make([]int64, set.p)
		self = set.overlapsSelf(m, s)
	}
	var q int64
	for _, v := range m {
		q += v * v
	}
	return -0.5 * scale * float64(q-self)
}

// atBlockSums is blockSums for a form that holds W itself: O(N^2).
func atBlockSums(w interface{ at(i, j int) float64 }, out [][]float64, start []int) {
	for r := range out {
		for c := range out {
			var sum float64
			for i := start[r]; i < start[r+1]; i++ {
				for j := start[c]; j < start[c+1]; j++ {
					sum += w.at(i, j)
				}
			}
			out[r][c] = sum
		}
	}
}
