"""core.geometry on shapely 1.8 and 2.x: the spatial index, repair and the chunked buffer."""

import math

import pytest
from shapely.geometry import LineString, Point, Polygon, box

from smartplan.core import geometry as G


def test_index_candidates_distance_and_overlap_rules():
    geoms = [box(0, 0, 1, 1), None, box(5, 5, 6, 6), box(1, 0, 2, 1), Polygon()]
    idx = G.SpatialIndex(geoms)
    assert idx.candidates(box(0.5, 0.5, 1.5, 0.6)) == [0, 3]  # input order, None/empty never
    # (3, 3) is sqrt(8) = 2.83 m from the two unit squares at the corners, sqrt(5) = 2.24 m from
    # the third: all within 2.9 m, none within 2.2 m
    assert idx.within_distance(Point(3, 3), 2.9) == [0, 2, 3]
    assert idx.within_distance(Point(3, 3), 2.2) == []
    assert idx.within_distance(Point(3, 1), 1.0) == [3]  # exactly at the limit counts
    # touching is not overlapping: the first square whose interior meets the box is the third
    assert idx.first_overlapping(box(1, 0, 1.5, 1)) == 3
    assert idx.first_overlapping(box(2, 0, 3, 1)) is None


def test_a_bow_tie_is_repaired_into_its_two_triangles():
    bow = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    poly, repaired = G.valid_polygon(bow)
    assert repaired and poly.is_valid and poly.area == pytest.approx(2.0)  # two 1 m² triangles
    assert G.valid_polygon(box(0, 0, 1, 1)) == (box(0, 0, 1, 1), False)


def test_chunked_buffer_is_the_buffer_of_the_union():
    """Two crossing 10 m lines and a far one, buffered by 1 m in chunks of one line: the cross
    is 2 × (10 × 2 + π) − 2 × 2 (the square where the strips overlap) m² by hand (round caps,
    polygonised with 8 segments per quarter: within 0.2 %), the far line 20 + π."""
    lines = [LineString([(0, 5), (10, 5)]), LineString([(5, 0), (5, 10)]), LineString([(50, 0), (60, 0)])]
    got = G.buffered_union(lines, 1.0, 8, chunk=1)
    whole = G.unary_union(lines).buffer(1.0, 8)
    assert got.symmetric_difference(whole).area < 1e-9
    assert got.area == pytest.approx(2 * (20 + math.pi) - 4 + 20 + math.pi, rel=2e-3)
    assert G.buffered_union([], 1.0) is None


def test_a_shapely_without_a_version_number_is_used_by_its_api():
    """Debian sid's shapely reports __version__ '0+unknown': the plugin failed to load there."""
    from types import SimpleNamespace

    assert G.shapely2(SimpleNamespace(__version__="0+unknown", from_wkb=lambda b: b)) is True
    assert G.shapely2(SimpleNamespace(__version__="1.8.5")) is False
    assert G.shapely2(None) is False
