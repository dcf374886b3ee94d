#!/usr/bin/env python3
"""Compare the notebook's own NumPy code with the hopfield binary.

Runs each workload of docs/performance.md both ways, several times, as whole
processes, and prints the median wall time and peak memory (maximum resident
set size) of each side, their ratios, and each side's outcome, so that a
faster run can be seen to compute the same thing:

  (a) 100x100 pictures: store BU and BC (N = 10,000), flip 20% of BC, four
      synchronous steps with the notebook's sign (x > 0).
      NumPy: bench_a_images.py --variant bipolar --cue flip --noise 0.2
      hopfield recall --patterns seed:BU --patterns seed:BC --cue-from 1
      --noise 0.2 --max-steps 4 --tie minus
  (b) one pattern, N = 1,000, K = 10,000 asynchronous single-neuron updates.
      NumPy: bench_b_async.py --N 1000 --K 10000
      hopfield recall on the very same pattern and cue (make_inputs.py b,
      written as .npy), random-neuron updates, the notebook's sign (x > 0),
      at most 10 sweeps of N updates; without NumPy, hopfield experiment run
      one-pattern --set N=1000 --set K=10000 (same law, other draws)
  (c) crosstalk histogram, N = 100, K = 100,000 pairs.
      NumPy: bench_c_orthogonality.py --K 100000
      hopfield experiment run crosstalk --set K=100000
  (d) capacity: N = 500, P = 10..100, 20 networks per load, 10% noise,
      asynchronous dynamics until stable, fraction recalled exactly.
      NumPy: bench_d_capacity.py --update row (one row per update, O(N); the
      notebook's (Tij @ S)[i] would take about two hours)
      hopfield capacity (when the binary has that command)

Runs of the two sides alternate, so that a busy machine slows both alike.
Whole-process time is measured here; peak memory and CPU time come from
the kernel's accounting of the child process (wait4), and a peak smaller
than this script's own from GNU time (/usr/bin/time; Debian: apt-get install
time). The NumPy side needs NumPy
(Debian: apt-get install python3-numpy); without it that side is skipped
with a message. The NumPy scripts are the transcriptions in
../shared/bench/notebook (--notebook to point elsewhere); the binary is
built from this tree unless --hopfield names one.

  python3 bench/compare.py                   # all workloads, 5 runs each
  python3 bench/compare.py --only a,b --runs 3
  python3 bench/compare.py --only none --scaling --json bench/testdata/results.json

--scaling also times a store-and-recall (P = 2 random patterns, at most 4
synchronous steps) against N for the notebook's idiom (np.outer sums,
sign(W @ S)) and for both of hopfield's forms, for the plot of
docs/performance.md (go test ./bench -run TestPlot -plot ../docs/performance.png
reads bench/testdata/results.json; -results names another file).
"""

import argparse
import functools
import json
import math
import os
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_NOTEBOOK = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench", "notebook"))

# gopfield's figures as measured for the issue (not re-measured here: it is
# not installed on this machine).
GOPFIELD = {"a": "1.34 s, 844 MiB", "b": "0.047 s", "c": "-", "d": "73 s"}


class Failure(Exception):
    pass


def run_measured(cmd, cwd=None):
    """Runs cmd as a whole process; returns (wall s, peak MiB, CPU s, stdout).

    CPU time (user + system, in microseconds) and peak memory (maximum
    resident set size) come from the kernel's rusage of the child, read by
    wait4: no wrapper process is timed with the command, and short runs are
    not rounded to GNU time's hundredths of a second. CPU time does not count
    the time spent waiting for a core, so it is the steadier figure on a busy
    machine."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if p.returncode != 0:
        raise Failure(f"{' '.join(cmd)} exited {p.returncode}: {stderr.strip()[-500:]}")
    peak = usage.ru_maxrss / 1024
    # The kernel carries a process's peak across exec, so a child of this
    # Python starts with Python's resident size as its peak. A peak at or
    # below that is Python's, not the command's: ask GNU time instead, whose
    # own footprint is a megabyte or two.
    if usage.ru_maxrss <= resource.getrusage(resource.RUSAGE_SELF).ru_maxrss:
        peak = small_peak(tuple(cmd), cwd)
    return wall, peak, usage.ru_utime + usage.ru_stime, stdout


@functools.cache
def small_peak(cmd, cwd):
    """The peak memory of cmd in MiB from one run under GNU time, or None."""
    if not os.access("/usr/bin/time", os.X_OK):
        print("note: /usr/bin/time is missing (Debian: apt-get install time); small peaks are not measured",
              file=sys.stderr)
        return None
    p = subprocess.run(["/usr/bin/time", "-f", "@@hopfield-bench %M", *cmd], cwd=cwd, capture_output=True, text=True)
    for line in p.stderr.splitlines():
        if line.startswith("@@hopfield-bench "):
            return int(line.split()[1]) / 1024
    return None


def result_line(stdout):
    for line in stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise Failure("no RESULT line in the NumPy script's output")


def json_object(stdout):
    return json.loads(stdout[stdout.index("{"):])


class Env:
    def __init__(self, args):
        self.python = args.python
        self.notebook = args.notebook
        self.hopfield = args.hopfield
        self.tmp = tempfile.mkdtemp(prefix="hopfield-bench-")
        self.has_numpy = subprocess.run([self.python, "-c", "import numpy"], capture_output=True).returncode == 0
        self.commands = self.hopfield_commands()
        self.recall = {}

    def hopfield_commands(self):
        p = subprocess.run([self.hopfield, "help"], capture_output=True, text=True)
        out = p.stdout + p.stderr
        return {line.split()[0] for line in out.splitlines() if line.startswith("  ") and line.split()}

    def numpy(self, script, *args):
        return [self.python, os.path.join(self.notebook, script), *args]

    def out_dir(self, name):
        d = os.path.join(self.tmp, name)
        shutil.rmtree(d, ignore_errors=True)
        return d

    def experiment(self, name, *settings):
        """The experiment command; without figures when the binary can skip them."""
        cmd = [self.hopfield, "experiment", "run", name, "--out", self.out_dir(name), "--seed", "1"]
        for s in settings:
            cmd += ["--set", s]
        if self.figure_free is None:
            probe = subprocess.run(cmd + ["--format", "none"], capture_output=True, text=True)
            self.figure_free = probe.returncode == 0
        return cmd + (["--format", "none"] if self.figure_free else ["--format", "svg"])

    figure_free = None


# Each workload: how to run each side and read its outcome.

def a_numpy(env):
    return env.numpy("bench_a_images.py", "--seed", "1", "--variant", "bipolar", "--cue", "flip", "--noise", "0.2")


def a_numpy_outcome(stdout, env):
    r = result_line(stdout)
    return f"Hamming to BC {r['hamming_final_to']['BC']}, to BU {r['hamming_final_to']['BU']}"


def a_hopfield(env):
    return [env.hopfield, "recall", "--patterns", "seed:BU", "--patterns", "seed:BC", "--cue-from", "1",
            "--noise", "0.2", "--max-steps", "4", "--tie", "minus", "--json", "--seed", "1"]


def a_hopfield_outcome(stdout, env):
    r = json_object(stdout)
    n, m = r["n"], r["overlaps"]
    return f"Hamming to BC {round(n * (1 - m[1]) / 2)}, to BU {round(n * (1 - m[0]) / 2)}"


def b_numpy(env):
    return env.numpy("bench_b_async.py", "--seed", "1", "--N", "1000", "--K", "10000")


def b_numpy_outcome(stdout, env):
    r = result_line(stdout)
    return f"Hamming {r['hamming_initial']} -> {r['hamming_final']}"


def b_inputs(env):
    """The notebook's xi1 and S0 for seed 1 as .npy files, from make_inputs.py."""
    txt = os.path.join(env.tmp, "b_inputs.txt")
    subprocess.run(env.numpy("make_inputs.py", "b", txt, "--seed", "1", "--N", "1000"), check=True)
    code = ("import numpy as np, sys\n"
            "d = {l.split()[0]: np.array([int(x) for x in l.split()[1:]], dtype=np.int8) for l in open(sys.argv[1])}\n"
            "np.save(sys.argv[2], d['xi1']); np.save(sys.argv[3], d['S0'])\n")
    xi, s0 = os.path.join(env.tmp, "xi1.npy"), os.path.join(env.tmp, "s0.npy")
    subprocess.run([env.python, "-c", code, txt, xi, s0], check=True)
    return xi, s0


def b_hopfield(env):
    if not env.has_numpy:
        return env.experiment("one-pattern", "N=1000", "K=10000")
    if not hasattr(env, "b_files"):
        env.b_files = b_inputs(env)
    xi, s0 = env.b_files
    return [env.hopfield, "recall", "--patterns", xi, "--cue", s0, "--update", "async", "--tie", "minus",
            "--max-steps", "10", "--json", "--seed", "1"]


def b_hopfield_outcome(stdout, env):
    if not env.has_numpy:
        r = json.load(open(os.path.join(env.tmp, "one-pattern", "result.json")))["numbers"]
        return f"Hamming {round(r['initial_error'] / 2)} -> {round(r['final_error'] / 2)}"
    r = json_object(stdout)
    xi = open(env.b_files[0], "rb").read()[-1000:]
    s0 = open(env.b_files[1], "rb").read()[-1000:]
    initial = sum(a != b for a, b in zip(xi, s0))
    return f"Hamming {initial} -> {round(r['n'] * (1 - r['overlaps'][0]) / 2)}"


def c_numpy(env):
    return env.numpy("bench_c_orthogonality.py", "--seed", "1", "--K", "100000")


def c_numpy_outcome(stdout, env):
    r = result_line(stdout)
    return crosstalk_outcome(r["mean"], r["var"], r["K"])


def c_hopfield(env):
    return env.experiment("crosstalk", "K=100000")


def c_hopfield_outcome(stdout, env):
    r = json.load(open(os.path.join(env.tmp, "crosstalk", "result.json")))["numbers"]
    return crosstalk_outcome(r["mean"], r["variance"], 100000)


def crosstalk_outcome(mean, var, k):
    # For N = 100 the law has mean 0 and variance 100; z-scores of the
    # sample mean and variance (the variance of a sample variance of this
    # law is about 2 sigma^4 / K).
    z_mean = mean / math.sqrt(100 / k)
    z_var = (var - 100) / math.sqrt(2 * 100 ** 2 / k)
    return f"mean {mean:.3f} (z {z_mean:+.1f}), variance {var:.1f} (z {z_var:+.1f})"


def d_numpy(env):
    return env.numpy("bench_d_capacity.py", "--seed", "1", "--update", "row")


def d_numpy_outcome(stdout, env):
    r = result_line(stdout)
    env.recall["numpy"] = r["fraction_recalled"]
    return "recalled " + " ".join(f"{f:.2f}" for f in r["fraction_recalled"])


def d_hopfield(env):
    if "capacity" not in env.commands:
        return None
    return [env.hopfield, "capacity", "--rule", "hebbian", "--n", "500", "--alpha", "0.02:0.2:0.02",
            "--noise", "0.1", "--measure", "recall", "--trials", "20", "--probes", "100", "--seed", "1",
            "--format", "json"]


def d_hopfield_outcome(stdout, env):
    rows = sorted(json_object(stdout)["rows"], key=lambda r: r["p"])
    env.recall["hopfield"] = [r["mean"] for r in rows]
    env.recall["stderr"] = [r["stderr"] for r in rows]
    return "recalled " + " ".join(f"{r['mean']:.2f}" for r in rows)


def recall_agreement(env):
    """The largest z-score between the two sides' recall fractions, taking
    each side's standard error as hopfield's (between networks, same design)."""
    a, b, se = env.recall.get("numpy"), env.recall.get("hopfield"), env.recall.get("stderr")
    if not a or not b or len(a) != len(b):
        return None
    zs = []
    for x, y, e in zip(a, b, se):
        e = max(e, 1 / (20 * 10))  # a cell where every probe agreed still has some spread
        zs.append((y - x) / (math.sqrt(2) * e))
    return max(zs, key=abs)


WORKLOADS = [
    ("a", "(a) 100x100 pictures, N = 10,000, P = 2, 4 sync steps", a_numpy, a_numpy_outcome, a_hopfield, a_hopfield_outcome),
    ("b", "(b) one pattern, N = 1,000, K = 10,000 async updates", b_numpy, b_numpy_outcome, b_hopfield, b_hopfield_outcome),
    ("c", "(c) crosstalk histogram, N = 100, K = 100,000", c_numpy, c_numpy_outcome, c_hopfield, c_hopfield_outcome),
    ("d", "(d) capacity, N = 500, P = 10..100, 20 trials, 10% noise", d_numpy, d_numpy_outcome, d_hopfield, d_hopfield_outcome),
]


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt_time(t):
    if t is None:
        return "-"
    return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s"


def fmt_mib(m):
    return "-" if m is None else f"{m:,.0f} MiB" if m >= 10 else f"{m:.1f} MiB"


def ratio(a, b):
    return "-" if a is None or b is None or b == 0 else f"{a / b:,.0f}x" if a / b >= 10 else f"{a / b:.1f}x"


def compare(env, args):
    rows = []
    for key, title, nb_cmd, nb_out, hf_cmd, hf_out in WORKLOADS:
        if key not in args.only:
            continue
        print(f"== {title}", file=sys.stderr)
        sides = {}
        plans = []
        if env.has_numpy:
            plans.append(("numpy", nb_cmd(env), nb_out))
        else:
            print("   NumPy side skipped: NumPy is not installed (Debian: apt-get install python3-numpy)", file=sys.stderr)
        hcmd = hf_cmd(env)
        if hcmd is None:
            print("   hopfield side skipped: this hopfield binary has no command for the workload yet", file=sys.stderr)
        else:
            plans.append(("hopfield", hcmd, hf_out))
        runs = args.runs if key != "d" else args.runs_d
        for _ in range(runs):
            for side, cmd, outcome in plans:
                try:
                    wall, peak, cpu, stdout = run_measured(cmd)
                    s = sides.setdefault(side, {"wall": [], "peak": [], "cpu": [], "outcome": None, "cmd": cmd})
                    s["wall"].append(wall)
                    s["peak"].append(peak)
                    s["cpu"].append(cpu)
                    s["outcome"] = outcome(stdout, env)
                    print(f"   {side:8s} {fmt_time(wall):>10s} {fmt_mib(peak):>10s} cpu {fmt_time(cpu):>10s}  {s['outcome']}",
                          file=sys.stderr)
                except Failure as e:
                    sides[side] = {"error": str(e), "cmd": cmd}
                    print(f"   {side}: {e}", file=sys.stderr)
            plans = [p for p in plans if "error" not in sides.get(p[0], {})]
        more_quick_runs(sides, args)
        rows.append({"key": key, "title": title, "sides": sides})
    return rows


def more_quick_runs(sides, args):
    """Repeats a hopfield side that takes milliseconds until it has
    --quick-runs runs: at that scale one busy moment moves a median of five."""
    s = sides.get("hopfield", {})
    if "wall" not in s or median(s["wall"]) >= 0.1:
        return
    while len(s["wall"]) < args.quick_runs:
        wall, peak, cpu, _ = run_measured(s["cmd"])
        s["wall"].append(wall)
        s["peak"].append(peak)
        s["cpu"].append(cpu)
    print(f"   hopfield {fmt_time(median(s['wall'])):>10s} median of {len(s['wall'])} runs", file=sys.stderr)


def print_table(rows, env, args):
    print()
    print("| workload | notebook (NumPy) | hopfield | speed-up | memory ratio | CPU-time ratio | gopfield (issue) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        nb, hf = r["sides"].get("numpy", {}), r["sides"].get("hopfield", {})
        tn, th = median(nb.get("wall", [])), median(hf.get("wall", []))
        mn, mh = median(nb.get("peak", [])), median(hf.get("peak", []))
        cn, ch = median(nb.get("cpu", [])), median(hf.get("cpu", []))
        cell = lambda t, m, s: (f"{fmt_time(t)}, {fmt_mib(m)}" if t is not None
                                else ("error" if "error" in s else "skipped"))
        print(f"| {r['title']} | {cell(tn, mn, nb)} | {cell(th, mh, hf)} | {ratio(tn, th)} | {ratio(mn, mh)} | {ratio(cn, ch)} | {GOPFIELD[r['key']]} |")
    print()
    print("Outcomes (same inputs, same computation):")
    for r in rows:
        for side in ("numpy", "hopfield"):
            s = r["sides"].get(side)
            if s and s.get("outcome"):
                print(f"  {r['key']} {side:8s} {s['outcome']}")
    z = recall_agreement(env)
    if z is not None:
        print(f"  d: largest z-score between the recall fractions: {z:+.1f} (|z| < 3: same within sampling error)")
    if env.figure_free is False:
        print("  note: this hopfield cannot skip figures (--format none); (b) and (c) include drawing SVG figures")
    print(f"  medians of {args.runs} runs ({args.runs_d} for (d)) of each side, alternating;"
          f" {args.quick_runs} runs of a hopfield side under 0.1 s")


# Scaling: store P = 2 random patterns and run at most 4 synchronous steps,
# against N.

NUMPY_SCALING = r"""
import sys, time
import numpy as np
N = int(sys.argv[1])
np.random.seed(1)
xi1 = np.random.choice([-1, 1], size=(N,))
xi2 = np.random.choice([-1, 1], size=(N,))
W = np.outer(xi1, xi1) + np.outer(xi2, xi2)
np.fill_diagonal(W, 0)
S = xi1.copy()
flip = np.random.choice(N, N // 5, replace=False)
S[flip] *= -1
for k in range(4):
    S = np.where(np.dot(W, S) > 0, 1, -1)
print("RESULT", int(np.sum(S != xi1)))
"""


def write_npy_patterns(path, n, seed):
    """Writes two random +-1 patterns of n neurons as a (2, n) int8 .npy file."""
    import random
    rng = random.Random(seed)
    header = "{'descr': '|i1', 'fortran_order': False, 'shape': (2, %d), }" % n
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
        for _ in range(2):
            bits = rng.getrandbits(n)
            f.write(bytes(1 if bits >> i & 1 else 255 for i in range(n)))


def scaling(env, args):
    out = {"numpy": {}, "dense": {}, "pattern": {}}
    script = os.path.join(env.tmp, "scaling.py")
    with open(script, "w") as f:
        f.write(NUMPY_SCALING)
    for n in args.scaling_n:
        path = os.path.join(env.tmp, f"patterns-{n}.npy")
        write_npy_patterns(path, n, n)
        plans = []
        if env.has_numpy and n <= args.numpy_max_n:
            plans.append(("numpy", [env.python, script, str(n)]))
        for form in ("pattern", "dense"):
            if form == "dense" and n > args.dense_max_n:
                continue
            plans.append((form, [env.hopfield, "recall", "--patterns", path, "--cue-from", "0", "--noise", "0.2",
                                 "--max-steps", "4", "--tie", "minus", "--form", form, "--json", "--seed", "1"]))
        for side, cmd in plans:
            walls, peaks = [], []
            for _ in range(args.scaling_runs):
                try:
                    wall, peak, _, _ = run_measured(cmd)
                except Failure as e:
                    print(f"   N={n} {side}: {e}", file=sys.stderr)
                    break
                walls.append(wall)
                peaks.append(peak)
            if walls:
                out[side][str(n)] = {"wall": median(walls), "peak_mib": median(peaks)}
                print(f"   N={n:>9,} {side:8s} {fmt_time(median(walls)):>10s} {fmt_mib(median(peaks)):>10s}", file=sys.stderr)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="runs of each side for (a)-(c)")
    ap.add_argument("--runs-d", type=int, default=3, help="runs of each side for (d) (NumPy: about 70 s each)")
    ap.add_argument("--quick-runs", type=int, default=25, help="runs of a hopfield side that takes under 0.1 s")
    ap.add_argument("--only", default="a,b,c,d", help="workloads to run, e.g. a,b")
    ap.add_argument("--python", default=sys.executable, help="Python with NumPy for the notebook's code")
    ap.add_argument("--notebook", default=DEFAULT_NOTEBOOK, help="directory of the NumPy transcriptions")
    ap.add_argument("--hopfield", help="hopfield binary (default: CGO_ENABLED=0 go build ./cmd/hopfield)")
    ap.add_argument("--scaling", action="store_true", help="also time store-and-recall against N")
    ap.add_argument("--scaling-n", default="1000,2000,5000,10000,20000,50000,100000,1000000",
                    help="N values for --scaling")
    ap.add_argument("--scaling-runs", type=int, default=3)
    ap.add_argument("--numpy-max-n", type=int, default=20000, help="largest N for the NumPy side of --scaling")
    ap.add_argument("--dense-max-n", type=int, default=50000, help="largest N for the dense form in --scaling")
    ap.add_argument("--json", help="write the raw measurements to this file")
    args = ap.parse_args()
    args.only = set(args.only.split(","))
    args.scaling_n = [int(x) for x in args.scaling_n.split(",")]

    if not args.hopfield:
        args.hopfield = os.path.join(tempfile.mkdtemp(prefix="hopfield-bin-"), "hopfield")
        print("building hopfield ...", file=sys.stderr)
        # Static, as Go tools are released: without cgo the binary needs no
        # dynamic loader and starts about 1 ms sooner (docs/performance.md).
        subprocess.run(["go", "build", "-o", args.hopfield, "./cmd/hopfield"], cwd=ROOT, check=True,
                       env={**os.environ, "CGO_ENABLED": "0"})
    if not os.path.isdir(args.notebook):
        print(f"note: no NumPy transcriptions at {args.notebook} (--notebook); NumPy side skipped", file=sys.stderr)
    env = Env(args)
    env.has_numpy = env.has_numpy and os.path.isdir(args.notebook)
    try:
        rows = compare(env, args)
        if rows:
            print_table(rows, env, args)
        scale = scaling(env, args) if args.scaling else None
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"workloads": rows, "scaling": scale, "machine": machine()}, f, indent=1)
    finally:
        shutil.rmtree(env.tmp, ignore_errors=True)
    return 0


def machine():
    info = {"cpus": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            info["memory"] = f.readline().split(":", 1)[1].strip()
    except OSError:
        pass
    return info


if __name__ == "__main__":
    sys.exit(main())
