package hopfield

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Config says how a network learns and holds its weights. The zero value is
// the Hebbian rule in the form that suits N and P.
type Config struct {
	Rule Rule
	// Form chooses dense or pattern storage; AutoForm decides from N and P.
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
	// Energy is the interaction function F of the DenseAM rule, which
	// needs one; other rules ignore it.
	Energy Energy
	// MemoryLimit caps the bytes the weights may take; 0 means
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
	switch {
	case !cfg.Rule.learns():
		return nil, fmt.Errorf("hopfield: Config.Rule %v is not a learning rule (want %s)", cfg.Rule, ruleList)
	case cfg.Form < AutoForm || cfg.Form > PatternForm:
		return nil, fmt.Errorf("hopfield: unknown form %d", int(cfg.Form))
	case cfg.Rule == Storkey && cfg.Form == PatternForm:
		return nil, errors.New("hopfield: the Storkey rule has no pattern form; use DenseForm or AutoForm")
	case cfg.Literal && cfg.Rule != Hebbian:
		return nil, errors.New("hopfield: Config.Literal (0/1 patterns) is for the Hebbian rule only")
	case cfg.Rule == DenseAM && cfg.Form == DenseForm:
		return nil, errors.New("hopfield: the dense associative memory has no weight matrix; use PatternForm or AutoForm")
	case cfg.Rule == DenseAM && (cfg.Unscaled || cfg.KeepDiagonal):
		return nil, errors.New("hopfield: Config.Unscaled and KeepDiagonal are for rules with weights, not the dense associative memory")
	}
	if cfg.Rule == DenseAM {
		if err := cfg.Energy.Validate(); err != nil {
			return nil, fmt.Errorf("hopfield: Config.Energy: %w", err)
		}
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
	if net.cfg.Rule == Given {
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
	switch net.cfg.Rule {
	case Storkey:
		return net.buildStorkey(all, patterns)
	case PseudoInverse:
		return net.buildPseudoInverse(all)
	case DenseAM:
		return net.buildDAM(all)
	}
	return net.buildHebbian(all, patterns)
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

// chooseForm resolves AutoForm for p patterns.
func (net *Network) chooseForm(p int) Form {
	switch {
	case net.cfg.Rule == Storkey:
		return DenseForm
	case net.cfg.Form != AutoForm:
		return net.cfg.Form
	case 2*p <= net.n:
		return PatternForm
	}
	return DenseForm
}

// fits checks need bytes of what against the memory limit.
func (net *Network) fits(need int64, format string, args ...any) error {
	return checkMemory(fmt.Sprintf(format, args...), need, net.cfg.MemoryLimit)
}

// buildHebbian makes the Hebbian weights of all the patterns; added are the
// new ones at the end, which a dense matrix adds to what it holds. Dense
// weights take the smallest exact storage: one byte per weight while
// |w_ij| <= P fits, else float32 while every field sum is below 2^24, else
// float64 (see form_int8.go and docs/performance.md).
func (net *Network) buildHebbian(all, added [][]int8) error {
	n, p := net.n, len(all)
	if net.chooseForm(p) == PatternForm {
		if err := net.fits(mulBytes(2, int64(n), int64(p)), "pattern-form weights for N = %d, P = %d", n, p); err != nil {
			return err
		}
		h := newHebbPattern(n, all)
		net.w, net.form, net.set = h, PatternForm, &h.patternSet
		return nil
	}
	var err error
	switch {
	case p <= maxInt8Patterns:
		err = net.fits(int8Bytes(n), "dense %d x %d int8 weights", n, n)
		if d, ok := net.w.(*denseInt8); ok && err == nil {
			d.addOuter(added)
		} else if err == nil {
			net.w = hebbInt8(n, all)
		}
	case exactInFloat32(n, p):
		err = growDense[float32](net, all, added)
	default:
		err = growDense[float64](net, all, added)
	}
	if err != nil {
		return err
	}
	net.form, net.set = DenseForm, ownSet(n, all)
	return nil
}

// growDense adds the new patterns to a dense Hebbian matrix of T, or builds
// one for all of them.
func growDense[T float32 | float64](net *Network, all, added [][]int8) error {
	n := net.n
	var zero T
	if err := net.fits(mulBytes(int64(floatSize[T]()), int64(n), int64(n)), "dense %d x %d %T weights", n, n, zero); err != nil {
		return err
	}
	if d, ok := net.w.(*dense[T]); ok {
		d.addOuter(added)
	} else {
		net.w = hebbDense[T](n, all)
	}
	return nil
}

func (net *Network) buildStorkey(all, added [][]int8) error {
	n := net.n
	if err := net.fits(mulBytes(8, int64(n), int64(n)), "dense %d x %d float64 weights", n, n); err != nil {
		return err
	}
	d, ok := net.w.(*dense[float64])
	if !ok {
		d = &dense[float64]{n: n, w: make([]float64, n*n), symmetric: true}
	}
	for _, x := range added {
		storkeyAdd(d, x)
	}
	net.w, net.form, net.set = d, DenseForm, ownSet(n, all)
	return nil
}

func (net *Network) buildPseudoInverse(all [][]int8) error {
	n, p := net.n, len(all)
	form := net.chooseForm(p)
	need := mulBytes(10, int64(n), int64(p))
	what := fmt.Sprintf("pattern-form pseudo-inverse weights for N = %d, P = %d", n, p)
	if form == DenseForm {
		need += mulBytes(8, int64(n), int64(n))
		what = fmt.Sprintf("dense %d x %d float64 weights", n, n)
	}
	if err := net.fits(need, "%s", what); err != nil {
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
		net.w, net.form = pinvDense(pp), DenseForm
	}
	net.set = &set
	net.symmetricZeroDiag = !net.cfg.KeepDiagonal
	return nil
}

func (net *Network) buildDAM(all [][]int8) error {
	n, p := net.n, len(all)
	if e := net.cfg.Energy; (e.Kind == Poly || e.Kind == RectPoly) && float64(e.Power)*math.Log10(float64(n+2)) > 300 {
		return fmt.Errorf("hopfield: energy %v on %d neurons reaches (N+2)^%d = 1e%.0f, beyond float64's range: use a smaller power or lse",
			e, n, e.Power, float64(e.Power)*math.Log10(float64(n+2)))
	}
	// The patterns, bit-packed and by neuron, a run's per-pattern state, and
	// the exponential energies' table of 2N+1 weights.
	if err := net.fits(mulBytes(9, int64(n), int64(p))/8+mulBytes(24, 1, int64(p))+mulBytes(16, 1, int64(n)), "dense associative memory of N = %d, P = %d", n, p); err != nil {
		return err
	}
	d := newDAM(n, all, net.cfg.Energy)
	net.w, net.form, net.set = d, PatternForm, &d.patternSet
	return nil
}

func ownSet(n int, ps [][]int8) *patternSet {
	set := newPatternSet(n, ps)
	return &set
}

// WeightOptions say what goes with a weight matrix given to NewFromWeights.
type WeightOptions struct {
	// Thresholds theta, one per neuron; nil means all zero.
	Thresholds []float64
	// Neurons is the kind of neurons, Bipolar by default.
	Neurons Neurons
	// MemoryLimit caps the bytes the weights may take; 0 means
	// DefaultMemoryLimit.
	MemoryLimit int64
}

// NewFromWeights returns a network with the given N x N weights. The
// weights need not be symmetric: the notebook's first cell uses T_ij
// uniform in [0, 1). Entries must be finite. Its Rule is Given.
func NewFromWeights(w mat.Matrix, opts WeightOptions) (*Network, error) {
	r, c := w.Dims()
	if r != c {
		return nil, fmt.Errorf("hopfield: weight matrix is %d x %d, want a square N x N matrix", r, c)
	}
	if opts.Neurons != Bipolar && opts.Neurons != Binary {
		return nil, fmt.Errorf("hopfield: unknown neuron kind %d", int(opts.Neurons))
	}
	n := r
	if err := checkMemory(fmt.Sprintf("dense %d x %d float64 weights", n, n), mulBytes(8, int64(n), int64(n)), opts.MemoryLimit); err != nil {
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
	net := &Network{n: n, cfg: Config{Rule: Given}, neurons: opts.Neurons, form: DenseForm, scale: 1, w: d,
		symmetricZeroDiag: d.symmetric && zeroDiag}
	if err := net.SetThresholds(opts.Thresholds); err != nil {
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

// Rule returns the learning rule, or Given for a network built from weights.
func (net *Network) Rule() Rule { return net.cfg.Rule }

// Form returns how the weights are held: DenseForm or PatternForm.
func (net *Network) Form() Form { return net.form }

// Neurons returns the kind of neurons.
func (net *Network) Neurons() Neurons { return net.neurons }

// Scale is the factor between the stored (raw) weights and W: 1/N for the
// scaled Hebbian rule, 1 otherwise.
func (net *Network) Scale() float64 { return net.scale }

// HasWeights reports whether the network has a weight matrix W, which
// Weight, Apply and WeightBlocks read. Every rule has one (all zero before
// the first pattern is stored) but the dense associative memory, whose
// energy is not quadratic in the state: it has none even before Store.
func (net *Network) HasWeights() bool { return net.cfg.Rule != DenseAM }

// mustHaveWeights panics naming fn if the network has no weight matrix.
func (net *Network) mustHaveWeights(fn string) {
	if !net.HasWeights() {
		panic(fmt.Sprintf("hopfield: %s: a %v network has no weight matrix (see HasWeights)", fn, net.cfg.Rule))
	}
}

// pairwise returns the weights as a matrix, or panics naming fn.
func (net *Network) pairwise(fn string) pairwise {
	net.mustHaveWeights(fn)
	w, ok := net.w.(pairwise)
	if !ok {
		panic(fmt.Sprintf("hopfield: internal error: %s: %v weights %T are not a matrix", fn, net.cfg.Rule, net.w))
	}
	return w
}

// Pattern returns a copy of stored pattern mu.
func (net *Network) Pattern(mu int) []int8 {
	if mu < 0 || mu >= net.P() {
		panic(fmt.Sprintf("hopfield: Pattern(%d): the network holds %d patterns", mu, net.P()))
	}
	return net.set.pattern(mu)
}

// Overlaps sets dst[mu] = m_mu = (1/N) xi^mu . s for every stored pattern
// and returns dst (see the package doc on dst). It works on the packed
// patterns, O(NP/64), without unpacking any.
func (net *Network) Overlaps(dst []float64, s []int8) []float64 {
	net.mustLen("Overlaps", len(s))
	p := net.P()
	dst = grow(dst, p)
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

// Weight returns W_ij, computed from the patterns in the pattern form. It
// panics if the network has no weight matrix (see HasWeights).
func (net *Network) Weight(i, j int) float64 {
	net.mustHaveWeights("Weight")
	if net.w == nil {
		return 0
	}
	return net.scale * net.pairwise("Weight").at(i, j)
}

func (net *Network) threshold(i int) float64 {
	if net.theta == nil {
		return 0
	}
	return net.theta[i]
}

// Fields sets dst[i] = sum_j W_ij s_j for the state s and returns dst (see
// the package doc on dst). For a dense associative memory the field is half
// the energy difference E(s_i = -1) - E(s_i = +1). It panics if s does not
// have N values.
func (net *Network) Fields(dst []float64, s []int8) []float64 {
	net.mustLen("Fields", len(s))
	dst = grow(dst, net.n)
	return net.scaled(dst, func(w weights) { w.fields(dst, s) })
}

// Apply sets dst = W x for any real vector x and returns dst (see the
// package doc on dst). The notebook feeds such vectors (a 0/1 image plus +-1
// noise) to its first step. It panics if x does not have N values or the
// network has no weight matrix (see HasWeights).
func (net *Network) Apply(dst, x []float64) []float64 {
	net.mustLen("Apply", len(x))
	net.mustHaveWeights("Apply")
	dst = grow(dst, net.n)
	return net.scaled(dst, func(w weights) { net.pairwise("Apply").apply(dst, x) })
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

// Energy returns the energy of s: E = -1/2 s^T W s + theta . s, or
// E = -sum_mu F(xi^mu . s) for a dense associative memory.
func (net *Network) Energy(s []int8) float64 {
	net.mustLen("Energy", len(s))
	return net.energy(s, nil)
}

// energy is Energy with the overlaps a run keeps, if any.
func (net *Network) energy(s []int8, ov *overlapCounter) float64 {
	var e float64
	if net.w != nil {
		e = net.w.energy(s, net.scale, ov)
	}
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

// grow returns dst resized to n values, reusing its storage when it has the
// capacity: the convention of every dst argument in this package.
func grow[T any](dst []T, n int) []T {
	if cap(dst) < n {
		return make([]T, n)
	}
	return dst[:n]
}
