"""Every default is typed once: the parameters and the help texts read it from its one module
(core.defaults, core.greenroof_defaults). Changing a default there changes what the toolbox
offers and what the help says; a copy typed elsewhere would not follow."""

import re

import pytest

from smartplan.core import defaults as D
from smartplan.core import greenroof_defaults as GD


def algorithm(name):
    """A new instance of smartplan:``name`` with its parameters declared (as the toolbox and
    qgis_process create it)."""
    from qgis.core import QgsApplication

    return QgsApplication.processingRegistry().algorithmById(f"smartplan:{name}").create()


CHANGES = [
    # (module, attribute, new value, algorithm, parameter or None, text the help must show)
    (D, "BUILDING_RAISE_M", 7.5, "depressions", "BUILDING_RAISE", "default +7.5 m"),
    (D, "MAX_NESTING_LEVEL", 4, "depressions", "MAX_LEVEL", None),
    (D, "LOW_SLOPE_PCT", 2.5, "flowpaths", None, "slopes below 2.5 %"),
    (D, "CORRIDOR_M", 12.5, "flowpaths", "CORRIDOR_M", "Corridor: 12.5 m on each side"),
    (D, "RUNOFF_COEFF", 0.8, "rainscenario", "RUNOFF_COEFF", "ψ = 0.8 is the conservative default"),
    (D, "WALL_DEPTH_M", 0.15, "affected", None, "flooded from 0.15 m"),
    (D, "RESPONSE_TIME_MIN", 8.0, "emergencyroutes", "TIME_LIMIT_MIN", None),
    (D, "ROUTE_DEFAULT_SPEED_KMH", 25.0, "emergencyroutes", "DEFAULT_SPEED", None),
    (D, "EMERGENCY_DEPTH_M", 0.5, "emergencyroutes", None, "above 0.50 m for emergency vehicles"),
    (GD, "NET_FACTOR", 0.8, "greenroofs", "NET_FACTOR", "NET_FACTOR (0.8)"),
    (GD, "MIN_FACE_AREA_M2", 12.0, "greenroofs", "MIN_FACE_AREA", "MIN_FACE_AREA (12 m²)"),
    (GD, "PRECIPITATION_MM", 650.0, "greenroofs", "PRECIPITATION_MM", "Hamburg 650 mm"),
]


@pytest.mark.parametrize("module, attr, value, alg_name, param, text", CHANGES, ids=[c[1] for c in CHANGES])
def test_a_changed_default_reaches_the_parameter_and_the_help(
    provider_only, monkeypatch, module, attr, value, alg_name, param, text
):
    monkeypatch.setattr(module, attr, value)
    alg = algorithm(alg_name)
    if param:
        assert alg.parameterDefinition(param).defaultValue() == value
    if text:
        help_text = re.sub(r"\s+", " ", alg.shortHelpString())
        assert text in help_text, help_text


def test_every_help_value_is_used_by_a_help_text(provider_only):
    """No help value is left over (a default the help no longer shows) and no help template
    has a placeholder without a value (it would raise)."""
    import string

    from qgis.core import QgsApplication

    used = set()
    from smartplan.processing.base import SmartPlanAlgorithm

    for alg in QgsApplication.processingRegistry().providerById("smartplan").algorithms():
        if not isinstance(alg, SmartPlanAlgorithm):
            continue  # the shipped models
        alg = alg.create()
        templates = []
        translate = alg.tr
        alg.tr = lambda text, templates=templates, translate=translate: (
            templates.append(text),
            translate(text),
        )[1]
        assert alg.shortHelpString()  # renders: every placeholder has its value
        for text in templates:
            used |= {f for _t, f, _s, _c in string.Formatter().parse(text) if f}
    assert set(D.help_values()) <= used, set(D.help_values()) - used
    assert set(GD.help_values()) <= used, set(GD.help_values()) - used
