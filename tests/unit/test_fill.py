"""The filled surface equals an independent reference (scikit-image morphological reconstruction
by erosion) cell for cell, on real DEMs, with and without NoData, for both NoData conventions,
with and without the numba accelerator."""

import os

import numpy as np
import pytest
from osgeo import gdal
from scipy import ndimage
from skimage.morphology import reconstruction

from smartplan.core.fill import fill_depressions

LOW, HIGH = -1e9, 1e9


def reference_fill(z, valid, nodata_drains):
    """Reconstruction by erosion: seeds are the border and draining NoData (very low), walls are
    very high. 8-connectivity (skimage's default footprint is 3x3)."""
    invalid = ~valid
    lab, _ = ndimage.label(invalid, structure=np.ones((3, 3)))
    border = np.unique(np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]]))
    border = border[border > 0]
    outside = np.isin(lab, border) | (invalid if nodata_drains else False)
    walls = invalid & ~outside
    mask = np.where(valid, z, 0).astype(np.float64)
    mask[outside] = LOW
    mask[walls] = HIGH
    seed = np.full(z.shape, HIGH)
    seed[outside] = LOW
    edge = np.zeros(z.shape, bool)
    edge[0, :] = edge[-1, :] = edge[:, 0] = edge[:, -1] = True
    seed[edge] = mask[edge]
    out = reconstruction(seed, mask, method="erosion")
    out[~valid] = np.nan
    return out


def load(real_data, name):
    ds = gdal.Open(os.path.join(real_data, name))
    b = ds.GetRasterBand(1)
    z = b.ReadAsArray().astype(np.float32)
    valid = np.ones(z.shape, bool) if b.GetNoDataValue() is None else z != b.GetNoDataValue()
    return z, valid


def with_holes(z, valid):
    """A copy with interior NoData holes and an irregular NoData border (outside a boundary)."""
    z = z.copy()
    valid = valid.copy()
    r, c = z.shape
    valid[r // 3 : r // 3 + 20, c // 3 : c // 3 + 20] = False  # 20x20 hole
    valid[r // 2 : r // 2 + 5, c // 2 + 40 : c // 2 + 48] = False  # small hole
    yy, xx = np.mgrid[0:r, 0:c]
    inside = ((yy - r / 2) / (r * 0.47)) ** 2 + ((xx - c / 2) / (c * 0.47)) ** 2 <= 1.0
    valid &= inside  # irregular municipal boundary
    z[~valid] = np.nan
    return z, valid


@pytest.mark.parametrize("name", ["lidar_mn_1m_dem.tif", "bigtujunga_srtm30.tif"])
def test_fill_equals_reconstruction_on_real_dems(real_data, engine, name):
    z, valid = load(real_data, name)
    ref = reference_fill(z, valid, True)
    got = fill_depressions(z, valid, True)
    assert got.dtype == z.dtype
    np.testing.assert_array_equal(got, ref.astype(np.float32))
    assert (got - z).max() > 1.0  # the DEM really has depressions


@pytest.mark.parametrize("nodata_drains", [True, False])
@pytest.mark.parametrize("name", ["lidar_mn_1m_dem.tif", "bigtujunga_srtm30.tif"])
def test_fill_with_nodata_holes_both_conventions(real_data, engine, name, nodata_drains):
    z, valid = with_holes(*load(real_data, name))
    ref = reference_fill(z, valid, nodata_drains).astype(np.float32)
    got = fill_depressions(z, valid, nodata_drains)
    np.testing.assert_array_equal(np.isnan(got), ~valid)
    np.testing.assert_array_equal(got[valid], ref[valid])


@pytest.mark.parametrize("case", ["one outlier peak", "integer metres", "tiny steps"])
def test_fill_exact_whatever_the_elevation_distribution(real_data, engine, case):
    """The priority queue bins elevations linearly between the lowest and highest cell; a
    single 10 km spike (all real cells in one bin), SRTM-style integer metres (many equal
    elevations) and steps below float32 resolution of the range must still fill exactly."""
    z, valid = load(real_data, "lidar_mn_1m_dem.tif")
    if case == "one outlier peak":
        z = z.copy()
        z[200, 200] = 10_000.0
    elif case == "integer metres":
        z = np.round(z).astype(np.float32)
    else:
        z = z.astype(np.float64) * 1e-9 + 1000.0  # float64, differences of ~1e-9 m
    ref = reference_fill(z, valid, True)
    got = fill_depressions(z, valid, True)
    np.testing.assert_array_equal(got, ref.astype(got.dtype))
    assert (got > z).sum() > 1000  # real depressions were filled


def test_nodata_convention_changes_the_fill(real_data):
    """A hole inside a depression is an outlet (less fill) or a wall (more fill)."""
    z, valid = load(real_data, "lidar_mn_1m_dem.tif")
    filled = fill_depressions(z, valid)
    depth = filled - z
    r, c = np.unravel_index(np.argmax(depth), depth.shape)  # deepest point of the largest sink
    valid2 = valid.copy()
    valid2[r - 10 : r + 10, c - 10 : c + 10] = False
    z2 = np.where(valid2, z, np.nan).astype(np.float32)
    drains = np.nansum(fill_depressions(z2, valid2, True) - z2)
    walls = np.nansum(fill_depressions(z2, valid2, False) - z2)
    assert walls > 2 * drains


def test_numba_and_scipy_agree_on_float64_random_surface(monkeypatch):
    rng = np.random.default_rng(1)
    z = ndimage.gaussian_filter(rng.normal(size=(120, 90)), 2).astype(np.float64)
    a = fill_depressions(z)
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    b = fill_depressions(z)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, reference_fill(z, np.ones(z.shape, bool), True))


@pytest.mark.parametrize("nodata_drains", [True, False])
@pytest.mark.parametrize("name", ["lidar_mn_1m_dem.tif", "bigtujunga_srtm30.tif"])
def test_flow_routing_identical_with_and_without_numba(real_data, monkeypatch, name, nodata_drains):
    from smartplan.core.flow import flow_directions, jump_to_terminal

    z, valid = with_holes(*load(real_data, name))
    f = fill_depressions(z, valid, nodata_drains)
    code_a, rcv_a = flow_directions(f, valid, nodata_drains, 30.0, 30.0)
    term = np.zeros(z.size, bool)
    term[::97] = True
    ja = jump_to_terminal(rcv_a.ravel(), term)
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    code_b, rcv_b = flow_directions(f, valid, nodata_drains, 30.0, 30.0)
    jb = jump_to_terminal(rcv_b.ravel(), term)
    np.testing.assert_array_equal(code_a, code_b)
    np.testing.assert_array_equal(rcv_a, rcv_b)
    np.testing.assert_array_equal(ja, jb)
    # every valid cell has a direction or drains off the map, except no-outlet areas
    assert ((code_a == 255) == ~valid).all() or not nodata_drains


def test_flow_routing_many_small_flats_identical_without_numba(monkeypatch):
    """3 x 3 blocks on a drained grid: every block centre is a one-cell flat with eight sources
    around it (more sources than flat cells), each centre must drain to its east neighbour."""
    from smartplan.core.flow import flow_directions

    n = 4 * 60
    yy, xx = np.mgrid[0:n, 0:n]
    z = np.where((yy % 4 < 3) & (xx % 4 < 3), 1.0, -0.001 * xx).astype(np.float32)
    valid = np.ones(z.shape, bool)
    code_a, rcv_a = flow_directions(z, valid)
    centres = (yy % 4 == 1) & (xx % 4 == 1)
    assert (code_a[centres] == 1).all()  # E: the first neighbour in E, SE, S, ... at distance 1
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    code_b, rcv_b = flow_directions(z, valid)
    np.testing.assert_array_equal(code_a, code_b)
    np.testing.assert_array_equal(rcv_a, rcv_b)


@pytest.mark.parametrize("nodata_drains", [True, False])
def test_nodata_classes_and_outlets_against_scipy(nodata_drains):
    """Draining NoData, walls and outlet cells equal scipy's labelling and 3 x 3 dilation on
    random NoData patterns (the fast paths skip labelling and dilate separably)."""
    from smartplan.core.fill import EIGHT, classify_nodata, outlet_cells

    rng = np.random.default_rng(3)
    for share in (0.0, 0.1, 0.4, 0.7):
        valid = rng.random((37, 53)) >= share
        drains, walls = classify_nodata(valid, nodata_drains)
        lab, _ = ndimage.label(~valid, structure=EIGHT)
        border = np.unique(np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]]))
        outside = np.isin(lab, border[border > 0])
        np.testing.assert_array_equal(drains, ~valid if nodata_drains else outside)
        np.testing.assert_array_equal(walls, np.zeros_like(valid) if nodata_drains else ~valid & ~outside)
        ref = np.zeros_like(valid)
        ref[0, :] = ref[-1, :] = ref[:, 0] = ref[:, -1] = True
        if drains.any():
            ref |= ndimage.binary_dilation(drains, structure=EIGHT)
        np.testing.assert_array_equal(outlet_cells(valid, drains), ref & valid)


@pytest.mark.parametrize("nodata_drains", [True, False])
@pytest.mark.parametrize("case", ["one row", "one column", "constant with a hole", "walled-off part"])
def test_routing_odd_grids_identical_without_numba(monkeypatch, case, nodata_drains):
    """Shapes and flats the row bands must handle: a single row or column, one flat across all
    bands (with a NoData hole), and a part cut off by NoData lines (no outlet when they are
    walls); the compiled path equals the numpy/scipy path, accumulation included."""
    from smartplan.core.flow import flow_directions
    from smartplan.core.streams import flow_accumulation

    rng = np.random.default_rng(7)
    z = {
        "one row": rng.random((1, 300)),
        "one column": rng.random((300, 1)),
        "constant with a hole": np.full((300, 130), 5.0),
        "walled-off part": rng.random((260, 90)),
    }[case]
    z = z.astype(np.float32)
    if case == "constant with a hole":
        z[100:110, 20:30] = np.nan
    if case == "walled-off part":
        z[50:60, :] = np.nan
        z[:, 40] = np.nan
    valid = np.isfinite(z)

    def route():
        f = fill_depressions(z, valid, nodata_drains)
        code, rcv = flow_directions(f, valid, nodata_drains)
        return code, rcv, flow_accumulation(rcv)

    a = route()
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    b = route()
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    if case == "constant with a hole" and nodata_drains:
        assert (a[0][valid] != 255).all()  # every cell of the flat finds a way out


def terraced(tall):
    """A tilted plane (draining to the west and north edges) with ponds at constant elevation
    (their lowest plane value: filled pits): L-shaped ponds 25 rows high in every 40 rows, and
    with ``tall`` two ponds across nearly all rows, which every cut between row bands crosses.
    One pond holds a NoData hole."""
    nrows, ncols = 420, 260
    yy, xx = np.mgrid[0:nrows, 0:ncols]
    z = (0.01 * xx + 0.001 * yy).astype(np.float64)
    ponds = []
    for i in range(10):
        r0 = 10 + 40 * i
        for c0 in (15, 70 + 3 * i, 130):
            m = np.zeros(z.shape, bool)
            m[r0 : r0 + 25, c0 : c0 + 40] = True
            m[r0 + 12 : r0 + 25, c0 + 40 : c0 + 48] = True  # the foot of the L
            ponds.append(m)
    if tall:
        for c0 in (190, 230):
            m = np.zeros(z.shape, bool)
            m[20:400, c0 : c0 + 25] = True
            m[20:30, c0 - 6 : c0] = True
            ponds.append(m)
    for m in ponds:
        z[m] = z[m].min()
    z = z.astype(np.float32)
    z[200:204, 20:30] = np.nan  # a NoData hole in a pond
    return z


@pytest.mark.parametrize("nodata_drains", [True, False])
@pytest.mark.parametrize(
    "cores, share, tall, mode",
    [
        (2, 0.4, False, "bands"),
        (3, 0.4, True, "bands + crossing"),
        (4, 1.0, True, "bands + crossing"),
        (3, 0.0, True, "one pass, crossing too large"),
    ],
)
def test_flats_resolved_on_row_bands_identical_without_numba(
    monkeypatch, cores, share, tall, mode, nodata_drains
):
    """The flats' breadth-first distances on row bands: cuts where no flat crosses, flats that
    still cross a cut resolved apart, and the fallback to one pass when they are too large
    (the marks undone) all route exactly like the scipy path (one Dijkstra over all flats)."""
    from smartplan.core import flow, parallel
    from smartplan.core.streams import flow_accumulation

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(flow, "PARALLEL_FLATS", 0)
    monkeypatch.setattr(flow, "CROSSING_SHARE", share)
    modes = []
    original = flow._flat_distances
    monkeypatch.setattr(flow, "_flat_distances", lambda *a: modes.append(original(*a)) or modes[-1])
    z = terraced(tall)
    valid = np.isfinite(z)
    f = fill_depressions(z, valid, nodata_drains)

    def route():
        code, rcv = flow.flow_directions(f, valid, nodata_drains)
        return code, rcv, flow_accumulation(rcv)

    a = route()
    assert modes == [mode]
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    b = route()
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    flats = (f == np.roll(f, 1, 1)) & (f == np.roll(f, -1, 1))
    assert flats.sum() > 0.15 * valid.sum()
    if nodata_drains:  # every pond drains: all the water leaves the map
        code, rcv, acc = a
        assert (code[valid] != 255).all()
        assert acc[rcv.ravel() == -1].sum() == valid.sum()


def test_more_flat_sources_than_the_lists_hold(monkeypatch):
    """When the bands' lists of flat sources overflow, the sources are collected from their mark:
    the routing is still exactly the scipy path's."""
    from smartplan.core import flow, parallel

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    z = terraced(True)
    valid = np.isfinite(z)
    f = fill_depressions(z, valid)
    a = flow.flow_directions(f, valid)
    monkeypatch.setattr(flow, "_source_slots", lambda cells: 1)
    b = flow.flow_directions(f, valid)
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    c = flow.flow_directions(f, valid)
    for x, y, w in zip(a, b, c):
        np.testing.assert_array_equal(x, w)
        np.testing.assert_array_equal(y, w)
