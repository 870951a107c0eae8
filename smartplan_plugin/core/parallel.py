"""Row bands of a raster on the cores of this machine.

The compiled kernels release the GIL (``nogil``), so plain threads run them side by side. Numba's
own parallel layer is not used: its default (workqueue) layer must not be entered from two
threads at once, and QGIS runs Processing algorithms in several background tasks.
"""

import os

import numpy as np


def row_bands(nrows, min_rows=64):
    """Row ranges for the cores of this machine (one band for small grids)."""
    n = max(1, min(os.cpu_count() or 1, nrows // min_rows))
    edges = np.linspace(0, nrows, n + 1).astype(int)
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:])]


def parallel(fn, arglist):
    """Run a GIL-free compiled kernel once per argument tuple, on threads; results in order."""
    if len(arglist) == 1:
        return [fn(*arglist[0])]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(arglist)) as ex:
        return list(ex.map(lambda a: fn(*a), arglist))
