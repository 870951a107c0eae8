"""The planning table's live figures equal the algorithms' outputs on the same inputs (one terrain
rule, one runoff rule, one 'building affected' rule) — with settings that differ from the
defaults: a building height field, NoData holes as walls and a sewer deduction."""

import numpy as np
import processing
import pytest
from qgis.core import QgsExpressionContextUtils, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from tests.qgis.test_table_mode import X0, Y0, settle
from tests.qgis_fixtures import every_sink_outputs, write_dem, write_layer

N = 21
RAIN, SEWER = 1500.0, 500.0


def square(c0, r0, c1, r1):
    """Polygon over cells c0..c1-1, r0..r1-1 of the 1 m grid at (X0, Y0)."""
    x0, x1, y0, y1 = X0 + c0, X0 + c1, Y0 - r0, Y0 - r1
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


@pytest.fixture()
def scene(tmp_path, provider_only):
    """The 21 x 21 inverted pyramid (z = Chebyshev distance to the centre, rim 10 m) with
    - an enclosed 2 x 2 NoData hole on the slope (rows 4-5, cols 9-10): a wall here; were it to
      drain, the bowl would empty into it;
    - house H1 (rows/cols 12-14, z 2..4) with its own height 2.5 m: it stays below the rim, so
      its cells are sink cells;
    - house H2 (rows 1-2, cols 5-6, z 8..9) without a height: raised by the default 10 m."""
    r, c = np.indices((N, N))
    z = np.maximum(abs(r - 10), abs(c - 10)).astype(np.float32)
    z[4:6, 9:11] = np.nan
    dem = write_dem(tmp_path / "bowl_dem.tif", z, origin=(X0, Y0))
    houses = write_layer(
        tmp_path / "buildings.gpkg",
        "Polygon",
        [("name", "string"), ("h", "double")],
        [(square(12, 12, 15, 15), ["H1", 2.5]), (square(5, 1, 7, 3), ["H2", None])],
    )
    terrain = dict(DEM=dem, BUILDINGS=houses, BUILDING_HEIGHT_FIELD="h", NODATA_DRAINS=False)
    dep = processing.run(
        "smartplan:depressions",
        dict(
            terrain,
            **every_sink_outputs(tmp_path),
        ),
    )
    scen = processing.run(
        "smartplan:rainscenario",
        dict(
            terrain,
            SCENARIO=3,
            RAIN_MM=RAIN,
            SEWER_MM=SEWER,
            WATER_DEPTH=str(tmp_path / "wd.tif"),
            FLOODED=str(tmp_path / "fl.gpkg"),
            SPILL_NETWORK=str(tmp_path / "sp.gpkg"),
        ),
    )
    aff = processing.run(
        "smartplan:affected",
        dict(WATER_DEPTH=scen["WATER_DEPTH"], BUILDINGS=houses, BUILDINGS_AFFECTED=str(tmp_path / "ba.gpkg")),
    )
    # by hand: the bowl fills to the rim (10 m); H1's cells are raised by 2.5 m, H2's leave the
    # sink (raised above the rim), the hole's 4 cells hold nothing
    zr = z.copy()
    zr[12:15, 12:15] += 2.5
    zr[1:3, 5:7] += 10
    inner = np.zeros((N, N), bool)
    inner[1:-1, 1:-1] = True
    vol = float(np.nansum(np.where(inner & (zr < 10), 10 - zr, 0)))
    return dict(tmp=tmp_path, dem=dem, houses=houses, dep=dep, scen=scen, aff=aff, volume=vol)


def test_algorithms_use_the_height_field_and_the_walls(scene):
    assert scene["dep"]["TOTAL_VOLUME_M3"] == pytest.approx(scene["volume"])
    valid_cells = N * N - 4
    assert scene["scen"]["RAIN_M3"] == pytest.approx(valid_cells * (RAIN - SEWER) / 1000)


def test_live_table_figures_equal_the_algorithms(qgis_iface, scene):
    from smartplan.gui.table_mode import TableMode

    proj = QgsProject.instance()
    proj.clear()
    mw, canvas = qgis_iface.mainWindow(), qgis_iface.mapCanvas()
    mw.setCentralWidget(canvas)
    mw.resize(1920, 1080)
    mw.show()
    tmp = scene["tmp"]
    layers = [
        QgsVectorLayer(str(tmp / "s.gpkg"), "Senken"),
        QgsVectorLayer(str(tmp / "fl.gpkg"), "Geflutet"),
        QgsVectorLayer(scene["houses"], "buildings"),
        QgsRasterLayer(scene["dem"], "bowl_dem"),
    ]
    for lyr in layers:
        assert lyr.isValid()
        proj.addMapLayer(lyr)
    canvas.setDestinationCrs(layers[-1].crs())
    canvas.setLayers(layers)
    QgsExpressionContextUtils.setProjectVariable(proj, "smartplan_rain_mm", RAIN)
    mode = TableMode(qgis_iface)
    try:
        mode.enter(workshop_path=str(tmp / "workshop.gpkg"))
        settle(mode)
        # the settings were read from the outputs of the runs
        assert mode.live_inputs.terrain.height_field == "h"
        assert mode.live_inputs.terrain.nodata_drains is False
        assert mode.live_inputs.scenario.sewer_mm == SEWER
        live, base = mode.live, mode.baseline
        assert float(live.table.volume_m3.sum()) == pytest.approx(scene["dep"]["TOTAL_VOLUME_M3"])
        assert live.table.n == scene["dep"]["SINK_COUNT"]
        assert base["rain_m3"] == pytest.approx(scene["scen"]["RAIN_M3"])
        assert base["stored_m3"] == pytest.approx(scene["scen"]["STORED_M3"])
        assert base["left_map_m3"] == pytest.approx(scene["scen"]["LEFT_MAP_M3"])
        assert base["affected_buildings"] == scene["aff"]["BUILDINGS_FLOODED"]
        # not vacuous: the bowl is partly full (1 m of runoff: level ≈ 6 m); H1 stands in the water,
        # H2 near the rim (lowest neighbour 7 m) on dry land
        assert 0 < base["stored_m3"] < scene["volume"]
        assert base["affected_buildings"] == 1
    finally:
        mode.leave()
        proj.clear()
    assert not (mw.windowState() & Qt.WindowState.WindowFullScreen)


def test_a_building_gets_the_same_class_and_upstream_area_from_flowpaths_and_affected(
    provider_only, tmp_path
):
    """The 60 x 40 m plane falling east with a valley along row 20 (tests/qgis/test_flowpaths.py);
    flow paths with distance classes 3 / 6 / 9 m (not the defaults 5 / 10 / 15). Five 2 x 2 m
    houses north of the valley path at 1, 2.5, 4, 5.5 and 8 m from it. By hand, with 3 / 6 / 9 m:
    classes 1, 1, 2, 2, 3 — with the default classes affected gave 1, 1, 1, 2, 2."""
    from tests.qgis.test_flowpaths import ORIGIN, slope_dem

    dem = write_dem(tmp_path / "slope.tif", slope_dem(), origin=ORIGIN)
    x0, y_path = ORIGIN[0], ORIGIN[1] - 20.5  # the valley path runs through the centres of row 20
    rows = []
    for k, gap in enumerate((1.0, 2.5, 4.0, 5.5, 8.0)):
        bx = x0 + 16 + 8 * k
        rows.append((square_at(bx, y_path + gap, 2.0), [f"H{k + 1}"]))
    houses = write_layer(tmp_path / "houses.gpkg", "Polygon", [("name", "string")], rows)
    fp = processing.run(
        "smartplan:flowpaths",
        dict(
            DEM=dem,
            MIN_CATCHMENT_HA=0.02,
            DISTANCE_CLASSES_M="3,6,9",
            BUILDINGS=houses,
            BUILDING_RAISE=0.0,  # the houses must not move the valley path
            FLOW_DIRECTION=str(tmp_path / "fd.tif"),
            ACCUMULATION=str(tmp_path / "acc.tif"),
            FLOWPATHS=str(tmp_path / "fp.gpkg"),
            BUILDINGS_NEAR=str(tmp_path / "near.gpkg"),
        ),
    )
    dry = write_dem(tmp_path / "dry.tif", np.zeros((40, 60), np.float32), origin=ORIGIN)
    aff = processing.run(
        "smartplan:affected",
        dict(
            WATER_DEPTH=dry,
            FLOWPATHS=fp["FLOWPATHS"],
            BUILDINGS=houses,
            BUILDINGS_AFFECTED=str(tmp_path / "ba.gpkg"),
        ),
    )

    def by_name(path):
        return {
            f["name"]: (f["dist_class"], round(f["dist_m"], 6), round(f["upstream_ha"], 9))
            for f in QgsVectorLayer(path, "l").getFeatures()
        }

    near, affected = by_name(fp["BUILDINGS_NEAR"]), by_name(aff["BUILDINGS_AFFECTED"])
    assert [near[f"H{k}"][0] for k in range(1, 6)] == [1, 1, 2, 2, 3]
    assert affected == near


def square_at(x, y, size):
    """A square of ``size`` metres with its south-west corner at (x, y)."""
    return f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))"
