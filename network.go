package hopfield

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Config says how a network learns and holds its weights. The zero value is
// not usable: Rule must be set.
type Config struct {
	Rule Rule
	// Form chooses dense or pattern storage; Auto decides from N and P.
	// Storkey networks are always dense.
	Form Form
	// Unscaled keeps the Hebbian integer sum sum_mu xi_i xi_j without the 1/N
	// factor, as the notebook writes it. Dynamics are the same; fields and
	// energies are N times larger.
	Unscaled bool
	// KeepDiagonal keeps the pseudo-inverse rule's self-coupling W_ii. By
	// default it is removed, which keeps every pattern a fixed point and
	// widens the basins.
	KeepDiagonal bool
	// Literal lets the Hebbian rule take 0/1 patterns as they are, as the
	// notebook does with its 100x100 images (w_ij = sum_mu v_i v_j). Without
	// it, patterns must be +-1.
	Literal bool
	// MemoryLimit caps the bytes a dense weight matrix may take; 0 means
	// DefaultMemoryLimit.
	MemoryLimit int64
}

// Network is a Hopfield network of N neurons. It is safe for concurrent use
// by several goroutines as long as none of them calls Store or
// SetThresholds: runs only read the weights.
type Network struct {
	n       int
	cfg     Config
	neurons Neurons
	form    Form // Dense or PatternForm once weights exist
	scale   float64
	theta   []float64 // nil means all zero
	// set holds the stored patterns, bit-packed and by neuron (about
	// 1.125 NP bytes). In the pattern form it is the weights' own set, so
	// the patterns are held once.
	set *patternSet
	w   weights
	// symmetricZeroDiag holds for every rule-built network and for user
	// weights that happen to satisfy it; the energy then never increases
	// under asynchronous dynamics.
	symmetricZeroDiag bool
}

// New returns a network of n neurons that learns by cfg.Rule and holds no
// patterns yet; add them with Store.
func New(n int, cfg Config) (*Network, error) {
	if n <= 0 {
		return nil, fmt.Errorf("hopfield: network needs at least one neuron, got %d", n)
	}
	switch cfg.Rule {
	case Hebbian, Storkey, PseudoInverse:
	default:
		return nil, fmt.Errorf("hopfield: Config.Rule must be Hebbian, Storkey or PseudoInverse")
	}
	if cfg.Rule == Storkey && cfg.Form == PatternForm {
		return nil, errors.New("hopfield: the Storkey rule has no pattern form; use Dense or Auto")
	}
	if cfg.Literal && cfg.Rule != Hebbian {
		return nil, errors.New("hopfield: Config.Literal (0/1 patterns) is for the Hebbian rule only")
	}
	if cfg.Form < Auto || cfg.Form > PatternForm {
		return nil, fmt.Errorf("hopfield: unknown form %d", int(cfg.Form))
	}
	net := &Network{n: n, cfg: cfg, neurons: Bipolar, scale: 1, symmetricZeroDiag: true}
	if cfg.Rule == Hebbian && !cfg.Unscaled {
		net.scale = 1 / float64(n)
	}
	return net, nil
}

// Learn is New followed by Store: a network of len(patterns[0]) neurons that
// holds the given patterns.
func Learn(cfg Config, patterns ...[]int8) (*Network, error) {
	if len(patterns) == 0 {
		return nil, errors.New("hopfield: no patterns to learn")
	}
	net, err := New(len(patterns[0]), cfg)
	if err != nil {
		return nil, err
	}
	if err := net.Store(patterns...); err != nil {
		return nil, err
	}
	return net, nil
}

// Store adds patterns to the network. Patterns hold +1 and -1 (or 0 and 1
// with Config.Literal). Patterns are added in order; the Storkey rule, whose
// result depends on that order, adds them one at a time.
func (net *Network) Store(patterns ...[]int8) error {
	if len(patterns) == 0 {
		return errors.New("hopfield: no patterns to store")
	}
	if net.cfg.Rule == 0 {
		return errors.New("hopfield: this network was built from given weights and has no learning rule")
	}
	for mu, x := range patterns {
		if err := net.checkPattern(x); err != nil {
			return fmt.Errorf("hopfield: pattern %d: %w", net.P()+mu, err)
		}
	}
	// The new patterns are read, not kept: the pattern set copies them into
	// its own layouts. Old ones are unpacked only when adding to a network
	// that already holds some.
	all := make([][]int8, 0, net.P()+len(patterns))
	for mu := range net.P() {
		all = append(all, net.set.pattern(mu))
	}
	all = append(all, patterns...)
	return net.build(all, patterns)
}

func (net *Network) checkPattern(x []int8) error {
	if len(x) != net.n {
		return fmt.Errorf("has %d values, want %d (one per neuron)", len(x), net.n)
	}
	// A first pass without a branch on the data (random -1 and +1 would
	// mispredict half of them): v+1 must be 0 or 2, or for Literal v must
	// be 0 or 1.
	off, mask := int8(1), int8(^2)
	if net.cfg.Literal {
		off, mask = 0, ^1
	}
	var bad int8
	for _, v := range x {
		bad |= (v + off) & mask
	}
	if bad == 0 {
		return nil
	}
	low := -off
	for i, v := range x {
		if v == 1 || v == low {
			continue
		}
		if net.cfg.Literal {
			return fmt.Errorf("value %d at neuron %d: want 0 or 1 (Literal)", v, i)
		}
		return fmt.Errorf("value %d at neuron %d: want -1 or +1", v, i)
	}
	return nil
}

// chooseForm resolves Auto for p patterns.
func (net *Network) chooseForm(p int) Form {
	switch {
	case net.cfg.Rule == Storkey:
		return Dense
	case net.cfg.Form != Auto:
		return net.cfg.Form
	case 2*p <= net.n:
		return PatternForm
	}
	return Dense
}

// build makes the weights for all patterns; added are the new ones at the end.
func (net *Network) build(all, added [][]int8) error {
	n, p := net.n, len(all)
	form := net.chooseForm(p)
	limit := net.cfg.MemoryLimit
	switch net.cfg.Rule {
	case Hebbian:
		if form == PatternForm {
			if err := checkMemory(fmt.Sprintf("pattern-form weights for N = %d, P = %d", n, p), mulBytes(2, int64(n), int64(p)), limit); err != nil {
				return err
			}
			h := newHebbPattern(n, all)
			net.w, net.form, net.set = h, PatternForm, &h.patternSet
			return nil
		}
		// The smallest exact storage: one byte per weight while |w_ij| <= P
		// fits, else float32 while every field sum is below 2^24, else
		// float64 (see dense_int8.go and docs/performance.md).
		if p <= maxInt8Patterns {
			if err := checkMemory(fmt.Sprintf("dense %d x %d int8 weights", n, n), int8Bytes(n), limit); err != nil {
				return err
			}
			if d, ok := net.w.(*denseInt8); ok && net.form == Dense {
				d.addOuter(added)
			} else {
				net.w = hebbInt8(n, all)
			}
		} else if exactInFloat32(n, p) {
			if err := checkMemory(fmt.Sprintf("dense %d x %d float32 weights", n, n), mulBytes(4, int64(n), int64(n)), limit); err != nil {
				return err
			}
			if d, ok := net.w.(*dense[float32]); ok && net.form == Dense {
				d.addOuter(added)
			} else {
				net.w = hebbDense[float32](n, all)
			}
		} else {
			if err := checkMemory(fmt.Sprintf("dense %d x %d float64 weights", n, n), mulBytes(8, int64(n), int64(n)), limit); err != nil {
				return err
			}
			if d, ok := net.w.(*dense[float64]); ok && net.form == Dense {
				d.addOuter(added)
			} else {
				net.w = hebbDense[float64](n, all)
			}
		}
		net.form = Dense
		net.set = ownSet(n, all)
	case Storkey:
		if err := checkMemory(fmt.Sprintf("dense %d x %d float64 weights", n, n), mulBytes(8, int64(n), int64(n)), limit); err != nil {
			return err
		}
		d, ok := net.w.(*dense[float64])
		if !ok {
			d = &dense[float64]{n: n, w: make([]float64, n*n), symmetric: true}
		}
		for _, x := range added {
			storkeyAdd(d, x)
		}
		net.w, net.form, net.set = d, Dense, ownSet(n, all)
	case PseudoInverse:
		need := mulBytes(10, int64(n), int64(p))
		what := fmt.Sprintf("pattern-form pseudo-inverse weights for N = %d, P = %d", n, p)
		if form == Dense {
			need += mulBytes(8, int64(n), int64(n))
			what = fmt.Sprintf("dense %d x %d float64 weights", n, n)
		}
		if err := checkMemory(what, need, limit); err != nil {
			return err
		}
		pp, err := newPinvPattern(n, all, net.cfg.KeepDiagonal)
		if err != nil {
			return fmt.Errorf("hopfield: %w", err)
		}
		set := pp.patternSet
		if form == PatternForm {
			net.w, net.form = pp, PatternForm
		} else {
			// Only the set survives of pp: the dense matrix replaces U.
			net.w, net.form = pinvDense(pp), Dense
		}
		net.set = &set
		net.symmetricZeroDiag = !net.cfg.KeepDiagonal
	}
	return nil
}

func ownSet(n int, ps [][]int8) *patternSet {
	set := newPatternSet(n, ps)
	return &set
}

// NewFromWeights returns a network with the given N x N weights and
// thresholds (nil for all zero), for neurons of the given kind. The weights
// need not be symmetric: the notebook's first cell uses T_ij uniform in
// [0, 1). Entries must be finite.
func NewFromWeights(w mat.Matrix, theta []float64, neurons Neurons, memoryLimit int64) (*Network, error) {
	r, c := w.Dims()
	if r != c {
		return nil, fmt.Errorf("hopfield: weight matrix is %d x %d, want a square N x N matrix", r, c)
	}
	if neurons != Bipolar && neurons != Binary {
		return nil, fmt.Errorf("hopfield: unknown neuron kind %d", int(neurons))
	}
	n := r
	if err := checkMemory(fmt.Sprintf("dense %d x %d float64 weights", n, n), mulBytes(8, int64(n), int64(n)), memoryLimit); err != nil {
		return nil, err
	}
	d := &dense[float64]{n: n, w: make([]float64, n*n)}
	zeroDiag := true
	for i := range n {
		for j := range n {
			v := w.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("hopfield: weight (%d, %d) is %v, want a finite number", i, j, v)
			}
			d.w[i*n+j] = v
		}
		zeroDiag = zeroDiag && d.w[i*n+i] == 0
	}
	d.symmetric = isSymmetric(n, d.w)
	net := &Network{n: n, neurons: neurons, form: Dense, scale: 1, w: d, symmetricZeroDiag: d.symmetric && zeroDiag}
	if err := net.SetThresholds(theta); err != nil {
		return nil, err
	}
	return net, nil
}

// SetThresholds sets the thresholds theta (nil for all zero). A neuron goes
// high when its field exceeds its threshold and low when it falls below.
func (net *Network) SetThresholds(theta []float64) error {
	if theta == nil {
		net.theta = nil
		return nil
	}
	if len(theta) != net.n {
		return fmt.Errorf("hopfield: %d thresholds for %d neurons", len(theta), net.n)
	}
	for i, v := range theta {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("hopfield: threshold %d is %v, want a finite number", i, v)
		}
	}
	net.theta = append([]float64(nil), theta...)
	return nil
}

// N returns the number of neurons.
func (net *Network) N() int { return net.n }

// P returns the number of stored patterns.
func (net *Network) P() int {
	if net.set == nil {
		return 0
	}
	return net.set.p
}

// Rule returns the learning rule, or 0 for a network built from weights.
func (net *Network) Rule() Rule { return net.cfg.Rule }

// Form returns how the weights are held: Dense or PatternForm.
func (net *Network) Form() Form { return net.form }

// Neurons returns the kind of neurons.
func (net *Network) Neurons() Neurons { return net.neurons }

// Scale is the factor between the stored (raw) weights and W: 1/N for the
// scaled Hebbian rule, 1 otherwise.
func (net *Network) Scale() float64 { return net.scale }

// Pattern returns a copy of stored pattern mu.
func (net *Network) Pattern(mu int) []int8 {
	if mu < 0 || mu >= net.P() {
		panic(fmt.Sprintf("hopfield: Pattern(%d): the network holds %d patterns", mu, net.P()))
	}
	return net.set.pattern(mu)
}

// Overlaps sets dst[mu] = m_mu = (1/N) xi^mu . s for every stored pattern
// and returns dst (allocating it if it is too short). It works on the packed
// patterns, O(NP/64), without unpacking any.
func (net *Network) Overlaps(dst []float64, s []int8) []float64 {
	net.mustLen("Overlaps", len(s))
	p := net.P()
	if cap(dst) < p {
		dst = make([]float64, p)
	}
	dst = dst[:p]
	if p == 0 {
		return dst
	}
	m := make([]int64, p)
	net.set.overlaps(m, s)
	for mu, v := range m {
		dst[mu] = float64(v) / float64(net.n)
	}
	return dst
}

// WeightBytes is the memory the weights take.
func (net *Network) WeightBytes() int64 {
	if net.w == nil {
		return 0
	}
	return net.w.bytes()
}

// Weight returns W_ij, computed from the patterns in the pattern form.
func (net *Network) Weight(i, j int) float64 {
	if net.w == nil {
		return 0
	}
	return net.scale * net.w.at(i, j)
}

func (net *Network) threshold(i int) float64 {
	if net.theta == nil {
		return 0
	}
	return net.theta[i]
}

// Fields sets dst[i] = sum_j W_ij s_j for the state s and returns dst. It
// panics if the lengths are not N.
func (net *Network) Fields(dst []float64, s []int8) []float64 {
	net.mustLen("Fields", len(dst), len(s))
	return net.scaled(dst, func(w weights) { w.fields(dst, s) })
}

// Apply sets dst = W x for any real vector x and returns dst. The notebook
// feeds such vectors (a 0/1 image plus +-1 noise) to its first step.
func (net *Network) Apply(dst, x []float64) []float64 {
	net.mustLen("Apply", len(dst), len(x))
	return net.scaled(dst, func(w weights) { w.apply(dst, x) })
}

// scaled fills dst with raw fields by fill and applies the network's scale.
func (net *Network) scaled(dst []float64, fill func(weights)) []float64 {
	if net.w == nil {
		clear(dst)
		return dst
	}
	fill(net.w)
	if net.scale != 1 {
		for i := range dst {
			dst[i] *= net.scale
		}
	}
	return dst
}

// Energy returns E = -1/2 s^T W s + theta . s.
func (net *Network) Energy(s []int8) float64 {
	net.mustLen("Energy", len(s))
	var e float64
	if net.w != nil {
		e = -0.5 * net.scale * net.w.quadratic(s)
	}
	return e + net.thresholdEnergy(s)
}

// thresholdEnergy returns theta . s.
func (net *Network) thresholdEnergy(s []int8) float64 {
	var e float64
	for i, v := range net.theta {
		e += v * float64(s[i])
	}
	return e
}

func (net *Network) mustLen(fn string, lens ...int) {
	for _, l := range lens {
		if l != net.n {
			panic(fmt.Sprintf("hopfield: %s: length %d, network has %d neurons", fn, l, net.n))
		}
	}
}
