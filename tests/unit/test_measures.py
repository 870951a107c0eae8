"""Live figures of measures on a hand-built bowl: every number checked by hand."""

import numpy as np
import pytest

from smartplan.core import measures as M
from smartplan.core.sinks import build_terrain, sink_table

# 21 x 21 inverted pyramid: z = Chebyshev distance to the centre. The border ring (z = 10) drains
# off the map; the 19 x 19 inner cells form one sink filled to 10 m:
# V = 10·1 + Σ_{k=1..9} (10 − k)·8k = 1330 m³, catchment 361 cells, border 80 cells.
N = 21


@pytest.fixture(scope="module")
def bowl():
    r, c = np.indices((N, N))
    z = np.maximum(abs(r - 10), abs(c - 10)).astype(np.float32)
    bids = np.zeros((N, N), np.int32)
    bids[9:12, 13:16] = 1  # a 3 x 3 m building inside the bowl (cells at z 3..5)
    t = build_terrain(z)
    st = sink_table(t)
    return t, st, bids


def test_bowl_by_hand(bowl):
    t, st, bids = bowl
    assert st.n == 1 and st.volume_m3[0] == pytest.approx(1330.0)
    assert (st.catchment > 0).sum() == 361


def test_retention_area_changes_figures_by_the_hand_computed_amount(bowl):
    t, st, bids = bowl
    live = M.LiveModel(t, st, rain_mm=4000.0, building_ids=bids)  # 4 m (only to make numbers round)
    base = live.baseline
    # rain 4 m: 361 × 4 = 1444 m³ into the sink (full, 114 m³ spill) + 80 × 4 = 320 m³ off the map
    assert base["stored_m3"] == pytest.approx(1330.0) and base["left_map_m3"] == pytest.approx(114 + 320)
    # a 10 x 10 m retention area, 2 m deep (200 m³) inside the catchment
    cells = np.ravel_multi_index(np.indices((10, 10)).reshape(2, -1) + 2, (N, N))
    fig, res = live.run([M.Measure("retention", cells, area_m2=100.0, depth_m=2.0)])
    assert fig["retained_m3"] == pytest.approx(200.0)
    assert fig["stored_m3"] == pytest.approx(1444 - 200)  # 1244 m³, the sink is no longer full
    assert res.fill_pct[0] == pytest.approx(100 * 1244 / 1330)
    assert fig["left_map_m3"] == pytest.approx(320.0)  # no spill any more
    assert fig["kept_by_measures_m3"] == pytest.approx(200.0)
    assert res.balance_error_m3 == pytest.approx(0.0, abs=1e-6)
    d = live.compare(base, fig)
    assert d["stored_m3"] == pytest.approx(-86.0) and d["left_map_m3"] == pytest.approx(-114.0)


def test_unsealing_and_green_roof(bowl):
    t, st, bids = bowl
    live = M.LiveModel(t, st, rain_mm=100.0, building_ids=bids)
    # 100 mm: 36.1 m³ into the sink, 8 m³ off the map
    assert live.baseline["stored_m3"] == pytest.approx(36.1)
    cells = np.flatnonzero(np.ones((N, N), bool).ravel())[: 2 * N]  # the top two rows: 42 cells
    fig, _ = live.run([M.Measure("unsealing", cells, area_m2=42.0, psi=0.25)])
    # top row (21 border cells) and 19 of the second row drain off or into the sink: 75 mm less each
    assert fig["infiltrated_m3"] == pytest.approx(42 * 0.075)
    assert fig["left_map_m3"] == pytest.approx(8.0 - 23 * 0.075)  # 21 + 2 border cells of row 2
    assert fig["stored_m3"] == pytest.approx(36.1 - 19 * 0.075)
    roof = M.green_roof_measure(bids.ravel(), 1)
    fig, _ = live.run([roof])
    assert roof.area_m2 == pytest.approx(9 * 0.85)
    assert fig["green_roof_kept_m3"] == pytest.approx(9 * 0.020)  # 20 mm on 9 m²
    assert fig["stored_m3"] == pytest.approx(36.1 - 0.18)
    assert fig["green_area_m2"] == pytest.approx(7.65)
    assert fig["green_retention_m3_a"] == pytest.approx(7.65 * 0.773 * 0.5)


def test_affected_buildings_and_goals(bowl):
    t, st, bids = bowl
    # 300 mm: 108.3 m³ in the bowl: the level rises to where the building (z 3..5) gets wet
    live = M.LiveModel(t, st, rain_mm=300.0, building_ids=bids)
    lvl = live.baseline
    _, res = live.run([])
    zmin_next_to_building = 2.0  # the building's cells touch sink cells down to z = 2 (8-neighbours)
    expected = 1 if res.water_level[0] - zmin_next_to_building > 0.10 else 0
    assert lvl["affected_buildings"] == expected == 1
    cells = np.ravel_multi_index(np.indices((10, 10)).reshape(2, -1) + 2, (N, N))
    fig, res2 = live.run([M.Measure("retention", cells, area_m2=100.0, depth_m=1.08)])
    assert res2.stored[0] == pytest.approx(0.3)  # 108.3 − 108 m³ left: a puddle at the bottom
    assert fig["affected_buildings"] == 0
    assert M.goal_progress(("affected_reduction", 1), lvl, fig) == (1.0, 1)
    assert M.goal_progress(("store_m3", 216.0), lvl, fig) == (pytest.approx(0.5), pytest.approx(108.0))
    assert M.goal_progress(("green_m2", 100), lvl, fig)[0] == 0.0


def test_a_basin_holds_only_the_runoff_of_its_own_upstream_area(bowl):
    """#17.9: a 2 x 2 m basin at the top of the bowl (cells rows 1–2, columns 1–2). On the
    unfilled bowl, (1,1) runs SE to (2,2), (1,2) S and (2,1) E to (2,2), and (2,2) SE out of the
    basin; no other cell of the sink's catchment runs into it (the border ring drains off the
    map). At 90 mm the basin receives 4 × 0.09 = 0.36 m³ — not the 4 m³ of its volume."""
    t, st, bids = bowl
    live = M.LiveModel(t, st, rain_mm=90.0)
    cells = np.ravel_multi_index(np.indices((2, 2)).reshape(2, -1) + 1, (N, N))
    fig, res = live.run([M.Measure("retention", cells, area_m2=4.0, depth_m=1.0)])
    assert fig["retention_capacity_m3"] == pytest.approx(4.0)
    assert fig["retained_m3"] == pytest.approx(0.36)
    assert fig["stored_m3"] == pytest.approx(361 * 0.09 - 0.36)
    assert res.balance_error_m3 == pytest.approx(0.0, abs=1e-9)
    # 20 m deep: still 0.36 m³ (the old rule credited the whole inflow of the sink, 32.49 m³)
    fig, _ = live.run([M.Measure("retention", cells, area_m2=4.0, depth_m=20.0)])
    assert fig["retained_m3"] == pytest.approx(0.36)


def test_basins_in_series_fill_in_flow_order():
    """A plane falling 1 m per column to the east (5 x 10 cells of 1 m²): every cell runs east,
    off the map at the east edge. 100 mm of rain = 0.1 m³ per cell. Basin 1 (row 2, column 3,
    0.1 m deep: 0.1 m³) receives columns 0–3 of row 2 = 0.4 m³, keeps 0.1, passes 0.3 on;
    basin 2 (row 2, columns 6–7, 1 m deep: 2 m³) receives 0.3 + columns 4–7 (0.4) = 0.7 m³."""
    z = np.tile(20.0 - np.arange(10, dtype=np.float32), (5, 1))
    t = build_terrain(z)
    st = sink_table(t)
    assert st.n == 0
    live = M.LiveModel(t, st, rain_mm=100.0)
    assert live.baseline["left_map_m3"] == pytest.approx(5.0)
    one = M.Measure("retention", np.array([2 * 10 + 3]), area_m2=1.0, depth_m=0.1)
    two = M.Measure("retention", np.array([2 * 10 + 6, 2 * 10 + 7]), area_m2=2.0, depth_m=1.0)
    fig, _ = live.run([one, two])
    assert fig["retained_m3"] == pytest.approx(0.8)
    assert fig["left_map_m3"] == pytest.approx(4.2)
    fig, _ = live.run([two])  # alone: columns 0–7 of row 2
    assert fig["retained_m3"] == pytest.approx(0.8)
    fig, _ = live.run([one])
    assert fig["retained_m3"] == pytest.approx(0.1)
