"""Touch through Qt's event path: real QTouchEvents sent to the map canvas of the planning table
(through the event filter, as a touch screen delivers them), built with the Qt 5 or the Qt 6 API
— not only the recogniser called directly."""

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPointF, Qt
from qgis.PyQt.QtGui import QTouchEvent
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QLabel

from tests.qgis.test_table_mode import X0, Y0, bowl, enter, pixel, table  # noqa: F401 (fixtures)

QT6 = not hasattr(QTouchEvent, "TouchPoint")


def touch_device():
    """A touch screen Qt knows (Qt 5: registered with the window system, as QTest's own
    createTouchDevice does in C++; PyQt5 does not wrap that)."""
    if QT6:
        return None
    import ctypes

    from qgis.PyQt import sip
    from qgis.PyQt.QtGui import QTouchDevice

    dev = QTouchDevice()
    dev.setType(QTouchDevice.DeviceType.TouchScreen)
    dev.setCapabilities(QTouchDevice.CapabilityFlag.Position)
    gui = ctypes.CDLL("libQt5Gui.so.5")
    gui._ZN22QWindowSystemInterface19registerTouchDeviceEPK12QTouchDevice(
        ctypes.c_void_p(sip.unwrapinstance(dev))
    )
    return dev


DEVICE = []


def send(widget, kind, points):
    """Deliver a touch event of ``kind`` ('begin', 'update', 'end') with ``points``
    [(id, QPointF, state)] to ``widget``. Qt 5: through the window system like a touch screen
    (QTest's touch sequence: QGuiApplication → the widget under the finger → its event filters);
    Qt 6: a QTouchEvent of QEventPoints sent to the widget."""
    if QT6:
        from qgis.PyQt.QtGui import QEventPoint

        etype = {
            "begin": QEvent.Type.TouchBegin,
            "update": QEvent.Type.TouchUpdate,
            "end": QEvent.Type.TouchEnd,
        }[kind]
        st = {
            "pressed": QEventPoint.State.Pressed,
            "moved": QEventPoint.State.Updated,
            "released": QEventPoint.State.Released,
        }
        pts = [
            QEventPoint(pid, st[s], QPointF(pos), QPointF(widget.mapToGlobal(pos.toPoint())))
            for pid, pos, s in points
        ]
        QCoreApplication.sendEvent(widget, QTouchEvent(etype, None, Qt.KeyboardModifier.NoModifier, pts))
    else:
        if not DEVICE:
            DEVICE.append(touch_device())
        seq = QTest.touchEvent(widget, DEVICE[0])
        for pid, pos, s in points:
            getattr(seq, {"pressed": "press", "moved": "move", "released": "release"}[s])(
                pid, pos.toPoint(), widget
            )
        seq.commit()
    QCoreApplication.processEvents()


def enter_framed(t):
    """The table with the analysis area framed in the free part of the screen (beside the side
    panel, above the bar): where a finger lands on the map and not on a panel."""
    mode = enter(t)
    mode.show_whole_area()
    t["canvas"].refresh()
    QCoreApplication.processEvents()
    return mode


def free_centre(mode):
    x, y, w, h = mode.free_area()
    return QPointF(x + w / 2, y + h / 2)


def test_a_finger_tap_on_a_sink_opens_its_card(table):  # noqa: F811
    mode = enter_framed(table)
    vp, canvas = table["canvas"].viewport(), table["canvas"]
    at = pixel(canvas, X0 + 10.5, Y0 - 6.5)
    c0 = canvas.center()
    send(vp, "begin", [(0, at, "pressed")])
    send(vp, "end", [(0, at, "released")])
    assert mode.card is not None
    assert "Sink 1" in " ".join(lab.text() for lab in mode.card.findChildren(QLabel))
    assert canvas.center() == c0  # a tap never moves the map


def test_a_finger_drag_pans_and_two_fingers_pinch(table):  # noqa: F811
    mode = enter_framed(table)
    vp, canvas = table["canvas"].viewport(), table["canvas"]
    c0, mupp = canvas.center(), canvas.mapUnitsPerPixel()
    o = free_centre(mode) - QPointF(50, 25)

    def at(dx, dy):
        return o + QPointF(dx, dy)

    send(vp, "begin", [(0, at(0, 0), "pressed")])
    send(vp, "update", [(0, at(30, 0), "moved")])
    send(vp, "update", [(0, at(100, 50), "moved")])
    send(vp, "end", [(0, at(100, 50), "released")])
    c1 = canvas.center()
    assert c1.x() == pytest.approx(c0.x() - 100 * mupp, abs=mupp)
    assert c1.y() == pytest.approx(c0.y() + 50 * mupp, abs=mupp)
    assert mode.card is None and not mode.draft  # a pan is no tap
    s0 = canvas.scale()
    send(vp, "begin", [(0, at(0, 0), "pressed"), (1, at(100, 0), "pressed")])
    send(vp, "update", [(0, at(-50, 0), "moved"), (1, at(150, 0), "moved")])
    send(vp, "end", [(0, at(-50, 0), "released"), (1, at(150, 0), "released")])
    assert canvas.scale() == pytest.approx(s0 / 2, rel=0.02)  # fingers twice as far apart


def test_finger_taps_draw_a_retention_area_where_they_land(table):  # noqa: F811
    mode = enter_framed(table)
    vp, canvas = table["canvas"].viewport(), table["canvas"]
    mode.set_tool("retention")
    c0 = canvas.center()
    for x, y in ((2, 2), (12, 2), (12, 12), (2, 12)):
        at = pixel(canvas, X0 + x, Y0 - y)
        send(vp, "begin", [(0, at, "pressed")])
        send(vp, "end", [(0, at, "released")])
    assert canvas.center() == c0
    drawn = [(round(p.x() - X0), round(Y0 - p.y())) for p in mode.draft]
    assert drawn == [(2, 2), (12, 2), (12, 12), (2, 12)]
