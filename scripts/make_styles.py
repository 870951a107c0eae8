"""Regenerate the QML styles in resources/styles with the QGIS API (run with Debian's python3:
`QT_QPA_PLATFORM=offscreen python3 scripts/make_styles.py`). The generated files are committed;
building them through the API keeps them valid for QGIS 3.22 and later."""

import os
import sys

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsHillshadeRenderer,
    QgsLineSymbol,
    QgsMarkerLineSymbolLayer,
    QgsMarkerSymbol,
    QgsPalettedRasterRenderer,
    QgsProperty,
    QgsRasterDataProvider,
    QgsRasterLayer,
    QgsRasterShader,
    QgsRendererCategory,
    QgsRendererRange,
    QgsRuleBasedRenderer,
    QgsSingleBandPseudoColorRenderer,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "styles")
DEPTH_CLASSES = [  # (upper bound, colour, label) - Ulm: from 0.1 m water can enter buildings
    (0.1, "#c6dbef", "< 0.1 m"),
    (0.3, "#6baed6", "0.1 – 0.3 m"),
    (0.5, "#2171b5", "0.3 – 0.5 m"),
    (1e9, "#08306b", "> 0.5 m"),
]


def depth_raster(name, tmp_tif):
    lyr = QgsRasterLayer(tmp_tif, name)
    items = [QgsColorRampShader.ColorRampItem(0.0, QColor(0, 0, 0, 0), "0")]
    for ub, col, lab in DEPTH_CLASSES:
        items.append(QgsColorRampShader.ColorRampItem(ub if ub < 1e8 else float("inf"), QColor(col), lab))
    ramp = QgsColorRampShader(0.0, 1.0)
    ramp.setColorRampType(QgsColorRampShader.Discrete)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    r = QgsSingleBandPseudoColorRenderer(lyr.dataProvider(), 1, shader)
    r.setClassificationMin(0.0)
    r.setClassificationMax(1.0)
    lyr.setRenderer(r)
    lyr.setOpacity(0.85)
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


def hillshade(name, tmp_tif):
    lyr = QgsRasterLayer(tmp_tif, name)
    r = QgsHillshadeRenderer(lyr.dataProvider(), 1, 315.0, 45.0)
    r.setMultiDirectional(True)
    lyr.setRenderer(r)
    # resample the elevations *before* shading: shading nearest-neighbour copies of the cells
    # gives zero slope inside each copy and steps at its edges, a regular stripe pattern
    dp = lyr.dataProvider()
    dp.enableProviderResampling(True)
    dp.setZoomedInResamplingMethod(QgsRasterDataProvider.ResamplingMethod.Bilinear)
    dp.setZoomedOutResamplingMethod(QgsRasterDataProvider.ResamplingMethod.Bilinear)
    lyr.setResamplingStage(Qgis.RasterResamplingStage.Provider)
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


def sinks(name):
    """Outermost sinks filled by depth class; nested sinks (level >= 2) as dashed outlines."""
    lyr = QgsVectorLayer("MultiPolygon?field=depth_class:integer&field=level:integer", name, "memory")
    root = QgsRuleBasedRenderer.Rule(None)
    for i, (_ub, col, lab) in enumerate(DEPTH_CLASSES, start=1):
        sym = QgsFillSymbol.createSimple({"color": col, "outline_color": "#08306b", "outline_width": "0.3"})
        sym.setOpacity(0.8)
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, f'"level" = 1 AND "depth_class" = {i}', lab))
    nested = QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#9ecae1", "outline_width": "0.2", "outline_style": "dash"}
    )
    root.appendChild(
        QgsRuleBasedRenderer.Rule(nested, 0, 0, '"level" >= 2', "nested sink / verschachtelte Senke")
    )
    lyr.setRenderer(QgsRuleBasedRenderer(root))
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


def flooded(name):
    lyr = QgsVectorLayer("MultiPolygon?field=max_water_depth_m:double", name, "memory")
    ranges, lo = [], 0.0
    for ub, col, lab in DEPTH_CLASSES:
        sym = QgsFillSymbol.createSimple({"color": col, "outline_color": "#08306b", "outline_width": "0.3"})
        sym.setOpacity(0.8)
        ranges.append(QgsRendererRange(lo, ub, sym, lab))
        lo = ub
    lyr.setRenderer(QgsGraduatedSymbolRenderer("max_water_depth_m", ranges))
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


def simple(name, geom, symbol):
    lyr = QgsVectorLayer(f"{geom}", name, "memory")
    lyr.setRenderer(QgsSingleSymbolRenderer(symbol))
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


def accumulation(name, tmp_tif):
    """Upstream area on a log-like scale of discrete classes (m²)."""
    lyr = QgsRasterLayer(tmp_tif, name)
    stops = [
        (1000, "#f7f4f9", "< 0.1 ha"),
        (5000, "#d4b9da", "0.1 – 0.5 ha"),
        (20000, "#df65b0", "0.5 – 2 ha"),
        (100000, "#ce1256", "2 – 10 ha"),
        (500000, "#91003f", "10 – 50 ha"),
        (float("inf"), "#49006a", "≥ 50 ha"),
    ]
    items = [QgsColorRampShader.ColorRampItem(1000.0, QColor(0, 0, 0, 0), "< 0.1 ha")]
    items += [QgsColorRampShader.ColorRampItem(v, QColor(c), lab) for v, c, lab in stops[1:]]
    ramp = QgsColorRampShader(0.0, 1e6)
    ramp.setColorRampType(QgsColorRampShader.Discrete)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    r = QgsSingleBandPseudoColorRenderer(lyr.dataProvider(), 1, shader)
    r.setClassificationMin(0.0)
    r.setClassificationMax(1e6)
    lyr.setRenderer(r)
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


def flow_direction(name, tmp_tif):
    lyr = QgsRasterLayer(tmp_tif, name)
    names = [
        (0, "#000000", "0 off the map"),
        (1, "#e41a1c", "1 E"),
        (2, "#ff7f00", "2 SE"),
        (4, "#ffff33", "4 S"),
        (8, "#4daf4a", "8 SW"),
        (16, "#377eb8", "16 W"),
        (32, "#984ea3", "32 NW"),
        (64, "#a65628", "64 N"),
        (128, "#f781bf", "128 NE"),
    ]
    classes = [QgsPalettedRasterRenderer.Class(v, QColor(c), lab) for v, c, lab in names]
    lyr.setRenderer(QgsPalettedRasterRenderer(lyr.dataProvider(), 1, classes))
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


FLOW_CLASSES = [  # class index of smartplan:flowpaths -> colour, width (Hamburg: magenta lines)
    (0, "#f1b6da", 0.3, "< 0.5 ha"),
    (1, "#de77ae", 0.5, "0.5 – 2 ha"),
    (2, "#c51b7d", 0.8, "2 – 10 ha"),
    (3, "#8e0152", 1.2, "10 – 50 ha"),
    (4, "#4d0034", 1.8, "≥ 50 ha"),
]


def flowpaths(name):
    """Classes by colour and width; lines across filled sinks (in_sink) thin and dashed."""
    lyr = QgsVectorLayer("LineString?field=class:integer&field=in_sink:boolean", name, "memory")
    root = QgsRuleBasedRenderer.Rule(None)
    for v, col, width, lab in FLOW_CLASSES:
        sym = QgsLineSymbol.createSimple(
            {"color": col, "width": str(width), "capstyle": "round", "joinstyle": "round"}
        )
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, f'NOT "in_sink" AND "class" = {v}', lab))
    dashed = QgsLineSymbol.createSimple({"color": "#c51b7d", "width": "0.25", "line_style": "dash"})
    root.appendChild(
        QgsRuleBasedRenderer.Rule(dashed, 0, 0, '"in_sink"', "across a filled sink / durch eine Senke")
    )
    lyr.setRenderer(QgsRuleBasedRenderer(root))
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


def corridor(name):
    lyr = QgsVectorLayer("MultiPolygon?field=class:integer", name, "memory")
    cats = []
    for v, col, _w, lab in FLOW_CLASSES:
        sym = QgsFillSymbol.createSimple({"color": col, "outline_color": col, "outline_width": "0.2"})
        sym.setOpacity(0.25)
        cats.append(QgsRendererCategory(v, sym, lab))
    lyr.setRenderer(QgsCategorizedSymbolRenderer("class", cats))
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


def buildings_near(name):
    """Hessen: red <= 5 m, orange <= 10 m, yellow <= 15 m."""
    lyr = QgsVectorLayer("MultiPolygon?field=dist_class:integer", name, "memory")
    cats = []
    for v, col, lab in ((1, "#e31a1c", "≤ 5 m"), (2, "#fd8d3c", "≤ 10 m"), (3, "#fecc5c", "≤ 15 m")):
        sym = QgsFillSymbol.createSimple({"color": col, "outline_color": "#404040", "outline_width": "0.3"})
        cats.append(QgsRendererCategory(v, sym, lab))
    lyr.setRenderer(QgsCategorizedSymbolRenderer("dist_class", cats))
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


GREEN_CLASSES = (  # cadastre colours (Münster / LANUV): dark green -> red
    (1, "#1a9641", "1 sehr gut / very good (0–5°)"),
    (2, "#7fc97f", "2 gut / good (5–15°)"),
    (3, "#ffd92f", "3 geeignet, Schubsicherung / suitable, shear protection (15–30°)"),
    (4, "#fd8d3c", "4 weniger geeignet / less suitable (30–45°)"),
    (5, "#d7191c", "5 ungeeignet / unsuitable (> 45°)"),
)


def green_classes(name, field, with_none):
    """Roof faces by class, buildings by dominant class (cadastre colours); 0 = no roof face."""
    lyr = QgsVectorLayer(f"MultiPolygon?field={field}:integer", name, "memory")
    cats = [QgsRendererCategory(v, fill_symbol(col, "#303030"), lab) for v, col, lab in GREEN_CLASSES]
    if with_none:
        cats.append(
            QgsRendererCategory(0, fill_symbol("#bdbdbd", "#707070"), "0 keine Dachfläche / no roof face")
        )
    lyr.setRenderer(QgsCategorizedSymbolRenderer(field, cats))
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


def rules(name, geom, specs):
    """Rule-based style from (symbol, expression, label) in priority order (first match wins)."""
    lyr = QgsVectorLayer(geom, name, "memory")
    root = QgsRuleBasedRenderer.Rule(None)
    for sym, expr, label in specs:
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, expr, label))
    root.setIsElse(False)
    renderer = QgsRuleBasedRenderer(root)
    lyr.setRenderer(renderer)
    lyr.saveNamedStyle(os.path.join(OUT, name + ".qml"))


FEEDBACK_COUNTS = (  # objects of smartplan:feedbacklink by the contributions near them
    ('"feedback_count" >= 6', "#a50f15", "6 + Beiträge / contributions"),
    ('"feedback_count" >= 3', "#ef3b2c", "3 – 5"),
    ('"feedback_count" >= 1', "#fc9272", "1 – 2"),
    ("TRUE", "#d9d9d9", "keine / none"),
)


def feedback_objects():
    """One style per geometry type (the output has the analysis layer's geometry)."""
    for geom, uri in (("polygon", "MultiPolygon"), ("line", "MultiLineString"), ("point", "Point")):
        specs = []
        for i, (expr, col, label) in enumerate(FEEDBACK_COUNTS):
            if geom == "polygon":
                sym = fill_symbol(col, "#404040")
            elif geom == "line":
                sym = line_symbol(col, 1.6 - 0.3 * i)
            else:
                sym = QgsMarkerSymbol.createSimple(
                    {"name": "circle", "color": col, "outline_color": "#404040", "size": str(4.4 - 0.6 * i)}
                )
            specs.append((sym, expr, label))
        rules(f"feedback_objects_{geom}", f"{uri}?field=feedback_count:integer", specs)


def fill_symbol(color, outline="#404040"):
    return QgsFillSymbol.createSimple({"color": color, "outline_color": outline, "outline_width": "0.3"})


def line_symbol(color, width, style="solid"):
    return QgsLineSymbol.createSimple(
        {"color": color, "width": str(width), "line_style": style, "capstyle": "round"}
    )


def main():
    app = QgsApplication([], False)
    app.initQgis()
    os.makedirs(OUT, exist_ok=True)
    from osgeo import gdal

    tmp = "/vsimem/style_tmp.tif"
    ds = gdal.GetDriverByName("GTiff").Create(tmp, 4, 4, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((0, 1, 0, 4, 0, -1))
    ds = None
    depth_raster("depth", tmp)
    depth_raster("water_depth", tmp)
    hillshade("filled", tmp)
    accumulation("accumulation", tmp)
    flow_direction("flow_direction", tmp)
    flowpaths("flowpaths")
    corridor("corridor")
    buildings_near("buildings_near")
    feedback_objects()
    green_classes("greenroof_faces", "class", False)
    green_classes("greenroof_buildings", "dominant_class", True)
    rules(
        "buildings_affected",
        "MultiPolygon?field=flooded:boolean&field=dist_class:integer",
        [
            (fill_symbol("#7a0177"), '"flooded"', "flooded (wall depth) / überflutet"),
            (fill_symbol("#e31a1c"), '"dist_class" = 1', "≤ 5 m from a flow path"),
            (fill_symbol("#fd8d3c"), '"dist_class" = 2', "≤ 10 m"),
            (fill_symbol("#fecc5c"), '"dist_class" = 3', "≤ 15 m"),
            (fill_symbol("#fbb4b9"), '"in_corridor"', "in the corridor / im Korridor"),
        ],
    )
    rules(
        "roads_affected",
        "LineString?field=flooded:boolean",
        [
            (line_symbol("#67000d", 1.4), 'NOT "passable_emergency"', "impassable for emergency vehicles"),
            (line_symbol("#ef3b2c", 1.0), 'NOT "passable_car"', "impassable for cars"),
            (line_symbol("#4292c6", 0.8), '"flooded"', "under water, passable"),
            (line_symbol("#9e9e9e", 0.3), 'NOT "flooded"', "dry"),
        ],
    )
    rules(
        "underpasses",
        "LineString?field=flooded:boolean",
        [
            (line_symbol("#6a51a3", 1.6, "dash"), '"flooded"', "underpass under water"),
            (line_symbol("#bcbddc", 1.0, "dash"), 'NOT "flooded"', "underpass, dry"),
        ],
    )
    rules(
        "notwasserwege",
        "MultiLineString?field=status:string&field=conflict:string",
        [
            (line_symbol("#1a9850", 1.6), "\"status\" = 'confirmed'", "confirmed / bestätigt"),
            (line_symbol("#bdbdbd", 0.8, "dash"), "\"status\" = 'rejected'", "rejected / verworfen"),
            (line_symbol("#fd8d3c", 1.4), '"conflict" IS NOT NULL', "candidate with conflict / mit Konflikt"),
            (line_symbol("#2171b5", 1.4), "TRUE", "candidate / Vorschlag"),
        ],
    )
    cross = QgsMarkerSymbol.createSimple(
        {"name": "cross_fill", "color": "#d7301f", "outline_color": "#ffffff", "size": "4"}
    )
    simple("conflicts", "Point", cross)
    simple("blocked_roads", "LineString", line_symbol("#67000d", 1.8))
    rules(
        "emergency_routes",
        "LineString?field=reachable:boolean&field=in_time_flood:boolean",
        [
            (
                line_symbol("#cb181d", 1.2, "dash"),
                'NOT "reachable"',
                "cut off (dry route shown) / abgeschnitten",
            ),
            (line_symbol("#fd8d3c", 1.0), 'NOT "in_time_flood"', "too late when flooded / zu spät"),
            (line_symbol("#238b45", 0.8), "TRUE", "in time / rechtzeitig"),
        ],
    )
    rules(
        "service_area",
        "LineString?field=in_time_flood:boolean&field=blocked:boolean",
        [
            (line_symbol("#67000d", 1.4), '"blocked"', "blocked / gesperrt"),
            (line_symbol("#fd8d3c", 0.9), 'NOT "in_time_flood"', "in time only when dry / nur trocken"),
            (line_symbol("#41ab5d", 0.7), "TRUE", "in time also when flooded / auch bei Überflutung"),
        ],
    )
    hull_dry = QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#2171b5", "outline_width": "0.6", "outline_style": "dash"}
    )
    hull_fl = QgsFillSymbol.createSimple(
        {"color": "65,171,93,60", "outline_color": "#238b45", "outline_width": "0.6"}
    )
    rules(
        "service_hull",
        "MultiPolygon?field=network:string",
        [
            (hull_fl, "\"network\" = 'flooded'", "in time when flooded / bei Überflutung"),
            (hull_dry, "\"network\" = 'dry'", "in time when dry / trocken"),
        ],
    )
    simple(
        "unreachable",
        "Point",
        QgsMarkerSymbol.createSimple(
            {"name": "diamond", "color": "#cb181d", "outline_color": "#ffffff", "size": "4.5"}
        ),
    )
    star = QgsMarkerSymbol.createSimple(
        {"name": "star", "color": "#e31a1c", "outline_color": "#ffffff", "size": "5"}
    )
    simple("critical_affected", "Point", star)
    sinks("sinks")
    flooded("flooded")
    simple(
        "pour_points",
        "Point",
        QgsMarkerSymbol.createSimple(
            {"name": "triangle", "color": "#e31a1c", "outline_color": "#ffffff", "size": "3"}
        ),
    )
    simple(
        "catchments",
        "MultiPolygon",
        QgsFillSymbol.createSimple(
            {"color": "0,0,0,0", "outline_color": "#636363", "outline_width": "0.4", "outline_style": "dash"}
        ),
    )
    # spill lines: width grows with the spilled volume, a small arrow head at the downstream end
    line = QgsLineSymbol.createSimple({"color": "#d7301f", "width": "0.35", "capstyle": "round"})
    line.symbolLayer(0).setDataDefinedProperty(
        QgsSymbolLayer.PropertyStrokeWidth,
        QgsProperty.fromExpression('scale_linear(log10(coalesce("spill_m3", 0) + 1), 0, 4, 0.2, 1.4)'),
    )
    head = QgsMarkerLineSymbolLayer()
    head.setPlacement(QgsMarkerLineSymbolLayer.LastVertex)
    head.setSubSymbol(
        QgsMarkerSymbol.createSimple(
            {"name": "filled_arrowhead", "color": "#d7301f", "outline_style": "no", "size": "2.2"}
        )
    )
    line.appendSymbolLayer(head)
    simple("spill_network", "LineString", line)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
