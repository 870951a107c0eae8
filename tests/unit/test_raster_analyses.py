"""analysis.depressions, analysis.scenario and analysis.flowpaths without QGIS, on hand-built
DEMs with hand-computed answers (the wrappers only write these records)."""

import numpy as np
import pytest
from shapely import wkb
from shapely.geometry import box

from smartplan.analysis import depressions, flowpaths, scenario
from smartplan.analysis.terrain import prepare_terrain
from tests.rasters import write_dem

X0, Y0 = 500000.0, 5800000.0
FILTERS = {"min_depth": 0.0, "min_area": 0.0, "min_volume": 0.0, "min_catchment": 0.0}


@pytest.fixture()
def bowl(tmp_path):
    """21 x 21 inverted pyramid z = Chebyshev distance to the centre: one sink filled to the rim
    (10 m): V = 10·1 + Σ_{k=1..9} (10 − k)·8k = 1330 m³, 361 cells, bottom 0, spill 10."""
    r, c = np.indices((21, 21))
    z = np.maximum(abs(r - 10), abs(c - 10)).astype(np.float32)
    return prepare_terrain(write_dem(tmp_path / "bowl.tif", z, origin=(X0, Y0)))


def test_the_bowl_is_one_sink_with_its_hand_computed_figures(bowl):
    res = depressions.analyse(bowl, FILTERS)
    (poly, attrs), *rest = list(depressions.sink_records(res, bowl.grid))
    assert not rest
    row = dict(zip([n for n, _t in depressions.SINK_FIELDS], attrs))
    assert row["sink_id"] == 1 and row["volume_m3"] == pytest.approx(1330.0)
    assert row["area_m2"] == 361 and row["max_depth_m"] == 10 and row["bottom_elev"] == 0
    assert row["spill_elev"] == 10 and row["downstream_id"] is None and row["level"] == 1
    assert wkb.loads(bytes(poly)).area == pytest.approx(361.0)  # the 19 x 19 inner cells
    # the pour point lies on the rim (z = 10), in the sink's table order
    ((pt, pattrs),) = list(depressions.pour_records(res, bowl.grid))
    p = wkb.loads(bytes(pt))
    assert pattrs == [1, 10.0, None] and max(abs(p.x - X0 - 10.5), abs(Y0 - 10.5 - p.y)) == 10


def test_rain_fills_the_bowl_and_the_rest_spills(bowl):
    """4000 mm on 441 cells = 1764 m³: the 361 cells of the sink's catchment bring 1444 m³ (1330
    stored, 114 spill), the 80 rim cells 320 m³ that leave the map directly."""
    sr = scenario.run(bowl, 4000.0)
    assert sr.cascade.rain_m3 == pytest.approx(1764.0)
    ((_wkb, attrs),) = list(scenario.flooded_records(sr, bowl.grid))
    row = dict(zip([n for n, _t in scenario.FLOODED_FIELDS], attrs))
    assert row["stored_m3"] == pytest.approx(1330.0) and row["spill_m3"] == pytest.approx(114.0)
    assert row["fill_pct"] == pytest.approx(100.0) and row["max_water_depth_m"] == pytest.approx(10.0)
    assert sr.cascade.left_map_m3 == pytest.approx(114.0 + 320.0)
    assert len(list(scenario.spill_records(sr, bowl.grid))) == 1
    # 20 % runoff and 100 mm sewer: (0.2 · 4000 − 100) mm = 0.7 m on 361 cells = 252.7 m³ stored
    sr = scenario.run(bowl, 4000.0, runoff=0.2, sewer_mm=100.0)
    assert sr.cascade.stored_m3 == pytest.approx(252.7) and not list(scenario.spill_records(sr, bowl.grid))


def test_flow_paths_on_a_plane_and_a_building_by_its_distance(tmp_path):
    """3 x 6 m plane falling 1 m per cell to the east: every cell drains east; from 3 cells of
    upstream area (0.0003 ha) each row is one path through columns 2..5: 3 m long, 1 m drop per
    metre (100 %), 6 cells = 0.0006 ha at its end, Strahler order 1."""
    z = np.tile(np.arange(6, 0, -1, dtype=np.float32), (3, 1))
    prepared = prepare_terrain(write_dem(tmp_path / "plane.tif", z, origin=(X0, Y0)))
    fr = flowpaths.run(prepared, min_ha=0.0003, breaks=[0.0001, 0.001, 0.01, 0.1])
    rows = [
        dict(zip([n for n, _t in flowpaths.FLOWPATH_FIELDS], a)) for _w, a in flowpaths.flowpath_records(fr)
    ]
    assert len(rows) == 3
    for row in rows:
        assert row["length_m"] == pytest.approx(3.0) and row["mean_slope_pct"] == pytest.approx(100.0)
        assert row["upstream_ha"] == pytest.approx(0.0006) and row["strahler"] == 1
        assert row["class"] == 1 and not row["in_sink"] and row["downstream_seg"] is None
    # a 1 x 1 m house 1.5 m north of the top row's path (its centre line y = Y0 − 0.5)
    house = box(X0 + 3, Y0 + 1.0, X0 + 4, Y0 + 2.0)
    near = list(flowpaths.buildings_near(fr, [(7, house)], (2.0, 4.0)))
    assert len(near) == 1 and near[0][0] == 7
    dist, cls, up_ha, seg = near[0][1]
    assert dist == pytest.approx(1.5) and cls == 1 and up_ha == pytest.approx(0.0006)
    # the corridor: 0.5 m on each side of each 3 m path, the strips of the three rows (1 m apart)
    # touching: a 3 x 3 m square plus two half discs of 0.5 m per row at the ends
    ((poly, attrs),) = list(flowpaths.corridor_records(fr, 0.5))
    assert attrs[0] == 1 and wkb.loads(bytes(poly)).area == pytest.approx(
        3 * 3.0 + 3 * np.pi * 0.25, rel=0.005
    )
