"""analysis.greenroofs without QGIS: a synthetic DSM (GDAL) with a flat and a 30° shed roof on
10 m × 10 m footprints, a bow-tie footprint, one outside the DSM, monuments that overlap or only
touch. Expected figures are worked out by hand in the comments."""

import math

import numpy as np
import pytest
from osgeo import gdal, osr

from smartplan.analysis import greenroofs as gr
from smartplan.analysis.greenroofs_report import GreenRoofReport
from smartplan.core import roofs as core
from smartplan.core.geometry import Polygon

X0, Y0 = 500000.0, 5800000.0  # top-left corner of the DSM (EPSG:25832)
CELL = 0.5
NCOLS, NROWS = 120, 60  # 60 m × 30 m
GROUND, EAVES = 100.0, 108.0
PITCH = 30.0
# footprints in metres east / south of the top-left corner: (x0, x1, y0, y1)
FLAT, SHED, BLOCK = (5, 15, 10, 20), (25, 35, 10, 20), (45, 55, 10, 20)


def square(x0, x1, y0, y1):
    """A rectangle in scene metres (x east, y south of the top-left corner) as a shapely polygon."""
    return Polygon([(X0 + x0, Y0 - y1), (X0 + x1, Y0 - y1), (X0 + x1, Y0 - y0), (X0 + x0, Y0 - y0)])


@pytest.fixture()
def dsm(tmp_path):
    """Ground at 100 m; FLAT and BLOCK roofs flat at 110 m; SHED at 30°, rising towards the north
    from the eaves (108 m) at its south edge: its face looks south."""
    cols, rows = np.meshgrid(np.arange(NCOLS), np.arange(NROWS))
    x, y = (cols + 0.5) * CELL, (rows + 0.5) * CELL  # cell centres, scene metres
    z = np.full((NROWS, NCOLS), GROUND)

    def inside(box):
        x0, x1, y0, y1 = box
        return (x > x0) & (x < x1) & (y > y0) & (y < y1)

    z[inside(FLAT)] = 110.0
    z[inside(BLOCK)] = 110.0
    m = inside(SHED)
    z[m] = EAVES + math.tan(math.radians(PITCH)) * (SHED[3] - y[m])
    path = str(tmp_path / "dsm.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, NCOLS, NROWS, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((X0, CELL, 0, Y0, 0, -CELL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).SetNoDataValue(-9999.0)
    ds.GetRasterBand(1).WriteArray(z.astype(np.float32))
    ds = None
    return path


def bowtie(x0, x1, y0, y1):
    """A self-intersecting ring corner to corner across the box: two triangles meeting in its
    centre (invalid as drawn; its signed area is 0)."""
    return Polygon([(X0 + x0, Y0 - y0), (X0 + x1, Y0 - y1), (X0 + x1, Y0 - y0), (X0 + x0, Y0 - y1)])


def footprints():
    return [
        ("flat", square(*FLAT)),
        ("shed", square(*SHED)),
        ("bowtie", bowtie(*BLOCK)),
        ("outside", square(-50, -40, 10, 20)),  # 40 m west of the DSM
    ]


def analyse(dsm_path, breaks=(5.0, 15.0, 30.5, 45.0), **kw):
    settings = gr.GreenRoofSettings(params=core.RoofParams(breaks=breaks))
    rows = list(gr.run(dsm_path, gr.buildings_from(footprints()), settings, **kw))
    faces = {}
    for r in rows:
        if r.layer == gr.FACES:
            a = dict(zip([n for n, _ in gr.FACE_FIELDS], r.attributes))
            faces.setdefault(a["building_id"], []).append(a)
    roofs = {
        r.attributes[0]: dict(zip([n for n, _ in gr.ROOF_FIELDS], r.attributes))
        for r in rows
        if r.layer == gr.ROOFS
    }
    records = [r.record for r in rows if r.layer == gr.ROOFS]
    return faces, roofs, records


def test_flat_and_30_degree_roofs(dsm):
    faces, roofs, _ = analyse(dsm)
    assert set(roofs) == {"flat", "shed", "bowtie", "outside"}
    # flat roof: one face on the whole 10 × 10 m footprint, 0°, class 1; every cell is free and
    # lies in a 2 m × 2 m square, so usable = 100 m² × net factor 0.85 = 85 m²
    (flat,) = faces["flat"]
    assert flat["slope_deg"] == pytest.approx(0.0, abs=0.1)
    assert flat["aspect_deg"] is None  # a flat face has no aspect
    assert (flat["class"], flat["class_name"]) == (1, "very good")
    assert flat["area_m2"] == pytest.approx(100.0)
    assert flat["usable_m2"] == pytest.approx(85.0)
    assert not flat["shear_protection"]
    # 30° shed: plan area 100 m², sloped surface 100 / cos 30° = 115.47 m², 57.7 % slope, faces
    # south; between the limits 15° and 30.5°: class 3, shear protection (> 15°); usable 85 m²
    (shed,) = faces["shed"]
    assert shed["slope_deg"] == pytest.approx(30.0, abs=0.05)
    assert shed["slope_pct"] == pytest.approx(57.735, abs=0.1)
    assert shed["aspect_deg"] == pytest.approx(180.0, abs=1.0)
    assert shed["area_m2"] == pytest.approx(100.0)
    assert shed["surface_m2"] == pytest.approx(115.47, abs=0.1)
    assert (shed["class"], shed["class_name"]) == (3, "suitable (shear protection)")
    assert shed["usable_m2"] == pytest.approx(85.0)
    assert shed["shear_protection"]
    # effects, extensive 10 cm (retention 0.50), P = 773 mm, r(5,5) = 300 l/(s·ha):
    # retention 85 × 0.773 × 0.5 = 32.8525 m³/a (both roofs); peak reduction (1 − C_s)·300·85/10⁴
    # with C_s 0.4 (flat, ≥ 10 cm) = 1.53 l/s and C_s 0.7 (slope > 5 %) = 0.765 l/s
    r = roofs["flat"]
    assert (r["green_area_m2"], r["area_c1_m2"], r["dominant_class"]) == (
        pytest.approx(85.0),
        pytest.approx(85.0),
        1,
    )
    assert r["retention_m3_a"] == pytest.approx(32.8525)
    assert r["peak_reduction_ls"] == pytest.approx(1.53)
    assert r["intensive_m2"] == pytest.approx(85.0)
    r = roofs["shed"]
    assert (r["area_c3_m2"], r["dominant_class"], r["dominant_name"]) == (
        pytest.approx(85.0),
        3,
        "suitable (shear protection)",
    )
    assert r["retention_m3_a"] == pytest.approx(32.8525)
    assert r["peak_reduction_ls"] == pytest.approx(0.765)
    assert r["intensive_m2"] == 0
    for name in ("flat", "shed"):
        r = roofs[name]
        assert r["footprint_m2"] == pytest.approx(100.0) and r["faces"] == 1
        assert r["dsm_coverage"] == pytest.approx(1.0) and not r["partial_dsm"]
        assert not r["stale_dsm"] and not r["repaired"] and r["note"] is None


@pytest.mark.parametrize(
    ("limit", "cls", "name"), [(30.5, 3, "suitable (shear protection)"), (29.5, 4, "less suitable")]
)
def test_class_follows_the_limit_next_to_the_roof(dsm, limit, cls, name):
    """The 30° roof is class 3 under a limit of 30.5° and class 4 over one of 29.5°; its net area
    moves with it (area_c3 → area_c4). (Exactly 30° would be class 3, but a fitted plane on a
    float32 DSM is 30° ± 1e-5°.)"""
    faces, roofs, _ = analyse(dsm, breaks=(5.0, 15.0, limit, 45.0))
    assert (faces["shed"][0]["class"], faces["shed"][0]["class_name"]) == (cls, name)
    assert roofs["shed"][f"area_c{cls}_m2"] == pytest.approx(85.0)
    assert roofs["shed"][f"area_c{7 - cls}_m2"] == 0  # the other of classes 3 and 4
    assert roofs["shed"]["green_area_m2"] == pytest.approx(85.0)  # class 4 still counts


def test_bowtie_is_repaired_and_outside_has_no_dsm(dsm):
    _, roofs, _ = analyse(dsm)
    # the bow-tie becomes its two triangles, 10 × 5 / 2 = 25 m² each; on the flat block: class 1
    b = roofs["bowtie"]
    assert b["repaired"]
    assert b["footprint_m2"] == pytest.approx(50.0)
    assert b["faces"] >= 1 and b["dominant_class"] == 1
    assert 0 < b["green_area_m2"] <= 50.0 * 0.85
    # wholly outside the DSM: no faces, coverage 0, "no DSM data", no roof face
    o = roofs["outside"]
    assert o["dsm_coverage"] == 0 and o["partial_dsm"]
    assert o["note"] == "no DSM data"
    assert (o["faces"], o["green_area_m2"], o["dominant_class"], o["dominant_name"]) == (
        0,
        0,
        0,
        "no roof face",
    )
    assert o["stale_dsm"] is None  # not tested: no DSM there


def test_monument_that_only_touches_is_no_monument(dsm):
    monuments = gr.Polygons(
        [
            (square(8, 10, 12, 14), 1),  # inside the flat roof's footprint
            (square(35, 40, 10, 20), 2),  # shares the shed's east edge, nothing more
        ]
    )
    districts = gr.Polygons([(square(0, 20, 0, 30), "Altstadt")])
    _, roofs, records = analyse(dsm, monuments=monuments, districts=districts)
    assert roofs["flat"]["monument"] and not roofs["shed"]["monument"]
    assert not roofs["flat"]["pv_present"]  # no PV layer given
    assert roofs["flat"]["district"] == "Altstadt" and roofs["shed"]["district"] is None
    # the summary counts one monument and lists the district
    html = GreenRoofReport().summary_html(records, gr.GreenRoofSettings(), {"FEE_EUR_M2": 0}, True)
    assert "Altstadt" in html and "(outside the districts)" in html and "Statik" in html
    assert "<td>Listed monuments</td><td>1</td>" in html
    t = gr.totals(records)
    assert t["buildings"] == 4
    assert t["green_area_m2"] == pytest.approx(85.0 + 85.0 + roofs["bowtie"]["green_area_m2"])


def test_lod2_values_as_read():
    """Roof form and slope as attribute tables hold them: text, NULL, empty; a flat roof (Dachform
    1000) without a slope is 0°."""
    faces = gr.lod2_faces(
        [
            (square(0, 10, 0, 10), "1000", None),
            (square(0, 10, 0, 10), 3100, "35.5"),
            (square(0, 10, 0, 10), "NULL", ""),
        ]
    ).faces
    assert [(f["form"], f["slope"]) for f in faces] == [(1000, 0.0), (3100, 35.5), (None, None)]


def test_cancel_stops_the_run(dsm):
    class Stop(Exception):
        pass

    def check():
        raise Stop

    with pytest.raises(Stop):
        list(gr.run(dsm, gr.buildings_from(footprints()), check=check))


def test_non_square_cells_are_refused(tmp_path):
    path = str(tmp_path / "rect.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, 10, 10, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((X0, 1.0, 0, Y0, 0, -0.5))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    ds.SetProjection(srs.ExportToWkt())
    ds = None
    with pytest.raises(gr.CellsNotSquare) as exc:
        gr.open_dsm(path)
    assert (exc.value.dx, exc.value.dy) == (1.0, 0.5)
