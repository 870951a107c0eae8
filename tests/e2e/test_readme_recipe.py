"""The README's headless recipe for GIS officers runs as written: the bash block between
`<!-- recipe:start -->` and `<!-- recipe:end -->`, in a copy of the repository with a fresh home
(plugin installed from the zip, accelerator from PyPI), and the shipped model gives the same
sinks and water depth as the steps run one by one."""

import os
import re
import shutil
import subprocess

import numpy as np
from osgeo import gdal, ogr


def recipe(root):
    text = open(os.path.join(root, "README.md"), encoding="utf-8").read()
    block = re.search(r"<!-- recipe:start -->\s*```bash\n(.*?)```\s*<!-- recipe:end -->", text, re.S)
    assert block, "README has no recipe block"
    return block.group(1)


def count(path, where=None):
    ds = ogr.Open(str(path))
    lyr = ds.GetLayer(0)
    if where:
        lyr.SetAttributeFilter(where)
    return lyr.GetFeatureCount()


def test_readme_recipe_runs_as_written(root, tmp_path):
    repo, home = tmp_path / "repo", tmp_path / "home"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout
    for rel in filter(None, files.decode().split("\0")):
        src = os.path.join(root, rel)
        if os.path.isfile(src):
            os.makedirs(repo / os.path.dirname(rel), exist_ok=True)
            shutil.copy2(src, repo / rel)
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("QGIS_", "PYTHONPATH", "QT_QPA", "SMARTPLAN_"))
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),
        PIP_CACHE_DIR=os.path.join(root, ".cache", "pip"),
        NUMBA_CACHE_DIR=os.path.join(root, ".cache", "numba-qgis"),
    )
    r = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", recipe(root)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    out = repo / "out"
    assert "Accelerator: numba" in r.stdout + r.stderr and "active" in r.stdout + r.stderr
    # the model = the steps one by one
    assert count(out / "sinks.gpkg") > 10 and count(out / "sinks.gpkg") == count(out / "m_sinks.gpkg")
    wd = gdal.Open(str(out / "water_depth.tif")).ReadAsArray()
    np.testing.assert_array_equal(wd, gdal.Open(str(out / "m_water_depth.tif")).ReadAsArray())
    flooded = count(out / "buildings_affected.gpkg", "flooded = 1")
    assert flooded == count(out / "m_buildings_affected.gpkg", "flooded = 1")
    assert count(out / "flowpaths.gpkg") > 0 and count(out / "notwasserwege.gpkg") > 0
