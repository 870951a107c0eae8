"""Flow accumulation and the flow-path network: hand-built grids, a hand-built Strahler network,
and WhiteboxTools as an independent reference on real DEMs."""

import os

import numpy as np
import pytest
from osgeo import gdal

from smartplan.core.sinks import build_terrain
from smartplan.core.streams import (
    classify,
    codes_from_receivers,
    d8_accumulation,
    flow_accumulation,
    receivers_from_codes,
    stream_network,
)


def test_accumulation_on_a_plane_and_a_valley(engine):
    # a plane tilted east: every row drains east on its own, the last column leaves the map
    z = np.tile(np.arange(6, 0, -1, dtype=np.float32), (4, 1))
    t = build_terrain(z)
    acc = flow_accumulation(t.rcv).reshape(z.shape)
    # interior rows: cells accumulate along the row (the border rows flow east as well)
    np.testing.assert_array_equal(acc[1], [1, 2, 3, 4, 5, 6])
    assert acc.sum() == sum(range(1, 7)) * 4
    # a V valley: both banks drain into the middle row, which drains east
    v = np.array(
        [[9, 8, 7, 6, 5], [8, 7, 6, 5, 4], [7, 6, 5, 4, 3], [8, 7, 6, 5, 4], [9, 8, 7, 6, 5]],
        dtype=np.float32,
    )
    t = build_terrain(v)
    acc = flow_accumulation(t.rcv).reshape(v.shape)
    # cell (2,4) is the outlet: the whole interior drains through it
    assert acc[2, 4] >= 1 + 3 * 3  # itself, the 3x3 interior (rows 1-3, cols 1-3)
    off = t.rcv == -1
    assert flow_accumulation(t.rcv)[off].sum() == v.size  # every cell leaves the map once


def hand_network():
    """Receivers of a hand-drawn tree (flat indices in a 1 x N strip of cells):
    sources 0,1 -> 2 ; sources 3,4 -> 5 ; 2 and 5 -> 6 (order 3) ; source 7 joins 6 at 8 (order 3)
    """
    rcv = np.array([2, 2, 6, 5, 5, 6, 8, 8, 9, -1], dtype=np.int64)
    return rcv


def test_strahler_on_a_hand_built_network(engine):
    rcv = hand_network()
    acc = flow_accumulation(rcv)
    np.testing.assert_array_equal(acc, [1, 1, 3, 1, 1, 3, 7, 1, 9, 10])
    net = stream_network(rcv, acc, 1)
    by_start = {int(net.cells[net.starts[k]]): k for k in range(net.n)}
    order = {c: int(net.strahler[k]) for c, k in by_start.items()}
    assert order == {0: 1, 1: 1, 3: 1, 4: 1, 7: 1, 2: 2, 5: 2, 6: 3, 8: 3}
    # segments end on the first cell of the segment below (connected lines)
    k = by_start[6]
    assert list(net.cells[net.starts[k] : net.starts[k + 1]]) == [6, 8]
    assert net.downstream[k] == by_start[8]
    last = by_start[8]
    assert list(net.cells[net.starts[last] : net.starts[last + 1]]) == [8, 9]
    assert net.downstream[last] == -1 and net.upstream_cells[last] == 10


def test_threshold_and_classes():
    rcv = hand_network()
    acc = flow_accumulation(rcv)
    net = stream_network(rcv, acc, 3)  # only cells with >= 3 upstream cells
    starts = sorted(int(net.cells[net.starts[k]]) for k in range(net.n))
    assert starts == [2, 5, 6]  # the two order-1 stretches below the sources, then the main path
    assert list(classify(np.array([0.4, 0.5, 1.9, 2, 10, 50, 80]), [0.5, 2, 10, 50]) - 1) == [
        0,
        1,
        1,
        2,
        3,
        4,
        4,
    ]


@pytest.mark.parametrize("name,cell", [("bigtujunga_srtm30.tif", 30.0), ("lidar_mn_1m_dem.tif", 1.0)])
def test_against_whitebox_on_real_dems(real_data, tmp_path, monkeypatch, name, cell):
    import whitebox_workflows as wbw

    path = os.path.join(real_data, name)
    src = gdal.Open(path)
    z = src.ReadAsArray().astype(np.float32)
    t = build_terrain(z, dx=cell, dy=cell)
    acc = d8_accumulation(t.code).ravel()  # from the codes, bands of rows on all cores
    np.testing.assert_array_equal(flow_accumulation(t.rcv, z.shape), acc)
    # totals: every valid cell leaves the map exactly once
    assert acc[t.rcv == -1].sum() == int(t.valid.sum())

    def write(arr, fname):
        ds = gdal.GetDriverByName("GTiff").Create(
            str(tmp_path / fname), z.shape[1], z.shape[0], 1, gdal.GDT_Float32
        )
        ds.SetGeoTransform(src.GetGeoTransform())
        ds.SetProjection(src.GetProjection())
        ds.GetRasterBand(1).WriteArray(arr.astype(np.float32))
        ds = None
        return str(tmp_path / fname)

    wbe = wbw.WbEnvironment()
    # 1) directions: WhiteboxTools' steepest-descent D8 pointer on the same filled surface agrees on
    #    the interior cells that are not on flats
    ptr = wbe.hydrology.d8_pointer(dem=wbe.read_raster(write(t.filled, "filled.tif")), esri_pntr=True)
    wbe.write_raster(ptr, str(tmp_path / "wptr.tif"))
    wp = gdal.Open(str(tmp_path / "wptr.tif")).ReadAsArray()
    f = np.pad(t.filled.astype(np.float64), 1, constant_values=np.inf)
    lower = np.zeros(z.shape, bool)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr or dc:
                lower |= f[1 + dr : 1 + dr + z.shape[0], 1 + dc : 1 + dc + z.shape[1]] < t.filled
    inner = np.zeros(z.shape, bool)
    inner[1:-1, 1:-1] = True
    m = lower & inner
    assert (wp[m] == t.code[m]).mean() >= 0.99
    # 2) accumulation: WhiteboxTools accumulating our pointer gives our accumulation everywhere
    wacc = wbe.hydrology.d8_flow_accum(
        raster=wbe.read_raster(write(t.code, "ptr.tif")),
        out_type="cells",
        input_is_pointer=True,
        esri_pntr=True,
    )
    wbe.write_raster(wacc, str(tmp_path / "wacc.tif"))
    ref = gdal.Open(str(tmp_path / "wacc.tif")).ReadAsArray()
    np.testing.assert_array_equal(ref.astype(np.int64), acc.reshape(z.shape))
    # 3) identical without numba
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    np.testing.assert_array_equal(d8_accumulation(t.code).ravel(), acc)
    n1 = stream_network(t.rcv, acc, 100)
    monkeypatch.delenv("SMARTPLAN_NO_NUMBA")
    n2 = stream_network(t.rcv, acc, 100)
    np.testing.assert_array_equal(n1.cells, n2.cells)
    np.testing.assert_array_equal(n1.strahler, n2.strahler)


def test_accumulation_across_row_bands_by_hand(engine, monkeypatch):
    """Bands of rows are accumulated apart and the flow crossing between them is carried down
    its path afterwards: a path that crosses the cut three times (down, up, down again) and side
    streams joining it on both sides, against a direct count of every cell's path."""
    from smartplan.core import parallel

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    nrows, ncols = 200, 3
    assert parallel.row_bands(nrows) == [(0, 100), (100, 200)]  # the cut lies between rows 99 and 100
    rcv = np.full((nrows, ncols), -2, dtype=np.int64)
    idx = np.arange(nrows * ncols).reshape(nrows, ncols)
    rcv[:100, 0] = idx[1:101, 0]  # column 0 flows down across the cut to row 100
    rcv[100, 0] = idx[100, 1]
    rcv[101:, 0] = idx[100:-1, 0]  # ... and the rest of column 0 flows up into row 100
    rcv[99:101, 1] = idx[98:100, 1]  # column 1 flows up from row 100 across the cut to row 98
    rcv[101:, 1] = idx[100:-1, 1]
    rcv[:98, 1] = idx[1:99, 1]
    rcv[98, 1] = idx[98, 2]
    rcv[:-1, 2] = idx[1:, 2]  # column 2 flows down across the cut and off the map
    rcv[-1, 2] = -1
    rcv[150, 2] = -2  # a no-data cell: the path ends there ... so column 2 below 150 starts anew
    rcv[149, 2] = -1  # (row 149 drains off the map: a NoData hole beside it)
    ref = np.zeros(rcv.size, dtype=np.int64)
    flat = rcv.ravel()
    for c in range(flat.size):
        if flat[c] == -2:
            continue
        x = c
        while x >= 0:
            ref[x] += 1
            x = flat[x]
    acc = flow_accumulation(rcv)
    np.testing.assert_array_equal(acc, ref)
    assert acc[idx[149, 2]] == 2 * nrows + 150  # columns 0 and 1 and column 2 above the hole


def test_accumulation_with_receivers_beyond_neighbours(engine, monkeypatch):
    """A receiver that jumps over the band cut (a culvert burned in as a long link) is not
    lost: the banded accumulation notices it and counts in one piece."""
    from smartplan.core import parallel

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    nrows, ncols = 200, 2
    idx = np.arange(nrows * ncols).reshape(nrows, ncols)
    rcv = np.empty((nrows, ncols), dtype=np.int64)
    rcv[:-1, :] = idx[1:, :]  # both columns flow down and off the map
    rcv[-1, :] = -1
    rcv[95, 0] = idx[105, 1]  # the culvert: from column 0 above the cut into column 1 below it
    ref = np.zeros(rcv.size, dtype=np.int64)
    flat = rcv.ravel()
    for c in range(flat.size):
        x = c
        while x >= 0:
            ref[x] += 1
            x = flat[x]
    np.testing.assert_array_equal(flow_accumulation(rcv), ref)
    assert flow_accumulation(rcv)[idx[-1, 1]] == 96 + 200  # 96 cells through the culvert


def test_codes_and_receivers_by_hand():
    """Receivers <-> ESRI codes on a 3 x 3 grid: the centre's eight neighbours, off the map and
    none; a receiver one index on from the last column wraps into the next row: no neighbour."""
    idx = np.arange(9).reshape(3, 3)
    code = np.array([[2, 4, 8], [1, 0, 16], [128, 64, 255]], dtype=np.uint8)  # all into the centre
    rcv = receivers_from_codes(code)
    assert rcv.tolist() == [4, 4, 4, 4, -1, 4, 4, 4, -2]
    np.testing.assert_array_equal(codes_from_receivers(rcv, (3, 3)), code)
    centre = np.full(9, -1, dtype=np.int64)
    centre[4] = idx[0, 2]  # the centre drains NE
    assert codes_from_receivers(centre, (3, 3))[1, 1] == 128
    wrap = np.full(9, -1, dtype=np.int64)
    wrap[2] = 3  # (0, 2) -> (1, 0): next index, but two columns away
    assert codes_from_receivers(wrap, (3, 3)) is None
    # the centre collects its 8 neighbours (the corner with code 255 counts 0 and gives none)
    acc = d8_accumulation(code)
    assert acc[1, 1] == 8 and acc[2, 2] == 0 and acc.sum() == 8 + 7
