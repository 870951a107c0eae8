"""Nested sinks on the city-scale path (analysis.tiled_nesting) against analysis.depressions'
nested records on the whole raster: the same nested sinks with the same ids, areas, volumes,
depths, bottom and spill elevations, parents, levels, buildings and polygons — sinks inside one
tile and sinks across tiles (read in their bounding window); a window too large is reported."""

import numpy as np
import pytest
from osgeo import ogr

from smartplan.analysis import depressions
from smartplan.analysis import tiled as A
from smartplan.analysis.terrain import TerrainSettings, prepare_terrain
from tests.unit.test_tiled import DEM, random_footprints, read, write_tif

FIELDS = [name for name, _t in depressions.SINK_FIELDS]
FILTERS = dict(min_depth=0.05, min_area=2.0, min_volume=0.1, min_catchment=0.0)


def whole_nested(src, fps, settings, max_level):
    res = depressions.analyse(prepare_terrain(src, fps, settings), FILTERS)
    grid = prepare_terrain(src, fps, settings).grid
    return {
        a[0]: (dict(zip(FIELDS, a)), ogr.CreateGeometryFromWkb(w))
        for w, a in depressions.nested_records(res, grid, max_level)
    }


@pytest.mark.parametrize("tile,nodata_drains", [(37, True), (128, False)])
def test_nested_sinks_across_tiles_equal_the_whole_raster(tmp_path, tile, nodata_drains):
    z = read(DEM)
    z[200:220, 40:60] = np.nan
    src = write_tif(tmp_path / "dem.tif", z)
    fps = random_footprints(3, 80, (2, 10), lambda k, rng: 0.5 if k % 2 else None)
    settings = TerrainSettings(nodata_drains=nodata_drains)
    ref = whole_nested(src, fps, settings, 3)
    recs = []
    res = A.fill_tiled(
        src,
        str(tmp_path / "out"),
        tile_size=tile,
        nodata_drains=nodata_drains,
        footprints=fps,
        settings=settings,
        sink_writer=lambda r, w: recs.append((r, ogr.CreateGeometryFromWkb(w))),
        sink_filters=FILTERS,
        routing=True,
        max_level=3,
    )
    ours = {r["sink_id"]: (r, g) for r, g in recs if r["level"] > 1}
    assert res.nested == len(ours) == len(ref) > 10
    assert sorted(ours) == sorted(ref)
    for sid, (r, g) in ref.items():
        o, og = ours[sid]
        for k in ("area_m2", "max_depth_m", "bottom_elev", "spill_elev", "parent_id", "level", "depth_class"):
            assert o[k] == r[k], (sid, k)
        assert o["volume_m3"] == pytest.approx(r["volume_m3"], rel=1e-12)
        assert o["buildings_affected"] == r["buildings_affected"], sid
        assert og.GetArea() == pytest.approx(g.GetArea())
    assert max(r["level"] for r, _g in ref.values()) == 3
    assert any(r["tiles"] > 1 for r, _g in ours.values()) or tile == 128
    # "tiles": the tiles whose area the nested sink's polygon overlaps
    from osgeo import gdal

    ds = gdal.Open(src)
    x0, dx, _a, y0, _b, dy = ds.GetGeoTransform()
    for r, g in ours.values():
        n = 0
        for tr in range(0, ds.RasterYSize, tile):
            for tc in range(0, ds.RasterXSize, tile):
                ring = ogr.Geometry(ogr.wkbLinearRing)
                xa, xb = x0 + tc * dx, x0 + (tc + tile) * dx
                ya, yb = y0 + tr * dy, y0 + (tr + tile) * dy
                for x, y in ((xa, ya), (xb, ya), (xb, yb), (xa, yb), (xa, ya)):
                    ring.AddPoint_2D(x, y)
                box = ogr.Geometry(ogr.wkbPolygon)
                box.AddGeometry(ring)
                n += g.Intersection(box).GetArea() > 1e-6
        assert r["tiles"] == n, r["sink_id"]
    assert sum(r["buildings_affected"] for r, _g in ref.values()) > 0


def test_a_sink_window_too_large_is_reported(tmp_path):
    z = read(DEM)
    src = write_tif(tmp_path / "dem.tif", z)
    recs = []
    from smartplan.analysis import tiled_nesting

    orig = tiled_nesting.nested_across_tiles
    res = None
    try:
        tiled_nesting.nested_across_tiles = lambda *a, **k: orig(*a, **dict(k, max_window=100))
        res = A.fill_tiled(
            src,
            str(tmp_path / "out"),
            tile_size=50,
            sink_writer=lambda r, w: recs.append(r),
            sink_filters=FILTERS,
            max_level=3,
        )
    finally:
        tiled_nesting.nested_across_tiles = orig
    notes = dict(res.notes)
    assert notes["nesting_skipped"]["sinks"] > 0 and notes["nesting_skipped"]["ids"]


def test_nested_ids_follow_the_sinks_without_gaps(tmp_path):
    """The nested sinks written get the ids after all sink ids, by volume, with no gaps, and
    every parent_id names a sink of the layer."""
    src = write_tif(tmp_path / "dem.tif", read(DEM))
    res = depressions.analyse(prepare_terrain(src, [], TerrainSettings()), FILTERS)
    grid = prepare_terrain(src, [], TerrainSettings()).grid
    outer = {a[0] for _w, a in depressions.sink_records(res, grid)}
    nested = [dict(zip(FIELDS, a)) for _w, a in depressions.nested_records(res, grid, 3)]
    assert len(nested) > 10
    ids = sorted(r["sink_id"] for r in nested)
    assert ids == list(range(res.table.n + 1, res.table.n + 1 + len(nested)))
    assert min(ids) > max(outer)
    by_id = sorted(nested, key=lambda r: r["sink_id"])
    assert all(a["volume_m3"] >= b["volume_m3"] for a, b in zip(by_id, by_id[1:]))
    known = outer | set(ids)
    assert all(r["parent_id"] in known for r in nested)


@pytest.mark.parametrize("batch", [1, 2, 4])
def test_nesting_windows_run_at_most_one_large_window_at_once(batch):
    """Every window is nested once; a batch handed to the engine holds at most one window larger
    than a tile (the memory of the tasks at once stays that of one large window and tiles)."""
    from smartplan.analysis.tiled_nesting import _batches

    tile = 100
    rng = np.random.default_rng(batch)
    wins = [((0, 0, int(h), 10), None) for h in rng.choice([5, 10, 30, 400], 40)]
    runs = _batches(wins, tile, batch)
    flat = [i for run in runs for i in run]
    assert sorted(flat) == list(range(len(wins)))
    for run in runs:
        for k in range(0, len(run), batch):
            chunk = run[k : k + batch]
            assert sum(wins[i][0][2] * 10 > tile for i in chunk) <= 1
