// Package capacity runs capacity experiments on Hopfield networks: sweeps
// over learning rules, network sizes N, loads alpha = P/N and cue noise,
// with the analytical results of package theory side by side. The hopfield
// command's "capacity" and "merge" subcommands and its capacity experiments
// are thin layers over it.
//
// # The grid
//
// A [Spec] names the rules, sizes, loads and noise levels; their product is
// the grid of [Cell]s, in the canonical order rule, N, noise, then P
// ascending ([Spec.Cells]). A cell stores P = round(alpha N) patterns, and
// reports alpha as P/N, the load actually stored; loads that round to the
// same P at a small N make a single cell.
//
// Each cell is measured on Trials independent networks. A network stores P
// random unbiased +-1 patterns and Probes of them (10 by default, at most
// P), chosen uniformly, are probed. Every probe records every [Measure] of
// the spec:
//
//   - Fixed: 1 if the pattern is a fixed point (no neuron would change; a
//     zero field keeps its value), else 0.
//   - OneStep: the fraction of the pattern's bits that flip when each neuron
//     is updated once from it, the one-step bit error rate.
//   - Overlap: |m| = |xi . s|/N at the end of asynchronous dynamics
//     (random-permutation sweeps) started from the pattern, or from a cue
//     with round(noise N) bits flipped, run to a fixed point or MaxSweeps
//     (100 by default; runs that hit it are counted as unconverged). The
//     absolute value counts the reversed pattern, which is as stable, as a
//     success.
//   - Recall: 1 if those dynamics end exactly at the pattern.
//
// Fixed and OneStep are read from the fields at the stored pattern; noise
// does not apply to them and a spec that combines them with noise is an
// error.
//
// # Statistics
//
// A [Row] summarises one cell and measure ([Stats]): the mean over all
// samples; its standard error, taken between the trial means because the
// probes of one network share its crosstalk and are correlated; quantiles
// of the samples (type 7, as numpy's default); the counts of trials and
// samples; for the dynamics, the mean number of sweeps and the runs that
// did not converge. Theory is the analytical value for the cell where one
// applies (see [Theory]): the exact one-step error, the AGS retrieval
// overlap, and the independent-bits estimate of the fixed-point fraction
// for the Hebbian rule; 1 (and 0 errors) for the pseudo-inverse rule.
//
// The statistics are reduced as the trials end, in memory that does not
// grow with the number of trials: every sample is an integer over a fixed
// denominator (1 for Fixed and Recall, N for OneStep and Overlap), so a
// histogram of at most N+1 values gives the quantiles exactly, and exact
// integer sums give the mean and the variance between trials in any order.
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
// [Table.WriteCSV] writes "#" comment lines with the spec, the number of
// cells and the shard, then a header and one line per row (read it with
// pandas.read_csv(path, comment="#")); [Table.WriteJSON] writes one object
// with the same fields, null for NaN. [ReadCSV] and [ReadJSON] read them
// back and validate them.
//
// # Experiments
//
// Besides the sweep, the package computes the data of the standard capacity
// experiments: [Census] classifies the states that the dynamics reach from
// random starts (a stored pattern, its reverse, a symmetric mixture of
// three patterns, or other, spin-glass, states), and [Temperature] measures
// the overlap of a retrieval state under Glauber dynamics against the
// temperature, to compare with m = tanh(m/T).
//
// # Cost and memory
//
// Hebbian and pseudo-inverse networks are held in the engine's pattern form
// when 2P <= N (see hopfield.Form): O(NP) memory, O(P) per neuron update.
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
