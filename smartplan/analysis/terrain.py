"""Terrain preparation: the conditioned DEM every raster analysis starts from.

One rule, used by ``smartplan:depressions``, ``smartplan:rainscenario``, ``smartplan:flowpaths``
and the planning table's live figures:

* the DEM is read with its validity mask (CRS, rotation, NoData-only and memory are checked by
  ``io.raster.read_dem``);
* building footprints are burned in (``io.raster.rasterize``: a cell belongs to a building when
  its centre lies inside) and raised as obstacles — by the building's own height from
  ``height_field`` when it holds a number, else by ``building_raise_m``;
* enclosed NoData holes drain or are walls (``nodata_drains``), as ``core.fill.classify_nodata``.

The settings travel with the outputs: the algorithms record their parameters in every output
(``smartplan_parameters``), and :meth:`TerrainSettings.from_recorded` reads them back, so the
planning table rebuilds exactly the terrain of the run whose layers it shows.
"""

import json
import math
from dataclasses import dataclass, field

import numpy as np

from ..core import defaults
from ..io.raster import rasterize, read_dem

# Processing parameter names of the terrain settings (the batch interface; do not rename)
PARAM_DEM = "DEM"
PARAM_BUILDINGS = "BUILDINGS"
PARAM_RAISE = "BUILDING_RAISE"
PARAM_HEIGHT_FIELD = "BUILDING_HEIGHT_FIELD"
PARAM_NODATA_DRAINS = "NODATA_DRAINS"


def _as_bool(value, default):
    if isinstance(value, bool):
        return value
    if value is None:
        return default
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "ja", "wahr"):
        return True
    if text in ("0", "false", "no", "nein", "falsch"):
        return False
    return default


def building_height(value):
    """A building's own raise [m] from an attribute value, or None when it holds no usable number
    (NULL, empty, text, NaN, negative): then the general raise applies. (Also the reader of any
    other non-negative number from a parameter record.)"""
    if value is None or isinstance(value, bool):
        return None
    try:
        h = float(value)
    except (TypeError, ValueError):
        return None  # also QGIS' NULL (a QVariant) and text such as "ca. 8"
    if not math.isfinite(h) or h < 0:
        return None
    return h


@dataclass(frozen=True)
class TerrainSettings:
    """How a DEM is conditioned. Defaults: ``core.defaults`` (buildings +10 m, a convention)."""

    building_raise_m: float = defaults.BUILDING_RAISE_M
    height_field: str = ""
    nodata_drains: bool = True

    @classmethod
    def from_parameters(cls, params):
        """From Processing parameter values (``BUILDING_RAISE``, ``BUILDING_HEIGHT_FIELD``,
        ``NODATA_DRAINS``); missing or unreadable values take the defaults."""
        params = params or {}
        raise_m = building_height(params.get(PARAM_RAISE))
        hfield = params.get(PARAM_HEIGHT_FIELD)
        hfield = "" if hfield in (None, "None", "NULL") else str(hfield)
        return cls(
            building_raise_m=defaults.BUILDING_RAISE_M if raise_m is None else raise_m,
            height_field=hfield,
            nodata_drains=_as_bool(params.get(PARAM_NODATA_DRAINS), True),
        )

    @classmethod
    def from_recorded(cls, text):
        """From the ``smartplan_parameters`` JSON an algorithm recorded in its outputs; None when
        ``text`` is empty or not such a record."""
        params = recorded_parameters(text)
        return None if params is None else cls.from_parameters(params)


def recorded_parameters(text):
    """The parameter dict of a ``smartplan_parameters`` record, or None."""
    if not text:
        return None
    try:
        params = json.loads(text)
    except (TypeError, ValueError):
        return None
    return params if isinstance(params, dict) else None


@dataclass
class Footprint:
    """A building in the DEM's CRS: WKB polygon, its own height (or None), its feature id and
    any other attributes the reader was asked for."""

    wkb: bytes
    height: float = None
    fid: int = -1
    attrs: dict = None  # other attribute values a caller asked the reader for


@dataclass
class PreparedTerrain:
    z: np.ndarray  # float32, buildings raised, NaN where not valid
    valid: np.ndarray
    grid: object  # io.raster.Grid
    settings: TerrainSettings
    building_ids: np.ndarray = None  # int32, i+1 for footprint i, 0 = no building; None without
    building_fids: list = field(default_factory=list)
    raised_cells: int = 0
    notes: list = field(default_factory=list)  # what the user must be told: ('undeclared_nodata', {...})

    @property
    def n_buildings(self):
        return len(self.building_fids)

    def terrain_model(self, progress=None, check=None):
        """Fill and route (``core.sinks.build_terrain``) with these settings."""
        from ..core.sinks import build_terrain

        g = self.grid
        return build_terrain(
            self.z, self.valid, self.settings.nodata_drains, g.dx, g.dy, progress=progress, check=check
        )


def raise_buildings(z, valid, building_ids, raise_per_building):
    """Raise ``z`` in place on valid building cells: ``raise_per_building[k]`` for building k
    (1-based; index 0 is 'no building' and must be 0). Returns the number of raised cells."""
    raises = np.asarray(raise_per_building, dtype=np.float64)
    m = (building_ids > 0) & valid
    z[m] = (z[m] + raises[building_ids[m]]).astype(z.dtype)
    return int(m.sum())


def prepare_terrain(dem_path, footprints=(), settings=None, bytes_per_cell=None):
    """Read the DEM at ``dem_path`` and raise the ``footprints`` (``Footprint``s in the DEM's CRS).

    ``bytes_per_cell``: peak memory per cell of the analysis that follows, checked before reading
    (``io.raster.InputError('too_big')`` when it does not fit)."""
    settings = settings or TerrainSettings()
    notes = []
    z, valid, grid = read_dem(dem_path, bytes_per_cell, notes=notes)
    footprints = list(footprints)
    out = PreparedTerrain(z=z, valid=valid, grid=grid, settings=settings, notes=notes)
    if not footprints:
        return out
    ids = rasterize(grid, [f.wkb for f in footprints])
    raises = [0.0] + [settings.building_raise_m if f.height is None else f.height for f in footprints]
    out.raised_cells = raise_buildings(z, valid, ids, raises)
    out.building_ids = ids
    out.building_fids = [f.fid for f in footprints]
    return out
