"""Vector geometry for the analysis layer: shapely (GEOS, the engine QGIS itself uses), so the
analyses that work on footprints, roads and flow paths run and are tested without QGIS.

Works with shapely 1.8 (Debian 12) and 2.x (Debian 13, OSGeo4W, QGIS' macOS/Windows builds).
Shapely is not a dependency of Debian's ``python3-qgis``: without it the algorithms that need it
say so (``GeometryEngineMissing``) instead of failing at plugin load.
"""

import warnings

try:  # pragma: no cover - which branch depends on the machine
    import shapely
    import shapely.wkb as _wkb
    from shapely.geometry import GeometryCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon
    from shapely.geometry import box as _box
    from shapely.geometry.base import BaseGeometry
    from shapely.ops import unary_union
    from shapely.strtree import STRtree
    from shapely.validation import make_valid as _make_valid
except ImportError:  # pragma: no cover
    shapely = None


def shapely2(module):
    """Whether ``module`` (shapely) has the 2.x API — told by the API, not by the version
    string: Debian sid's shapely reports ``__version__`` '0+unknown'."""
    return module is not None and hasattr(module, "from_wkb")


SHAPELY2 = shapely2(shapely)


class GeometryEngineMissing(ImportError):
    """The Python package shapely is not installed (the message says how to get it)."""


def require():
    """Raise ``GeometryEngineMissing`` unless shapely can be used."""
    if shapely is None:
        raise GeometryEngineMissing("shapely")


def from_wkb(data):
    """A shapely geometry from WKB bytes (None for None/empty bytes)."""
    require()
    if not data:
        return None
    return _wkb.loads(bytes(data))


def to_wkb(geom):
    """WKB bytes of a shapely geometry (None for None)."""
    return None if geom is None else geom.wkb


def polygon_parts(geom):
    """The polygonal part of a geometry (``make_valid`` may return a collection with lines or
    points), None if it has none."""
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    if isinstance(geom, GeometryCollection) or hasattr(geom, "geoms"):
        polys = []
        for g in geom.geoms:
            part = polygon_parts(g)
            if part is not None:
                polys.extend(part.geoms if isinstance(part, MultiPolygon) else [part])
        if not polys:
            return None
        return polys[0] if len(polys) == 1 else MultiPolygon(polys)
    return None


def valid_polygon(geom):
    """``(polygon, repaired)``: the geometry itself if valid, else its repaired polygonal part
    (None if nothing polygonal is left)."""
    if geom is None or geom.is_empty:
        return None, False
    if geom.is_valid:
        return polygon_parts(geom), False
    return polygon_parts(_make_valid(geom)), True


def line_parts(geom):
    """The linear parts of a geometry as a list of LineStrings."""
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    if hasattr(geom, "geoms"):
        out = []
        for g in geom.geoms:
            out.extend(line_parts(g))
        return out
    return []


class SpatialIndex:
    """Bounding-box index over a list of geometries; ``candidates(g)`` gives the positions (in
    input order) of those whose box meets the box of ``g`` — the role of QgsSpatialIndex, on
    STRtree of shapely 1.8 or 2.x. None and empty geometries are never returned."""

    def __init__(self, geoms):
        require()
        self.geoms = list(geoms)
        self._pos = [i for i, g in enumerate(self.geoms) if g is not None and not g.is_empty]
        items = [self.geoms[i] for i in self._pos]
        if not items:
            self._tree = None
        elif SHAPELY2:
            self._tree = STRtree(items)
        else:  # shapely 1.8: items= is its way (it warns that 2.0 changed the API)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._tree = STRtree(items, list(range(len(items))))

    def __len__(self):
        return len(self.geoms)

    def candidates(self, geom):
        """Positions of the geometries whose bounding box meets that of ``geom``, ascending."""
        if self._tree is None or geom is None or geom.is_empty:
            return []
        hits = self._tree.query(geom) if SHAPELY2 else self._tree.query_items(geom)
        return sorted(self._pos[int(k)] for k in hits)

    def within_distance(self, geom, dist):
        """Positions of the geometries within ``dist`` of ``geom`` (exact distance), ascending."""
        if dist is None:
            return []
        x0, y0, x1, y1 = geom.bounds
        area = _box(x0 - dist, y0 - dist, x1 + dist, y1 + dist)
        return [i for i in self.candidates(area) if self.geoms[i].distance(geom) <= dist]

    def first_overlapping(self, geom):
        """Position of the first geometry whose interior meets ``geom`` (touching is not enough),
        or None."""
        for i in self.candidates(geom):
            other = self.geoms[i]
            if other.intersects(geom) and not other.touches(geom):
                return i
        return None


__all__ = [
    "SHAPELY2",
    "BaseGeometry",
    "GeometryEngineMissing",
    "LineString",
    "MultiLineString",
    "MultiPolygon",
    "Point",
    "Polygon",
    "SpatialIndex",
    "from_wkb",
    "line_parts",
    "polygon_parts",
    "require",
    "to_wkb",
    "unary_union",
    "valid_polygon",
]


def repaired(geom):
    """``geom`` itself when it is valid, else its ``make_valid`` repair, of any dimension (a
    self-touching ring becomes a multipolygon, a line of one repeated point a point)."""
    if geom is None or geom.is_empty or geom.is_valid:
        return geom
    return _make_valid(geom)


def nearest_point(geom, other):
    """The point of ``geom`` nearest to ``other`` (as QgsGeometry.nearestPoint)."""
    from shapely.ops import nearest_points

    return nearest_points(geom, other)[0]


BUFFER_CHUNK = 4096  # lines buffered together by buffered_union


def buffered_union(lines, distance, quad_segs=8, chunk=BUFFER_CHUNK):
    """The area within ``distance`` of the ``lines`` (an iterable of LineStrings): the buffers of
    chunks of lines, then their union — the same area as buffering the union of all lines, which
    nodes every crossing at once (a whole city's roads ran out of memory that way). None for no
    lines."""
    lines = list(lines)
    parts = [
        MultiLineString(lines[k : k + chunk]).buffer(distance, quad_segs) for k in range(0, len(lines), chunk)
    ]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else unary_union(parts)
