#!/usr/bin/python3
"""Write the written_*.npy fixtures: arrays as numpy.save writes them, which
the Go writer (WriteArrayNPY, WritePatternsNPY, WriteNPY) must reproduce
byte for byte, header and data.

Run from this directory:  /usr/bin/python3 make_written.py
(written with NumPy 1.24.2; the header layout, format 1.0 padded to 64
bytes with room for the first dimension to grow, has not changed since
NumPy 1.17)

written_i1_vec.npy    (7,) int8           -1, 0, +1 in turn
written_i1_stack.npy  (3, 4) int8         3 patterns of 4 neurons
written_i1_cube.npy   (2, 2, 3) int8      2 patterns of 2 x 3
written_f8_batch.npy  (2, 3) float64      i/8 - 0.25
written_f8_vec.npy    (3,) float64
written_f4_vec.npy    (3,) float32
written_i1_v2.npy     (3, 4) int8 in format 2.0 (numpy.save picks it only
                      for headers over 65,535 bytes; written here on demand)
"""

import os

import numpy as np

OUT = os.path.dirname(os.path.abspath(__file__))


def values(n, dtype):
    return np.array([((i % 3) - 1) for i in range(n)], dtype=dtype)


def save(name, arr):
    np.save(os.path.join(OUT, name), arr)


save("written_i1_vec.npy", values(7, np.int8))
save("written_i1_stack.npy", values(12, np.int8).reshape(3, 4))
save("written_i1_cube.npy", values(12, np.int8).reshape(2, 2, 3))
batch = np.array([i / 8 - 0.25 for i in range(6)], dtype=np.float64)
save("written_f8_batch.npy", batch.reshape(2, 3))
save("written_f8_vec.npy", batch[:3])
save("written_f4_vec.npy", batch[:3].astype(np.float32))
with open(os.path.join(OUT, "written_i1_v2.npy"), "wb") as f:
    np.lib.format.write_array(f, values(12, np.int8).reshape(3, 4), version=(2, 0))
