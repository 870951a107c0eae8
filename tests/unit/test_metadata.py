"""metadata.txt is complete for the QGIS plugin repository, and the core imports without QGIS."""

import configparser
import os
import re
import subprocess
import sys

from smartplan import paths

REQUIRED = (
    "name",
    "qgisMinimumVersion",
    "description",
    "about",
    "version",
    "author",
    "email",
    "homepage",
    "tracker",
    "repository",
    "tags",
    "category",
    "icon",
    "hasProcessingProvider",
)


def test_metadata_has_everything_the_plugin_repository_needs(root):
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str  # keep the camelCase keys
    cp.read(os.path.join(root, "metadata.txt"), encoding="utf-8")
    g = cp["general"]
    missing = [k for k in REQUIRED if not g.get(k, "").strip()]
    assert not missing
    assert g["name"] == "SmartPlan"
    assert g["qgisMinimumVersion"] == "3.22"
    assert g["hasProcessingProvider"] == "yes"
    assert re.fullmatch(r"\d+\.\d+\.\d+", g["version"])
    assert os.path.exists(os.path.join(root, g["icon"]))
    assert "Deutsch" in g["about"] and "Senkenanalyse" in g["about"]
    assert g["homepage"].startswith("https://")


def test_paths_find_metadata_and_resources():
    md = paths.metadata()
    assert md["name"] == "SmartPlan"
    assert os.path.exists(paths.icon_path())
    for style in (
        "depth",
        "sinks",
        "filled",
        "water_depth",
        "flooded",
        "pour_points",
        "spill_network",
        "catchments",
    ):
        assert os.path.exists(paths.style(style)), style


def test_core_imports_without_qgis(root):
    code = (
        "import sys, smartplan.core.sinks, smartplan.core.fill, "
        "smartplan.io.raster; "
        "bad=[m for m in sys.modules if m.startswith(('qgis', 'PyQt'))]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)
