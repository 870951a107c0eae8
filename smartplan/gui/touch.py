"""Touch gestures on the map canvas: one-finger pan, pinch zoom, two-finger tap (zoom out), tap and
long press. The event filter turns Qt touch events into touch-point lists; the recogniser works on
those lists, so tests can drive exactly the code path real touch screens use."""

import math
import time
import traceback

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QEvent, QObject, QPointF, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QPinchGesture


def touch_points(ev):
    """[(id, QPointF in the widget, released)] of a QTouchEvent, on Qt 5 (``touchPoints()``,
    ``pos()``, ``Qt.TouchPointState``) and Qt 6 (``points()``, ``position()``,
    ``QEventPoint.State``)."""
    if hasattr(ev, "points"):  # Qt 6
        return [(p.id(), QPointF(p.position()), p.state() == type(p).State.Released) for p in ev.points()]
    return [
        (p.id(), QPointF(p.pos()), p.state() == Qt.TouchPointState.TouchPointReleased)
        for p in ev.touchPoints()
    ]


class TouchGestures(QObject):
    panned = pyqtSignal(float, float)  # dx, dy in pixels
    pinched = pyqtSignal(float, QPointF)  # factor (> 1: fingers apart = zoom in), centre in pixels
    twoFingerTapped = pyqtSignal(QPointF)  # noqa: N815
    tapped = pyqtSignal(QPointF)
    longPressed = pyqtSignal(QPointF)  # noqa: N815

    LONG_PRESS_MS = 650
    TAP_MS = 400

    def __init__(self, parent=None, slop_px=12.0):
        super().__init__(parent)
        self.slop = slop_px
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._long_press)
        self._reset()

    def _reset(self):
        self.start = {}
        self.last = {}
        self.t0 = 0.0
        self.max_points = 0
        self.moved = 0.0
        self.panning = False
        self.long_fired = False
        self.timer.stop()

    # ---------------------------------------------------------------- touch-point lists
    def begin(self, points):
        """``points``: [(id, QPointF)] of the fingers down."""
        self._reset()
        self.t0 = time.monotonic()
        for pid, pos in points:
            self.start[pid] = QPointF(pos)
            self.last[pid] = QPointF(pos)
        self.max_points = len(points)
        if len(points) == 1:
            self.timer.start(self.LONG_PRESS_MS)

    def update(self, points):
        for pid, pos in points:
            self.start.setdefault(pid, QPointF(pos))
            self.last.setdefault(pid, QPointF(pos))
        self.max_points = max(self.max_points, len(points))
        if len(points) >= 2:
            self.timer.stop()
            (ia, pa), (ib, pb) = points[0], points[1]
            la, lb = self.last[ia], self.last[ib]
            d_old = math.hypot(la.x() - lb.x(), la.y() - lb.y())
            d_new = math.hypot(pa.x() - pb.x(), pa.y() - pb.y())
            c_old = QPointF((la.x() + lb.x()) / 2, (la.y() + lb.y()) / 2)
            c_new = QPointF((pa.x() + pb.x()) / 2, (pa.y() + pb.y()) / 2)
            for pid, pos in ((ia, pa), (ib, pb)):
                s = self.start[pid]
                self.moved = max(self.moved, math.hypot(pos.x() - s.x(), pos.y() - s.y()))
            if self.moved > self.slop:
                if d_old > 0 and abs(d_new / d_old - 1.0) > 1e-3:
                    self.pinched.emit(d_new / d_old, c_new)
                if c_new != c_old:
                    self.panned.emit(c_new.x() - c_old.x(), c_new.y() - c_old.y())
        elif len(points) == 1 and self.max_points == 1:
            pid, pos = points[0]
            s, last = self.start[pid], self.last[pid]
            self.moved = max(self.moved, math.hypot(pos.x() - s.x(), pos.y() - s.y()))
            if self.moved > self.slop:
                self.timer.stop()
                if not self.panning:  # start the pan where the finger first touched
                    self.panning = True
                    last = s
                self.panned.emit(pos.x() - last.x(), pos.y() - last.y())
        for pid, pos in points:
            self.last[pid] = QPointF(pos)

    def end(self, points=()):
        self.update([p for p in points if p[0] in self.last]) if points else None
        dt = (time.monotonic() - self.t0) * 1000.0
        if self.max_points >= 2 and self.moved <= self.slop and dt <= self.TAP_MS * 1.5:
            pts = list(self.last.values())
            self.twoFingerTapped.emit(
                QPointF(sum(p.x() for p in pts) / len(pts), sum(p.y() for p in pts) / len(pts))
            )
        elif self.max_points == 1 and not self.panning and not self.long_fired and self.moved <= self.slop:
            self.tapped.emit(QPointF(next(iter(self.last.values()))))
        self._reset()

    def _long_press(self):
        if self.max_points == 1 and not self.panning and self.last:
            self.long_fired = True
            self.longPressed.emit(QPointF(next(iter(self.last.values()))))

    # ---------------------------------------------------------------- Qt events
    def eventFilter(self, obj, ev):  # noqa: N802
        try:
            return self._filter(obj, ev)
        except Exception:  # noqa: BLE001 - an exception escaping an event filter aborts PyQt
            # never silent: a gesture that does nothing must leave a trace in the log
            QgsMessageLog.logMessage(
                "touch event failed:\n" + traceback.format_exc(), "SmartPlan", Qgis.MessageLevel.Warning
            )
            self._reset()
            return False

    def _filter(self, obj, ev):
        t = ev.type()
        if t == QEvent.Type.Gesture:  # Qt's pinch gesture (platforms that deliver gestures)
            g = ev.gesture(Qt.GestureType.PinchGesture)
            if (
                g is not None
                and g.changeFlags() & QPinchGesture.ChangeFlag.ScaleFactorChanged
                and g.scaleFactor() > 0
            ):
                centre = obj.mapFromGlobal(g.centerPoint().toPoint())  # the gesture centre is global
                self.pinched.emit(float(g.scaleFactor()), QPointF(centre))
                ev.accept()
                return True
            return False
        if t in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            points = touch_points(ev)
            down = [(pid, pos) for pid, pos, released in points if not released]
            if t == QEvent.Type.TouchBegin:
                self.begin(down)
            elif t == QEvent.Type.TouchUpdate:
                self.update(down)
            elif t == QEvent.Type.TouchCancel:
                self._reset()
            else:
                self.end([(pid, pos) for pid, pos, _released in points])
            ev.accept()
            return True
        return False
