"""Notwasserwege (emergency flow routes): the use case of ``smartplan:notwasserwege``.

Stretches of the flow paths (``smartplan:flowpaths``) that run along roads or open space and
lead the water to a safe target (green space, retention area):

* the guide area is the roads buffered by ``road_buffer_m`` and the open space;
* a flow-path segment outside filled sinks is cut to its part inside the guide area; the part is
  a candidate route when the flow path, followed downstream segment by segment (also into and
  across filled sinks), reaches a target area — ``target`` names the first one reached (of
  several on one segment, the first in input order) — and when it is at least ``min_length_m``
  long;
* without target areas, the open space serves as target;
* conflicts are where a segment crosses a building or an underpass, or comes within
  ``sensitive_distance_m`` of a sensitive site: returned as points, and flagged on the routes
  upstream of them (on the way to the target, the target's own segment included); per segment
  the objects come in input order.

Inputs are plain records with shapely geometries, all in one projected CRS in metres; invalid
geometries are repaired (``core.geometry.repaired``). ``emergency_flow_routes`` gives the output
features as ``(wkb, attributes)`` in the order of the output schemas below."""

from dataclasses import dataclass
from typing import Optional

from ..core import defaults
from ..core import geometry as G

# the output schemas (the batch interface: do not rename or reorder)
ROUTE_FIELDS = (
    ("route_id", int),
    ("seg_id", int),
    ("status", str),
    ("target", str),
    ("upstream_ha", float),
    ("length_m", float),
    ("along", str),
    ("conflict", str),
    ("note", str),
)
CONFLICT_FIELDS = (("type", str), ("seg_id", int), ("upstream_ha", float), ("object", str))

# the fields a flow-path layer needs (the FLOWPATHS output of smartplan:flowpaths)
FLOW_FIELDS = ("seg_id", "downstream_seg", "upstream_ha")

# attribute values of the outputs (data, not translated: planners filter and edit by them)
CANDIDATE = "candidate"  # status of a new route; planners set 'confirmed' or 'rejected'
ALONG_ROAD, ALONG_OPEN_SPACE = "road", "open space"
BUILDING, UNDERPASS, SENSITIVE_SITE = "building", "underpass", "sensitive site"
BUFFER_SEGMENTS = 4  # segments per quarter circle of the road buffers


@dataclass(frozen=True)
class RouteSettings:
    road_buffer_m: float = defaults.NW_ROAD_BUFFER_M  # a flow path runs along a road within this
    sensitive_distance_m: float = defaults.NW_SENSITIVE_DISTANCE_M  # conflicts with sensitive sites
    min_length_m: float = defaults.NW_MIN_LENGTH_M  # shorter route parts are dropped


@dataclass(frozen=True)
class FlowSegment:
    """A segment of the flow-path network (a feature of smartplan:flowpaths' FLOWPATHS)."""

    seg_id: int
    downstream_seg: Optional[int]  # the next segment downstream, None at an outlet
    upstream_ha: Optional[float]
    in_sink: bool  # runs across a filled sink: leads the water on, but is no route part
    geom: object  # shapely line


@dataclass(frozen=True)
class Site:
    """An object of another input (target area, road, building …) and what the outputs call it
    (``target`` of the routes for target areas, ``object`` of the conflicts)."""

    label: str
    geom: object  # shapely geometry


class MissingTargets(ValueError):
    """Neither target areas nor open space were given: routes must end in a safe target."""


@dataclass
class RouteResult:
    routes: list  # (wkb MultiLineString, attributes in ROUTE_FIELDS order)
    conflicts: list  # (wkb Point, attributes in CONFLICT_FIELDS order)


def _valid(sites):
    return [Site(s.label, G.repaired(s.geom)) for s in sites or () if s.geom is not None]


def _conflict_point(g, other, near):
    """Where the conflict of segment ``g`` with ``other`` is shown: a point of their intersection,
    or (near a sensitive site, or when the intersection is empty) the point of ``g`` nearest to it."""
    inter = g.intersection(other) if near <= 0 else G.nearest_point(g, other)
    if inter.is_empty:
        return G.nearest_point(g, other)
    return inter.representative_point()


def emergency_flow_routes(
    flows,
    targets=(),
    roads=(),
    open_space=(),
    buildings=(),
    underpasses=(),
    sensitive=(),
    settings=RouteSettings(),
    check=None,
    progress=None,
):
    """The candidate emergency flow routes and the conflicts (``RouteResult``).

    ``flows``: ``FlowSegment``s; the others: ``Site``s (``sensitive``: points or polygons).
    Raises ``MissingTargets`` when neither ``targets`` nor ``open_space`` hold an object.
    ``check()`` is called per segment (raises on cancel), ``progress(percent)`` on the way."""
    check = check or (lambda: None)
    progress = progress or (lambda p: None)
    roads, opens, targets = _valid(roads), _valid(open_space), _valid(targets)
    if not targets:
        targets = opens
    if not targets:
        raise MissingTargets()
    buf = settings.road_buffer_m
    road_zones = [r.geom.buffer(buf, BUFFER_SEGMENTS) for r in roads]
    guide_parts = road_zones + [o.geom for o in opens]
    guide = G.unary_union(guide_parts) if guide_parts else None
    t_index = G.SpatialIndex([t.geom for t in targets])
    # every segment leads the water on (a path that enters a filled sink lying in a green space
    # has reached it); only segments outside filled sinks can be route parts or conflicts
    chain, segs, down = {}, {}, {}
    for seg in flows:
        if seg.geom is None:
            continue
        g = G.repaired(seg.geom)
        chain[seg.seg_id] = (seg, g)
        if not seg.in_sink:
            segs[seg.seg_id] = (seg, g)
    for sid, (seg, _g) in chain.items():
        down[sid] = seg.downstream_seg
    progress(25)

    def target_of(geom):
        for i in t_index.candidates(geom):
            if geom.intersects(targets[i].geom):
                return targets[i].label
        return None

    # conflicts per segment
    conflicts, conflict_rows = {}, []
    for kind, items, near in (
        (BUILDING, _valid(buildings), 0.0),
        (UNDERPASS, _valid(underpasses), 0.0),
        (SENSITIVE_SITE, _valid(sensitive), settings.sensitive_distance_m),
    ):
        if not items:
            continue
        idx = G.SpatialIndex([s.geom for s in items])
        for sid, (seg, g) in segs.items():
            check()
            if near > 0:
                hits = idx.within_distance(g, near)
            else:
                hits = [i for i in idx.candidates(g) if g.intersects(items[i].geom)]
            for i in hits:
                pt = _conflict_point(g, items[i].geom, near)
                conflict_rows.append((G.to_wkb(pt), [kind, sid, seg.upstream_ha, items[i].label]))
                conflicts.setdefault(sid, set()).add(kind)
    progress(55)

    # downstream: the first target reached, and conflicts on the way there
    reach = {}

    def downstream_target(sid):
        """(first target reached downstream, conflicts on the way there incl. the target's
        own segment); memoised along the path."""
        path = []
        s = sid
        while s is not None and s in chain and s not in reach:
            t = target_of(chain[s][1])
            if t is not None:
                reach[s] = (t, set(conflicts.get(s, set())))
                break
            path.append(s)
            s = down.get(s)
        tgt, conf = reach.get(s, (None, set())) if s is not None else (None, set())
        for s2 in reversed(path):
            conf = conf | conflicts.get(s2, set())
            reach[s2] = (tgt, conf)
        return reach.get(sid, (tgt, conf))

    road_index = G.SpatialIndex(road_zones)
    open_index = G.SpatialIndex([o.geom for o in opens])
    routes = []
    for sid, (seg, g) in sorted(segs.items()):
        check()
        if guide is None or guide.is_empty or not g.intersects(guide):
            continue
        tgt, conf = downstream_target(sid)
        if tgt is None:
            continue
        lines = G.line_parts(g.intersection(guide))
        part = G.MultiLineString(lines) if lines else None
        if part is None or part.length < settings.min_length_m:
            continue
        along = []
        if any(part.intersects(road_zones[i]) for i in road_index.candidates(part)):
            along.append(ALONG_ROAD)
        if any(part.intersects(opens[i].geom) for i in open_index.candidates(part)):
            along.append(ALONG_OPEN_SPACE)
        routes.append(
            (
                G.to_wkb(part),
                [
                    len(routes) + 1,
                    sid,
                    CANDIDATE,
                    tgt,
                    seg.upstream_ha,
                    part.length,
                    ", ".join(along),
                    ", ".join(sorted(conf)) if conf else None,
                    None,
                ],
            )
        )
    return RouteResult(routes, conflict_rows)
