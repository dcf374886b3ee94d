package hopfield

// weights computes local fields for one form of weight storage. Fields are
// raw: the network multiplies them by its scale before comparing them with
// thresholds. The state s holds -1, 0 (unknown) or +1 for bipolar networks and
// 0 or 1 for binary ones; both enter the sum as numbers.
type weights interface {
	// fields sets dst[i] = sum_j W_ij s_j for every neuron.
	fields(dst []float64, s []int8)
	// apply sets dst = W x for an arbitrary real vector x.
	apply(dst, x []float64)
	// tracker returns incremental fields for the state s, which the caller
	// keeps and changes only through tracker.flip.
	tracker(s []int8) tracker
	// quadratic returns s^T W s.
	quadratic(s []int8) float64
	// at returns W_ij.
	at(i, j int) float64
	// bytes is the memory held by the weights.
	bytes() int64
}

// tracker keeps what is needed to read one neuron's field cheaply while a
// state changes one neuron at a time.
type tracker interface {
	field(i int) float64
	// flip records that s_j has just changed by delta (new - old).
	flip(j int, delta int8)
}
