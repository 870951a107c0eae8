"""analysis.notwasserwege without QGIS: hand-made flow paths, roads and areas in local metres,
expectations worked out by hand in the comments."""

import pytest

from smartplan.analysis import notwasserwege as NW
from smartplan.core.geometry import LineString, Point, Polygon, from_wkb

ROUTE_NAMES = [n for n, _ in NW.ROUTE_FIELDS]
CONFLICT_NAMES = [n for n, _ in NW.CONFLICT_FIELDS]


def seg(sid, coords, down=None, up=1.0, in_sink=False):
    return NW.FlowSegment(sid, down, up, in_sink, LineString(coords))


def box(x0, y0, x1, y1):
    return Polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])


def routes_of(result):
    return {r["seg_id"]: r for r in (dict(zip(ROUTE_NAMES, a), geom=from_wkb(w)) for w, a in result.routes)}


def conflicts_of(result):
    return [dict(zip(CONFLICT_NAMES, a), geom=from_wkb(w)) for w, a in result.conflicts]


@pytest.fixture()
def sink_chain():
    """A flow path along a road (y = 0, road at y = 2) runs into a filled sink (segment 2) whose
    overflow (segment 3) reaches the park at x 90..110. Segment 4 runs along a second road and
    reaches nothing."""
    flows = [
        seg(1, [(0, 0), (50, 0)], down=2, up=2.0),
        seg(2, [(50, 0), (70, 0)], down=3, up=2.5, in_sink=True),
        seg(3, [(70, 0), (100, 0)], down=None, up=3.0),
        seg(4, [(0, 40), (60, 40)], down=None, up=0.5),
    ]
    roads = [NW.Site("", LineString([(-10, 2), (110, 2)])), NW.Site("", LineString([(-10, 40), (70, 40)]))]
    targets = [NW.Site("Stadtpark", box(90, -10, 110, 10))]
    return flows, roads, targets


def test_a_flow_path_through_a_filled_sink_reaches_the_target_beyond(sink_chain):
    flows, roads, targets = sink_chain
    res = NW.emergency_flow_routes(flows, targets=targets, roads=roads)
    routes = routes_of(res)
    # 1 reaches the park only via the filled sink 2 and its overflow 3; 2 lies in the sink (no
    # route part); 4 reaches no target
    assert set(routes) == {1, 3}
    assert routes[1]["target"] == routes[3]["target"] == "Stadtpark"
    # the road buffer (5 m around y = 2: y -3..7) holds both segments whole: 50 m and 30 m
    assert routes[1]["length_m"] == pytest.approx(50.0)
    assert routes[3]["length_m"] == pytest.approx(30.0)
    assert routes[1]["along"] == "road" and routes[1]["status"] == "candidate"
    assert routes[1]["upstream_ha"] == 2.0 and routes[1]["conflict"] is None
    assert [routes[s]["route_id"] for s in (1, 3)] == [1, 2]  # numbered in seg_id order
    assert routes[1]["geom"].geom_type == "MultiLineString"
    assert routes[1]["geom"].equals(LineString([(0, 0), (50, 0)]))
    assert res.conflicts == []


def test_conflicts_are_flagged_on_the_routes_upstream(sink_chain):
    flows, roads, targets = sink_chain
    house = NW.Site("Haus", box(20, -3, 30, 3))  # crosses segment 1 from x 20 to 30
    school = NW.Site("Schule", Point(80, 5))  # 5 m from segment 3: exactly at the limit
    kiosk = NW.Site("Kiosk", Point(20, 5.01))  # 5.01 m from segment 1: beyond the limit
    tunnel = NW.Site("Unterführung", LineString([(30, 35), (30, 45)]))  # crosses segment 4
    res = NW.emergency_flow_routes(
        flows,
        targets=targets,
        roads=roads,
        buildings=[house],
        underpasses=[tunnel],
        sensitive=[school, kiosk],
        settings=NW.RouteSettings(sensitive_distance_m=5.0),
    )
    conf = conflicts_of(res)
    assert [(c["type"], c["seg_id"], c["object"]) for c in conf] == [
        ("building", 1, "Haus"),
        ("underpass", 4, "Unterführung"),
        ("sensitive site", 3, "Schule"),
    ]
    assert conf[0]["upstream_ha"] == 2.0
    # shown where the path crosses the house, and at the path's point nearest the school
    assert house.geom.intersects(conf[0]["geom"]) and conf[0]["geom"].distance(flows[0].geom) < 1e-9
    assert conf[1]["geom"].equals(Point(30, 40))
    assert conf[2]["geom"].equals(Point(80, 0))
    routes = routes_of(res)
    # segment 1's water passes the house and then (via 2 and 3) the school; 3 passes the school
    assert routes[1]["conflict"] == "building, sensitive site"
    assert routes[3]["conflict"] == "sensitive site"


def test_a_road_farther_than_the_buffer_guides_nothing():
    flows = [seg(1, [(0, 0), (100, 0)])]
    targets = [NW.Site("Teich", box(95, -5, 105, 5))]
    near = [NW.Site("", LineString([(-10, 4), (110, 4)]))]  # 4 m off: its 5 m buffer covers y -1..9
    far = [NW.Site("", LineString([(-10, 6), (110, 6)]))]  # 6 m off: y 1..11 misses the path
    got = routes_of(NW.emergency_flow_routes(flows, targets=targets, roads=near))
    assert got[1]["length_m"] == pytest.approx(100.0) and got[1]["target"] == "Teich"
    assert NW.emergency_flow_routes(flows, targets=targets, roads=far).routes == []


def test_open_space_serves_as_target_and_a_bow_tie_is_repaired():
    # a self-intersecting "bow tie" (0,0)-(20,20)-(20,0)-(0,20): repaired to two triangles that
    # touch at (10,10). At y = 5 the left one spans x 0..5 and the right one x 15..20: the path
    # along y = 5 runs 5 + 5 = 10 m inside the open space.
    bow_tie = Polygon([(0, 0), (20, 20), (20, 0), (0, 20)])
    assert not bow_tie.is_valid
    flows = [seg(7, [(-10, 5), (30, 5)], up=0.7)]
    opens = [NW.Site("#3", bow_tie)]
    res = NW.emergency_flow_routes(flows, open_space=opens, settings=NW.RouteSettings(min_length_m=10.0))
    r = routes_of(res)[7]
    assert r["target"] == "#3" and r["along"] == "open space"
    assert r["length_m"] == pytest.approx(10.0)  # exactly the shortest length kept
    assert len(r["geom"].geoms) == 2
    longer = NW.RouteSettings(min_length_m=10.001)
    assert NW.emergency_flow_routes(flows, open_space=opens, settings=longer).routes == []


def test_without_targets_or_open_space_it_refuses():
    flows = [seg(1, [(0, 0), (10, 0)])]
    with pytest.raises(NW.MissingTargets):
        NW.emergency_flow_routes(flows, roads=[NW.Site("", LineString([(0, 0), (10, 0)]))])


def test_no_flow_paths_no_routes():
    res = NW.emergency_flow_routes([], targets=[NW.Site("Park", box(0, 0, 1, 1))])
    assert res.routes == [] and res.conflicts == []


def test_cancel_is_checked_per_segment(sink_chain):
    flows, roads, targets = sink_chain

    class Stop(Exception):
        pass

    def check():
        raise Stop()

    with pytest.raises(Stop):
        NW.emergency_flow_routes(flows, targets=targets, roads=roads, check=check)
