"""Planning-table mode (Planungstisch): a touch-first, full-screen workshop view over the QGIS map.

Map first; one large high-contrast control bar; a side panel with planning goals, live figures,
variants and legend; info cards on tap; notes placed at the table go into the participation
GeoPackage. Variants of measures (green roofs, retention areas, unsealing) are drawn with a finger
and their figures come from the same core as the algorithms (core.measures on the rain cascade).
Leaving restores the user's QGIS layout exactly."""

import os
import tempfile

import numpy as np
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsMessageLog,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsSymbolLayerUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapToolPan, QgsRubberBand
from qgis.PyQt.QtCore import QEvent, QObject, QPointF, QSize, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QColor, QFont
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..analysis import workshop
from ..core import feedback as fb
from ..core import measures as M
from ..core.defaults import SCENARIOS
from ..i18n import Translatable, group_digits
from ..io import feedback_store, table_store
from ..io.crs_qgis import utm_hint
from ..io.footprints_qgis import read_footprints
from ..io.metadata import recorded
from ..io.raster import InputError, dem_grid
from .tasks import BackgroundTask
from .touch import TouchGestures

BAR_BG = "#101418"
ACCENT = "#ffb300"
THEMES = ("sinks", "flowpaths", "greenroofs", "feedback", "base")
TOOLS = ("info", "note", "green_roof", "retention", "unsealing")
RETENTION_DEPTHS = (0.3, 0.5, 1.0, 2.0)
# scenario buttons: the examples of smartplan:rainscenario (enter your KOSTRA-DWD value through the
# project variable smartplan_rain_mm)
SCENARIO_RAIN = tuple((k, v) for k, v in SCENARIOS if v is not None)
GOAL_STEPS = {"store_m3": 100.0, "affected_reduction": 1.0, "green_m2": 100.0}
UNSEALING_PSI = ((0.1, "green"), (0.3, "grass pavers"), (0.5, "open joints"))


def plain(text="", parent=None, size=None, bold=False, colour=None):
    lab = QLabel(parent)
    lab.setTextFormat(Qt.TextFormat.PlainText)  # citizens' text is never rich text
    lab.setWordWrap(True)
    lab.setText(text)
    if size:
        f = lab.font()
        f.setPixelSize(int(size))
        f.setBold(bold)
        lab.setFont(f)
    if colour:
        lab.setStyleSheet(f"color: {colour};")
    return lab


def clear_layout(box):
    """Remove and delete every widget of a layout (rebuilt rows of legend, chips, variants)."""
    while box.count():
        w = box.takeAt(0).widget()
        if w is not None:
            w.hide()
            w.deleteLater()


def layer_role(layer):
    """What an analysis layer is, by its fields (outputs of the SmartPlan algorithms)."""
    if isinstance(layer, QgsRasterLayer):
        return "raster"
    if not isinstance(layer, QgsVectorLayer):
        return None
    names = set(layer.fields().names())
    if {"sink_id", "volume_m3", "fill_rain_mm"} <= names:
        return "sinks"
    if {"fill_pct", "stored_m3"} <= names:
        return "flooded"
    if {"upstream_ha", "strahler"} <= names:
        return "flowpaths"
    if {"green_area_m2", "dominant_class"} <= names:
        return "roofs"
    if {"usable_m2", "class", "slope_deg"} <= names:
        return "faces"
    if {"uid", "category"} <= names:
        return "feedback"
    if layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry and any(
        k in layer.name().lower() for k in ("build", "gebäude", "gebaeude", "haus")
    ):
        return "buildings"
    return None


class TableTool(QgsMapToolPan):
    """Mouse works too: a drag pans, a click without drag is a tap. A tap never moves the map
    (QGIS' pan tool re-centres on a click; the table must record the point where it landed)."""

    DRAG_PX = 8

    def __init__(self, canvas, on_tap):
        super().__init__(canvas)
        self.on_tap = on_tap
        self.press = None
        self.dragging = False

    def canvasPressEvent(self, e):  # noqa: N802
        self.press = e.pos()
        self.dragging = False
        super().canvasPressEvent(e)

    def canvasMoveEvent(self, e):  # noqa: N802
        # the pan starts only once the pointer has moved further than a finger's wobble
        if self.press is not None and not self.dragging:
            if (e.pos() - self.press).manhattanLength() < self.DRAG_PX:
                return
            self.dragging = True
        super().canvasMoveEvent(e)

    def canvasReleaseEvent(self, e):  # noqa: N802
        if self.press is not None and not self.dragging:
            pos = QPointF(self.press)  # where the tap landed, on the transform it landed on
            self.press = None
            self.on_tap(pos)
            return
        self.press = None
        self.dragging = False
        super().canvasReleaseEvent(e)


def frame_in_free_area(extent, canvas_px, free_px, margin=0.05):
    """The canvas extent (xmin, ymin, xmax, ymax) that shows ``extent`` whole and centred in the
    free part of the canvas (``free_px`` = x, y, width, height in pixels from the top left, the
    part not covered by the side panel and the bar). ``canvas_px`` = (width, height)."""
    x0, y0, x1, y1 = extent
    w, h = canvas_px
    fx, fy, fw, fh = free_px
    ew, eh = (x1 - x0) * (1 + 2 * margin), (y1 - y0) * (1 + 2 * margin)
    mupp = max(ew / max(fw, 1), eh / max(fh, 1), 1e-9)
    ecx, ecy = (x0 + x1) / 2, (y0 + y1) / 2
    cx = ecx - (fx + fw / 2 - w / 2) * mupp
    cy = ecy + (fy + fh / 2 - h / 2) * mupp
    return cx - w / 2 * mupp, cy - h / 2 * mupp, cx + w / 2 * mupp, cy + h / 2 * mupp


class TableMode(Translatable, QObject):
    figuresChanged = pyqtSignal(dict)  # noqa: N815
    entered = pyqtSignal()
    left = pyqtSignal()

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.active = False
        self.saved = None
        self.widgets = []
        self.live = None
        self.live_error = None
        self.building_ids = None
        self.grid = None
        self.variants = {"A": [], "B": []}
        self.current = "A"
        self.goals = [("store_m3", 500.0), ("affected_reduction", 3.0), ("green_m2", 1000.0)]
        self.figures = {}
        self.baseline = None
        self.draft = []
        self.tool_mode = "info"
        self.task = None
        self.pending = False
        self.workshop_path = None
        self.feedback_path = None
        self.depth_layer = None
        self.measures_layer = None
        self.scale = 1.0
        self.card = None
        self.rubber = None
        self._loaded = None
        self.theme_layers = {}
        self.roles = {}

    # ================================================================ enter / leave
    def enter(self, workshop_path=None, frame=False):
        """Enter the table mode. ``frame``: show the whole analysis area (kiosk start); otherwise
        the user's view stays unless it shows nothing of the analysis area."""
        if self.active:
            return
        mw = self.iface.mainWindow()
        canvas = self.iface.mapCanvas()
        self.saved = {
            "state": mw.saveState(),
            "geometry": mw.saveGeometry(),
            "window_state": mw.windowState(),
            # isHidden(): the widget's own flag (isVisible() also depends on the window being shown)
            "menubar": mw.menuBar().isHidden() if mw.menuBar() else None,
            "statusbar": mw.statusBar().isHidden() if mw.statusBar() else None,
            "hidden": [
                w for cls in (QToolBar, QDockWidget) for w in mw.findChildren(cls) if not w.isHidden()
            ],
            "map_tool": canvas.mapTool(),
            "visibility": {
                t.layerId(): t.isVisible() for t in QgsProject.instance().layerTreeRoot().findLayers()
            },
        }
        for w in self.saved["hidden"]:
            w.hide()
        if mw.menuBar():
            mw.menuBar().hide()
        if mw.statusBar():
            mw.statusBar().hide()
        mw.showFullScreen()
        self.active = True
        proj = QgsProject.instance()
        home = proj.homePath() or os.path.join(os.path.expanduser("~"), "SmartPlan")
        self.workshop_path = workshop_path or os.path.join(home, "planungstisch.gpkg")
        var = QgsExpressionContextUtils.projectScope(proj).variable("smartplan_feedback_gpkg")
        self.feedback_path = var or os.path.join(
            os.path.dirname(os.path.abspath(self.workshop_path)), "beteiligung_planungstisch.gpkg"
        )
        if os.path.exists(self.workshop_path):
            self.load_workshop()
        self.find_layers()
        self.build_ui()
        self.tool = TableTool(canvas, self.tap)
        canvas.setMapTool(self.tool)
        self.gestures = TouchGestures(self, slop_px=12 * self.scale)
        canvas.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        canvas.viewport().installEventFilter(self.gestures)
        canvas.viewport().grabGesture(Qt.GestureType.PinchGesture)
        canvas.installEventFilter(self)
        self.gestures.panned.connect(self.pan_by)
        self.gestures.pinched.connect(self.pinch)
        self.gestures.twoFingerTapped.connect(lambda _p: self.zoom_out())
        self.gestures.tapped.connect(self.tap)
        self.gestures.longPressed.connect(lambda p: self.show_info(p))
        self.layout_widgets()
        ext = self.analysis_extent()
        if ext is not None and (frame or not canvas.extent().intersects(ext)):
            self.show_whole_area()
        self.start_live_model()
        self.entered.emit()

    def leave(self):
        if not self.active:
            return
        canvas = self.iface.mapCanvas()
        canvas.viewport().removeEventFilter(self.gestures)
        canvas.viewport().ungrabGesture(Qt.GestureType.PinchGesture)
        canvas.removeEventFilter(self)
        self.drop_widgets()
        if self.rubber is not None:
            canvas.scene().removeItem(self.rubber)
            self.rubber = None
        proj = QgsProject.instance()
        for lyr in (self.depth_layer, self.measures_layer):
            if lyr is not None and proj.mapLayer(lyr.id()) is not None:
                proj.removeMapLayer(lyr.id())
        self.depth_layer = self.measures_layer = None
        for t in proj.layerTreeRoot().findLayers():
            if t.layerId() in self.saved["visibility"]:
                t.setItemVisibilityChecked(self.saved["visibility"][t.layerId()])
        mw = self.iface.mainWindow()
        if self.saved["map_tool"] is not None:
            canvas.setMapTool(self.saved["map_tool"])
        else:
            canvas.unsetMapTool(self.tool)
        mw.setWindowState(self.saved["window_state"])
        if not (self.saved["window_state"] & Qt.WindowState.WindowFullScreen):
            mw.showNormal() if not (
                self.saved["window_state"] & Qt.WindowState.WindowMaximized
            ) else mw.showMaximized()
        mw.restoreGeometry(self.saved["geometry"])
        mw.restoreState(self.saved["state"])
        for w in self.saved["hidden"]:
            w.show()
        if mw.menuBar() and self.saved["menubar"] is not None:
            mw.menuBar().setHidden(self.saved["menubar"])
        if mw.statusBar() and self.saved["statusbar"] is not None:
            mw.statusBar().setHidden(self.saved["statusbar"])
        self.active = False
        self.left.emit()

    def eventFilter(self, obj, ev):  # noqa: N802
        # never let an exception escape an event filter (PyQt aborts): lay out on the next loop turn
        if ev.type() == QEvent.Type.Resize and self.active:
            QTimer.singleShot(0, self._safe_layout)
        return False

    def _safe_layout(self):
        try:
            if self.active and self.widgets:
                self.layout_widgets()
        except RuntimeError as exc:  # a widget deleted meanwhile
            QgsMessageLog.logMessage(str(exc), "SmartPlan", Qgis.MessageLevel.Warning)

    # ================================================================ layers and live model
    def find_layers(self):
        roles = {}
        for lyr in QgsProject.instance().mapLayers().values():
            r = layer_role(lyr)
            if r:
                roles.setdefault(r, []).append(lyr)
        self.roles = roles
        self.theme_layers = {
            "sinks": roles.get("flooded", []) + roles.get("sinks", []),
            "flowpaths": roles.get("flowpaths", []),
            "greenroofs": roles.get("roofs", []) + roles.get("faces", []),
            "feedback": roles.get("feedback", []),
            "base": [lyr for lyr in roles.get("raster", []) if not self._is_dem(lyr)]
            or roles.get("raster", []),
        }

    @staticmethod
    def _is_dem(lyr):
        n = (lyr.name() + " " + os.path.basename(lyr.source())).lower()
        return any(k in n for k in ("dem", "dgm", "dtm")) and not any(
            k in n for k in ("filled", "depth", "tiefe")
        )

    def dem_layer(self):
        proj = QgsProject.instance()
        var = QgsExpressionContextUtils.projectScope(proj).variable("smartplan_dem")
        if var:
            lyr = proj.mapLayer(var)
            if lyr is None and os.path.exists(str(var)):
                return QgsRasterLayer(str(var), "DEM")
            if lyr is not None:
                return lyr
        return next((lyr for lyr in self.roles.get("raster", []) if self._is_dem(lyr)), None)

    def rain_mm(self):
        if getattr(self, "rain_override", None) is not None:
            return self.rain_override
        v = QgsExpressionContextUtils.projectScope(QgsProject.instance()).variable("smartplan_rain_mm")
        try:
            return float(v) if v not in (None, "") else 90.0
        except (TypeError, ValueError):
            return 90.0

    def start_live_model(self, sync=False):
        dem = self.dem_layer()
        if dem is None:
            self.live_error = "no_dem"
            self.update_panel()
            return
        bl = (self.roles.get("roofs") or self.roles.get("buildings") or [None])[0]
        path, rain = dem.source(), self.rain_mm()
        # the terrain and runoff rule of the run whose layers are shown (recorded in its outputs)
        records = []
        for role in ("sinks", "flooded", "raster"):
            for lyr in self.roles.get(role, []):
                rec = recorded(lyr.source())
                records.append((lyr.source(), rec["algorithm"], rec["parameters"]))
        inputs = workshop.settings_from_records(records)
        self.live_inputs = inputs
        footprints = []
        if bl is not None:
            try:
                grid = dem_grid(path)
            except InputError:
                grid = None  # read_dem in the task says what is wrong with the DEM
            if grid is not None:
                # the green-roof figures of smartplan:greenroofs' ROOFS travel with the footprints
                footprints, _assumed = read_footprints(
                    bl,
                    dem.crs(),
                    grid,
                    QgsProject.instance().transformContext(),
                    inputs.terrain.height_field,
                    fields=("green_area_m2", "retention_m3_a"),
                )

        def roof_figures(fp):
            a = fp.attrs or {}
            if "green_area_m2" not in a:
                return {}
            return {"usable": a["green_area_m2"], "retention": a.get("retention_m3_a")}

        self.building_info = [(fp.wkb, fp.fid, roof_figures(fp)) for fp in footprints]

        def build():
            return workshop.live_model(path, footprints, inputs, rain)

        def done(result):
            self.live, self.building_ids, self.grid = result
            self.baseline = self.live.baseline
            self.live_error = None
            if self._loaded:
                self.restore_loaded_measures()
                if self.widgets:
                    self.refresh_variant_buttons()
                self.refresh_measures_layer()
            self.recalc(sync=sync)

        self._run(self.tr("Preparing the live figures"), build, done, sync)

    def _run(self, description, fn, on_done, sync=False):
        if sync:
            on_done(fn())
            return
        task = BackgroundTask(description, fn)
        self.task = task

        def finished(ok, task=task):
            self.task = None
            if ok:
                on_done(task.result)
            else:
                self.live_error = self.error_text(task.error)
                self.update_panel()
            if self.pending:
                self.pending = False
                self.recalc()

        task.taskCompleted.connect(lambda: finished(True))
        task.taskTerminated.connect(lambda: finished(False))
        QgsApplication.taskManager().addTask(task)

    def error_text(self, exc):
        """Plain words for what can go wrong while preparing the live figures."""
        if isinstance(exc, InputError):
            if exc.code == "too_big":
                return group_digits(
                    self.tr(
                        "The DGM is too large for live figures here ({cells:,} cells): clip it to the "
                        "workshop area (e.g. one district, about 4 million cells) and start again."
                    ).format(cells=int(exc.info.get("cells", 0)))
                )
            if exc.code in ("geographic", "no_crs", "not_metres"):
                return self.tr("The DGM needs a projected CRS in metres (e.g. EPSG:25832).")
            if exc.code == "all_nodata":
                return self.tr("The DGM contains only NoData cells.")
        return str(exc)

    def measures(self, variant=None):
        return [m["measure"] for m in self.variants.get(variant or self.current, [])]

    def recalc(self, sync=False):
        """Figures of the current variant, off the UI thread (a newer change waits and reruns)."""
        if self.live is None:
            self.update_panel()
            return
        if self.task is not None and not sync:
            self.pending = True
            return
        live, measures = self.live, self.measures()
        want_depth = self.theme_on("sinks")

        def calc():
            return live.run(measures, with_depth=want_depth)

        def done(result):
            fig, res = result
            self.figures[self.current] = fig
            self.last_result = res
            if want_depth and res.water_depth is not None:
                self.show_depth(res.water_depth)
            self.update_panel()
            self.figuresChanged.emit(fig)

        self._run(self.tr("Updating the figures"), calc, done, sync)

    def show_depth(self, wd):
        from .. import paths
        from ..io.raster import write_geotiff

        path = os.path.join(tempfile.gettempdir(), f"smartplan_live_depth_{id(self)}.tif")
        write_geotiff(path, wd, self.grid, style_qml=paths.style("water_depth"))
        if self.depth_layer is None or QgsProject.instance().mapLayer(self.depth_layer.id()) is None:
            self.depth_layer = QgsRasterLayer(path, self.tr("Water depth (live)"))
            self.depth_layer.loadNamedStyle(paths.style("water_depth"))
            self._add_to_project(self.depth_layer)
            self._show_on_canvas(self.depth_layer)
        else:
            self.depth_layer.dataProvider().reloadData()
            self.depth_layer.triggerRepaint()
        self.iface.mapCanvas().refresh()

    # ================================================================ UI
    def ui_scale(self):
        c = self.iface.mapCanvas()
        dpi = max(1.0, c.logicalDpiX() / 96.0)
        return max(1.0, min(c.width() / 1920.0, c.height() / 1080.0)) * dpi

    def px(self, v):
        return int(round(v * self.scale))

    def button(self, text, parent, checkable=False, name=None, big=False):
        b = QPushButton(text, parent)
        b.setCheckable(checkable)
        b.setMinimumHeight(self.px(56 if big else 48))
        b.setMinimumWidth(self.px(48))
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)  # touch → synthesized click
        if name:
            b.setObjectName(name)
        return b

    def stylesheet(self):
        s = self.px
        return (
            f"QFrame#TableBar {{ background: {BAR_BG}; border-top: {s(3)}px solid {ACCENT}; }}"
            f"QFrame#TableBar QPushButton {{ background: #263238; color: white;"
            f" border: {s(2)}px solid #546e7a; border-radius: {s(8)}px; padding: 0 {s(10)}px;"
            f" font-size: {s(19)}px; font-weight: bold; }}"
            f"QFrame#TableBar QPushButton:checked {{ background: {ACCENT}; color: black;"
            f" border-color: white; }}"
            f"QFrame#TableBar QPushButton:disabled {{ color: #78909c; border-color: #37474f; }}"
            f"QFrame#TablePanel, QFrame#TableCard {{ background: rgba(255,255,255,245);"
            f" border: {s(2)}px solid #263238; border-radius: {s(12)}px; }}"
            f"QFrame#TablePanel QPushButton, QFrame#TableCard QPushButton {{ background: #eceff1;"
            f" color: black; border: {s(2)}px solid #37474f; border-radius: {s(8)}px; padding: 0 {s(12)}px;"
            f" font-size: {s(18)}px; }}"
            f"QFrame#TablePanel QPushButton:checked, QFrame#TableCard QPushButton:checked {{ background:"
            f" {ACCENT}; }}"
            f"QProgressBar {{ border: {s(2)}px solid #37474f; border-radius: {s(6)}px; background: #eceff1;"
            f" height: {s(26)}px; text-align: center; font-size: {s(16)}px; color: black; }}"
            f"QProgressBar::chunk {{ background: #2e7d32; border-radius: {s(4)}px; }}"
        )

    def build_ui(self):
        canvas = self.iface.mapCanvas()
        self.scale = self.ui_scale()
        self.rubber = None
        # -------- control bar
        bar = QFrame(canvas)
        bar.setObjectName("TableBar")
        bar.setStyleSheet(self.stylesheet())  # before the children exist, so they get it scaled
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(self.px(12), self.px(10), self.px(12), self.px(10))
        lay.setSpacing(self.px(8))
        labels = {
            "sinks": self.tr("Sinks"),
            "flowpaths": self.tr("Flow paths"),
            "greenroofs": self.tr("Green roofs"),
            "feedback": self.tr("Feedback"),
            "base": self.tr("Base map"),
        }
        self.theme_buttons = {}
        for key in THEMES:
            b = self.button(labels[key], bar, True, "theme_" + key)
            b.setEnabled(
                bool(self.theme_layers.get(key)) or (key == "sinks" and self.dem_layer() is not None)
            )
            b.setChecked(b.isEnabled() and key in ("sinks", "base", "feedback", "greenroofs"))
            b.toggled.connect(lambda on, k=key: self.set_theme(k, on))
            lay.addWidget(b)
            self.theme_buttons[key] = b
        lay.addSpacing(self.px(16))
        tlabels = {
            "info": self.tr("Info"),
            "note": self.tr("Note"),
            "green_roof": self.tr("Green roof"),
            "retention": self.tr("Retention"),
            "unsealing": self.tr("Unseal"),
        }
        self.tool_group = QButtonGroup(bar)
        self.tool_group.setExclusive(True)
        self.tool_buttons = {}
        for key in TOOLS:
            b = self.button(tlabels[key], bar, True, "tool_" + key)
            b.clicked.connect(lambda _c=False, k=key: self.set_tool(k))
            self.tool_group.addButton(b)
            lay.addWidget(b)
            self.tool_buttons[key] = b
        self.tool_buttons["info"].setChecked(True)
        self.done_btn = self.button(self.tr("Done ✓"), bar, name="tool_done")
        # not connected directly: clicked(bool) would pass False as the storage depth
        self.done_btn.clicked.connect(lambda _c=False: self.finish_polygon())
        self.undo_btn = self.button(self.tr("Undo"), bar, name="tool_undo")
        self.undo_btn.clicked.connect(self.undo)
        lay.addWidget(self.done_btn)
        lay.addWidget(self.undo_btn)
        lay.addStretch(1)
        self.export_btn = self.button(self.tr("Export"), bar, name="table_export")
        self.export_btn.clicked.connect(lambda: self.export_workshop())
        self.exit_btn = self.button(self.tr("Exit"), bar, name="table_exit")
        self.exit_btn.clicked.connect(self.leave)
        lay.addWidget(self.export_btn)
        lay.addWidget(self.exit_btn)
        self.bar = bar
        # -------- side panel
        panel = QFrame(canvas)
        panel.setObjectName("TablePanel")
        panel.setStyleSheet(self.stylesheet())
        pl = QVBoxLayout(panel)
        pl.setContentsMargins(self.px(16), self.px(14), self.px(16), self.px(14))
        pl.setSpacing(self.px(8))
        pl.addWidget(plain(self.tr("Planning table"), panel, self.px(30), True, "#101418"))
        self.message = plain("", panel, self.px(18), False, "#b71c1c")
        pl.addWidget(self.message)
        pl.addWidget(plain(self.tr("Goals"), panel, self.px(22), True))
        self.goal_bars = []
        for i in range(3):
            lab = plain("", panel, self.px(17))
            bar_ = QProgressBar(panel)
            bar_.setObjectName(f"goal_{i}")
            bar_.setRange(0, 100)
            bar_.setMinimumHeight(self.px(30))
            row = QHBoxLayout()
            minus = self.button("−", panel, name=f"goal_{i}_minus")
            plus = self.button("+", panel, name=f"goal_{i}_plus")
            minus.clicked.connect(lambda _c=False, i=i: self.adjust_goal(i, -1))
            plus.clicked.connect(lambda _c=False, i=i: self.adjust_goal(i, +1))
            row.addWidget(minus)
            row.addWidget(bar_, 1)
            row.addWidget(plus)
            pl.addWidget(lab)
            pl.addLayout(row)
            self.goal_bars.append((lab, bar_))
        srow = QHBoxLayout()
        self.scenario_buttons = {}
        sgroup = QButtonGroup(panel)
        for key, mm in SCENARIO_RAIN:
            b = self.button(f"{self.scenario_label(key)}\n{mm:g} mm", panel, True, "scenario_" + key)
            b.setMinimumHeight(self.px(64))
            b.setChecked(abs(mm - self.rain_mm()) < 1e-9)
            b.clicked.connect(lambda _c=False, mm=mm: self.set_rain(mm))
            sgroup.addButton(b)
            srow.addWidget(b)
            self.scenario_buttons[key] = b
        self.fig_heading = plain(
            self.tr("Figures (heavy rain {r:g} mm)").format(r=self.rain_mm()), panel, self.px(22), True
        )
        pl.addWidget(self.fig_heading)
        pl.addLayout(srow)
        grid = QGridLayout()
        grid.setHorizontalSpacing(self.px(12))
        self.fig_labels = {}
        for i, (key, label) in enumerate(
            (
                ("kept_by_measures_m3", self.tr("kept by measures m³")),
                ("stored_m3", self.tr("water in sinks m³")),
                ("left_map_m3", self.tr("runoff leaving the area m³")),
                ("affected_buildings", self.tr("affected buildings")),
                ("green_area_m2", self.tr("green roofs m²")),
                ("green_retention_m3_a", self.tr("retention per year m³")),
            )
        ):
            v = plain("–", panel, self.px(30), True, "#0d47a1")
            v.setObjectName("fig_" + key)
            grid.addWidget(v, i, 0)
            grid.addWidget(plain(label, panel, self.px(16)), i, 1)
            self.fig_labels[key] = v
        pl.addLayout(grid)
        vrow = QHBoxLayout()
        self.variant_row = vrow
        pl.addWidget(plain(self.tr("Variants"), panel, self.px(22), True))
        pl.addLayout(vrow)
        crow = QHBoxLayout()
        b = self.button(self.tr("+ Variant"), panel, name="variant_new")
        b.clicked.connect(lambda: self.new_variant())
        crow.addWidget(b)
        b = self.button(self.tr("Compare"), panel, name="variant_compare")
        b.clicked.connect(lambda: self.show_compare())
        crow.addWidget(b)
        pl.addLayout(crow)
        pl.addWidget(plain(self.tr("Legend"), panel, self.px(22), True))
        self.legend_box = QVBoxLayout()
        pl.addLayout(self.legend_box)
        self.chips_row = QHBoxLayout()
        pl.addLayout(self.chips_row)
        self.refresh_feedback_btn = self.button(
            self.tr("Update citizen feedback"), panel, name="feedback_refresh"
        )
        self.refresh_feedback_btn.setEnabled(bool(self.theme_layers.get("feedback")))
        self.refresh_feedback_btn.clicked.connect(lambda: self.refresh_feedback())
        pl.addWidget(self.refresh_feedback_btn)
        pl.addStretch(1)
        scroll = QScrollArea(canvas)
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        self.panel, self.panel_scroll = panel, scroll
        # map navigation floats on the map (bottom left of the free area), not in the full bar
        nav = QFrame(canvas)
        nav.setObjectName("TablePanel")
        nav.setStyleSheet(self.stylesheet())
        nl = QHBoxLayout(nav)
        nl.setContentsMargins(self.px(6), self.px(6), self.px(6), self.px(6))
        self.whole_btn = self.button("⤢ " + self.tr("Whole area"), nav, name="table_whole_area")
        self.whole_btn.clicked.connect(lambda _c=False: self.show_whole_area())
        nl.addWidget(self.whole_btn)
        self.nav = nav
        for w in (bar, scroll, nav):
            w.show()
            self.widgets.append(w)
        self.refresh_variant_buttons()
        self.refresh_legend()
        self.refresh_chips()
        for key, b in self.theme_buttons.items():
            self.set_theme(key, b.isChecked())
        self.update_panel()

    def drop_widgets(self):
        for w in self.widgets:
            w.hide()
            w.deleteLater()
        self.widgets = []
        self.card = None

    def layout_widgets(self):
        canvas = self.iface.mapCanvas()
        new_scale = self.ui_scale()
        if abs(new_scale - self.scale) > 0.01 and self.widgets:
            self.scale = new_scale
            self.drop_widgets()
            self.build_ui()
        w, h = canvas.width(), canvas.height()
        bh = self.bar.sizeHint().height()
        self.bar.setGeometry(0, h - bh, w, bh)
        pw = self.px(440)
        self.panel_scroll.setGeometry(w - pw - self.px(12), self.px(12), pw, h - bh - self.px(24))
        nav = self.nav.sizeHint()
        self.nav.setGeometry(self.px(12), h - bh - nav.height() - self.px(12), nav.width(), nav.height())
        if self.card is not None:
            self.place_card()

    # ================================================================ themes, legend, chips
    def theme_on(self, key):
        b = getattr(self, "theme_buttons", {}).get(key)
        return b is not None and b.isChecked()

    def set_theme(self, key, on):
        root = QgsProject.instance().layerTreeRoot()
        for lyr in self.theme_layers.get(key, []):
            node = root.findLayer(lyr.id())
            if node is not None:
                node.setItemVisibilityChecked(on)
        if key == "sinks" and self.depth_layer is not None:
            node = root.findLayer(self.depth_layer.id())
            if node is not None:
                node.setItemVisibilityChecked(on)
        if key == "sinks" and on and self.live is not None and self.depth_layer is None and self.widgets:
            self.recalc()
        if self.widgets:
            self.refresh_legend()
        self.iface.mapCanvas().refresh()

    def refresh_legend(self):
        clear_layout(self.legend_box)
        sz = self.px(28)
        groups = [self.theme_layers.get(k, []) for k in THEMES if self.theme_on(k)]
        if self.measures_layer is not None:
            groups.insert(0, [self.measures_layer])
        for layers in groups:
            for lyr in layers:
                if not isinstance(lyr, QgsVectorLayer) or lyr.renderer() is None:
                    continue
                items = lyr.renderer().legendSymbolItems()[:8]
                for it in items:
                    if it.symbol() is None:
                        continue
                    row = QWidget(self.panel)
                    rl = QHBoxLayout(row)
                    rl.setContentsMargins(0, 0, 0, 0)
                    sw = QLabel(row)
                    sw.setPixmap(QgsSymbolLayerUtils.symbolPreviewPixmap(it.symbol(), QSize(sz, sz)))
                    rl.addWidget(sw)
                    rl.addWidget(plain(it.label() or lyr.name(), row, self.px(17)), 1)
                    self.legend_box.addWidget(row)

    def refresh_chips(self):
        """Filter chips by feedback category (big toggles in the category colours)."""
        clear_layout(self.chips_row)
        self.chips = {}
        cats = set()
        for lyr in self.theme_layers.get("feedback", []):
            idx = lyr.fields().indexOf("category")
            if idx >= 0:
                cats |= {v for v in lyr.uniqueValues(idx) if v not in (None, "") and str(v) != "NULL"}
        for c in sorted(cats):
            b = self.button(str(c), self.panel, True, "chip_" + str(c))
            b.setChecked(True)
            b.toggled.connect(self.apply_chips)
            self.chips_row.addWidget(b)
            self.chips[c] = b

    def refresh_feedback(self, source=None, sync=False):
        """Re-import the participation procedure into the GeoPackage shown at the table, with the
        same importer as the panel and smartplan:importfeedback (the last source of the panel, or
        ``source``), in a background task; the layers reload and keep their filter chips."""
        from qgis.core import QgsSettings

        from ..io import feedback_qgis
        from ..io.feedback_sources import Importer

        layers = self.theme_layers.get("feedback", [])
        if not layers:
            return None
        store_path = layers[0].source().split("|")[0]
        source = source or QgsSettings().value("SmartPlan/feedback/last_source", "", type=str)
        if not source:
            self.message.setText(self.tr("Import the feedback once in the SmartPlan panel first."))
            return None
        http = feedback_qgis.qgis_http()
        cache = feedback_qgis.icon_cache_dir()
        hint = utm_hint(QgsProject.instance())

        def work():
            return Importer(http=http, icon_cache=cache, crs_hint=hint).import_into(store_path, source)

        def done(res):
            for lyr in layers:
                lyr.dataProvider().reloadData()
                lyr.triggerRepaint()
            self.refresh_chips()
            c = res["counts"]
            self.message.setText(
                self.tr("Citizen feedback updated: {a} new, {u} changed, {w} withdrawn.").format(
                    a=c["added"], u=c["updated"] + c["restored"], w=c["withdrawn"]
                )
            )

        self._run(self.tr("Updating the citizen feedback"), work, done, sync)
        return store_path

    def apply_chips(self):
        on = [c for c, b in self.chips.items() if b.isChecked()]
        sql = (
            '"status" = \'active\' AND "category" IN ('
            + ", ".join("'" + str(c).replace("'", "''") + "'" for c in on)
            + ")"
            if on
            else "0"
        )
        for lyr in self.theme_layers.get("feedback", []):
            lyr.setSubsetString(sql)
        self.iface.mapCanvas().refresh()

    # ================================================================ panel
    def scenario_label(self, key):
        return {
            "selten": self.tr("rare"),
            "aussergewoehnlich": self.tr("exceptional"),
            "extrem": self.tr("extreme"),
        }.get(key, key)

    def set_rain(self, mm):
        """Switch the scenario: the baseline and the figures of the variant are recomputed."""
        self.rain_override = float(mm)
        if getattr(self, "fig_heading", None) is not None:
            self.fig_heading.setText(self.tr("Figures (heavy rain {r:g} mm)").format(r=float(mm)))
        if self.live is None:
            return
        live = self.live

        def work():
            live.rain_mm = float(mm)
            return live.run([])[0]

        def done(base):
            live.baseline = base
            self.baseline = base
            self.recalc()

        self._run(self.tr("Updating the figures"), work, done)

    def adjust_goal(self, i, direction):
        kind, target = self.goals[i]
        self.goals[i] = (kind, max(0.0, target + direction * GOAL_STEPS.get(kind, 1.0)))
        self.save_workshop()
        self.update_panel()

    def update_panel(self):
        if not self.widgets:
            return
        if self.live_error == "no_dem":
            self.message.setText(
                self.tr(
                    "No analysis yet: add the DGM (its name containing DEM or DGM, or the project variable "
                    "smartplan_dem) and run 'Depression analysis', 'Heavy-rain scenario' and 'Green-roof "
                    "potential' first. Then the live figures of the measures appear here."
                )
            )
        elif self.live_error:
            self.message.setText(
                self.tr("The live figures could not be prepared: {e}").format(e=self.live_error)
            )
        elif self.live is None:
            self.message.setText(self.tr("Preparing the live figures …"))
        else:
            self.message.setText("")
        fig = self.figures.get(self.current)
        for key, lab in self.fig_labels.items():
            if fig is None:
                lab.setText("–")
                continue
            v = fig[key]
            if self.baseline is not None and key in ("stored_m3", "left_map_m3", "affected_buildings"):
                d = v - self.baseline[key]
                lab.setText(group_digits(f"{v:,.0f}  ({d:+,.0f})"))
            else:
                lab.setText(group_digits(f"{v:,.0f}"))
        names = {
            "store_m3": self.tr("Keep {t:,.0f} m³ of water"),
            "affected_reduction": self.tr("{t:,.0f} fewer affected buildings"),
            "green_m2": self.tr("Green {t:,.0f} m² of roofs"),
        }
        for (lab, bar), goal in zip(self.goal_bars, self.goals):
            lab.setText(group_digits(names[goal[0]].format(t=goal[1])))
            if fig is not None and self.baseline is not None:
                p, got = M.goal_progress(goal, self.baseline, fig)
                bar.setValue(int(round(100 * p)))
                bar.setFormat(group_digits(f"{got:,.0f} / {goal[1]:,.0f}"))
            else:
                bar.setValue(0)
                bar.setFormat("")

    def refresh_variant_buttons(self):
        clear_layout(self.variant_row)
        group = QButtonGroup(self.panel)
        self.variant_buttons = {}
        for name in self.variants:
            b = self.button(self.tr("Variant {n}").format(n=name), self.panel, True, "variant_" + name)
            b.setChecked(name == self.current)
            b.clicked.connect(lambda _c=False, n=name: self.switch_variant(n))
            group.addButton(b)
            self.variant_row.addWidget(b)
            self.variant_buttons[name] = b

    # ================================================================ map navigation
    def pan_by(self, dx, dy):
        c = self.iface.mapCanvas()
        mupp = c.mapUnitsPerPixel()
        ctr = c.center()
        c.setCenter(QgsPointXY(ctr.x() - dx * mupp, ctr.y() + dy * mupp))
        c.refresh()

    def pinch(self, factor, centre):
        c = self.iface.mapCanvas()
        pt = c.getCoordinateTransform().toMapCoordinates(int(centre.x()), int(centre.y()))
        c.zoomByFactor(1.0 / factor, pt)

    def analysis_extent(self):
        """The analysis area (the DEM's extent) in the canvas CRS, or None."""
        dem = self.dem_layer()
        if dem is None:
            return None
        canvas = self.iface.mapCanvas()
        ext = dem.extent()
        if dem.crs().isValid() and dem.crs() != canvas.mapSettings().destinationCrs():
            ext = QgsCoordinateTransform(
                dem.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
            ).transformBoundingBox(ext)
        return ext

    def free_area(self):
        """The part of the canvas not covered by the side panel and the bar: x, y, w, h in px."""
        canvas = self.iface.mapCanvas()
        w, h = canvas.width(), canvas.height()
        bh = self.bar.height() if getattr(self, "bar", None) is not None else 0
        right = self.panel_scroll.x() if getattr(self, "panel_scroll", None) is not None else w
        return 0, 0, max(1, min(w, right)), max(1, h - bh)

    def show_whole_area(self):
        """Frame the whole analysis area in the free part of the screen."""
        ext = self.analysis_extent()
        if ext is None or ext.isEmpty():
            return
        canvas = self.iface.mapCanvas()
        x0, y0, x1, y1 = frame_in_free_area(
            (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()),
            (canvas.width(), canvas.height()),
            self.free_area(),
        )
        canvas.setExtent(QgsRectangle(x0, y0, x1, y1))
        canvas.refresh()

    def zoom_out(self):
        self.iface.mapCanvas().zoomByFactor(2.0)

    def to_map(self, pos):
        return self.iface.mapCanvas().getCoordinateTransform().toMapCoordinates(int(pos.x()), int(pos.y()))

    # ================================================================ taps and tools
    def set_tool(self, key):
        self.tool_mode = key
        self.draft = []
        self._update_rubber()
        self.tool_buttons[key].setChecked(True)

    def tap(self, pos):
        if self.tool_mode in ("retention", "unsealing"):
            self.draft.append(self.to_map(pos))
            self._update_rubber()
        elif self.tool_mode == "green_roof":
            self.toggle_green_roof(pos)
        elif self.tool_mode == "note":
            self.show_note_card(pos)
        else:
            self.show_info(pos)

    def _update_rubber(self):
        canvas = self.iface.mapCanvas()
        if self.rubber is None:
            self.rubber = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
            self.rubber.setColor(QColor(255, 179, 0, 120))
            self.rubber.setStrokeColor(QColor("#ff6f00"))
            self.rubber.setWidth(self.px(4))
        self.rubber.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        for p in self.draft:
            self.rubber.addPoint(p, False)
        self.rubber.show()
        if self.draft:
            self.rubber.addPoint(self.draft[-1], True)

    def _cells_of(self, geom_map):
        """Flat DEM cells covered by a polygon in map coordinates."""
        from ..io.raster import rasterize

        dem = self.dem_layer()
        g = QgsGeometry(geom_map)
        g.transform(
            QgsCoordinateTransform(
                self.iface.mapCanvas().mapSettings().destinationCrs(), dem.crs(), QgsProject.instance()
            )
        )
        ids = rasterize(self.grid, [bytes(g.asWkb())])
        return np.flatnonzero(ids.ravel() > 0), g

    def finish_polygon(self, depth=None, psi=None):
        """Close the drawn polygon and add it as a retention area (storage depth) or unsealing
        (new runoff coefficient). Without values the big preset buttons are offered."""
        if self.tool_mode not in ("retention", "unsealing") or len(self.draft) < 3 or self.live is None:
            return None
        if self.tool_mode == "retention" and (isinstance(depth, bool) or not depth or depth <= 0):
            return self.show_choice_card(
                self.tr("Storage depth of the retention area"),
                [(f"{d:g} m", {"depth": d}) for d in RETENTION_DEPTHS],
            )
        if self.tool_mode == "unsealing" and psi is None:
            names = {
                "green": self.tr("green space"),
                "grass pavers": self.tr("grass pavers"),
                "open joints": self.tr("open-joint paving"),
            }
            return self.show_choice_card(
                self.tr("New runoff coefficient"),
                [(f"ψ {p:g} – {names[n]}", {"psi": p}) for p, n in UNSEALING_PSI],
            )
        geom = QgsGeometry.fromPolygonXY([self.draft + [self.draft[0]]])
        cells, g_dem = self._cells_of(geom)
        kind = self.tool_mode
        m = M.Measure(
            kind,
            cells,
            area_m2=g_dem.area(),
            depth_m=float(depth or 0.0),
            psi=None if psi is None else float(psi),
        )
        self.add_measure(m, g_dem)
        self.draft = []
        self._update_rubber()
        return m

    def show_choice_card(self, title, options):
        card = self.new_card(title)
        row = QHBoxLayout()
        for text, kw in options:
            b = self.button(text, card, big=True)
            b.clicked.connect(lambda _c=False, kw=kw: self._choose(kw))
            row.addWidget(b)
        card.layout().addLayout(row)
        self.place_card()
        return None

    def _choose(self, kw):
        self.close_card()
        return self.finish_polygon(**kw)

    def toggle_green_roof(self, pos):
        if self.live is None or self.building_ids is None:
            return None
        p = self.to_map(pos)
        dem = self.dem_layer()
        pd = QgsCoordinateTransform(
            self.iface.mapCanvas().mapSettings().destinationCrs(), dem.crs(), QgsProject.instance()
        ).transform(p)
        gt = self.grid.geotransform
        c, r = int((pd.x() - gt[0]) / gt[1]), int((pd.y() - gt[3]) / gt[5])
        if not (0 <= r < self.grid.nrows and 0 <= c < self.grid.ncols):
            return None
        b = int(self.building_ids[r, c])
        if b <= 0:
            return None
        existing = [
            e
            for e in self.variants[self.current]
            if e["measure"].kind == "green_roof" and e["measure"].building == b
        ]
        if existing:
            self.variants[self.current].remove(existing[0])
            self.after_change()
            return None
        wkb, _fid, extra = self.building_info[b - 1]
        m = M.green_roof_measure(
            self.building_ids.ravel(),
            b,
            extra.get("usable") or None,
            extra.get("retention") or None,
            self.live.cell_area,
        )
        g = QgsGeometry()
        g.fromWkb(wkb)
        self.add_measure(m, g)
        return m

    def add_measure(self, m, geom_dem):
        self.variants[self.current].append({"measure": m, "wkb": bytes(geom_dem.asWkb())})
        self.after_change()

    def undo(self):
        if self.draft:
            self.draft.pop()
            self._update_rubber()
        elif self.variants[self.current]:
            self.variants[self.current].pop()
            self.after_change()

    def after_change(self):
        self.refresh_measures_layer()
        self.save_workshop()
        self.recalc()

    def refresh_measures_layer(self):
        dem = self.dem_layer()
        if dem is None:
            return
        proj = QgsProject.instance()
        if self.measures_layer is None or proj.mapLayer(self.measures_layer.id()) is None:
            self.measures_layer = QgsVectorLayer(
                f"MultiPolygon?crs={dem.crs().authid()}&field=kind:string",
                self.tr("Measures (planning table)"),
                "memory",
            )
            from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory

            cats = [
                QgsRendererCategory(
                    "green_roof",
                    QgsFillSymbol.createSimple(
                        {"color": "67,160,71,220", "outline_color": "#ffffff", "outline_width": "1.0"}
                    ),
                    self.tr("green roof"),
                ),
                QgsRendererCategory(
                    "retention",
                    QgsFillSymbol.createSimple(
                        {"color": "0,188,212,190", "outline_color": "#ffffff", "outline_width": "1.2"}
                    ),
                    self.tr("retention area"),
                ),
                QgsRendererCategory(
                    "unsealing",
                    QgsFillSymbol.createSimple(
                        {
                            "color": "255,193,7,230",
                            "outline_color": "#ffffff",
                            "outline_width": "1.2",
                            "style": "b_diagonal",
                        }
                    ),
                    self.tr("unsealing"),
                ),
            ]
            self.measures_layer.setRenderer(QgsCategorizedSymbolRenderer("kind", cats))
            self._add_to_project(self.measures_layer)
        pr = self.measures_layer.dataProvider()
        pr.truncate()
        feats = []
        for e in self.variants[self.current]:
            f = QgsFeature(self.measures_layer.fields())
            g = QgsGeometry()
            g.fromWkb(e["wkb"])
            g.convertToMultiType()
            f.setGeometry(g)
            f.setAttributes([e["measure"].kind])
            feats.append(f)
        pr.addFeatures(feats)
        self.measures_layer.triggerRepaint()
        self._show_on_canvas(self.measures_layer)
        if self.widgets:
            self.refresh_legend()

    def _show_on_canvas(self, layer):
        """Draw the table's own layers in a fixed order: measures on top, the live water depth above
        the base rasters. (In QGIS the layer tree orders the canvas; a canvas with a fixed layer
        list, e.g. in a kiosk project, is ordered here.)"""
        canvas = self.iface.mapCanvas()
        own = [lyr for lyr in (self.measures_layer, self.depth_layer) if lyr is not None]
        others = [lyr for lyr in canvas.layers() if lyr not in own]
        vectors = [lyr for lyr in others if isinstance(lyr, QgsVectorLayer)]
        rasters = [lyr for lyr in others if not isinstance(lyr, QgsVectorLayer)]
        order = (
            ([self.measures_layer] if self.measures_layer is not None else [])
            + vectors
            + ([self.depth_layer] if self.depth_layer is not None else [])
            + rasters
        )
        if order != canvas.layers():
            canvas.setLayers(order)

    def _add_to_project(self, layer):
        """Add a layer of the table at the top of the layer tree (removed again on leaving)."""
        proj = QgsProject.instance()
        proj.addMapLayer(layer, False)
        proj.layerTreeRoot().insertLayer(0, layer)

    # ================================================================ variants
    def switch_variant(self, name):
        self.current = name
        if name in self.variant_buttons:
            self.variant_buttons[name].setChecked(True)
        self.refresh_measures_layer()
        self.recalc()

    def new_variant(self, name=None):
        name = name or chr(ord("A") + len(self.variants))
        self.variants.setdefault(name, [])
        if self.widgets:
            self.refresh_variant_buttons()
        self.switch_variant(name)
        return name

    def variant_figures(self, name):
        """Figures of a variant (computed now, synchronously)."""
        return self.live.run(self.measures(name))[0] if self.live is not None else None

    def save_workshop(self):
        if self.workshop_path is None or self.grid is None:
            return None
        out = {}
        for name, entries in self.variants.items():
            out[name] = [
                {
                    "kind": e["measure"].kind,
                    "depth_m": e["measure"].depth_m,
                    "psi": e["measure"].psi,
                    "building": e["measure"].building,
                    "area_m2": e["measure"].area_m2,
                    "extra": e["measure"].extra,
                    "wkb": e["wkb"],
                }
                for e in entries
            ]
        return table_store.save_workshop(
            self.workshop_path,
            self.grid.wkt,
            out,
            self.goals,
            {k: v for k, v in self.figures.items() if k in self.variants},
        )

    def load_workshop(self, path=None):
        variants, goals, _ = table_store.load_workshop(path or self.workshop_path)
        self._loaded = variants
        if goals:
            self.goals = goals
        self.variants = {k: [] for k in variants} or {"A": [], "B": []}
        return variants

    def restore_loaded_measures(self):
        """Rebuild the measures of a loaded workshop on the DEM grid (after the live model exists)."""
        loaded = getattr(self, "_loaded", None) or {}
        for name, ms in loaded.items():
            self.variants[name] = []
            for d in ms:
                g = QgsGeometry()
                g.fromWkb(d["wkb"])
                from ..io.raster import rasterize

                if d["kind"] == "green_roof" and d.get("building"):
                    m = M.green_roof_measure(
                        self.building_ids.ravel(),
                        int(d["building"]),
                        d.get("area_m2"),
                        (d.get("extra") or {}).get("retention_m3_a"),
                        self.live.cell_area,
                    )
                else:
                    cells = np.flatnonzero(rasterize(self.grid, [d["wkb"]]).ravel() > 0)
                    m = M.Measure(
                        d["kind"],
                        cells,
                        area_m2=d.get("area_m2") or g.area(),
                        depth_m=d.get("depth_m") or 0.0,
                        psi=d.get("psi"),
                    )
                self.variants[name].append({"measure": m, "wkb": d["wkb"]})
        self._loaded = None

    def compare_table(self, names=None):
        """[(label, {variant: value})] of every variant (A, B, C …), in the variants' order."""
        names = list(names or self.variants)
        figs = {n: self.variant_figures(n) for n in names}
        labels = {
            "kept_by_measures_m3": self.tr("kept by measures m³"),
            "stored_m3": self.tr("water in sinks m³"),
            "left_map_m3": self.tr("runoff leaving the area m³"),
            "affected_buildings": self.tr("affected buildings"),
            "green_area_m2": self.tr("green roofs m²"),
            "green_retention_m3_a": self.tr("retention per year m³"),
            "measures": self.tr("measures"),
        }
        return [(labels[k], {n: figs[n][k] for n in names}) for k in labels]

    def show_compare(self, names=None):
        """All variants side by side, and each one's difference to the first (A)."""
        names = [n for n in (names or self.variants) if n in self.variants]
        if self.live is None or len(names) < 2:
            return None
        rows = self.compare_table(names)
        base, others = names[0], names[1:]
        title = self.tr("Variants {names}").format(names=", ".join(names))
        card = self.new_card(title)
        cols = ["", *names, *(f"{n} − {base}" for n in others)]
        t = QTableWidget(len(rows), len(cols), card)
        t.setObjectName("CompareTable")
        t.setHorizontalHeaderLabels(cols)
        f = QFont()
        f.setPixelSize(self.px(18))
        t.setFont(f)
        for i, (label, values) in enumerate(rows):
            cells = [label, *(values[n] for n in names), *(values[n] - values[base] for n in others)]
            for j, v in enumerate(cells):
                it = QTableWidgetItem(v if isinstance(v, str) else group_digits(f"{v:,.0f}"))
                if j:
                    it.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                t.setItem(i, j, it)
        t.resizeColumnsToContents()
        t.verticalHeader().hide()
        t.setMinimumHeight(self.px(40) * (len(rows) + 1))
        t.setMinimumWidth(
            min(self.iface.mapCanvas().width() - self.px(80), t.horizontalHeader().length() + self.px(8))
        )
        card.layout().addWidget(t)
        self.place_card()
        return rows

    # ================================================================ cards
    def new_card(self, title):
        self.close_card()
        canvas = self.iface.mapCanvas()
        card = QFrame(canvas)
        card.setObjectName("TableCard")
        card.setStyleSheet(self.stylesheet())
        lay = QVBoxLayout(card)
        lay.setContentsMargins(self.px(18), self.px(14), self.px(18), self.px(14))
        head = QHBoxLayout()
        head.addWidget(plain(title, card, self.px(26), True), 1)
        x = self.button("✕", card, name="card_close")
        x.setMinimumWidth(self.px(56))
        x.clicked.connect(self.close_card)
        head.addWidget(x)
        lay.addLayout(head)
        card.show()
        self.card = card
        self.widgets.append(card)
        self.place_card()
        return card

    def place_card(self):
        """Top left over the map (the side panel is on the right), as tall as its wrapped text."""
        if self.card is None:
            return
        w = self.px(620)
        for child in self.card.findChildren(QWidget):  # added after the card was shown: show now
            child.show()
        lay = self.card.layout()
        lay.activate()
        m = lay.contentsMargins()
        inner = w - m.left() - m.right()
        h = m.top() + m.bottom()
        for i in range(lay.count()):
            item = lay.itemAt(i)
            wid = item.widget()
            if wid is not None and isinstance(wid, QLabel):
                hh = wid.heightForWidth(inner)
                h += hh if hh > 0 else wid.sizeHint().height()
            else:
                h += item.sizeHint().height()
            h += lay.spacing()
        self.card.setFixedSize(w, h)
        self.card.move(self.px(24), self.px(24))
        self.card.raise_()

    def close_card(self):
        if self.card is not None:
            if self.card in self.widgets:
                self.widgets.remove(self.card)
            self.card.hide()
            self.card.deleteLater()
            self.card = None

    def add_line(self, card, text, size=22, bold=False):
        card.layout().addWidget(plain(text, card, self.px(size), bold))

    def identify(self, pos, roles):
        """(role, layer, feature) of the first feature under ``pos`` in visible layers of ``roles``."""
        canvas = self.iface.mapCanvas()
        p = self.to_map(pos)
        tol = canvas.mapUnitsPerPixel() * self.px(14)
        root = QgsProject.instance().layerTreeRoot()
        for role in roles:
            for lyr in self.roles.get(role, []):
                node = root.findLayer(lyr.id())
                if node is None or not node.isVisible():
                    continue
                xf = QgsCoordinateTransform(
                    canvas.mapSettings().destinationCrs(), lyr.crs(), QgsProject.instance()
                )
                rect = xf.transformBoundingBox(
                    QgsRectangle(p.x() - tol, p.y() - tol, p.x() + tol, p.y() + tol)
                )
                pt = QgsGeometry.fromPointXY(xf.transform(p))
                best = None
                for f in lyr.getFeatures(QgsFeatureRequest().setFilterRect(rect)):
                    d = f.geometry().distance(pt)
                    if best is None or d < best[0]:
                        best = (d, f)
                if best is not None:
                    return role, lyr, best[1]
        return None, None, None

    def show_info(self, pos):
        role, lyr, f = self.identify(pos, ("feedback", "flooded", "sinks", "roofs", "faces", "flowpaths"))
        if f is None:
            return None
        fields = f.fields().names()
        if role in ("sinks", "flooded"):
            sid = f["sink_id"]
            card = self.new_card(self.tr("Sink {i}").format(i=sid))
            sink_feat = f
            if role == "flooded":
                sink_feat = next(
                    (
                        s
                        for sl in self.roles.get("sinks", [])
                        for s in sl.getFeatures(
                            QgsFeatureRequest().setFilterExpression(f'"sink_id" = {int(sid)}')
                        )
                    ),
                    f,
                )
            sf = sink_feat.fields().names()
            if "volume_m3" in sf:
                self.add_line(
                    card, group_digits(self.tr("Volume: {v:,.0f} m³").format(v=sink_feat["volume_m3"]))
                )
            if "fill_rain_mm" in sf and str(sink_feat["fill_rain_mm"]) != "NULL":
                self.add_line(
                    card,
                    group_digits(
                        self.tr("Filled by {v:,.0f} mm of rain").format(v=sink_feat["fill_rain_mm"])
                    ),
                )
            fill = self.live_fill_pct(f)
            if fill is not None:
                self.add_line(
                    card,
                    self.tr("Scenario {r:g} mm: {p:.0f} % full").format(r=self.rain_mm(), p=fill),
                    bold=True,
                )
            elif "fill_pct" in fields:
                self.add_line(card, self.tr("Scenario: {p:.0f} % full").format(p=f["fill_pct"]), bold=True)
            if "buildings_affected" in fields or "buildings_affected" in sf:
                v = (
                    f["buildings_affected"]
                    if "buildings_affected" in fields
                    else sink_feat["buildings_affected"]
                )
                self.add_line(card, self.tr("Buildings at the sink: {n}").format(n=v))
        elif role in ("roofs", "faces"):
            card = self.new_card(
                self.tr("Building {i}").format(i=f["building_id"] if "building_id" in fields else f.id())
            )
            cls = f["dominant_class"] if "dominant_class" in fields else f["class"]
            self.add_line(card, self.tr("Green-roof class {c}").format(c=cls), bold=True)
            if "green_area_m2" in fields:
                self.add_line(
                    card,
                    group_digits(self.tr("Green roof possible: {a:,.0f} m²").format(a=f["green_area_m2"])),
                )
                self.add_line(
                    card,
                    group_digits(self.tr("Retention: {v:,.0f} m³ per year").format(v=f["retention_m3_a"])),
                )
            if "slope_deg" in fields:
                self.add_line(card, self.tr("Roof slope {s:.0f}°").format(s=f["slope_deg"]))
        elif role == "feedback":
            card = self.new_card(f["title"] or self.tr("Contribution"))
            self.add_line(card, f["category"] or "", 20, True)
            self.add_line(card, fb.clean_text(f["text"]) or "", 22)  # plain text only
            pro = f["votes_pro"] if str(f["votes_pro"]) != "NULL" else 0
            con = f["votes_contra"] if str(f["votes_contra"]) != "NULL" else 0
            self.add_line(card, self.tr("{p} for, {c} against").format(p=pro, c=con))
        else:
            card = self.new_card(self.tr("Flow path"))
            self.add_line(card, self.tr("Upstream area {a:.1f} ha").format(a=f["upstream_ha"]))
        self.place_card()
        return role, f

    def live_fill_pct(self, feature):
        """Fill % of the sink under a feature in the current variant's live scenario."""
        res = getattr(self, "last_result", None)
        if res is None or self.live is None:
            return None
        dem = self.dem_layer()
        lyr_crs = feature.geometry()
        p = lyr_crs.pointOnSurface().asPoint()
        for lyr in self.roles.get("sinks", []) + self.roles.get("flooded", []):
            if lyr.fields() == feature.fields():
                p = QgsCoordinateTransform(lyr.crs(), dem.crs(), QgsProject.instance()).transform(p)
                break
        gt = self.grid.geotransform
        c, r = int((p.x() - gt[0]) / gt[1]), int((p.y() - gt[3]) / gt[5])
        if not (0 <= r < self.grid.nrows and 0 <= c < self.grid.ncols):
            return None
        s = int(self.live.table.labels[r, c])
        return float(res.fill_pct[s - 1]) if s > 0 else None

    # ================================================================ notes at the table
    def phrases(self):
        return (
            self.tr("Here water often stands"),
            self.tr("Green is missing here"),
            self.tr("Good place for a swale"),
            self.tr("Danger for pedestrians"),
            self.tr("Cellar flooded before"),
            self.tr("Shade needed"),
        )

    def show_note_card(self, pos):
        p = self.to_map(pos)
        card = self.new_card(self.tr("New note"))
        cats = (
            sorted(self.chips)
            if getattr(self, "chips", None)
            else [self.tr("Water"), self.tr("Green"), self.tr("Traffic"), self.tr("Other")]
        )
        row = QHBoxLayout()
        group = QButtonGroup(card)
        self.note_category = cats[0]
        for i, c in enumerate(cats[:5]):
            b = self.button(c, card, True, "note_cat_" + str(c))
            b.setChecked(i == 0)
            b.clicked.connect(lambda _c=False, c=c: setattr(self, "note_category", c))
            group.addButton(b)
            row.addWidget(b)
        card.layout().addLayout(row)
        grid = QGridLayout()
        self.note_text = QLineEdit(card)
        self.note_text.setObjectName("note_text")
        f = self.note_text.font()
        f.setPixelSize(self.px(22))
        self.note_text.setFont(f)
        self.note_text.setMinimumHeight(self.px(52))
        self.note_text.setPlaceholderText(self.tr("tap a phrase or type"))
        for i, ph in enumerate(self.phrases()):
            b = self.button(ph, card, name=f"phrase_{i}")
            b.clicked.connect(lambda _c=False, t=ph: self.note_text.setText(t))
            grid.addWidget(b, i // 2, i % 2)
        card.layout().addLayout(grid)
        card.layout().addWidget(self.note_text)
        card.layout().addLayout(self.keyboard(card, self.note_text))
        save = self.button(self.tr("Save note"), card, name="note_save", big=True)
        save.clicked.connect(lambda: self.save_note(p, self.note_text.text(), self.note_category))
        card.layout().addWidget(save)
        self.place_card()
        return card

    KEY_ROWS = ("1234567890", "qwertzuiopü", "asdfghjklöä", "yxcvbnmß,.-")

    def keyboard(self, parent, edit):
        """A finger-sized on-screen keyboard (German layout) for a line edit: no hardware keyboard
        is needed at the table."""
        box = QVBoxLayout()
        box.setSpacing(self.px(4))
        state = {"shift": False}
        keys = []

        def press(ch):
            edit.insert(ch.upper() if state["shift"] else ch)
            if state["shift"]:
                toggle_shift()

        def toggle_shift():
            state["shift"] = not state["shift"]
            shift.setChecked(state["shift"])
            for b, ch in keys:
                b.setText(ch.upper() if state["shift"] else ch)

        for row in self.KEY_ROWS:
            line = QHBoxLayout()
            line.setSpacing(self.px(4))
            for ch in row:
                b = self.button(ch, parent, name=f"key_{ord(ch)}")
                b.setMinimumWidth(self.px(48))
                b.clicked.connect(lambda _c=False, ch=ch: press(ch))
                line.addWidget(b)
                keys.append((b, ch))
            box.addLayout(line)
        line = QHBoxLayout()
        shift = self.button("⇧", parent, True, "key_shift")
        shift.clicked.connect(lambda _c=False: toggle_shift())
        space = self.button(self.tr("space"), parent, name="key_space")
        space.clicked.connect(lambda: edit.insert(" "))
        back = self.button("⌫", parent, name="key_back")
        back.clicked.connect(edit.backspace)
        line.addWidget(shift)
        line.addWidget(space, 1)
        line.addWidget(back)
        box.addLayout(line)
        return box

    def save_note(self, map_point, text, category):
        """Store a note as a table-sourced contribution in the participation GeoPackage."""
        text = (text or "").strip()
        if not text:
            return None
        from qgis.core import QgsCoordinateReferenceSystem

        ll = QgsCoordinateTransform(
            self.iface.mapCanvas().mapSettings().destinationCrs(),
            QgsCoordinateReferenceSystem("EPSG:4326"),
            QgsProject.instance(),
        ).transform(map_point)
        pid = "planungstisch"
        rec = fb.table_contribution(text, category, ll.x(), ll.y(), pid)
        feedback_store.append_records(self.feedback_path, [rec])
        for lyr in self.theme_layers.get("feedback", []):
            lyr.dataProvider().reloadData()
            lyr.triggerRepaint()
        self.close_card()
        if self.iface is not None:
            self.iface.messageBar().pushMessage(
                self.tr("Planning table"), self.tr("Note saved."), Qgis.MessageLevel.Success, 3
            )
        return rec

    # ================================================================ export
    def export_workshop(self, path=None):
        """A PDF (or PNG) summary: goals, figures of every variant with the differences, the notes
        collected, and a map per variant; plus the workshop GeoPackage beside it."""
        if path is None:
            home = os.path.dirname(self.workshop_path)
            path = os.path.join(home, "planungstisch_zusammenfassung.pdf")
        from ..analysis.messages import MapTexts
        from ..io.maplayout import export_map
        from ..io.table_report import workshop_report

        canvas = self.iface.mapCanvas()
        maps, figs = {}, {}
        keep = self.current
        tmpdir = tempfile.mkdtemp(prefix="smartplan-table-")
        for name in self.variants:
            self.current = name
            self.refresh_measures_layer()
            figs[name] = self.variant_figures(name)
            layers = [lyr for lyr in canvas.layers()]
            if self.measures_layer is not None and self.measures_layer not in layers:
                layers = [self.measures_layer] + layers
            png = os.path.join(tmpdir, f"variant_{name}.png")
            texts = MapTexts()
            export_map(  # a print layout: legend, scale bar, north arrow, sources, limits
                layers,
                png,
                self.tr("Variant {n}").format(n=name),
                extent=canvas.extent(),
                crs=canvas.mapSettings().destinationCrs(),
                legend_layers=[
                    lyr for lyr in layers if isinstance(lyr, QgsVectorLayer) or lyr is self.depth_layer
                ],
                subtitle=self.tr("Planning table · rain {mm:g} mm").format(mm=self.rain_mm()),
                sources=texts.sources(layers),
                limits=texts.limits(),
            )
            maps[name] = png
        self.current = keep
        self.refresh_measures_layer()
        notes = [r for r in feedback_store.read_store(self.feedback_path)[0] if r.get("origin") == "table"]
        labels = {
            "title": self.tr("Planning table – workshop summary"),
            "goals": self.tr("Goals"),
            "figures": self.tr("Figures per variant"),
            "notes": self.tr("Notes from the table"),
            "variant": self.tr("Variant"),
            "baseline": self.tr("without measures"),
        }
        names = {
            "store_m3": self.tr("Keep {t:,.0f} m³ of water"),
            "affected_reduction": self.tr("{t:,.0f} fewer affected buildings"),
            "green_m2": self.tr("Green {t:,.0f} m² of roofs"),
        }
        rows = [
            (k, lab)
            for k, lab in (
                ("kept_by_measures_m3", self.tr("kept by measures m³")),
                ("stored_m3", self.tr("water in sinks m³")),
                ("left_map_m3", self.tr("runoff leaving the area m³")),
                ("affected_buildings", self.tr("affected buildings")),
                ("green_area_m2", self.tr("green roofs m²")),
                ("green_retention_m3_a", self.tr("retention per year m³")),
            )
        ]
        import shutil

        try:
            workshop_report(path, labels, self.goals, names, self.baseline, figs, rows, notes, maps)
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)  # the map pictures of the variants
        self.save_workshop()
        # the workshop GeoPackage (variants, goals) and the notes travel with the summary

        for src, suffix in ((self.workshop_path, ""), (self.feedback_path, "_notizen")):
            dst = os.path.splitext(path)[0] + suffix + ".gpkg"
            if src and os.path.exists(src) and os.path.abspath(src) != os.path.abspath(dst):
                shutil.copyfile(src, dst)
        if self.iface is not None:
            self.iface.messageBar().pushMessage(
                self.tr("Planning table"),
                self.tr("Workshop exported: {p}").format(p=path),
                Qgis.MessageLevel.Success,
                5,
            )
        return path
