// Package capacity runs capacity experiments on Hopfield networks: sweeps
// over learning rules (the dense associative memory among them), network
// sizes N, loads alpha = P/N or numbers of patterns P, and cue noise, with
// the analytical results of package theory side by side. The hopfield
// command's "capacity" and "merge" subcommands and its capacity experiments
// are thin layers over it.
//
// # The grid
//
// A [Spec] names the rules, sizes, loads and noise levels; their product is
// the grid of [Cell]s, in the canonical order rule, N, noise, then P
// ascending ([Spec.Cells]). A load given as alpha stores P = round(alpha N)
// patterns, one given in Spec.Ps stores P (dense memories hold far more
// than N); a cell reports alpha as P/N, the load actually stored, and loads
// that give the same P make a single cell. The hopfield.DenseAM rule takes
// its interaction function from Spec.Energy, which no other rule has;
// Spec.KeepDiagonal applies to the pseudo-inverse rule only.
//
// Each cell is measured on Trials independent networks. A network stores P
// random unbiased +-1 patterns and Probes of them (10 by default, at most
// P), chosen uniformly, are probed. Every probe records every [Measure] of
// the spec:
//
//   - Fixed: 1 if the pattern is a fixed point under every tie rule, each
//     field having the sign of its bit (xi_i h_i > 0), else 0. A zero field
//     counts as unstable.
//   - OneStep: the fraction of the pattern's bits that flip when each neuron
//     is updated once from it, a zero field settled by Spec.Tie: the
//     one-step bit error rate.
//   - Overlap: |m| = |xi . s|/N at the end of asynchronous dynamics
//     (random-permutation sweeps, Spec.Tie for a zero field) started from
//     the pattern, or from a cue with round(noise N) bits flipped, run to a
//     fixed point or MaxSweeps (100 by default). The absolute value counts
//     the reversed pattern, which is as stable, as a success.
//   - Signed: m itself, -1 at the reversed pattern.
//   - Recall: 1 if those dynamics end exactly at the pattern.
//   - Success: 1 if m >= Spec.Threshold.
//   - Flips: the neuron flips of the run (hopfield.Result.Flips).
//   - AllFixed: one sample per network, not per probe: 1 if every one of
//     its P patterns is a fixed point as Fixed says.
//
// Fixed, OneStep and AllFixed are read from the fields at the stored
// patterns; noise does not apply to them and a spec that combines them
// with noise is an error. A run that hits MaxSweeps is counted in
// Row.Unconverged and, unless Spec.IncludeUnconverged, left out of the
// statistics of the measures of the dynamics: a state still moving is not
// a result.
//
// # Statistics
//
// A [Row] summarises one cell and measure ([Stats]): the mean over all
// samples; its standard error, taken between networks because the probes
// of one network share its crosstalk and are correlated (the ratio
// estimator's, when left-out runs make networks give different numbers of
// samples); quantiles of the samples (type 7, as numpy's default, from the
// minimum through q05, q10, q25, the median, q75, q90 and q95 to the
// maximum); the counts of trials and samples; for the dynamics, the mean
// number of sweeps and the runs that did not converge. Theory is the
// analytical value for the cell where one applies, NaN elsewhere (see
// [Theory]): the exact one-step error, the AGS retrieval overlap from the
// stored pattern below alpha_c, and the independent-bits estimate of the
// fixed-point fraction for the Hebbian rule; 1 (and 0 errors) for the
// pseudo-inverse rule; the large-N one-step error and its independent-bits
// estimate for a dense memory with F(x) = x^n.
//
// The statistics are reduced as the trials end, in memory that does not
// grow with the number of trials: every sample is an integer over a fixed
// denominator (1 for Fixed and Recall, N for OneStep and Overlap), so a
// histogram of at most N+1 values gives the quantiles exactly, and exact
// integer sums give the mean and the variance between trials in any order.
// Quantiles are interpolated in integers too, so that every number that is
// a short decimal prints as one.
//
// # Limits
//
// Run refuses a spec before it allocates anything large: more than
// MaxTrials trials, a grid of more than MaxCells cells, a network or a
// sweep (networks held at once, the workers' buffers, the statistics) over
// Spec.MemoryLimit. [Spec.Estimate] returns the same errors without
// running, and a [Cost]: the cells, networks and probes (a network probes
// min(Probes, P) patterns), the peak memory and a rough count of
// operations, from which the hopfield command refuses sweeps estimated at
// more CPU time than the user allowed.
//
// # Determinism, parallelism and shards
//
// No random number is drawn from a shared stream. Each network's patterns
// come from a source seeded by a hash of (Seed, N, trial); the choice of
// probes from a hash of that seed with P; each cue's noise and each run's
// update order from hashes with P, the noise and the probe number. So the
// results are the same for any number of workers and any schedule, and
// every cell can be computed alone.
//
// The trial seed deliberately leaves out the rule, P and the noise. Rules
// are compared on the same patterns (common random numbers, which makes the
// differences between rules far less noisy than the curves themselves);
// the noise levels of a trial probe the same network and the same patterns
// (so a basin curve is smooth in the noise); and a trial's networks at
// growing loads are nested: the cell with P patterns stores the first P
// patterns of the trial's stream. Run exploits this: a worker grows one
// network through a trial's loads, so the Storkey rule's O(N^2) cost per
// pattern is paid once per trial instead of once per cell. When the
// networks of all workers do not fit in Spec.MemoryLimit side by side, Run
// builds one network at a time from scratch and shares its probes among the
// workers; the numbers are the same.
//
// [Spec.Shard] i/n restricts a run to the cells k with k mod n = i, so that
// a sweep too large for one machine runs as a job array; [Merge] joins the
// shards' tables into the table of the whole sweep, byte for byte the one an
// unsharded run writes. Tables carry the canonical spec ([Spec.String]) and
// the number of cells, so Merge refuses shards of different sweeps,
// repeated cells and missing ones.
//
// # Files
//
// [Table.WriteCSV] writes plain CSV: a header and one line per row, the
// rule, the energy and the measure by name, an empty cell for NaN (no value
// applies), numbers to 15 significant digits ([FormatNumber]). The spec,
// the number of cells, the shard and the version go to a sidecar,
// NAME.json beside NAME.csv ([Table.WriteSidecar], [SidecarPath]), with
// the spec's settings as typed values and what each column holds.
// [Table.WriteJSON] writes one object with all of it, null for NaN.
// [ReadCSV] (with the sidecar) and [ReadJSON] read them back and validate
// them. Tables written before version 2 ([TableVersion]), with "#" lines
// instead of a sidecar, still read and merge with each other; their numbers
// keep the old definitions (a zero field stable in Fixed, unconverged runs
// in the statistics), and Merge does not mix versions.
//
// # Experiments
//
// Besides the sweep, the package computes the data of the standard capacity
// experiments: [Census] classifies the states that the dynamics reach from
// random starts (a stored pattern, its reverse, a symmetric mixture of
// three patterns, or other, spin-glass, states), and [Temperature] measures
// the overlap of a retrieval state under Glauber dynamics against the
// temperature, to compare with m = tanh(m/T) and the replica-symmetric
// theory, together with the largest |m| over all stored patterns, which
// says whether any pattern is still retrieved.
//
// # Cost and memory
//
// Hebbian and pseudo-inverse networks are held in the engine's pattern form
// when 2P <= N (see hopfield.Form), dense memories always: O(NP) memory,
// O(P) per neuron update.
// An asynchronous sweep then costs N P operations, about N P nanoseconds;
// the Hebbian sweep N = 1000, alpha = 0.05..0.20, 100 trials takes about 15
// CPU seconds, most of it at the loads past capacity, where the dynamics
// drift for 10 to 20 sweeps. A Hebbian network in the pattern form holds
// its patterns once, bit-packed and by neuron (1.125 N P bytes), with
// 0.125 N P bytes of codes; Run's own patterns (N P bytes) live only while
// the network learns them, so the peak is about 2.25 N P bytes
// ([NetworkBytes]): 3.6 GB at N = 100,000 and alpha = 0.16.
// Storkey networks are dense: 8 N^2 bytes (8 MB at N = 1000, 80 GB at
// N = 100,000, where only the pattern-form rules can run) and O(N^2 P) to
// learn.
package capacity
