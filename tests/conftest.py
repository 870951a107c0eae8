import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL_DATA = os.path.join(ROOT, "tests", "data")  # real DEMs, buildings, OSM: see its README
# one numba cache for the test process and the processes it starts: kernels compile once per
# checkout, not once per process (set before anything imports numba)
os.environ.setdefault("NUMBA_CACHE_DIR", os.path.join(ROOT, ".cache", "numba"))


@pytest.fixture(scope="session")
def real_data():
    return REAL_DATA


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(params=["numba", "scipy"])
def engine(request, monkeypatch):
    """Run a test with the numba accelerator and with the plain numpy/scipy fallback."""
    if request.param == "scipy":
        monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    else:
        from smartplan.core import accel

        monkeypatch.delenv("SMARTPLAN_NO_NUMBA", raising=False)
        assert accel.has_numba(), "numba is part of the test environment (requirements-dev.txt)"
    return request.param
