"""The planning table recognises each output by fields of that output's own schema."""

import pytest

from smartplan.analysis import outputs
from smartplan.analysis.tiled import SINK_FIELD_TYPES


@pytest.mark.parametrize("role", [r for r, _k in outputs.ROLES])
def test_every_output_schema_is_recognised_as_itself(role):
    names = [name for name, _t in outputs.SCHEMAS[role]]
    assert outputs.role_of(names) == role


def test_the_city_scale_sinks_are_sinks_and_other_layers_nothing():
    assert outputs.role_of([n for n, _t in SINK_FIELD_TYPES]) == "sinks"
    assert outputs.role_of(["fid", "name", "height"]) is None
    # a flooded-sinks layer has sink_id and volume_m3 too, but no fill rain: not a SINKS layer
    assert outputs.role_of(["sink_id", "volume_m3", "stored_m3", "fill_pct"]) == "flooded"
