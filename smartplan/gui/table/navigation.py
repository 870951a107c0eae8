"""Map navigation and drawing at the planning table: taps, pans, pinches, the whole-area frame
and the measures drawn with a finger."""

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.gui import QgsMapToolPan, QgsRubberBand
from qgis.PyQt.QtCore import QPointF
from qgis.PyQt.QtGui import QColor

from ...analysis import workshop
from ...i18n import number

TOOLS = ("info", "note", "green_roof", "retention", "unsealing")


class TableTool(QgsMapToolPan):
    """Mouse works too: a drag pans, a click without drag is a tap. A tap never moves the map
    (QGIS' pan tool re-centres on a click; the table must record the point where it landed)."""

    DRAG_PX = 8

    def __init__(self, canvas, on_tap, on_drag=None):
        super().__init__(canvas)
        self.on_tap = on_tap
        self.on_drag = on_drag
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
            if self.on_drag is not None:
                self.on_drag()
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


class TableNavigation:
    """Mixin of :class:`smartplan.gui.table_mode.TableMode`."""

    # ================================================================ map navigation
    def user_moved_map(self):
        """Someone moves the map: the kiosk's framing of the whole area stops."""
        self._frame_until = 0.0

    def pan_by(self, dx, dy):
        self.user_moved_map()
        c = self.iface.mapCanvas()
        mupp = c.mapUnitsPerPixel()
        ctr = c.center()
        c.setCenter(QgsPointXY(ctr.x() - dx * mupp, ctr.y() + dy * mupp))
        c.refresh()

    def pinch(self, factor, centre):
        self.user_moved_map()
        c = self.iface.mapCanvas()
        pt = c.getCoordinateTransform().toMapCoordinates(int(centre.x()), int(centre.y()))
        c.zoomByFactor(1.0 / factor, pt)

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
        self._framed = ((canvas.center().x(), canvas.center().y()), canvas.mapUnitsPerPixel())

    def still_framed(self):
        """The map shows what ``show_whole_area`` framed last: a resize keeps the centre (QGIS fits
        the old extent into the new size); anyone setting another view moves it."""
        framed = getattr(self, "_framed", None)
        if framed is None:
            return False
        (x, y), mupp = framed
        ctr = self.iface.mapCanvas().center()
        return abs(ctr.x() - x) <= 0.5 * mupp and abs(ctr.y() - y) <= 0.5 * mupp

    def zoom_out(self):
        self.user_moved_map()
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
        from ...io.raster import rasterize

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
                [(f"{number(d)} m", {"depth": d}) for d in workshop.RETENTION_DEPTHS],
            )
        if self.tool_mode == "unsealing" and psi is None:
            names = {
                "green": self.tr("green space"),
                "grass pavers": self.tr("grass pavers"),
                "open joints": self.tr("open-joint paving"),
            }
            return self.show_choice_card(
                self.tr("New runoff coefficient"),
                [(f"ψ {number(p)} – {names[n]}", {"psi": p}) for p, n in workshop.UNSEALING_PSI],
            )
        geom = QgsGeometry.fromPolygonXY([self.draft + [self.draft[0]]])
        cells, g_dem = self._cells_of(geom)
        m = self.ws.area_measure(self.tool_mode, cells, g_dem.area(), depth, psi, g_dem.asWkb())
        self.draft = []
        self._update_rubber()
        self.after_change()
        return m

    def _choose(self, kw):
        self.close_card()
        return self.finish_polygon(**kw)

    def toggle_green_roof(self, pos):
        """A tap on a building puts a green roof on it (a second tap takes it off again)."""
        if self.live is None or self.building_ids is None:
            return None
        pd = self.to_dem(self.to_map(pos))
        b = self.ws.building_at(pd.x(), pd.y())
        if b <= 0:
            return None
        added = self.ws.toggle_green_roof(b)
        self.after_change()
        return added[0] if added else None

    def undo(self):
        if self.draft:
            self.draft.pop()
            self._update_rubber()
        elif self.ws.undo():
            self.after_change()

    def to_dem(self, map_point):
        """A map point in the DEM's CRS."""
        return QgsCoordinateTransform(
            self.iface.mapCanvas().mapSettings().destinationCrs(),
            self.dem_layer().crs(),
            QgsProject.instance(),
        ).transform(map_point)
