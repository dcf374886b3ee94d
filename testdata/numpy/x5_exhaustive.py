#!/usr/bin/env python3
"""Exhaustive count for the notebook's 5x5 experiment: checkerboard, X and A
stored (Hebbian, zero diagonal), X cued with 5 of its 25 bits flipped (all
53,130 ways), synchronous updates for at most 10 steps as the notebook's loop
runs them. Prints how many cues recall X exactly under each tie rule.
TestExhaustiveFiveByFive (../../numpy_test.go) checks hopfield gets the same counts.

Run with Debian's python3-numpy: /usr/bin/python3 x5_exhaustive.py
"""
import itertools

import numpy as np

cb = np.fromfunction(lambda i, j: (i + j) % 2, (5, 5), dtype=int).reshape(-1) * 2 - 1
X = np.zeros((5, 5), int)
idx = np.arange(5)
X[idx, idx] = 1
X[idx, 4 - idx] = 1
X = X.reshape(-1) * 2 - 1
A = np.zeros((5, 5), int)
A[0, 2] = 1
A[1, 1] = 1
A[1, 3] = 1
A[2, :] = 1
A[3, 0] = 1
A[3, 4] = 1
A[4, 0] = 1
A[4, 4] = 1
A = A.reshape(-1) * 2 - 1
W = np.outer(cb, cb) + np.outer(X, X) + np.outer(A, A)
np.fill_diagonal(W, 0)


def run(S, tie):
    for _ in range(10):
        h = W.dot(S)
        if tie == "plus":
            Sn = np.where(h >= 0, 1, -1)
        elif tie == "minus":
            Sn = np.where(h > 0, 1, -1)
        else:
            Sn = np.where(h > 0, 1, np.where(h < 0, -1, S))
        if np.array_equal(Sn, S):
            break
        S = Sn
    return S


for tie in ["plus", "minus", "keep"]:
    ok = 0
    total = 0
    for sub in itertools.combinations(range(25), 5):
        S = X.copy()
        S[list(sub)] *= -1
        ok += np.array_equal(run(S, tie), X)
        total += 1
    print(tie, ok, total)
