"""processing/batch_tiles.sh over real DEM tiles: the mosaic run equals a run on the whole DEM,
and tiles mode counts every sink exactly once."""

import json
import os
import subprocess

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsVectorLayer

from tests.e2e.test_package_qgis_process import installed  # noqa: F401  (fixture)

QP = "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="module")
def tiles(tmp_path_factory, real_data):
    d = tmp_path_factory.mktemp("tiles")
    src = os.path.join(real_data, "lidar_mn_1m_dem.tif")
    for i, (x, y) in enumerate([(0, 0), (200, 0), (0, 200), (200, 200)]):
        gdal.Translate(str(d / f"tile_{i}.tif"), src, srcWin=[x, y, 200, 200])
    return d


def run_recipe(installed, tiles, out, *args):  # noqa: F811
    r = subprocess.run(
        [
            "bash",
            os.path.join(os.path.dirname(__file__), "..", "..", "processing", "batch_tiles.sh"),
            str(tiles),
            str(out),
            *args,
        ],
        env=installed["env"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    return r


def whole_dem_depressions(installed, real_data, tmp_path):  # noqa: F811
    """smartplan:depressions on the whole DEM through qgis_process: (output folder, results)."""
    whole = tmp_path / "whole"
    whole.mkdir()
    r = subprocess.run(
        [
            QP,
            "run",
            "smartplan:depressions",
            "--json",
            "--",
            f"DEM={os.path.join(real_data, 'lidar_mn_1m_dem.tif')}",
            f"FILLED={whole / 'f.tif'}",
            f"DEPTH={whole / 'd.tif'}",
            f"SINKS={whole / 's.gpkg'}",
            f"POUR_POINTS={whole / 'p.gpkg'}",
        ],
        env=installed["env"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    return whole, json.loads(r.stdout)["results"]


@pytest.fixture(scope="module")
def mosaic(installed, tiles, tmp_path_factory):  # noqa: F811
    """The mosaic recipe run once (the tiles test compares with its sinks)."""
    out = tmp_path_factory.mktemp("mosaic")
    run_recipe(installed, tiles, out, "--rain-mm", "36")
    return out


@pytest.fixture(scope="module")
def whole(installed, real_data, tmp_path_factory):  # noqa: F811
    """smartplan:depressions on the whole DEM, run once: (output folder, results)."""
    return whole_dem_depressions(installed, real_data, tmp_path_factory.mktemp("whole"))


def test_mosaic_mode_equals_whole_dem(mosaic, whole):
    whole, ref = whole
    tmp_path = mosaic
    got = json.loads((tmp_path / "mosaic_depressions.json").read_text())["results"]
    assert got["SINK_COUNT"] == ref["SINK_COUNT"]
    assert got["TOTAL_VOLUME_M3"] == pytest.approx(ref["TOTAL_VOLUME_M3"])
    a = gdal.Open(str(tmp_path / "mosaic_filled.tif")).ReadAsArray()
    b = gdal.Open(str(whole / "f.tif")).ReadAsArray()
    np.testing.assert_array_equal(a, b)
    scen = json.loads((tmp_path / "mosaic_rainscenario.json").read_text())["results"]
    assert scen["RAIN_M3"] == pytest.approx(400 * 400 * 0.036)


def test_exact_mode_equals_whole_dem(installed, tiles, tmp_path, whole, mosaic):  # noqa: F811
    """--mode exact (smartplan:filltiled on 128² work tiles): the same filled surface, sinks and
    volumes as smartplan:depressions on the whole DEM, with the default filters; its rain
    scenario (smartplan:rainscenario tile by tile) the water of the mosaic's scenario."""
    run_recipe(installed, tiles, tmp_path, "--mode", "exact", "--tile-size", "128", "--rain-mm", "36")
    whole, ref = whole
    got = json.loads((tmp_path / "exact.json").read_text())["results"]
    assert got["TILES"] == 16 and got["SINK_COUNT"] == ref["SINK_COUNT"] >= 3
    assert got["TOTAL_VOLUME_M3"] == pytest.approx(ref["TOTAL_VOLUME_M3"], rel=1e-9)
    np.testing.assert_array_equal(
        gdal.Open(got["FILLED"]).ReadAsArray(), gdal.Open(str(whole / "f.tif")).ReadAsArray()
    )
    scen = json.loads((tmp_path / "exact_rainscenario.json").read_text())["results"]
    ref_scen = json.loads((mosaic / "mosaic_rainscenario.json").read_text())["results"]
    for key in ("RAIN_M3", "STORED_M3", "LEFT_MAP_M3"):
        assert scen[key] == pytest.approx(ref_scen[key], rel=1e-9)
    np.testing.assert_allclose(
        gdal.Open(str(tmp_path / "exact_water_depth.tif")).ReadAsArray(),
        gdal.Open(str(mosaic / "mosaic_water_depth.tif")).ReadAsArray(),
        atol=1e-5,
    )


def test_tiles_mode_keeps_each_sink_once(installed, tiles, tmp_path, mosaic):  # noqa: F811
    run_recipe(installed, tiles, tmp_path, "--mode", "tiles", "--buffer", "200")
    ids = []
    for i in range(4):
        lyr = QgsVectorLayer(str(tmp_path / f"tile_{i}_sinks.gpkg"), "s")
        assert lyr.isValid()
        ids += [
            (round(f["volume_m3"], 3), round(f["bottom_elev"], 3))
            for f in lyr.getFeatures()
            if f["level"] == 1
        ]
    assert len(ids) == len(set(ids)) > 0
    # with a 200 m buffer every tile sees the whole 400 m DEM: the sinks are those of the mosaic
    ref = QgsVectorLayer(str(mosaic / "mosaic_sinks.gpkg"), "m")
    ref_ids = sorted(
        (round(f["volume_m3"], 3), round(f["bottom_elev"], 3)) for f in ref.getFeatures() if f["level"] == 1
    )
    assert sorted(ids) == ref_ids
