"""smartplan:depressions and smartplan:rainscenario through Processing: hand-built cases,
reprojected buildings, styled outputs, clear errors and cancellation without outputs."""

import json
import os

import numpy as np
import processing
import pytest
from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from tests.qgis_fixtures import write_dem

ORIGIN = (500000.0, 5800000.0)


def valley():
    """A valley draining east to an outlet; a house across it dams 9 m³ (hand-computed)."""
    z = np.full((5, 7), 20, dtype=np.float32)
    z[1, 1:6] = z[3, 1:6] = 8
    z[2, 1:6] = [6, 5, 4, 3, 2]
    z[2, 6] = 0
    return z


def house_layer(path, crs_epsg=4326):
    """One building covering cell (2, 4) of the valley, stored in another CRS (WGS 84)."""
    x0, y0 = ORIGIN[0] + 4, ORIGIN[1] - 2
    g = QgsGeometry.fromWkt(
        f"POLYGON(({x0 + 0.2} {y0 - 0.2},{x0 + 0.8} {y0 - 0.2},{x0 + 0.8} {y0 - 0.8},"
        f"{x0 + 0.2} {y0 - 0.8},{x0 + 0.2} {y0 - 0.2}))"
    )
    src = QgsCoordinateReferenceSystem("EPSG:25832")
    dst = QgsCoordinateReferenceSystem(f"EPSG:{crs_epsg}")
    g.transform(QgsCoordinateTransform(src, dst, QgsProject.instance()))
    lyr = QgsVectorLayer(f"Polygon?crs=EPSG:{crs_epsg}&field=height:double", "houses", "memory")
    f = QgsFeature(lyr.fields())
    f.setGeometry(g)
    f.setAttributes([None])
    lyr.dataProvider().addFeatures([f])
    QgsVectorFileWriter.writeAsVectorFormat(lyr, str(path), "utf-8", lyr.crs(), "GeoJSON")
    return str(path)


def run(alg, params):
    return processing.run(alg, params)


def test_depressions_valley_with_reprojected_house(provider_only, tmp_path):
    dem = write_dem(tmp_path / "valley.tif", valley(), origin=ORIGIN)
    houses = house_layer(tmp_path / "houses.geojson")
    out = run(
        "smartplan:depressions",
        {
            "DEM": dem,
            "BUILDINGS": houses,
            "BUILDING_RAISE": 10,
            "NODATA_DRAINS": True,
            "MIN_DEPTH": 0.2,
            "MIN_AREA": 1,
            "MIN_VOLUME": 1,
            "MIN_CATCHMENT": 1,
            "FILLED": str(tmp_path / "filled.tif"),
            "DEPTH": str(tmp_path / "depth.tif"),
            "SINKS": str(tmp_path / "sinks.gpkg"),
            "POUR_POINTS": str(tmp_path / "pour.gpkg"),
            "CATCHMENTS": str(tmp_path / "catch.gpkg"),
        },
    )
    assert out["SINK_COUNT"] == 1
    assert out["TOTAL_VOLUME_M3"] == pytest.approx(9.0)
    sinks = QgsVectorLayer(out["SINKS"], "s")
    f = next(sinks.getFeatures())
    assert f["volume_m3"] == pytest.approx(9) and f["area_m2"] == 3 and f["max_depth_m"] == 4
    assert f["spill_elev"] == 8 and f["bottom_elev"] == 4 and f["buildings_affected"] == 1
    assert f["depth_class"] == 4 and f["level"] == 1 and f["sink_id"] == 1
    assert f.geometry().area() == pytest.approx(3.0)
    assert f["fill_rain_mm"] == pytest.approx(1000 * 9 / f["catchment_m2"])
    # the filled raster is the DEM with the house, filled to the bank level behind it
    filled = gdal.Open(out["FILLED"]).ReadAsArray()
    expect = valley()
    expect[2, 4] += 10
    expect[2, 1:4] = 8
    np.testing.assert_array_equal(filled, expect)
    # pour point: a bank cell at the spill elevation next to the dammed reach
    p = next(QgsVectorLayer(out["POUR_POINTS"], "p").getFeatures())
    assert p["spill_elev"] == 8
    assert p["downstream_id"] is None or p["downstream_id"].isNull()  # NULL: a QVariant on 3.22
    # outputs load styled: QML beside the rasters, default style inside the GeoPackage
    assert os.path.exists(str(tmp_path / "depth.qml"))
    assert QgsRasterLayer(out["DEPTH"], "d").renderer().type() == "singlebandpseudocolor"
    assert sinks.renderer().type() == "RuleRenderer"
    assert QgsVectorLayer(out["CATCHMENTS"], "c").featureCount() == 1


def test_building_height_field_overrides_raise(provider_only, tmp_path):
    dem = write_dem(tmp_path / "valley.tif", valley(), origin=ORIGIN)
    houses = house_layer(tmp_path / "houses.geojson")
    lyr = QgsVectorLayer(houses, "h")
    lyr.startEditing()
    f = next(lyr.getFeatures())
    lyr.changeAttributeValue(f.id(), lyr.fields().indexOf("height"), 1.5)
    assert lyr.commitChanges()
    out = run(
        "smartplan:depressions",
        {
            "DEM": dem,
            "BUILDINGS": houses,
            "BUILDING_HEIGHT_FIELD": "height",
            "MIN_DEPTH": 0,
            "MIN_AREA": 0,
            "MIN_VOLUME": 0,
            "MIN_CATCHMENT": 0,
            "FILLED": str(tmp_path / "f.tif"),
            "DEPTH": str(tmp_path / "d.tif"),
            "SINKS": str(tmp_path / "s.gpkg"),
            "POUR_POINTS": str(tmp_path / "p.gpkg"),
        },
    )
    # a 1.5 m "house" on the valley floor at 3 m dams the 4 m cell upstream by 0.5 m only
    assert out["TOTAL_VOLUME_M3"] == pytest.approx(0.5)


def test_rainscenario_cascade_and_balance(provider_only, tmp_path):
    from tests.unit.test_sinks import TWO

    dem = write_dem(tmp_path / "two.tif", TWO, origin=ORIGIN)
    html = tmp_path / "summary.html"
    out = run(
        "smartplan:rainscenario",
        {
            "DEM": dem,
            "SCENARIO": 3,
            "RAIN_MM": 1000,
            "RUNOFF_COEFF": 1.0,
            "SEWER_MM": 0,
            "WATER_DEPTH": str(tmp_path / "wd.tif"),
            "FLOODED": str(tmp_path / "fl.gpkg"),
            "SPILL_NETWORK": str(tmp_path / "spill.gpkg"),
            "OUTPUT_HTML": str(html),
        },
    )
    assert out["RAIN_M3"] == pytest.approx(45)
    assert out["STORED_M3"] == pytest.approx(5)
    assert out["LEFT_MAP_M3"] == pytest.approx(40)
    feats = {f["sink_id"]: f for f in QgsVectorLayer(out["FLOODED"], "f").getFeatures()}
    a, b = feats[1], feats[2]  # A holds 4 m³ (id 1), B 2 m³
    assert a["stored_m3"] == pytest.approx(3) and a["fill_pct"] == pytest.approx(75)
    assert a["water_level"] == pytest.approx(5) and a["max_water_depth_m"] == pytest.approx(3)
    assert b["stored_m3"] == pytest.approx(2) and b["spill_m3"] == pytest.approx(18)
    spills = list(QgsVectorLayer(out["SPILL_NETWORK"], "s").getFeatures())
    assert len(spills) == 1 and spills[0]["from_sink"] == 2 and spills[0]["spill_m3"] == pytest.approx(18)
    wd = gdal.Open(out["WATER_DEPTH"]).ReadAsArray()
    assert wd[2, 2] == pytest.approx(3) and wd[2, 6] == pytest.approx(2)
    text = html.read_text(encoding="utf-8")
    assert "45.0 m³" in text and "Water balance" in text


def test_psi_raster_and_sewer(provider_only, tmp_path):
    from tests.unit.test_sinks import TWO

    dem = write_dem(tmp_path / "two.tif", TWO, origin=ORIGIN)
    psi = write_dem(tmp_path / "psi.tif", np.full(TWO.shape, 0.5, np.float32), origin=ORIGIN)
    out = run(
        "smartplan:rainscenario",
        {
            "DEM": dem,
            "SCENARIO": 3,
            "RAIN_MM": 1000,
            "RUNOFF_RASTER": psi,
            "SEWER_MM": 100,
            "WATER_DEPTH": str(tmp_path / "wd.tif"),
            "FLOODED": str(tmp_path / "fl.gpkg"),
            "SPILL_NETWORK": str(tmp_path / "spill.gpkg"),
        },
    )
    assert out["RAIN_M3"] == pytest.approx(45 * 0.4)  # 0.5 * 1000 mm - 100 mm = 400 mm


def test_rainscenario_default_extreme_rain(provider_only, tmp_path):
    from tests.unit.test_sinks import TWO

    dem = write_dem(tmp_path / "two.tif", TWO, origin=ORIGIN)
    out = run(
        "smartplan:rainscenario",
        {
            "DEM": dem,
            "SCENARIO": 2,
            "WATER_DEPTH": str(tmp_path / "wd.tif"),
            "FLOODED": str(tmp_path / "fl.gpkg"),
            "SPILL_NETWORK": str(tmp_path / "spill.gpkg"),
        },
    )
    assert out["RAIN_MM_USED"] == 90
    assert out["RAIN_M3"] == pytest.approx(45 * 0.09)


def _expect_error(params, match, tmp_path):
    params = dict(params)
    params.update(
        {
            "FILLED": str(tmp_path / "f.tif"),
            "DEPTH": str(tmp_path / "d.tif"),
            "SINKS": str(tmp_path / "s.gpkg"),
            "POUR_POINTS": str(tmp_path / "p.gpkg"),
        }
    )
    with pytest.raises(QgsProcessingException, match=match):
        run("smartplan:depressions", params)
    assert not os.path.exists(str(tmp_path / "f.tif"))
    assert not os.path.exists(str(tmp_path / "s.gpkg"))


def test_geographic_crs_is_refused_with_a_fix(provider_only, tmp_path):
    dem = write_dem(tmp_path / "geo.tif", valley(), epsg=4326, origin=(10.0, 53.5), cell=0.0001)
    _expect_error({"DEM": dem}, "geographic.*EPSG:25832", tmp_path)


def test_nodata_only_raster_is_refused(provider_only, tmp_path):
    dem = write_dem(tmp_path / "empty.tif", np.full((4, 4), np.nan, np.float32))
    _expect_error({"DEM": dem}, "only NoData", tmp_path)


def test_undeclared_minus_9999_is_nodata_with_a_warning(provider_only, tmp_path):
    """A DEM with -9999 cells but no declared NoData made a 10,049 m deep sink. The marker is
    taken as NoData (same sinks as with it declared) and the log says so and how to declare it."""
    from qgis.core import QgsProcessingFeedback

    z = valley()
    z[2, 2] = z[0, 0] = np.nan  # a hole in the valley floor and a corner without data
    declared = write_dem(tmp_path / "declared.tif", z)
    undeclared = write_dem(tmp_path / "undeclared.tif", np.where(np.isnan(z), -9999.0, z), nodata=None)

    class Log(QgsProcessingFeedback):
        warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)

    def sinks(dem, tag):
        log = Log()
        res = processing.run(
            "smartplan:depressions",
            {
                "DEM": dem,
                "MIN_DEPTH": 0,
                "MIN_AREA": 0,
                "MIN_VOLUME": 0,
                "MIN_CATCHMENT": 0,
                "FILLED": str(tmp_path / f"f{tag}.tif"),
                "DEPTH": str(tmp_path / f"d{tag}.tif"),
                "SINKS": str(tmp_path / f"s{tag}.gpkg"),
                "POUR_POINTS": str(tmp_path / f"p{tag}.gpkg"),
            },
            feedback=log,
        )
        depth = gdal.Open(res["DEPTH"]).ReadAsArray()
        return res, np.nanmax(np.where(depth < -1000, np.nan, depth)), list(log.warnings)

    ref, ref_max, _ = sinks(declared, "a")
    got, got_max, warnings = sinks(undeclared, "b")
    assert got["SINK_COUNT"] == ref["SINK_COUNT"]
    assert got["TOTAL_VOLUME_M3"] == pytest.approx(ref["TOTAL_VOLUME_M3"])
    assert got_max == pytest.approx(ref_max) and got_max < 20
    assert any("2 cells hold -9999" in w and "-a_nodata -9999" in w for w in warnings)


def test_output_on_an_input_is_refused_and_the_dem_is_kept(provider_only, tmp_path):
    dem = write_dem(tmp_path / "dgm.tif", valley())
    before = open(dem, "rb").read()
    spelled = os.path.join(str(tmp_path), ".", "dgm.tif")  # another spelling of the same file
    with pytest.raises(QgsProcessingException, match=r"FILLED would be written to .*dgm.tif.*input DEM"):
        run(
            "smartplan:depressions",
            {
                "DEM": dem,
                "FILLED": spelled,
                "DEPTH": str(tmp_path / "d.tif"),
                "SINKS": str(tmp_path / "s.gpkg"),
                "POUR_POINTS": str(tmp_path / "p.gpkg"),
            },
        )
    assert open(dem, "rb").read() == before and not os.path.exists(tmp_path / "s.gpkg")
    with pytest.raises(QgsProcessingException, match=r"DEPTH would be written .*another output \(FILLED\)"):
        run(
            "smartplan:depressions",
            {
                "DEM": dem,
                "FILLED": str(tmp_path / "a.tif"),
                "DEPTH": str(tmp_path / "a.tif"),
                "SINKS": str(tmp_path / "s.gpkg"),
                "POUR_POINTS": str(tmp_path / "p.gpkg"),
            },
        )
    assert not os.path.exists(tmp_path / "a.tif")
    # two layers of one GeoPackage are two outputs, not a clash
    gpkg = str(tmp_path / "out.gpkg")
    res = run(
        "smartplan:depressions",
        {
            "DEM": dem,
            "FILLED": str(tmp_path / "f.tif"),
            "DEPTH": str(tmp_path / "d.tif"),
            "SINKS": f"ogr:dbname='{gpkg}' table=\"sinks\" (geom)",
            "POUR_POINTS": f"ogr:dbname='{gpkg}' table=\"pour\" (geom)",
        },
    )
    assert QgsVectorLayer(res["SINKS"]).isValid() and QgsVectorLayer(res["POUR_POINTS"]).isValid()


def test_error_is_in_german_for_german_users(german, qgis_processing, tmp_path):
    import smartplan

    p = smartplan.classFactory(None)
    p.initProcessing()
    try:
        dem = write_dem(tmp_path / "geo.tif", valley(), epsg=4326, origin=(10.0, 53.5), cell=0.0001)
        _expect_error({"DEM": dem}, "geografisches Koordinatensystem", tmp_path)
    finally:
        p.unload()


class CancelAt(QgsProcessingFeedback):
    def __init__(self, pct):
        super().__init__()
        self.progressChanged.connect(lambda p: self.cancel() if p >= pct else None)


@pytest.mark.parametrize("pct", [0, 30])
def test_cancel_leaves_no_outputs(provider_only, tmp_path, real_data, pct):
    dem = os.path.join(real_data, "lidar_mn_1m_dem.tif")
    fb = CancelAt(pct)
    if pct == 0:
        fb.cancel()
    outs = {
        "FILLED": str(tmp_path / "f.tif"),
        "DEPTH": str(tmp_path / "d.tif"),
        "SINKS": str(tmp_path / "s.gpkg"),
        "POUR_POINTS": str(tmp_path / "p.gpkg"),
    }
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        processing.run(
            "smartplan:depressions", dict(DEM=dem, **outs), feedback=fb, context=QgsProcessingContext()
        )
    assert not any(os.path.exists(p) for p in outs.values())
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".")]  # no temporary files either


def test_real_dem_through_processing(provider_only, tmp_path, real_data):
    dem = os.path.join(real_data, "lidar_mn_1m_dem.tif")
    out = run(
        "smartplan:depressions",
        {
            "DEM": dem,
            "FILLED": str(tmp_path / "f.tif"),
            "DEPTH": str(tmp_path / "d.tif"),
            "SINKS": str(tmp_path / "s.gpkg"),
            "POUR_POINTS": str(tmp_path / "p.gpkg"),
        },
    )
    sinks = QgsVectorLayer(out["SINKS"], "s")
    feats = {f["sink_id"]: f for f in sinks.getFeatures()}
    outer = [f for f in feats.values() if f["level"] == 1]
    nested = [f for f in feats.values() if f["level"] >= 2]
    assert max(f["volume_m3"] for f in outer) == pytest.approx(450_000, rel=0.002)
    assert len(outer) == out["SINK_COUNT"] > 0 and len(nested) == out["NESTED_COUNT"] > 0
    for f in outer:
        assert f["max_depth_m"] >= 0.2 and f["catchment_m2"] >= 200 and f["volume_m3"] >= 2
    for f in nested:
        parent = feats[f["parent_id"]]  # the parent is reported too, one level up, and larger
        assert parent["level"] == f["level"] - 1
        assert parent["volume_m3"] > f["volume_m3"] and parent["spill_elev"] >= f["spill_elev"]
        assert f["max_depth_m"] >= 0.2 and f["volume_m3"] >= 2
        assert parent.geometry().buffer(0.01, 2).contains(f.geometry().pointOnSurface())
    md = gdal.Open(out["DEPTH"]).GetMetadata()
    assert json.loads(md["smartplan_parameters"])["DEM"] == dem


def test_shipped_model_runs_both_steps(provider_only, registry, tmp_path):
    from tests.unit.test_sinks import TWO

    alg = registry.algorithmById("smartplan:Starkregen-Screening")
    assert alg is not None, [a.id() for a in registry.providerById("smartplan").algorithms()]
    dem = write_dem(tmp_path / "two.tif", TWO, origin=ORIGIN)
    outs = {}
    for i, d in enumerate(alg.destinationParameterDefinitions()):
        ext = (
            ".html"
            if ("Summary" in d.description() or "report" in d.description())
            else ".gpkg"
            if d.type() == "sink"
            else ".tif"
        )
        outs[d.name()] = str(tmp_path / f"out_{i}{ext}")
    assert len(outs) == 16
    res = processing.run(alg, dict(DEM=dem, RAIN_MM=1000, **outs))
    child = res["CHILD_RESULTS"]
    assert child["rainscenario"]["STORED_M3"] == pytest.approx(5)
    assert child["rainscenario"]["LEFT_MAP_M3"] == pytest.approx(40)
    flooded = res["rainscenario:flooded"]
    feats = {f["sink_id"]: f for f in QgsVectorLayer(flooded, "f").getFeatures()}
    assert feats[1]["stored_m3"] == pytest.approx(3) and feats[2]["spill_m3"] == pytest.approx(18)
    # the SENSARE filter (catchment >= 200 m²) removes both small sinks of this 45 m² DEM
    assert child["depressions"]["SINK_COUNT"] == 0
    # a 45 m² DEM has no flow path of 1 ha
    assert child["flowpaths"]["SEGMENT_COUNT"] == 0
    assert "affected" in child  # the affected-objects step ran on the scenario's water depth


def test_model_chains_water_depth_into_affected_objects(provider_only, registry, tmp_path):
    """The house dams the valley; a large rain fills the pond behind it, which the affected-objects
    step (fed by the scenario's water depth inside the model) reports at the house wall."""
    alg = registry.algorithmById("smartplan:Starkregen-Screening")
    dem = write_dem(tmp_path / "valley.tif", valley(), origin=ORIGIN)
    houses = house_layer(tmp_path / "houses.geojson")
    outs = {}
    for i, d in enumerate(alg.destinationParameterDefinitions()):
        ext = (
            ".html"
            if ("Summary" in d.description() or "report" in d.description())
            else ".gpkg"
            if d.type() == "sink"
            else ".tif"
        )
        outs[d.name()] = str(tmp_path / f"o{i}{ext}")
    res = processing.run(alg, dict(DEM=dem, BUILDINGS=houses, RAIN_MM=5000, **outs))
    b = res["affected:buildings_affected"]
    feats = list(QgsVectorLayer(b, "b").getFeatures())
    assert len(feats) == 1 and feats[0]["flooded"]
    assert feats[0]["wall_depth_m"] == pytest.approx(4.0)  # the full pond: 8 m bank - 4 m floor


def test_model_with_emergency_routes(provider_only, registry, tmp_path):
    """The second shipped model adds the emergency routes on the roads split at the water."""
    from tests.qgis.test_affected import layer as make_layer

    alg = registry.algorithmById("smartplan:Starkregen-Screening mit Einsatzrouten")
    assert alg is not None
    dem = write_dem(tmp_path / "valley.tif", valley(), origin=ORIGIN)
    houses = house_layer(tmp_path / "houses.geojson", crs_epsg=25832)
    x0, y0 = ORIGIN
    roads = make_layer(
        tmp_path / "roads.gpkg",
        "LineString",
        [("highway", "string")],
        [
            (f"LINESTRING({x0 + 0.5} {y0 - 2.5},{x0 + 3.5} {y0 - 2.5})", ["residential"]),
            (f"LINESTRING({x0 + 0.5} {y0 - 0.5},{x0 + 0.5} {y0 - 2.5})", ["residential"]),
        ],
    )
    station = make_layer(
        tmp_path / "st.gpkg", "Point", [("name", "string")], [(f"POINT({x0 + 0.5} {y0 - 0.5})", ["Wache"])]
    )
    outs = {}
    for i, d in enumerate(alg.destinationParameterDefinitions()):
        ext = (
            ".html"
            if ("Summary" in d.description() or "report" in d.description())
            else ".gpkg"
            if d.type() == "sink"
            else ".tif"
        )
        outs[d.name()] = str(tmp_path / f"o{i}{ext}")
    res = processing.run(
        alg,
        dict(
            DEM=dem, BUILDINGS=houses, ROADS=roads, STATIONS=station, RAIN_MM=5000, TIME_LIMIT_MIN=10, **outs
        ),
    )
    blocked = list(QgsVectorLayer(res["emergencyroutes:blocked"], "b").getFeatures())
    # the road through the pond behind the house (2 to 4 m deep) is blocked
    assert blocked and min(f["max_depth_m"] for f in blocked) > 0.6
