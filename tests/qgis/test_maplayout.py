"""Maps a council can read (io.maplayout): a print layout with title above the map, legend of
the thematic layers (no band line, no swatch for transparent classes), scale bar, north arrow,
date, sources and limits, exported to PNG and PDF; and the shipped hillshade style shades
without the stripe pattern of shading nearest-neighbour copies of the cells."""

import gc
import os

import numpy as np
import pytest
from qgis.core import (
    Qgis,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor, QImage

from smartplan import paths
from smartplan.io.maplayout import build_layout, export_map
from tests.qgis.test_affected import X0, Y0, layer
from tests.qgis_fixtures import write_dem


def styled(path, style, name):
    lyr = QgsRasterLayer(str(path), name)
    assert lyr.isValid()
    lyr.loadNamedStyle(paths.resource("styles", style + ".qml"))
    return lyr


@pytest.fixture()
def scene(tmp_path):
    r, c = np.indices((60, 60))
    z = (100 + 0.05 * c + 0.03 * r).astype(np.float32)  # a gentle tilted plane, 1 m cells
    dem = write_dem(tmp_path / "dem.tif", z, origin=(X0, Y0))
    depth = np.zeros((60, 60), np.float32)
    depth[20:30, 20:35] = 0.4
    wd = write_dem(tmp_path / "wd.tif", depth, origin=(X0, Y0))
    x, y = X0 + 5, Y0 - 5
    houses = layer(
        tmp_path / "h.gpkg",
        "Polygon",
        [("name", "string")],
        [(f"POLYGON(({x} {y},{x + 10} {y},{x + 10} {y - 10},{x} {y - 10},{x} {y}))", ["H"])],
    )
    out = dict(
        hill=styled(dem, "filled", "terrain"),
        wd=styled(wd, "water_depth", "Wassertiefe / water depth"),
        houses=QgsVectorLayer(houses, "Gebäude / buildings"),
        tmp=tmp_path,
    )
    yield out
    for k in ("houses", "wd", "hill"):  # layers go one by one, before pytest drops the rest
        del out[k]
        gc.collect()


def test_layout_has_what_a_council_map_needs(qgis_app, scene):
    layers = [scene["houses"], scene["wd"], scene["hill"]]
    lay = build_layout(
        layers,
        "Wassertiefe 90 mm",
        subtitle="Test",
        sources="Data: test",
        limits="Limits: screening",
        date="2026-12-06",
    )
    items = lay.items()
    (m,) = [i for i in items if isinstance(i, QgsLayoutItemMap)]
    (legend,) = [i for i in items if isinstance(i, QgsLayoutItemLegend)]
    assert any(isinstance(i, QgsLayoutItemScaleBar) and i.linkedMap() is m for i in items)
    assert any(isinstance(i, QgsLayoutItemPicture) and "north_arrow" in i.picturePath() for i in items)
    labels = [i for i in items if isinstance(i, QgsLayoutItemLabel)]
    title = next(i for i in labels if i.text() == "Wassertiefe 90 mm")
    notes = next(i for i in labels if "2026-12-06" in i.text())
    assert "Data: test" in notes.text() and "Limits: screening" in notes.text()
    # the title sits above the map, the notes below it: neither hides map content
    assert title.sceneBoundingRect().bottom() <= m.sceneBoundingRect().top()
    assert notes.sceneBoundingRect().top() >= m.sceneBoundingRect().bottom()
    # the map shows all layers
    assert m.extent().contains(scene["hill"].extent())
    # the legend explains the thematic layers, not the base map; no band line, no dry swatch
    model = legend.model()
    names = [n.name() for n in model.rootGroup().findLayers()]
    assert names == ["Gebäude / buildings", "Wassertiefe / water depth"]
    wd_node = model.rootGroup().findLayers()[1]
    texts = [n.data(Qt.ItemDataRole.DisplayRole) for n in model.layerLegendNodes(wd_node)]
    assert texts and not any(str(t).startswith("Band") for t in texts)
    assert "< 0.1 m" in texts and "0" not in texts


def test_export_png_and_pdf(qgis_app, scene):
    png, pdf = str(scene["tmp"] / "map.png"), str(scene["tmp"] / "map.pdf")
    export_map([scene["houses"], scene["wd"], scene["hill"]], png, "Karte", pdf_path=pdf)
    img = QImage(png)
    assert img.width() > 1500 and img.width() > img.height()  # A4 landscape at 150 dpi
    assert open(pdf, "rb").read(5) == b"%PDF-"
    assert sorted(os.listdir(scene["tmp"])) == sorted(
        ["dem.tif", "wd.tif", "h.gpkg", "map.png", "map.pdf"]
        + [f for f in os.listdir(scene["tmp"]) if f.endswith(".aux.xml")]
    )  # no world file, no .part


def shade(lyr, size=480):
    """Render the middle of ``lyr`` zoomed in (60 cells / 8 on 480 px: 64 px per cell) and return
    the grey values of the inner part."""
    ms = QgsMapSettings()
    ms.setLayers([lyr])
    ms.setDestinationCrs(lyr.crs())
    ms.setOutputSize(QSize(size, size))
    ms.setBackgroundColor(QColor("white"))
    e = lyr.extent()
    e.scale(1 / 8)
    ms.setExtent(e)
    job = QgsMapRendererSequentialJob(ms)
    job.start()
    job.waitForFinished()
    img = QImage(job.renderedImage())
    del job
    vals = [QColor(img.pixel(x, y)).red() for y in range(40, size - 40, 3) for x in range(40, size - 40, 3)]
    return np.array(vals, float)


def test_hillshade_of_a_plane_is_even(qgis_app, scene):
    """Shading nearest-neighbour copies of the cells gives flat steps and edges: stripes. The
    shipped style resamples the elevations first, so a plane shades evenly."""
    hill = scene["hill"]
    even = shade(hill)
    assert even.std() < 3.0
    hill.setResamplingStage(Qgis.RasterResamplingStage.ResampleFilter)  # as the old style did
    striped = shade(hill)
    assert striped.std() > 3 * max(even.std(), 1.0)
    del hill
