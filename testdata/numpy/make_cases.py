#!/usr/bin/env python3
"""Reference cases for hopfield's synchronous recall, computed by an
independent NumPy implementation written the notebook's way.

Run with Debian's python3-numpy:  /usr/bin/python3 make_cases.py
Writes case_<name>_{patterns,cue,final}.npy and cases.json (the parameters
and the number of steps NumPy took). TestNumPyCases in ../../numpy_test.go
reads them and checks that hopfield gives the same final state.
"""
import json

import numpy as np


def sign(x, tie, prev):
    # tie: "plus" is the notebook's x >= 0, "minus" its x > 0, "keep" keeps prev.
    if tie == "plus":
        return np.where(x >= 0, 1, -1)
    if tie == "minus":
        return np.where(x > 0, 1, -1)
    return np.where(x > 0, 1, np.where(x < 0, -1, np.where(prev == 0, 1, prev)))


def hebbian(xs):
    W = sum(np.outer(x, x) for x in xs)
    np.fill_diagonal(W, 0)
    return W


def storkey(xs):
    n = xs.shape[1]
    W = np.zeros((n, n))
    for x in xs:
        # h[i, j] = sum_{k != i, j} W[i, k] x[k]
        Wx = W @ x
        h = Wx[:, None] - (np.diag(W) * x)[:, None] - W * x[None, :]
        Wn = W + (np.outer(x, x) - x[:, None] * h.T - h * x[None, :]) / n
        np.fill_diagonal(Wn, 0)
        W = Wn
    return W


def pseudoinverse(xs):
    X = xs.astype(float)
    W = X.T @ np.linalg.inv(X @ X.T) @ X
    np.fill_diagonal(W, 0)
    return W


def run(W, S, tie, max_steps=100):
    steps = 0
    prev2 = None
    for _ in range(max_steps):
        Sn = sign(W @ S, tie, S)
        steps += 1
        if np.array_equal(Sn, S):
            return S, steps, "fixed point"
        if prev2 is not None and np.array_equal(Sn, prev2):
            return Sn, steps, "2-cycle"
        prev2, S = S, Sn
    return S, steps, "step limit"


def main():
    rng = np.random.default_rng(20261125)
    cases = []
    specs = [
        ("hebbian_small_plus", "hebbian", 25, 3, 0.2, "plus"),
        ("hebbian_small_minus", "hebbian", 25, 3, 0.2, "minus"),
        ("hebbian_small_keep", "hebbian", 25, 3, 0.2, "keep"),
        ("hebbian_erased_keep", "hebbian", 64, 4, 0.3, "keep"),
        ("hebbian_mid_minus", "hebbian", 400, 30, 0.15, "minus"),
        ("hebbian_overloaded_plus", "hebbian", 200, 40, 0.1, "plus"),
        ("hebbian_ties_plus", "hebbian", 24, 2, 0.25, "plus"),
        ("hebbian_ties_minus", "hebbian", 24, 2, 0.25, "minus"),
        ("hebbian_ties_keep", "hebbian", 24, 2, 0.25, "keep"),
        ("storkey_keep", "storkey", 100, 20, 0.1, "keep"),
        ("pseudoinverse_keep", "pseudoinverse", 100, 40, 0.1, "keep"),
    ]
    for name, rule, n, p, noise, tie in specs:
        for attempt in range(1000):
            xs = rng.choice([-1, 1], size=(p, n)).astype(np.int8)
            cue = xs[0].copy()
            k = int(round(noise * n))
            idx = rng.choice(n, k, replace=False)
            if "ties" in name:
                # Half from pattern 0, half from pattern 1, some unknown: the
                # overlaps are close, so fields of exactly zero occur.
                cue[n // 2:] = xs[1][n // 2:]
                cue[idx] = 0
            elif name.startswith("hebbian_erased"):
                cue[idx] = 0  # unknown neurons
            else:
                cue[idx] *= -1
            W = {"hebbian": hebbian, "storkey": storkey, "pseudoinverse": pseudoinverse}[rule](xs)
            final, steps, end = run(W, cue.astype(np.int64), tie)
            ties = 0
            S = cue.astype(np.int64)
            for _ in range(steps):
                h = W @ S
                ties += int(np.sum(h == 0))
                S = sign(h, tie, S)
            # The ties cases exist to exercise the tie rule: draw again until
            # some field is exactly zero.
            if "ties" not in name or ties > 0:
                break
        assert "ties" not in name or ties > 0, name
        # Guard against cases that a last-bit rounding difference could flip:
        # with real weights, no field of the run may sit within 1e-9 of zero.
        if rule != "hebbian":
            S = cue.astype(float)
            for _ in range(steps):
                h = W @ S
                assert np.min(np.abs(h)) > 1e-9, name
                S = sign(h, tie, S)
        np.save(f"case_{name}_patterns.npy", xs)
        np.save(f"case_{name}_cue.npy", cue)
        np.save(f"case_{name}_final.npy", final.astype(np.int8))
        cases.append({"name": name, "rule": rule, "n": n, "p": p, "tie": tie, "steps": steps, "end": end,
                      "hamming_to_pattern0": int(np.sum(final != xs[0])), "zero_fields": ties})
    with open("cases.json", "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
