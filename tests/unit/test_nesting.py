"""Nested sinks (merge tree): hand-built nested bowls and an independent level-set reference on
the real LiDAR DEM (each nested sink = the connected region below its spill level around its
bottom cell)."""

import os

import numpy as np
import pytest
from osgeo import gdal
from scipy import ndimage

from smartplan.core.nesting import nested_sinks
from smartplan.core.sinks import build_terrain, sink_table


def nested_bowls():
    """Two small bowls (bottoms 1 and 2, 3x3 cells at 3 m) on a 4 m floor inside a 5 m rim."""
    z = np.full((7, 9), 4, dtype=np.float32)
    z[0, :] = z[-1, :] = z[:, 0] = z[:, -1] = 5
    z[2:5, 1:4] = 3
    z[3, 2] = 1
    z[2:5, 5:8] = 3
    z[3, 6] = 2
    return z


def test_two_nested_bowls(engine):
    z = nested_bowls()
    t = build_terrain(z)
    st = sink_table(t)
    ns = nested_sinks(st, t)
    assert st.n == 1 and ns.n == 2
    order = np.argsort(ns.bottom_elev)
    # both small bowls spill at the 4 m floor: 8 cells x 1 m + the bottom
    np.testing.assert_allclose(ns.volume_m3[order], [8 + 3, 8 + 2])
    np.testing.assert_allclose(ns.area_m2[order], [9, 9])
    np.testing.assert_allclose(ns.max_depth_m[order], [3, 2])
    np.testing.assert_allclose(ns.spill_elev, [4, 4])
    assert list(ns.level) == [2, 2] and list(ns.parent) == [-1, -1] and list(ns.sink) == [0, 0]
    ((lv, lab),) = [(lv, lab.copy()) for lv, lab in ns.labels_by_level(2, z.shape)]
    assert lv == 2
    assert (lab > 0).sum() == 18 and set(np.unique(lab)) == {0, 1, 2}
    left, right = lab[2:5, 1:4], lab[2:5, 5:8]
    assert len(np.unique(left)) == 1 and len(np.unique(right)) == 1 and left[0, 0] != right[0, 0]


def test_three_levels(engine):
    """Two pits in a 5 m basin (they merge at 5 m), the basin and a third pit merge at 6 m, and
    everything fills to the 8 m rim: levels 3, 2 and the outer sink."""
    z = np.full((9, 11), 6, dtype=np.float32)
    z[0, :] = z[-1, :] = z[:, 0] = z[:, -1] = 8
    z[2:7, 1:7] = 5
    z[4, 2] = 2  # pit A
    z[4, 5] = 3  # pit B
    z[4, 9] = 3  # pit C, alone on the 6 m floor
    t = build_terrain(z)
    st = sink_table(t)
    ns = nested_sinks(st, t)
    assert st.n == 1 and ns.n == 4
    lv3 = np.flatnonzero(ns.level == 3)
    lv2 = np.flatnonzero(ns.level == 2)
    assert len(lv3) == 2 and len(lv2) == 2
    np.testing.assert_allclose(sorted(ns.volume_m3[lv3]), [2, 3])  # pits below 5 m
    np.testing.assert_allclose(ns.spill_elev[lv3], [5, 5])
    basin = lv2[np.argmax(ns.volume_m3[lv2])]
    assert set(ns.parent[lv3]) == {basin}
    assert ns.volume_m3[basin] == pytest.approx(28 * 1 + 4 + 3)  # 30 cells below 6 m
    assert ns.area_m2[basin] == 30 and ns.spill_elev[basin] == 6
    pit_c = lv2[np.argmin(ns.volume_m3[lv2])]
    assert ns.volume_m3[pit_c] == pytest.approx(3) and ns.parent[pit_c] == -1


def test_real_dem_matches_level_set_reference(real_data, monkeypatch):
    z = gdal.Open(os.path.join(real_data, "lidar_mn_1m_dem.tif")).ReadAsArray().astype(np.float32)
    t = build_terrain(z)
    st = sink_table(t)
    ns = nested_sinks(st, t)
    assert ns.n > 50 and ns.level.max() >= 3
    for i in np.argsort(-ns.volume_m3)[:25]:
        below = (z < ns.spill_elev[i]) & (st.labels == ns.sink[i] + 1)
        lab, _ = ndimage.label(below, structure=np.ones((3, 3)))
        r, c = np.argwhere((z == ns.bottom_elev[i]) & below)[0]
        region = lab == lab[r, c]
        assert region.sum() == ns.area_m2[i]
        assert ns.volume_m3[i] == pytest.approx(float((ns.spill_elev[i] - z[region]).sum()), rel=1e-6)
    # level rasters: each level-2 cell lies below its sink's spill, inside its outer sink
    labs = {lv: lab.copy() for lv, lab in ns.labels_by_level(3, z.shape)}
    for lv, lab in labs.items():
        m = lab > 0
        assert (z[m] < ns.spill_elev[lab[m] - 1]).all() and (st.labels[m] > 0).all()
        assert (ns.level[lab[m] - 1] == lv).all()
    assert ((labs[3] > 0) <= (labs[2] > 0)).all()  # level 3 lies inside level 2
    # identical without the accelerator
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    ns2 = nested_sinks(st, t)
    np.testing.assert_array_equal(ns.volume_m3, ns2.volume_m3)
    np.testing.assert_array_equal(ns.parent, ns2.parent)
    for lv, lab in ns2.labels_by_level(3, z.shape):
        np.testing.assert_array_equal(lab, labs[lv])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sink_cells_sorted_by_label_elevation_and_index(engine, dtype):
    """cells_by_sink_and_elevation (radix sort for float32 with numba, segment sorts for float64,
    one stable sort without numba) against a plain lexsort: ties, negative heights, −0.0 and 0.0."""
    from smartplan.core.sinks import cells_by_sink_and_elevation

    rng = np.random.default_rng(7)
    lab = rng.integers(0, 6, (60, 70)).astype(np.int32)
    z = (np.round(rng.normal(0, 2, lab.shape) * 4) / 4).astype(dtype)  # many equal heights
    z[rng.random(lab.shape) < 0.05] = -0.0
    z[rng.random(lab.shape) < 0.05] = 0.0
    z[0, :5] = [np.float32(3.4e38), -3.4e38, 1e-40, -1e-40, 7.0]
    cells, starts = cells_by_sink_and_elevation(lab.ravel(), z.ravel(), 5)
    flat = np.flatnonzero(lab)
    ref = flat[np.lexsort((flat, z.ravel()[flat], lab.ravel()[flat]))]
    np.testing.assert_array_equal(cells, ref)
    np.testing.assert_array_equal(starts, np.searchsorted(lab.ravel()[ref], np.arange(1, 7)))
