"""Checks on rendered pictures (the maps themselves come from io.maplayout's print layouts)."""

from qgis.PyQt.QtGui import QImage


def image_is_not_blank(img: QImage, min_colors=8):
    """True when the image has at least ``min_colors`` distinct colours on a coarse sample."""
    seen = set()
    for y in range(0, img.height(), max(1, img.height() // 60)):
        for x in range(0, img.width(), max(1, img.width() // 60)):
            seen.add(img.pixel(x, y))
            if len(seen) >= min_colors:
                return True
    return False
