import glob
import os
import subprocess
import zipfile

from tests.qgis_fixtures import german, plugin, provider_only, registry, write_dem  # noqa: F401

QP = "/usr/bin/qgis_process.bin"


def install_package(root, home):
    """`make package`, the zip unpacked into a fresh profile under ``home`` and enabled with
    qgis_process, as a user installs it. Returns (environment for qgis_process, zip names)."""
    subprocess.run(["make", "package"], cwd=root, check=True, capture_output=True)
    zips = glob.glob(os.path.join(root, "dist", "smartplan*.zip"))
    assert len(zips) == 1
    plugins = home / ".local/share/QGIS/QGIS3/profiles/default/python/plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(zips[0]) as z:
        names = z.namelist()
        z.extractall(plugins)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QGIS_", "PYTHONPATH"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),
        QT_QPA_PLATFORM="offscreen",
        # the profile's numba (if installed) keeps its compiled kernels apart from the venv's
        NUMBA_CACHE_DIR=os.path.join(root, ".cache", "numba-qgis"),
    )
    r = subprocess.run(
        [QP, "plugins", "enable", "smartplan"], env=env, cwd=str(home), capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    return env, names
