"""Flow-path segments across tiles (core.tiled_streams) against streams.stream_network on the
whole raster: the same segments in the same order, their cells, downstream segments, Strahler
orders and upstream cells — on random terrain with ties and NoData, random tile layouts (rows
of one cell, single cells, odd sizes) and thresholds."""

import numpy as np
import pytest

from smartplan.core.fill import fill_depressions
from smartplan.core.flow import flow_directions
from smartplan.core.streams import d8_accumulation, stream_network
from smartplan.core.tiled_streams import network_tiled_array, segment_cells, upstream_cells


def check_equal(code, rcv, acc, tr, tc, min_cells):
    net = stream_network(rcv, acc.ravel(), min_cells)
    seg, pieces = network_tiled_array(code, acc, tr, tc, min_cells)
    assert seg.n == net.n
    np.testing.assert_array_equal(seg.downstream, net.downstream)
    np.testing.assert_array_equal(seg.strahler, net.strahler)
    for k in range(net.n):
        cells, a, _f, _s = segment_cells(seg, k, lambda t: pieces[t])
        np.testing.assert_array_equal(cells, net.cells[net.starts[k] : net.starts[k + 1]])
        assert upstream_cells(seg.downstream[k], a) == net.upstream_cells[k]
    return net


def test_random_terrain_and_layouts(engine):
    rng = np.random.default_rng(4)
    crossing = 0
    for _ in range(40):
        nr, nc = rng.integers(2, 30, 2)
        z = np.round(rng.random((nr, nc)) * 4 + np.add.outer(np.arange(nr), np.arange(nc)) * 0.3, 1)
        z = z.astype(np.float32)
        z[rng.random((nr, nc)) < 0.05] = np.nan
        valid = np.isfinite(z)
        f = fill_depressions(z, valid, True)
        code, rcv = flow_directions(f, valid, True)
        acc = d8_accumulation(code)
        tr, tc = rng.integers(1, 12, 2)
        net = check_equal(code, rcv.ravel(), acc, int(tr), int(tc), int(rng.integers(1, 8)))
        crossing += net.n
    assert crossing > 100


@pytest.mark.parametrize("tr,tc", [(1, 1), (1, 64), (64, 1), (7, 13), (64, 64)])
def test_the_lidar_dem_network_on_tile_layouts(tr, tc):
    import os

    from smartplan.core.sinks import build_terrain
    from smartplan.io.raster import read_dem

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    z, valid, _grid = read_dem(os.path.join(root, "demo", "data", "lidar_mn_1m_dem.tif"))
    z, valid = z[:120, :150], valid[:120, :150]
    t = build_terrain(z, valid)
    acc = d8_accumulation(t.code)
    net = check_equal(t.code, t.rcv.ravel(), acc, tr, tc, 60)
    assert net.n > 20 and net.strahler.max() >= 3


@pytest.mark.parametrize("tile,nodata_drains", [(64, True), (37, False)])
def test_flowpaths_across_tiles_equal_the_whole_raster_run(tmp_path, tile, nodata_drains):
    """analysis.tiled with streams: the FLOWPATHS records (segment ids, upstream area, class,
    Strahler, length, slope, in_sink, downstream segment, line) of analysis.flowpaths.run on the
    whole raster, with buildings and a NoData hole; segments cross many tiles."""
    from osgeo import ogr

    from smartplan.analysis import flowpaths
    from smartplan.analysis import tiled as A
    from smartplan.analysis.terrain import TerrainSettings, prepare_terrain
    from smartplan.analysis.tiled_streams import TiledStreams
    from tests.unit.test_tiled import DEM, random_footprints, read, write_tif

    z = read(DEM)
    z[200:220, 40:60] = np.nan
    src = write_tif(tmp_path / "dem.tif", z)
    fps = random_footprints(3, 60, (3, 12), lambda k, rng: None)
    settings = TerrainSettings(nodata_drains=nodata_drains)
    fr = flowpaths.run(prepare_terrain(src, fps, settings), 0.03, [0.05, 0.2, 1.0])
    res = A.fill_tiled(
        src,
        str(tmp_path / "out"),
        tile_size=tile,
        nodata_drains=nodata_drains,
        footprints=fps,
        settings=settings,
        streams=TiledStreams(0.03, [0.05, 0.2, 1.0]),
    )
    ours = list(flowpaths.flowpath_records(res.flowpaths))
    ref = list(flowpaths.flowpath_records(fr))
    assert len(ours) == len(ref) > 50
    for (w1, a1), (w2, a2) in zip(ours, ref):
        assert a1[:5] == a2[:5] and a1[7:] == a2[7:]
        assert a1[5:7] == pytest.approx(a2[5:7], rel=1e-12)
        assert ogr.CreateGeometryFromWkb(w1).Equals(ogr.CreateGeometryFromWkb(w2))
    crossing = sum(
        len(
            {
                (int(5800000 - y) // tile, int(x - 500000) // tile)
                for x, y in ogr.CreateGeometryFromWkb(w).GetPoints()
            }
        )
        > 1
        for w, _a in ref
    )
    assert crossing > 5 and max(a[4] for _w, a in ref) >= 3
    # the corridor and the buildings near by the same rule
    c1 = [ogr.CreateGeometryFromWkb(w).GetArea() for w, _a in flowpaths.corridor_records(res.flowpaths, 5.0)]
    c2 = [ogr.CreateGeometryFromWkb(w).GetArea() for w, _a in flowpaths.corridor_records(fr, 5.0)]
    assert c1 == pytest.approx(c2)
