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
}

// Observe records e.
func (t *Trace) Observe(e *Event) error {
	p := TracePoint{Step: e.Step, Updates: e.Updates, Neuron: e.Neuron, Flips: e.Flips, Overlaps: e.Overlaps(nil)}
	if !t.SkipEnergy {
		p.Energy = e.Energy()
	}
	if t.Target != nil {
		p.Hamming = Hamming(e.State, t.Target)
		p.Error = ErrorSum(e.State, t.Target)
	}
	t.Points = append(t.Points, p)
	return nil
}
