"""smartplan:filltiled through Processing: a folder of DGM tiles gives the same filled surface and
sink depth as smartplan:depressions on the mosaic, styled VRT outputs, clear errors for bad tile
sets, and a cancelled run that says how to resume."""

import os

import numpy as np
import processing
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from tests.unit.test_tiled import DEM, read, split_into_tiles, write_tif


def test_tile_folder_equals_the_whole_raster_algorithm(provider_only, tmp_path):
    z = read(DEM)
    folder = split_into_tiles(tmp_path / "dgm1", z, 130)
    mosaic = write_tif(tmp_path / "mosaic.tif", z)
    whole = processing.run(
        "smartplan:depressions",
        dict(
            DEM=mosaic,
            NODATA_DRAINS=False,
            FILLED=str(tmp_path / "f.tif"),
            DEPTH=str(tmp_path / "d.tif"),
            SINKS=str(tmp_path / "s.gpkg"),
            POUR_POINTS=str(tmp_path / "p.gpkg"),
        ),
    )
    flow = processing.run(
        "smartplan:flowpaths",
        dict(
            DEM=mosaic,
            NODATA_DRAINS=False,
            FLOW_DIRECTION=str(tmp_path / "fd.tif"),
            ACCUMULATION=str(tmp_path / "acc.tif"),
            FLOWPATHS=str(tmp_path / "fp.gpkg"),
        ),
    )
    res = processing.run(
        "smartplan:filltiled",
        dict(
            DEM_FOLDER=folder,
            NODATA_DRAINS=False,
            TILE_SIZE=96,
            FLOW_ROUTING=True,
            OUTPUT_FOLDER=str(tmp_path / "city"),
        ),
    )
    assert res["TILES"] == 25 and res["CELLS"] == z.size
    np.testing.assert_array_equal(read(res["FILLED"]), read(whole["FILLED"]))
    np.testing.assert_allclose(read(res["DEPTH"]), read(whole["DEPTH"]), atol=1e-5)
    np.testing.assert_array_equal(
        gdal.Open(res["FLOW_DIRECTION"]).ReadAsArray(), gdal.Open(flow["FLOW_DIRECTION"]).ReadAsArray()
    )
    np.testing.assert_array_equal(read(res["ACCUMULATION"]), read(flow["ACCUMULATION"]))
    assert os.path.exists(os.path.join(tmp_path, "city", "depth.qml"))  # loads styled anywhere
    assert len(os.listdir(tmp_path / "city" / "filled")) == 25


def plain(value):
    """None for QGIS' NULL (a QVariant on 3.22), the value otherwise."""
    return None if value is None or (hasattr(value, "isNull") and value.isNull()) else value


def sinks_by_id(path, keys):
    """{sink_id: ([values of keys], polygon area, tiles or 1)} of a sinks layer (no layer kept)."""
    lyr = QgsVectorLayer(path, "s", "ogr")
    has_tiles = "tiles" in lyr.fields().names()
    out = {
        f["sink_id"]: ([plain(f[k]) for k in keys], f.geometry().area(), f["tiles"] if has_tiles else 1)
        for f in lyr.getFeatures()
    }
    del lyr
    return out


def assert_same_sinks(ours, ref):
    """The same values (NULL where NULL) and polygon areas, sink by sink."""
    assert sorted(ours) == sorted(ref)
    for sid, (vals, area, _tiles) in ref.items():
        got = ours[sid][0]
        assert [v is None for v in got] == [v is None for v in vals], sid
        expected = [v for v in vals if v is not None]
        assert [v for v in got if v is not None] == pytest.approx(expected, rel=1e-9)
        assert ours[sid][1] == pytest.approx(area)


def test_bad_tile_set_is_explained(provider_only, tmp_path):
    folder = tmp_path / "tiles"
    folder.mkdir()
    z = np.ones((8, 8), np.float32)
    write_tif(folder / "a.tif", z)
    write_tif(folder / "b.tif", z, origin=(500008.0, 5800000.0), epsg=25833)
    with pytest.raises(QgsProcessingException, match="different coordinate systems.*a.tif, b.tif"):
        processing.run(
            "smartplan:filltiled", dict(DEM_FOLDER=str(folder), OUTPUT_FOLDER=str(tmp_path / "out"))
        )
    with pytest.raises(QgsProcessingException, match="outside the folder"):
        processing.run("smartplan:filltiled", dict(DEM_FOLDER=str(folder), OUTPUT_FOLDER=str(folder / "out")))


def test_cancelled_run_says_how_to_resume(provider_only, tmp_path):
    fb = QgsProcessingFeedback()
    fb.cancel()
    with pytest.raises(QgsProcessingException, match="resume"):
        processing.run(
            "smartplan:filltiled",
            dict(DEM=DEM, TILE_SIZE=100, OUTPUT_FOLDER=str(tmp_path / "out")),
            feedback=fb,
        )
    assert not os.path.exists(tmp_path / "out" / "filled.vrt")


def test_buildings_with_a_height_field_as_in_depressions(provider_only, tmp_path):
    """Buildings in another CRS (EPSG:3857, reprojected), with a height field and without a value
    (the raise): the same filled surface and depth as smartplan:depressions."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject

    from tests.qgis_fixtures import write_layer

    z = read(DEM)
    dem = write_tif(tmp_path / "dem.tif", z)
    xf = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:25832"),
        QgsCoordinateReferenceSystem("EPSG:3857"),
        QgsProject.instance(),
    )
    rows = []
    squares = [(20, 30, 12), (95, 98, 15), (250, 120, 30), (300, 310, 8), (190, 10, 40)]
    for k, (x, y, s) in enumerate(squares):
        x0, y0, x1, y1 = 500000.0 + x, 5800000.0 - y, 500000.0 + x + s, 5800000.0 - y - s
        g = QgsGeometry.fromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")
        g.transform(xf)
        rows.append((g, [f"B{k}", None if k == 2 else 3.0 + k]))
    houses = write_layer(
        tmp_path / "b.gpkg", "Polygon", [("name", "string"), ("h", "double")], rows, crs="EPSG:3857"
    )
    terrain = dict(
        DEM=dem,
        BUILDINGS=houses,
        BUILDING_HEIGHT_FIELD="h",
        BUILDING_RAISE=6.0,
        NODATA_DRAINS=False,
        MIN_DEPTH=0.1,
        MIN_AREA=2,
        MIN_VOLUME=0.5,
        MIN_CATCHMENT=100,
        MAX_LEVEL=3,
    )
    whole = processing.run(
        "smartplan:depressions",
        dict(
            terrain,
            FILLED=str(tmp_path / "f.tif"),
            DEPTH=str(tmp_path / "d.tif"),
            SINKS=str(tmp_path / "s.gpkg"),
            POUR_POINTS=str(tmp_path / "p.gpkg"),
            CATCHMENTS=str(tmp_path / "c.gpkg"),
        ),
    )
    res = processing.run(
        "smartplan:filltiled",
        dict(
            terrain,
            TILE_SIZE=64,
            SINKS=str(tmp_path / "ts.gpkg"),
            FLOW_ROUTING=True,
            CATCHMENTS=str(tmp_path / "tc.gpkg"),
            OUTPUT_FOLDER=str(tmp_path / "city"),
        ),
    )
    areas = [
        {f["sink_id"]: f.geometry().area() for f in QgsVectorLayer(r["CATCHMENTS"]).getFeatures()}
        for r in (res, whole)
    ]
    assert sorted(areas[0]) == sorted(areas[1]) and len(areas[1]) >= 10
    assert all(areas[0][k] == pytest.approx(v) for k, v in areas[1].items())
    with pytest.raises(QgsProcessingException, match="FLOW_ROUTING"):
        processing.run(
            "smartplan:filltiled",
            dict(
                terrain,
                SINKS=str(tmp_path / "x.gpkg"),
                CATCHMENTS=str(tmp_path / "xc.gpkg"),
                OUTPUT_FOLDER=str(tmp_path / "x"),
            ),
        )
    np.testing.assert_array_equal(read(res["FILLED"]), read(whole["FILLED"]))
    np.testing.assert_array_equal(read(res["DEPTH"]), read(whole["DEPTH"]))
    # the same sinks with the same ids and attributes, also those across tile seams
    keys = (
        "area_m2",
        "volume_m3",
        "max_depth_m",
        "bottom_elev",
        "spill_elev",
        "buildings_affected",
        "depth_class",
        "catchment_m2",
        "fill_rain_mm",
        "downstream_id",
    )
    ours, ref = sinks_by_id(res["SINKS"], keys), sinks_by_id(whole["SINKS"], keys)
    assert res["SINK_COUNT"] == whole["SINK_COUNT"] >= 10
    assert res["NESTED_COUNT"] == whole["NESTED_COUNT"] > 0  # nested sinks as well
    assert len(ref) == whole["SINK_COUNT"] + whole["NESTED_COUNT"]
    assert sorted(ours) == sorted(ref)
    assert_same_sinks(ours, ref)
    assert sum(1 for sid in ours if ours[sid][2] > 1) >= 3  # sinks across tiles were joined
    assert sum(v[0][5] for v in ref.values()) > 0  # buildings beside sinks are counted
    assert sum(v[0][9] is not None for v in ref.values()) > 0  # and sinks spill into sinks
    # the pour points of smartplan:depressions are the tiled sinks' pour_x/pour_y
    pours = QgsVectorLayer(whole["POUR_POINTS"], "p", "ogr")
    tiled_sinks = QgsVectorLayer(res["SINKS"], "s", "ogr")
    xy = {f["sink_id"]: (f["pour_x"], f["pour_y"]) for f in tiled_sinks.getFeatures()}
    for f in pours.getFeatures():
        p = f.geometry().asPoint()
        assert xy[f["sink_id"]] == (p.x(), p.y())
    del pours, tiled_sinks
    no_buildings = processing.run(
        "smartplan:filltiled",
        dict(DEM=dem, NODATA_DRAINS=False, TILE_SIZE=64, OUTPUT_FOLDER=str(tmp_path / "bare")),
    )
    assert not np.array_equal(read(no_buildings["FILLED"]), read(whole["FILLED"]))  # not vacuous


@pytest.mark.parametrize("how", ["TILE_SIZE", "too big for memory"])
def test_depressions_switches_to_the_city_scale_path(provider_only, tmp_path, monkeypatch, how):
    """smartplan:depressions on a DEM that does not fit in memory (or with TILE_SIZE) runs tile by
    tile and writes the same FILLED, DEPTH, SINKS (with the nested sinks down to level 3) and
    POUR_POINTS as in one piece."""
    from smartplan.io import raster

    dem = write_tif(tmp_path / "dem.tif", read(DEM))
    common = dict(DEM=dem, NODATA_DRAINS=False, MAX_LEVEL=3, MIN_DEPTH=0.05, MIN_AREA=2.0, MIN_VOLUME=0.1)

    def outputs(d):
        return dict(
            FILLED=str(d / "f.tif"),
            DEPTH=str(d / "d.tif"),
            SINKS=str(d / "s.gpkg"),
            POUR_POINTS=str(d / "p.gpkg"),
            CATCHMENTS=str(d / "c.gpkg"),
        )

    (tmp_path / "one").mkdir()
    (tmp_path / "tiled").mkdir()
    whole = processing.run("smartplan:depressions", dict(common, **outputs(tmp_path / "one")))
    params = dict(common, **outputs(tmp_path / "tiled"))
    if how == "TILE_SIZE":
        params["TILE_SIZE"] = 96
    else:
        monkeypatch.setattr(raster, "available_memory_bytes", lambda: 4_000_000)  # 4 MB
        with pytest.raises(raster.InputError):  # the in-memory path alone would refuse it
            raster.check_memory(400 * 400, 64)
    res = processing.run("smartplan:depressions", params)
    np.testing.assert_array_equal(read(res["FILLED"]), read(whole["FILLED"]))
    np.testing.assert_array_equal(read(res["DEPTH"]), read(whole["DEPTH"]))
    keys = (
        "area_m2",
        "volume_m3",
        "max_depth_m",
        "spill_elev",
        "catchment_m2",
        "fill_rain_mm",
        "downstream_id",
        "level",
        "depth_class",
    )
    ours, ref = sinks_by_id(res["SINKS"], keys), sinks_by_id(whole["SINKS"], keys)
    assert res["SINK_COUNT"] + res["NESTED_COUNT"] == whole["SINK_COUNT"] + whole["NESTED_COUNT"] == len(ref)
    assert res["NESTED_COUNT"] == whole["NESTED_COUNT"] > 5 and sorted(ours) == sorted(ref)
    assert_same_sinks(ours, ref)
    assert res["TOTAL_VOLUME_M3"] == pytest.approx(whole["TOTAL_VOLUME_M3"], rel=1e-9)
    p1 = {f["sink_id"]: f.geometry().asPoint() for f in QgsVectorLayer(res["POUR_POINTS"]).getFeatures()}
    p2 = {f["sink_id"]: f.geometry().asPoint() for f in QgsVectorLayer(whole["POUR_POINTS"]).getFeatures()}
    assert p1 == p2
    # the local catchments: the same polygons' areas per sink, also those across tiles
    c1 = {
        f["sink_id"]: (f["catchment_m2"], f.geometry().area())
        for f in QgsVectorLayer(res["CATCHMENTS"]).getFeatures()
    }
    c2 = {
        f["sink_id"]: (f["catchment_m2"], f.geometry().area())
        for f in QgsVectorLayer(whole["CATCHMENTS"]).getFeatures()
    }
    assert sorted(c1) == sorted(c2) and len(c1) == res["SINK_COUNT"]
    for sid, (area, poly) in c2.items():
        assert c1[sid][0] == area and c1[sid][1] == pytest.approx(poly)
    assert not os.path.exists(tmp_path / "tiled" / "f_tiles")  # the work folder is gone


def test_tiled_sinks_share_the_depressions_schema(provider_only):
    """The tiled SINKS carry smartplan:depressions' fields (names and order) first, so styles,
    the planning table and models treat both alike."""
    from smartplan.analysis import tiled
    from smartplan.analysis.depressions import SINK_FIELDS

    names = [n for n, _t in SINK_FIELDS]
    assert list(tiled.SINK_FIELDS[: len(names)]) == names


@pytest.mark.parametrize("how", ["TILE_SIZE", "too big for memory"])
def test_rainscenario_switches_to_the_city_scale_path(provider_only, tmp_path, monkeypatch, how):
    """smartplan:rainscenario on a DEM that does not fit in memory (or with TILE_SIZE) runs tile
    by tile, with buildings and a ψ raster, and writes the same WATER_DEPTH, FLOODED,
    SPILL_NETWORK, balance and summary as in one piece."""
    from smartplan.io import raster

    z = read(DEM)
    dem = write_tif(tmp_path / "dem.tif", z)
    psi = np.random.default_rng(1).uniform(0.3, 1.0, (z.shape[0] // 5 + 1, z.shape[1] // 5 + 1))
    psi_path = write_tif(tmp_path / "psi.tif", psi.astype(np.float32), cell=5.0)
    blds = buildings_layer(tmp_path)
    common = dict(
        DEM=dem,
        BUILDINGS=blds,
        RAIN_MM=12.0,
        SCENARIO=3,
        RUNOFF_RASTER=psi_path,
        SEWER_MM=2.0,
        NODATA_DRAINS=False,
    )

    def outputs(d):
        d.mkdir()
        return dict(
            WATER_DEPTH=str(d / "wd.tif"),
            FLOODED=str(d / "fl.gpkg"),
            SPILL_NETWORK=str(d / "sp.gpkg"),
            OUTPUT_HTML=str(d / "s.html"),
        )

    whole = processing.run("smartplan:rainscenario", dict(common, **outputs(tmp_path / "one")))
    params = dict(common, **outputs(tmp_path / "tiled"))
    if how == "TILE_SIZE":
        params["TILE_SIZE"] = 96
    else:
        monkeypatch.setattr(raster, "available_memory_bytes", lambda: 4_000_000)  # 4 MB
    feedback = LogFeedback()
    res = processing.run("smartplan:rainscenario", params, feedback=feedback)
    assert "City-scale path" in feedback.text
    np.testing.assert_allclose(read(res["WATER_DEPTH"]), read(whole["WATER_DEPTH"]), atol=1e-5)
    for key in ("RAIN_M3", "STORED_M3", "LEFT_MAP_M3"):
        assert res[key] == pytest.approx(whole[key], rel=1e-9), key
    keys = ("stored_m3", "inflow_m3", "spill_m3", "water_level", "max_water_depth_m", "buildings_affected")
    ours, ref = by_sink(res["FLOODED"], keys), by_sink(whole["FLOODED"], keys)
    assert sorted(ours) == sorted(ref) and len(ref) > 10
    assert sum(v[-1] for v in ref.values()) > 0  # buildings beside flooded cells
    for sid, vals in ref.items():
        assert ours[sid] == pytest.approx(vals, rel=1e-9, abs=1e-5), sid
    s1 = by_sink(res["SPILL_NETWORK"], ("spill_m3", "length"), key="from_sink")
    s2 = by_sink(whole["SPILL_NETWORK"], ("spill_m3", "length"), key="from_sink")
    assert sorted(s1) == sorted(s2) and len(s2) > 10
    for sid, vals in s2.items():
        assert s1[sid] == pytest.approx(vals, rel=1e-9, abs=1e-6), sid
    # the summary: the same balance and sinks (the parameters differ by TILE_SIZE)
    pages = [open(r["OUTPUT_HTML"], encoding="utf-8").read() for r in (res, whole)]
    balance = [p[p.index("Water balance") : p.index("Parameters")] for p in pages]
    assert balance[0].count("<tr>") == balance[1].count("<tr>") > 10
    assert not os.path.exists(tmp_path / "tiled" / "wd_tiles")  # the work folder is gone


def test_rainscenario_city_scale_refuses_a_runoff_raster_outside_0_1(provider_only, tmp_path):
    dem = write_tif(tmp_path / "dem.tif", read(DEM))
    psi_path = write_tif(tmp_path / "psi.tif", np.full((40, 40), 1.5, np.float32), cell=10.0)
    with pytest.raises(QgsProcessingException, match="between 0 and 1"):
        processing.run(
            "smartplan:rainscenario",
            dict(
                DEM=dem,
                RAIN_MM=30.0,
                SCENARIO=3,
                RUNOFF_RASTER=psi_path,
                TILE_SIZE=128,
                WATER_DEPTH=str(tmp_path / "wd.tif"),
                FLOODED=str(tmp_path / "fl.gpkg"),
                SPILL_NETWORK=str(tmp_path / "sp.gpkg"),
            ),
        )
    assert not os.path.exists(tmp_path / "wd.tif")


class LogFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.text = ""

    def pushInfo(self, info):  # noqa: N802
        self.text += info + "\n"


def by_sink(path, keys, key="sink_id"):
    out = {}
    for f in QgsVectorLayer(path).getFeatures():
        vals = [f.geometry().length() if k == "length" else f[k] for k in keys]
        out[f[key]] = tuple(float("nan") if v is None or str(v) == "NULL" else float(v) for v in vals)
    return out


def buildings_layer(tmp_path):
    """A GeoPackage of random footprints over the LiDAR DEM."""
    from qgis.core import QgsGeometry

    from tests.qgis_fixtures import write_layer
    from tests.unit.test_tiled import random_footprints

    rows = []
    for fp in random_footprints(4, 80, (3, 14), lambda k, rng: None):
        g = QgsGeometry()
        g.fromWkb(fp.wkb)
        rows.append((g, [fp.fid]))
    return write_layer(tmp_path / "buildings.gpkg", "Polygon", [("k", "integer")], rows)
