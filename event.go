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

	net *Network
	m   []int64 // exact overlaps xi^mu . State, kept by the run
}

// Overlaps sets dst[mu] = m_mu = (1/N) xi^mu . S for every stored pattern and
// returns dst (allocating it if it is too short).
func (e *Event) Overlaps(dst []float64) []float64 {
	if cap(dst) < len(e.m) {
		dst = make([]float64, len(e.m))
	}
	dst = dst[:len(e.m)]
	for mu, v := range e.m {
		dst[mu] = float64(v) / float64(e.net.n)
	}
	return dst
}

// Energy returns the energy of the current state (see Network.Energy). It
// costs a field computation: O(N) for the pattern form's Hebbian rule, up to
// O(N^2) for dense weights.
func (e *Event) Energy() float64 { return e.net.Energy(e.State) }

// Network returns the network being run.
func (e *Event) Network() *Network { return e.net }

// overlapCounter keeps xi^mu . s exact while s changes one neuron at a time.
type overlapCounter struct {
	set *patternSet
	m   []int64
}

func newOverlapCounter(net *Network, s []int8) *overlapCounter {
	if len(net.patterns) == 0 {
		return &overlapCounter{}
	}
	set := newPatternSet(net.n, net.patterns)
	c := &overlapCounter{set: &set, m: make([]int64, set.p)}
	c.set.overlaps(c.m, s)
	return c
}

func (c *overlapCounter) flip(j int, delta int8) {
	if c.set == nil {
		return
	}
	for mu, v := range c.set.neuron(j) {
		c.m[mu] += int64(delta) * int64(v)
	}
}

func (c *overlapCounter) reset(s []int8) {
	if c.set != nil {
		c.set.overlaps(c.m, s)
	}
}
