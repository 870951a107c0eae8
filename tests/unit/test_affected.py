"""Affected-object helpers on hand-built rasters: wall depth ring, line splitting at flood
boundaries, sampling, OSM tags."""

import numpy as np

from smartplan_plugin.core.affected import (
    critical_type,
    is_underpass,
    osm_tags,
    ring_max,
    sample,
    wet_runs,
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


def test_wet_runs_split_and_connect():
    d = [0, 0, 0.05, 0.4, 0.7, 0.2, 0, 0, 0.35]
    runs = wet_runs(d)
    assert runs == [(0, 1, False, 0), (1, 5, True, 2), (5, 7, False, 6), (7, 8, True, 8)]
    # maximum depth per piece over its own samples only
    assert [max(d[o:e + 1]) for _s, e, _w, o in runs] == [0, 0.7, 0, 0.35]
    assert wet_runs([]) == [] and wet_runs([np.nan, 0.2]) == [(0, 0, False, 0), (0, 1, True, 1)]


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


def test_densify_keeps_vertices_and_spacing():
    from smartplan_plugin.core.affected import densify

    xs, ys = densify([0, 10, 10], [0, 0, 3], 2.0)
    assert list(zip(xs, ys))[0] == (0, 0) and list(zip(xs, ys))[-1] == (10, 3)
    assert (10.0, 0.0) in list(zip(xs, ys))
    steps = np.hypot(np.diff(xs), np.diff(ys))
    assert steps.max() <= 2.0 + 1e-9 and abs(steps.sum() - 13.0) < 1e-9


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
    ref = max(np.nanmax(depth[max(0, r - 1):r + 2, max(0, c - 1):c + 2]) for r, c in zip(rr, cc))
    assert a[k - 1] == ref
