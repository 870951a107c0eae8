"""smartplan:importfeedback against the fake DIPAS server and files, and smartplan:feedbacklink on
a hand-built case (counts by distance checked by hand)."""

import json
import os
import sqlite3
from contextlib import closing

import processing
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.fake_dipas import FakeDipas
from tests.qgis_fixtures import write_layer


def layer_info(path, name):
    """(feature count, CRS) of a layer, opened and dropped here (no layer object kept)."""
    lyr = QgsVectorLayer(f"{path}|layername={name}", name)
    assert lyr.isValid()
    return lyr.featureCount(), lyr.crs().authid() if lyr.isSpatial() else None


@pytest.fixture()
def server():
    with FakeDipas() as s:
        yield s


def test_import_feedback_from_dipas(provider_only, server, tmp_path):
    out = str(tmp_path / "beteiligung.gpkg")
    res = processing.run(
        "smartplan:importfeedback", dict(SOURCE=server.url, PROJECT="p1", WITH_COMMENTS=True, OUTPUT=out)
    )
    assert (res["ADDED"], res["TOTAL"], res["UNLOCATED"]) == (24, 24, 2)
    assert layer_info(out, "contributions_point") == (20, "EPSG:4326")
    assert layer_info(out, "contributions_line")[0] == 1
    assert layer_info(out, "contributions_area")[0] == 1
    assert layer_info(out, "comments")[0] == 2
    # opens styled anywhere: the category styles are stored in the GeoPackage
    with closing(sqlite3.connect(out)) as db:
        assert db.execute("select count(*) from layer_styles").fetchone()[0] == 3
    # re-import: nothing new; maintenance mode: a clear error and the file is unchanged
    res = processing.run("smartplan:importfeedback", dict(SOURCE=server.url, PROJECT="p1", OUTPUT=out))
    assert res["ADDED"] == 0 and res["TOTAL"] == 24
    before = open(out, "rb").read()
    server.state.maintenance = True
    with pytest.raises(QgsProcessingException, match="no contributions although 24"):
        processing.run("smartplan:importfeedback", dict(SOURCE=server.url, PROJECT="p1", OUTPUT=out))
    assert open(out, "rb").read() == before


def test_import_errors_in_plain_words(provider_only, server, tmp_path):
    out = str(tmp_path / "x.gpkg")
    with pytest.raises(QgsProcessingException, match="several projects"):
        processing.run("smartplan:importfeedback", dict(SOURCE=server.url, OUTPUT=out))
    with pytest.raises(QgsProcessingException, match="not valid JSON"):
        processing.run(
            "smartplan:importfeedback", dict(SOURCE=server.url + "/broken.json", SOURCE_TYPE=7, OUTPUT=out)
        )
    broken = tmp_path / "b.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="not valid JSON"):
        processing.run("smartplan:importfeedback", dict(SOURCE=str(broken), OUTPUT=out))
    with pytest.raises(QgsProcessingException, match="cannot be reached"):
        processing.run(
            "smartplan:importfeedback", dict(SOURCE="http://127.0.0.1:9/drupal", PROJECT="1", OUTPUT=out)
        )
    assert not (tmp_path / "x.gpkg").exists()


def test_import_csv_with_field_mapping(provider_only, tmp_path):
    csv = tmp_path / "hinweise.csv"
    csv.write_text(
        "Nr,Betreff,Nachricht,Rechtswert,Hochwert,Verfasser\n"
        "1,Pfütze,Wasser steht,566253.46,5933921.42,Max\n",
        encoding="utf-8",
    )
    out = str(tmp_path / "m.gpkg")
    mapping = {
        "contribution_id": "Nr",
        "title": "Betreff",
        "text": "Nachricht",
        "x": "Rechtswert",
        "y": "Hochwert",
        "author": "Verfasser",
    }
    res = processing.run(
        "smartplan:importfeedback", dict(SOURCE=str(csv), FIELD_MAPPING=json.dumps(mapping), OUTPUT=out)
    )
    assert res["TOTAL"] == 1
    f = next(QgsVectorLayer(out + "|layername=contributions_point", "p").getFeatures())
    assert f["title"] == "Pfütze" and f["author"] == "Max"
    assert f.geometry().asMultiPoint()[0].x() == pytest.approx(10.0, abs=1e-5)  # UTM 32 recognised


def test_berlin_coordinates_follow_the_project_crs_with_a_warning(provider_only, tmp_path):
    from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingFeedback, QgsProject

    csv = tmp_path / "berlin.csv"
    csv.write_text("Nr;Betreff;X;Y\n1;Pfütze am Alex;392000;5820000\n", encoding="utf-8")
    mapping = json.dumps({"contribution_id": "Nr", "title": "Betreff", "x": "X", "y": "Y"})

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)

    proj = QgsProject.instance()
    try:
        for crs, lon in (("EPSG:25833", 13.41), ("EPSG:25832", 7.4)):
            proj.setCrs(QgsCoordinateReferenceSystem(crs))
            out, log = str(tmp_path / f"{crs[5:]}.gpkg"), Log()
            processing.run(
                "smartplan:importfeedback",
                dict(SOURCE=str(csv), FIELD_MAPPING=mapping, OUTPUT=out),
                feedback=log,
            )
            f = next(QgsVectorLayer(out + "|layername=contributions_point", "p").getFeatures())
            assert f.geometry().asMultiPoint()[0].x() == pytest.approx(lon, abs=0.1)
            (warning,) = [w for w in log.warnings if "fit both" in w]
            assert f"taken as {crs}" in warning and "project" in warning
    finally:
        proj.setCrs(QgsCoordinateReferenceSystem())


def test_map_tip_never_runs_citizens_markup(provider_only, tmp_path):
    """A title with an open tag is cleaned at import, and the map tip (also the default style inside
    the GeoPackage) escapes whatever the field holds: QGIS' map-tip expansion puts it into HTML."""
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

    hostile = 'Keller voll <img src=x onerror="alert(1)" '
    gj = tmp_path / "hinweise.geojson"
    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [10.0, 53.5]},
            "properties": {"id": i, "title": t, "text": "x"},
        }
        for i, t in enumerate([hostile, 'Rinne <3 & "Gully"'])
    ]
    gj.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    out = str(tmp_path / "b.gpkg")
    processing.run("smartplan:importfeedback", dict(SOURCE=str(gj), OUTPUT=out))
    lyr = QgsVectorLayer(out + "|layername=contributions_point", "p")  # loads the stored default style
    titles = sorted(f["title"] for f in lyr.getFeatures())
    assert titles == ["Keller voll", 'Rinne <3 & "Gully"']

    def tip(feature):
        ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(lyr))
        ctx.setFeature(feature)
        return QgsExpression.replaceExpressionText(lyr.mapTipTemplate(), ctx)

    assert "title" in lyr.mapTipTemplate()
    shown = {f["title"]: tip(f) for f in lyr.getFeatures()}
    assert shown['Rinne <3 & "Gully"'] == "Rinne &lt;3 &amp; &quot;Gully&quot;"
    # a title written into the store by other means is escaped, too
    lyr.startEditing()
    f = next(lyr.getFeatures())
    f["title"] = '<img src=x onerror="alert(1)">'
    assert tip(f) == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    lyr.rollBack()


def write(path, geom, rows, fields=("name",), crs="EPSG:25832"):
    return write_layer(path, geom, [(n, "string") for n in fields], rows, crs)


def test_feedback_per_sink_by_hand(provider_only, tmp_path):
    x0, y0 = 500000, 5800000
    sinks = write(
        tmp_path / "sinks.gpkg",
        "Polygon",
        [
            (f"POLYGON(({x0} {y0},{x0 + 20} {y0},{x0 + 20} {y0 + 20},{x0} {y0 + 20},{x0} {y0}))", ["S1"]),
            (
                f"POLYGON(({x0 + 100} {y0},{x0 + 120} {y0},{x0 + 120} {y0 + 20},"
                f"{x0 + 100} {y0 + 20},{x0 + 100} {y0}))",
                ["S2"],
            ),
        ],
        fields=("sink_id",),
    )
    # feedback in EPSG:4326 (as stored by the importer): reproject three points next to the sinks
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

    xf = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:25832"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance(),
    )

    def ll(x, y):
        p = xf.transform(QgsPointXY(x, y))
        return f"POINT({p.x()} {p.y()})"

    fb = write(
        tmp_path / "fb.gpkg",
        "Point",
        [
            (ll(x0 + 10, y0 + 10), ["1", "Wasser", "active", "Erika", "e@x.de"]),  # inside S1
            (ll(x0 + 30, y0 + 10), ["2", "Verkehr", "active", "Max", "m@x.de"]),  # 10 m from S1
            (ll(x0 + 60, y0 + 10), ["3", "Wasser", "active", None, None]),  # 40 m from S1 and S2: not linked
            (ll(x0 + 110, y0 + 30), ["4", "Wasser", "withdrawn", None, None]),  # withdrawn: ignored
        ],
        fields=("contribution_id", "category", "status", "author", "email"),
        crs="EPSG:4326",
    )
    res = processing.run(
        "smartplan:feedbacklink",
        dict(
            FEEDBACK=fb,
            TARGETS=sinks,
            TARGET_ID_FIELD="sink_id",
            DISTANCE_M=25,
            OUTPUT=str(tmp_path / "o.gpkg"),
            OUTPUT_FEEDBACK=str(tmp_path / "of.gpkg"),
        ),
    )
    got = {f["sink_id"]: f for f in QgsVectorLayer(res["OUTPUT"], "o").getFeatures()}
    assert got["S1"]["feedback_count"] == 2 and got["S1"]["feedback_ids"] == "1, 2"
    assert got["S2"]["feedback_count"] == 0
    assert res["LINKED"] == 2
    lyr = QgsVectorLayer(res["OUTPUT_FEEDBACK"], "f")
    assert "author" not in lyr.fields().names() and "email" not in lyr.fields().names()  # never shared
    near = {f["contribution_id"]: f for f in lyr.getFeatures()}
    assert near["2"]["target_id"] == "S1" and near["2"]["distance_m"] == pytest.approx(10.0, abs=0.01)
    assert str(near["3"]["target_id"]) == "NULL"
    res = processing.run(
        "smartplan:feedbacklink",
        dict(
            FEEDBACK=fb,
            TARGETS=sinks,
            TARGET_ID_FIELD="sink_id",
            DISTANCE_M=45,
            OUTPUT=str(tmp_path / "o2.gpkg"),
        ),
    )
    got = {f["sink_id"]: f["feedback_count"] for f in QgsVectorLayer(res["OUTPUT"], "o").getFeatures()}
    assert got == {"S1": 3, "S2": 1}


def test_feedbacklink_names_a_missing_id_field(provider_only, tmp_path):
    # (no QgsVectorLayer in this frame: the error's traceback keeps the frame until exit)
    x0, y0 = 500000, 5800000
    sinks = write(
        tmp_path / "sinks.gpkg",
        "Polygon",
        [(f"POLYGON(({x0} {y0},{x0 + 20} {y0},{x0 + 20} {y0 + 20},{x0} {y0}))", ["S1"])],
        fields=("sink_id",),
    )
    fb = write(
        tmp_path / "fb.gpkg",
        "Point",
        [(f"POINT({x0 + 5} {y0 + 5})", ["1", "active"])],
        fields=("contribution_id", "status"),
    )
    with pytest.raises(QgsProcessingException, match="no field 'senke'. Its fields: .*sink_id"):
        processing.run(
            "smartplan:feedbacklink",
            dict(
                FEEDBACK=fb,
                TARGETS=sinks,
                TARGET_ID_FIELD="senke",
                DISTANCE_M=25,
                OUTPUT=str(tmp_path / "o.gpkg"),
            ),
        )
    assert not os.path.exists(tmp_path / "o.gpkg")
