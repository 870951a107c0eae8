"""Affected-object helpers on hand-built rasters: wall depth ring, line splitting at flood
boundaries, sampling, OSM tags."""

import numpy as np
import pytest

from smartplan.core.affected import (
    critical_type,
    is_underpass,
    osm_tags,
    ring_max,
    sample,
    split_at_water,
)


def test_ring_max_reads_the_water_at_the_wall():
    depth = np.zeros((6, 6), np.float32)
    depth[2, 4] = 0.25  # water against the east wall of building 1
    depth[5, 0] = 0.9  # far away
    ids = np.zeros((6, 6), np.int32)
    ids[1:4, 1:4] = 1  # a 3 x 3 building (dry inside: raised)
    ids[5, 5] = 2
    depth[np.isnan(depth)] = 0
    out = ring_max(ids, depth, 2)
    assert out[0] == np.float32(0.25) and out[1] == 0
    depth[0, 0] = np.nan  # NoData next to the building is ignored
    assert ring_max(ids, depth, 2)[0] == np.float32(0.25)


GT = (0.0, 1.0, 0, 3.0, 0, -1.0)  # 1 m cells, rows 0..2 cover y 3..0


def test_lines_split_where_they_enter_and_leave_the_water():
    """Two lines at once, sampled every metre at cell centres: a line along row 0 over depths
    0 0 .05 .4 .7 .2 0 0 .35 gives dry / wet / dry / wet pieces that connect, each with the
    largest depth of its own samples; the second line (row 2, NoData first) restarts its
    numbering, a first run of a single sample gives no piece."""
    depth = np.zeros((3, 9), np.float32)
    depth[0] = [0, 0, 0.05, 0.4, 0.7, 0.2, 0, 0, 0.35]
    depth[2, :3] = [np.nan, 0.2, 0.2]
    xs = [0.5, 8.5, 0.5, 2.5]
    ys = [2.5, 2.5, 0.5, 0.5]
    p = split_at_water(xs, ys, [0, 2, 4], depth, GT, 1.0)
    np.testing.assert_allclose(p.x[:9], np.arange(9) + 0.5)
    assert p.part.tolist() == [0, 0, 0, 0, 1] and p.number.tolist() == [1, 2, 3, 4, 1]
    assert p.wet.tolist() == [False, True, False, True, True]
    assert list(zip(p.first.tolist(), p.last.tolist())) == [(0, 1), (1, 5), (5, 7), (7, 8), (9, 11)]
    np.testing.assert_allclose(p.max_depth, [0, 0.7, 0, 0.35, 0.2], rtol=1e-6)
    np.testing.assert_allclose(p.length, [1, 4, 2, 1, 2])


def test_split_keeps_vertices_and_samples_at_most_a_step_apart():
    depth = np.zeros((3, 9), np.float32)
    p = split_at_water([0, 8, 8], [0.1, 0.1, 2.9], [0, 3], depth, GT, 0.5)
    pts = list(zip(p.x.tolist(), p.y.tolist()))
    assert pts[0] == (0, 0.1) and (8, 0.1) in pts and pts[-1] == (8, 2.9)
    steps = np.hypot(np.diff(p.x), np.diff(p.y))
    assert steps.max() <= 0.5 + 1e-9
    assert p.number.tolist() == [1] and not p.wet[0] and p.length[0] == pytest.approx(10.8)


def test_lines_split_chunk_by_chunk_as_in_one_go():
    """A city's roads are split in chunks of lines (bounded memory): the chunks cover every line
    once, in order, and give the same pieces as one call over all lines."""
    from smartplan.core.affected import line_chunks

    rng = np.random.default_rng(5)
    depth = rng.choice([0.0, 0.0, 0.2, 0.7], size=(60, 80)).astype(np.float32)
    gt = (0.0, 1.0, 0, 60.0, 0, -1.0)
    nv = rng.integers(2, 6, 300)
    starts = np.concatenate([[0], np.cumsum(nv)])
    xs, ys = rng.uniform(0, 80, starts[-1]), rng.uniform(0, 60, starts[-1])
    whole = split_at_water(xs, ys, starts, depth, gt, 0.5)
    chunks = line_chunks(xs, ys, starts, 0.5, samples=5000)
    assert len(chunks) > 5 and chunks[0][0] == 0 and chunks[-1][1] == 300
    assert all(a1 == b0 for (_a0, a1), (b0, _b1) in zip(chunks[:-1], chunks[1:]))
    parts, lengths, depths = [], [], []
    for l0, l1 in chunks:
        v0, v1 = starts[l0], starts[l1]
        pc = split_at_water(xs[v0:v1], ys[v0:v1], starts[l0 : l1 + 1] - v0, depth, gt, 0.5)
        parts.append(pc.part + l0)
        lengths.append(pc.length)
        depths.append(pc.max_depth)
    np.testing.assert_array_equal(np.concatenate(parts), whole.part)
    np.testing.assert_allclose(np.concatenate(lengths), whole.length, atol=1e-9)
    np.testing.assert_array_equal(np.concatenate(depths), whole.max_depth)


def test_sample_nearest_cell_and_outside():
    depth = np.arange(12, dtype=np.float32).reshape(3, 4)
    gt = (100.0, 2.0, 0, 50.0, 0, -2.0)
    v = sample(depth, gt, [100.1, 107.9, 99.0, 101.0], [49.9, 44.1, 49.0, 40.0])
    assert v[0] == 0 and v[1] == 11 and np.isnan(v[2]) and np.isnan(v[3])


def test_osm_tags_underpasses_and_critical_types():
    t = osm_tags('"bicycle"=>"no","layer"=>"-1","lit"=>"24/7","tunnel"=>"yes"')
    assert t["layer"] == "-1" and is_underpass(t)
    assert is_underpass({"layer": "-2"}) and not is_underpass({"layer": "1"})
    assert not is_underpass({"tunnel": "no"}) and is_underpass({"covered": "yes"})
    assert osm_tags(None) == {} and not is_underpass({"layer": "x"})
    assert critical_type({"amenity": "hospital"}) == "hospital"
    assert critical_type({"power": "substation"}) == "substation"
    assert critical_type({"amenity": "bench"}) is None


def test_ring_max_same_without_numba(monkeypatch):
    rng = np.random.default_rng(3)
    depth = rng.random((40, 50)).astype(np.float32)
    depth[rng.random(depth.shape) < 0.1] = np.nan
    ids = (rng.random((40, 50)) < 0.2) * rng.integers(1, 30, (40, 50))
    a = ring_max(ids.astype(np.int32), depth, 29)
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    b = ring_max(ids.astype(np.int32), depth, 29)
    np.testing.assert_array_equal(a, b)
    # brute force reference for one object
    k = 5
    rr, cc = np.nonzero(ids == k)
    ref = max(np.nanmax(depth[max(0, r - 1) : r + 2, max(0, c - 1) : c + 2]) for r, c in zip(rr, cc))
    assert a[k - 1] == ref


def test_distance_classes_one_rule_with_the_limits_inclusive():
    """core.proximity: a building at exactly 5 m is class 1, at 5.01 m class 2, beyond 15 m none
    (the rule smartplan:flowpaths and smartplan:affected share)."""
    from smartplan.core.proximity import DISTANCE_CLASSES_M, distance_class, parse_classes

    assert DISTANCE_CLASSES_M == (5.0, 10.0, 15.0)
    got = [distance_class(d) for d in (0.0, 5.0, 5.01, 10.0, 15.0, 15.01, None)]
    assert got == [1, 1, 2, 2, 3, None, None]
    assert distance_class(2.5, parse_classes("2;4")) == 2
    with pytest.raises(ValueError):
        parse_classes("10,5")
