"""smartplan:greenroofs through Processing: synthetic DSMs with known roofs and footprints, effect
figures against the formulas by hand, LoD2 faces, flags, real-world mess, and the real Bubeneč
footprints with synthetic roof heights."""

import math
import os
import sqlite3
from contextlib import closing

import numpy as np
import processing
import pytest
from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from tests.qgis_fixtures import write_dem
from tests.qgis_fixtures import write_layer as layer
from tests.roof_scenes import scene

X0, Y0 = 500000.0, 5800000.0
ROOFS = [
    ("shed", 0, []),
    ("gable", 35, []),
    ("hip", 20, []),
    ("shed", 20, []),
    ("shed", 0, [(3, 3, 1, 1, 1.5), (10, 5, 3, 2, 1.2)]),
]
W, DEP, GAP = 20.0, 12.0, 10.0


def box(x0, y0, x1, y1):
    """Rectangle in scene coordinates (x east, y south from the top-left corner) as WKT."""
    a, b, c, d = X0 + x0, X0 + x1, Y0 - y1, Y0 - y0
    return f"POLYGON(({a} {c},{b} {c},{b} {d},{a} {d},{a} {c}))"


def footprint(i):
    x0 = GAP + i * (W + GAP)
    return box(x0, GAP, x0 + W, GAP + DEP)


@pytest.fixture()
def roofs(tmp_path):
    dsm, ids, truth = scene(ROOFS, cell=0.5, sigma=0.0, w=W, d=DEP, gap=GAP)
    path = write_dem(tmp_path / "dsm.tif", dsm, origin=(X0, Y0), cell=0.5)
    houses = layer(
        tmp_path / "houses.gpkg",
        "Polygon",
        [("gml_id", "string")],
        [(footprint(i), [f"DEBW{i}"]) for i in range(len(ROOFS))],
    )
    return dict(dsm=path, houses=houses, truth=truth, tmp=tmp_path)


def run(s, **extra):
    t = s["tmp"]
    params = dict(
        BUILDINGS=s["houses"],
        ID_FIELD="gml_id",
        DSM=s["dsm"],
        FACES=str(t / "faces.gpkg"),
        ROOFS=str(t / "roofs.gpkg"),
        SUMMARY=str(t / "summary.html"),
        FEE_EUR_M2=0.86,
    )
    params.update(extra)
    return processing.run("smartplan:greenroofs", params)


def feats(path):
    return list(QgsVectorLayer(path, "l").getFeatures())


def test_faces_and_roof_figures(provider_only, roofs):
    out = run(roofs)
    faces = feats(out["FACES"])
    by_b = {}
    for f in faces:
        by_b.setdefault(f["building_id"], []).append(f)
    assert [len(by_b[f"DEBW{i}"]) for i in range(5)] == [1, 2, 4, 1, 1]
    for i, t in enumerate(roofs["truth"]):
        for f in by_b[f"DEBW{i}"]:
            assert f["slope_deg"] == pytest.approx(t["slope"], abs=0.5)
            assert f["slope_pct"] == pytest.approx(100 * math.tan(math.radians(f["slope_deg"])), rel=1e-3)
            assert f["surface_m2"] == pytest.approx(f["area_m2"] / math.cos(math.radians(f["slope_deg"])))
    gable = sorted(f["aspect_deg"] for f in by_b["DEBW1"])
    assert gable == [pytest.approx(0, abs=1), pytest.approx(180, abs=1)]  # north and south faces
    assert sum(f["area_m2"] for f in by_b["DEBW2"]) == pytest.approx(
        240.0, rel=1e-6
    )  # hip covers the footprint
    assert {f["class"] for f in by_b["DEBW3"]} == {3} and by_b["DEBW3"][0]["shear_protection"]
    assert by_b["DEBW4"][0]["occupied_m2"] == pytest.approx(7.0, abs=0.5)  # chimney 1 m² + HVAC 6 m²

    r = {f["building_id"]: f for f in feats(out["ROOFS"])}
    flat = r["DEBW0"]
    # hand-computed (methods A7): 240 m² × 0.85 = 204 m² net, extensive 10 cm, P = 773 mm,
    # r(5,5) = 300 l/(s·ha), fee 0.86 €/m² with 50 % reduction
    assert flat["green_area_m2"] == pytest.approx(204.0)
    assert flat["area_c1_m2"] == pytest.approx(204.0) and flat["dominant_class"] == 1
    assert flat["retention_m3_a"] == pytest.approx(78.846)
    assert flat["sewer_saved_m3_a"] == pytest.approx(63.0768)
    assert flat["peak_reduction_ls"] == pytest.approx(3.672)
    assert flat["cooling_kwh_a"] == pytest.approx(53615.28)
    assert flat["co2_kg_a"] == pytest.approx(120.36) and flat["dust_g_a"] == pytest.approx(1999.2)
    assert flat["fee_saving_eur_a"] == pytest.approx(87.72)
    assert (flat["weight_min_kg_m2"], flat["weight_max_kg_m2"]) == (90, 150)
    # 20° shed: class 3, slope > 5 %: C_s 0.7 -> (1 - 0.7) · 300 · 204 / 10000
    assert r["DEBW3"]["peak_reduction_ls"] == pytest.approx(1.836)
    assert r["DEBW3"]["intensive_m2"] == 0 and r["DEBW0"]["intensive_m2"] == pytest.approx(204.0)
    # the superstructures are not usable
    assert r["DEBW4"]["green_area_m2"] < 204.0 - 7.0 * 0.85 + 1e-6
    # 35° gable: class 4, counted as (special-system) potential
    assert r["DEBW1"]["dominant_class"] == 4
    assert not any(f["stale_dsm"] for f in r.values())
    assert out["BUILDINGS_ANALYSED"] == 5
    assert out["GREEN_AREA_M2"] == pytest.approx(sum(f["green_area_m2"] for f in r.values()))
    html = open(out["SUMMARY"], encoding="utf-8").read()
    assert "data:image/png;base64" in html and "DEBW0" in html and "Statik" in html
    # disclaimer and parameters in the GeoPackage metadata
    ds = ogr.Open(out["ROOFS"].split("|")[0])
    md = ds.GetLayer(0).GetMetadata()
    assert "Statik ist individuell zu prüfen" in md["SMARTPLAN_DISCLAIMER_DE"]
    assert "FEE_EUR_M2" in md["SMARTPLAN_PARAMETERS"]
    # outputs open styled (style stored in the GeoPackage)
    with closing(sqlite3.connect(out["ROOFS"].split("|")[0])) as db:
        assert db.execute("select count(*) from layer_styles").fetchone()[0] == 1


def test_buildup_coefficients_and_fee_off(provider_only, roofs):
    csv = roofs["tmp"] / "coeff.csv"
    csv.write_text("key,value\nco2_kg_m2a,0.18\nretention_intensive_30,0.75\n", encoding="utf-8")
    out = run(
        roofs, BUILDUP=5, FEE_EUR_M2=0, COEFFICIENTS=str(csv), PRECIPITATION_MM=600, DESIGN_RAIN_LS_HA=250
    )
    r = {f["building_id"]: f for f in feats(out["ROOFS"])}
    flat = r["DEBW0"]
    assert flat["buildup"] == "intensive_30"
    assert flat["retention_m3_a"] == pytest.approx(204 * 0.6 * 0.75)
    assert flat["peak_reduction_ls"] == pytest.approx((1 - 0.2) * 250 * 204 / 10000)
    assert flat["co2_kg_a"] == pytest.approx(204 * 0.18)
    assert flat["fee_saving_eur_a"] is None or str(flat["fee_saving_eur_a"]) == "NULL"
    assert r["DEBW3"]["buildup"] == "extensive_10"  # intensive only on class 1
    bad = roofs["tmp"] / "bad.csv"
    bad.write_text("key,value\nco2,1\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="Unknown coefficient 'co2'"):
        run(
            roofs,
            COEFFICIENTS=str(bad),
            FACES=str(roofs["tmp"] / "f2.gpkg"),
            ROOFS=str(roofs["tmp"] / "r2.gpkg"),
        )


def test_lod2_faces_flags_districts(provider_only, roofs):
    t = roofs["tmp"]
    x0 = GAP + 1 * (W + GAP)  # the 35° gable: two LoD2 faces
    faces = layer(
        t / "lod2.gpkg",
        "Polygon",
        [("Dachform", "integer"), ("Dachneigung", "double")],
        [
            (box(x0, GAP, x0 + W, GAP + DEP / 2), [3100, 35.0]),
            (box(x0, GAP + DEP / 2, x0 + W, GAP + DEP), [3100, 35.0]),
            (box(GAP, GAP, GAP + W, GAP + DEP), [1000, None]),  # the flat roof
        ],
    )
    mon = layer(
        t / "mon.gpkg",
        "Polygon",
        [("name", "string")],
        [(box(x0 + 5, GAP + 2, x0 + 6, GAP + 3), ["Denkmal"])],
    )
    pv = layer(t / "pv.gpkg", "Polygon", [], [(box(GAP + 2, GAP + 2, GAP + 8, GAP + 6), [])])
    dist = layer(
        t / "d.gpkg",
        "Polygon",
        [("name", "string")],
        [(box(0, 0, 45, 40), ["Altstadt"]), (box(45, 0, 200, 40), ["Neustadt"])],
    )
    out = run(
        roofs,
        ROOF_FACES=faces,
        ROOF_SLOPE_FIELD="Dachneigung",
        MONUMENTS=mon,
        PV=pv,
        DISTRICTS=dist,
        DISTRICT_FIELD="name",
    )
    fs = feats(out["FACES"])
    assert {f["source"] for f in fs} == {"lod2"}
    assert sorted(f["dachform"] for f in fs) == [1000, 3100, 3100]
    gable = [f for f in fs if f["building_id"] == "DEBW1"]
    assert [round(f["slope_deg"]) for f in gable] == [35, 35]
    assert sum(f["area_m2"] for f in gable) == pytest.approx(240.0)
    r = {f["building_id"]: f for f in feats(out["ROOFS"])}
    assert r["DEBW1"]["monument"] and not r["DEBW0"]["monument"]
    assert r["DEBW0"]["pv_present"] and not r["DEBW1"]["pv_present"]
    assert r["DEBW0"]["district"] == "Altstadt" and r["DEBW2"]["district"] == "Neustadt"
    assert r["DEBW2"]["faces"] == 0 and r["DEBW2"]["green_area_m2"] == 0  # no LoD2 face given
    html = open(out["SUMMARY"], encoding="utf-8").read()
    assert "Altstadt" in html and "Neustadt" in html


@pytest.mark.parametrize("name", ["a $x$ b", "$\\frac{1}{$"])
def test_district_names_with_dollars_are_text(provider_only, roofs, name):
    """'$…$' in a district name reached matplotlib's math parser: typeset, or a crash that left
    FACES/ROOFS without layers. The name is plain text in the chart and in the page."""
    import html as html_mod

    dist = layer(
        roofs["tmp"] / "d$.gpkg",
        "Polygon",
        [("name", "string")],
        [(box(0, 0, 45, 40), [name]), (box(45, 0, 200, 40), ["Neustadt"])],
    )
    out = run(roofs, DISTRICTS=dist, DISTRICT_FIELD="name")
    assert feats(out["FACES"]) and feats(out["ROOFS"])
    assert {f["district"] for f in feats(out["ROOFS"])} == {name, "Neustadt"}
    page = open(out["SUMMARY"], encoding="utf-8").read()
    assert html_mod.escape(name) in page and "<img" in page


def test_real_world_mess(provider_only, roofs):
    """Footprints in another CRS, a self-intersecting (bow-tie) ring, a multipart footprint, one
    partly outside the DSM, NoData in the DSM, a building missing from the DSM (stale)."""
    t = roofs["tmp"]
    ds = gdal.Open(roofs["dsm"], gdal.GA_Update)
    z = ds.GetRasterBand(1).ReadAsArray()
    x0 = GAP + 3 * (W + GAP)
    z[int(GAP / 0.5) + 4 : int(GAP / 0.5) + 8, int(x0 / 0.5) + 4 : int(x0 / 0.5) + 8] = -9999.0  # NoData hole
    z[:, -30:] = -9999.0  # the last 15 m are NoData
    ds.GetRasterBand(1).WriteArray(z)
    ds = None
    to_wgs = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:25832"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance(),
    )

    def wgs(wkt):
        g = QgsGeometry.fromWkt(wkt)
        g.transform(to_wgs)
        return g

    xs = [GAP + i * (W + GAP) for i in range(5)]
    bowtie = (
        f"POLYGON(({X0 + xs[0]} {Y0 - GAP},{X0 + xs[0] + W} {Y0 - GAP - DEP},{X0 + xs[0] + W} {Y0 - GAP},"
        f"{X0 + xs[0]} {Y0 - GAP - DEP},{X0 + xs[0]} {Y0 - GAP}))"
    )
    multi = QgsGeometry.collectGeometry(
        [
            QgsGeometry.fromWkt(box(xs[1], GAP, xs[1] + W, GAP + DEP / 2)),
            QgsGeometry.fromWkt(box(xs[1], GAP + DEP / 2 + 0.01, xs[1] + W, GAP + DEP)),
        ]
    )
    total_w = len(ROOFS) * (W + GAP) + GAP
    rows = [
        (wgs(bowtie), ["bowtie"]),
        (wgs(multi.asWkt()), ["multi"]),
        (wgs(footprint(3)), ["hole"]),
        (wgs(box(total_w - 25, GAP, total_w + 5, GAP + DEP)), ["edge"]),  # NoData strip, beyond the edge
        (wgs(box(xs[2] + W + 1, GAP, xs[2] + W + 9, GAP + 3)), ["no_roof"]),
    ]  # ground only: stale
    houses = layer(t / "wgs.gpkg", "MultiPolygon", [("gml_id", "string")], rows, crs="EPSG:4326")
    out = run(roofs, BUILDINGS=houses)
    r = {f["building_id"]: f for f in feats(out["ROOFS"])}
    assert set(r) == {"bowtie", "multi", "hole", "edge", "no_roof"}
    assert r["bowtie"]["repaired"] and r["bowtie"]["faces"] >= 1
    assert r["multi"]["faces"] == 2 and not r["multi"]["repaired"]  # the gable, both parts
    assert r["hole"]["faces"] == 1 and r["hole"]["dsm_coverage"] < 1.0
    assert r["hole"]["dominant_class"] == 3
    assert r["edge"]["partial_dsm"] and r["edge"]["dsm_coverage"] == pytest.approx(1 / 3, abs=0.02)
    assert "DSM" in r["edge"]["note"]
    assert r["no_roof"]["stale_dsm"]
    # all output geometries in the DSM's CRS
    assert QgsVectorLayer(out["ROOFS"], "r").crs().authid() == "EPSG:25832"


def test_bad_input_is_refused_clearly(provider_only, roofs, tmp_path):
    empty = layer(tmp_path / "empty.gpkg", "Polygon", [("gml_id", "string")], [])
    with pytest.raises(QgsProcessingException, match="no usable footprints"):
        run(roofs, BUILDINGS=empty)
    geo = tmp_path / "geo.tif"
    gdal.Warp(str(geo), roofs["dsm"], dstSRS="EPSG:4326")
    with pytest.raises(QgsProcessingException, match="geographic"):
        run(roofs, DSM=str(geo))
    with pytest.raises(QgsProcessingException, match="four ascending"):
        run(roofs, CLASS_BREAKS_DEG="5,15,30")


class CancelNow(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.cancel()


def test_cancel_leaves_no_outputs(provider_only, roofs):
    t = roofs["tmp"]
    outs = dict(FACES=str(t / "cf.gpkg"), ROOFS=str(t / "cr.gpkg"), SUMMARY=str(t / "cs.html"))
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        processing.run(
            "smartplan:greenroofs",
            dict(BUILDINGS=roofs["houses"], DSM=roofs["dsm"], **outs),
            feedback=CancelNow(),
            context=QgsProcessingContext(),
        )
    assert not any(os.path.exists(p) for p in outs.values())


def test_bubenec_footprints_with_synthetic_roofs(provider_only, real_data, tmp_path):
    """Real (irregular, adjoining) footprints of Prague-Bubeneč, reprojected from EPSG:3857 to
    UTM 33N, with synthetic roof heights: every third building flat, 10° and 30° sheds."""
    src = QgsVectorLayer(os.path.join(real_data, "bubenec_buildings.gpkg") + "|layername=buildings", "b")
    assert src.isValid() and src.featureCount() == 144
    utm = QgsCoordinateReferenceSystem("EPSG:32633")
    xf = QgsCoordinateTransform(src.crs(), utm, QgsProject.instance())
    geoms = []
    for f in src.getFeatures():
        g = f.geometry()
        g.transform(xf)
        geoms.append(g)
    ext = geoms[0].boundingBox()
    for g in geoms[1:]:
        ext.combineExtentWith(g.boundingBox())
    cell = 1.0
    x0, y1 = math.floor(ext.xMinimum()) - 10, math.ceil(ext.yMaximum()) + 10
    ncols, nrows = int(ext.width()) + 21, int(ext.height()) + 21
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    mem = gdal.GetDriverByName("MEM").Create("", ncols, nrows, 1, gdal.GDT_Int32)
    mem.SetGeoTransform((x0, cell, 0, y1, 0, -cell))
    mem.SetProjection(srs.ExportToWkt())
    ogr_ds = ogr.GetDriverByName("Memory").CreateDataSource("")
    lyr = ogr_ds.CreateLayer("b", srs, ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    for i, g in enumerate(geoms):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetGeometry(ogr.CreateGeometryFromWkb(bytes(g.asWkb())))
        feat.SetField("v", i + 1)
        lyr.CreateFeature(feat)
    gdal.RasterizeLayer(mem, [1], lyr, options=["ATTRIBUTE=v"])
    ids = mem.GetRasterBand(1).ReadAsArray()
    cols = np.broadcast_to(np.arange(ncols)[None, :] * cell, ids.shape)
    dsm = np.full(ids.shape, 200.0)
    slopes = {}
    for i in range(len(geoms)):
        s = (0.0, 10.0, 30.0)[i % 3]
        slopes[i] = s
        m = ids == i + 1
        if m.any():
            c0 = cols[m].min()
            dsm[m] = 215.0 + math.tan(math.radians(s)) * (cols[m] - c0)
    dsm += np.random.default_rng(3).normal(0, 0.05, dsm.shape)
    path = tmp_path / "bubenec_dsm.tif"
    out_ds = gdal.GetDriverByName("GTiff").Create(str(path), ncols, nrows, 1, gdal.GDT_Float32)
    out_ds.SetGeoTransform((x0, cell, 0, y1, 0, -cell))
    out_ds.SetProjection(srs.ExportToWkt())
    out_ds.GetRasterBand(1).WriteArray(dsm.astype(np.float32))
    out_ds = None
    res = processing.run(
        "smartplan:greenroofs",
        dict(
            BUILDINGS=src.source(),
            DSM=str(path),
            FACES=str(tmp_path / "bf.gpkg"),
            ROOFS=str(tmp_path / "br.gpkg"),
            SUMMARY=str(tmp_path / "bs.html"),
        ),
    )
    roofs = feats(res["ROOFS"])
    assert len(roofs) == 144
    faces = feats(res["FACES"])
    # every face lies on one building; its slope is the building's synthetic slope
    fid_of = {f["building_id"]: int(f["building_id"]) - 1 for f in roofs}
    big = [f for f in faces if f["area_m2"] >= 30]
    ok = sum(abs(f["slope_deg"] - slopes[fid_of[f["building_id"]]]) <= 1.0 for f in big)
    assert len(big) > 100 and ok / len(big) >= 0.95
    # per building: the effects are the formulas applied to its faces (extensive 10 cm defaults)
    by_b = {}
    for f in faces:
        by_b.setdefault(f["building_id"], []).append(f)
    for r in roofs:
        fs = by_b.get(r["building_id"], [])
        usable = sum(f["usable_m2"] for f in fs if f["class"] <= 4)
        assert r["green_area_m2"] == pytest.approx(usable, abs=1e-6)
        assert r["retention_m3_a"] == pytest.approx(usable * 0.773 * 0.50, abs=1e-6)
        assert r["co2_kg_a"] == pytest.approx(usable * 0.59, abs=1e-6)
        assert r["sewer_saved_m3_a"] == pytest.approx(usable * 0.773 * 0.40, abs=1e-6)


def test_overlapping_footprints_are_not_flagged_partial(provider_only, roofs):
    """Coverage is the share of a footprint inside the DSM with data; cells that an overlapping
    footprint takes (ALKIS parts, OSM duplicates) do not make it 'partly outside the DSM'."""
    houses = layer(
        roofs["tmp"] / "ov.gpkg",
        "Polygon",
        [("gml_id", "string")],
        [(footprint(0), ["A"]), (box(GAP + 15, GAP + 6, GAP + 25, GAP + 12), ["B"])],
    )
    out = run(
        roofs, BUILDINGS=houses, FACES=str(roofs["tmp"] / "of.gpkg"), ROOFS=str(roofs["tmp"] / "or.gpkg")
    )
    r = {f["building_id"]: f for f in feats(out["ROOFS"])}
    assert r["A"]["dsm_coverage"] == pytest.approx(1.0) and not r["A"]["partial_dsm"]
    assert r["B"]["dsm_coverage"] == pytest.approx(1.0) and not r["B"]["partial_dsm"]
