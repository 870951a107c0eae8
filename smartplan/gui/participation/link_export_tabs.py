"""The analyses tab (feedback linked to analysis layers, map) and the export tab."""

import os
import shutil

from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import feedback as fb
from ...core.feedback import FeedbackError
from ...io import feedback_report
from .common import plain_label


class LinkExportTabs:
    """Mixin of :class:`smartplan.gui.feedback_panel.FeedbackPanel`."""

    # ------------------------------------------------------------------ analyses tab
    def _link_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(
            plain_label(
                self.tr(
                    "Count the contributions near the objects of an analysis layer: sinks, "
                    "flow paths, flooded areas, green-roof candidates."
                ),
                w,
            )
        )
        form = QFormLayout()
        self.target_combo = QgsMapLayerComboBox(w)
        self.target_combo.setObjectName("TargetLayer")
        self.target_combo.setFilters(
            QgsMapLayerProxyModel.Filter.PolygonLayer | QgsMapLayerProxyModel.Filter.LineLayer
        )
        form.addRow(self.tr("Analysis layer"), self.target_combo)
        self.link_distance = QDoubleSpinBox(w)
        self.link_distance.setObjectName("LinkDistance")
        self.link_distance.setRange(0, 10000)
        self.link_distance.setValue(25)
        self.link_distance.setSuffix(" m")
        form.addRow(self.tr("Distance"), self.link_distance)
        lay.addLayout(form)
        b = QPushButton(self.tr("Count citizen feedback per object"), w)
        b.setObjectName("RunLink")
        b.clicked.connect(self.run_link)
        lay.addWidget(b)
        self.link_table = QTableWidget(0, 3, w)
        self.link_table.setObjectName("LinkTable")
        self.link_table.setHorizontalHeaderLabels(
            [self.tr("Object"), self.tr("Contributions"), self.tr("Top category")]
        )
        self.link_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.link_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        lay.addWidget(self.link_table, 1)
        return w

    def run_link(self, blocking=False):
        target = self.target_combo.currentLayer()
        src = next((lyr for k, lyr in self.layers.items() if k == "point"), None) or next(
            iter(self.layers.values()), None
        )
        if target is None or src is None:
            self.notify(
                self.tr("Import feedback and choose an analysis layer first."), Qgis.MessageLevel.Warning
            )
            return None
        from qgis import processing

        id_field = next(
            (f for f in ("sink_id", "seg_id", "building_id", "id") if f in target.fields().names()), ""
        )
        params = {
            "FEEDBACK": src,
            "TARGETS": target,
            "TARGET_ID_FIELD": id_field,
            "DISTANCE_M": self.link_distance.value(),
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
        res = processing.run("smartplan:feedbacklink", params)
        lyr = res["OUTPUT"]
        if isinstance(lyr, str):
            from qgis.core import QgsVectorLayer

            lyr = QgsVectorLayer(lyr, "link", "ogr")
        lyr.setName(self.tr("Citizen feedback per object – {n}").format(n=target.name()))
        QgsProject.instance().addMapLayer(lyr)
        rows = sorted(lyr.getFeatures(), key=lambda f: -(f["feedback_count"] or 0))
        rows = [f for f in rows if (f["feedback_count"] or 0) > 0]
        self.link_table.setRowCount(len(rows))
        for i, f in enumerate(rows):
            oid = f[id_field] if id_field else f.id()
            for j, v in enumerate((str(oid), str(f["feedback_count"]), str(f["top_category"] or ""))):
                self.link_table.setItem(i, j, QTableWidgetItem(v))
        self.notify(
            self.tr("{n} objects have citizen feedback within {d:g} m.").format(
                n=len(rows), d=self.link_distance.value()
            ),
            Qgis.MessageLevel.Success,
        )
        return lyr

    def render_map_png(self):
        """The filtered contributions over the project's first raster (e.g. a hillshade), in that
        raster's CRS or the UTM zone of the data."""
        layers = [lyr for lyr in self.layers.values() if next(iter(lyr.getFeatures()), None) is not None]
        if not layers:
            return None
        import tempfile

        from qgis.core import QgsRasterLayer

        from ...analysis.messages import MapTexts
        from ...io.crs_qgis import metric_crs
        from ...io.maplayout import export_map

        extent = QgsRectangle()
        extent.setMinimal()
        for lyr in layers:  # the extent of the filtered features (a layer's extent ignores its filter)
            for f in lyr.getFeatures():
                if f.hasGeometry():
                    extent.combineExtentWith(f.geometry().boundingBox())
        base = [lyr for lyr in QgsProject.instance().mapLayers().values() if isinstance(lyr, QgsRasterLayer)][
            :1
        ]
        ctx = QgsProject.instance().transformContext()
        crs = base[0].crs() if base else metric_crs(layers[0].crs(), extent, ctx)
        ext = QgsCoordinateTransform(layers[0].crs(), crs, QgsProject.instance()).transformBoundingBox(extent)
        ext = ext.buffered(max(ext.width(), ext.height()) * 0.06 + 20)
        folder = tempfile.mkdtemp(prefix="smartplan-")
        tmp = os.path.join(folder, "map.png")
        try:  # a print layout: the categories' legend, scale bar, north arrow, date and sources
            # the categories once (points, lines and areas share their colours); a page of the
            # axes' aspect (1.89), large enough that symbols keep their size in proportion
            export_map(
                layers + base,
                tmp,
                "",
                extent=ext,
                crs=crs,
                legend_layers=layers[:1],
                page_mm=(260.0, 137.5),
                side_w=60.0,
                dpi=150,
                sources=MapTexts().sources(layers + base),
            )
            with open(tmp, "rb") as fh:
                return fh.read()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    # ------------------------------------------------------------------ export tab
    def _export_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        self.public_only = QCheckBox(
            self.tr("Public view: only allow-listed fields (never author or e-mail)"), w
        )
        self.public_only.setObjectName("PublicOnly")
        self.public_only.setChecked(True)
        self.redact = QCheckBox(self.tr("Hide e-mail addresses and phone numbers in texts"), w)
        self.redact.setObjectName("Redact")
        self.redact.setChecked(True)
        lay.addWidget(self.public_only)
        lay.addWidget(self.redact)
        lay.addWidget(plain_label(self.tr("Exports contain the contributions of the current filter."), w))
        for label, ext, name in (
            (self.tr("Export to GeoPackage…"), ".gpkg", "ExportGpkg"),
            (self.tr("Export to CSV…"), ".csv", "ExportCsv"),
            (self.tr("Export to GeoJSON…"), ".geojson", "ExportGeojson"),
        ):
            b = QPushButton(label, w)
            b.setObjectName(name)
            b.clicked.connect(lambda _c=False, e=ext: self.export_filtered(ext=e))
            lay.addWidget(b)
        b = QPushButton(self.tr("One-page summary (PDF/PNG)…"), w)
        b.setObjectName("ExportSummary")
        b.clicked.connect(lambda: self.export_summary())
        lay.addWidget(b)
        lay.addStretch(1)
        return w

    def export_filtered(self, path=None, ext=".gpkg"):
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export"), self.start_dir("beteiligung" + ext), f"*{ext}"
            )
            if not path:
                return None
        try:
            feedback_report.export_records(
                path, self.filtered, self.public_only.isChecked(), self.redact.isChecked()
            )
        except (FeedbackError, OSError) as exc:
            self.notify(
                self.msgs.message(exc) if isinstance(exc, FeedbackError) else str(exc),
                Qgis.MessageLevel.Critical,
            )
            return None
        self.notify(
            self.tr("{n} contributions exported to {p}").format(n=len(self.filtered), p=path),
            Qgis.MessageLevel.Success,
        )
        return path

    def export_summary(self, path=None):
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Summary"),
                self.start_dir("beteiligung_zusammenfassung.pdf"),
                "PDF (*.pdf);;PNG (*.png)",
            )
            if not path:
                return None
        map_png = self.render_map_png()
        st = fb.statistics(self.filtered, styles=self.styles)
        flt = self.filter_params()
        used = ", ".join(
            f"{k}={sorted(v) if isinstance(v, set) else v}" for k, v in flt.items() if v not in (None, False)
        )
        ftxt = self.tr("Filter: {f}").format(f=used) if used else ""
        feedback_report.summary_page(
            st,
            self.chart_labels(),
            path,
            self.tr("Citizen feedback – summary"),
            os.path.basename(self.store_path or ""),
            map_png,
            ftxt,
        )
        self.notify(self.tr("Summary written to {p}").format(p=path), Qgis.MessageLevel.Success)
        return path
