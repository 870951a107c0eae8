"""Runs as the Processing dialog does them with its default "[Create temporary layer]" outputs:
QGIS' own post-processing (the dialog's ``handleAlgorithmResults``) loads every output, reports no
"layers were not correctly generated" (#21: it did for every memory-layer output although they
loaded), and every layer comes in with SmartPlan's style (the renderer of its QML in resources/)."""

import re

import numpy as np
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsRasterLayer,
)

from smartplan import paths
from tests.qgis.test_feedback_algorithms import write
from tests.qgis_fixtures import write_dem

X0, Y0 = 500000.0, 5800000.0
STYLE_OF = {  # display name → style of resources/styles
    "Filled surface": "filled",
    "Sink depth": "depth",
    "Sinks": "sinks",
    "Pour points": "pour_points",
    "Local catchments": "catchments",
    "Water depth": "water_depth",
    "Flooded sinks": "flooded",
    "Spill network": "spill_network",
    "Flow direction (D8)": "flow_direction",
    "Upstream area [m²]": "accumulation",
    "Flow paths": "flowpaths",
    "Flow path corridor": "corridor",
    "Objects with citizen feedback": "feedback_objects_polygon",
}


class Recorder(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802 (QGIS API)
        self.errors.append(error)


def renderer_of(style):
    text = open(paths.style(style), encoding="utf-8").read()
    m = re.search(r'<renderer-v2[^>]*\stype="([^"]+)"', text) or re.search(
        r'<rasterrenderer[^>]*\stype="([^"]+)"', text
    )
    return m.group(1)


def run_like_the_dialog(alg_id, params):
    """Run with temporary outputs that load into the project, then QGIS' post-processing.
    Returns (errors, {layer name: renderer type}) of the layers it added."""
    from processing.gui.Postprocessing import handleAlgorithmResults

    alg = QgsApplication.processingRegistry().algorithmById(alg_id)
    proj = QgsProject.instance()
    for d in alg.destinationParameterDefinitions():
        params.setdefault(d.name(), QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", proj))
    context = QgsProcessingContext()
    context.setProject(proj)
    feedback = Recorder()
    before = set(proj.mapLayers())
    _res, ok = alg.run(params, context, feedback)
    assert ok, feedback.errors
    import processing.gui.Postprocessing as post

    # without a QGIS window (pytest-qgis mocks iface): QGIS 3.44 hands iface.layerTreeView() to
    # C++, which refuses a mock; the layers load into the project all the same
    mocked = getattr(post, "iface", None)
    if hasattr(post, "iface"):
        post.iface = None
    try:
        handleAlgorithmResults(alg, context, feedback)  # positional: the signature changed in 3.40
    finally:
        if hasattr(post, "iface"):
            post.iface = mocked
    added = [lyr for k, lyr in proj.mapLayers().items() if k not in before]
    return feedback.errors, {lyr.name(): lyr.renderer().type() for lyr in added}


def test_temporary_outputs_load_styled_without_an_error(provider_only, tmp_path):
    r, c = np.indices((21, 21))
    z = np.maximum(abs(r - 10), abs(c - 10)).astype(np.float32) + 0.01 * c
    dem = write_dem(tmp_path / "dem.tif", z, origin=(X0, Y0))
    proj = QgsProject.instance()
    proj.clear()
    errors, loaded = run_like_the_dialog(
        "smartplan:depressions", dict(DEM=dem, MIN_DEPTH=0, MIN_AREA=0, MIN_VOLUME=0, MIN_CATCHMENT=0)
    )
    assert errors == []
    assert set(loaded) == {"Filled surface", "Sink depth", "Sinks", "Pour points", "Local catchments"}
    errors, more = run_like_the_dialog("smartplan:rainscenario", dict(DEM=dem, RAIN_MM=90))
    assert errors == [] and {"Water depth", "Flooded sinks", "Spill network"} <= set(more)
    loaded.update(more)
    errors, more = run_like_the_dialog("smartplan:flowpaths", dict(DEM=dem, MIN_UPSTREAM_HA=0.01))
    assert errors == [] and {"Flow paths", "Flow direction (D8)", "Upstream area [m²]"} <= set(more)
    loaded.update(more)
    sinks = next(lyr for lyr in proj.mapLayers().values() if lyr.name() == "Sinks")
    fb = write(
        tmp_path / "fb.gpkg",
        "Point",
        [(f"POINT({X0 + 10} {Y0 - 10})", ["1", "Wasser", "active"])],
        fields=("contribution_id", "category", "status"),
    )
    errors, more = run_like_the_dialog(
        "smartplan:feedbacklink", dict(FEEDBACK=fb, TARGETS=sinks, DISTANCE_M=5)
    )
    assert errors == [] and "Objects with citizen feedback" in more
    loaded.update(more)
    for name, renderer in loaded.items():
        if name in STYLE_OF:
            assert renderer == renderer_of(STYLE_OF[name]), name
    assert not [
        lyr for lyr in proj.mapLayers().values() if isinstance(lyr, QgsRasterLayer) and not lyr.isValid()
    ]
    proj.clear()
