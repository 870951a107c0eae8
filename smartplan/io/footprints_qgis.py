"""Building footprints from a QGIS layer or Processing source, in the DEM's CRS — the one reader
the Processing algorithms and the planning table use for ``analysis.terrain``."""

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureRequest,
    QgsProcessingFeatureSource,
    QgsRectangle,
)

from ..analysis.terrain import Footprint, building_height

# Footprints are rasterised, which works with invalid geometries too (self-touching OSM rings,
# unclosed ALKIS parts): never stop on them.
SKIP_VALIDITY = QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks


def grid_extent(grid):
    gt = grid.geotransform
    return QgsRectangle(gt[0], gt[3] + grid.nrows * gt[5], gt[0] + grid.ncols * gt[1], gt[3])


def read_footprints(source, dem_crs, grid, transform_context, height_field="", check=None, fields=()):
    """``(footprints, assumed_crs)``: every polygon of ``source`` (a ``QgsVectorLayer`` or a
    ``QgsProcessingFeatureSource``) that may touch the DEM's extent, transformed to ``dem_crs``,
    with its own height from ``height_field`` (``analysis.terrain.building_height``).

    A source without a CRS is taken to be in the DEM's CRS; ``assumed_crs`` is then True so the
    caller can say so. ``check()`` is called per feature (raises on cancel). ``fields``: more
    attributes to carry along (``Footprint.attrs``; those the source lacks are left out)."""
    src_crs = source.sourceCrs()
    assumed = not src_crs.isValid()
    if assumed:
        src_crs = QgsCoordinateReferenceSystem(dem_crs)
    xform = QgsCoordinateTransform(src_crs, dem_crs, transform_context)
    req = QgsFeatureRequest()
    if grid is not None:  # None: the whole layer
        try:
            req.setFilterRect(xform.transformBoundingBox(grid_extent(grid), Qgis.TransformDirection.Reverse))
        except QgsCsException:  # the extent cannot be transformed: read everything (only slower)
            req = QgsFeatureRequest()
    req.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    names = source.fields().names()
    use_field = bool(height_field) and height_field in names
    carry = [n for n in fields if n in names]
    if isinstance(source, QgsProcessingFeatureSource):
        features = source.getFeatures(req, SKIP_VALIDITY)
    else:
        features = source.getFeatures(req)
    out = []
    for f in features:
        if check is not None:
            check()
        g = f.geometry()
        if g is None or g.isEmpty():
            continue
        g.transform(xform)
        out.append(
            Footprint(
                bytes(g.asWkb()),
                building_height(f[height_field]) if use_field else None,
                f.id(),
                {n: f[n] for n in carry} if carry else None,
            )
        )
    return out, assumed
