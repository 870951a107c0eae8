"""Render layers to a PNG map (used by the demo, the docs screenshots and workshop exports)."""

from qgis.core import (
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter


def render_png(layers, path, extent=None, size=(1000, 1000), title=None, background="#ffffff", crs=None):
    """Render ``layers`` (top first) to ``path``; returns the QImage. ``title`` is plain text."""
    ms = QgsMapSettings()
    ms.setLayers(list(layers))
    ms.setBackgroundColor(QColor(background))
    ms.setOutputSize(QSize(*size))
    crs = crs or next((lyr.crs() for lyr in layers if lyr.crs().isValid()), None)
    if crs is not None:
        ms.setDestinationCrs(crs)
    if extent is None:
        extent = QgsRectangle()
        extent.setMinimal()
        for lyr in layers:
            extent.combineExtentWith(ms.layerExtentToOutputExtent(lyr, lyr.extent()))
    ms.setExtent(extent)
    job = QgsMapRendererParallelJob(ms)
    job.start()
    job.waitForFinished()
    img = job.renderedImage()
    if title:
        p = QPainter(img)
        p.setRenderHint(QPainter.Antialiasing)
        f = QFont()
        f.setPointSize(14)
        f.setBold(True)
        p.setFont(f)
        band = QRectF(0, 0, img.width(), 34)
        p.fillRect(band, QColor(255, 255, 255, 210))
        p.setPen(QColor("#1f3b57"))
        p.drawText(band.adjusted(10, 0, -10, 0), int(Qt.AlignVCenter | Qt.AlignLeft), title)
        p.end()
    img.save(path, "PNG")
    return img


def image_is_not_blank(img: QImage, min_colors=8):
    """True when the image has at least ``min_colors`` distinct colours on a coarse sample."""
    seen = set()
    for y in range(0, img.height(), max(1, img.height() // 60)):
        for x in range(0, img.width(), max(1, img.width() // 60)):
            seen.add(img.pixel(x, y))
            if len(seen) >= min_colors:
                return True
    return False
