"""The planning table without widgets (analysis.workshop): measures, green roofs by building,
variants, goals, comparison and a workshop file read back — on the hand-built bowl."""

import numpy as np
import pytest
from osgeo import ogr, osr

from smartplan.analysis.workshop import Workshop
from smartplan.core import measures as M
from smartplan.core.sinks import build_terrain, sink_table
from smartplan.io.raster import Grid

N = 21
X0, Y0 = 500000.0, 5800000.0


def square(x0, y0, x1, y1):
    return ogr.CreateGeometryFromWkt(
        f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"
    ).ExportToWkb()


@pytest.fixture()
def ws():
    r, c = np.indices((N, N))
    z = np.maximum(abs(r - 10), abs(c - 10)).astype(np.float32)
    bids = np.zeros((N, N), np.int32)
    bids[9:12, 13:16] = 1
    t = build_terrain(z)
    live = M.LiveModel(t, sink_table(t), rain_mm=100.0, building_ids=bids)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    grid = Grid((X0, 1.0, 0.0, Y0, 0.0, -1.0), srs.ExportToWkt(), N, N)
    w = Workshop()
    house = square(X0 + 13, Y0 - 9, X0 + 16, Y0 - 12)
    w.attach(live, bids, grid, building_info=[(house, 1, {})])
    return w


def test_measures_variants_goals_and_a_workshop_file(ws, tmp_path):
    # 100 mm: 36.1 m³ in the sink without measures
    assert ws.baseline["stored_m3"] == pytest.approx(36.1)
    # a tap at x 14.5, y −10.5 is on building 1 (cells rows 9–11, columns 13–15); floor, not int():
    # a point just west of the grid is outside, not in column 0
    assert ws.building_at(X0 + 14.5, Y0 - 10.5) == 1
    assert ws.building_at(X0 + 2.5, Y0 - 2.5) == 0 and ws.grid.cell_of(X0 - 0.5, Y0 - 0.5) is None
    m, _wkb = ws.toggle_green_roof(1)
    assert m.area_m2 == pytest.approx(9 * 0.85)
    fig, _ = ws.run()
    assert fig["green_roof_kept_m3"] == pytest.approx(9 * 0.020)  # 20 mm on the 9 roof cells
    assert ws.toggle_green_roof(1) is None and ws.measures() == []  # a second tap takes it off
    ws.toggle_green_roof(1)
    ws.new_variant()  # C
    cells = np.ravel_multi_index(np.indices((10, 10)).reshape(2, -1) + 2, (N, N))
    ws.area_measure("retention", cells, 100.0, depth_m=0.2, wkb=square(X0 + 2, Y0 - 2, X0 + 12, Y0 - 12))
    assert ws.current == "C" and len(ws.measures("A")) == 1 and ws.measures("B") == []
    rows = dict(ws.compare())
    # C: 20 m³ hold the runoff that runs down into the bowl's bottom
    assert rows["kept_by_measures_m3"]["C"] == pytest.approx(20.0)
    assert rows["kept_by_measures_m3"]["A"] == pytest.approx(0.18) and rows["measures"] == {
        "A": 1,
        "B": 0,
        "C": 1,
    }
    ws.adjust_goal(0, +1)
    assert ws.goals[0] == ("store_m3", 600.0)
    ws.run()
    assert ws.goal_progress(ws.goals[0]) == (pytest.approx(20 / 600), pytest.approx(20.0))
    path = str(tmp_path / "w.gpkg")
    ws.save(path)
    again = Workshop()
    again.load(path)
    assert list(again.variants) == ["A", "B", "C"] and again.goals[0] == ("store_m3", 600.0)
    again.attach(ws.live, ws.building_ids, ws.grid, ws.building_info)
    (roof,) = again.measures("A")
    assert roof.kind == "green_roof" and roof.building == 1
    (basin,) = again.measures("C")
    assert basin.depth_m == pytest.approx(0.2) and sorted(basin.cells) == sorted(cells)
    assert again.variant_figures("C")["kept_by_measures_m3"] == pytest.approx(20.0)
    assert again.undo() is True and again.measures("A") == [] and again.undo() is False
