"""Maps a council can read: a QGIS print layout (A4 landscape) with the map, a title above it
(never over the map), a legend of the thematic layers with their scales, a scale bar, a north
arrow, the date, the data sources and the method's limits — exported to PNG and/or PDF.

Used by the demo maps and available to every export; texts come from the caller (translated or
bilingual), citizens' text never reaches it as markup (labels are plain text)."""

import datetime
import os
import re

from qgis.core import (
    QgsCoordinateTransform,
    QgsLayerTree,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsMapLayerType,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from .files import replacing

_BAND_TITLE = re.compile(r"^Band \d+")  # a raster legend's band line, e.g. "Band 1 (Gray)"


def _transparent_classes(layer):
    """Labels of a raster style's fully transparent classes (dry cells, no flow): the map shows
    nothing there, so the legend shows no swatch for them."""
    r = layer.renderer()
    items = []
    if (
        hasattr(r, "shader")
        and r.shader() is not None
        and hasattr(r.shader().rasterShaderFunction(), "colorRampItemList")
    ):
        items = [(i.label, i.color) for i in r.shader().rasterShaderFunction().colorRampItemList()]
    elif hasattr(r, "classes"):
        items = [(c.label, c.color) for c in r.classes()]
    return {label for label, colour in items if colour.alpha() == 0}


NORTH_ARROW = ":/images/north_arrows/layout_default_north_arrow.svg"  # QGIS' own (core resources)
PAGE_MM = (297.0, 210.0)
MARGIN = 8.0
SIDE_W = 78.0  # the column right of the map: legend, north arrow, scale bar, notes
MM = QgsUnitTypes.LayoutUnit.LayoutMillimeters


def _label(
    layout, text, x, y, w, h, size=8.0, bold=False, colour="#1f3b57", align=Qt.AlignmentFlag.AlignLeft
):
    item = QgsLayoutItemLabel(layout)
    item.setText(text)  # plain text: setMode(ModeHtml) is never used
    f = QFont()
    f.setPointSizeF(size)
    f.setBold(bold)
    item.setFont(f)
    item.setFontColor(QColor(colour))
    item.setHAlign(align)
    item.setVAlign(Qt.AlignmentFlag.AlignTop)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(w, h, MM))
    return item


def build_layout(
    layers,
    title,
    legend_layers=None,
    extent=None,
    crs=None,
    subtitle=None,
    sources=None,
    limits=None,
    date=None,
    project=None,
    page_mm=PAGE_MM,
    side_w=SIDE_W,
):
    """The print layout (not yet exported). ``layers``: top first, all drawn; ``legend_layers``:
    those the legend explains (default: all vector layers and the thematic rasters, i.e. every
    layer but the last, the base map)."""
    project = project or QgsProject.instance()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(*page_mm, MM))
    w, h = page_mm
    top = MARGIN + (15.0 if subtitle else 11.0 if title else 0.0)
    if title:  # none for a map inside a page that has its own title
        _label(layout, title, MARGIN, MARGIN - 2, w - 2 * MARGIN, 9, size=15, bold=True)
    if subtitle:
        _label(layout, subtitle, MARGIN, MARGIN + 7, w - 2 * MARGIN, 6, size=9, colour="#37474f")

    notes_h = 13.0  # date, CRS, sources and limits: a strip under the map
    mw, mh = w - 3 * MARGIN - side_w, h - top - MARGIN - notes_h
    m = QgsLayoutItemMap(layout)
    m.setFrameEnabled(True)
    m.setFrameStrokeColor(QColor("#607d8b"))
    layout.addLayoutItem(m)
    m.attemptMove(QgsLayoutPoint(MARGIN, top, MM))
    m.attemptResize(QgsLayoutSize(mw, mh, MM))
    m.setLayers(list(layers))
    m.setKeepLayerSet(True)
    crs = crs or next((lyr.crs() for lyr in layers if lyr.crs().isValid()), None)
    if crs is not None:
        m.setCrs(crs)
    if extent is None:  # all layers, each in the map's CRS
        extent = QgsRectangle()
        extent.setMinimal()
        for lyr in layers:
            e = lyr.extent()
            if crs is not None and lyr.crs().isValid() and lyr.crs() != crs:
                e = QgsCoordinateTransform(lyr.crs(), crs, project).transformBoundingBox(e)
            extent.combineExtentWith(e)
    extent = QgsRectangle(extent)
    extent.scale(1.04)
    m.setExtent(extent)  # zoomToExtent needs an extent to start from (NaN scale otherwise) ...
    m.attemptResize(QgsLayoutSize(mw, mh, MM))  # ... and setExtent may have resized the item
    m.zoomToExtent(extent)

    x0 = MARGIN * 2 + mw
    legend_layers = list(layers[:-1] if legend_layers is None else legend_layers)
    tree = QgsLayerTree()
    for lyr in legend_layers:
        tree.addLayer(lyr)
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("")
    legend.setAutoUpdateModel(False)
    legend.model().setRootGroup(tree)
    legend.setLinkedMap(m)
    for node in tree.findLayers():  # rasters: no "Band 1 (Gray)" line, no swatch for the dry class
        if node.layer() is not None and node.layer().type() == QgsMapLayerType.RasterLayer:
            nodes = legend.model().layerLegendNodes(node)
            hidden = _transparent_classes(node.layer())
            keep = [
                i
                for i, n in enumerate(nodes)
                if not _BAND_TITLE.match(str(n.data(Qt.ItemDataRole.DisplayRole) or ""))
                and str(n.data(Qt.ItemDataRole.DisplayRole) or "") not in hidden
            ]
            if len(keep) < len(nodes):
                QgsMapLayerLegendUtils.setLegendNodeOrder(node, keep)
                legend.model().refreshLayerLegend(node)
    legend.setResizeToContents(False)
    legend.setWrapString(" / ")  # "Senken / sinks": German above English

    def fonts(group_pt, label_pt):
        styles = ((QgsLegendStyle.Style.Subgroup, group_pt), (QgsLegendStyle.Style.SymbolLabel, label_pt))
        for style, size in styles:
            f = QFont()
            f.setPointSizeF(size)
            f.setBold(style == QgsLegendStyle.Style.Subgroup)
            legend.setStyleFont(style, f)

    fonts(8.5, 7.5)
    legend.setSymbolHeight(3.5)
    legend.setSymbolWidth(6.0)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(x0, top, MM))
    arrow_y = h - MARGIN - notes_h - 16.0  # the north arrow and the scale bar below the legend
    legend_h = arrow_y - 3.0 - top

    def needed():  # the legend's height for its content (adjustBoxSize is 0 before a render)
        return QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize().height()

    if needed() > legend_h:  # a long legend: two columns, a little smaller
        legend.setColumnCount(2)
        legend.setSplitLayer(True)
        legend.setEqualColumnWidth(True)
        fonts(7.0, 6.5)
        legend.setSymbolWidth(4.5)
    legend.attemptResize(QgsLayoutSize(side_w, min(legend_h, needed() * 1.1 + 2.0), MM))
    legend.setFrameEnabled(False)
    layout._smartplan_keep = [tree]  # the legend's model does not own its tree: keep it alive

    y = arrow_y
    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(NORTH_ARROW)
    layout.addLayoutItem(arrow)
    arrow.attemptMove(QgsLayoutPoint(x0, y, MM))
    arrow.attemptResize(QgsLayoutSize(12, 14, MM))
    arrow.setLinkedMap(m)

    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(m)
    bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceMeters)
    bar.setUnitLabel("m")
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(4)
    bar.applyDefaultSize(QgsUnitTypes.DistanceUnit.DistanceMeters)
    f = QFont()
    f.setPointSizeF(7)
    bar.setFont(f)
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x0 + 16, y + 3, MM))

    date = date or datetime.date.today().isoformat()
    notes = [f"{date} · CRS {crs.authid() if crs is not None else '?'}"]
    if sources:
        notes.append(sources)
    if limits:
        notes.append(limits)
    _label(
        layout,
        "  ·  ".join(notes),
        MARGIN,
        h - MARGIN - notes_h + 1.5,
        w - 2 * MARGIN,
        notes_h,
        size=6.5,
        colour="#455a64",
    )
    return layout


def export_map(layers, path, title, pdf_path=None, dpi=150, **kw):
    """Build the layout and write ``path`` (PNG) and, if given, ``pdf_path``, each through a
    temporary file (never half a file). Returns the layout."""
    layout = build_layout(layers, title, **kw)
    exporter = QgsLayoutExporter(layout)
    if path:
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = dpi
        with replacing(path) as tmp:
            res = exporter.exportToImage(tmp, settings)
            if res != QgsLayoutExporter.ExportResult.Success:
                raise OSError(f"map export failed ({res}): {path}")
            for extra in (tmp + "w", os.path.splitext(tmp)[0] + ".pgw"):  # world files
                if os.path.exists(extra):
                    os.remove(extra)
    if pdf_path:
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = 300
        with replacing(pdf_path) as tmp:
            res = exporter.exportToPdf(tmp, settings)
            if res != QgsLayoutExporter.ExportResult.Success:
                raise OSError(f"map export failed ({res}): {pdf_path}")
    return layout
