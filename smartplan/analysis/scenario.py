"""Rain scenario settings: how much of the rain becomes runoff.

The rule is ``core.sinks.effective_rain_mm``: h_eff = max(0, ψ·h_N − h_sewer), used by
``smartplan:rainscenario`` and by the planning table's live figures (``core.measures.LiveModel``).
Defaults (ψ = 1, h_sewer = 0) and their sources: ``core.defaults``.

``run`` is the use case of ``smartplan:rainscenario`` on one raster in memory; its records are
the outputs' features in the order of the output schemas below."""

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from ..core import defaults
from ..core.sinks import (
    buildings_touching,
    effective_rain_mm,
    public_ids,
    rain_cascade,
    sink_table,
    spill_path,
)
from ..io.raster import InputError, line_wkb, polygonize
from .terrain import building_height

PARAM_RUNOFF = "RUNOFF_COEFF"
PARAM_SEWER = "SEWER_MM"


@dataclass(frozen=True)
class ScenarioSettings:
    runoff: float = defaults.RUNOFF_COEFF
    sewer_mm: float = defaults.SEWER_MM

    @classmethod
    def from_parameters(cls, params):
        params = params or {}
        psi = building_height(params.get(PARAM_RUNOFF))  # a non-negative finite number or None
        sewer = building_height(params.get(PARAM_SEWER))
        return cls(
            runoff=defaults.RUNOFF_COEFF if psi is None or psi > 1 else psi,
            sewer_mm=defaults.SEWER_MM if sewer is None else sewer,
        )


def runoff_coefficients(raster_values, constant):
    """ψ per cell from a ψ raster on the DEM's grid (NaN: no value there, the constant ``constant``
    applies). Raises ``InputError('runoff_range')`` when the raster holds values outside 0..1 —
    the rule of both paths (whole raster, and tile by tile in ``analysis.tiled_rain``)."""
    with np.errstate(invalid="ignore"):
        if np.nanmax(raster_values, initial=0.0) > 1.0 or np.nanmin(raster_values, initial=0.0) < 0.0:
            raise InputError("runoff_range")
    return np.where(np.isnan(raster_values), constant, raster_values)


# the output schemas of smartplan:rainscenario (the batch interface: do not rename or reorder)
FLOODED_FIELDS = (
    ("sink_id", int),
    ("inflow_m3", float),
    ("stored_m3", float),
    ("volume_m3", float),
    ("fill_pct", float),
    ("spill_m3", float),
    ("water_level", float),
    ("max_water_depth_m", float),
    ("buildings_affected", int),
    ("downstream_id", int),
)
SPILL_FIELDS = (("from_sink", int), ("to_sink", int), ("spill_m3", float))

# the fields by which a layer is recognised as a FLOODED layer (planning table)
FLOODED_KEYS = frozenset({"fill_pct", "stored_m3"})


@dataclass
class ScenarioResult:
    terrain: object  # core.sinks.Terrain
    table: object  # core.sinks.SinkTable
    cascade: object  # core.sinks.rain_cascade result (stored, spill, water depth, balance)
    public_id: np.ndarray  # public sink id per label (the ids of smartplan:depressions)
    buildings_affected: np.ndarray  # per sink: buildings touching its flooded part
    max_water_depth_m: np.ndarray  # per sink
    flooded_labels: np.ndarray  # sink label where the water depth is > 0, else 0
    rain_mm: float
    effective_mm: object  # float or array (runoff raster)


def run(
    prepared, rain_mm, runoff=defaults.RUNOFF_COEFF, sewer_mm=defaults.SEWER_MM, progress=None, check=None
):
    """Fill-and-spill cascade of ``rain_mm`` on ``prepared`` (``analysis.terrain.PreparedTerrain``):
    effective rain by ``core.sinks.effective_rain_mm`` (``runoff`` a number or an array on the
    grid), then ``core.sinks.rain_cascade``."""
    h_eff = effective_rain_mm(rain_mm, runoff, sewer_mm)
    terrain = prepared.terrain_model(progress=progress, check=check)
    if check:
        check()
    table = sink_table(terrain, prepared.building_ids)
    res = rain_cascade(table, terrain, h_eff)
    flooded = np.where(np.nan_to_num(res.water_depth) > 0, table.labels, 0)
    ids = prepared.building_ids
    b_aff = (
        buildings_touching(flooded, ids, table.n) if ids is not None else np.zeros(table.n, dtype=np.int64)
    )
    max_wd = np.zeros(table.n)
    if table.n:
        max_wd = np.asarray(
            ndimage.maximum(np.nan_to_num(res.water_depth), table.labels, np.arange(1, table.n + 1)),
            dtype=np.float64,
        )
    return ScenarioResult(
        terrain=terrain,
        table=table,
        cascade=res,
        public_id=public_ids(table),
        buildings_affected=b_aff,
        max_water_depth_m=max_wd,
        flooded_labels=flooded,
        rain_mm=float(rain_mm),
        effective_mm=h_eff,
    )


def flooded_records(sr, grid):
    """``(wkb, attributes)`` of the sinks that hold water, by public id, in ``FLOODED_FIELDS``
    order."""
    t, res, pid = sr.table, sr.cascade, sr.public_id
    wet = np.flatnonzero(res.stored > 0)
    wet = wet[np.argsort(pid[wet + 1], kind="stable")]
    polys = polygonize(sr.flooded_labels, grid, ids=wet + 1)
    for s in wet:
        wkb = polys.get(int(s + 1))
        if wkb is None:
            continue
        d = int(t.downstream[s])
        yield (
            wkb,
            [
                int(pid[s + 1]),
                float(res.inflow_m3[s]),
                float(res.stored[s]),
                float(t.volume_m3[s]),
                float(res.fill_pct[s]),
                float(res.spill_m3[s]),
                float(res.water_level[s]),
                float(sr.max_water_depth_m[s]),
                int(sr.buildings_affected[s]),
                int(pid[d]) if d > 0 else None,
            ],
        )


def spill_records(sr, grid):
    """``(wkb, attributes)`` of the overflow paths of the spilling sinks (line through the cells
    of each sink's spill path), in ``SPILL_FIELDS`` order."""
    t, res, pid = sr.table, sr.cascade, sr.public_id
    for s in np.flatnonzero(res.spill_m3 > 0):
        xs, ys = grid.line_through_cells(spill_path(t, sr.terrain, s))
        d = int(t.downstream[s])
        yield line_wkb(xs, ys), [int(pid[s + 1]), int(pid[d]) if d > 0 else None, float(res.spill_m3[s])]
