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
//   - [Storkey]: the incremental rule of Storkey (1997),
//     w_ij += (xi_i xi_j - xi_i h_ji - h_ij xi_j)/N with
//     h_ij = sum_{k != i,j} w_ik xi_k, computed in O(N^2) per pattern and
//     tested against the literal O(N^3) definition.
//   - [PseudoInverse]: W = Xi^T (Xi Xi^T)^-1 Xi, which makes every linearly
//     independent pattern a fixed point. The self-coupling is removed unless
//     Config.KeepDiagonal is set. Dependent patterns are an error.
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
