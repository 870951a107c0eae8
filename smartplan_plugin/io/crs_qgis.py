"""``analysis.crs`` for QGIS layers: the metric CRS to measure a layer's features in."""

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsUnitTypes

from ..analysis.crs import utm_epsg


def metric_crs(crs, extent, transform_context):
    """``crs`` when it is projected in metres, else the UTM zone of ``extent`` (in ``crs``)."""
    metres = QgsUnitTypes.DistanceUnit.DistanceMeters
    if crs.isValid() and not crs.isGeographic() and crs.mapUnits() == metres:
        return crs
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    c = QgsCoordinateTransform(crs, wgs84, transform_context).transformBoundingBox(extent).center() \
        if crs.isValid() else extent.center()
    return QgsCoordinateReferenceSystem(f"EPSG:{utm_epsg(c.x(), c.y())}")
