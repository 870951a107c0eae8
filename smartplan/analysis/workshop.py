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


# ------------------------------------------------------------------ the workshop without widgets
# the planning goals a workshop starts with, and the step of the table's − / + buttons
DEFAULT_GOALS = (("store_m3", 500.0), ("affected_reduction", 3.0), ("green_m2", 1000.0))
GOAL_STEPS = {"store_m3": 100.0, "affected_reduction": 1.0, "green_m2": 100.0}
# the storage depths and runoff coefficients offered as big buttons when a polygon is closed
RETENTION_DEPTHS = (0.3, 0.5, 1.0, 2.0)
UNSEALING_PSI = ((0.1, "green"), (0.3, "grass pavers"), (0.5, "open joints"))
# the figures shown per variant (panel, comparison, workshop PDF), in this order
FIGURE_KEYS = (
    "kept_by_measures_m3",
    "stored_m3",
    "left_map_m3",
    "affected_buildings",
    "green_area_m2",
    "green_retention_m3_a",
)
# figures shown with their difference to the situation without measures
BASELINE_KEYS = ("stored_m3", "left_map_m3", "affected_buildings")


class Workshop:
    """Variants of measures, goals and figures of one workshop on a ``LiveModel``: what the
    planning table shows, without a widget (the table is a view of it; tests drive it alone).

    ``variants``: {name: [{"measure": Measure, "wkb": polygon in the DEM's CRS}]}."""

    def __init__(self):
        self.variants = {"A": [], "B": []}
        self.current = "A"
        self.goals = list(DEFAULT_GOALS)
        self.figures = {}
        self.baseline = None
        self.live = None
        self.building_ids = None
        self.grid = None
        self.building_info = []  # (wkb, fid, {"usable", "retention"}) per building number − 1
        self.loaded = None  # measures read from a workshop file, rebuilt once the model exists

    # -------------------------------------------------------------- model
    def attach(self, live, building_ids, grid, building_info=()):
        """Use a live model (``live_model``); measures loaded before are rebuilt on its grid."""
        self.live, self.building_ids, self.grid = live, building_ids, grid
        self.building_info = list(building_info)
        self.baseline = live.baseline
        if self.loaded:
            self.restore(self.loaded)
        self.loaded = None

    def set_rain(self, mm):
        """Another scenario: the baseline is recomputed (the variants' figures follow)."""
        self.live.rain_mm = float(mm)
        self.baseline = self.live.run([])[0]
        self.live.baseline = self.baseline
        return self.baseline

    def measures(self, variant=None):
        return [e["measure"] for e in self.variants.get(variant or self.current, [])]

    def run(self, variant=None, with_depth=False):
        """``(figures, scenario result)`` of a variant (default: the current one)."""
        fig, res = self.live.run(self.measures(variant), with_depth=with_depth)
        self.figures[variant or self.current] = fig
        return fig, res

    def variant_figures(self, name):
        return self.live.run(self.measures(name))[0] if self.live is not None else None

    # -------------------------------------------------------------- measures and variants
    def add(self, measure, wkb):
        self.variants[self.current].append({"measure": measure, "wkb": bytes(wkb)})
        return measure

    def undo(self):
        """Remove the last measure of the current variant (False when there is none)."""
        if not self.variants[self.current]:
            return False
        self.variants[self.current].pop()
        return True

    def area_measure(self, kind, cells, area_m2, depth_m=0.0, psi=None, wkb=b""):
        """A retention area (storage depth) or unsealing (new runoff coefficient ψ) on flat cells."""
        m = M.Measure(
            kind,
            cells,
            area_m2=area_m2,
            depth_m=float(depth_m or 0.0),
            psi=None if psi is None else float(psi),
        )
        return self.add(m, wkb)

    def building_at(self, x, y):
        """Building number (1-based) at a point in the DEM's CRS, 0 when none."""
        cell = self.grid.cell_of(x, y) if self.grid is not None else None
        if cell is None or self.building_ids is None:
            return 0
        return int(self.building_ids[cell])

    def toggle_green_roof(self, building):
        """A green roof on building ``building`` in the current variant, or off again when it
        has one. Returns ``(measure, wkb)`` of the new roof, or None when one was removed."""
        existing = [
            e
            for e in self.variants[self.current]
            if e["measure"].kind == "green_roof" and e["measure"].building == building
        ]
        if existing:
            self.variants[self.current].remove(existing[0])
            return None
        wkb, _fid, extra = self.building_info[building - 1]
        m = M.green_roof_measure(
            self.building_ids.ravel(),
            building,
            extra.get("usable") or None,
            extra.get("retention") or None,
            self.live.cell_area,
        )
        self.add(m, wkb)
        return m, wkb

    def new_variant(self, name=None):
        name = name or chr(ord("A") + len(self.variants))
        self.variants.setdefault(name, [])
        self.current = name
        return name

    def adjust_goal(self, i, direction):
        kind, target = self.goals[i]
        self.goals[i] = (kind, max(0.0, target + direction * GOAL_STEPS.get(kind, 1.0)))
        return self.goals[i]

    def goal_progress(self, goal, figures=None):
        """``(0..1, achieved)`` of a goal for the current variant's (or the given) figures."""
        fig = figures if figures is not None else self.figures.get(self.current)
        if fig is None or self.baseline is None:
            return None
        return M.goal_progress(goal, self.baseline, fig)

    def compare(self, names=None):
        """``[(key, {variant: value})]`` of the figures and the measure count of the variants."""
        names = list(names or self.variants)
        figs = {n: self.variant_figures(n) for n in names}
        return [(k, {n: figs[n][k] for n in names}) for k in (*FIGURE_KEYS, "measures")]

    # -------------------------------------------------------------- save / load
    def records(self):
        """The variants as plain records (``io.table_store.save_workshop``)."""
        return {
            name: [
                {
                    "kind": e["measure"].kind,
                    "depth_m": e["measure"].depth_m,
                    "psi": e["measure"].psi,
                    "building": e["measure"].building,
                    "area_m2": e["measure"].area_m2,
                    "extra": e["measure"].extra,
                    "wkb": e["wkb"],
                }
                for e in entries
            ]
            for name, entries in self.variants.items()
        }

    def save(self, path):
        from ..io import table_store

        if path is None or self.grid is None:
            return None
        figures = {k: v for k, v in self.figures.items() if k in self.variants}
        return table_store.save_workshop(path, self.grid.wkt, self.records(), self.goals, figures)

    def load(self, path):
        """Read a workshop file: goals now, measures once a model is attached."""
        from ..io import table_store

        variants, goals, _ = table_store.load_workshop(path)
        if goals:
            self.goals = goals
        self.variants = {k: [] for k in variants} or {"A": [], "B": []}
        self.current = next(iter(self.variants))
        self.loaded = variants
        if self.live is not None:
            self.restore(variants)
            self.loaded = None
        return variants

    def restore(self, loaded):
        """Rebuild loaded measures on the model's grid (cells from the stored polygons)."""
        from ..io.raster import rasterize

        for name, ms in loaded.items():
            self.variants[name] = []
            for d in ms:
                if d["kind"] == "green_roof" and d.get("building"):
                    m = M.green_roof_measure(
                        self.building_ids.ravel(),
                        int(d["building"]),
                        d.get("area_m2"),
                        (d.get("extra") or {}).get("retention_m3_a"),
                        self.live.cell_area,
                    )
                else:
                    cells = np.flatnonzero(rasterize(self.grid, [d["wkb"]]).ravel() > 0)
                    m = M.Measure(
                        d["kind"],
                        cells,
                        area_m2=d.get("area_m2") or cells.size * self.live.cell_area,
                        depth_m=d.get("depth_m") or 0.0,
                        psi=d.get("psi"),
                    )
                self.variants[name].append({"measure": m, "wkb": d["wkb"]})
