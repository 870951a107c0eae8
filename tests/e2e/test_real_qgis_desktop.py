"""The planning table in the real QGIS desktop (#21.3), as a workshop starts it: QGIS 3.22 under
Xvfb with a window manager (openbox: it answers full-screen requests asynchronously, as on a real
desktop), the packaged plugin in a fresh profile.

1. A normal session: QGIS maximised, the Layers panel 380 px wide, SmartPlan's panel open; QGIS
   saves that layout when it quits (and brings it back at its next start: recorded).
2. ``SMARTPLAN_TABLE_MODE=1 qgis project.qgz``: the table waits until QGIS has restored its window
   and opened the project (live figures, no "no analysis yet"), frames the analysis area in the
   part of the screen the panel and the bar leave free, and Exit brings back the layout of step 1
   exactly (the docks were squeezed to 71 px, the window came back small with QGIS' default
   layout); the project is not marked as changed."""

import json
import os
import shutil
import subprocess
import time

import numpy as np
import processing
from qgis.core import QgsExpressionContextUtils, QgsProject, QgsRasterLayer, QgsVectorLayer

from tests.e2e.conftest import install_package
from tests.qgis_fixtures import every_sink_outputs, write_dem

# the start of every script QGIS runs (--code): the layout of the docks and the window, a guard
# that writes an error and quits, and quitting without the "save the project?" question
COMMON = """
import json, traceback
import qgis.utils
from qgis.PyQt.QtCore import QTimer, Qt
from qgis.PyQt.QtWidgets import QDockWidget
from qgis.core import QgsProject
from qgis.utils import iface
mw = iface.mainWindow()
OUT = @OUT@
res = {}

def layout():
    out = {w.objectName(): [w.geometry().x(), w.geometry().y(), w.width(), w.height()]
           for w in mw.findChildren(QDockWidget) if w.isVisible()}
    g = mw.geometry()
    out["_window"] = [g.x(), g.y(), g.width(), g.height(), int(mw.windowState())]
    return out

def quit_qgis(result):
    json.dump(result, open(OUT, "w"), indent=1, default=str)
    QgsProject.instance().setDirty(False)
    iface.actionExit().trigger()

def guarded(f):
    def run():
        try:
            f()
        except Exception:
            res["error"] = traceback.format_exc()
            quit_qgis(res)
    return run
"""

PHASE1 = """
@guarded
def a():
    mw.showMaximized()
    mw.findChild(QDockWidget, "Layers").show()
    mw.findChild(QDockWidget, "SmartPlanDock").show()
    QTimer.singleShot(2000, b)
@guarded
def b():
    mw.resizeDocks([mw.findChild(QDockWidget, "Layers")], [380], Qt.Orientation.Horizontal)
    QTimer.singleShot(1500, lambda: quit_qgis(layout()))
QTimer.singleShot(4000, a)
"""

RECORD = """
QTimer.singleShot(5000, lambda: quit_qgis(layout()))
"""

PHASE2 = """
# the layout the moment the table is entered (QGIS' own restore drifts between starts)
tm0 = qgis.utils.plugins["smartplan"].table_mode
res["entered_before_script"] = tm0.active
_enter = tm0.enter
def recording_enter(*args, **kwargs):
    res["before"] = layout()
    return _enter(*args, **kwargs)
tm0.enter = recording_enter
@guarded
def a():
    tm = qgis.utils.plugins["smartplan"].table_mode
    if tm.task is not None or tm.live is None:
        res["waited"] = res.get("waited", 0) + 1
        if res["waited"] < 60:
            QTimer.singleShot(500, a)
            return
    res.update(active=tm.active, message=tm.message.text() if tm.widgets else None, live=tm.live is not None)
    res["full_screen"] = mw.isFullScreen()
    ext, c = tm.analysis_extent(), iface.mapCanvas()
    t = c.getCoordinateTransform()
    p0, p1 = t.transform(ext.xMinimum(), ext.yMaximum()), t.transform(ext.xMaximum(), ext.yMinimum())
    res["area_px"] = [p0.x(), p0.y(), p1.x(), p1.y()]
    res["free_px"] = list(tm.free_area())
    res["project_layers"] = len(QgsProject.instance().mapLayers())
    tm.leave()
    QTimer.singleShot(2500, b)
@guarded
def b():
    res["after"] = layout()
    res["dirty"] = QgsProject.instance().isDirty()
    quit_qgis(res)
QTimer.singleShot(6000, a)
"""


def run_qgis(home, display, code, *args, env_extra=None):
    """QGIS on display ``display`` (Xvfb + openbox started here), running ``code`` at start."""
    script = home / f"code_{time.monotonic_ns()}.py"
    script.write_text(code)  # COMMON + a phase, with @OUT@ replaced
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QGIS_", "PYTHONPATH", "QT_QPA"))}
    # QGIS takes layers under its temporary folder for temporary layers and asks before quitting:
    # the project's files (under pytest's tmp_path) must lie outside it
    env.update(
        HOME=str(home),
        DISPLAY=f":{display}",
        XDG_RUNTIME_DIR=str(home / "run"),
        TMPDIR=str(home / "tmp"),
        **(env_extra or {}),
    )
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    (home / "tmp").mkdir(exist_ok=True)
    procs = [subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"])]
    time.sleep(1.0)
    procs.append(subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    time.sleep(1.0)
    t0 = time.monotonic()
    try:
        subprocess.run(
            ["/usr/bin/qgis", "--nologo", "--noversioncheck", "--code", str(script), *args],
            env=env,
            cwd=str(home),
            timeout=150,
            capture_output=True,
        )
    except subprocess.TimeoutExpired:
        print("QGIS did not quit within 150 s")  # the result file says how far it came
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait(10)
    return time.monotonic() - t0


def test_kiosk_start_and_exit_in_the_real_qgis_desktop(provider_only, root, tmp_path):
    assert shutil.which("openbox") and shutil.which("Xvfb"), "make system-packages installs xvfb and openbox"
    home = tmp_path / "home"
    home.mkdir()
    install_package(root, home)
    ini = home / ".local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text("[PythonPlugins]\nsmartplan=true\n\n[qgis]\ncheckVersion=false\nshowTips=false\n")
    # a project with the results of a depressions run, as a workshop would bring it
    r, c = np.indices((60, 80))
    z = (np.hypot(r - 30, c - 40) / 3 + 0.2 * np.sin(c / 3.0)).astype(np.float32)
    dem = write_dem(tmp_path / "dgm.tif", z, origin=(500000.0, 5800000.0))
    res = processing.run(
        "smartplan:depressions",
        dict(
            DEM=dem,
            **every_sink_outputs(tmp_path),
        ),
    )
    proj = QgsProject.instance()
    proj.clear()
    for lyr in (QgsVectorLayer(res["SINKS"], "Senken"), QgsRasterLayer(dem, "DGM (dem)")):
        proj.addMapLayer(lyr)
    QgsExpressionContextUtils.setProjectVariable(proj, "smartplan_rain_mm", 90)
    proj.setCrs(proj.mapLayersByName("DGM (dem)")[0].crs())
    project = str(tmp_path / "workshop.qgz")
    assert proj.write(project)
    proj.clear()
    display = 60 + os.getpid() % 30
    out1, out2, out3 = home / "phase1.json", home / "phase2.json", home / "restart.json"
    print(
        "phase 1: %.0f s"
        % run_qgis(home, display, (COMMON + PHASE1).replace("@OUT@", repr(str(out1))), project)
    )
    before = json.loads(out1.read_text())
    assert "error" not in before, before.get("error")
    assert before["Layers"][2] == 380 and "SmartPlanDock" in before
    assert before["_window"][3] <= 1080  # the window fits the screen (SmartPlan's panel scrolls)
    # how QGIS itself brings that layout back at its next start
    print(
        "restart: %.0f s"
        % run_qgis(home, display, (COMMON + RECORD).replace("@OUT@", repr(str(out3))), project)
    )
    restored = json.loads(out3.read_text())
    assert restored["_window"] == before["_window"] and "SmartPlanDock" in restored
    t = run_qgis(
        home,
        display,
        (COMMON + PHASE2).replace("@OUT@", repr(str(out2))),
        project,
        env_extra={"SMARTPLAN_TABLE_MODE": "1"},
    )
    print("phase 2: %.0f s" % t)
    got = json.loads(out2.read_text())
    assert "error" not in got, got.get("error")
    assert got["active"] and got["full_screen"] and got["live"] and got["message"] == ""
    assert got["project_layers"] >= 2
    x0, y0, x1, y1 = got["area_px"]
    fx, fy, fw, fh = got["free_px"]
    assert fx - 1 <= x0 < x1 <= fx + fw + 1 and fy - 1 <= y0 < y1 <= fy + fh + 1  # whole and free
    assert abs((x0 + x1) / 2 - (fx + fw / 2)) <= 0.02 * fw and abs((y0 + y1) / 2 - (fy + fh / 2)) <= 0.02 * fh
    assert not got["entered_before_script"] and "before" in got
    # entered once QGIS had restored its window and docks
    # (QGIS' own restore moves dock sizes a little from start to start, 3.40 more than 3.22:
    # the window exactly, the docks' widths within a fifth)
    assert got["before"]["_window"] == restored["_window"] and set(got["before"]) == set(restored)
    for name, (_x, _y, w, _h) in ((k, v) for k, v in restored.items() if k != "_window"):
        assert abs(got["before"][name][2] - w) <= 0.2 * w, name
    assert got["after"] == got["before"]
    assert got["dirty"] is False
