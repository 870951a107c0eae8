"""What the participation panel's tabs share."""

from qgis.PyQt.QtCore import (
    Qt,
)
from qgis.PyQt.QtWidgets import (
    QLabel,
)

SETTINGS = "SmartPlan/feedback/"


def plain_label(text="", parent=None, wrap=True):
    """A QLabel that never interprets its text as rich text."""
    lab = QLabel(parent)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    lab.setWordWrap(wrap)
    lab.setText(text)
    return lab
