"""Live figures of rainwater measures for the planning table (no QGIS): the same fill-and-spill
cascade as smartplan:rainscenario and the same green-roof coefficients as smartplan:greenroofs.

Measures of a variant:
- ``green_roof`` on buildings: the roof holds up to ``GREEN_ROOF_EVENT_MM`` of the event (extensive
  10 cm: 100 mm substrate × 0.2 available water capacity ≈ 20 l/m², methods A7.5 [rough]); per year
  it retains A·P·ret (FLL) with A = usable area (ROOFS of smartplan:greenroofs, else footprint × 0.85).
- ``retention`` (retention area, swale): a polygon with a storage depth; its volume A·d holds the
  runoff of its own upstream area — the cells whose water runs through it (``core.retention``)
  — before that runoff reaches the sink, at most A·d (upstream spill passes by).
- ``unsealing``: a polygon with a new runoff coefficient ψ (e.g. 0.3 for pervious paving, 0.1
  for green space): the effective rain on its cells becomes ψ·h_N.
"""

from dataclasses import dataclass, field

import numpy as np

from . import retention as R
from .affected import WALL_DEPTH_M, at_least
from .greenroof_defaults import BUILDUPS, NET_FACTOR, PRECIPITATION_MM
from .sinks import D8, effective_rain_mm, rain_cascade

GREEN_ROOF_EVENT_MM = 20.0  # event storage of an extensive 10 cm green roof (methods A7.5, rough)
KINDS = ("green_roof", "retention", "unsealing")


@dataclass
class Measure:
    kind: str
    cells: np.ndarray  # flat indices of the covered cells (green roof: the building's cells)
    area_m2: float = 0.0  # plan area (green roof: usable area)
    depth_m: float = 0.0  # retention: storage depth
    psi: float = None  # unsealing: new runoff coefficient
    building: int = 0  # green roof: building number (1-based index in the building raster)
    name: str = ""
    extra: dict = field(default_factory=dict)


class LiveModel:
    """Precomputes what does not change (terrain, sinks, catchments, building adjacency) so that a
    variant's figures take one bincount and one cascade."""

    def __init__(
        self,
        terrain,
        table,
        rain_mm,
        psi=1.0,
        building_ids=None,
        sewer_mm=0.0,
        precipitation_mm=PRECIPITATION_MM,
        wall_depth_m=WALL_DEPTH_M,
    ):
        self.t = terrain
        self.table = table
        self.rain_mm = float(rain_mm)
        self.psi = float(psi)
        self.sewer_mm = float(sewer_mm)
        self.precip = float(precipitation_mm)
        self.wall = float(wall_depth_m)
        self.cell_area = terrain.cell_area
        self.valid = terrain.valid.ravel()
        self.catch = table.catchment.ravel()
        self.building_ids = building_ids
        self.pairs = self._building_pairs(building_ids) if building_ids is not None else None
        self.ret_share = {b[0]: b[3] for b in BUILDUPS}["extensive_10"]
        self._donors = None
        self.baseline = self.run([])[0]

    def _building_pairs(self, bids):
        """(sink, building, lowest sink-cell elevation next to the building) for every sink cell in
        or 8-adjacent to a building cell."""
        lab = self.table.labels
        z = self.t.z
        nr, nc = lab.shape
        rows = []
        for dr, dc, _ in ((0, 0, 0),) + D8:
            rs = slice(max(0, -dr), nr - max(0, dr))
            cs = slice(max(0, -dc), nc - max(0, dc))
            rs2 = slice(max(0, dr), nr - max(0, -dr))
            cs2 = slice(max(0, dc), nc - max(0, -dc))
            b, s, zz = bids[rs, cs], lab[rs2, cs2], z[rs2, cs2]
            m = (b > 0) & (s > 0)
            if m.any():
                rows.append(
                    np.stack([s[m].astype(np.float64), b[m].astype(np.float64), zz[m].astype(np.float64)], 1)
                )
        if not rows:
            return np.zeros((0, 3))
        a = np.concatenate(rows)
        order = np.lexsort((a[:, 2], a[:, 1], a[:, 0]))
        a = a[order]
        first = np.ones(len(a), dtype=bool)
        first[1:] = (a[1:, 0] != a[:-1, 0]) | (a[1:, 1] != a[:-1, 1])
        return a[first]

    def effective_rain(self, measures):
        """Per-cell effective rain [mm] and the volumes the measures keep out of the cascade."""
        # the rule of smartplan:rainscenario: h_eff = max(0, ψ·h_N − h_sewer)
        h = np.full(self.valid.size, float(effective_rain_mm(self.rain_mm, self.psi, self.sewer_mm)))
        green_kept = infiltrated = 0.0
        for m in measures:
            cells = np.asarray(m.cells, dtype=np.int64)
            if m.kind == "unsealing" and m.psi is not None:
                new = np.minimum(h[cells], float(effective_rain_mm(self.rain_mm, m.psi, self.sewer_mm)))
                infiltrated += float(((h[cells] - new)[self.valid[cells]]).sum()) / 1000.0 * self.cell_area
                h[cells] = new
        for m in measures:
            if m.kind == "green_roof":
                cells = np.asarray(m.cells, dtype=np.int64)
                kept = np.minimum(h[cells], GREEN_ROOF_EVENT_MM)
                green_kept += float(kept[self.valid[cells]].sum()) / 1000.0 * self.cell_area
                h[cells] -= kept
        return h.reshape(self.t.z.shape), green_kept, infiltrated

    def retention_by_upstream_area(self, measures, h_mm):
        """Runoff kept by the retention measures per catchment label (0 = off the map) and their
        total volume: each basin holds what runs through it from its own upstream area under the
        effective rain ``h_mm`` (per cell), at most its volume (``core.retention``)."""
        n = self.table.n
        basin_of, depths = None, [0.0]
        for m in measures:
            if m.kind == "retention" and m.depth_m > 0 and len(m.cells):
                cells = np.asarray(m.cells, dtype=np.int64)
                cells = cells[self.valid[cells]]
                if not cells.size:
                    continue
                if basin_of is None:
                    basin_of = np.zeros(self.valid.size, dtype=np.int32)
                basin_of[cells] = len(depths)  # a cell drawn twice belongs to the later basin
                depths.append(float(m.depth_m))
        if basin_of is None:
            return np.zeros(n + 1), 0.0
        capacity = np.bincount(basin_of, minlength=len(depths)) * self.cell_area * np.array(depths)
        capacity[0] = 0.0
        runoff = np.where(self.valid, np.nan_to_num(h_mm.ravel()) / 1000.0 * self.cell_area, 0.0)
        cells, kept = R.intercepted(self.donors(), runoff, basin_of, capacity)
        return np.bincount(self.catch[cells], weights=kept, minlength=n + 1), float(capacity.sum())

    def donors(self):
        """The way water runs to a basin (computed once, on the first retention measure)."""
        if self._donors is None:
            rcv = R.interception_receivers(self.t, self.table.catchment, self.table.labels)
            self._donors = R.Donors(rcv)
        return self._donors

    def run(self, measures, with_depth=False):
        """Figures of a variant (list of Measure) and the scenario result."""
        h, green_kept, infiltrated = self.effective_rain(measures)
        ret, capacity = self.retention_by_upstream_area(measures, h)
        res = rain_cascade(self.table, self.t, h, retention_m3=ret, with_depth=with_depth)
        affected = 0
        if self.pairs is not None and len(self.pairs):
            s = self.pairs[:, 0].astype(np.int64) - 1
            # the rule of smartplan:affected (core.affected): wall depth >= the threshold
            deep = at_least(res.water_level[s] - self.pairs[:, 2], self.wall)
            affected = int(np.unique(self.pairs[deep, 1]).size)
        roofs = [m for m in measures if m.kind == "green_roof"]
        green_area = float(sum(m.area_m2 for m in roofs))
        green_ret_a = float(
            sum(
                m.extra.get("retention_m3_a", m.area_m2 * self.precip / 1000.0 * self.ret_share)
                for m in roofs
            )
        )
        fig = {
            "rain_m3": res.rain_m3 + green_kept + infiltrated,  # rain reaching the ground before measures
            "stored_m3": res.stored_m3,
            "retained_m3": res.retained_m3,
            "green_roof_kept_m3": green_kept,
            "infiltrated_m3": infiltrated,
            "left_map_m3": res.left_map_m3,
            "kept_by_measures_m3": res.retained_m3 + green_kept + infiltrated,
            "retention_capacity_m3": capacity,
            "flooded_sinks": int((res.stored > 0).sum()),
            "full_sinks": int((res.stored >= self.table.volume_m3 - 1e-9).sum()) if self.table.n else 0,
            "affected_buildings": affected,
            "green_area_m2": green_area,
            "green_retention_m3_a": green_ret_a,
            "unsealed_m2": float(sum(m.area_m2 for m in measures if m.kind == "unsealing")),
            "measures": len(measures),
        }
        return fig, res

    def compare(self, a, b):
        """Differences b − a of two figure dicts (the A/B table)."""
        return {k: b[k] - a[k] for k in a if isinstance(a[k], (int, float)) and k in b}


def green_roof_measure(building_ids_flat, building, usable_m2=None, retention_m3_a=None, cell_area=1.0):
    """A green roof on building ``building`` (1-based); usable area from smartplan:greenroofs or the
    footprint × NET_FACTOR."""
    cells = np.flatnonzero(building_ids_flat == building)
    area = usable_m2 if usable_m2 is not None else cells.size * cell_area * NET_FACTOR
    extra = {} if retention_m3_a is None else {"retention_m3_a": float(retention_m3_a)}
    return Measure("green_roof", cells, area_m2=float(area), building=int(building), extra=extra)


def goal_progress(goal, baseline, figures):
    """Progress 0..1 (and the achieved value) of a planning goal:
    ('store_m3', X): water kept by measures ≥ X m³; ('affected_reduction', Y): Y fewer affected
    buildings than the baseline; ('green_m2', Z): Z m² of green roofs."""
    kind, target = goal
    if kind == "store_m3":
        achieved = figures["kept_by_measures_m3"]
    elif kind == "affected_reduction":
        achieved = baseline["affected_buildings"] - figures["affected_buildings"]
    elif kind == "green_m2":
        achieved = figures["green_area_m2"]
    else:
        raise ValueError(kind)
    return (1.0 if target <= 0 else max(0.0, min(1.0, achieved / target))), achieved
