package hopfield

// TracePoint is one observation of a run: the monitor values of an [Event].
type TracePoint struct {
	Step     int       `json:"step"`
	Updates  int       `json:"updates"`
	Neuron   int       `json:"neuron"` // -1 unless one neuron was just updated
	Flips    int       `json:"flips"`
	Energy   float64   `json:"energy"`
	Overlaps []float64 `json:"overlaps"`          // m_mu with each stored pattern
	Hamming  int       `json:"hamming,omitempty"` // to Trace.Target, if set
	Error    int       `json:"error,omitempty"`   // the notebook's sum |S - target|, if Target is set
}

// Trace records the monitor values of a run, one point per observed event.
// Use its Observe method as RunOptions.Observe:
//
//	var tr hopfield.Trace
//	net.Run(cue, hopfield.RunOptions{Observe: tr.Observe})
//
// Each point costs an energy computation (O(P) to O(N^2), see
// [Event.Energy]); set SkipEnergy to leave it out of long traces.
type Trace struct {
	Target     []int8 // if not nil, each point holds the distance to it
	SkipEnergy bool
	Points     []TracePoint

	// The distances are kept up to date one neuron at a time between
	// single-neuron events, so a per-update trace costs O(1) for them.
	last              []int8
	hamming, errorSum int
}

// Observe records e.
func (t *Trace) Observe(e *Event) error {
	p := TracePoint{Step: e.Step, Updates: e.Updates, Neuron: e.Neuron, Flips: e.Flips, Overlaps: e.Overlaps(nil)}
	if !t.SkipEnergy {
		p.Energy = e.Energy()
	}
	if t.Target != nil {
		t.distances(e)
		p.Hamming, p.Error = t.hamming, t.errorSum
	}
	t.Points = append(t.Points, p)
	return nil
}

func (t *Trace) distances(e *Event) {
	i := e.Neuron
	if i < 0 || len(t.last) != len(e.State) {
		t.last = append(t.last[:0], e.State...)
		t.hamming = Hamming(e.State, t.Target)
		t.errorSum = ErrorSum(e.State, t.Target)
		return
	}
	old, now, want := t.last[i], e.State[i], t.Target[i]
	t.hamming += b2i(now != want) - b2i(old != want)
	t.errorSum += absDiff(now, want) - absDiff(old, want)
	t.last[i] = now
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func absDiff(a, b int8) int {
	d := int(a) - int(b)
	if d < 0 {
		return -d
	}
	return d
}
