"""analysis.emergencyroutes without QGIS: a hand-made road network (metres, 36 km/h = 10 m/s)
with the travel times, detours and cut-off destinations computed by hand in the comments."""

import math

import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from smartplan.analysis import emergencyroutes as E
from smartplan.analysis.records import Feature
from smartplan.core.geometry import from_wkb
from smartplan.io.raster import Grid

TOP = (50.0, 120.0)  # 130 m from S and from D: 5-12-13 triangles (50² + 120² = 130²)


def network(depth_direct=0.8, depth_spur=0.7, oneway_3=None):
    """Station S at (0, 0); destination D at (100, 0) and E at (160, 0).

    * road 1: S → D directly, 100 m, under ``depth_direct`` of water (max_depth_m);
    * roads 2 and 3: the detour S → TOP → D, 130 m + 130 m, dry (road 3 drawn D → TOP);
    * road 4: the spur D → E, 60 m, under ``depth_spur``: E's only way."""
    roads = [
        Feature(
            1,
            LineString([(0, 0), (100, 0)]),
            {"highway": "residential", "speed": 36, "max_depth_m": depth_direct},
        ),
        Feature(2, LineString([(0, 0), TOP]), {"highway": "residential", "speed": 36, "max_depth_m": 0.0}),
        Feature(
            3,
            LineString([(100, 0), TOP]),
            {"highway": "residential", "speed": 36, "max_depth_m": None, "oneway": oneway_3},
        ),
        Feature(
            4,
            LineString([(100, 0), (160, 0)]),
            {"highway": "service", "speed": 36, "max_depth_m": depth_spur},
        ),
    ]
    lines = E.road_lines(roads, "speed")
    stations = [Feature(1, Point(0, 0), label="S")]
    dests = [Feature(1, Point(100, 0), label="D"), Feature(2, Point(160, 0), label="E")]
    return E.tie(lines, stations, dests)


def test_flooded_direct_road_detour_and_a_cut_off_destination():
    """Dry: D in 100 m = 10 s, E in 160 m = 16 s. Flooded (emergency vehicles: > 0.6 m blocked):
    roads 1 (0.8 m) and 4 (0.7 m) are blocked; D by the detour 260 m = 26 s (16 s = 0.267 min
    longer), E is cut off. Within 1 min E loses its coverage, D does not."""
    res = E.route(network(), E.RouteSettings(limit_depth_m=0.6, time_limit_min=1.0))
    assert res.blocked.sum() == 2
    blocked = sorted((a[0], a[1], a[2]) for _w, a in res.records["BLOCKED"])
    assert blocked == [(1, 0.8, 100.0), (4, 0.7, 60.0)]
    routes = {a[0]: a for _w, a in res.records["ROUTES"]}
    # dest_fid, station, dry_min, flood_min, detour_min, dry_km, flood_km, reachable,
    # in_time_dry, in_time_flood, geometry_of
    d = routes[1]
    assert d[1] == "S"
    assert d[2:7] == pytest.approx([10 / 60, 26 / 60, 16 / 60, 0.1, 0.26])
    assert d[7:] == [True, True, True, "flooded"]
    e = routes[2]
    assert e[2] == pytest.approx(16 / 60) and e[3] is None and e[4] is None
    assert e[5] == pytest.approx(0.16) and e[6] is None
    assert e[7:] == [False, True, False, "dry"]
    # D's flooded route runs over the detour; E's line is its dry route
    geoms = {a[0]: from_wkb(w) for w, a in res.records["ROUTES"]}
    assert list(geoms[1].coords) == [(0, 0), TOP, (100, 0)]
    assert list(geoms[2].coords) == [(0, 0), (100, 0), (160, 0)]
    assert res.lost == [1]
    (w, a) = res.records["UNREACHABLE"][0]
    assert a == [2, pytest.approx(16 / 60), None] and from_wkb(w).coords[0] == (160, 0)
    assert res.summary == {"blocked_km": pytest.approx(0.16), "destinations": 2, "lost": 1, "cut_off": 1}
    assert res.detours == [(pytest.approx(16 / 60), "D", "S", pytest.approx(10 / 60), pytest.approx(26 / 60))]
    assert res.cut_off == [("E", "S", pytest.approx(16 / 60))]


def test_one_way_road_closes_the_detour():
    """Road 3 drawn D → TOP, one-way with the line (oneway=yes): nobody drives TOP → D, so with the
    direct road flooded D is cut off too; with oneway=-1 (against the line: TOP → D) the detour is
    open again."""
    res = E.route(network(oneway_3="yes"), E.RouteSettings(limit_depth_m=0.6, time_limit_min=1.0))
    assert res.summary["cut_off"] == 2 and [c[0] for c in res.cut_off] == ["D", "E"]
    res = E.route(network(oneway_3="-1"), E.RouteSettings(limit_depth_m=0.6, time_limit_min=1.0))
    assert res.summary["cut_off"] == 1 and res.detours[0][1] == "D"


def test_within_the_limit_depth_nothing_is_blocked():
    """0.8 m with a custom limit of 0.8 m: exactly at the limit is passable, no detour."""
    res = E.route(network(), E.RouteSettings(limit_depth_m=0.8, time_limit_min=1.0))
    assert res.summary["blocked_km"] == 0 and res.detours == [] and res.cut_off == []
    routes = {a[0]: a for _w, a in res.records["ROUTES"]}
    assert routes[1][4] == pytest.approx(0.0)


def test_slowing_in_shallow_water():
    """0.1 m on the direct road (passable): Pregnolato v(100 mm) = 0.0009·100² − 0.5529·100 +
    86.9448 = 40.6548 km/h, factor 40.6548 / 86.9448; 100 m at 10 m/s · factor = 21.386 s, still
    faster than the 26 s detour."""
    factor = 40.6548 / 86.9448
    res = E.route(
        network(depth_direct=0.1, depth_spur=0.0),
        E.RouteSettings(limit_depth_m=0.6, slow_by_depth=True, time_limit_min=1.0),
    )
    routes = {a[0]: a for _w, a in res.records["ROUTES"]}
    assert routes[1][3] * 60 == pytest.approx(100 / (10 * factor), rel=1e-6)
    assert routes[1][3] * 60 == pytest.approx(21.386, abs=1e-3)
    # without slowing, 0.1 m changes nothing
    res = E.route(network(depth_direct=0.1, depth_spur=0.0), E.RouteSettings(limit_depth_m=0.6))
    assert {a[0]: a for _w, a in res.records["ROUTES"]}[1][3] == pytest.approx(10 / 60)


def test_service_area_and_hull():
    """Within 1 min, dry: all four roads (0.1 + 0.13 + 0.13 + 0.06 = 0.42 km); flooded: the
    detour only (0.26 km). The service-area roads reached dry: every edge; the blocked ones are
    flagged and not in time when flooded."""
    res = E.route(network(), E.RouteSettings(limit_depth_m=0.6, time_limit_min=1.0))
    hull = {a[0]: (from_wkb(w), a) for w, a in res.records["SERVICE_HULL"]}
    assert hull["dry"][1][1:3] == [1.0, pytest.approx(0.42)]
    assert hull["flooded"][1][2] == pytest.approx(0.26)
    dry, fl = hull["dry"][0], hull["flooded"][0]
    assert dry.geom_type == "MultiPolygon" and dry.contains(fl.representative_point())
    assert hull["dry"][1][3] == pytest.approx(dry.area / 1e6)
    # 25 m around 420 m of road: less than the sum of the buffers of the four roads, more than
    # the 50 m wide bands along them less their overlap at the ends
    assert 0.9 * 420 * 50 / 1e6 < hull["dry"][1][3] < (420 * 50 + 4 * math.pi * 25**2) / 1e6
    area = res.records["SERVICE_AREA"]
    assert len(area) == 4
    flagged = [a for _w, a in area if a[4]]
    assert len(flagged) == 2 and not any(a[3] for a in flagged)
    # dry_min of an edge: its nearer end; road 3 (TOP–D): D at 10 s
    top_d = [a for w, a in area if set(from_wkb(w).coords) == {TOP, (100.0, 0.0)}][0]
    assert top_d[0] == pytest.approx(10 / 60) and top_d[1] == pytest.approx(13 / 60)


def test_only_the_outputs_asked_for_are_computed():
    res = E.route(network(), E.RouteSettings(time_limit_min=1.0), outputs=["BLOCKED"])
    assert set(res.records) == {"BLOCKED"} and res.lost == [1] and res.summary["cut_off"] == 1


def test_edge_depth_from_the_raster_along_the_edges():
    """A 1 m raster in a CRS shifted 1000 m east of the network's: 0.5 m under the middle of the
    direct road (x 49..51 in network coordinates), NoData on the spur. The direct road (max_depth_m
    0.2) gets 0.5 m from the raster, the spur keeps its own 0.7 m; the other roads stay 0."""
    net = network(depth_direct=0.2, depth_spur=0.7).net
    arr = np.zeros((130, 200), np.float32)  # x 1000..1200, y 125..-5 in the raster's CRS
    arr[124:126, 1049 - 1000 : 1051 - 1000] = 0.5  # rows 124-125: y 1..-1
    arr[124:126, 110:170] = np.nan
    grid = Grid((1000.0, 1.0, 0.0, 125.0, 0.0, -1.0), "", 130, 200)
    line_depth = np.array([0.2, 0.0, 0.0, 0.7])
    depth = E.edge_depth(net, line_depth, (arr, grid), lambda xy: np.asarray(xy) + [1000.0, 0.0])
    by_road = {int(f): float(d) for f, d in zip(net.feature, depth)}
    assert by_road == {0: pytest.approx(0.5), 1: 0.0, 2: 0.0, 3: pytest.approx(0.7)}
    # without the shift the raster lies 1000 m away: only the roads' own depths
    assert E.edge_depth(net, line_depth, (arr, grid)).tolist() == [line_depth[f] for f in net.feature]


def test_road_lines_read_speeds_directions_and_skip_what_is_no_road():
    roads = [
        Feature(1, LineString([(0, 0), (10, 0)]), {"highway": "primary", "v": "fast", "oneway": "yes"}),
        Feature(2, LineString([(0, 0), (0, 10)]), {"highway": "footway", "v": 20, "oneway": None}),
        Feature(3, LineString([(0, 0), (5, 5)]), {"highway": None, "v": 50, "oneway": None}),
        Feature(
            4,
            LineString([(10, 0), (10, 10)]),
            {"highway": "residential", "v": 45, "oneway": None, "other_tags": '"junction"=>"roundabout"'},
        ),
        Feature(5, box(0, 0, 1, 1).exterior, {"highway": "tertiary", "v": -3, "oneway": "-1"}),
    ]
    lines = E.road_lines(roads, "v", default_speed=25)
    # footway: not driven; highway NULL without max_depth_m: no road
    assert lines.fids == [1, 4, 5]
    # 'fast' and -3 are no speeds: the OSM class (primary 50, tertiary 40); the field's 45 wins
    assert lines.speeds == [50, 45, 40]
    assert lines.dirs == [1, 1, -1]  # oneway=yes, roundabout, oneway=-1
    assert lines.depth.tolist() == [0.0, 0.0, 0.0]
    assert [E.oneway_of(v) for v in ("yes", "True", "1", "-1", "reverse", "no", None, "")] == [
        1,
        1,
        1,
        -1,
        -1,
        0,
        0,
        0,
    ]


def test_far_stations_and_polygon_destinations():
    """A station 600 m from the only road is 'far'; a polygon destination is tied at a point on
    its surface."""
    lines = E.road_lines([Feature(1, LineString([(0, 0), (100, 0)]), {})], default_speed=36)
    tied = E.tie(lines, [Feature(1, Point(50, 600))], [Feature(2, box(90, 10, 94, 14))])
    assert tied.far_stations() == 1 and tied.far_stations(700) == 0
    assert tied.destination_xy[0] == pytest.approx([92.0, 12.0])
    res = E.route(tied, E.RouteSettings(time_limit_min=1.0))
    # the station is tied at (50, 0), the destination at (92, 0): 42 m at 10 m/s
    assert res.records["ROUTES"][0][1][2] == pytest.approx(4.2 / 60)
