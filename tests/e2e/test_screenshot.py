"""Render what users see: the map of a depressions run beside the SmartPlan dock, offscreen."""

import os

import processing
from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QMainWindow

from smartplan.gui.dock import SmartPlanDock
from smartplan.io.maprender import image_is_not_blank


def test_main_window_with_dock_screenshot(provider_only, real_data, tmp_path, root):
    out = processing.run(
        "smartplan:depressions",
        {
            "DEM": os.path.join(real_data, "lidar_mn_1m_dem.tif"),
            "FILLED": str(tmp_path / "f.tif"),
            "DEPTH": str(tmp_path / "d.tif"),
            "SINKS": str(tmp_path / "s.gpkg"),
            "POUR_POINTS": str(tmp_path / "p.gpkg"),
        },
    )
    layers = [
        QgsVectorLayer(out["POUR_POINTS"], "Überlaufpunkte"),
        QgsVectorLayer(out["SINKS"], "Senken"),
        QgsRasterLayer(out["FILLED"], "DGM"),
    ]
    for lyr in layers:
        assert lyr.isValid()
        QgsProject.instance().addMapLayer(lyr)
    win = QMainWindow()
    win.setGeometry(0, 0, 1400, 850)
    canvas = QgsMapCanvas(win)
    win.setCentralWidget(canvas)
    canvas.setDestinationCrs(layers[2].crs())
    canvas.setLayers(layers)
    canvas.setExtent(layers[2].extent())
    dock = SmartPlanDock(win)
    win.addDockWidget(Qt.RightDockWidgetArea, dock)
    win.show()
    canvas.refresh()
    canvas.waitWhileRendering()
    img = win.grab().toImage()
    path = tmp_path / "main_window.png"
    assert img.save(str(path))
    assert img.width() >= 1400 and img.height() >= 850
    assert image_is_not_blank(img, min_colors=12)
    dock_img = dock.grab().toImage()
    assert dock_img.width() > 150 and image_is_not_blank(dock_img, min_colors=3)
    if os.environ.get("SMARTPLAN_UPDATE_DOCS"):
        img.save(os.path.join(root, "docs", "screenshot-main-window.png"))
    win.close()
    QgsProject.instance().removeAllMapLayers()


def test_dock_in_german(german, qgis_processing, tmp_path, root):
    """With the QGIS locale set to German the dock and the algorithm names are German."""
    import smartplan

    p = smartplan.classFactory(None)
    p.initProcessing()
    try:
        dock = SmartPlanDock()
        dock.resize(420, 520)
        texts = {b.text() for b in dock.alg_buttons.values()}
        assert {"Senkenanalyse", "Fließwege", "Notwasserwege", "Betroffenheitsanalyse"} <= texts
        assert dock.tabs.tabText(0) == "Starkregen"
        img = dock.grab().toImage()
        assert image_is_not_blank(img, min_colors=3)
        img.save(str(tmp_path / "dock_de.png"))
        if os.environ.get("SMARTPLAN_UPDATE_DOCS"):
            img.save(os.path.join(root, "docs", "screenshot-dock-de.png"))
    finally:
        p.unload()
