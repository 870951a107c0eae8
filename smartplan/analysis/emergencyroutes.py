"""Emergency routes in heavy rain (Einsatzrouten): which destinations fire brigades and ambulances
still reach in time when roads are flooded — the analysis of ``smartplan:emergencyroutes``,
without QGIS.

* The road network: every vertex of a road line is a node (``core.routing``); the speed comes
  from a field, the OSM highway class (``core.routing.DEFAULT_SPEEDS_KMH``) or a default; lines
  that are no drivable roads are left out; OSM one-way streets and roundabouts are honoured.
* The water depth of every edge: the largest of its road's ``max_depth_m`` (ROADS_AFFECTED of
  smartplan:affected) and the depth raster sampled along it every half cell.
* An edge deeper than the vehicle's limit (``VEHICLE_DEPTH``, ``core.affected.at_most``) is
  blocked; optionally vehicles slow down in shallower water (Pregnolato et al. 2017).
* Fastest routes from the nearest station on the dry and on the flooded network (one
  multi-source Dijkstra each), detours, the destinations that lose coverage within the time
  limit, those cut off entirely, and the service area (roads and a hull around them).

Inputs are ``analysis.records.Feature``s with shapely geometries in a metric CRS (the wrapper
chooses it: ``io.crs_qgis.metric_crs``); outputs are ``(wkb, attributes)`` in the order of the
``*_FIELDS`` schemas."""

from dataclasses import dataclass, field

import numpy as np

from ..core import affected as aff
from ..core import defaults, routing
from ..core import geometry as G
from .affected import line_coordinates, site_point
from .records import INT64

# impassable above [m] per vehicle (the wrapper's VEHICLE choice): emergency vehicle, car, custom
VEHICLE_DEPTH = (aff.EMERGENCY_DEPTH_M, aff.CAR_DEPTH_M, None)
DEFAULT_SPEED_KMH = defaults.ROUTE_DEFAULT_SPEED_KMH
FAR_FROM_ROAD_M = 500.0  # a station farther from the nearest road is worth a warning
HULL_BUFFER_M = 25.0  # the service hull: this far around the roads reached in time

BLOCKED_FIELDS = (("road_fid", INT64), ("max_depth_m", float), ("length_m", float))
ROUTE_FIELDS = (
    ("dest_fid", INT64),
    ("station", str),
    ("dry_min", float),
    ("flood_min", float),
    ("detour_min", float),
    ("dry_km", float),
    ("flood_km", float),
    ("reachable", bool),
    ("in_time_dry", bool),
    ("in_time_flood", bool),
    ("geometry_of", str),
)
SERVICE_AREA_FIELDS = (
    ("dry_min", float),
    ("flood_min", float),
    ("in_time_dry", bool),
    ("in_time_flood", bool),
    ("blocked", bool),
)
SERVICE_HULL_FIELDS = (
    ("network", str),
    ("time_limit_min", float),
    ("road_km", float),
    ("area_km2", float),
)
UNREACHABLE_FIELDS = (("dest_fid", INT64), ("dry_min", float), ("flood_min", float))
OUTPUTS = ("BLOCKED", "ROUTES", "SERVICE_AREA", "SERVICE_HULL", "UNREACHABLE")


def oneway_of(value):
    """OSM oneway tag -> 1 (with the line), -1 (against it), 0 (both ways)."""
    v = str(value).strip().lower() if value is not None else ""
    if v in ("yes", "true", "1"):
        return 1
    if v in ("-1", "reverse"):
        return -1
    return 0


def edge_geometry(net, e):
    """The straight segment of network edge ``e`` (shapely LineString)."""
    return G.LineString([tuple(net.nodes[net.u[e]]), tuple(net.nodes[net.v[e]])])


def _number(value):
    """A speed from an attribute value, None when it holds no number."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@dataclass
class RoadLines:
    """The drivable road lines, one entry per line part: vertices (k, 2), speed [km/h], direction
    (0 both ways, 1 with the line, -1 against it), the depth of its ``max_depth_m`` field (0
    without) and the feature id of its road."""

    lines: list = field(default_factory=list)
    speeds: list = field(default_factory=list)
    dirs: list = field(default_factory=list)
    depth: np.ndarray = None
    fids: list = field(default_factory=list)

    def __len__(self):
        return len(self.lines)


def road_lines(features, speed_field="", default_speed=DEFAULT_SPEED_KMH):
    """The drivable road lines of road ``Feature``s (see the module docstring). An OSM line
    without a highway class is no road, unless the layer carries ``max_depth_m`` (the roads of
    smartplan:affected)."""
    out = RoadLines()
    depth = []
    for f in features:
        a = f.attrs
        if f.geometry is None or f.geometry.is_empty:
            continue
        hw = str(a["highway"]) if "highway" in a and a["highway"] not in (None, "") else None
        not_road = hw is None and "highway" in a and "max_depth_m" not in a
        if hw in routing.NOT_DRIVABLE or not_road:  # OSM lines that are no (drivable) roads
            continue
        tags = aff.osm_tags(a["other_tags"]) if "other_tags" in a else {}
        speed = _number(a.get(speed_field)) if speed_field and a.get(speed_field) not in (None, "") else None
        if speed is None or speed <= 0:
            speed = routing.DEFAULT_SPEEDS_KMH.get(hw, default_speed) if hw else default_speed
        d = oneway_of(a["oneway"] if "oneway" in a else tags.get("oneway"))
        if d == 0 and tags.get("junction") == "roundabout":
            d = 1
        dep = a["max_depth_m"] if "max_depth_m" in a else None
        dep = float(dep) if dep not in (None, "") and str(dep) != "NULL" else 0.0
        for part in line_coordinates(f.geometry):
            out.lines.append(part)
            out.speeds.append(speed)
            out.dirs.append(d)
            depth.append(dep)
            out.fids.append(f.fid)
    out.depth = np.asarray(depth, dtype=np.float64)
    return out


def site_points(features):
    """(n, 2) coordinates of the sites (``analysis.affected.site_point``)."""
    xy = [site_point(f.geometry).coords[0] for f in features]
    return np.asarray(xy, dtype=np.float64).reshape(-1, 2)


@dataclass
class TiedNetwork:
    """The road network with the stations and destinations tied to it (their nearest road is
    split at their projection): built once for all destinations."""

    net: object  # core.routing.Network
    roads: RoadLines
    stations: list  # Feature
    destinations: list  # Feature
    station_nodes: np.ndarray
    destination_nodes: np.ndarray
    destination_xy: np.ndarray
    station_distance: np.ndarray  # metres from each station to the network

    def far_stations(self, limit_m=FAR_FROM_ROAD_M):
        """How many stations lie farther than ``limit_m`` from the nearest road."""
        return int((self.station_distance > limit_m).sum())


def tie(roads, stations, destinations=()):
    """A ``TiedNetwork`` of ``roads`` (``RoadLines``, at least one) and the station and
    destination ``Feature``s (points, or a point on the surface of polygons)."""
    stations, destinations = list(stations), list(destinations)
    st_xy, de_xy = site_points(stations), site_points(destinations)
    net = routing.build_network(roads.lines, roads.speeds, roads.dirs)
    net, tied, dist = routing.tie_points(net, np.vstack([st_xy, de_xy]))
    n = len(st_xy)
    return TiedNetwork(net, roads, stations, destinations, tied[:n], tied[n:], de_xy, dist[:n])


def edge_depth(net, line_depth, raster=None, to_raster_crs=None):
    """The water depth [m] of every edge: the depth of its line (``line_depth``, per line of the
    network's lines) and, with a ``raster`` ``(depth array, io.raster.Grid)``, the largest depth
    sampled along the edge every half cell (NoData and outside: 0). ``to_raster_crs``: maps (n, 2)
    network coordinates into the raster's CRS (None: the same CRS)."""
    depth = np.asarray(line_depth)[net.feature].astype(np.float64)
    if raster is None:
        return depth
    arr, grid = raster
    a, b = net.nodes[net.u], net.nodes[net.v]
    if to_raster_crs is not None:
        tr = np.asarray(to_raster_crs(net.nodes), dtype=np.float64).reshape(-1, 2)
        a, b = tr[net.u], tr[net.v]
    step = min(grid.dx, grid.dy) / 2.0
    seg = np.hypot(*(b - a).T)
    k = np.maximum(1, np.ceil(seg / step).astype(np.int64)) + 1
    e = np.repeat(np.arange(seg.size), k)
    first = np.cumsum(k) - k
    t = (np.arange(e.size) - first[e]) / (k[e] - 1)
    x = a[e, 0] + t * (b[e, 0] - a[e, 0])
    y = a[e, 1] + t * (b[e, 1] - a[e, 1])
    vals = np.nan_to_num(aff.sample(arr, grid.geotransform, x, y), nan=0.0)
    return np.maximum(depth, np.maximum.reduceat(vals, first))


@dataclass(frozen=True)
class RouteSettings:
    limit_depth_m: float = aff.EMERGENCY_DEPTH_M  # impassable above
    slow_by_depth: bool = False  # Pregnolato et al. 2017 in shallower water
    time_limit_min: float = defaults.RESPONSE_TIME_MIN  # the response-time target (Hilfsfrist)


@dataclass
class RoutesResult:
    depth: np.ndarray  # per edge [m]
    blocked: np.ndarray  # per edge
    dry: object  # core.routing.Routes on the dry network
    flooded: object  # … on the flooded network
    lost: list  # destination positions in time when dry, not when flooded
    summary: dict  # blocked_km, destinations, lost, cut_off
    detours: list  # (detour min, destination, station, dry min, flooded min), longest first (20)
    cut_off: list  # (destination, station, dry min) reachable dry, not at all when flooded
    records: dict  # output name -> [(wkb, attributes)] of the outputs asked for


def speed_factor(depth, blocked, slow_by_depth=False):
    """Factor on every edge's speed: 0 where blocked; with ``slow_by_depth`` Pregnolato's
    reduction, a passable edge never slower than a crawl (1e-6)."""
    if not slow_by_depth:
        return np.where(blocked, 0.0, 1.0)
    factor = np.where(blocked, 0.0, np.maximum(routing.pregnolato_speed_factor(depth), 0.0))
    return np.where(~blocked & (factor == 0), 1e-6, factor)  # passable but crawling


def route_line(net, edge_ids):
    """The line through the edges of a path (shapely), None for an empty path."""
    if not edge_ids:
        return None
    pts = [net.nodes[net.u[edge_ids[0]]]]
    for e in edge_ids:
        a, b = net.nodes[net.u[e]], net.nodes[net.v[e]]
        pts.append(b if np.allclose(a, pts[-1]) else a)
    return G.LineString([tuple(p) for p in pts])


def _wkb(geom):
    return None if geom is None else geom.wkb


def route(
    tied,
    settings=RouteSettings(),
    raster=None,
    to_raster_crs=None,
    outputs=OUTPUTS,
    check=None,
    progress=None,
):
    """Route from the stations on the dry and on the flooded network (see the module docstring).
    ``raster``/``to_raster_crs``: the depth raster (``edge_depth``); ``outputs``: the names of
    ``OUTPUTS`` whose records are wanted (the others are not computed)."""
    net, st_nodes, de_nodes = tied.net, tied.station_nodes, tied.destination_nodes
    depth = edge_depth(net, tied.roads.depth, raster, to_raster_crs)
    blocked = ~aff.at_most(depth, settings.limit_depth_m)
    factor = speed_factor(depth, blocked, settings.slow_by_depth)
    if progress:
        progress(40)
    if check:
        check()
    g_dry, e_dry = routing.graph(net, net.seconds())
    g_fl, e_fl = routing.graph(net, net.seconds(factor))
    dry = routing.from_stations(g_dry, st_nodes)
    fl = routing.from_stations(g_fl, st_nodes)
    if progress:
        progress(60)
    limit_s = settings.time_limit_min * 60.0
    n_dest = len(tied.destinations)
    records = {}
    if "BLOCKED" in outputs:
        fids = tied.roads.fids
        records["BLOCKED"] = [
            (edge_geometry(net, e).wkb, [int(fids[net.feature[e]]), float(depth[e]), float(net.length[e])])
            for e in np.flatnonzero(blocked)
        ]
    rows = []  # (destination, station, dry min, flooded min) for the report
    for dest, node in zip(tied.destinations, de_nodes):
        src_i = fl.source[node] if np.isfinite(fl.time[node]) else dry.source[node]
        rows.append(
            (
                dest.label,
                tied.stations[src_i].label if src_i >= 0 else "",
                dry.time[node] / 60.0,
                fl.time[node] / 60.0,
            )
        )
    if n_dest and "ROUTES" in outputs:
        records["ROUTES"] = route_records(tied, dry, fl, (e_dry, e_fl), limit_s, check)
    lost = [i for i, n in enumerate(de_nodes) if dry.time[n] <= limit_s < fl.time[n]]
    if progress:
        progress(80)
    if "SERVICE_AREA" in outputs:
        records["SERVICE_AREA"] = service_area(net, dry, fl, blocked, limit_s)
    if "SERVICE_HULL" in outputs:
        records["SERVICE_HULL"] = service_hull(net, dry, fl, blocked, limit_s)
    if n_dest and "UNREACHABLE" in outputs:
        records["UNREACHABLE"] = unreachable_records(tied, dry, fl, lost)
    summary = {
        "blocked_km": float(net.length[blocked].sum() / 1000),
        "destinations": n_dest,
        "lost": len(lost),
        "cut_off": int(sum(1 for n in de_nodes if np.isfinite(dry.time[n]) and np.isinf(fl.time[n]))),
    }
    # the report: real detours (longest first) and every destination cut off, by name
    detours = sorted(
        (
            (t_f - t_d, name, st, t_d, t_f)
            for name, st, t_d, t_f in rows
            if np.isfinite(t_f) and np.isfinite(t_d) and t_f - t_d > 1e-6
        ),
        key=lambda r: -r[0],
    )[:20]
    cut_off = sorted(
        ((name, st, t_d) for name, st, t_d, t_f in rows if np.isfinite(t_d) and not np.isfinite(t_f)),
        key=lambda r: r[2],
    )
    return RoutesResult(depth, blocked, dry, fl, lost, summary, detours, cut_off, records)


def route_records(tied, dry, fl, edge_of, limit_s, check=None):
    """ROUTES: per destination its fastest route when flooded, or its dry route when it cannot be
    reached flooded (``geometry_of``), with times, lengths and whether it is reached in time."""
    net, (e_dry, e_fl) = tied.net, edge_of
    out = []
    for i, (dest, node) in enumerate(zip(tied.destinations, tied.destination_nodes)):
        if check and i % 200 == 0:
            check()
        pd = routing.path_edges(dry, e_dry, node) if np.isfinite(dry.time[node]) else []
        pf = routing.path_edges(fl, e_fl, node) if np.isfinite(fl.time[node]) else []
        t_d, t_f = dry.time[node] / 60.0, fl.time[node] / 60.0
        reach = bool(np.isfinite(t_f))
        src_i = fl.source[node] if reach else dry.source[node]
        attrs = [
            int(dest.fid),
            tied.stations[src_i].label if src_i >= 0 else None,
            float(t_d) if np.isfinite(t_d) else None,
            float(t_f) if reach else None,
            float(t_f - t_d) if reach and np.isfinite(t_d) else None,
            float(net.length[pd].sum() / 1000) if pd else (0.0 if np.isfinite(t_d) else None),
            float(net.length[pf].sum() / 1000) if pf else (0.0 if reach else None),
            reach,
            bool(dry.time[node] <= limit_s),
            bool(fl.time[node] <= limit_s),
            "flooded" if reach else "dry",
        ]
        out.append((_wkb(route_line(net, pf if reach else pd)), attrs))
    return out


def unreachable_records(tied, dry, fl, lost):
    """UNREACHABLE: the destinations (positions ``lost``) that lose their coverage, as points."""
    out = []
    for i in lost:
        n = tied.destination_nodes[i]
        tf = fl.time[n] / 60.0
        attrs = [
            int(tied.destinations[i].fid),
            float(dry.time[n] / 60.0),
            float(tf) if np.isfinite(tf) else None,
        ]
        out.append((G.Point(*tied.destination_xy[i]).wkb, attrs))
    return out


def service_area(net, dry, fl, blocked, limit_s):
    """The roads reached within ``limit_s`` on the dry network (an edge counts from its nearer
    end), with their times and whether they are reached in time when flooded."""
    tu_d = np.minimum(dry.time[net.u], dry.time[net.v]) / 60.0
    tu_f = np.minimum(fl.time[net.u], fl.time[net.v]) / 60.0
    out = []
    for e in np.flatnonzero(np.isfinite(tu_d) & (tu_d * 60 <= limit_s)):
        ok_f = bool(np.isfinite(tu_f[e]) and tu_f[e] * 60 <= limit_s and not blocked[e])
        attrs = [
            float(tu_d[e]),
            float(tu_f[e]) if np.isfinite(tu_f[e]) else None,
            True,
            ok_f,
            bool(blocked[e]),
        ]
        out.append((edge_geometry(net, e).wkb, attrs))
    return out


def service_hull(net, dry, fl, blocked, limit_s, buf=HULL_BUFFER_M):
    """The area within ``buf`` metres of the roads reachable in time (both ends within
    ``limit_s``), dry and flooded: MultiPolygon records in ``SERVICE_HULL_FIELDS`` order."""
    out = []
    for label, r, ok_edges in (("dry", dry, np.ones(net.u.size, bool)), ("flooded", fl, ~blocked)):
        reach = ok_edges & (np.maximum(r.time[net.u], r.time[net.v]) <= limit_s)
        idx = np.flatnonzero(reach)
        if not idx.size:
            continue
        poly = G.buffered_union((edge_geometry(net, e) for e in idx), buf, 4)
        if poly.geom_type == "Polygon":
            poly = G.MultiPolygon([poly])
        out.append((poly.wkb, [label, limit_s / 60.0, float(net.length[idx].sum() / 1000), poly.area / 1e6]))
    return out
