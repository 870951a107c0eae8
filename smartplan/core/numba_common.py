"""What the compiled kernels share: the numba decorators (cached on disk, so later processes load
the kernels; no GIL, so Dask threads run them in parallel; ``inline`` for small helpers inlined
into the loops) and the D8 neighbour offsets."""

import numba as nb
import numpy as np

jit = nb.njit(cache=True, nogil=True)
inline = nb.njit(cache=True, nogil=True, inline="always")

CODES = np.array((1, 2, 4, 8, 16, 32, 64, 128), dtype=np.uint8)  # D8 codes of E SE S SW W NW N NE


@inline
def d8_offsets(n):  # pragma: no cover
    """Index offsets of the 8 neighbours E, SE, S, SW, W, NW, N, NE (the order of ``flow.D8``) in a
    row-major grid of n columns."""
    return np.array((1, n + 1, n, n - 1, -1, -n - 1, -n, -n + 1), dtype=np.int64)


@inline
def d8_step(k, n):  # pragma: no cover
    """Index offset of neighbour k (0..7: E SE S SW W NW N NE) in a row-major grid of n columns,
    by arithmetic rather than a table, so loops over a row stay vectorised."""
    dr = np.int32((k >= 1) & (k <= 3)) - np.int32(k >= 5)
    dc = np.int32((k == 0) | (k == 1) | (k == 7)) - np.int32((k >= 3) & (k <= 5))
    return dr * n + dc
