#!/usr/bin/env python3
"""Anchors for the dense associative memory benchmark (e) (docs/performance.md).

The workload of BenchmarkDenseRecall in bench/dense_test.go: F(x) = x^3, N = 1,000
neurons, P = 2,000 random +-1 patterns, a stored pattern with 10% of its bits
flipped, asynchronous dynamics to a fixed point. Both versions here run the
same dynamics as hopfield's Network.Run with Update: Asynchronous:

  - a sweep is N updates, each of a neuron drawn at random with replacement;
  - an update sets s_i to the sign of the energy difference of Krotov and
    Hopfield (2016), the rule as the papers write it,

        s_i <- sign( sum_mu F(xi_i^mu + r_mu) - F(-xi_i^mu + r_mu) ),
        r_mu = sum_{j != i} xi_j^mu s_j,

    and keeps s_i on a tie;
  - after each sweep every neuron is checked in order 0..N-1, stopping at the
    first that would change; a check that finds none ends the run.

naive recomputes all the overlaps r = Xi s - xi_i s_i for every update, O(NP);
incremental keeps m = Xi s and changes it by O(P) when a neuron flips. Both use
int64 arrays: the arithmetic is exact (|m| <= 1000, sums below 10^13), so the
two make the same decisions, and NumPy raises int64 arrays to an integer power
by multiplication, ten times faster than float64's pow (x ** 3 of 2,000
float64 values takes 130 us); float64 would not make the naive version faster
either, its 16 MB matrix-vector product through BLAS taking as long as the
int64 one (about 2 ms on the test machine). The neuron order comes from NumPy's generator, not
Go's PCG, so the trajectory is not hopfield's but has the same statistics (4
sweeps, 100 flips at these sizes).

The naive version takes seconds per recall: it is timed on the first --naive-updates
field evaluations of the incremental run's trajectory (the same neurons, and
its decisions are checked against the incremental ones), and its time per
evaluation is multiplied by the evaluations of the whole recall (updates plus
the checks after each sweep).

Debian: apt-get install python3-numpy (run with /usr/bin/python3).

  /usr/bin/python3 bench/dense_anchor.py                  # medians of 5 runs
  /usr/bin/python3 bench/dense_anchor.py --runs 9 --json anchors.json
"""

import argparse
import json
import statistics
import sys
import time


def poly(n):
    """F(x) = x^n."""
    return lambda x: x ** n


def incremental_recall(np, Xi, XiT, cue, order, F):
    """Run to a fixed point with m = Xi s kept up to date. order(k) draws k
    random neurons. Returns the state, the neurons evaluated in turn (updates
    and checks), the number of updates and of flips."""
    n = Xi.shape[1]
    s = cue.copy()
    m = Xi @ s
    trail, updates, flips = [], 0, 0

    def decide(i):
        col = XiT[i]
        r = m - col * s[i]
        d = np.sum(F(col + r) - F(-col + r))
        return 1 if d > 0 else -1 if d < 0 else s[i]

    while True:
        for i in order(n):
            trail.append(i)
            updates += 1
            v = decide(i)
            if v != s[i]:
                m += XiT[i] * (v - s[i])
                s[i] = v
                flips += 1
        stable = True
        for i in range(n):
            trail.append(i)
            if decide(i) != s[i]:
                stable = False
                break
        if stable:
            return s, trail, updates, flips


def naive_replay(np, Xi, cue, trail, count, F):
    """Evaluate the first count neurons of trail as the papers write the
    update, recomputing every overlap, and apply the decisions. Returns the
    decisions, to be checked against the incremental run."""
    s = cue.copy()
    out = []
    for i in trail[:count]:
        col = Xi[:, i]
        r = Xi @ s - col * s[i]
        d = np.sum(F(col + r) - F(-col + r))
        v = 1 if d > 0 else -1 if d < 0 else s[i]
        out.append(v)
        s[i] = v
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--p", type=int, default=2000)
    ap.add_argument("--power", type=int, default=3)
    ap.add_argument("--noise", type=float, default=0.1)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--naive-updates", type=int, default=200, help="field evaluations timed in the naive version")
    ap.add_argument("--json", help="write the measurements to this file")
    args = ap.parse_args()
    try:
        import numpy as np
    except ImportError:
        sys.exit("NumPy is missing (Debian: apt-get install python3-numpy; run with /usr/bin/python3)")

    rng = np.random.default_rng(1)
    Xi = rng.choice(np.array([-1, 1], dtype=np.int64), size=(args.p, args.n))
    XiT = Xi.T.copy()  # a neuron's column, contiguous
    x = Xi[0]
    cue = x.copy()
    cue[rng.choice(args.n, round(args.noise * args.n), replace=False)] *= -1
    F = poly(args.power)

    # Every run draws the same neuron order, so all run one trajectory.
    def run_incremental():
        order_rng = np.random.default_rng(2)
        return incremental_recall(np, Xi, XiT, cue, lambda k: order_rng.integers(0, args.n, k), F)

    s, trail, updates, flips = run_incremental()
    if not np.array_equal(s, x):
        sys.exit("incremental: the recall did not end at the pattern")
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        run_incremental()
        times.append(time.perf_counter() - t0)
    inc = statistics.median(times)

    count = min(args.naive_updates, len(trail))
    ref = naive_replay(np, Xi, cue, trail, count, F)  # warm-up and check
    ntimes = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        got = naive_replay(np, Xi, cue, trail, count, F)
        ntimes.append((time.perf_counter() - t0) / count)
    naive_eval = statistics.median(ntimes)
    # The incremental decisions along the same trail, for the check.
    sc, want = cue.copy(), []
    m = Xi @ sc
    for i in trail[:count]:
        r = m - XiT[i] * sc[i]
        d = np.sum(F(XiT[i] + r) - F(-XiT[i] + r))
        v = 1 if d > 0 else -1 if d < 0 else sc[i]
        if v != sc[i]:
            m += XiT[i] * (v - sc[i])
            sc[i] = v
        want.append(v)
    if got != want or ref != want:
        sys.exit("naive and incremental decisions differ")

    evals = len(trail)
    res = {
        "n": args.n, "p": args.p, "power": args.power, "noise": args.noise, "runs": args.runs,
        "updates": updates, "evaluations": evals, "flips": flips,
        "incremental_recall_s": inc, "incremental_recall_min_s": min(times),
        "incremental_per_update_us": inc / updates * 1e6, "incremental_per_evaluation_us": inc / len(trail) * 1e6,
        "naive_per_evaluation_us": naive_eval * 1e6, "naive_timed_evaluations": count,
        "naive_recall_s": naive_eval * evals, "naive_per_update_us": naive_eval * evals / updates * 1e6,
        "numpy": np.__version__,
    }
    print(f"N = {args.n}, P = {args.p}, F(x) = x^{args.power}, {round(args.noise * args.n)} bits flipped: "
          f"{updates} updates ({updates // args.n} sweeps), {evals} field evaluations with the checks, {flips} flips")
    print(f"incremental: {inc * 1e3:.1f} ms per recall (median of {args.runs}, min {min(times) * 1e3:.1f}), "
          f"{res['incremental_per_update_us']:.1f} us per update, {res['incremental_per_evaluation_us']:.1f} us per field evaluation")
    print(f"naive:       {naive_eval * 1e6:.0f} us per field evaluation (median of {args.runs} x {count}), "
          f"extrapolated {res['naive_recall_s']:.2f} s per recall, {res['naive_per_update_us']:.0f} us per update")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
