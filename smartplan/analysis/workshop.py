"""The planning table without widgets: the live model a workshop's figures come from.

``live_model`` builds the terrain with the rule of ``analysis.terrain`` (the settings of the
``smartplan:depressions`` run whose layers the table shows) and the cascade with the effective
rain rule of ``analysis.scenario`` — so the table's figures equal the algorithms' outputs on
the same inputs."""

from dataclasses import dataclass

import numpy as np

from ..core import measures as M
from ..core.sinks import sink_table
from .scenario import ScenarioSettings
from .terrain import TerrainSettings, prepare_terrain, recorded_parameters

# peak memory per cell of the live model (terrain, sink table, one cascade with depths)
LIVE_BYTES_PER_CELL = 60


@dataclass
class LiveInputs:
    """What the table found out about the run whose layers it shows."""

    terrain: TerrainSettings
    scenario: ScenarioSettings
    source: str = ""  # which output the settings were read from ("" = defaults)


def settings_from_records(records):
    """``LiveInputs`` from the ``(source, algorithm, parameters-json)`` records of the analysis
    layers in a project: the terrain of the first ``smartplan:depressions`` /
    ``smartplan:rainscenario`` record, the runoff rule of the first ``smartplan:rainscenario``
    record; defaults where none exists."""
    terrain = scenario = None
    src = ""
    for source, algorithm, text in records:
        params = recorded_parameters(text)
        if params is None:
            continue
        if terrain is None and algorithm in ("smartplan:depressions", "smartplan:rainscenario"):
            terrain, src = TerrainSettings.from_parameters(params), source
        if scenario is None and algorithm == "smartplan:rainscenario":
            scenario = ScenarioSettings.from_parameters(params)
    return LiveInputs(terrain or TerrainSettings(), scenario or ScenarioSettings(), src)


def live_model(dem_path, footprints, inputs, rain_mm):
    """``(LiveModel, building_ids, grid)`` of the DEM at ``dem_path`` with ``footprints``
    (``analysis.terrain.Footprint`` in the DEM's CRS) under ``inputs`` (``LiveInputs``)."""
    prepared = prepare_terrain(dem_path, footprints, inputs.terrain, LIVE_BYTES_PER_CELL)
    ids = prepared.building_ids
    if ids is None:
        ids = np.zeros(prepared.z.shape, np.int32)
    t = prepared.terrain_model()
    st = sink_table(t, ids)
    model = M.LiveModel(
        t, st, rain_mm, psi=inputs.scenario.runoff, building_ids=ids, sewer_mm=inputs.scenario.sewer_mm
    )
    return model, ids, prepared.grid
