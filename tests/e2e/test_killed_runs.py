"""Runs that are stopped while they write, through qgis_process as a batch user runs them:
SIGTERM and Ctrl+C (SIGINT) end the run with an error and leave nothing behind; SIGKILL leaves
only a hidden staging folder, never a file under a final name; outputs of an earlier run stay
as they were; the next run removes what the killed one left."""

import json
import os
import signal
import subprocess
import time

import numpy as np
import pytest
from osgeo import ogr
from scipy import ndimage

from tests.e2e.test_package_qgis_process import installed  # noqa: F401  (fixture)
from tests.rasters import write_dem

QP = "/usr/bin/qgis_process.bin"
OUTPUTS = ("f.tif", "d.tif", "s.gpkg", "p.gpkg")


@pytest.fixture(scope="module")
def big_dem(tmp_path_factory):
    # smoothed noise: many sinks of a few cells, so writing the outputs takes seconds
    rng = np.random.default_rng(7)
    z = ndimage.gaussian_filter(rng.normal(0, 1, (1500, 1500)), 2) * 5 + 40
    return write_dem(tmp_path_factory.mktemp("dem") / "noise.tif", z.astype(np.float32))


def start(installed, dem, out):  # noqa: F811
    args = [QP, "run", "smartplan:depressions", "--json", "--", f"DEM={dem}", "MIN_AREA=0", "MIN_VOLUME=0"]
    args += [f"{k}={out / name}" for k, name in zip(("FILLED", "DEPTH", "SINKS", "POUR_POINTS"), OUTPUTS)]
    return subprocess.Popen(
        args, env=installed["env"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def staging(out):
    return [n for n in os.listdir(out) if n.startswith(".smartplan-part-")]


def wait_until_writing(proc, out, limit=240):
    """Wait until the run has begun to write its outputs (its staging folder has a file)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        st = staging(out)
        if st and os.listdir(out / st[0]):
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    pytest.fail("the run never began to write")


def previous_outputs(out):
    """Files of an earlier run under the final names: they must survive a stopped run."""
    for name in OUTPUTS:
        (out / name).write_bytes(b"earlier run " + name.encode())


def assert_previous_outputs_intact(out):
    for name in OUTPUTS:
        assert (out / name).read_bytes() == b"earlier run " + name.encode(), name


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_term_and_ctrl_c_stop_the_run_with_an_error_and_leave_nothing(installed, big_dem, tmp_path, sig):  # noqa: F811
    previous_outputs(tmp_path)
    proc = start(installed, big_dem, tmp_path)
    wait_until_writing(proc, tmp_path)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode != 0, stdout[-2000:]
    assert f"Stopped by {sig.name}" in stdout + stderr
    assert staging(tmp_path) == []  # the run removed what it had begun
    assert_previous_outputs_intact(tmp_path)
    assert sorted(os.listdir(tmp_path)) == sorted(OUTPUTS)


def test_a_killed_run_leaves_no_file_under_a_final_name_and_the_next_run_cleans_up(
    installed,  # noqa: F811
    big_dem,
    tmp_path,
):
    out = tmp_path / "new"
    out.mkdir()
    proc = start(installed, big_dem, out)
    wait_until_writing(proc, out)
    proc.kill()
    proc.communicate(timeout=60)
    left = staging(out)
    assert len(left) == 1  # hidden, and named after the process that was killed
    assert [n for n in os.listdir(out) if not n.startswith(".")] == []
    # the next run finishes, and removes the killed run's folder
    proc = start(installed, big_dem, out)
    stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr[-3000:]
    assert staging(out) == []
    assert sorted(os.listdir(out)) == sorted(OUTPUTS + ("f.qml", "d.qml"))
    res = json.loads(stdout)["results"]
    assert res["SINKS"].startswith(str(out / "s.gpkg")) and res["SINK_COUNT"] > 500
    ds = ogr.Open(str(out / "s.gpkg"))  # the table is named after the file, as without staging
    name, count = ds.GetLayer(0).GetName(), ds.GetLayer(0).GetFeatureCount()
    ds = None
    assert name == "s" and count >= res["SINK_COUNT"]  # with the nested sinks
