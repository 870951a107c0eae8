"""The compiled steepest descent and downstream carry give what their numpy rules give (the tiled
routing and the retention basins use them)."""

import numpy as np
import pytest

from smartplan.core import flow, kernels, tiled_flow

pytestmark = pytest.mark.skipif(kernels.get("steepest_k") is None, reason="needs numba")


def numpy_only(monkeypatch):
    monkeypatch.setattr(kernels, "get", lambda name: None)


@pytest.mark.parametrize("dx, dy", [(1.0, 1.0), (0.5, 2.0)])
def test_steepest_descent_compiled_equals_numpy(monkeypatch, dx, dy):
    rng = np.random.default_rng(3)
    f = rng.integers(0, 4, (57, 43)).astype(np.float64)  # many ties and flats
    f[rng.random(f.shape) < 0.1] = np.nan
    compiled = flow.steepest_descent(f, dx, dy)
    numpy_only(monkeypatch)
    ref = flow.steepest_descent(f, dx, dy)
    assert compiled.dtype == ref.dtype and np.array_equal(compiled, ref)
    # by hand: a cell 1 m above its east and 1 m above its south-east neighbour drains east
    # (1/1 > 1/sqrt(2)); ties go to the first direction (E before S)
    g = np.array([[2.0, 1.0], [1.0, 1.0]])
    monkeypatch.undo()
    assert flow.steepest_descent(g, 1.0, 1.0)[0, 0] == 0
    assert flow.steepest_descent(g, 1.0, 1.0)[1, 1] == -1


def test_carry_down_compiled_equals_numpy(monkeypatch):
    # a small forest: 0 → 1 → 2 → off (-1), 3 → 1, 4 → none (-2), 5 → 4
    rcv = np.array([1, 2, -1, 1, -2, 4], np.int64)
    cells, values = np.array([0, 3, 5, 0]), np.array([2, 5, 7, 1])
    got = tiled_flow.carry_down(rcv, cells, values)
    # by hand: cell 0 gets 2 + 1, cell 3 gets 5, cell 1 and 2 get 2 + 5 + 1, cell 5 and 4 get 7
    assert got.tolist() == [3, 8, 8, 5, 7, 7]
    numpy_only(monkeypatch)
    assert tiled_flow.carry_down(rcv, cells, values).tolist() == got.tolist()
