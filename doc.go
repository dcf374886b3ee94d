// Package hopfield implements Hopfield associative-memory networks: binary
// neurons coupled by a weight matrix, whose dynamics recall a stored pattern
// from a partial or noisy cue.
//
// # Model
//
// A network has N neurons with states s_i, weights w_ij and thresholds
// theta_i. The field on neuron i is h_i = sum_j w_ij s_j, and an update sets
//
//	s_i = high  if h_i > theta_i
//	s_i = low   if h_i < theta_i
//	s_i = the tie rule's choice  if h_i == theta_i
//
// where high/low are +1/-1 for [Bipolar] neurons and 1/0 for [Binary] ones
// (Hopfield 1982; the notebook's first cell). The energy
//
//	E = -1/2 s^T W s + theta . s
//
// never increases under asynchronous updates when W is symmetric with a zero
// diagonal; synchronous dynamics then end at a fixed point or a 2-cycle
// (Bruck 1990).
//
// # Learning rules
//
// A [Network] is built by [New] and [Network.Store], or by [Learn], with a
// [Config] naming the [Rule] (the zero Config is the Hebbian rule):
//
//   - [Hebbian]: w_ij = (1/N) sum_mu xi_i^mu xi_j^mu, w_ii = 0. Config.Unscaled
//     keeps the integer sum as the notebook writes it (np.outer sums); the
//     dynamics are the same. Config.Literal accepts 0/1 patterns as they are,
//     as the notebook does with its 100x100 images.
//
//   - [Storkey]: the incremental rule of Storkey (1997),
//     w_ij += (xi_i xi_j - xi_i h_ji - h_ij xi_j)/N with
//     h_ij = sum_{k != i,j} w_ik xi_k, computed in O(N^2) per pattern and
//     tested against the literal O(N^3) definition.
//
//   - [PseudoInverse]: W = Xi^T (Xi Xi^T)^-1 Xi, which makes every linearly
//     independent pattern a fixed point. The self-coupling is removed unless
//     Config.KeepDiagonal is set. Dependent patterns are an error.
//
//   - [DenseAM]: the dense associative memory of Krotov and Hopfield (2016,
//     "Dense associative memory for pattern recognition") and Demircigil et
//     al. (2017, "On a model of associative memory with huge storage
//     capacity"): no weights, the energy E = -sum_mu F(xi^mu . s) with the
//     interaction function of Config.Energy ([Energy]: x^n, rectified x^n,
//     exp(beta x), or log-sum-exp). See "Dense associative memories" below.
//
// Any weight matrix and thresholds can be given with [NewFromWeights],
// symmetric or not, for bipolar or binary neurons; such a network's Rule is
// [Given].
//
// # Forms
//
// Weights are held in one of two [Form]s. DenseForm keeps the N x N matrix in
// the smallest type that is exact: int8 for Hebbian sums of up to 127
// patterns, float32 while every weight and every partial field sum is an
// integer below 2^24 (Hebbian with N*P < 2^24), float64 otherwise (Storkey,
// pseudo-inverse, given weights). PatternForm keeps only the patterns, bit
// packed and by neuron (about 1.125 NP bytes), as the factors of
// W = A Xi - D, and computes h = A (Xi s) - D s in O(NP) time: overlaps
// Xi s by XOR and popcount, with A = Xi^T for Hebbian (all in integers: the
// same fields as the dense matrix, bit for bit) and A = Xi^T (Xi Xi^T)^-1
// for the pseudo-inverse (fields equal to the dense ones to rounding).
// [AutoForm] picks the pattern form when 2P <= N. docs/performance.md gives
// the measurements behind these choices.
//
// Before any weights are allocated their size is checked against
// Config.MemoryLimit (default: half the physical memory); a [*MemoryError]
// says how much they would need.
//
// # Dense associative memories
//
// A [DenseAM] network updates neuron i by comparing the energies with it at
// +1 and at -1, the rest unchanged (the papers' rule):
//
//	dE_i = sum_mu F(xi_i^mu + r_mu) - F(-xi_i^mu + r_mu),  r_mu = sum_{j != i} xi_j^mu s_j,
//
// and its field is h_i = dE_i / 2, so that every schedule, tie rule,
// temperature (Glauber on the energy difference), clamp and observer works
// as for the classic rules. F(x) = x^2 is the Hebbian network: its fields are
// 2N times the scaled Hebbian ones and its trajectories identical (a test
// proves it). The network keeps the patterns bit-packed and the overlaps
// m = Xi s of the state in integers, so a field and a flip cost O(P).
//
// Exactness: for x^n every field is an exact integer, and for rectified x^n
// an exact multiple of 1/2 (F(1) - F(-1) = 1 is odd: pattern (1,1,1) and
// state (1,-1,1) give h_0 = 1/2), computed in float64 while
// 4 (P+1) ((N+2)^n - N^n) < 2^53, and rounded beyond (1e-16 relative per
// term). For exp and log-sum-exp the weights exp(beta (m_mu - M)) and
// exp(beta (m_mu - M + 2)), shifted by the largest overlap M, come from a
// table indexed by the integer M - m_mu, so nothing overflows at N = 10^6 and
// nothing that matters underflows up to [MaxBeta]; the two read the same
// shifted sums and make identical decisions (the sign of exp's field
// survives where its size leaves float64's range: +-Inf, or the smallest
// nonzero float64). The log-sum-exp field, |h| <= 1, is accurate to about
// 1e-15 at any beta. The exp energy
// -exp(beta M) sum_mu exp(beta (m_mu - M)) is -Inf past float64's range
// (beta M > 709); the log-sum-exp energy is always finite. beta is at most
// [MaxBeta].
//
// # Continuous modern Hopfield network
//
// [Softmax] is the network of Ramsauer et al., "Hopfield Networks is All You
// Need" (ICLR 2021, arXiv:2008.02217): P real-valued patterns, the rows of
// X (P x d), and a real state xi of length d, updated by
//
//	xi <- X^T softmax(beta X xi)
//
// with the energy ([Softmax.Energy])
//
//	E = -lse(beta, X xi) + xi.xi/2 + log(P)/beta + M^2/2,
//	lse(beta, z) = (1/beta) log sum_mu exp(beta z_mu),  M = max_mu ||x_mu||.
//
// The update is the concave-convex procedure on E, so E never increases, and
// 0 <= E <= 2 M^2 while ||xi|| <= M. [NewSoftmax] stores X (auto-association);
// [NewSoftmaxKV] stores keys K and values V and returns V^T softmax(beta K xi),
// the attention read-out. The inverse temperature beta (finite, > 0) belongs
// to the network, since the energy and the fixed points depend on it;
// [Softmax.WithBeta] shares the stored patterns under another beta. Small
// beta averages all patterns (beta -> 0: their mean), large beta returns the
// pattern of largest x_mu.xi.
//
// [Softmax.Step] makes one update, [Softmax.Run] iterates under
// [SoftmaxRun]: at most MaxSteps updates (DefaultMaxSteps by default),
// stopping early only after an update that moves no component by more than
// Tol (by default 1e-12 max(1, M_V) for float64 patterns and 1e-6 max(1, M_V)
// for float32, M_V the largest value norm, M in auto-association), with
// optional clamped components that keep the cue's values for a partial cue
// (the scores see the whole state). [Softmax.StepBatch] and
// [Softmax.RunBatch] take many states at once, spread over goroutines.
// Diagnostics: the weights softmax(beta X xi) ([Softmax.Weights]); [K90], the
// fewest patterns holding 90% of the weight, with Ramsauer et al.'s classes
// ([ClassOf]: I k90 > P/2, II > P/8, III > P/32, IV <= P/32) and the kind of
// fixed point ([FixedPointOf]: single pattern if k90 = 1, global average in
// class I, metastable otherwise); the separation Delta_i = x_i.x_i -
// max_{j != i} x_i.x_j ([Softmax.Separation]); and Theorem 5's bound on one
// update's retrieval error, 2 (P-1) exp(-beta (Delta_i - 2 r M)) M with
// r = max{||xi - x_i||, ||f(xi) - x_i||} (the fixed point x_i* of the theorem
// replaced by the update f(xi)), beside the actual error
// ([Softmax.RetrievalBound]).
//
// The update reads X once: one streaming pass per state keeps the running
// maximum m of the scores s_mu = beta x_mu.xi, the sum of exp(s_mu - m) and
// the weighted sum of the rows, rescaled when m grows (an online softmax).
// Every exponent is <= 0, so no exponential overflows for any beta, provided
// the scores are finite: Run refuses a cue when beta M times its norm, or
// that of a state it can reach (at most the clamped components' norm plus
// M_V), could overflow. Rows are split into fixed chunks that depend only on
// the shape, computed in parallel and merged in chunk order, so results are
// the same bit for bit at any GOMAXPROCS and the same in a batch as alone; a
// batch passes each block of up to 16 states over the rows together, while
// they are in cache.
//
// Exactness: nothing in this model is exact; every result is rounded.
// float64 patterns run in float64 (dot products and the weighted sum by
// gonum's Ddot/Daxpy, exponentials and the merge in float64), within 1e-9 of
// exact arithmetic in the tests (typically 1e-15 relative). float32 patterns
// run in float32 (Sdot/Saxpy), with the scores, exponentials, sums and merge
// in float64: results agree with the float64 update to float32 precision,
// the weights carrying the float32 rounding of the scores (about
// beta |x||xi| 1e-7). Diagnostics (weights, energy, Delta, the bound) are
// computed in float64 from exactly widened values. Patterns are checked
// (finite values, consistent shapes, squared norms that fit float64) and
// copied after a check against SoftmaxConfig.MemoryLimit ([*MemoryError]).
//
// # Dynamics
//
// [Network.Run] runs the dynamics from a cue under [RunOptions] (checked by
// [RunOptions.Validate], whose [*OptionError] names the option): an [Update]
// schedule (synchronous; asynchronous with a random neuron per update, as the
// notebook does; random-permutation sweeps; sequential; Glauber at
// temperature T), a [Tie] rule (keep, the default; plus, the notebook's
// x >= 0; minus, its x > 0), clamped neurons and limits. A run ends at a
// fixed point, a synchronous 2-cycle, or a limit, and the [Result] says which.
// Asynchronous updates keep the fields (dense) or the overlaps Xi s (pattern
// form) up to date incrementally, so an update costs O(1) or O(P) and a flip
// O(N) or O(P), never the notebook's O(N^2) recomputation of W s.
//
// An observer (RunOptions.Observe) sees every step, sweep or single-neuron
// update as an [Event]: the state, the flips, the overlaps m_mu with every
// stored pattern and the energy, so one run can feed a plot, a trace file and
// the web lab without storing the trajectory. [Trace] records them.
//
// [Network.Match] says which stored pattern a state is nearest to, by the
// one rule of [Nearest] (largest |m|, a positive overlap first), whether it
// is that pattern exactly or its reverse, and how far.
//
// # Conventions and invariants
//
//   - States are []int8. Bipolar: -1, +1, and 0 for an unknown neuron in a
//     cue, which takes a value at its first update (under TieKeep an unknown
//     neuron with a zero field takes +1) and is never 0 again. Binary: 0 and 1.
//   - Stored patterns are copied; cues are never modified; results are new
//     slices.
//   - A dst argument (Fields, Apply, Overlaps, FromZeroOne, ...) is resized
//     to the result's length, reusing its storage when it has the capacity;
//     nil allocates. The result is returned.
//   - Randomness comes only from a rand.Source (RunOptions.Source, here and
//     in package patterns; a *rand.Rand is one too). The same source state
//     gives the same run bit for bit, on every run and at any GOMAXPROCS:
//     parallel loops split work by rows and integer sums are exact.
//   - Errors are returned for bad data (pattern lengths that differ, values
//     other than +-1 or 0/1, NaN or infinite weights, a non-square matrix, a
//     negative temperature, dependent patterns for the pseudo-inverse). A
//     mismatched length in a call such as Fields, which is a programming
//     error, panics with a message that names the function.
//
// # Where we differ from the notebook
//
// The notebook's first cell reads S[:,k] but writes only one neuron of
// S[:,k+1], so its state is not carried from one step to the next; we carry
// it (that is what it means). Its loop index starts at -1 (np.arange(K)-1);
// we count updates from 1. Its sign(0) is +1 in the 5x5 cell and -1 elsewhere;
// here it is an explicit [Tie] rule, keep by default. Its 100x100 cells feed
// 0/1 images to a rule meant for +-1 patterns; [Config].Literal reproduces
// that, and the default rejects it.
package hopfield
