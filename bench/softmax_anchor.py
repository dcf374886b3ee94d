#!/usr/bin/env python3
"""Anchors for the softmax retrieval benchmark (docs/performance.md).

Times hopfield-layers' core update, X^T softmax(beta X xi), on the CPU with
NumPy and with PyTorch, at P = 100,000 patterns of d = 1,000 float32 (400 MB):
one query, and a batch of 256 (S = beta Q X^T, row softmax, S X). It also
times a NumPy sum over X, a read of its 400 MB, beside the Go benchmarks

  go test ./bench -run '^$' -bench 'SoftmaxRetrieval|SoftmaxBandwidth' -count 6

and, with --hopfield BIN, runs `hopfield recall --rule softmax` on the same
X and cue, written as .npy, and checks its result against NumPy's.

Debian: apt-get install python3-numpy python3-torch (run with /usr/bin/python3).

  /usr/bin/python3 bench/softmax_anchor.py                # medians of 7 runs
  /usr/bin/python3 bench/softmax_anchor.py --runs 11 --json anchors.json
  /usr/bin/python3 bench/softmax_anchor.py --hopfield ./hopfield
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def timed(fn, runs):
    """Median and minimum wall time of fn over runs calls, after one warm-up."""
    fn()
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), min(ts)


def numpy_update(np, X, xi, beta):
    s = beta * (X @ xi)
    s -= s.max()
    e = np.exp(s)
    return X.T @ (e / e.sum())


def numpy_batch(np, X, Q, beta):
    s = beta * (Q @ X.T)
    s -= s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return (e / e.sum(axis=1, keepdims=True)) @ X


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--p", type=int, default=100_000)
    ap.add_argument("--d", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--beta", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="PyTorch threads (default: all cores)")
    ap.add_argument("--json", help="write the measurements to this file")
    ap.add_argument("--hopfield", help="a hopfield binary to check end to end")
    args = ap.parse_args()

    try:
        import numpy as np
    except ImportError:
        sys.exit("NumPy is missing (Debian: apt-get install python3-numpy; run with /usr/bin/python3)")
    rng = np.random.default_rng(1)
    # N(0, 1/d) entries, as the Go benchmark: norms near 1, so beta = 1 is
    # near the global average and every row counts.
    X = (rng.standard_normal((args.p, args.d), dtype=np.float32) / np.float32(np.sqrt(args.d)))
    Q = X[: args.batch].copy()
    xi = Q[0].copy()
    beta = np.float32(args.beta)
    gb = X.nbytes / 1e9
    res = {"p": args.p, "d": args.d, "batch": args.batch, "beta": args.beta, "bytes": X.nbytes,
           "numpy": np.__version__, "load": os.getloadavg()}

    t, tmin = timed(lambda: X.sum(), args.runs)
    res["numpy_sum"] = {"median_s": t, "min_s": tmin, "GB/s": gb / t}
    t, tmin = timed(lambda: numpy_update(np, X, xi, beta), args.runs)
    res["numpy_one"] = {"median_s": t, "min_s": tmin}
    t, tmin = timed(lambda: numpy_batch(np, X, Q, beta), max(1, args.runs // 2))
    res["numpy_batch"] = {"median_s": t, "min_s": tmin}
    want = numpy_update(np, X.astype(np.float64), xi.astype(np.float64), float(args.beta))

    try:
        import torch
    except ImportError:
        print("PyTorch is missing (Debian: apt-get install python3-torch); skipping it", file=sys.stderr)
        torch = None
    if torch is not None:
        torch.set_num_threads(args.threads)
        res["torch"] = torch.__version__
        res["torch_threads"] = torch.get_num_threads()
        Xt, Qt, xit = torch.from_numpy(X), torch.from_numpy(Q), torch.from_numpy(xi)
        with torch.no_grad():
            one = lambda: Xt.T @ torch.softmax(float(beta) * (Xt @ xit), dim=0)
            batch = lambda: torch.softmax(float(beta) * (Qt @ Xt.T), dim=1) @ Xt
            t, tmin = timed(one, args.runs)
            res["torch_one"] = {"median_s": t, "min_s": tmin}
            t, tmin = timed(batch, max(1, args.runs // 2))
            res["torch_batch"] = {"median_s": t, "min_s": tmin}
            res["torch_vs_float64"] = float(np.abs(one().numpy() - want).max())
    res["numpy_vs_float64"] = float(np.abs(numpy_update(np, X, xi, beta) - want).max())

    if args.hopfield:
        res["hopfield_cli"] = check_cli(np, args, X, xi, want)

    report(res, gb)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=2)


def check_cli(np, args, X, xi, want):
    """Runs the hopfield binary on X and xi and compares one update with NumPy's."""
    with tempfile.TemporaryDirectory() as tmp:
        xp, cp, op = (os.path.join(tmp, n) for n in ("X.npy", "cue.npy", "out.npy"))
        np.save(xp, X)
        np.save(cp, xi)
        cmd = [args.hopfield, "recall", "--patterns", xp, "--cue", cp, "--rule", "softmax",
               "--beta", str(args.beta), "--max-steps", "1", "--out", op]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        got = np.load(op)
    return {"wall_s": wall, "max_abs_diff_vs_float64": float(np.abs(got - want).max())}


def report(res, gb):
    print(f"P = {res['p']}, d = {res['d']} float32 ({gb:.1f} GB), beta = {res['beta']}, "
          f"load average {res['load'][0]:.2f} {res['load'][1]:.2f} {res['load'][2]:.2f}")
    print(f"NumPy {res['numpy']} sum over X: {res['numpy_sum']['median_s'] * 1e3:.1f} ms "
          f"({res['numpy_sum']['GB/s']:.1f} GB/s)")
    rows = [("NumPy", "numpy")]
    if "torch" in res:
        rows.append((f"PyTorch {res['torch']} ({res['torch_threads']} threads)", "torch"))
    for name, key in rows:
        one, batch = res[key + "_one"], res[key + "_batch"]
        print(f"{name}: one query {one['median_s'] * 1e3:.1f} ms (min {one['min_s'] * 1e3:.1f}), "
              f"batch of {res['batch']} {batch['median_s']:.3f} s (min {batch['min_s']:.3f})")
    print(f"max |NumPy float32 - float64| = {res['numpy_vs_float64']:.2e}", end="")
    if "torch_vs_float64" in res:
        print(f", max |PyTorch - float64| = {res['torch_vs_float64']:.2e}", end="")
    print()
    if "hopfield_cli" in res:
        c = res["hopfield_cli"]
        print(f"hopfield recall --rule softmax (whole process, reading 400 MB): {c['wall_s']:.2f} s, "
              f"max |hopfield - float64| = {c['max_abs_diff_vs_float64']:.2e}")


if __name__ == "__main__":
    main()
