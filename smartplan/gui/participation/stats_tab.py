"""The statistics tab: totals and charts as wide as the panel."""

from qgis.core import (
    Qgis,
)
from qgis.PyQt.QtCore import (
    QEvent,
    Qt,
    QTimer,
)
from qgis.PyQt.QtGui import QPixmap
from qgis.PyQt.QtWidgets import (
    QFileDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core import feedback as fb
from ...io import feedback_report
from .common import plain_label


class StatsTab:
    """Mixin of :class:`smartplan.gui.feedback_panel.FeedbackPanel`."""

    # ------------------------------------------------------------------ statistics tab
    def chart_labels(self):
        return {
            "per_category": self.tr("Contributions per category"),
            "per_rubric": self.tr("Per rubric"),
            "per_day": self.tr("Contributions per day"),
            "top_rating": self.tr("Top by rating"),
            "top_comments": self.tr("Top by comments"),
            "keywords": self.tr("Keywords"),
            "empty": self.tr("no data"),
            "totals": self.tr(
                "{total} contributions ({located} on the map), {comments} comments, "
                "{pro} votes for, {contra} against"
            ),
        }

    def _stats_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        self.stats_label = plain_label("", w)
        self.stats_label.setObjectName("StatsSummary")
        lay.addWidget(self.stats_label)
        area = QScrollArea(w)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_area = area
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(150)
        self._chart_timer.timeout.connect(self._redraw_charts_if_shown)
        area.viewport().installEventFilter(self)
        inner = QWidget()
        il = QVBoxLayout(inner)
        self.chart_labels_w = {}
        for name in feedback_report.CHARTS:
            lab = QLabel(inner)
            lab.setObjectName("chart_" + name)
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            il.addWidget(lab)
            self.chart_labels_w[name] = lab
        il.addStretch(1)
        area.setWidget(inner)
        lay.addWidget(area, 1)
        b = QPushButton(self.tr("Export charts as PNG…"), w)
        b.setObjectName("ExportCharts")
        b.clicked.connect(self.export_charts)
        lay.addWidget(b)
        return w

    def refresh_stats(self):
        st = fb.statistics(self.filtered, styles=self.styles)
        self.stats = st
        labels = self.chart_labels()
        self.stats_label.setText(
            labels["totals"].format(
                total=st["total"],
                located=st["located"],
                comments=st["comments"],
                pro=st["votes_pro"],
                contra=st["votes_contra"],
            )
        )
        if self.tabs.currentIndex() != 2 and self.isVisible():
            self._stats_dirty = True
            return
        self.draw_charts()

    def chart_width_px(self):
        """The width the charts get: the statistics tab's visible width (they were drawn 500 px
        wide and cut off in a narrower panel)."""
        if not self.chart_area.isVisible():  # not laid out yet (a panel drawn before it is shown)
            return max(240, self.width() - 60)
        return max(240, self.chart_area.viewport().width() - 12)

    def draw_charts(self):
        labels = self.chart_labels()
        dpr = max(1.0, float(self.devicePixelRatioF()))
        width = self.chart_width_px()
        w_in = width / 100.0
        for name, lab in self.chart_labels_w.items():
            png = feedback_report.chart_png(
                name, self.stats, labels, w=w_in, h=min(2.8, 0.62 * w_in + 0.6), dpi=100 * dpr
            )
            pm = QPixmap()
            pm.loadFromData(png, "PNG")
            pm.setDevicePixelRatio(dpr)
            lab.setPixmap(pm)
            self.charts[name] = png
        self._charts_width = width
        self._stats_dirty = False

    def eventFilter(self, obj, ev):  # noqa: N802
        # the charts follow the panel's width (drawn again once the resizing has stopped)
        if ev.type() == QEvent.Type.Resize and getattr(self, "stats", None):
            if abs(self.chart_width_px() - getattr(self, "_charts_width", 0)) > 16:
                self._chart_timer.start()
        return False

    def export_charts(self, path=None):
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Charts"), self.start_dir("beteiligung_statistik.png"), "PNG (*.png)"
            )
        if path:
            feedback_report.charts_sheet_png(
                fb.statistics(self.filtered, styles=self.styles), self.chart_labels(), path
            )
            self.notify(self.tr("Charts written to {p}").format(p=path), Qgis.MessageLevel.Success)
        return path

    def _redraw_charts_if_shown(self):
        if self.tabs.currentIndex() == 2 or not self.isVisible():
            self.draw_charts()
        else:
            self._stats_dirty = True

    def _tab_changed(self, index):
        if index == 2 and self._stats_dirty:
            self.draw_charts()
