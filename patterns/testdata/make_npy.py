#!/usr/bin/python3
"""Write the .npy fixtures of package patterns with NumPy itself.

Run from this directory:  /usr/bin/python3 make_npy.py
Every output is deterministic; the Go tests check exact values.

notebook_*.npy   the notebook's pattern cells, copied verbatim, as 0/1 uint8
{vec,img,stack,cube}_{dtype}_{bipolar,binary}.npy
                 every supported dtype in every shape:
                   vec   (5,)      csi = [1,-1,-1,1,1] of the notebook
                   img   (5, 5)    the notebook's A
                   stack (3, 25)   checkerboard, X, A as vectors
                   cube  (3, 5, 5) checkerboard, X, A as pictures
                 bipolar: -1/+1; binary: 0/1
special_*.npy    byte order, Fortran order, format 2.0, unknowns, layouts
bad_*.npy        inputs that must be rejected
weights_*.npy, theta_*.npy   for ReadMatrixNPY
"""

import io
import os
import zipfile

import numpy as np

OUT = os.path.dirname(os.path.abspath(__file__))


def save(name, arr):
    np.save(os.path.join(OUT, name), arr, allow_pickle=True)


# ---------------------------------------------------------------------------
# The notebook's cells, verbatim.

def make_pattern(pattern_type, size=5):
    if pattern_type == 'checkerboard':
        return np.fromfunction(lambda i, j: (i + j) % 2, (size, size), dtype=int)
    elif pattern_type == 'X':
        mat = np.zeros((size, size), dtype=int)
        idx = np.arange(size)
        mat[idx, idx] = 1
        mat[idx, size - 1 - idx] = 1
        return mat
    elif pattern_type == 'A':
        if size != 5:
            raise ValueError("Pattern 'A' is only defined for a 5×5 matrix.")
        mat = np.zeros((5, 5), dtype=int)
        # Apex and legs
        mat[0, 2] = 1
        mat[1, 1] = 1; mat[1, 3] = 1
        # Crossbar
        mat[2, :] = 1
        # Legs continue
        mat[3, 0] = 1; mat[3, 4] = 1
        mat[4, 0] = 1; mat[4, 4] = 1
        return mat
    else:
        raise ValueError(f"Unknown pattern_type '{pattern_type}'.")


def notebook_BU():
    matrix = np.zeros((100, 100), dtype=int)
    # Draw the letter B
    # Vertical bar
    matrix[:, 5:15] = 1
    # Top loop
    matrix[0:10, 5:35] = 1
    matrix[0:50, 30:40] = 1
    matrix[40:50, 5:35] = 1
    # Bottom loop
    matrix[50:60, 5:35] = 1
    matrix[50:100, 30:40] = 1
    matrix[90:100, 5:35] = 1
    # Draw the letter U
    # Left vertical
    matrix[0:90, 60:70] = 1
    # Right vertical
    matrix[0:90, 85:95] = 1
    # Bottom bar
    matrix[90:100, 60:95] = 1
    return matrix


def notebook_BC():
    matrix = np.zeros((100, 100), dtype=int)
    # Draw the letter B (left side)
    # Vertical spine
    matrix[:, 5:15] = 1
    # Top loop top bar
    matrix[0:10, 5:35] = 1
    # Top loop right bar
    matrix[0:50, 30:40] = 1
    # Middle bar
    matrix[40:50, 5:35] = 1
    # Bottom loop top bar
    matrix[50:60, 5:35] = 1
    # Bottom loop right bar
    matrix[50:100, 30:40] = 1
    # Bottom loop bottom bar
    matrix[90:100, 5:35] = 1
    # Draw the letter C (right side)
    # Top horizontal bar
    matrix[0:10, 60:95] = 1
    # Vertical bar
    matrix[:, 60:70] = 1
    # Bottom horizontal bar
    matrix[90:100, 60:95] = 1
    return matrix


def notebook_star():
    matrix = np.zeros((100, 100), dtype=int)
    idx = np.arange(100)
    center = 50
    matrix[center, :] = 1         # horizontal line
    matrix[:, center] = 1         # vertical line
    matrix[idx, idx] = 1          # main diagonal
    matrix[idx, 99 - idx] = 1     # anti-diagonal
    return matrix


for size in (1, 2, 5, 7, 8):
    save(f"notebook_checkerboard_{size}.npy", make_pattern('checkerboard', size).astype(np.uint8))
    save(f"notebook_X_{size}.npy", make_pattern('X', size).astype(np.uint8))
save("notebook_A.npy", make_pattern('A').astype(np.uint8))
save("notebook_BU.npy", notebook_BU().astype(np.uint8))
save("notebook_BC.npy", notebook_BC().astype(np.uint8))
save("notebook_star.npy", notebook_star().astype(np.uint8))

# ---------------------------------------------------------------------------
# Every dtype in every shape.

csi = np.array([1, -1, -1, 1, 1])
c1 = 2 * make_pattern('checkerboard') - 1
c2 = 2 * make_pattern('X') - 1
c3 = 2 * make_pattern('A') - 1
shapes = {
    "vec": csi,
    "img": c3,
    "stack": np.stack([c1.reshape(-1), c2.reshape(-1), c3.reshape(-1)]),
    "cube": np.stack([c1, c2, c3]),
}
bipolar_dtypes = ["int8", "int16", "int32", "int64", "float32", "float64"]
binary_dtypes = bipolar_dtypes + ["uint8", "bool"]
for sname, arr in shapes.items():
    for dt in bipolar_dtypes:
        save(f"{sname}_{dt}_bipolar.npy", arr.astype(dt))
    for dt in binary_dtypes:
        save(f"{sname}_{dt}_binary.npy", ((arr + 1) // 2).astype(dt))

# ---------------------------------------------------------------------------
# Special cases that must be read correctly.

cue = c3.copy()
cue[2, :] = 0  # the A with its crossbar unknown
save("special_cue_unknown.npy", cue.astype(np.int8))
save("special_img_bigendian_int16.npy", c3.astype(">i2"))
save("special_img_bigendian_float64.npy", c3.astype(">f8"))
save("special_img_bigendian_uint16.npy", ((c3 + 1) // 2).astype(">u2"))
# A non-square picture makes a wrong (row/column) order visible.
tall = np.array([[1, -1, -1], [1, 1, -1], [-1, 1, 1], [1, -1, 1]])
assert np.asfortranarray(tall).flags.f_contiguous
save("special_tall_fortran_int8.npy", np.asfortranarray(tall.astype(np.int8)))
cube = np.stack([tall, -tall])
save("special_cube_fortran_float32.npy", np.asfortranarray(cube.astype(np.float32)))
with open(os.path.join(OUT, "special_stack_v2.npy"), "wb") as f:
    np.lib.format.write_array(f, shapes["stack"].astype(np.int8), version=(2, 0))
save("special_allzero_int8.npy", np.zeros(6, dtype=np.int8))
save("special_plus_unknown_int8.npy", np.array([1, 0, 1, 0], dtype=np.int8))
save("special_wide_int8.npy", np.array([[1, -1, 1, -1, 1], [-1, 1, -1, 1, -1]], dtype=np.int8))
save("special_negzero_float64.npy", np.array([-0.0, 1.0, -1.0]))

# ---------------------------------------------------------------------------
# Inputs that must be rejected.

save("bad_complex128.npy", np.array([1, -1], dtype=np.complex128))
save("bad_float16.npy", np.array([1, -1], dtype=np.float16))
save("bad_str.npy", np.array(["a", "b"]))
save("bad_object.npy", np.array([1, "a"], dtype=object))
save("bad_structured.npy", np.zeros(3, dtype=[("a", "<i4"), ("b", "<f8")]))
save("bad_value2_int64.npy", np.array([1, 2, -1], dtype=np.int64))
save("bad_half_float64.npy", np.array([1.0, 0.5, -1.0]))
save("bad_nan_float32.npy", np.array([1.0, np.nan], dtype=np.float32))
save("bad_scalar.npy", np.array(1, dtype=np.int8))
save("bad_4d.npy", np.ones((1, 1, 5, 5), dtype=np.int8))
save("bad_empty.npy", np.zeros((0,), dtype=np.int8))
save("bad_empty_2d.npy", np.zeros((3, 0), dtype=np.int8))
good = io.BytesIO()
np.save(good, shapes["cube"].astype(np.int8))
with open(os.path.join(OUT, "bad_truncated.npy"), "wb") as f:
    f.write(good.getvalue()[:-7])
with open(os.path.join(OUT, "bad_trailing.npy"), "wb") as f:
    f.write(good.getvalue() + b"\x01\x02")
with open(os.path.join(OUT, "bad_header_cut.npy"), "wb") as f:
    f.write(good.getvalue()[:40])
buf = io.BytesIO()
np.savez(buf, a=csi)
with open(os.path.join(OUT, "bad_archive.npy"), "wb") as f:
    f.write(buf.getvalue())
assert zipfile.is_zipfile(os.path.join(OUT, "bad_archive.npy"))

# ---------------------------------------------------------------------------
# Weight matrices and thresholds.

W = np.outer(csi, csi)
np.fill_diagonal(W, 0)
save("weights_int64.npy", W.astype(np.int64))
save("weights_float64.npy", W.astype(np.float64) / 5)
save("weights_float32_fortran.npy", np.asfortranarray(np.arange(9, dtype=np.float32).reshape(3, 3)))
save("weights_bool.npy", np.eye(2, dtype=bool))
save("theta_float32.npy", np.array([0.5, -1.25, 0.0, 2.0], dtype=np.float32))
save("theta_uint8.npy", np.array([0, 1, 255], dtype=np.uint8))
save("bad_weights_nan.npy", np.array([[0.0, np.nan], [1.0, 0.0]]))
save("bad_weights_inf.npy", np.array([np.inf, 1.0]))
save("bad_weights_rect.npy", np.zeros((2, 3)))
save("bad_weights_complex64.npy", np.zeros((2, 2), dtype=np.complex64))
