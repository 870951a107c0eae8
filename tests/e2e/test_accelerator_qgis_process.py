"""The accelerator where users run SmartPlan: qgis_process on the system Python (no numba), the
log says so and how to enable it; `smartplan:installaccelerator` installs numba from PyPI into
the profile; the next run says it is compiled and gives the identical result. Needs PyPI (or
the index in PIP_INDEX_URL), as the install does for a user."""

import json
import os
import subprocess

import pytest

from tests.e2e.conftest import QP, install_package


def cells(path):
    from osgeo import gdal

    return gdal.Open(str(path)).ReadAsArray()


@pytest.fixture(scope="module")
def profile(tmp_path_factory, root):
    home = tmp_path_factory.mktemp("home-accel")
    env, _ = install_package(root, home)
    r = subprocess.run(["/usr/bin/python3", "-c", "import numba"], capture_output=True)
    assert r.returncode != 0, "the system Python has numba: this test needs a QGIS without it"
    env["PIP_CACHE_DIR"] = os.path.join(root, ".cache", "pip")
    return env, home


def depressions(env, home, dem, out):
    r = subprocess.run(
        [
            QP,
            "run",
            "smartplan:depressions",
            "--",
            f"DEM={dem}",
            f"FILLED={out / 'f.tif'}",
            f"DEPTH={out / 'd.tif'}",
            f"SINKS={out / 's.gpkg'}",
            f"POUR_POINTS={out / 'p.gpkg'}",
        ],
        env=env,
        cwd=str(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    return r.stdout + r.stderr


def test_install_accelerator_then_runs_compiled(profile, real_data, tmp_path):
    env, home = profile
    dem = os.path.join(real_data, "lidar_mn_1m_dem.tif")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    log = depressions(env, home, dem, tmp_path / "a")
    assert "Accelerator: not active" in log and "smartplan:installaccelerator" in log

    r = subprocess.run(
        [QP, "run", "smartplan:installaccelerator", "--json"],
        env=env,
        cwd=str(home),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    res = json.loads(r.stdout)["results"]
    folder = res["FOLDER"]
    profile_dir = home / ".local/share/QGIS/QGIS3/profiles/default"
    assert folder.startswith(str(profile_dir / "python" / "smartplan-accelerator"))
    assert os.path.isdir(os.path.join(folder, "numba")) and os.path.isdir(os.path.join(folder, "llvmlite"))
    assert not any(n.startswith("numpy") for n in os.listdir(folder))  # QGIS' numpy stays the one used

    log = depressions(env, home, dem, tmp_path / "b")
    assert f"Accelerator: numba {res['NUMBA_VERSION']} active" in log
    for name in ("f.tif", "d.tif"):  # the same cells, compiled or not
        assert (cells(tmp_path / "a" / name) == cells(tmp_path / "b" / name)).all()
    # the system Python is unchanged
    assert subprocess.run(["/usr/bin/python3", "-c", "import numba"], capture_output=True).returncode != 0
