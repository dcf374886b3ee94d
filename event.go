package hopfield

// Event is what an observer sees during a run. It is only valid during the
// call: its State is the run's own buffer, which the next step changes.
type Event struct {
	// Step is the synchronous step, or the asynchronous sweep in progress,
	// counted from 1; 0 for the initial state.
	Step int
	// Updates is the number of single-neuron updates so far.
	Updates int
	// Neuron is the neuron just updated by an asynchronous schedule, or -1.
	Neuron int
	// Flips is the number of neurons that changed in this step (synchronous),
	// or in the sweep so far (asynchronous).
	Flips int
	// State is the current state; it must not be modified.
	State []int8

	net      *Network
	overlaps *overlapCounter // exact xi^mu . State, kept by the run
}

// Overlaps sets dst[mu] = m_mu = (1/N) xi^mu . S for every stored pattern and
// returns dst (see the package doc on dst).
func (e *Event) Overlaps(dst []float64) []float64 {
	m := e.overlaps.m
	dst = grow(dst, len(m))
	for mu, v := range m {
		dst[mu] = float64(v) / float64(e.net.n)
	}
	return dst
}

// Energy returns the energy of the current state (see Network.Energy). The
// Hebbian rule and the dense associative memory take it from the overlaps
// the run keeps, in O(P) (plus O(N) with thresholds); other rules cost a
// field computation, O(NP) in the pattern form and O(N^2) for dense weights.
func (e *Event) Energy() float64 { return e.net.energy(e.State, e.overlaps) }

// Network returns the network being run.
func (e *Event) Network() *Network { return e.net }

// overlapCounter keeps M = Xi s exact while s changes one neuron at a time,
// with self = sum_i d_i s_i^2 (d_i = sum_mu (xi_i^mu)^2), so that the Hebbian
// energy -1/2 (sum_mu M_mu^2 - self) costs O(P) per observation.
type overlapCounter struct {
	set  *patternSet
	m    []int64
	self int64
}

func newOverlapCounter(net *Network, s []int8) *overlapCounter {
	if net.set == nil {
		return &overlapCounter{}
	}
	c := &overlapCounter{set: net.set, m: make([]int64, net.set.p)}
	c.reset(s)
	return c
}

// flip records that s_j changed from old to new.
func (c *overlapCounter) flip(j int, old, new int8) {
	if c.set == nil {
		return
	}
	c.set.addNeuron(c.m, j, int64(new-old))
	if sq := int64(new*new - old*old); sq != 0 {
		c.self += c.set.selfWeight(j) * sq
	}
}

func (c *overlapCounter) reset(s []int8) {
	if c.set != nil {
		c.self = c.set.overlapsSelf(c.m, s)
	}
}
