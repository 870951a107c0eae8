"""The compiled kernels, when numba is present (:mod:`numba_kernels`).

Each kernel implements exactly the rule of its numpy fallback (``fill.py``, ``flow.py``,
``streams.py`` …), and the tests check that both give identical arrays on real DEMs.
"""

from .accel import numba_module


def get(name):
    """The compiled kernel ``name``, or None without numba."""
    if numba_module() is None:
        return None
    from . import numba_kernels

    return getattr(numba_kernels, name)
