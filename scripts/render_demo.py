"""Render one PNG map per demo output (styles come from the outputs themselves: QML beside the
GeoTIFFs, default styles inside the GeoPackages)."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsRasterLayer,
    QgsVectorLayer,
)

from smartplan.io.maplayout import export_map  # noqa: E402

SOURCES = (
    "Data: DEM 1 m LiDAR (PyPI package lidar 0.8.4, MIT, © Qiusheng Wu); buildings, roads, "
    "sites, stations, green spaces: synthetic (SmartPlan demo). Made with SmartPlan."
)
LIMITS = (
    "Limits: topographic screening (DWA-M 119, tier 2): sinks fill from their own catchment, no "
    "sewer hydraulics, no flow velocities, no infiltration beyond the runoff coefficient. "
    "Not a flood hazard map; check on site."
)


SUBTITLE = "SmartPlan demo · bundled 1 m LiDAR DEM, 400 × 400 m"
NAMES = {
    "depth.tif": "Senkentiefe / sink depth [m]",
    "pour_points.gpkg": "Überlaufpunkte / pour points",
    "sinks.gpkg": "Senken nach max. Tiefe / sinks by max. depth",
    "catchments.gpkg": "Lokale Einzugsgebiete / local catchments",
    "water_depth.tif": "Wassertiefe / water depth [m]",
    "spill_network.gpkg": "Überlaufnetz / spill network",
    "flooded.gpkg": "Überflutete Senken, Wassertiefe / flooded sinks, water depth",
    "flowpaths.gpkg": "Fließwege nach Einzugsfläche / flow paths by upstream area",
    "buildings_near.gpkg": "Gebäude am Fließweg / buildings near flow paths",
    "corridor.gpkg": "Fließweg-Korridor / flow-path corridor",
    "critical_affected.gpkg": "Kritische Einrichtungen / critical sites",
    "underpasses.gpkg": "Unterführungen / underpasses",
    "roads_affected.gpkg": "Straßen nach Befahrbarkeit / roads by passability",
    "buildings_affected.gpkg": "Betroffene Gebäude / affected buildings",
    "demo_stations.gpkg": "Wachen / stations",
    "unreachable.gpkg": "Nicht erreichbar / unreachable",
    "blocked.gpkg": "Gesperrte Straßen / blocked roads",
    "routes.gpkg": "Umwege / detours",
    "service_area.gpkg": "Erreichbar in der Zeit / reachable in time",
    "roof_faces.gpkg": "Dachflächen nach Eignung / roof faces by suitability",
    "greenroofs.gpkg": "Gebäude nach Gründachklasse / buildings by class",
    "accumulation.tif": "Einzugsfläche / upstream area",
    "city/accumulation.vrt": "Einzugsfläche / upstream area",
    "city_sinks.gpkg": "Senken über Kacheln / sinks across tiles",
    "city_water_depth.tif": "Wassertiefe / water depth",
    "city_flooded.gpkg": "Überflutete Senken / flooded sinks",
    "city_spill_network.gpkg": "Überlaufwege / spill network",
    "beteiligung.gpkg|layername=contributions_point": "Hinweise (Punkte) / contributions",
    "beteiligung.gpkg|layername=contributions_line": "Hinweise (Linien) / contributions",
    "beteiligung.gpkg|layername=contributions_area": "Hinweise (Flächen) / contributions",
}


def main(out, data):
    app = QgsApplication([], False)
    app.initQgis()
    ok = render_all(out, data)  # layers live only inside: they must be gone before exitQgis()
    app.exitQgis()
    return 0 if ok else 1


def render_all(out, data):
    hill = QgsRasterLayer(os.path.join(out, "filled.tif"), "Gelände (Schummerung) / terrain")
    bld = QgsVectorLayer(os.path.join(data, "demo_buildings.gpkg"), "Gebäude / buildings")
    bld.renderer().setSymbol(
        QgsFillSymbol.createSimple({"color": "#9e9e9e", "outline_color": "#424242", "outline_width": "0.3"})
    )

    def lyr(name, raster=False, base=out):
        p = os.path.join(base, name)
        label = NAMES.get(name, name)
        layer = QgsRasterLayer(p, label) if raster else QgsVectorLayer(p, label)
        assert layer.isValid(), p
        return layer

    stations = lyr("demo_stations.gpkg", base=data)
    stations.renderer().setSymbol(
        QgsMarkerSymbol.createSimple(
            {"name": "star", "color": "#c62828", "outline_color": "#ffffff", "size": "5"}
        )
    )

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
                stations,
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
        "city_rain.png": (
            [
                tile_grid(hill, 128),
                lyr("city_spill_network.gpkg"),
                lyr("city_water_depth.tif", True),
                lyr("city_flooded.gpkg"),
                hill,
            ],
            "City scale: heavy rain 90 mm across 16 work tiles / Starkregen stadtweit, 16 Kacheln",
        ),
    }
    ok = feedback_charts(out)
    for name, (layers, title) in maps.items():
        png = os.path.join(out, name)
        export_map(
            layers,
            png,
            title,
            pdf_path=os.path.splitext(png)[0] + ".pdf",
            crs=hill.crs(),
            subtitle=SUBTITLE,
            sources=SOURCES,
            limits=LIMITS,
        )
        if os.path.getsize(png) < 20000:
            print("blank map:", name)
            ok = False
    return ok


def tile_grid(raster, cells):
    """The seams of the work tiles (``cells`` per side) over ``raster``, as dashed lines."""
    from qgis.core import QgsFeature, QgsGeometry, QgsLineSymbol, QgsPointXY

    e = raster.extent()
    dx = raster.rasterUnitsPerPixelX()
    grid = QgsVectorLayer(f"LineString?crs={raster.crs().authid()}", "Arbeitskacheln / work tiles", "memory")
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
    grid.renderer().setSymbol(
        QgsLineSymbol.createSimple({"color": "#d32f2f", "width": "0.5", "line_style": "dash"})
    )
    return grid


def feedback_charts(out):
    """The statistics sheet of the imported sample feedback (the panel's 'export charts')."""
    from smartplan.core import feedback as fb
    from smartplan.io import feedback_report
    from smartplan.io.feedback_store import read_store

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
