"""Coordinates of participation sources (no QGIS): CRS detection, lon/lat, geometry checks."""

import contextlib
import contextvars
import math
import re

from .feedback_model import FeedbackError


# ------------------------------------------------------------------------------ coordinates
def _ranges(xs, ys):
    return min(xs), max(xs), min(ys), max(ys)


# Germany's extent in degrees, a little generous (for telling UTM zones 32 and 33 apart)
GERMANY_LONLAT = (5.5, 47.0, 15.5, 55.2)
_UTM_DE = (25832, 25833)
_CRS_CONTEXT = contextvars.ContextVar("smartplan_crs_context", default=None)


class CrsContext:
    """What the caller knows about unlabelled coordinates (``hint``: the EPSG code of the QGIS
    project or the analysis data, used when the extent fits both UTM zones) and, after parsing,
    the ``assumed`` CRS choices the user must be told about: [(code, info)]."""

    def __init__(self, hint=None):
        self.hint = hint
        self.assumed = []


@contextlib.contextmanager
def crs_context(hint=None):
    """``with crs_context(25833) as ctx: parse…``; then ``ctx.assumed`` names each assumption."""
    ctx = CrsContext(hint)
    token = _CRS_CONTEXT.set(ctx)
    try:
        yield ctx
    finally:
        _CRS_CONTEXT.reset(token)


def lonlat_transform(epsg):
    """An OSR transformation from ``epsg`` to lon/lat (x = lon, y = lat, both ways)."""
    from osgeo import osr

    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(epsg)
    dst.ImportFromEPSG(4326)
    for sr in (src, dst):
        sr.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(src, dst)


def _in_germany(epsg, x0, x1, y0, y1):
    tr = lonlat_transform(epsg)
    lo0, la0, lo1, la1 = GERMANY_LONLAT
    for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1)):
        lon, lat = tr.TransformPoint(x, y)[:2]
        if not (lo0 <= lon <= lo1 and la0 <= lat <= la1):
            return False
    return True


def utm_zone(x0, x1, y0, y1, label=None, hint=None):
    """EPSG:25832 or 25833 for unlabelled (or mislabelled) UTM coordinates: the zone in which the
    extent lies in Germany; when it does in both (x ≈ 280–520 km: the west in zone 32, the east
    in zone 33), the caller's hint, else 25832 — and then the assumption is recorded in the
    current ``crs_context`` for a warning. Returns the EPSG code."""
    if label in (25832, 25833, 32632, 32633):
        return label
    fits = [e for e in _UTM_DE if _in_germany(e, x0, x1, y0, y1)]
    if len(fits) == 1:
        return fits[0]
    ctx = _CRS_CONTEXT.get()
    hint = ctx.hint if ctx is not None and hint is None else hint
    epsg = hint if hint in _UTM_DE and (hint in fits or not fits) else 25832
    if ctx is not None:
        other = 25833 if epsg == 25832 else 25832
        info = {"epsg": epsg, "other": other, "from_project": epsg == hint, "in_germany": bool(fits)}
        if ("assumed_crs", info) not in ctx.assumed:
            ctx.assumed.append(("assumed_crs", info))
    return epsg


def detect_crs(xs, ys, label=None):
    """The CRS of coordinates by their ranges (labels are checked, not trusted).

    Returns (epsg, swapped): 4326 degrees (swapped when lat/lon order: x 47-55, y 5-16 in
    Germany), 25832/25833 UTM (x 160k-950k, y 5.1-6.2 M; the label, else the zone in which the
    extent lies in Germany, else the context's hint or 25832 with a recorded assumption:
    ``utm_zone``), 3146x Gauß-Krüger (zone from the x prefix). Raises
    FeedbackError('unknown_coordinates')."""
    xs = [float(x) for x in xs]
    ys = [float(y) for y in ys]
    if not xs:
        return 4326, False
    x0, x1, y0, y1 = _ranges(xs, ys)
    lab = None
    if label is not None:
        m = re.search(r"(\d{4,5})\s*$", str(label))
        lab = int(m.group(1)) if m else None
    if -180 <= x0 and x1 <= 180 and -90 <= y0 and y1 <= 90:
        if 47 <= x0 and x1 <= 56 and 5 <= y0 and y1 <= 16:
            return 4326, True
        return 4326, False
    if 5.1e6 <= y0 and y1 <= 6.2e6:
        if 1.6e5 <= x0 and x1 <= 9.5e5:
            return utm_zone(x0, x1, y0, y1, lab), False
        if 2.3e6 <= x0 and x1 < 6.0e6 and int(x0 // 1e6) == int(x1 // 1e6):
            return 31464 + int(x0 // 1e6), False
    if 5.1e6 <= x0 and x1 <= 6.2e6 and 1.6e5 <= y0 and y1 <= 9.5e5:  # swapped UTM (northing first)
        return utm_zone(y0, y1, x0, x1, lab if lab in _UTM_DE else None), True
    raise FeedbackError("unknown_coordinates", x=(x0, x1), y=(y0, y1))


def _coords_iter(geom):
    t, c = geom["type"], geom["coordinates"]
    if t == "Point":
        yield c
    elif t in ("LineString", "MultiPoint"):
        yield from c
    elif t in ("Polygon", "MultiLineString"):
        for ring in c:
            yield from ring
    elif t == "MultiPolygon":
        for poly in c:
            for ring in poly:
                yield from ring


def _map_coords(geom, fn):
    def rec(c):
        if c and isinstance(c[0], (int, float)):
            return list(fn(c[0], c[1]))
        return [rec(x) for x in c]

    return {"type": geom["type"], "coordinates": rec(geom["coordinates"])}


def to_lonlat(geoms, label=None):
    """Transform a list of geometries (None allowed) to lon/lat after detecting their CRS
    together. Returns (geometries, epsg, swapped)."""
    pts = [p for g in geoms if g for p in _coords_iter(g)]
    epsg, swapped = detect_crs([p[0] for p in pts], [p[1] for p in pts], label)
    if swapped:
        geoms = [_map_coords(g, lambda x, y: (y, x)) if g else None for g in geoms]
    if epsg == 4326:
        return geoms, epsg, swapped
    ct = lonlat_transform(epsg)
    return (
        [_map_coords(g, lambda x, y: ct.TransformPoint(x, y)[:2]) if g else None for g in geoms],
        epsg,
        swapped,
    )


def valid_geometry(geom):
    """A GeoJSON geometry dict of a supported type with coordinates, or None."""
    if not isinstance(geom, dict) or not geom.get("coordinates"):
        return None
    if geom.get("type") not in (
        "Point",
        "LineString",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
    ):
        return None
    try:
        pts = list(_coords_iter(geom))
        if not pts or any(len(p) < 2 for p in pts):
            return None
        if not all(math.isfinite(float(p[0]) + float(p[1])) for p in pts):
            return None
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    if any(not isinstance(c, (int, float)) or isinstance(c, bool) for p in pts for c in p[:2]):
        # numbers sent as strings ("53.5"): the same geometry with real numbers
        def num(c):
            return (
                [float(x) for x in c[:2]] + list(c[2:])
                if not isinstance(c[0], (list, tuple))
                else [num(x) for x in c]
            )

        geom = {"type": geom["type"], "coordinates": num(geom["coordinates"])}
    return geom


def is_null_island(geom):
    return (
        geom is not None
        and geom["type"] == "Point"
        and abs(float(geom["coordinates"][0])) < 1e-9
        and abs(float(geom["coordinates"][1])) < 1e-9
    )


def geometry_kind(geom):
    """'point', 'line' or 'area' (storage layer of a geometry), None without geometry."""
    if geom is None:
        return None
    t = geom["type"]
    return "point" if "Point" in t else "line" if "LineString" in t else "area"


def same_geometry(a, b, tol=1e-7):
    if a is None or b is None or a.get("type") != b.get("type"):
        return False
    pa, pb = list(_coords_iter(a)), list(_coords_iter(b))
    return len(pa) == len(pb) and all(
        abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol for p, q in zip(pa, pb)
    )
