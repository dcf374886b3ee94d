// Package theory holds the analytical results for Hopfield networks that the
// library, CLI and web lab compare their simulations against: the
// Amit-Gutfreund-Sompolinsky capacity, the one-step error probability (large-N
// and exact finite-N), perfect-recall capacity bounds, the mean-field overlap
// under Glauber dynamics, and the law of the crosstalk between random
// patterns; and, for comparison with other models and regimes, the
// capacities of dense (polynomial and exponential) associative memories
// and of continuous modern Hopfield networks, the replica-symmetric phase
// diagram at T > 0 and the mixture states at vanishing load.
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
// At alpha > 0 the retrieval region shrinks (the AGS phase diagram,
// section 9). [GlauberOverlapCurve] maps a slice of temperatures.
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
// # 6. Dense associative memories
//
// Krotov & Hopfield (2016) replace the quadratic energy by
// E = -sum_mu F(xi^mu . s) with F(x) = x^n, n >= 2 (n = 2 is the Hopfield
// network), and update bit i to the sign that gives the lower energy. From a
// stored pattern the energy difference of a flip has a signal
// N^n - (N-2)^n ≈ 2 n N^(n-1) and, over K random patterns, a Gaussian
// crosstalk of variance 4 n^2 (2n-3)!! K N^(n-1) ((2n-3)!! N^(n-1) is the
// Gaussian moment E[X^(2n-2)] of the overlap X of a random pattern, whose
// variance is N; the paper writes K-1 for K). Hence
//
//	P_error = Phi(-1/sqrt((2n-3)!! alpha)),  alpha = K / N^(n-1),
//
// [DenseOneStepError], and the paper's asymptotic form phi(x)/x of that
// tail, sqrt((2n-3)!! K/(2 pi N^(n-1))) exp(-N^(n-1)/(2 K (2n-3)!!))
// ([DenseOneStepErrorPaper]), which overstates it by 1/x^2 relative (12 %
// at P_error = 0.5 %). The load at a given error is
//
//	alpha_n = 1 / ((2n-3)!! Phi^-1(p)^2)        (exact tail, [DenseCapacityAlpha])
//	alpha_n = 1 / ((2n-3)!! W0(1/(2 pi p^2)))   (paper form, [DenseCapacityAlphaPaper])
//
// the second by solving v e^v = 1/(2 pi p^2) for v = 1/((2n-3)!! alpha) with
// the Lambert function ([LambertW0]). At p = 0.005 these are 0.1507, 0.0502,
// 0.0100 and the paper's 0.1463, 0.0488, 0.0098 for n = 2, 3, 4. Requiring
// P_error < 1/N for every bit gives the error-free capacity
// [DenseErrorFreeCapacity], K = N^(n-1) / (2 (2n-3)!! ln N) (10.86, 361.9,
// 7238 at N = 100), which for n = 2 is [McElieceEach]. [DoubleFactorial]
// supplies (2n-3)!!.
//
// Validity: N, K -> inf at fixed alpha; one update from an exact stored
// pattern (like section 2); Gaussian crosstalk, a central-limit
// approximation that needs K large; the error-free count is a leading-order
// asymptotic.
//
// # 7. Exponential energy
//
// With F(x) = exp(x) (Demircigil, Heusel, Löwe, Upgang & Vermet 2017) the
// capacity becomes exponential in N: M = exp(alpha N) random patterns are
// stored, and a pattern with rho N flipped bits is mapped back to it by one
// update of all bits, with probability tending to 1, if
//
//	alpha < alpha(rho) = I(1 - 2 rho) / 2,  I(x) = ((1+x) ln(1+x) + (1-x) ln(1-x)) / 2,
//
// I the large-deviation rate of an average of +-1 coin flips ([DemircigilRate];
// alpha(0) = ln(2)/2, so about 2^(N/2) patterns, and alpha(0.1) = 0.1840).
// [DemircigilCapacity] returns exp(N alpha(rho)) (361 at N = 32, 1574 at
// N = 40 for rho = 0.1; the paper counts exp(alpha N) + 1). These are
// sufficient conditions at leading exponential order; the prefactor is not
// controlled and finite networks can retrieve many more patterns.
//
// # 8. Continuous modern Hopfield networks
//
// Ramsauer et al. (2020) take continuous states xi in R^d, N patterns x_i
// (called P here where it clashes with the neuron count), the energy
// E = -lse(beta, X^T xi) + xi^T xi/2 + ln(N)/beta + M^2/2 with
// M = max_i ||x_i||, and the update xi <- X softmax(beta X^T xi) (attention).
// Their Theorem 3 ([RamsauerStorage]) bounds the storage capacity for
// patterns uniform on the sphere of radius M = K sqrt(d-1): with failure
// probability p,
//
//	a = 2/(d-1) (1 + ln(2 beta K^2 p (d-1))),  b = 2 K^2 beta / 5,
//	c = b / W0(exp(a + ln b)),  N >= sqrt(p) c^((d-1)/4)
//
// provided c >= (2/sqrt(p))^(4/(d-1)). The paper's examples are reproduced:
// c = 3.1546, N >= 7.41 (beta = 1, K = 3, d = 20, p = 0.001) and
// c = 1.3719 (printed 1.3718, apparently truncated), N >= 10.97 (K = 1,
// d = 75). W0(exp(y)) is evaluated as the root of w + ln w = y when
// exp(y) would overflow. Theorem 5 bounds the error of one update from a
// query xi near pattern x_i by ([RamsauerRetrievalBound])
//
//	||f(xi) - x_i|| <= 2 (N-1) exp(-beta (Delta_i - 2 max(||xi - x_i||, ||x_i* - x_i||) M)) M,
//
// with the separation Delta_i = x_i . x_i - max_{j != i} x_i . x_j, and,
// when both distances are below 1/(2 beta M), by 2 e (N-1) M exp(-beta
// Delta_i) ([RamsauerRetrievalBoundNear]); Delta_i is a property of the
// stored patterns and is computed by the engine. Both are upper bounds,
// not estimates, and need not be tight.
//
// Lambert W ([LambertW0]) is computed by Halley's iteration from a
// branch-point series, a log-based or a ln x - ln ln x start; W0(-1/e) = -1,
// W0(1) = 0.5671432904097838, W0(e) = 1.
//
// # 9. The phase diagram at T > 0
//
// The replica-symmetric theory of Amit, Gutfreund & Sompolinsky (1985,
// 1987) at temperature T (Glauber convention of section 4, beta = 1/T)
// describes the states by the overlap m, the Edwards-Anderson parameter q
// and the noise r of the P-1 uncondensed patterns ([RSSolve]):
//
//	m = E[tanh(beta (m + sqrt(alpha r) Z))],  q = E[tanh^2(beta (m + sqrt(alpha r) Z))],
//	r = q / (1 - beta (1-q))^2,
//
// Z standard normal, the stationarity conditions of the free energy per
// neuron
//
//	f = alpha/2 + m^2/2 + (alpha/2beta) [ln(1 - beta(1-q)) - beta q/(1 - beta(1-q))]
//	    + alpha beta r (1-q)/2 - (1/beta) E[ln 2cosh(beta (m + sqrt(alpha r) Z))]
//
// (the derivatives in r, q and m give the three equations; at alpha = 0 it
// is the Curie-Weiss m^2/2 - T ln 2cosh(m/T)). At T = 0 with C = beta(1-q)
// finite it becomes f = -m^2/2 + alpha (1-r)/2 with r = 1/(1-C)^2, the
// energy -m^2/2 - (1/2) sum_mu>1 m_mu^2 + alpha/2 of the state, so that
// the retrieval state of section 1 has f = -m^2/2 + alpha/2 - m^2/(4 y^2)
// and the spin glass (m = 0, sqrt(r) = 1 + sqrt(2/(pi alpha))) has
// f = -1/pi - sqrt(2 alpha/pi).
//
// Lines of the phase diagram:
//
//	T_g(alpha) = 1 + sqrt(alpha)   [SpinGlassTemperature]  spin glass (q > 0) exists below
//	T_M(alpha)                     [RetrievalTemperature]  retrieval states exist below
//	T_c(alpha)                     [GlobalMinimumTemperature]  retrieval is the global minimum below
//
// with inverses alpha_M(T) ([RetrievalLoad]) and alpha_c(T)
// ([GlobalMinimumLoad]). Computed values: T_M ≈ 1 - 1.95 sqrt(alpha) near
// alpha = 0 (AGS 1987; the computed slope is 1.954), alpha_M(0) =
// 0.137906 = [AGSCriticalLoad]; T_c ≈ 1 - 2.60 sqrt(alpha),
// alpha_c(0) = 0.05185 (AGS: 0.051). [RSOverlap] is m of the retrieval
// state; it equals [AGSRetrieval] at T = 0 and [GlauberOverlap] at
// alpha = 0.
//
// Reentrance: both lines are reentrant at low T in replica symmetry.
// alpha_M(T) rises from 0.137906 at T = 0 to a maximum 0.138189 at
// T = 0.0229 ([RetrievalLoadMax]) before falling, so T_M(alpha_c) ≈ 0.046
// and T_M jumps to 0 only above 0.138189; alpha_c(T) rises from 0.05185 to
// 0.05313 at T ≈ 0.085. This is an artefact of replica symmetry at low T,
// where RS entropies turn negative (the spin glass's free energy visibly
// rises with T); Steffan & Kühn (1994) found it survives one and two steps of replica
// symmetry breaking (their 1RSB capacity 0.138186 lies inside the RS
// reentrant region) and conjecture that full breaking removes it. The
// functions report the RS theory as it is: "highest temperature" is meant
// literally.
//
// Numerics. At fixed beta the solutions are parametrized by the noise
// s = beta sqrt(alpha r): with x = beta m, the m equation
// x = beta E[tanh(x + s Z)] has, for fixed s, a concave right side and at
// most one positive root (Newton from x = beta, monotone), which exists for
// s below sEnd(beta), the root of beta E[sech^2(s Z)] = 1; the r equation
// then gives the load explicitly, alpha = (s/beta)^2 (1 - beta(1-q))^2 / q.
// The retrieval branch s -> alpha(s) vanishes at both ends and has one
// maximum, alpha_M(T) (golden-section search); the stable retrieval state
// is the root on its rising side (bisection), the spin glass the x = 0
// point with s > sEnd. So there is no fixed-point iteration: a damped
// iteration from (m, q) = (1, 1) converges to the same state but slows
// down without bound at the spinodal (the tests use it as a check away
// from it). The Gaussian averages split tanh, sech^2 and ln 2cosh into
// closed-form parts (erf, the folded-normal mean) and parts that decay
// like exp(-2|a|), integrated by composite 16-point Gauss-Legendre rules
// (nodes from gonum's quad.Legendre) on panels of width min(2, 3 s) over
// |a| <= 20, split at a = 0; this stays accurate to about 1e-16 at any
// temperature, where fixed Gauss-Hermite rules fail at low T because the
// integrand is a step. Costs: RSSolve some 4 ms, RetrievalTemperature
// 0.15 s, GlobalMinimumLoad 0.2 s, GlobalMinimumTemperature 0.5 s.
//
// Validity: N -> inf; equilibrium; replica symmetry, which fails for the
// retrieval states below their de Almeida-Thouless line at low T (not
// computed here).
//
// # 10. Mixture states
//
// At alpha = 0 the free energy as a function of the overlaps m_mu with
// finitely many patterns is
//
//	f(m) = |m|^2/2 - T E_xi[ln 2cosh(beta m . xi)],
//
// stationary where m = E[xi tanh(beta m . xi)]. Besides the retrieval
// states (one m_mu nonzero) it has symmetric mixtures of s patterns,
// m = (m_s, ..., m_s, 0, ...), with ([MixtureOverlap])
//
//	m_s = E[z_1 tanh(beta m_s (z_1 + ... + z_s))],  z uniform on {-1,+1}^s,
//
// evaluated as a sum over S = z_1 + ... + z_s = 2B - s, B ~ Binomial(s, 1/2),
// with E[z_1 | S] = S/s. All branch off m = 0 at T = 1; at T = 0,
// m_s = E|S|/s (1/2 for s = 3: the mixture sign(xi^1 + xi^2 + xi^3) agrees
// with each pattern on 3/4 of the bits). Their stability is given by the
// Hessian H = 1 - beta E[xi xi^T sech^2(beta m . xi)], whose eigenvalues at a
// symmetric s-mixture are
//
//	1 - beta D                    patterns outside the mixture,
//	1 - beta D + (s-1) beta Q2    all s overlaps together,
//	1 - beta D - beta Q2          the s-1 directions that unbalance the mixture,
//
// D = E[sech^2(beta m_s S)], Q2 = E[z_1 z_2 tanh^2(beta m_s S)] (the
// off-diagonal element is -beta E[z_1 z_2 sech^2] = beta Q2). For odd s the
// last one turns negative at T_s ([MixtureStabilityTemperature]):
// T_3 = 0.4598 (for s = 3 it reads 1 - beta sech^2(beta m_3); AGS 1985: "below
// T ≈ 0.46", printed 0.461), T_5 = 0.3847, T_7 = 0.3439, decreasing slowly
// with s. Even mixtures are unstable at all T (at low T the field vanishes
// on the sign vectors with S = 0). Validity: alpha = 0 (P finite); the
// mixtures at alpha > 0 (AGS 1987) are not computed here.
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
//   - D. Krotov, J. J. Hopfield, Dense associative memory for pattern
//     recognition, NeurIPS 29 (2016), arXiv:1606.01164.
//   - M. Demircigil, J. Heusel, M. Löwe, S. Upgang, F. Vermet, On a model of
//     associative memory with huge storage capacity, J. Stat. Phys. 168, 288
//     (2017).
//   - H. Ramsauer et al., Hopfield networks is all you need, ICLR 2021,
//     arXiv:2008.02217 (v3).
//   - R. M. Corless, G. H. Gonnet, D. E. G. Hare, D. J. Jeffrey, D. E. Knuth,
//     On the Lambert W function, Adv. Comput. Math. 5, 329 (1996).
//   - H. Steffan, R. Kühn, Replica symmetry breaking in attractor neural
//     network models, Z. Phys. B 95, 249 (1994).
package theory
