"""analysis.affected without QGIS: small hand-made scenes (1 m cells, shapely geometries) with
expectations computed by hand in the comments."""

import numpy as np
import pytest
from osgeo import osr
from shapely.geometry import LineString, Point, Polygon, box

from smartplan.analysis import affected as A
from smartplan.analysis.records import Feature, copied_fields
from smartplan.core.geometry import from_wkb
from smartplan.io.raster import Grid


def grid(ncols, nrows):
    """1 m cells, x from 0 to ncols, y from nrows (top) down to 0: cell (row r, col c) covers
    x in [c, c + 1), y in [nrows - r - 1, nrows - r)."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    return Grid((0.0, 1.0, 0.0, float(nrows), 0.0, -1.0), srs.ExportToWkt(), nrows, ncols)


def water(depth):
    depth = np.asarray(depth, np.float32)
    return A.water_depth(depth, grid(depth.shape[1], depth.shape[0]))


# ------------------------------------------------------------------ buildings


def test_distance_classes_are_inclusive_and_paths_across_sinks_do_not_count():
    """A flow path along x = 7 (upstream 3.5 ha). Buildings' east or west walls lie 5.0, 5.5,
    15.0 and 15.5 m from it: classes 1 (≤ 5, exactly at the limit), 2 (≤ 10), 3 (≤ 15, exactly at
    the limit) and none. A path across a filled sink (in_sink) 1 m from the first building does
    not count: its distance stays 5.0."""
    w = water(np.zeros((30, 30)))
    path = Feature(1, LineString([(7, 0), (7, 30)]), {"upstream_ha": 3.5, "in_sink": False})
    sink_path = Feature(2, LineString([(3, 0), (3, 30)]), {"upstream_ha": 9.0, "in_sink": True})
    flow = A.FlowContext([path, sink_path])
    houses = [
        Feature(11, box(0, 1, 2, 3)),  # east wall x = 2: 5.0 m
        Feature(12, box(12.5, 1, 14, 3)),  # west wall x = 12.5: 5.5 m
        Feature(13, box(22, 1, 24, 3)),  # 15.0 m
        Feature(14, box(22.5, 10, 24, 12)),  # 15.5 m: beyond the last class
    ]
    out, counts = A.buildings(houses, w, flow=flow)
    got = {a[0]: a for _wkb, a in out}
    assert sorted(got) == [11, 12, 13]
    fid, wall, flooded, in_cor, dist, dcls, up, why = got[11]
    assert (wall, flooded, in_cor, dist, dcls, up) == (0.0, False, False, 5.0, 1, 3.5)
    assert why == "flow path ≤ 5 m"
    assert got[12][4:6] == [5.5, 2] and got[12][7] == "flow path ≤ 10 m"
    assert got[13][4:6] == [15.0, 3] and got[13][7] == "flow path ≤ 15 m"
    assert counts == {"flooded": 0, "corridor": 0, "total": 4, 1: 1, 2: 1, 3: 1, "classes": (5.0, 10.0, 15.0)}
    # the output geometry is the footprint, as a MultiPolygon
    g = from_wkb(out[0][0])
    assert g.geom_type == "MultiPolygon" and g.equals(box(0, 1, 2, 3))


def test_ties_go_to_the_path_with_the_larger_upstream_area():
    """Two paths 2 m west and 2 m east of a building (same distance): the one draining 8 ha is
    the building's path (core.proximity, as in smartplan:flowpaths), whichever comes first."""
    w = water(np.zeros((10, 10)))
    west = Feature(1, LineString([(1, 0), (1, 10)]), {"upstream_ha": 2.0})
    east = Feature(2, LineString([(7, 0), (7, 10)]), {"upstream_ha": 8.0})
    house = Feature(5, box(3, 3, 5, 5))
    for paths in ([west, east], [east, west]):
        out, _ = A.buildings([house], w, flow=A.FlowContext(paths))
        assert out[0][1][4] == 2.0 and out[0][1][6] == 8.0


def test_wall_depth_reaches_the_threshold_exactly():
    """Building 1 covers cells rows 6-7, cols 2-3 (x 2.2..3.8, y 2.2..3.8); its ring is rows
    5-8, cols 1-4. 0.10 m stands diagonally at its corner (row 5, col 4): exactly the wall depth
    (float32 0.1 counts as 0.1). 0.5 m at row 8, col 5 is outside the ring. Building 2 (rows 1-2,
    cols 6-7) has only 0.09 m at its wall: dry, not affected. The layer's own fields follow ours,
    without its GeoPackage fid and without a field of ours ('flooded')."""
    depth = np.zeros((10, 10))
    depth[5, 4] = 0.10
    depth[8, 5] = 0.5
    depth[0, 8] = 0.09
    one = Feature(1, box(2.2, 2.2, 3.8, 3.8), {"fid": 1, "name": "Schule", "flooded": "x"})
    two = Feature(2, box(6.2, 7.2, 7.8, 8.8), {"fid": 2, "name": "Hof", "flooded": "y"})
    copy = copied_fields(A.BUILDING_FIELDS, ["fid", "name", "flooded"])
    assert copy == ["name"]
    out, counts = A.buildings([one, two], water(depth), copy=copy)
    assert len(out) == 1
    a = out[0][1]
    assert a[0] == 1 and a[1] == pytest.approx(0.10) and a[2] is True and a[7] == "flood"
    assert a[8:] == ["Schule"] and len(a) == len(A.BUILDING_FIELDS) + 1
    assert counts["flooded"] == 1 and counts["total"] == 2
    # a higher threshold: 0.10 m is no longer enough
    out, counts = A.buildings([one, two], water(depth), A.Thresholds(wall_depth_m=0.11))
    assert out == [] and counts["flooded"] == 0


def test_corridor_and_a_self_intersecting_footprint():
    """A corridor over x 6..10. A bow-tie footprint (self-intersecting: (4,4)-(7,7)-(7,4)-(4,7))
    reaches into it with its east lobe; it is repaired for the test and reported with its own
    geometry. A building west of x = 5 is outside."""
    w = water(np.zeros((10, 10)))
    flow = A.FlowContext(corridor=[Feature(1, box(6, 0, 10, 10))])
    bowtie = Polygon([(4, 4), (7, 7), (7, 4), (4, 7), (4, 4)])
    assert not bowtie.is_valid
    houses = [Feature(1, bowtie), Feature(2, box(1, 1, 4.5, 3))]
    out, counts = A.buildings(houses, w, flow=flow)
    assert [a[0] for _w, a in out] == [1]
    assert out[0][1][3] is True and out[0][1][7] == "corridor"
    assert counts["corridor"] == 1 and counts["total"] == 2


def test_empty_inputs():
    w = water(np.zeros((4, 4)))
    out, counts = A.buildings([], w)
    assert out == [] and counts["total"] == 0 and counts["flooded"] == 0
    assert A.roads([], w) == (
        {"total": 0.0, "flooded": 0.0, "car": 0.0, "emergency": 0.0},
        {"tagged": 0, "deep": 0},
    )
    assert A.critical_sites([], w) == ([], {"by_type": {}, "total": 0})


# ------------------------------------------------------------------ roads


def road_scene():
    """10 x 10 cells. Samples every half metre (half a cell) along each road:

    * road 1 along y = 8.5 (row 1), x 0.5 → 9.5, 0.30 m in cols 4-5: wet samples x = 4.0 … 5.5:
      pieces 0.5→3.5 (3 m, dry), 3.5→5.5 (2 m, 0.30 m: cars still pass, ≤), 5.5→9.5 (4 m);
    * road 2 along y = 5.5 (row 4), x 0.5 → 4.5, OSM layer -1 (tunnel), 0.35 m in col 2: pieces
      1 m dry, 1 m wet (cars cannot pass), 2 m dry — all three are tagged underpasses;
    * road 3 along y = 2.5 (row 7), x 0.5 → 6.5, 0.80 m in col 3 (wet samples x = 3.0, 3.5):
      pieces 0.5→2.5 (2 m), 2.5→3.5 (1 m wet: nobody passes; deeper than 0.5 m: a road sink),
      3.5→6.5 (3 m);
    * an OSM line without a highway class along y = 0.5: no road."""
    depth = np.zeros((10, 10))
    depth[1, 4:6] = 0.30
    depth[4, 2] = 0.35
    depth[7, 3] = 0.80
    depth[9, :] = 1.0
    roads = [
        Feature(
            1, LineString([(0.5, 8.5), (9.5, 8.5)]), {"highway": "residential", "layer": None, "ref": "A"}
        ),
        Feature(2, LineString([(0.5, 5.5), (4.5, 5.5)]), {"highway": "primary", "layer": "-1", "ref": "B"}),
        Feature(3, LineString([(0.5, 2.5), (6.5, 2.5)]), {"highway": "service", "layer": None, "ref": "C"}),
        Feature(4, LineString([(0.5, 0.5), (9.5, 0.5)]), {"highway": None, "layer": None, "ref": "river"}),
    ]
    return water(depth), roads


def test_roads_split_at_the_water_with_passability_by_hand():
    w, roads = road_scene()
    pieces, unders = [], []
    km, n_under = A.roads(
        roads, w, copy=["ref"], copy_underpass=["ref"], pieces=pieces.extend, underpasses=unders.extend
    )
    by_road = {}
    for _wkb, a in pieces:
        by_road.setdefault(a[0], []).append(a)
    assert sorted(by_road) == [1, 2, 3]  # the line without a highway class is no road
    # [road_fid, piece, flooded, max_depth_m, length_m, passable_car, passable_emergency, underpass, ref]
    r1 = by_road[1]
    assert [a[1] for a in r1] == [1, 2, 3]
    assert [a[2] for a in r1] == [False, True, False]
    assert [a[4] for a in r1] == pytest.approx([3.0, 2.0, 4.0])
    assert r1[1][3] == pytest.approx(0.30) and r1[1][5:8] == [True, True, False]  # 0.30 m: cars pass
    assert r1[1][8] == "A"
    r2 = by_road[2]
    assert [a[4] for a in r2] == pytest.approx([1.0, 1.0, 2.0])
    assert r2[1][5:8] == [False, True, True]  # 0.35 m: no cars; tunnel
    r3 = by_road[3]
    assert [a[4] for a in r3] == pytest.approx([2.0, 1.0, 3.0])
    assert r3[1][3] == pytest.approx(0.80) and r3[1][5:8] == [False, False, True]
    # the wet piece of road 1 runs from x = 3.5 to 5.5 on y = 8.5
    g = from_wkb(pieces[1][0])
    assert g.coords[0] == (3.5, 8.5) and g.coords[-1] == (5.5, 8.5) and g.length == pytest.approx(2.0)
    # km: all 9 + 4 + 6 m; under water 2 + 1 + 1 m; no cars 1 + 1 m; no emergency vehicles 1 m
    assert km == pytest.approx({"total": 0.019, "flooded": 0.004, "car": 0.002, "emergency": 0.001})
    # underpasses: road 2's three pieces (tagged) and road 3's wet piece (a road sink)
    assert n_under == {"tagged": 3, "deep": 1}
    assert [(a[0], a[1]) for _w, a in unders] == [(2, "tunnel/layer")] * 3 + [(3, "road sink")]
    assert unders[3][1][2:] == [pytest.approx(0.80), True, False, "C"]


def test_road_totals_without_the_pieces_output():
    """Only the underpasses are wanted: the pieces are not handed over, the totals are the same."""
    w, roads = road_scene()
    unders = []
    km, n_under = A.roads(roads, w, underpasses=unders.extend)
    assert km["flooded"] == pytest.approx(0.004) and n_under == {"tagged": 3, "deep": 1}
    assert len(unders) == 4


def test_road_thresholds():
    """Cars up to 0.35 m, emergency vehicles up to 0.8 m, road sinks from 0.9 m: road 2's wet
    piece becomes passable for cars and road 3's for emergency vehicles; no road sink is left."""
    w, roads = road_scene()
    t = A.Thresholds(car_depth_m=0.35, emergency_depth_m=0.8, underpass_depth_m=0.9)
    pieces = []
    km, n_under = A.roads(roads, w, t, pieces=pieces.extend)
    wet = {a[0]: a for _w, a in pieces if a[2]}
    assert wet[2][5] is True and wet[3][6] is True and wet[3][7] is False
    assert km["car"] == pytest.approx(0.001) and km["emergency"] == 0.0
    assert n_under == {"tagged": 3, "deep": 0}


# ------------------------------------------------------------------ critical sites


def test_critical_sites_by_type_field_and_by_osm_tags():
    """A hospital point in 0.15 m of water (flooded), a school point on dry land (not affected),
    a bench (no critical type), and a kindergarten polygon (OSM tags) in the corridor: it is
    written as a point on its surface."""
    depth = np.zeros((10, 10))
    depth[2, 2] = 0.15
    w = water(depth)
    flow = A.FlowContext(corridor=[Feature(1, box(6, 6, 10, 10))])
    typed = [
        Feature(1, Point(2.5, 7.5), {"kind": "Krankenhaus"}),
        Feature(2, Point(5.5, 2.5), {"kind": "Schule"}),
        Feature(3, Point(8.5, 0.5), {"kind": None}),
    ]
    out, counts = A.critical_sites(typed, w, flow=flow, type_field="kind")
    assert [a for _w, a in out] == [[1, "Krankenhaus", pytest.approx(0.15), True, False]]
    assert counts == {"by_type": {"Krankenhaus": 1}, "total": 2}
    osm = [
        Feature(7, box(7, 7, 9, 9), {"other_tags": '"amenity"=>"kindergarten"', "amenity": None}),
        Feature(8, Point(1.5, 1.5), {"other_tags": None, "amenity": "bench"}),
    ]
    out, counts = A.critical_sites(osm, w, flow=flow)
    assert [a for _w, a in out] == [[7, "kindergarten", 0.0, False, True]]
    p = from_wkb(out[0][0])
    assert p.geom_type == "Point" and box(7, 7, 9, 9).contains(p)
    assert counts == {"by_type": {"kindergarten": 1}, "total": 1}


# ------------------------------------------------------------------ the depth raster


def test_negative_depths_are_dry_and_nodata_only_is_empty():
    w = water([[-0.2, 0.3], [np.nan, 0.0]])
    assert w.negative and not w.empty
    assert w.depth[0, 0] == 0 and w.depth[0, 1] == np.float32(0.3) and np.isnan(w.depth[1, 0])
    assert water([[np.nan, np.nan]]).empty
    assert not water([[0.0, 0.1]]).negative
