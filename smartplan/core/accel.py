"""Optional accelerator detection (numba).

SmartPlan runs with what a standard QGIS install ships (numpy, scipy, GDAL). When numba is
importable, the sequential parts of the hydrology core (Priority-Flood) are compiled, which is
about 20-50x faster than the vectorised scipy fallback. Results are identical either way: the
filled surface is unique, and everything downstream of it is computed by shared numpy code.

Set the environment variable ``SMARTPLAN_NO_NUMBA=1`` to force the fallback (used by tests and
benchmarks to compare both paths).
"""

import os

_STATE = {"checked": False, "numba": None, "error": None}


def numba_module():
    """Return the numba module, or None when it is missing, broken or disabled."""
    if os.environ.get("SMARTPLAN_NO_NUMBA", "") not in ("", "0"):
        return None
    if not _STATE["checked"]:
        _STATE["checked"] = True
        try:
            import numba  # noqa: F401  (optional accelerator)

            _STATE["numba"] = numba
        except Exception as exc:  # ImportError, or a numba/numpy ABI mismatch
            _STATE["error"] = str(exc)
    return _STATE["numba"]


def refresh():
    """Forget the last check (after the accelerator was installed while QGIS runs)."""
    _STATE.update(checked=False, numba=None, error=None)


def has_numba():
    return numba_module() is not None


def accelerator_status():
    """A short English status text; the GUI translates the fixed parts."""
    nb = numba_module()
    if nb is not None:
        return {"active": True, "name": "numba", "version": nb.__version__}
    return {"active": False, "name": "numba", "version": None, "error": _STATE["error"]}
