"""The rain scenario across tiles (analysis.tiled_rain) against the whole-raster cascade of
core.sinks (smartplan:rainscenario in memory): rain per catchment, stored and spilled volumes,
water levels, the water depth cell by cell, flooded sinks with their polygons, deepest water and
buildings, and the spill paths — on tile layouts that cut sinks, flats and paths, with NoData
holes, both NoData conventions, a ψ raster and buildings."""

import numpy as np
import pytest
from osgeo import ogr

from smartplan.analysis import tiled as A
from smartplan.analysis.tiled_rain import BINS, TiledRain
from smartplan.core.sinks import (
    build_terrain,
    effective_rain_mm,
    public_ids,
    rain_cascade,
    sink_table,
    spill_path,
)
from smartplan.io.raster import read_dem
from tests.rasters import write_dem
from tests.unit.test_tiled import DEM, read


def tiled_rain(src, out, tile, rain_mm, **kw):
    flooded, spills = {}, {}
    rain = TiledRain(
        rain_mm=rain_mm,
        runoff=kw.pop("runoff", 1.0),
        sewer_mm=kw.pop("sewer_mm", 0.0),
        runoff_raster=kw.pop("runoff_raster", None),
        flooded_writer=lambda a, wkb: flooded.setdefault(a[0], (a, ogr.CreateGeometryFromWkb(wkb))),
        spill_writer=lambda a, wkb: spills.setdefault(a[0], (a, ogr.CreateGeometryFromWkb(wkb))),
    )
    res = A.fill_tiled(src, str(out), tile_size=tile, rain=rain, **kw)
    return res, flooded, spills


def whole(src, nodata_drains, h_eff):
    z, valid, grid = read_dem(src)
    t = build_terrain(z, valid, nodata_drains)
    st = sink_table(t)
    return t, st, rain_cascade(st, t, h_eff), grid


@pytest.mark.parametrize("tile,nodata_drains,rain_mm", [(37, True, 3.0), (128, False, 40.0), (50, True, 7.0)])
def test_rain_cascade_across_tiles_equals_the_whole_raster(tmp_path, tile, nodata_drains, rain_mm):
    z = read(DEM)
    z[200:220, 40:60] = np.nan
    src = write_dem(tmp_path / "dem.tif", z)
    t, st, ref, grid = whole(src, nodata_drains, rain_mm)
    pid = public_ids(st)
    res, flooded, spills = tiled_rain(src, tmp_path / "out", tile, rain_mm, nodata_drains=nodata_drains)
    sc = res.scenario
    # the water balance and every sink's volumes
    assert sc.cascade.rain_m3 == pytest.approx(ref.rain_m3, rel=1e-9)
    assert sc.cascade.left_map_m3 == pytest.approx(ref.left_map_m3, rel=1e-9, abs=1e-6)
    assert sc.cascade.unrouted_m3 == pytest.approx(ref.unrouted_m3, abs=1e-6)
    np.testing.assert_allclose(sc.cascade.local_rain_m3, ref.local_rain_m3, rtol=1e-9)
    np.testing.assert_allclose(sc.cascade.stored, ref.stored, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(sc.cascade.spill_m3, ref.spill_m3, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(sc.cascade.water_level, ref.water_level, rtol=0, atol=1e-9)
    partly = (ref.stored > 0) & (ref.stored < st.volume_m3)
    assert partly.sum() >= (5 if rain_mm < 5 else 1)  # levels inside sinks, not only bottom or spill
    # the water depth, cell by cell
    wd = read(sc.water_depth_vrt)
    np.testing.assert_allclose(wd, ref.water_depth, rtol=0, atol=1e-5)
    assert np.array_equal(np.isnan(wd), np.isnan(ref.water_depth))
    # flooded sinks: one record per sink that holds water, its polygon the wet cells
    wet = np.flatnonzero(ref.stored > 0)
    assert sorted(flooded) == sorted(int(pid[s + 1]) for s in wet)
    wet_cells = np.nan_to_num(ref.water_depth) > 0
    for s in wet:
        attrs, geom = flooded[int(pid[s + 1])]
        assert attrs[2] == pytest.approx(ref.stored[s], rel=1e-9)
        assert attrs[6] == pytest.approx(ref.water_level[s], abs=1e-9)
        cells = int((wet_cells & (st.labels == s + 1)).sum())
        assert geom.GetArea() == pytest.approx(cells * grid.dx * grid.dy)
        d = int(st.downstream[s])
        assert attrs[9] == (int(pid[d]) if d > 0 else None)
    # spill paths: from the pour point to the next sink, across tiles
    spilling = np.flatnonzero(ref.spill_m3 > 0)
    assert sorted(spills) == sorted(int(pid[s + 1]) for s in spilling)
    crossing = 0
    for s in spilling:
        attrs, line = spills[int(pid[s + 1])]
        cells = spill_path(st, t, s)
        xs, ys = grid.line_through_cells(cells)
        got = np.array(line.GetPoints())
        np.testing.assert_allclose(got[:, 0], xs)
        np.testing.assert_allclose(got[:, 1], ys)
        r = cells // grid.ncols
        c = cells % grid.ncols
        crossing += len({(a // tile, b // tile) for a, b in zip(r, c)}) > 1
    assert len(spilling) > 5 and crossing > 0


def test_runoff_raster_sewer_and_buildings_across_tiles(tmp_path):
    """A ψ raster on a coarser grid (warped onto each tile), a sewer deduction and buildings:
    the effective rain per catchment, the stored volumes, the deepest water and the buildings
    beside the flooded cells of analysis.scenario.run on the whole raster."""
    from smartplan.analysis import scenario
    from smartplan.analysis.terrain import TerrainSettings, prepare_terrain
    from smartplan.io.raster import resample_to_grid
    from tests.unit.test_tiled import random_footprints

    z = read(DEM)
    src = write_dem(tmp_path / "dem.tif", z)
    psi = np.random.default_rng(5).uniform(0.2, 1.0, (z.shape[0] // 7 + 1, z.shape[1] // 7 + 1))
    psi_path = write_dem(tmp_path / "psi.tif", psi.astype(np.float32), cell=7.0)
    fps = random_footprints(3, 120, (2, 12), lambda k, rng: 0.5 if k % 2 else None)
    settings = TerrainSettings()
    prepared = prepare_terrain(src, fps, settings)
    pr = resample_to_grid(psi_path, prepared.grid)
    sr = scenario.run(prepared, 60.0, np.where(np.isnan(pr), 1.0, pr), 5.0)
    res, flooded, _spills = tiled_rain(
        src,
        tmp_path / "out",
        45,
        60.0,
        runoff_raster=psi_path,
        sewer_mm=5.0,
        footprints=fps,
        settings=settings,
    )
    sc = res.scenario
    np.testing.assert_allclose(sc.cascade.local_rain_m3, sr.cascade.local_rain_m3, rtol=1e-9)
    np.testing.assert_allclose(sc.cascade.stored, sr.cascade.stored, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(sc.max_water_depth_m, sr.max_water_depth_m, atol=1e-5)
    np.testing.assert_array_equal(sc.buildings_affected, sr.buildings_affected)
    assert sr.buildings_affected.sum() > 5
    np.testing.assert_allclose(read(sc.water_depth_vrt), sr.cascade.water_depth, atol=1e-5)
    pid = sr.public_id
    for s in np.flatnonzero(sr.cascade.stored > 0):
        assert flooded[int(pid[s + 1])][0][8] == sr.buildings_affected[s]


def test_water_level_of_a_flat_bottomed_lake_and_a_sloping_floor(tmp_path):
    """Hand-derived levels on tiles of 7 cells: a flat lake bottom of 100 cells at 1 m (all in one
    histogram bin) holding the rain of its catchment stands at 1 m + stored / 100 m²; a basin
    whose floor rises in 100 distinct steps (more than the bins) gets the whole-raster level."""
    z = np.full((20, 40), 3.0, np.float32)
    z[5:15, 5:15] = 1.0  # flat lake bottom, rim at 3 m
    z[5:15, 25:35] = np.arange(100, dtype=np.float32).reshape(10, 10) / 100.0
    src = write_dem(tmp_path / "dem.tif", z)
    _t, st, ref, _grid = whole(src, True, 15.0)
    res, _flooded, _ = tiled_rain(src, tmp_path / "out", 7, 15.0)
    lv = res.scenario.cascade.water_level
    np.testing.assert_allclose(lv, ref.water_level, atol=1e-12)
    lake = int(st.labels[10, 10]) - 1
    stored = st.catchment_m2[lake] * 0.015
    assert 0 < stored < 100 * 2.0
    assert lv[lake] == pytest.approx(1.0 + stored / 100.0, abs=1e-12)
    slope = int(st.labels[10, 30]) - 1
    assert 0.0 < ref.stored[slope] < st.volume_m3[slope] and st.area_m2[slope] > BINS
    assert 0.0 < lv[slope] < 3.0


def test_effective_rain_rule_is_the_scenario_rule():
    assert effective_rain_mm(40.0, 0.5, 5.0) == 15.0
