"""Row bands of a raster on the cores of this machine.

The compiled kernels release the GIL (``nogil``), so plain threads run them side by side. Numba's
own parallel layer is not used: its default (workqueue) layer must not be entered from two
threads at once, and QGIS runs Processing algorithms in several background tasks. The threads
are kept between calls (starting them cost ~0.4 ms per call); jobs never wait for other jobs,
so callers from several tasks at once only queue.
"""

import os
import threading

import numpy as np

_pool = None
_lock = threading.Lock()


def row_bands(nrows, min_rows=64):
    """Row ranges for the cores of this machine (one band for small grids)."""
    n = max(1, min(os.cpu_count() or 1, nrows // min_rows))
    edges = np.linspace(0, nrows, n + 1).astype(int)
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:])]


def _executor():
    global _pool
    with _lock:
        if _pool is None:
            from concurrent.futures import ThreadPoolExecutor

            # one more than the cores: the flats crossing band cuts run beside the bands
            _pool = ThreadPoolExecutor((os.cpu_count() or 1) + 1, thread_name_prefix="smartplan")
        return _pool


def parallel(fn, arglist):
    """Run a GIL-free compiled kernel once per argument tuple, on threads; results in order."""
    if len(arglist) == 1:
        return [fn(*arglist[0])]
    futures = [_executor().submit(fn, *a) for a in arglist]
    return [f.result() for f in futures]
