"""The citizen-feedback panel with pytest-qgis: import (background task) → filter → statistics →
detail card → link to analyses → export, and a rendered screenshot of the panel."""

import os
import time

import pytest
from osgeo import ogr
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, Qt

from tests.fake_dipas import FakeDipas


def count(lyr):
    return sum(1 for _ in lyr.getFeatures())


def wait_for(panel, timeout=60):
    t0 = time.time()
    while panel.task is not None and time.time() - t0 < timeout:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    QCoreApplication.processEvents()
    assert panel.task is None, "import did not finish"


@pytest.fixture()
def panel(qgis_iface, provider_only, tmp_path):
    from smartplan.gui.feedback_panel import FeedbackPanel

    QgsProject.instance().clear()
    p = FeedbackPanel(qgis_iface)
    p.resize(460, 900)
    yield p
    p.close()
    p.deleteLater()
    QgsProject.instance().clear()


def test_import_filter_stats_detail_export(panel, root, tmp_path):
    sample = os.path.join(root, "demo", "data", "feedback_sample.geojson")
    panel.source.setText(sample)
    panel.output.setText(str(tmp_path / "demo.gpkg"))
    panel.start_import()
    assert panel.task is not None  # runs off the UI thread
    wait_for(panel)
    assert "80 active contributions, 3 without location" in panel.import_info.text()
    assert set(panel.layers) == {"point", "line", "area"}
    total_on_map = sum(count(lyr) for lyr in panel.layers.values())
    assert total_on_map == 77 and panel.model.rowCount() == 80  # the table also lists unlocated ones
    # filter by category: the table and the map follow
    for i in range(panel.cat_list.count()):
        it = panel.cat_list.item(i)
        it.setCheckState(
            Qt.CheckState.Checked
            if it.data(Qt.ItemDataRole.UserRole) == "Wasser"
            else Qt.CheckState.Unchecked
        )
    n_wasser = sum(1 for r in panel.records if r["category"] == "Wasser")
    assert panel.model.rowCount() == n_wasser
    on_map = sum(count(lyr) for lyr in panel.layers.values())
    assert on_map == sum(1 for r in panel.records if r["category"] == "Wasser" and r["located"])
    panel.search.setText("keller")
    assert 0 < panel.model.rowCount() < n_wasser
    assert all("keller" in ((r["text"] or "") + (r["title"] or "")).lower() for r in panel.model.rows)
    panel.search.setText("")
    panel.min_votes.setValue(15)
    assert all((r["rating"] or 0) >= 15 for r in panel.model.rows)
    panel.min_votes.setValue(panel.min_votes.minimum())
    # statistics follow the filter
    assert panel.stats["total"] == n_wasser
    assert [c for c, _, _ in panel.stats["per_category"]] == ["Wasser"]
    panel.tabs.setCurrentIndex(2)
    assert not panel.chart_labels_w["per_category"].pixmap().isNull()
    # detail card: plain text only, entity decoded, the map selection follows
    row = next(i for i, r in enumerate(panel.model.rows) if "Gully" in (r["text"] or ""))
    panel.table.selectRow(row)
    panel.show_detail(row)
    assert panel.d_text.toPlainText() == "Gully ist oft verstopft & läuft über."
    assert panel.d_title.textFormat() == Qt.TextFormat.PlainText
    uid = panel.model.rows[row]["uid"]
    sel = [f["uid"] for lyr in panel.layers.values() for f in lyr.selectedFeatures()]
    assert sel == [uid] or not panel.model.rows[row]["located"]
    # exports of the filtered set: public view without personal fields, redacted text
    gpkg = panel.export_filtered(str(tmp_path / "wasser.gpkg"))
    ds = ogr.Open(gpkg)  # keep the data source referenced while its layer is used
    defn = ds.GetLayer(0).GetLayerDefn()
    fields = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    ds = None
    assert "author" not in fields and "email" not in fields and "text_raw" not in fields
    csv = panel.export_filtered(str(tmp_path / "wasser.csv"), ".csv")
    assert open(csv, encoding="utf-8-sig").read().count("\n") == n_wasser + 1
    for i in range(panel.cat_list.count()):
        panel.cat_list.item(i).setCheckState(Qt.CheckState.Checked)
    gj = panel.export_filtered(str(tmp_path / "alle.geojson"), ".geojson")
    assert "anwohner@example.org" not in open(gj, encoding="utf-8").read()
    png = panel.export_charts(str(tmp_path / "charts.png"))
    assert os.path.getsize(png) > 20000
    pdf = panel.export_summary(str(tmp_path / "summary.pdf"))
    assert open(pdf, "rb").read(4) == b"%PDF"
    if os.environ.get("SMARTPLAN_UPDATE_DOCS") == "1":
        panel.export_summary(os.path.join(root, "docs", "feedback-summary.png"))


def test_link_to_analyses(panel, tmp_path):
    from tests.qgis.test_feedback_algorithms import write

    x0, y0 = 566253.46, 5933921.42  # UTM 32 of (10.0, 53.55)
    sinks = write(
        tmp_path / "sinks.gpkg",
        "Polygon",
        [
            (
                f"POLYGON(({x0 - 10} {y0 - 10},{x0 + 10} {y0 - 10},{x0 + 10} {y0 + 10},{x0 - 10} {y0 + 10},"
                f"{x0 - 10} {y0 - 10}))",
                ["7"],
            )
        ],
        fields=("sink_id",),
    )
    src = tmp_path / "fb.geojson"
    src.write_text(
        '{"type":"FeatureCollection","features":['
        + ",".join(
            '{"type":"Feature","geometry":{"type":"Point","coordinates":[%f,53.55]},"properties":'
            '{"id":"%d","title":"t","contributionContent":"x","category":"Wasser"}}' % (10.0 + d, i)
            for i, d in enumerate((0.0, 0.0002, 0.01))
        )
        + "]}",
        encoding="utf-8",
    )
    panel.source.setText(str(src))
    panel.output.setText(str(tmp_path / "f.gpkg"))
    panel.start_import()
    wait_for(panel)
    lyr = QgsVectorLayer(sinks, "Senken")
    QgsProject.instance().addMapLayer(lyr)
    panel.target_combo.setLayer(lyr)
    out = panel.run_link()
    f = next(out.getFeatures())
    assert f["feedback_count"] == 2  # 0 m and 13 m away; the third is 660 m away
    assert panel.link_table.rowCount() == 1 and panel.link_table.item(0, 1).text() == "2"


def test_errors_reach_the_user_and_keep_data(panel, tmp_path):
    with FakeDipas() as server:
        panel.source.setText(server.url)
        panel.load_projects()
        wait_for(panel)
        assert panel.projects.count() == 3
        panel.projects.setCurrentRow(0)
        panel.output.setText(str(tmp_path / "p1.gpkg"))
        panel.start_import()
        wait_for(panel)
        before = open(tmp_path / "p1.gpkg", "rb").read()
        server.state.maintenance = True
        panel.start_import()
        wait_for(panel)
        assert "Nothing was changed" in panel.status.text()
        assert open(tmp_path / "p1.gpkg", "rb").read() == before
    panel.source.setText("http://127.0.0.1:9/drupal")
    panel.projects.clear()
    panel.start_import()
    wait_for(panel)
    assert "cannot be reached" in panel.status.text()


def test_panel_screenshot(panel, root, tmp_path):
    """Render the panel after an import (with the charts tab) to PNG and check it is not blank."""
    sample = os.path.join(root, "demo", "data", "feedback_sample.geojson")
    panel.source.setText(sample)
    panel.output.setText(str(tmp_path / "demo.gpkg"))
    panel.start_import()
    wait_for(panel)
    panel.table.selectRow(3)
    panel.show_detail(3)
    shots = {}
    for idx, name in ((1, "feedback-panel-list.png"), (2, "feedback-panel-stats.png")):
        panel.tabs.setCurrentIndex(idx)
        QCoreApplication.processEvents()
        img = panel.grab().toImage()
        colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
        assert len(colours) > 20, name
        path = str(tmp_path / name)
        img.save(path)
        shots[name] = path
        if os.environ.get("SMARTPLAN_UPDATE_DOCS") == "1":
            img.save(os.path.join(root, "docs", name))
    assert all(os.path.getsize(p) > 10000 for p in shots.values())


def test_panel_in_german(german, qgis_iface, provider_only, root, tmp_path):
    """The panel speaks German (the users' language)."""
    from smartplan.gui.feedback_panel import FeedbackPanel

    QgsProject.instance().clear()
    panel = FeedbackPanel(qgis_iface)
    try:
        panel.resize(460, 900)
        assert [panel.tabs.tabText(i) for i in range(panel.tabs.count())] == [
            "Import",
            "Beiträge",
            "Statistik",
            "Analysen",
            "Export",
        ]
        panel.source.setText(os.path.join(root, "demo", "data", "feedback_sample.geojson"))
        panel.output.setText(str(tmp_path / "demo.gpkg"))
        panel.start_import()
        wait_for(panel)
        assert "80 aktive Beiträge, 3 ohne Ort" in panel.import_info.text()
        panel.tabs.setCurrentIndex(1)
        panel.table.selectRow(3)
        panel.show_detail(3)
        QCoreApplication.processEvents()
        if os.environ.get("SMARTPLAN_UPDATE_DOCS") == "1":
            panel.grab().toImage().save(os.path.join(root, "docs", "feedback-panel-de.png"))
    finally:
        panel.close()
        panel.deleteLater()
        QgsProject.instance().clear()


def test_panel_follows_layer_removal_and_project_revert(panel, root, tmp_path):
    """#21: after Project → Revert a row click raised 'wrapped C/C++ object of type
    QgsVectorLayer has been deleted'; the panel now lets removed layers go and finds the
    store's layers again in the reloaded project."""
    sample = os.path.join(root, "demo", "data", "feedback_sample.geojson")
    panel.source.setText(sample)
    panel.output.setText(str(tmp_path / "demo.gpkg"))
    panel.start_import()
    wait_for(panel)
    assert set(panel.layers) == {"point", "line", "area"}
    prj = QgsProject.instance()
    assert prj.write(str(tmp_path / "p.qgz"))
    # Project → Revert: the project is cleared and read again
    assert prj.read(str(tmp_path / "p.qgz"))
    QCoreApplication.processEvents()
    assert set(panel.layers) == {"point", "line", "area"}
    assert all(lyr.id() in prj.mapLayers() for lyr in panel.layers.values())
    panel.show_detail(0)  # a row click: no deleted layer touched
    panel.apply_filter()
    assert all(lyr.subsetString() == panel.layers["point"].subsetString() for lyr in panel.layers.values())
    # the user removes the point layer: the panel keeps working with the others
    prj.removeMapLayer(panel.layers["point"].id())
    QCoreApplication.processEvents()
    assert set(panel.layers) == {"line", "area"}
    for row in range(min(5, panel.model.rowCount())):
        panel.show_detail(row)
    panel.apply_filter()


def test_date_pickers_open_at_the_participation_dates_and_dialogs_in_the_project(panel, root, tmp_path):
    """#21: the date picker opened at January 2000; file dialogs ignored the project folder."""
    from qgis.PyQt.QtCore import QDate

    sample = os.path.join(root, "demo", "data", "feedback_sample.geojson")
    panel.source.setText(sample)
    panel.output.setText(str(tmp_path / "demo.gpkg"))
    panel.start_import()
    wait_for(panel)
    days = sorted(r["created"][:10] for r in panel.records if r.get("created"))
    first, last = QDate.fromString(days[0], "yyyy-MM-dd"), QDate.fromString(days[-1], "yyyy-MM-dd")
    assert panel.date_from.minimumDate() == first.addDays(-1)  # "—" is the day before the first
    assert panel.date_from.text() == "—" and panel.date_to.text() == "—"  # no date filter yet
    cal_from, cal_to = panel.date_from.calendarWidget(), panel.date_to.calendarWidget()
    assert (cal_from.yearShown(), cal_from.monthShown()) == (first.year(), first.month())
    assert (cal_to.yearShown(), cal_to.monthShown()) == (last.year(), last.month())
    assert panel.model.rowCount() == 80  # the range did not filter anything
    QgsProject.instance().write(str(tmp_path / "werkstatt.qgz"))
    assert panel.start_dir("x.pdf") == os.path.join(str(tmp_path), "x.pdf")


def test_contributions_list_shows_several_rows(panel, root, tmp_path):
    """#21: the contributions table showed one and a half rows beside the filter."""
    sample = os.path.join(root, "demo", "data", "feedback_sample.geojson")
    panel.source.setText(sample)
    panel.output.setText(str(tmp_path / "demo.gpkg"))
    panel.start_import()
    wait_for(panel)
    panel.show()
    panel.tabs.setCurrentIndex(1)
    QCoreApplication.processEvents()
    table = panel.table
    rows = (table.viewport().height()) // table.verticalHeader().defaultSectionSize()
    assert rows >= 6
    # folding the filter gives the list more room
    from qgis.gui import QgsCollapsibleGroupBox

    box = panel.findChild(QgsCollapsibleGroupBox, "FilterBox")
    box.setCollapsed(True)
    QCoreApplication.processEvents()
    assert table.viewport().height() // table.verticalHeader().defaultSectionSize() > rows


def test_a_row_chosen_in_the_table_is_shown_on_the_map_and_charts_fit_the_panel(
    panel, qgis_iface, root, tmp_path
):
    """#21.5: choosing a contribution in the table selects it on the map with the layer's signals
    on (blocked signals kept the map from drawing the selection) and brings it into view;
    #21.6: the statistics charts are drawn as wide as the panel (they were cut off)."""
    from qgis.core import QgsRectangle

    panel.source.setText(os.path.join(root, "demo", "data", "feedback_sample.geojson"))
    panel.output.setText(str(tmp_path / "demo.gpkg"))
    panel.start_import()
    wait_for(panel)
    canvas = qgis_iface.mapCanvas()
    lyr = panel.layers["point"]
    canvas.setDestinationCrs(lyr.crs())
    canvas.setLayers(list(panel.layers.values()))
    canvas.setExtent(QgsRectangle(0, 0, 1, 1))  # somewhere else entirely
    selected = []
    lyr.selectionChanged.connect(lambda ids, *_: selected.append(list(ids)))
    row = next(i for i, r in enumerate(panel.model.rows) if fb_kind(r) == "point" and r["located"])
    panel.table.selectRow(row)
    panel.show_detail(row)
    (f,) = lyr.selectedFeatures()
    assert f["uid"] == panel.model.rows[row]["uid"] and selected and selected[-1] == [f.id()]
    assert canvas.extent().contains(f.geometry().boundingBox())
    panel.resize(330, 900)
    panel.show()
    panel.tabs.setCurrentIndex(2)
    for _ in range(30):
        QCoreApplication.processEvents()
        time.sleep(0.01)
    panel.draw_charts()
    view = panel.chart_area.viewport().width()
    for lab in panel.chart_labels_w.values():
        pm = lab.pixmap()
        assert 0 < pm.width() / pm.devicePixelRatio() <= view
    panel.resize(520, 900)
    for _ in range(40):  # drawn again once the resizing has stopped
        QCoreApplication.processEvents()
        time.sleep(0.01)
    wide = panel.chart_labels_w["per_category"].pixmap()
    assert wide.width() / wide.devicePixelRatio() > 330


def fb_kind(rec):
    from smartplan.core import feedback as fb

    return fb.geometry_kind(rec.get("geometry"))
