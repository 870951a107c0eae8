"""Affected objects (Betroffenheit): the buildings, roads, underpasses and critical sites the
water of a depth raster reaches — the analysis of ``smartplan:affected``, without QGIS.

Inputs are ``analysis.records.Feature``s with shapely geometries in the depth raster's CRS;
outputs are ``(wkb, attributes)`` in the order of ``BUILDING_FIELDS``, ``ROAD_FIELDS``,
``UNDERPASS_FIELDS`` and ``CRITICAL_FIELDS``, followed by the input's own fields
(``analysis.records.copied_fields``). The rules are those of ``core.affected`` (thresholds, the
depth at the wall, roads split at the water, OSM tags) and ``core.proximity`` (the distance
classes and the nearest flow path of smartplan:flowpaths: the same building gets the same class
in both)."""

from dataclasses import dataclass

import numpy as np

from ..core import affected as core
from ..core import geometry as G
from ..core.proximity import DISTANCE_CLASSES_M, distance_class, nearest_path
from ..io.raster import rasterize, read_depth
from .records import INT64, copied_values
from .terrain import building_height

# peak memory per cell of the depth raster while the objects are read from it
DEPTH_BYTES_PER_CELL = 16
# the analysis keeps a batch of road pieces at most this long before handing them over
PIECE_BATCH = 5000

BUILDING_FIELDS = (
    ("building_fid", INT64),
    ("wall_depth_m", float),
    ("flooded", bool),
    ("in_corridor", bool),
    ("dist_m", float),
    ("dist_class", int),
    ("upstream_ha", float),
    ("affected_by", str),
)
ROAD_FIELDS = (
    ("road_fid", INT64),
    ("piece", int),
    ("flooded", bool),
    ("max_depth_m", float),
    ("length_m", float),
    ("passable_car", bool),
    ("passable_emergency", bool),
    ("underpass", bool),
)
UNDERPASS_FIELDS = (
    ("road_fid", INT64),
    ("reason", str),
    ("max_depth_m", float),
    ("flooded", bool),
    ("passable_emergency", bool),
)
CRITICAL_FIELDS = (
    ("site_fid", INT64),
    ("type", str),
    ("max_depth_m", float),
    ("flooded", bool),
    ("in_corridor", bool),
)


@dataclass(frozen=True)
class Thresholds:
    """Water depths [m] of the analysis (defaults and sources: ``core.affected``)."""

    wall_depth_m: float = core.WALL_DEPTH_M  # a building is flooded from this depth at its wall
    car_depth_m: float = core.CAR_DEPTH_M  # cars cannot pass above
    emergency_depth_m: float = core.EMERGENCY_DEPTH_M  # emergency vehicles cannot pass above
    underpass_depth_m: float = core.UNDERPASS_DEPTH_M  # a road piece deeper is a road sink


@dataclass
class WaterDepth:
    """A depth raster as the analysis reads it: ``depth`` float32 [m], NaN for NoData, negative
    values set to 0 (dry); ``empty``: it holds only NoData; ``negative``: it had negative values."""

    depth: np.ndarray
    grid: object  # io.raster.Grid
    empty: bool = False
    negative: bool = False


def read_water_depth(path):
    """The water depth raster at ``path`` (``io.raster.read_depth``: rotated rasters and ones too
    big for memory raise ``InputError``)."""
    return water_depth(*read_depth(path, bytes_per_cell=DEPTH_BYTES_PER_CELL))


def water_depth(depth, grid):
    """A ``WaterDepth`` from an array already read (float32, NaN = NoData) and its grid."""
    depth = np.asarray(depth, dtype=np.float32)
    if not np.isfinite(depth).any():
        return WaterDepth(depth, grid, empty=True)
    negative = bool(np.nanmin(depth) < -1e-6)
    depth = np.where(depth > 0, depth, np.where(np.isnan(depth), np.nan, 0)).astype(np.float32)
    return WaterDepth(depth, grid, negative=negative)


def _has_geometry(feature):
    g = feature.geometry
    return g is not None and not g.is_empty


def _for_predicates(geom):
    """The geometry for distance and intersection tests: an invalid polygon (self-intersecting
    footprint) is repaired first, as GEOS cannot decide predicates on it reliably."""
    if geom.geom_type in ("Polygon", "MultiPolygon") and not geom.is_valid:
        fixed, _repaired = G.valid_polygon(geom)
        return fixed if fixed is not None else geom
    return geom


class FlowContext:
    """The flow paths (smartplan:flowpaths; segments across filled sinks, ``in_sink`` true, do not
    count) and the flow path corridor, indexed for the nearest-path and corridor tests."""

    def __init__(self, flowpaths=(), corridor=(), classes=DISTANCE_CLASSES_M):
        self.classes = tuple(classes)  # the distance classes of the flowpaths run [m]
        paths = [f for f in flowpaths or () if _has_geometry(f) and not _in_sink(f)]
        self.paths = G.SpatialIndex([f.geometry for f in paths])
        self.upstream_ha = [building_height(f.attrs.get("upstream_ha")) for f in paths]
        # ties between paths at the same distance go to the larger upstream area (core.proximity)
        self._rank = [-np.inf if u is None else u for u in self.upstream_ha]
        self.corridor = G.SpatialIndex([f.geometry for f in corridor or () if _has_geometry(f)])

    def nearest_path(self, geom, max_dist_m):
        """``(distance, upstream_ha)`` of the nearest flow path within ``max_dist_m``, or
        ``(None, None)``."""
        dist, k = nearest_path(geom, self.paths, self._rank, max_dist_m)
        if dist is None:
            return None, None
        return dist, self.upstream_ha[k]

    def in_corridor(self, geom):
        return any(geom.intersects(self.corridor.geoms[i]) for i in self.corridor.candidates(geom))


def _in_sink(feature):
    return feature.attrs.get("in_sink") in (True, 1, "true")


def _wall_depths(features, water):
    """Largest depth in or next to each object (``core.affected.ring_max``), NaN without data."""
    if not features:
        return np.zeros(0)
    ids = rasterize(water.grid, [f.geometry.wkb for f in features], all_touched=True)
    return core.ring_max(ids, water.depth, len(features))


def _multi_polygon(geom):
    return G.MultiPolygon([geom]) if geom.geom_type == "Polygon" else geom


def buildings(features, water, thresholds=Thresholds(), flow=None, copy=(), check=None):
    """The affected buildings: flooded (wall depth ≥ ``thresholds.wall_depth_m``), in the flow path
    corridor, or within a distance class of a flow path (``core.proximity``).

    Returns ``(records, counts)``: ``(wkb, attributes)`` of the affected buildings (MultiPolygon;
    ``BUILDING_FIELDS`` order, then the ``copy`` fields) and ``counts`` (``flooded``,
    ``corridor``, buildings per distance class 1, 2, …, ``total`` checked)."""
    features = [f for f in features if _has_geometry(f)]
    flow = flow or FlowContext()
    wall = _wall_depths(features, water)
    classes = flow.classes  # the classes of the smartplan:flowpaths run (analysis.flowpaths)
    counts = {"flooded": 0, "corridor": 0, "total": len(features), "classes": classes}
    counts.update({k: 0 for k in range(1, len(classes) + 1)})
    out = []
    for k, f in enumerate(features):
        if check and k % 500 == 0:
            check()
        w = float(wall[k]) if np.isfinite(wall[k]) else None
        flooded = w is not None and core.at_least(w, thresholds.wall_depth_m)
        g = _for_predicates(f.geometry)
        in_cor = flow.in_corridor(g)
        dist, up = flow.nearest_path(g, classes[-1])
        dcls = distance_class(dist, classes)
        if not (flooded or in_cor or dcls):
            continue
        why = [t for t, on in (("flood", flooded), ("corridor", in_cor)) if on]
        if dcls:
            why.append(f"flow path ≤ {classes[dcls - 1]:g} m")
        attrs = [
            int(f.fid),
            w,
            bool(flooded),
            bool(in_cor),
            dist,
            dcls,
            float(up) if up is not None else None,
            ", ".join(why),
        ]
        out.append((_multi_polygon(f.geometry).wkb, attrs + copied_values(f, copy)))
        counts["flooded"] += flooded
        counts["corridor"] += in_cor
        if dcls:
            counts[dcls] += 1
    return out, counts


def road_tags(attrs):
    """The OSM tags of a road feature: ``other_tags`` (GDAL's OSM driver) and the fields
    ``tunnel``, ``covered`` and ``layer`` where the layer has them."""
    tags = core.osm_tags(attrs["other_tags"]) if "other_tags" in attrs else {}
    for key in ("tunnel", "covered", "layer"):
        if key in attrs and attrs[key] not in (None, ""):
            tags[key] = str(attrs[key])
    return tags


def is_road(attrs):
    """False for OSM lines that are not roads (waterways, railways, …: ``highway`` empty)."""
    return not ("highway" in attrs and (attrs["highway"] is None or str(attrs["highway"]) in ("", "NULL")))


def line_coordinates(geom):
    """The 2D vertex arrays (k, 2) of a line geometry's parts with at least two vertices."""
    parts = [np.asarray(p.coords, dtype=np.float64)[:, :2] for p in G.line_parts(geom)]
    return [p for p in parts if len(p) >= 2]


def roads(
    features,
    water,
    thresholds=Thresholds(),
    copy=(),
    copy_underpass=(),
    pieces=None,
    underpasses=None,
    check=None,
):
    """Split the roads where they enter or leave the water (``core.affected.split_at_water``,
    samples every half cell) and tell for every piece its maximum depth, whether cars and
    emergency vehicles can pass, and whether it is an underpass (OSM tunnel / covered / layer < 0,
    or deeper than ``thresholds.underpass_depth_m``).

    ``pieces`` / ``underpasses``: called with lists of ``(wkb, attributes)`` (LineStrings;
    ``ROAD_FIELDS`` + ``copy`` / ``UNDERPASS_FIELDS`` + ``copy_underpass`` order) batch by batch,
    so a whole city's roads never sit in memory as records; None when that output is not wanted
    (the totals are counted all the same). Returns ``(km, underpass_counts)``: kilometres
    ``total``, ``flooded``, impassable for ``car`` and for ``emergency`` vehicles, and the
    underpass pieces ``tagged`` and ``deep`` (road sinks that are not tagged)."""
    depth, grid = water.depth, water.grid
    fids, tagged, attrs, attrs_u, line_of = [], [], [], [], []  # per road; per line: its road
    xs, ys, starts = [], [], [0]
    for f in features:
        if check:
            check()
        if not _has_geometry(f) or not is_road(f.attrs):
            continue
        parts = line_coordinates(f.geometry)
        if not parts:
            continue
        for pts in parts:
            xs.extend(pts[:, 0].tolist())
            ys.extend(pts[:, 1].tolist())
            starts.append(len(xs))
            line_of.append(len(fids))
        fids.append(int(f.fid))
        tagged.append(core.is_underpass(road_tags(f.attrs)))
        attrs.append(copied_values(f, copy) if pieces is not None else None)
        attrs_u.append(copied_values(f, copy_underpass) if underpasses is not None else None)
    km = {"total": 0.0, "flooded": 0.0, "car": 0.0, "emergency": 0.0}
    n_under = {"tagged": 0, "deep": 0}
    if not fids:
        return km, n_under
    step = min(grid.dx, grid.dy) / 2.0
    xs, ys, starts = np.asarray(xs), np.asarray(ys), np.asarray(starts, dtype=np.int64)
    line_road = np.asarray(line_of, dtype=np.int64)
    tagged = np.asarray(tagged, dtype=bool)
    totals = np.zeros(4)
    batch, batch_u = [], []
    for l0, l1 in core.line_chunks(xs, ys, starts, step):  # lines split many at once
        if check:
            check()
        v0, v1 = starts[l0], starts[l1]
        pc = core.split_at_water(
            xs[v0:v1], ys[v0:v1], starts[l0 : l1 + 1] - v0, depth, grid.geotransform, step
        )
        road = line_road[l0 + pc.part]
        mx = pc.max_depth
        car = core.at_most(mx, thresholds.car_depth_m)
        emer = core.at_most(mx, thresholds.emergency_depth_m)
        deep = ~core.at_most(mx, thresholds.underpass_depth_m)
        tag = tagged[road]
        under = tag | deep
        km_len = pc.length / 1000
        totals += (km_len.sum(), km_len[pc.wet].sum(), km_len[~car].sum(), km_len[~emer].sum())
        n_under["tagged"] += int(tag.sum())
        n_under["deep"] += int((deep & ~tag).sum())
        for j in range(pc.part.size):  # one record per piece
            if pieces is None and not (underpasses is not None and under[j]):
                continue  # no output wants this piece (the totals are counted above)
            if check and j % 1000 == 0:
                check()
            r = int(road[j])
            a, b = pc.first[j], pc.last[j] + 1
            wkb = G.LineString(np.column_stack((pc.x[a:b], pc.y[a:b]))).wkb
            if pieces is not None:
                batch.append(
                    (
                        wkb,
                        [
                            fids[r],
                            int(pc.number[j]),
                            bool(pc.wet[j]),
                            float(mx[j]),
                            float(pc.length[j]),
                            bool(car[j]),
                            bool(emer[j]),
                            bool(under[j]),
                        ]
                        + attrs[r],
                    )
                )
            if underpasses is not None and under[j]:
                batch_u.append(
                    (
                        wkb,
                        [
                            fids[r],
                            "tunnel/layer" if tag[j] else "road sink",
                            float(mx[j]),
                            bool(pc.wet[j]),
                            bool(emer[j]),
                        ]
                        + attrs_u[r],
                    )
                )
            if len(batch) >= PIECE_BATCH or len(batch_u) >= PIECE_BATCH:
                batch, batch_u = _hand_over(pieces, batch), _hand_over(underpasses, batch_u)
        del pc
    _hand_over(pieces, batch)
    _hand_over(underpasses, batch_u)
    km = dict(zip(("total", "flooded", "car", "emergency"), totals.tolist()))
    return km, n_under


def _hand_over(receiver, batch):
    if receiver is not None and batch:
        receiver(batch)
    return []


def critical_type_of(attrs, type_field=""):
    """The type of a critical site: the value of ``type_field`` when given (None when empty), else
    from the OSM tags (``other_tags`` and the fields ``amenity``, ``power``, ``social_facility``;
    ``core.affected.CRITICAL_TYPES``). None: not a critical site (OSM amenity=bench, …)."""
    if type_field:
        t = attrs.get(type_field)
        return None if t is None or str(t) in ("", "NULL") else str(t)
    tags = core.osm_tags(attrs["other_tags"]) if "other_tags" in attrs else {}
    for key in ("amenity", "power", "social_facility"):
        if key in attrs and attrs[key] not in (None, ""):
            tags[key] = str(attrs[key])
    return core.critical_type(tags)


def site_point(geom):
    """The 2D point that stands for a site: the point itself, else a point on its surface (GEOS'
    point on surface, as QGIS' pointOnSurface)."""
    p = geom if geom.geom_type == "Point" else geom.representative_point()
    return G.Point(p.x, p.y)


def critical_sites(features, water, thresholds=Thresholds(), flow=None, type_field="", copy=(), check=None):
    """The affected critical sites (hospital, fire station, school, …; ``critical_type_of``):
    flooded (largest depth in or next to the site ≥ ``thresholds.wall_depth_m``) or in the flow
    path corridor.

    Returns ``(records, counts)``: ``(wkb, attributes)`` (a Point; ``CRITICAL_FIELDS`` order, then
    the ``copy`` fields) and ``counts`` (``by_type``: affected sites per type, ``total``: critical
    sites checked)."""
    flow = flow or FlowContext()
    sites, types = [], []
    for f in features:
        if check:
            check()
        if not _has_geometry(f):
            continue
        t = critical_type_of(f.attrs, type_field)
        if t is None:
            continue
        sites.append(f)
        types.append(t)
    wmax = _wall_depths(sites, water)
    out, by_type = [], {}
    for k, (f, t) in enumerate(zip(sites, types)):
        w = float(wmax[k]) if np.isfinite(wmax[k]) else None
        flooded = w is not None and core.at_least(w, thresholds.wall_depth_m)
        in_cor = flow.in_corridor(_for_predicates(f.geometry))
        if not (flooded or in_cor):
            continue
        attrs = [int(f.fid), t, w, bool(flooded), bool(in_cor)]
        out.append((site_point(f.geometry).wkb, attrs + copied_values(f, copy)))
        by_type[t] = by_type.get(t, 0) + 1
    return out, {"by_type": by_type, "total": len(sites)}
