"""``analysis.crs`` for QGIS layers: the metric CRS to measure a layer's features in."""

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsUnitTypes

from ..analysis.crs import utm_epsg


def utm_hint(project):
    """The EPSG code of a QGIS project's CRS when it is ETRS89 / UTM 32 or 33 (the hint for
    unlabelled coordinates that fit both zones), else None."""
    authid = project.crs().authid() if project is not None and project.crs().isValid() else ""
    return {"EPSG:25832": 25832, "EPSG:25833": 25833}.get(authid)


def metric_crs(crs, extent, transform_context):
    """``crs`` when it is projected in metres, else the UTM zone of ``extent`` (in ``crs``)."""
    metres = QgsUnitTypes.DistanceUnit.DistanceMeters
    if crs.isValid() and not crs.isGeographic() and crs.mapUnits() == metres:
        return crs
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    c = (
        QgsCoordinateTransform(crs, wgs84, transform_context).transformBoundingBox(extent).center()
        if crs.isValid()
        else extent.center()
    )
    return QgsCoordinateReferenceSystem(f"EPSG:{utm_epsg(c.x(), c.y())}")
