"""QGIS features as the analysis layer's plain records: a ``QgsGeometry`` as the shapely geometry
of ``core.geometry`` (through WKB), attribute values as plain Python values."""

from qgis.core import QgsGeometry, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant

from ..core.geometry import from_wkb, require


def shapely_of(geom):
    """The shapely geometry of a ``QgsGeometry``: None for a null or empty one and for one GEOS
    cannot read (a one-vertex line). Curves are segmentized first (shapely has none); M values
    are dropped. Without shapely: ``core.geometry.GeometryEngineMissing``."""
    require()
    if geom is None or geom.isNull() or geom.isEmpty():
        return None
    if QgsWkbTypes.isCurvedType(geom.wkbType()):
        geom = QgsGeometry(geom.constGet().segmentize())
    try:
        return from_wkb(bytes(geom.asWkb()))
    except Exception:  # noqa: BLE001 - shapely 1.8 and 2.x raise different errors for bad WKB
        return None


def plain(value):
    """An attribute value with QGIS' NULL as None."""
    if isinstance(value, QVariant) and value.isNull():
        return None
    return value


def attributes_of(feature):
    """``{field name: value}`` of a feature, in the order of its fields (NULL as None)."""
    return {name: plain(v) for name, v in zip(feature.fields().names(), feature.attributes())}
