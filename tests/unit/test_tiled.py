"""Exact tiled depression filling (core.tiled, analysis.tiled): the filled surface equals the
whole-raster fill cell for cell on many tile layouts and both NoData conventions; tile folders
are checked before any work; cancel leaves no output and a resumed run reuses finished tiles;
the same run on a dask.distributed cluster of two worker processes."""

import os

import numpy as np
import pytest
from osgeo import gdal
from skimage.morphology import reconstruction

from smartplan.analysis import tiled as A
from smartplan.core.fill import classify_nodata, fill_depressions
from smartplan.core.tiled import fill_tiled_array
from smartplan.io.tiles import TileSetError
from tests.rasters import write_dem

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEM = os.path.join(ROOT, "demo", "data", "lidar_mn_1m_dem.tif")


write_tif = write_dem


def read(path):
    ds = gdal.Open(path)
    a = ds.GetRasterBand(1).ReadAsArray().astype(np.float32)
    nd = ds.GetRasterBand(1).GetNoDataValue()
    a[a == nd] = np.nan
    return a


def reference_fill(z, nodata_drains):
    """scikit-image's reconstruction by erosion from the outlets: an independent fill."""
    valid = np.isfinite(z)
    drains, walls = classify_nodata(valid, nodata_drains)
    big = float(np.nanmax(z)) + 1000.0
    zz = np.where(valid, z, np.where(drains, -big, big)).astype(np.float64)
    pad = np.pad(zz, 1, constant_values=-big)
    seed = np.full(pad.shape, big)
    seed[0, :] = seed[-1, :] = seed[:, 0] = seed[:, -1] = -big
    seed[1:-1, 1:-1][drains] = -big
    out = reconstruction(seed, pad, method="erosion", footprint=np.ones((3, 3)))[1:-1, 1:-1]
    out[~valid] = np.nan
    return out.astype(np.float32)


def terraced(n=37, seed=3):
    """Integer terraces (many flats and ties) with pits, some crossing tile corners, and NoData:
    a hole enclosed inside, one on the raster edge."""
    rng = np.random.default_rng(seed)
    z = np.round(rng.random((n, n)) * 6).astype(np.float32)
    z[10:20, 10:20] = 9.0  # a ring wall ...
    z[12:18, 12:18] = 1.0  # ... around a flat-bottomed pit that crosses tile corners
    z[25:28, 5:9] = np.nan  # enclosed NoData
    z[0:3, 30:34] = np.nan  # NoData on the edge
    return z


LAYOUTS = [(1, 1), (1, 37), (37, 1), (2, 3), (5, 5), (7, 11), (12, 12), (36, 36), (37, 37), (50, 50)]


@pytest.mark.parametrize("nodata_drains", [True, False])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_tiled_fill_equals_the_whole_raster_fill(engine, layout, nodata_drains):
    z = terraced()
    whole = fill_depressions(z, nodata_drains=nodata_drains)
    np.testing.assert_array_equal(whole, reference_fill(z, nodata_drains))
    out = fill_tiled_array(z, *layout, nodata_drains=nodata_drains)
    np.testing.assert_array_equal(out, whole)


def test_walls_make_a_difference_across_tiles():
    """A NoData hole that spans four tiles, in a moat 4 m below the plain: draining, it empties
    the moat; as a wall, the moat fills to the plain — on 1 x 1 tiles as on the whole raster."""
    z = np.full((9, 9), 5.0, np.float32)
    z[2:7, 2:7] = 1.0  # the moat ...
    z[3:6, 3:6] = np.nan  # ... around the hole, crossed by tile seams
    expected = {True: 1.0, False: 5.0}
    for drains in (True, False):
        whole = fill_depressions(z, nodata_drains=drains)
        assert whole[2, 2] == expected[drains]
        for layout in ((1, 1), (4, 4), (2, 5), (3, 9)):
            np.testing.assert_array_equal(fill_tiled_array(z, *layout, nodata_drains=drains), whole)


def test_random_layouts_on_random_terrain(engine):
    rng = np.random.default_rng(11)
    for _ in range(40):
        nr, nc = rng.integers(1, 25, 2)
        z = np.round(rng.random((nr, nc)) * 8).astype(np.float32)
        z[rng.random((nr, nc)) < 0.12] = np.nan
        drains = bool(rng.integers(0, 2))
        tr, tc = rng.integers(1, 26, 2)
        np.testing.assert_array_equal(
            fill_tiled_array(z, int(tr), int(tc), nodata_drains=drains),
            fill_depressions(z, nodata_drains=drains),
        )


def split_into_tiles(folder, z, size, origin=(500000.0, 5800000.0), skip=(), nodata=-9999.0):
    os.makedirs(folder, exist_ok=True)
    k = 0
    for r0 in range(0, z.shape[0], size):
        for c0 in range(0, z.shape[1], size):
            if (r0, c0) not in skip:
                write_tif(
                    os.path.join(folder, f"dgm1_{k:03d}.tif"),
                    z[r0 : r0 + size, c0 : c0 + size],
                    origin=(origin[0] + c0, origin[1] - r0),
                    nodata=nodata,
                )
            k += 1
    return str(folder)


def test_tile_folder_with_a_missing_tile_on_the_lidar_dem(tmp_path):
    z = read(DEM)
    folder = split_into_tiles(tmp_path / "dgm", z, 150, skip={(150, 150)})
    z_mosaic = z.copy()
    z_mosaic[150:300, 150:300] = np.nan  # the missing tile is NoData
    for drains in (True, False):
        out = tmp_path / f"out_{drains}"
        res = A.fill_tiled(folder, str(out), tile_size=64, nodata_drains=drains)
        whole = fill_depressions(z_mosaic, nodata_drains=drains)
        np.testing.assert_array_equal(read(res.filled_vrt), whole)
        np.testing.assert_allclose(read(res.depth_vrt), whole - z_mosaic, atol=1e-6)
        assert res.tiles == 49 and not os.path.exists(out / ".smartplan-work")
    # the hole's surroundings differ between the conventions (the test is not vacuous)
    assert not np.array_equal(
        read(str(tmp_path / "out_True" / "filled.vrt")), read(str(tmp_path / "out_False" / "filled.vrt"))
    )


def test_an_undeclared_nodata_marker_is_found_over_all_tiles(tmp_path):
    """Tiles with -9999 cells and no declared NoData (one tile holds nothing else, so no tile
    alone could tell): the city-scale fill takes -9999 as NoData, as the whole-raster path does,
    and says so; left as terrain it would flood the surroundings kilometres deep."""
    z = read(DEM)[:260, :260].copy()
    z[:130, :130] = np.nan  # a whole tile without data
    z[200:204, 40:44] = np.nan  # and a hole elsewhere
    folder = split_into_tiles(
        tmp_path / "dgm", np.where(np.isnan(z), -9999.0, z), 130, nodata=None, skip={(130, 130)}
    )
    z[130:, 130:] = np.nan  # the missing tile is NoData too
    assert gdal.Open(os.path.join(folder, "dgm1_000.tif")).GetRasterBand(1).GetNoDataValue() is None
    res = A.fill_tiled(folder, str(tmp_path / "out"), tile_size=100, nodata_drains=True)
    np.testing.assert_array_equal(read(res.filled_vrt), fill_depressions(z, nodata_drains=True))
    assert res.notes == (("undeclared_nodata", {"value": -9999.0, "cells": 130 * 130 + 16}),)
    # a DEM that declares its NoData (or has no marker) is read as it is, without a note
    declared = split_into_tiles(tmp_path / "dgm2", z, 130)
    assert A.fill_tiled(declared, str(tmp_path / "out2"), tile_size=100).notes == ()


@pytest.mark.parametrize(
    "case, code",
    [
        ("crs", "tile_crs"),
        ("cell", "tile_cell_size"),
        ("grid", "tile_grid"),
        ("overlap", "tile_overlap"),
        ("nodata", "tile_nodata"),
        ("empty", "no_tiles"),
    ],
)
def test_bad_tile_sets_are_refused_before_any_work(tmp_path, case, code):
    z = np.arange(100, dtype=np.float32).reshape(10, 10)
    folder = tmp_path / "tiles"
    folder.mkdir()
    if case != "empty":
        write_tif(folder / "a.tif", z)
        kw = {
            "crs": dict(epsg=25833),
            "cell": dict(cell=0.5),
            "grid": dict(origin=(500010.5, 5800000.0)),
            "overlap": dict(origin=(500005.0, 5800000.0)),
            "nodata": dict(nodata=-32767.0),
        }[case]
        kw.setdefault("origin", (500010.0, 5800000.0))
        zb = z + 1 if case == "overlap" else z
        write_tif(folder / "b.tif", zb, **kw)
    with pytest.raises(TileSetError) as err:
        A.fill_tiled(str(folder), str(tmp_path / "out"), tile_size=4)
    assert err.value.code == code
    if case != "empty":
        assert any(str(folder / "b.tif") in t or str(folder / "a.tif") in t for t in err.value.info["tiles"])
    assert not os.path.exists(tmp_path / "out" / "filled.vrt")


def test_cancel_then_resume_reuses_finished_tiles(tmp_path, monkeypatch):
    z = read(DEM)
    src = write_tif(tmp_path / "dem.tif", z)
    out = tmp_path / "out"
    calls = {"n": 0}

    def cancel_after_some():
        calls["n"] += 1
        if calls["n"] == 6:
            raise A.Cancelled()

    monkeypatch.setattr(A, "dask_available", lambda: False)  # tile after tile, in this process
    with pytest.raises(A.Cancelled):
        A.fill_tiled(src, str(out), tile_size=100, scheduler="", check=cancel_after_some)
    assert not os.path.exists(out / "filled.vrt") and not os.path.exists(out / "depth.vrt")
    done = len([f for f in os.listdir(out / ".smartplan-work") if f.startswith("local_")])
    assert done == 5  # checked before each tile: the sixth was never started
    ran = []
    real = A.T.local_pass
    monkeypatch.setattr(A.T, "local_pass", lambda *a, **k: ran.append(1) or real(*a, **k))
    res = A.fill_tiled(src, str(out), tile_size=100)
    assert res.resumed_tiles == done and len(ran) == 16 - done
    np.testing.assert_array_equal(read(res.filled_vrt), fill_depressions(z))
    # a later run with other settings starts afresh (nothing stale is reused)
    res2 = A.fill_tiled(src, str(out), tile_size=100, nodata_drains=False)
    assert res2.resumed_tiles == 0


def test_on_a_dask_distributed_cluster_of_two_processes(tmp_path):
    """The whole graph — fill, routing, sinks and the rain scenario — on two worker processes
    (every task and its arguments go to another process): the whole-raster results."""
    import distributed  # part of requirements-dev.txt

    from smartplan.analysis.tiled_rain import TiledRain
    from smartplan.core.sinks import build_terrain, rain_cascade, sink_table

    z = read(DEM)
    src = write_tif(tmp_path / "dem.tif", z)
    flooded = []
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        res = A.fill_tiled(
            src,
            str(tmp_path / "out"),
            tile_size=128,
            nodata_drains=False,
            scheduler=cluster.scheduler_address,
            rain=TiledRain(rain_mm=5.0, flooded_writer=lambda a, w: flooded.append(a)),
        )
    assert res.engine.startswith("dask.distributed")
    np.testing.assert_array_equal(read(res.filled_vrt), fill_depressions(z, nodata_drains=False))
    t = build_terrain(z, nodata_drains=False)
    ref = rain_cascade(sink_table(t), t, 5.0)
    np.testing.assert_allclose(read(res.scenario.water_depth_vrt), ref.water_depth, atol=1e-5)
    assert len(flooded) == int((ref.stored > 0).sum()) > 10


def random_footprints(seed, n, sizes, height):
    """``n`` rectangles of ``sizes`` m (min, max) at random over the 400 m LiDAR DEM, crossing
    tile seams and overlapping; ``height(k, rng)``: the own height of rectangle k or None."""
    from osgeo import ogr

    from smartplan.analysis.terrain import Footprint

    rng = np.random.default_rng(seed)
    fps = []
    for k in range(n):
        x, y = 500000.0 + rng.uniform(0, 400 - sizes[1] / 2), 5800000.0 - rng.uniform(0, 400 - sizes[1] / 2)
        w, h = rng.uniform(*sizes, 2)
        ring = f"POLYGON(({x} {y},{x + w} {y},{x + w} {y - h},{x} {y - h},{x} {y}))"
        fps.append(Footprint(ogr.CreateGeometryFromWkt(ring).ExportToWkb(), height(k, rng), k))
    return fps


def test_buildings_raised_as_in_the_whole_raster_analysis(tmp_path):
    """Footprints that cross tile seams and overlap (the later one wins), with own heights and
    without (the general raise): the tiled fill of the conditioned DEM equals the whole-raster
    fill of analysis.terrain's conditioned DEM, for both NoData conventions."""

    from smartplan.analysis.terrain import TerrainSettings, prepare_terrain

    z = read(DEM)
    z[200:220, 40:60] = np.nan  # an enclosed hole
    src = write_tif(tmp_path / "dem.tif", z)
    fps = random_footprints(7, 60, (3, 25), lambda k, rng: None if k % 3 == 0 else float(rng.uniform(2, 30)))
    settings = TerrainSettings(building_raise_m=7.5)
    for drains in (True, False):
        whole = prepare_terrain(src, fps, settings)
        assert whole.raised_cells > 3000
        filled = fill_depressions(whole.z, whole.valid, nodata_drains=drains)
        res = A.fill_tiled(
            src,
            str(tmp_path / f"out_{drains}"),
            tile_size=90,
            nodata_drains=drains,
            footprints=fps,
            settings=settings,
        )
        np.testing.assert_array_equal(read(res.filled_vrt), filled)
        np.testing.assert_array_equal(read(res.depth_vrt), (filled - whole.z).astype(np.float32))


def sinks_of_tiled_run(src, out, tile, **kw):
    recs = []
    res = A.fill_tiled(
        src,
        str(out),
        tile_size=tile,
        sink_writer=lambda r, w: recs.append((r, ogr_area(w))),
        sink_filters=dict(min_depth=0, min_area=0, min_volume=0, min_catchment=0),
        **kw,
    )
    return res, {r["sink_id"]: (r, a) for r, a in recs}


def ogr_area(wkb):
    from osgeo import ogr

    return ogr.CreateGeometryFromWkb(wkb).GetArea()


@pytest.mark.parametrize("tile", [2, 5, 36])
@pytest.mark.parametrize("nodata_drains", [True, False])
def test_sinks_across_tiles_equal_the_sink_table(tmp_path, tile, nodata_drains, engine):
    """Every sink of sink_table on the whole raster, with its public id, area, volume, depths,
    bottom and spill elevation, and a polygon of its area — also sinks cut by many seams."""
    from smartplan.core.sinks import build_terrain, public_ids, sink_table

    z = terraced()
    src = write_tif(tmp_path / "dem.tif", z)
    st = sink_table(build_terrain(z, nodata_drains=nodata_drains))
    pid = public_ids(st)
    res, ours = sinks_of_tiled_run(src, tmp_path / "out", tile, nodata_drains=nodata_drains)
    assert res.sinks == st.n == len(ours) > 5
    for s in range(st.n):
        rec, area = ours[int(pid[s + 1])]
        assert rec["area_m2"] == st.area_m2[s] == pytest.approx(area)
        assert rec["volume_m3"] == pytest.approx(st.volume_m3[s], rel=1e-12)
        assert (rec["max_depth_m"], rec["bottom_elev"], rec["spill_elev"]) == (
            st.max_depth_m[s],
            st.bottom_elev[s],
            st.spill_elev[s],
        )
    assert max(r["tiles"] for r, _ in ours.values()) > (1 if tile < 36 else 0)


def test_sinks_across_tiles_count_buildings_beside_them(tmp_path):
    """Buildings in or beside a sink, also across a seam (a building in one tile, the sink cell
    beside it in the next): the counts of sink_table."""

    from smartplan.analysis.terrain import TerrainSettings, prepare_terrain
    from smartplan.core.sinks import public_ids, sink_table

    z = read(DEM)
    src = write_tif(tmp_path / "dem.tif", z)
    fps = random_footprints(3, 120, (2, 12), lambda k, rng: 0.5 if k % 2 else None)
    settings = TerrainSettings()
    whole = prepare_terrain(src, fps, settings)
    st = sink_table(whole.terrain_model(), whole.building_ids)
    pid = public_ids(st)
    _res, ours = sinks_of_tiled_run(src, tmp_path / "out", 50, footprints=fps, settings=settings)
    got = np.array([ours[int(pid[s + 1])][0]["buildings_affected"] for s in range(st.n)])
    np.testing.assert_array_equal(got, st.buildings_affected)
    assert st.buildings_affected.sum() > 20


@pytest.mark.parametrize("nodata_drains", [True, False])
def test_flow_directions_and_accumulation_across_tiles(tmp_path, nodata_drains, engine):
    """D8 codes with the flats resolved and the upstream area, tile by tile from the tiled fill,
    equal the whole-raster routing (flow.flow_directions, streams.d8_accumulation) — with a
    NoData hole, flats that cross tiles (filled sinks) and buildings."""
    from osgeo import ogr

    from smartplan.analysis.terrain import Footprint, TerrainSettings, prepare_terrain
    from smartplan.core.streams import d8_accumulation, upstream_area_m2

    z = read(DEM)
    z[200:220, 40:60] = np.nan
    src = write_tif(tmp_path / "dem.tif", z)
    fps = [
        Footprint(
            ogr.CreateGeometryFromWkt(
                f"POLYGON(({x} {y},{x + 9} {y},{x + 9} {y - 7},{x} {y - 7},{x} {y}))"
            ).ExportToWkb(),
            None,
            k,
        )
        for k, (x, y) in enumerate([(500095.0, 5799905.0), (500300.5, 5799700.5), (500149.0, 5799650.0)])
    ]
    settings = TerrainSettings(nodata_drains=nodata_drains)
    t = prepare_terrain(src, fps, settings).terrain_model()
    acc = upstream_area_m2(d8_accumulation(t.code), 1.0, t.valid)
    res = A.fill_tiled(
        src,
        str(tmp_path / "out"),
        tile_size=64,
        nodata_drains=nodata_drains,
        routing=True,
        footprints=fps,
        settings=settings,
    )
    code = gdal.Open(res.flow_direction_vrt).ReadAsArray()
    np.testing.assert_array_equal(code, t.code)
    np.testing.assert_array_equal(read(res.accumulation_vrt), acc)
    # filled sinks are flats across tiles: tiles were computed again with their neighbours' news
    assert res.flat_rounds > res.tiles
    assert float(np.nanmax(acc)) > 64 * 64  # flow crossed tiles


@pytest.mark.parametrize("tile", [37, 128])
@pytest.mark.parametrize("nodata_drains", [True, False])
def test_catchments_pour_points_and_downstream_across_tiles(tmp_path, tile, nodata_drains):
    """With the routing, every sink's local catchment, fill rain, pour point and downstream sink
    across tiles equal sink_table's on the whole raster (with a NoData hole)."""
    from smartplan.core.sinks import build_terrain, public_ids, sink_table
    from smartplan.io.raster import read_dem

    z = read(DEM)
    z[200:220, 40:60] = np.nan
    src = write_tif(tmp_path / "dem.tif", z)
    zz, valid, grid = read_dem(src)
    st = sink_table(build_terrain(zz, valid, nodata_drains))
    pid = public_ids(st)
    xs, ys = grid.cell_center(st.pour_index)
    _res, ours = sinks_of_tiled_run(src, tmp_path / "out", tile, nodata_drains=nodata_drains, routing=True)
    crossing = 0
    for s in range(st.n):
        rec = ours[int(pid[s + 1])][0]
        d = int(st.downstream[s])
        assert rec["catchment_m2"] == st.catchment_m2[s]
        assert (rec["fill_rain_mm"] if rec["fill_rain_mm"] is not None else np.inf) == st.fill_rain_mm[s]
        assert rec["downstream_id"] == (int(pid[d]) if d > 0 else None)
        assert (rec["pour_x"], rec["pour_y"]) == (xs[s], ys[s])
        crossing += rec["tiles"] > 1
    assert sum(st.downstream > 0) > 10 and (crossing > 0 or tile == 128)


def test_routing_on_random_layouts_equals_the_whole_raster(engine):
    """core.tiled_flow's in-memory driver (the reference of the I/O driver): D8 codes and
    accumulation on random terrain with ties, NoData and random tile layouts equal
    flow.flow_directions and streams.d8_accumulation."""
    from smartplan.core.fill import classify_nodata
    from smartplan.core.flow import flow_directions
    from smartplan.core.streams import d8_accumulation
    from smartplan.core.tiled_flow import route_tiled_array

    rng = np.random.default_rng(2)
    for _ in range(40):
        nr, nc = rng.integers(1, 25, 2)
        z = np.round(rng.random((nr, nc)) * 5).astype(np.float32)
        z[rng.random((nr, nc)) < 0.1] = np.nan
        drains_convention = bool(rng.integers(0, 2))
        valid = np.isfinite(z)
        f = fill_depressions(z, valid, drains_convention)
        drains = classify_nodata(valid, drains_convention)[0]
        code, _rcv = flow_directions(f, valid, drains_convention, drains=drains)
        tr, tc = rng.integers(1, 26, 2)
        c2, a2 = route_tiled_array(f, valid, drains, int(tr), int(tc))
        np.testing.assert_array_equal(c2, code)
        np.testing.assert_array_equal(a2, d8_accumulation(code))


def test_only_the_parts_that_may_be_kept_are_polygonised():
    """may_be_kept: a part on the tile's edge always (it may go on next door); inside the tile,
    whole sinks only when they pass the depth, area and volume filters."""
    from smartplan.core.tiled_sinks import may_be_kept, sink_parts

    z = np.full((8, 8), 5.0, np.float32)
    z[0, 3] = 4.9  # a shallow pit on the top edge: part 1
    z[3, 1] = 4.0  # a deep one-cell pit inside: part 2 (1 m³)
    z[5:7, 4:7] = 4.95  # a shallow wide one inside: part 3 (6 cells, 0.3 m³)
    f = np.full((8, 8), 5.0, np.float32)
    valid = np.ones((8, 8), bool)
    parts, lab = sink_parts(f, z, valid, (0, 0, 8, 8), 8)
    assert parts.n == 3 and lab[0, 3] == 1 and lab[3, 1] == 2 and lab[5, 4] == 3
    assert list(may_be_kept(parts, dict(min_depth=0.5, min_area=1, min_volume=0.5), 1.0)) == [1, 2]
    assert list(may_be_kept(parts, dict(min_depth=0.01, min_area=4, min_volume=0.1), 1.0)) == [1, 3]
    assert list(may_be_kept(parts, dict(min_depth=0.05, min_area=1, min_volume=1.0), 1.0)) == [1, 2]
    assert list(may_be_kept(parts, {}, 1.0)) == [1, 2, 3]


def test_kept_sinks_across_tiles_have_the_polygons_of_the_whole_raster(tmp_path):
    """With the filters of smartplan:depressions, every kept sink is written with its polygon
    (the tiles polygonise only the parts that may be kept): ids and areas as on the whole raster."""
    from smartplan.analysis import depressions
    from smartplan.analysis.terrain import TerrainSettings, prepare_terrain

    filters = dict(min_depth=0.05, min_area=4.0, min_volume=0.5, min_catchment=20.0)
    src = write_tif(tmp_path / "dem.tif", read(DEM))
    prep = prepare_terrain(src, [], TerrainSettings())
    res = depressions.analyse(prep, filters)
    ref = {a[0]: ogr_area(w) for w, a in depressions.sink_records(res, prep.grid)}
    recs = []
    A.fill_tiled(
        src,
        str(tmp_path / "out"),
        tile_size=37,
        sink_writer=lambda r, w: recs.append((r["sink_id"], ogr_area(w))),
        sink_filters=filters,
        routing=True,
    )
    ours = dict(recs)
    assert len(ref) > 10 and sorted(ours) == sorted(ref)
    for sid, area in ref.items():
        assert ours[sid] == pytest.approx(area), sid


def test_sinks_along_the_flow_on_a_single_tile(tmp_path):
    """One tile holding the whole DEM (no exits between tiles): catchments, pour points and
    downstream sinks as on the whole raster."""
    from smartplan.analysis import depressions
    from smartplan.analysis.terrain import TerrainSettings, prepare_terrain

    filters = dict(min_depth=0.05, min_area=4.0, min_volume=0.5, min_catchment=20.0)
    z = read(DEM)
    src = write_tif(tmp_path / "dem.tif", z)
    prep = prepare_terrain(src, [], TerrainSettings())
    res = depressions.analyse(prep, filters)
    ref = {a[0]: a for _w, a in depressions.sink_records(res, prep.grid)}
    recs = []
    A.fill_tiled(
        src,
        str(tmp_path / "out"),
        tile_size=max(z.shape),
        sink_writer=lambda r, w: recs.append(r),
        sink_filters=filters,
        routing=True,
    )
    ours = {r["sink_id"]: r for r in recs}
    assert sorted(ours) == sorted(ref) and len(ref) > 10
    names = [n for n, _t in depressions.SINK_FIELDS]
    for sid, a in ref.items():
        r = dict(zip(names, a))
        assert ours[sid]["catchment_m2"] == pytest.approx(r["catchment_m2"]), sid
        assert ours[sid]["downstream_id"] == r["downstream_id"], sid


def _owned_bytes(obj, seen):
    """Bytes of memory the arrays in ``obj`` keep alive (a view keeps its whole base)."""
    import dataclasses

    if isinstance(obj, np.ndarray):
        base = obj
        while isinstance(base.base, np.ndarray):
            base = base.base
        if id(base) in seen:
            return 0
        seen.add(id(base))
        return base.nbytes
    if isinstance(obj, dict):
        return sum(_owned_bytes(v, seen) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return sum(_owned_bytes(v, seen) for v in obj)
    if dataclasses.is_dataclass(obj):
        return sum(_owned_bytes(getattr(obj, f.name), seen) for f in dataclasses.fields(obj))
    return 0


def test_what_the_routing_tasks_hand_back_grows_with_the_tile_edges_not_the_area(tmp_path, monkeypatch):
    """The driver keeps what every tile's routing tasks return until the flats are resolved and
    the accumulation is done: on a city of 256 tiles that must be a few MB per tile edge, not a
    copy of each tile (a view on a tile-sized mask held 4 MB per tile of 2048², 1 GB in all)."""
    z = read(DEM)
    z = np.block([[z, z[:, ::-1]], [z[::-1], z[::-1, ::-1]]])  # 800 x 800, sinks across tiles
    src = write_tif(tmp_path / "dem.tif", z)
    held = {}
    real_map = A.Engine.map

    def recording_map(self, fn, arg_list, progress=None, check=None):
        out = real_map(self, fn, arg_list, progress, check)
        if fn.__name__ in ("task_flow_edges", "task_flats", "task_codes"):
            held.setdefault(fn.__name__, []).extend(_owned_bytes(r, set()) for r in out)
        return out

    monkeypatch.setattr(A.Engine, "map", recording_map)
    tile = 400
    A.fill_tiled(src, str(tmp_path / "out"), tile_size=tile, routing=True)
    assert set(held) == {"task_flow_edges", "task_flats", "task_codes"}
    perimeter = 4 * (tile + 2)
    for name, sizes in held.items():
        # a few numbers per edge cell (float64 distances, int64 raster indices), never the area
        assert max(sizes) <= 48 * perimeter < 8 * tile * tile, (name, max(sizes))


def _bottleneck(n, a, b, w):
    """All-pairs minimax (bottleneck) way heights, by Floyd–Warshall: an independent reference."""
    d = np.full((n, n), np.inf)
    np.fill_diagonal(d, -np.inf)
    for x, y, v in zip(a, b, w):
        d[x, y] = d[y, x] = min(d[x, y], v)
    for k in range(n):
        d = np.minimum(d, np.maximum(d[:, k : k + 1], d[k : k + 1, :]))
    return d


def test_a_tiles_spill_graph_is_cut_to_a_spanning_forest_without_changing_any_level():
    """Step 1 keeps of a tile's spill graph only a minimum spanning forest (at most one edge per
    label): the lowest possible highest point between any two labels stays the same, with ties,
    repeated pairs and labels cut off from the rest."""
    from smartplan.core.tiled import spanning_forest

    rng = np.random.default_rng(5)
    for _ in range(60):
        n = int(rng.integers(2, 14))
        m = int(rng.integers(n, 4 * n))
        a, b = rng.integers(0, n, m), rng.integers(0, n, m)
        keep = a != b
        a, b = np.minimum(a, b)[keep].astype(np.int64), np.maximum(a, b)[keep].astype(np.int64)
        w = np.round(rng.random(a.size) * 4) / 2  # many ties
        fa, fb, fw = spanning_forest(a, b, w, n)
        assert fa.size <= n - 1
        np.testing.assert_array_equal(_bottleneck(n, fa, fb, fw), _bottleneck(n, a, b, w))
        # what is kept is a subset of the given edges, with their own heights
        given = set(zip(a.tolist(), b.tolist(), w.tolist()))
        assert set(zip(fa.tolist(), fb.tolist(), fw.tolist())) <= given
