// Package theory holds the analytical results for Hopfield networks that the
// library, CLI and web lab compare their simulations against: the
// Amit-Gutfreund-Sompolinsky capacity, the one-step error probability (large-N
// and exact finite-N), perfect-recall capacity bounds, the mean-field overlap
// under Glauber dynamics, and the law of the crosstalk between random
// patterns.
//
// # Conventions
//
// Patterns xi^mu (mu = 1..P) are vectors of N independent, unbiased +-1 bits.
// Weights are Hebbian with zero diagonal,
//
//	w_ij = (1/N) sum_mu xi_i^mu xi_j^mu  (i != j),  w_ii = 0,
//
// the local field is h_i = sum_j w_ij s_j, a deterministic update sets
// s_i = sign(h_i), and the load is alpha = P/N. The results that depend only
// on the sign of h_i (one-step error, crosstalk) do not depend on the 1/N.
//
// Scalar functions return NaN for invalid arguments (negative load or
// temperature, N < 1, ...) as the math package does; [CrosstalkPMF],
// [CrosstalkMean] and [CrosstalkVariance] panic on invalid sizes, since
// they return or describe slices. The curve helpers return a new slice of
// the same length as their argument, value by value, for plotting.
//
// # 1. AGS retrieval at T = 0
//
// The replica-symmetric theory of Amit, Gutfreund & Sompolinsky (1985, 1987)
// gives, at T = 0 and N -> inf, the overlap m of a retrieval state with its
// pattern through
//
//	m = erf(y),  y = m / sqrt(2 alpha r),
//	C = sqrt(2/(pi alpha r)) exp(-y^2),  r = 1/(1-C)^2,
//
// which eliminate to one equation in y:
//
//	erf(y) = y (sqrt(2 alpha) + (2/sqrt(pi)) exp(-y^2)).
//
// y = 0 (m = 0) always solves it. Writing it as G(y) = sqrt(2 alpha) with
// G(y) = erf(y)/y - (2/sqrt(pi)) exp(-y^2), G rises from G(0) = 0 to a single
// maximum at y* and then falls like 1/y; so nonzero roots exist exactly for
// alpha <= alpha_c = G(y*)^2/2. [AGSCriticalLoad] computes y* by bisection of
// G'(y) = 0 on [0.5, 3] and returns
//
//	alpha_c = 0.1379055665...,  m(alpha_c) = erf(y*) = 0.9674171...,  y* = 1.5112...
//
// (literature: 0.138 and 0.967). [AGSRetrieval] returns the overlap of the
// retrieval (larger) root, found by bisection on [y*, max(y*, 1/sqrt(2 alpha))];
// the smaller root is the unstable one and is not returned. m(alpha) falls
// continuously from 1 at alpha = 0 (1 - m = erfc(y) with y ≈ 1/sqrt(2 alpha):
// exponentially small) to 0.967 at alpha_c, where it has a square-root
// singularity, and then jumps to 0: the transition is first order. [AGSRetrievalCurve] reports 0 past alpha_c
// (the only solution left) and NaN for invalid loads.
//
// Validity: N -> inf; T = 0; equilibrium (the fixed points of the dynamics,
// not the first step); replica symmetry, which is not exact: replica symmetry
// breaking raises alpha_c only slightly (by a few 1e-4). Finite networks
// show a smooth crossover around alpha_c, and at alpha_c a retrieval state
// still has (1-m)/2 ≈ 1.6 % wrong bits.
//
// # 2. One-step error at a stored pattern
//
// Start the network in stored pattern nu and update neuron i once. Then
//
//	xi_i^nu h_i ∝ (N-1) + C,  C = sum over j != i, mu != nu of
//	                             xi_i^nu xi_i^mu xi_j^mu xi_j^nu,
//
// a signal N-1 plus a crosstalk C made of n = (P-1)(N-1) terms that are
// independent, uniform +-1 and independent of xi_i^nu, so
// C = 2 Binomial(n, 1/2) - n. The bit flips when xi_i^nu h_i < 0.
//
// Large N ([OneStepErrorLargeN], Hertz, Krogh & Palmer 1991, §2.2): C/N is
// Gaussian with variance alpha, and
//
//	P_error = P(C/N < -1) = 1/2 erfc(sqrt(1/(2 alpha))) = Phi(-1/sqrt(alpha)).
//
// This reproduces their table: P_error = 0.001, 0.0036, 0.01, 0.05, 0.1 at
// P/N = 0.105, 0.138, 0.185, 0.37, 0.61. [OneStepErrorLargeNInv] inverts it,
// alpha = 1/Phi^-1(p)^2 for 0 <= p <= 1/2 (via mathext.NormalQuantile, which
// stays accurate for tiny p).
//
// Exact finite N ([OneStepErrorExact]): with B ~ Binomial((P-1)(N-1), 1/2)
// the flip condition C < -(N-1) reads B < t = (P-2)(N-1)/2. When t is an
// integer, B = t gives a field exactly 0, and the outcome depends on the
// [Tie] rule: [TieKeep] keeps the bit (no flip); [TiePlus] and [TieMinus]
// set it to +1 or -1, which is a flip with probability 1/2 because xi_i^nu is
// +-1 with equal probability independently of C. Hence
//
//	P_error = P(B < t) + w P(B = t),  w = 0 (keep), 1/2 (+1 or -1).
//
// Special cases: N = 1 has field 0 always (P_error = w); P = 1 has no
// crosstalk (0 for N > 1); P = 2 flips only on the tie B = 0. For large N the
// law is close to Phi(-sqrt((N-1)/(P-1))) and tends to the large-N law at
// fixed alpha (N = 10000, alpha = 0.138: 0.003540 vs 0.003552), but for small
// networks it differs markedly (N = 100, P = 14: 0.00265 keep, 0.00289 +1,
// vs 0.00376).
//
// Numerics: the probabilities of single values use Loader's saddle-point
// expansion (the algorithm of R's dbinom), which avoids the cancellation of
// lgamma differences and keeps relative error at about
// 8 eps (1 + |ln P|). The tail P(B <= k) is summed from its end nearest the
// mode outwards (the shorter tail, by the symmetry of Binomial(n, 1/2)),
// with compensated summation and periodic re-anchoring, until the remaining
// terms are below 1e-17 of the sum; that takes O(sqrt n) terms, about 1e7
// (tens of milliseconds) at n = 1e12. This is exact to about 1e-13 relative
// (1e-12 in the far tails, P < 1e-100) for n = (P-1)(N-1) <= 1e12. Beyond 1e12 the normal approximation with
// continuity correction is used; for p = 1/2 its error is O(1/n), i.e. below
// 1e-12 absolute and 1e-9 relative for |z| <= 8. (gonum's
// mathext.RegIncBeta, tried as an alternative, agrees to 1e-10 up to
// n = 1e5 but degrades beyond, to wrong values near the centre at
// n >= 1e7, and is only used as a check in the tests.)
//
// Validity: one update from an exact stored pattern; says nothing about
// later steps (errors cascade: at alpha = 0.138 the one-step 0.36 % grows to
// the 1.6 % of the AGS fixed point) or about the joint event that a whole
// pattern is stable, since the bits of one pattern are not independent.
//
// # 3. Perfect-recall capacity bounds
//
// Asymptotic numbers of random patterns P(N) that can be stored as exact
// fixed points, with probability -> 1 as N -> inf:
//
//	McElieceAll(N)           N/(4 ln N)        Hebb: all P patterns exact at once
//	McElieceEach(N)          N/(2 ln N)        Hebb: any given pattern exact
//	StorkeyCapacity(N)       N/sqrt(2 ln N)    Storkey's local incremental rule
//	PseudoInverseCapacity(N) N                 projection rule, linearly independent patterns
//
// The first two are McEliece, Posner, Rodemich & Venkatesh (1987); under
// McElieceEach most patterns are exact but, typically, not all of them. They
// are leading-order asymptotics, not finite-N guarantees, and they are far
// below the 0.138 N of the AGS theory, which allows a small fraction of
// wrong bits. Storkey's figure is from Storkey (1997); the pseudo-inverse
// rule W = Xi (Xi^T Xi)^-1 Xi^T (Personnaz, Guyon & Dreyfus 1985; Kanter &
// Sompolinsky 1987) makes any P <= N linearly independent patterns exact
// fixed points. The N-dependent functions return NaN for N < 2 (ln N = 0 at
// N = 1), PseudoInverseCapacity for N < 1.
//
// # 4. Glauber dynamics at vanishing load
//
// Under Glauber dynamics at temperature T, with
//
//	P(s_i = +1) = 1 / (1 + exp(-2 h_i / T)),  i.e.  E[s_i] = tanh(h_i / T),
//
// and P finite as N -> inf (alpha -> 0), the retrieval overlap solves the
// Curie-Weiss equation (Amit, Gutfreund & Sompolinsky 1985, Phys. Rev. A)
//
//	m = tanh(m / T).
//
// [GlauberOverlap] returns 1 at T = 0, the unique positive root for
// 0 < T < 1 (by Newton's method from m = 1, which converges monotonically
// because m - tanh(m/T) is convex on m > 0) and 0 for T >= 1: T_c = 1, and
// near it m ≈ sqrt(3 (1 - T)). A simulation that instead uses
// P(s_i = +1) = 1/(1 + exp(-h_i/T')) must pass T = 2 T' (its T_c is 1/2).
// At alpha > 0 the retrieval region shrinks (the AGS phase diagram); that is
// not implemented here. [GlauberOverlapCurve] maps a slice of temperatures.
//
// # 5. Crosstalk between random patterns
//
// For random +-1 vectors xi and S of length N, sum_i xi_i S_i =
// 2 Binomial(N, 1/2) - N: mean 0, variance N, so patterns are
// pseudo-orthogonal, their normalized overlap being O(1/sqrt N). If S agrees
// with xi on nOverlap positions and is random elsewhere,
//
//	sum_i xi_i S_i = nOverlap + 2 Binomial(M, 1/2) - M,  M = N - nOverlap,
//
// with mean nOverlap and variance M. [CrosstalkPMF] returns its values
// (step 2) and exact probabilities, [CrosstalkMean] and [CrosstalkVariance]
// the moments; this is the law behind the notebook's pseudo-orthogonality
// experiment.
//
// # References
//
//   - D. J. Amit, H. Gutfreund, H. Sompolinsky, Spin-glass models of neural
//     networks, Phys. Rev. A 32, 1007 (1985).
//   - D. J. Amit, H. Gutfreund, H. Sompolinsky, Storing infinite numbers of
//     patterns in a spin-glass model of neural networks, Phys. Rev. Lett. 55,
//     1530 (1985).
//   - D. J. Amit, H. Gutfreund, H. Sompolinsky, Statistical mechanics of
//     neural networks near saturation, Ann. Phys. 173, 30 (1987).
//   - J. Hertz, A. Krogh, R. G. Palmer, Introduction to the Theory of Neural
//     Computation, Addison-Wesley (1991), ch. 2.
//   - R. J. McEliece, E. C. Posner, E. R. Rodemich, S. S. Venkatesh, The
//     capacity of the Hopfield associative memory, IEEE Trans. Inf. Theory 33,
//     461 (1987).
//   - A. Storkey, Increasing the capacity of a Hopfield network without
//     sacrificing functionality, ICANN'97, LNCS 1327, 451 (1997).
//   - L. Personnaz, I. Guyon, G. Dreyfus, Information storage and retrieval
//     in spin-glass like neural networks, J. Physique Lett. 46, L359 (1985).
//   - I. Kanter, H. Sompolinsky, Associative recall of memory without errors,
//     Phys. Rev. A 35, 380 (1987).
//   - C. Loader, Fast and accurate computation of binomial probabilities
//     (2000), the algorithm of R's dbinom.
package theory
