"""analysis.terrain: the one terrain rule (buildings raised by their own height or the general
raise, the recorded settings read back), checked on a hand-made 4 x 4 DEM."""

import json

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from smartplan.analysis.scenario import ScenarioSettings
from smartplan.analysis.terrain import (
    Footprint,
    TerrainSettings,
    building_height,
    prepare_terrain,
)
from smartplan.analysis.workshop import settings_from_records


def dem(path, z):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), z.shape[1], z.shape[0], 1, gdal.GDT_Float32)
    ds.SetGeoTransform((500000.0, 1.0, 0, 5800000.0, 0, -1.0))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).SetNoDataValue(-9999.0)
    ds.GetRasterBand(1).WriteArray(z)
    ds = None
    return str(path)


def cell_square(c, r):
    x, y = 500000.0 + c, 5800000.0 - r
    return ogr.CreateGeometryFromWkt(
        f"POLYGON(({x} {y},{x + 1} {y},{x + 1} {y - 1},{x} {y - 1},{x} {y}))"
    ).ExportToWkb()


def test_buildings_raised_by_own_height_or_the_general_raise(tmp_path):
    z = np.arange(16, dtype=np.float32).reshape(4, 4)
    z[3, 3] = -9999.0
    path = dem(tmp_path / "dem.tif", z)
    fps = [
        Footprint(cell_square(1, 1), 2.5, 7),
        Footprint(cell_square(2, 2), None, 9),
        Footprint(cell_square(3, 3), 4.0, 11),
    ]  # the last one stands on NoData
    t = prepare_terrain(path, fps, TerrainSettings(building_raise_m=6.0))
    expected = z.copy()
    expected[1, 1] += 2.5
    expected[2, 2] += 6.0
    expected[3, 3] = np.nan
    np.testing.assert_array_equal(t.z, expected)
    assert t.raised_cells == 2 and t.building_fids == [7, 9, 11]
    assert t.building_ids[1, 1] == 1 and t.building_ids[2, 2] == 2 and t.building_ids.sum() == 6
    without = prepare_terrain(path, [], TerrainSettings())
    assert without.building_ids is None and np.isnan(without.z[3, 3]) and without.z[1, 1] == 5


@pytest.mark.parametrize(
    "value, expected",
    [
        (3, 3.0),
        ("4.5", 4.5),
        (None, None),
        ("", None),
        ("ca. 8", None),
        (float("nan"), None),
        (-1, None),
        (True, None),
    ],
)
def test_building_height_reads_only_usable_numbers(value, expected):
    assert building_height(value) == expected


def test_settings_read_back_from_a_record():
    rec = json.dumps(
        {
            "BUILDING_RAISE": 3.0,
            "BUILDING_HEIGHT_FIELD": "hoehe",
            "NODATA_DRAINS": False,
            "SEWER_MM": 12.5,
            "RUNOFF_COEFF": 0.8,
        }
    )
    assert TerrainSettings.from_recorded(rec) == TerrainSettings(3.0, "hoehe", False)
    assert TerrainSettings.from_recorded("not json") is None
    assert TerrainSettings.from_recorded(json.dumps([1, 2])) is None
    # qgis_process records text values; absent ones take the defaults
    assert TerrainSettings.from_parameters(
        {"NODATA_DRAINS": "false", "BUILDING_HEIGHT_FIELD": "None"}
    ) == TerrainSettings(10.0, "", False)
    inputs = settings_from_records(
        [
            ("a.gpkg", "smartplan:greenroofs", json.dumps({"BUILDING_RAISE": 99})),
            ("s.gpkg", "smartplan:depressions", rec),
            ("fl.gpkg", "smartplan:rainscenario", json.dumps({"SEWER_MM": 7, "RUNOFF_COEFF": 0.9})),
        ]
    )
    assert inputs.terrain == TerrainSettings(3.0, "hoehe", False) and inputs.source == "s.gpkg"
    assert inputs.scenario == ScenarioSettings(runoff=0.9, sewer_mm=7.0)
    assert settings_from_records([]).terrain == TerrainSettings()


def test_metric_crs_rule_for_geographic_input():
    """analysis.crs: Berlin (east of 12° E) → ETRS89 / UTM 33N, Cologne → 32N, outside Germany
    WGS 84 / UTM, south of the equator 327zz."""
    from smartplan.analysis.crs import utm_epsg

    assert utm_epsg(13.40, 52.52) == 25833
    assert utm_epsg(6.96, 50.94) == 25832
    assert utm_epsg(2.35, 48.86) == 32631
    assert utm_epsg(-58.4, -34.6) == 32721
    assert utm_epsg(180.0, 0.0) == 32660
