"""Planning-table mode (Planungstisch): a touch-first, full-screen workshop view over the QGIS map.

Map first; one large high-contrast control bar; a side panel with planning goals, live figures,
variants and legend; info cards on tap; notes placed at the table go into the participation
GeoPackage. Variants of measures (green roofs, retention areas, unsealing) are drawn with a finger
and their figures come from the same core as the algorithms (core.measures on the rain cascade).
Leaving restores the user's QGIS layout exactly."""

import os
import tempfile
import time

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsExpressionContextUtils,
    QgsMessageLog,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QEvent, QObject, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QDockWidget,
    QToolBar,
)

from ..analysis import workshop
from ..analysis.messages import RasterMessages
from ..i18n import Translatable, group_digits
from ..io import feedback_store
from ..io.crs_qgis import utm_hint
from ..io.footprints_qgis import read_footprints
from ..io.metadata import recorded
from ..io.raster import InputError, dem_grid
from .table.cards import TableCards
from .table.layers import TableLayers, layer_role  # noqa: F401 - layer_role: used by tests
from .table.navigation import TableNavigation, TableTool  # noqa: F401
from .table.views import TableViews
from .table.widgets import TableControls
from .tasks import BackgroundTask
from .touch import TouchGestures


def _workshop_attr(name):
    return property(lambda self: getattr(self.ws, name), lambda self, v: setattr(self.ws, name, v))


class TableMode(TableControls, TableLayers, TableNavigation, TableViews, TableCards, Translatable, QObject):
    figuresChanged = pyqtSignal(dict)  # noqa: N815
    entered = pyqtSignal()
    left = pyqtSignal()

    # the workshop's state, read by the views (the table holds no copy of it)
    variants = _workshop_attr("variants")
    current = _workshop_attr("current")
    goals = _workshop_attr("goals")
    figures = _workshop_attr("figures")
    baseline = _workshop_attr("baseline")
    live = _workshop_attr("live")
    building_ids = _workshop_attr("building_ids")
    grid = _workshop_attr("grid")

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.active = False
        self.saved = None
        self.widgets = []
        self.ws = workshop.Workshop()  # variants, measures, goals, figures: no widget
        self.live_error = None
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
            # each docked panel's size, applied again once the window manager has restored the
            # window (restoreState alone runs while the window is still full screen)
            "docks": [
                (w, w.width(), w.height())
                for w in mw.findChildren(QDockWidget)
                if not w.isHidden() and not w.isFloating()
            ],
            "dirty": QgsProject.instance().isDirty(),
            "subsets": {
                lyr.id(): lyr.subsetString()
                for lyr in QgsProject.instance().mapLayers().values()
                if isinstance(lyr, QgsVectorLayer)
            },
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
        self.hide_other_layers()
        self.build_ui()
        self.tool = TableTool(canvas, self.tap, on_drag=self.user_moved_map)
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
        self._frame_until = 0.0
        if ext is not None and (frame or not canvas.extent().intersects(ext)):
            self.show_whole_area()
            # the window reaches full screen a moment later (a window manager answers
            # asynchronously): frame again as the canvas grows, until someone moves the map
            self._frame_until = time.monotonic() + 3.0
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
        self.remove_depth_files()
        for t in proj.layerTreeRoot().findLayers():
            if t.layerId() in self.saved["visibility"]:
                t.setItemVisibilityChecked(self.saved["visibility"][t.layerId()])
        for lid, subset in self.saved["subsets"].items():  # the category chips' filter goes
            lyr = proj.mapLayer(lid)
            if lyr is not None and lyr.subsetString() != subset:
                lyr.setSubsetString(subset)
        if not self.saved["dirty"]:  # the table's own layers came and went: nothing to save
            proj.setDirty(False)
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
        # a window manager leaves full screen asynchronously: lay the docks out again as the
        # window settles (the left docks were squeezed to 71 px)
        saved = self.saved
        for ms in (0, 150, 400, 900):
            QTimer.singleShot(ms, lambda saved=saved: self._settle_layout(saved))
        self.left.emit()

    def _settle_layout(self, saved):
        if self.active or saved is not self.saved:
            return
        mw = self.iface.mainWindow()
        try:
            # only while nothing else changed the window: the same docks shown as before
            shown = {id(w) for w in mw.findChildren(QDockWidget) if not w.isHidden() and not w.isFloating()}
            if shown != {id(w) for w, _w, _h in saved["docks"]}:
                return
            mw.restoreState(saved["state"])
            docks = [(w, wd, ht) for w, wd, ht in saved["docks"] if not w.isHidden() and not w.isFloating()]
            if docks:
                mw.resizeDocks(
                    [d for d, _w, _h in docks], [w for _d, w, _h in docks], Qt.Orientation.Horizontal
                )
                mw.resizeDocks(
                    [d for d, _w, _h in docks], [h for _d, _w, h in docks], Qt.Orientation.Vertical
                )
        except RuntimeError as exc:  # a dock deleted meanwhile (a plugin unloaded)
            QgsMessageLog.logMessage(str(exc), "SmartPlan", Qgis.MessageLevel.Warning)

    def eventFilter(self, obj, ev):  # noqa: N802
        # never let an exception escape an event filter (PyQt aborts): lay out on the next loop turn
        if ev.type() == QEvent.Type.Resize and self.active:
            QTimer.singleShot(0, self._safe_layout)
        return False

    def _safe_layout(self):
        try:
            if self.active and self.widgets:
                self.layout_widgets()
                if time.monotonic() < getattr(self, "_frame_until", 0.0) and self.still_framed():
                    self.show_whole_area()
        except RuntimeError as exc:  # a widget deleted meanwhile
            QgsMessageLog.logMessage(str(exc), "SmartPlan", Qgis.MessageLevel.Warning)

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

        building_info = [(fp.wkb, fp.fid, roof_figures(fp)) for fp in footprints]

        def build():
            return workshop.live_model(path, footprints, inputs, rain)

        def done(result):
            had_loaded = bool(self.ws.loaded)
            self.ws.attach(*result, building_info=building_info)
            self.live_error = None
            if had_loaded:
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
        """Plain words for what can go wrong while preparing the live figures (the algorithms'
        texts, ``analysis.messages.RasterMessages``; a DEM too large gets the workshop's advice)."""
        if isinstance(exc, InputError):
            msgs = RasterMessages()
            return group_digits(msgs.live_too_big(exc) if exc.code == "too_big" else msgs.message(exc))
        return str(exc)

    def measures(self, variant=None):
        return self.ws.measures(variant)

    def recalc(self, sync=False):
        """Figures of the current variant, off the UI thread (a newer change waits and reruns)."""
        if self.live is None:
            self.update_panel()
            return
        if self.task is not None and not sync:
            self.pending = True
            return
        ws, variant = self.ws, self.current
        want_depth = self.theme_on("sinks")

        def calc():
            return ws.run(variant, with_depth=want_depth)

        def done(result):
            fig, res = result
            self.last_result = res
            if want_depth and res.water_depth is not None:
                self.show_depth(res.water_depth)
            self.update_panel()
            self.figuresChanged.emit(fig)

        self._run(self.tr("Updating the figures"), calc, done, sync)

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

    def set_rain(self, mm):
        """Switch the scenario: the baseline and the figures of the variant are recomputed."""
        self.rain_override = float(mm)
        if getattr(self, "fig_heading", None) is not None:
            self.fig_heading.setText(self.tr("Figures (heavy rain {r:g} mm)").format(r=float(mm)))
        if self.live is None:
            return
        ws = self.ws

        def work():
            return ws.set_rain(mm)

        def done(_base):
            self.recalc()

        self._run(self.tr("Updating the figures"), work, done)

    def adjust_goal(self, i, direction):
        self.ws.adjust_goal(i, direction)
        self.save_workshop()
        self.update_panel()

    def after_change(self):
        self.refresh_measures_layer()
        self.save_workshop()
        self.recalc()

    # ================================================================ variants
    def switch_variant(self, name):
        self.current = name
        if name in self.variant_buttons:
            self.variant_buttons[name].setChecked(True)
        self.refresh_measures_layer()
        self.recalc()

    def new_variant(self, name=None):
        name = self.ws.new_variant(name)
        if self.widgets:
            self.refresh_variant_buttons()
        self.switch_variant(name)
        return name

    def variant_figures(self, name):
        """Figures of a variant (computed now, synchronously)."""
        return self.ws.variant_figures(name)

    def save_workshop(self):
        return self.ws.save(self.workshop_path)

    def load_workshop(self, path=None):
        return self.ws.load(path or self.workshop_path)

    def compare_table(self, names=None):
        """[(label, {variant: value})] of every variant (A, B, C …), in the variants' order."""
        labels = dict(self.figure_labels(), measures=self.tr("measures"))
        return [(labels[k], values) for k, values in self.ws.compare(names)]

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
        names = self.goal_names()
        rows = list(self.figure_labels().items())
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
