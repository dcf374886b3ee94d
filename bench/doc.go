// Package bench measures hopfield on the notebook's four heavy workloads and
// at scale. It holds no code of its own, only benchmarks and a harness:
//
//   - workloads_test.go: one Go benchmark per workload, calling the library
//     (and the experiments and capacity packages) in process, so that a
//     change to a kernel shows up with -count and benchstat:
//
//     go test ./bench -run '^$' -bench . -count 6 | tee new.txt
//     benchstat old.txt new.txt
//
//     (a) BenchmarkImages: the 100x100 pictures, N = 10,000, P = 2, four
//     synchronous steps from a noisy BC; (b) BenchmarkOnePattern: one
//     pattern, N = 1,000, K = 10,000 asynchronous updates; (c)
//     BenchmarkCrosstalk: the crosstalk histogram, N = 100, K = 100,000;
//     (d) BenchmarkCapacity: N = 500, P = 10..100, 20 networks per load, 10%
//     noise, asynchronous dynamics until stable, exact recall; and
//     BenchmarkRecallMillion: N = 1,000,000, P = 10, synchronous recall.
//
//   - compare.py: runs the notebook's own NumPy code (the transcriptions in
//     ../../shared/bench/notebook) and the real hopfield binary on the same
//     workloads, several runs each, and prints the median wall time and peak
//     memory of each whole process, their ratios, and the outcomes side by
//     side. It needs only /usr/bin/python3; the NumPy side is skipped with a
//     message when NumPy is missing (Debian: apt-get install python3-numpy).
//
//     python3 bench/compare.py --runs 5
//
//     With --scaling it also times store-and-recall against N for the
//     notebook's NumPy idiom and both of hopfield's forms, and --json keeps
//     the measurements (testdata/results.json holds the last recorded run).
//
//   - plot_test.go: TestPlot draws time and peak memory against N from
//     those measurements; -plot writes the figure of docs/performance.md:
//
//     go test ./bench -run TestPlot -plot ../docs/performance.png
//
// The figures, the machine and the decisions behind the kernels are in
// docs/performance.md.
package bench
