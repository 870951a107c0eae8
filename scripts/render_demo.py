"""Render one PNG map per demo output (styles come from the outputs themselves: QML beside the
GeoTIFFs, default styles inside the GeoPackages)."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from qgis.core import QgsApplication, QgsFillSymbol, QgsRasterLayer, QgsVectorLayer  # noqa: E402

from smartplan_plugin.io.maprender import image_is_not_blank, render_png  # noqa: E402


def main(out, data):
    app = QgsApplication([], False)
    app.initQgis()
    ok = render_all(out, data)  # layers live only inside: they must be gone before exitQgis()
    app.exitQgis()
    return 0 if ok else 1


def render_all(out, data):
    hill = QgsRasterLayer(os.path.join(out, "filled.tif"), "filled")
    bld = QgsVectorLayer(os.path.join(data, "demo_buildings.gpkg"), "buildings")
    bld.renderer().setSymbol(
        QgsFillSymbol.createSimple({"color": "#9e9e9e", "outline_color": "#424242", "outline_width": "0.3"})
    )

    def lyr(name, raster=False):
        p = os.path.join(out, name)
        layer = QgsRasterLayer(p, name) if raster else QgsVectorLayer(p, name)
        assert layer.isValid(), p
        return layer

    maps = {
        "filled.png": ([hill], "Filled surface (hillshade) / Gefüllte Oberfläche"),
        "depth.png": ([lyr("depth.tif", True), hill], "Sink depth / Senkentiefe"),
        "sinks.png": (
            [lyr("pour_points.gpkg"), bld, lyr("sinks.gpkg"), hill],
            "Sinks by depth class, pour points / Senken, Überlaufpunkte",
        ),
        "catchments.png": (
            [lyr("catchments.gpkg"), lyr("sinks.gpkg"), hill],
            "Local catchments / Lokale Einzugsgebiete",
        ),
        "water_depth.png": ([bld, lyr("water_depth.tif", True), hill], "Water depth, 90 mm / Wassertiefe"),
        "flooded.png": (
            [lyr("spill_network.gpkg"), bld, lyr("flooded.gpkg"), hill],
            "Flooded sinks and spill network / Überflutete Senken, Überlaufnetz",
        ),
        "flowpaths.png": (
            [lyr("flowpaths.gpkg"), lyr("buildings_near.gpkg"), bld, lyr("corridor.gpkg"), hill],
            "Flow paths, corridor, buildings near paths / Fließwege, Korridor, Gebäude",
        ),
        "affected.png": (
            [
                lyr("critical_affected.gpkg"),
                lyr("underpasses.gpkg"),
                lyr("roads_affected.gpkg"),
                lyr("buildings_affected.gpkg"),
                bld,
                lyr("water_depth.tif", True),
                hill,
            ],
            "Affected buildings, roads, sites (90 mm) / Betroffenheit",
        ),
        "emergencyroutes.png": (
            [
                lyr("unreachable.gpkg"),
                lyr("blocked.gpkg"),
                lyr("routes.gpkg"),
                lyr("service_area.gpkg"),
                bld,
                lyr("water_depth.tif", True),
                hill,
            ],
            "Detours around flooded roads / Umwege um überflutete Straßen",
        ),
        "greenroofs.png": (
            [lyr("roof_faces.gpkg"), hill],
            "Green-roof potential per roof face / Gründachpotenzial je Dachfläche",
        ),
        "greenroofs_buildings.png": (
            [lyr("greenroofs.gpkg"), hill],
            "Dominant class per building / Gründachklasse je Gebäude",
        ),
        "feedback.png": (
            [
                lyr("beteiligung.gpkg|layername=contributions_point"),
                lyr("beteiligung.gpkg|layername=contributions_line"),
                lyr("beteiligung.gpkg|layername=contributions_area"),
                lyr("sinks.gpkg"),
                hill,
            ],
            "Citizen feedback by category, sinks / Bürgerhinweise nach Kategorie, Senken",
        ),
        "accumulation.png": ([lyr("accumulation.tif", True), hill], "Upstream area / Einzugsfläche"),
        "city_scale.png": (
            [tile_grid(hill, 128), lyr("city/accumulation.vrt", True), lyr("city_sinks.gpkg"), hill],
            "City scale: sinks and upstream area across 16 work tiles / stadtweit, 16 Kacheln",
        ),
    }
    ok = feedback_charts(out)
    for name, (layers, title) in maps.items():
        img = render_png(layers, os.path.join(out, name), title=title, crs=hill.crs())
        if not image_is_not_blank(img):
            print("blank map:", name)
            ok = False
    return ok


def tile_grid(raster, cells):
    """The seams of the work tiles (``cells`` per side) over ``raster``, as dashed lines."""
    from qgis.core import QgsFeature, QgsGeometry, QgsLineSymbol, QgsPointXY

    e = raster.extent()
    dx = raster.rasterUnitsPerPixelX()
    grid = QgsVectorLayer(f"LineString?crs={raster.crs().authid()}", "tiles", "memory")
    feats = []
    x = e.xMinimum() + cells * dx
    while x < e.xMaximum():
        feats.append(QgsGeometry.fromPolylineXY([QgsPointXY(x, e.yMinimum()), QgsPointXY(x, e.yMaximum())]))
        x += cells * dx
    y = e.yMaximum() - cells * dx
    while y > e.yMinimum():
        feats.append(QgsGeometry.fromPolylineXY([QgsPointXY(e.xMinimum(), y), QgsPointXY(e.xMaximum(), y)]))
        y -= cells * dx
    out = []
    for g in feats:
        f = QgsFeature()
        f.setGeometry(g)
        out.append(f)
    grid.dataProvider().addFeatures(out)
    grid.renderer().setSymbol(QgsLineSymbol.createSimple(
        {"color": "#d32f2f", "width": "0.5", "line_style": "dash"}))
    return grid


def feedback_charts(out):
    """The statistics sheet of the imported sample feedback (the panel's 'export charts')."""
    from smartplan_plugin.core import feedback as fb
    from smartplan_plugin.io import feedback_report
    from smartplan_plugin.io.feedback_store import read_store

    records, _, styles, _ = read_store(os.path.join(out, "beteiligung.gpkg"))
    st = fb.statistics([r for r in records if r["status"] == "active"], styles=styles)
    labels = {
        "per_category": "Beiträge je Kategorie",
        "per_rubric": "je Rubrik",
        "per_day": "Beiträge je Tag",
        "top_rating": "Top nach Bewertung",
        "top_comments": "Top nach Kommentaren",
        "keywords": "Schlagworte",
    }
    feedback_report.charts_sheet_png(st, labels, os.path.join(out, "feedback_charts.png"))
    return st["total"] > 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
