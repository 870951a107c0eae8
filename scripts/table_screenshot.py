"""Render the planning-table mode on the demo outputs (run by `make demo` after scripts/demo.sh):
hillshade, sinks, live water depth, green-roof potential, citizen feedback, a retention area and
two green roofs of variant A, the info card of a sink. Writes demo-output/table-mode.png.

Usage: QT_QPA_PLATFORM=offscreen python3 scripts/table_screenshot.py demo-output demo/data"""

import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsExpressionContextUtils,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.gui import QgsMapCanvas  # noqa: E402
from qgis.PyQt.QtCore import QCoreApplication, QPointF  # noqa: E402
from qgis.PyQt.QtWidgets import QMainWindow  # noqa: E402


class MessageBar:
    def pushMessage(self, *args):  # noqa: N802 (QGIS API)
        print("message:", *args[:2])


class Iface:
    """The parts of QgisInterface the table mode uses."""

    def __init__(self, window, canvas):
        self.window, self.canvas, self.bar = window, canvas, MessageBar()

    def mainWindow(self):  # noqa: N802
        return self.window

    def mapCanvas(self):  # noqa: N802
        return self.canvas

    def messageBar(self):  # noqa: N802
        return self.bar


def wait(mode, seconds=60):
    t0 = time.time()
    while (mode.task is not None or mode.pending) and time.time() - t0 < seconds:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    t0 = time.time()
    while time.time() - t0 < 1.5:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def main(out, data):
    app = QgsApplication([], True)
    app.initQgis()
    import gc

    ok = render(out, data)
    gc.collect()
    QCoreApplication.processEvents()
    app.exitQgis()
    return 0 if ok else 1


def render(out, data):
    from smartplan.gui.table_mode import TableMode
    from smartplan.i18n import install_translator

    for name in ("planungstisch.gpkg", "beteiligung_planungstisch.gpkg"):  # a fresh workshop
        if os.path.exists(os.path.join(out, name)):
            os.remove(os.path.join(out, name))
    translator = install_translator("de")  # noqa: F841 (kept alive while rendering)
    proj = QgsProject.instance()
    dem = QgsRasterLayer(os.path.join(data, "lidar_mn_1m_dem.tif"), "DGM (dem)")
    hill = QgsRasterLayer(os.path.join(out, "filled.tif"), "Schummerung")
    layers = [
        QgsVectorLayer(os.path.join(out, "beteiligung.gpkg") + "|layername=contributions_point", "Hinweise"),
        QgsVectorLayer(os.path.join(out, "greenroofs.gpkg"), "Gründachpotenzial"),
        QgsVectorLayer(os.path.join(out, "flowpaths.gpkg"), "Fließwege"),
        QgsVectorLayer(os.path.join(out, "sinks.gpkg"), "Senken"),
        hill,
        dem,
    ]
    for lyr in layers:
        assert lyr.isValid(), lyr.source()
        proj.addMapLayer(lyr)
    proj.layerTreeRoot().findLayer(dem.id()).setItemVisibilityChecked(False)
    QgsExpressionContextUtils.setProjectVariable(proj, "smartplan_rain_mm", 90)
    win = QMainWindow()
    canvas = QgsMapCanvas(win)
    win.setCentralWidget(canvas)
    win.resize(1920, 1080)
    win.show()
    canvas.setDestinationCrs(dem.crs())
    canvas.setLayers([lyr for lyr in layers if lyr is not dem])
    mode = TableMode(Iface(win, canvas))
    mode.enter(workshop_path=os.path.join(out, "planungstisch.gpkg"))
    win.showNormal()
    win.resize(1920, 1080)
    QCoreApplication.processEvents()
    mode.layout_widgets()
    mode.show_whole_area()  # the whole area in the part the panel and the bar leave free
    wait(mode)
    if mode.live is None:
        print("live model not ready:", mode.live_error)
        return False
    gt = mode.grid.geotransform

    def px(col, row):
        p = canvas.getCoordinateTransform().transform(
            QgsPointXY(gt[0] + (col + 0.5) * gt[1], gt[3] + (row + 0.5) * gt[5])
        )
        return QPointF(p.x(), p.y())

    # two green roofs: the first two buildings of the building raster
    import numpy as np

    mode.set_tool("green_roof")
    for b in (1, 5):
        rows, cols = np.nonzero(mode.building_ids == b)
        if rows.size:
            mode.tap(px(int(cols.mean()), int(rows.mean())))
    mode.set_tool("retention")
    for c, r in ((150, 250), (200, 250), (200, 290), (150, 290)):
        mode.tap(px(c, r))
    mode.finish_polygon(depth=1.0)
    wait(mode)
    mode.set_tool("info")
    s = int(np.argmax(mode.live.table.volume_m3)) + 1
    rows, cols = np.nonzero(mode.live.table.labels == s)
    mode.show_info(px(int(np.median(cols)), int(np.median(rows))))
    wait(mode)
    img = canvas.grab().toImage()
    path = os.path.join(out, "table-mode.png")
    img.save(path)
    print("wrote", path, mode.figures.get("A"))
    mode.leave()
    # tear down while QGIS is alive: widgets first, then the project's layers
    canvas.setLayers([])
    win.close()
    win.deleteLater()
    QCoreApplication.processEvents()
    proj.clear()
    return True


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
