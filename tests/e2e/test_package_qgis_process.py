"""The zip users get: `make package`, install into a fresh isolated profile, enable it with
qgis_process, list the provider and run an algorithm with --json."""

import json
import os
import subprocess

import pytest

from tests.e2e.conftest import QP, install_package


@pytest.fixture(scope="module")
def installed(tmp_path_factory, root):
    home = tmp_path_factory.mktemp("home")
    env, names = install_package(root, home)
    return {"env": env, "home": home, "names": names}


def test_zip_contents(installed, root):
    names = installed["names"]
    for must in (
        "smartplan/metadata.txt",
        "smartplan/__init__.py",
        "smartplan/i18n/smartplan_de.qm",
        "smartplan/resources/styles/sinks.qml",
        "smartplan/resources/icons/smartplan.svg",
        "smartplan/core/fill.py",
        "smartplan/LICENSE",
    ):
        assert must in names, must
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.endswith((".sh", ".bat", ".exe"))]  # the upload scan flags them
    import configparser

    meta = configparser.ConfigParser()
    meta.read(
        installed["home"]
        / ".local/share/QGIS/QGIS3/profiles/default/python/plugins"
        / "smartplan/metadata.txt",
        encoding="utf-8",
    )
    changelog = meta["general"]["changelog"]  # what the plugin manager shows: from CHANGELOG.md
    # the newest version first, with the first entry of each kind (a long "Added" list does not
    # push the fixes out of the box): the first sentences of CHANGELOG.md's first entries
    source = open(os.path.join(root, "CHANGELOG.md"), encoding="utf-8").read()
    for kind in ("Added", "Changed", "Fixed"):
        first = source.split(f"### {kind}\n", 1)[1].split("\n- ", 1)[0].lstrip("- ")
        words = " ".join(first.replace("**", "").replace("`", "").split()[:4])
        assert f"{kind}: {words}" in changelog, (kind, words)
    assert changelog.startswith("0.1.0")


def test_qgis_process_lists_the_provider(installed):
    r = subprocess.run(
        [QP, "list"],
        env=installed["env"],
        cwd=str(installed["home"]),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "smartplan:depressions" in r.stdout and "smartplan:rainscenario" in r.stdout
    assert "smartplan:Starkregen-Screening" in r.stdout  # the shipped model


def test_qgis_process_runs_with_json(installed, real_data, tmp_path):
    out = tmp_path
    r = subprocess.run(
        [
            QP,
            "run",
            "smartplan:rainscenario",
            "--json",
            "--",
            f"DEM={os.path.join(real_data, 'lidar_mn_1m_dem.tif')}",
            "SCENARIO=3",
            "RAIN_MM=36",
            f"WATER_DEPTH={out / 'wd.tif'}",
            f"FLOODED={out / 'fl.gpkg'}",
            f"SPILL_NETWORK={out / 'sp.gpkg'}",
            f"OUTPUT_HTML={out / 's.html'}",
        ],
        env=installed["env"],
        cwd=str(installed["home"]),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)["results"]
    assert res["RAIN_M3"] == pytest.approx(400 * 400 * 0.036)
    assert res["RAIN_M3"] == pytest.approx(res["STORED_M3"] + res["LEFT_MAP_M3"], rel=1e-9)
    assert os.path.getsize(res["WATER_DEPTH"]) > 1000 and os.path.exists(out / "wd.qml")


def test_qgis_process_reports_bad_input(installed, tmp_path):
    bad = tmp_path / "broken.tif"
    bad.write_bytes(b"not a raster")
    r = subprocess.run(
        [
            QP,
            "run",
            "smartplan:depressions",
            "--",
            f"DEM={bad}",
            f"FILLED={tmp_path / 'f.tif'}",
            f"DEPTH={tmp_path / 'd.tif'}",
            f"SINKS={tmp_path / 's.gpkg'}",
            f"POUR_POINTS={tmp_path / 'p.gpkg'}",
        ],
        env=installed["env"],
        cwd=str(installed["home"]),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode != 0
    assert not os.path.exists(tmp_path / "f.tif")


def test_qgis_process_city_scale_without_dask_or_numba(installed, real_data, tmp_path):
    """smartplan:filltiled as users run it: QGIS' own Python (no Dask, no numba here), a folder
    of tiles with one missing, sinks and flow routing; equal to the whole-raster fill of the
    mosaic computed in this process."""
    import numpy as np

    from smartplan.core.fill import fill_depressions
    from tests.unit.test_tiled import read, split_into_tiles

    z = read(os.path.join(real_data, "lidar_mn_1m_dem.tif"))
    folder = split_into_tiles(tmp_path / "dgm1", z, 200, skip={(200, 200)})
    r = subprocess.run(
        [
            QP,
            "run",
            "smartplan:filltiled",
            "--json",
            "--",
            f"DEM_FOLDER={folder}",
            "TILE_SIZE=128",
            "NODATA_DRAINS=false",
            "FLOW_ROUTING=true",
            f"SINKS={tmp_path / 'sinks.gpkg'}",
            f"OUTPUT_FOLDER={tmp_path / 'city'}",
        ],
        env=installed["env"],
        cwd=str(installed["home"]),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    res = out["results"]
    mosaic = z.copy()
    mosaic[200:, 200:] = np.nan
    np.testing.assert_array_equal(read(res["FILLED"]), fill_depressions(mosaic, nodata_drains=False))
    assert res["TILES"] == 16 and res["SINK_COUNT"] >= 3
    assert os.path.exists(res["ACCUMULATION"]) and os.path.exists(tmp_path / "city" / "flow_direction.vrt")
    assert "Dask is not installed" in r.stdout + r.stderr  # the log says what it would gain
