"""Depression (Senken) analysis on one raster in memory: the use case of ``smartplan:depressions``.

``analyse`` fills and routes the prepared terrain (``analysis.terrain``), builds the sink table
(``core.sinks``), applies the sink filters and orders the kept sinks; the ``*_records``
functions give the output features as ``(wkb, attributes)`` in the order of the output schemas
below, which the Processing wrapper writes, the city-scale path (``analysis.tiled``) writes with
the same names, and the planning table recognises its layers by (``SINK_KEYS``)."""

from dataclasses import dataclass

import numpy as np

from ..core.nesting import nested_ids, nested_sinks, written
from ..core.sinks import (
    buildings_touching,
    depth_class,
    downstream_among,
    filter_mask,
    public_ids,
    sink_table,
)
from ..io.raster import point_wkb, polygonize

# the output schemas (the batch interface: do not rename or reorder)
SINK_FIELDS = (
    ("sink_id", int),
    ("area_m2", float),
    ("volume_m3", float),
    ("max_depth_m", float),
    ("mean_depth_m", float),
    ("bottom_elev", float),
    ("spill_elev", float),
    ("catchment_m2", float),
    ("fill_rain_mm", float),
    ("downstream_id", int),
    ("parent_id", int),
    ("level", int),
    ("depth_class", int),
    ("buildings_affected", int),
)
POUR_FIELDS = (("sink_id", int), ("spill_elev", float), ("downstream_id", int))
CATCHMENT_FIELDS = (("sink_id", int), ("catchment_m2", float))

# the fields by which a layer is recognised as a SINKS layer (planning table)
SINK_KEYS = frozenset({"sink_id", "volume_m3", "fill_rain_mm"})


@dataclass
class DepressionResult:
    terrain: object  # core.sinks.Terrain (filled, depth, labels …)
    table: object  # core.sinks.SinkTable of all sinks
    keep: np.ndarray  # bool per sink (0-based): passes the filters
    kept: np.ndarray  # 0-based indices of the kept sinks, largest volume first
    new_id: np.ndarray  # public id per label (index = label; ranks by volume among all sinks)
    downstream: np.ndarray  # the first kept sink below each sink (label, 0 = leaves the map)
    filters: dict
    building_ids: np.ndarray = None

    @property
    def total_volume_m3(self):
        return float(self.table.volume_m3[self.kept].sum())


def analyse(prepared, filters, progress=None, check=None):
    """Fill, route and tabulate the sinks of ``prepared`` (``analysis.terrain.PreparedTerrain``)
    with the sink ``filters`` (``min_depth``, ``min_area``, ``min_volume``, ``min_catchment``).
    ``progress(p)`` gets 0..100 of the fill and routing."""
    terrain = prepared.terrain_model(progress=progress, check=check)
    if check:
        check()
    table = sink_table(terrain, prepared.building_ids)
    terrain.rcv = terrain.code = None  # routing is not needed any more: free ~5 bytes/cell
    keep = filter_mask(table, **filters)
    kept = np.flatnonzero(keep)
    # sink ids are ranks by volume among all sinks (the same ids as smartplan:rainscenario)
    kept = kept[np.argsort(-table.volume_m3[kept], kind="stable")]
    return DepressionResult(
        terrain=terrain,
        table=table,
        keep=keep,
        kept=kept,
        new_id=public_ids(table),
        downstream=downstream_among(table, keep),
        filters=dict(filters),
        building_ids=prepared.building_ids,
    )


def _id_or_none(new_id, label):
    return int(new_id[label]) if label > 0 else None


def sink_records(res, grid):
    """``(wkb, attributes)`` of the kept sinks (level 1), in ``SINK_FIELDS`` order."""
    t = res.table
    polys = polygonize(t.labels, grid, ids=res.kept + 1)
    dcls = depth_class(t.max_depth_m)
    for s in res.kept:
        fill = float(t.fill_rain_mm[s]) if np.isfinite(t.fill_rain_mm[s]) else None
        yield (
            polys[int(s + 1)],
            [
                int(res.new_id[s + 1]),
                float(t.area_m2[s]),
                float(t.volume_m3[s]),
                float(t.max_depth_m[s]),
                float(t.mean_depth_m[s]),
                float(t.bottom_elev[s]),
                float(t.spill_elev[s]),
                float(t.catchment_m2[s]),
                fill,
                _id_or_none(res.new_id, int(res.downstream[s])),
                None,
                1,
                int(dcls[s]),
                int(t.buildings_affected[s]),
            ],
        )


def nested_records(res, grid, max_level):
    """``(wkb, attributes)`` of the nested sinks inside the kept sinks down to ``max_level`` that
    pass the depth/area/volume filters. Their ids follow the ids of all outer sinks, by volume
    (``core.nesting.nested_ids``);
    catchment, fill rain and downstream are properties of the outermost sink only (NULL)."""
    t, f = res.table, res.filters
    if max_level <= 1 or not res.kept.size:
        return
    ns = nested_sinks(t, res.terrain)
    ok = written(ns, f, res.keep, max_level)
    if not ok.any():
        return
    nid = nested_ids(ns.volume_m3, ok, t.n + 1)
    dcls = depth_class(ns.max_depth_m)
    bids = res.building_ids
    for lv, lab in ns.labels_by_level(int(ns.level[ok].max()), t.labels.shape, keep=ok):
        at = ok & (ns.level == lv)
        polys = polygonize(lab, grid)
        baff = buildings_touching(lab, bids, ns.n) if bids is not None else np.zeros(ns.n, dtype=np.int64)
        for i in np.flatnonzero(at):
            wkb = polys.get(int(i + 1))
            if wkb is None:
                continue
            p = int(ns.parent[i])
            parent = int(nid[p]) if p >= 0 else int(res.new_id[ns.sink[i] + 1])
            yield (
                wkb,
                [
                    int(nid[i]),
                    float(ns.area_m2[i]),
                    float(ns.volume_m3[i]),
                    float(ns.max_depth_m[i]),
                    float(ns.mean_depth_m[i]),
                    float(ns.bottom_elev[i]),
                    float(ns.spill_elev[i]),
                    None,
                    None,
                    None,
                    parent,
                    int(ns.level[i]),
                    int(dcls[i]),
                    int(baff[i]),
                ],
            )


def pour_records(res, grid):
    """``(wkb, attributes)`` of the kept sinks' pour points, in ``POUR_FIELDS`` order."""
    t = res.table
    if not res.kept.size:
        return
    xs, ys = grid.cell_center(t.pour_index[res.kept])
    for k, s in enumerate(res.kept):
        yield (
            point_wkb(float(xs[k]), float(ys[k])),
            [
                int(res.new_id[s + 1]),
                float(t.spill_elev[s]),
                _id_or_none(res.new_id, int(res.downstream[s])),
            ],
        )


def catchment_records(res, grid):
    """``(wkb, attributes)`` of the kept sinks' local catchments, in ``CATCHMENT_FIELDS`` order."""
    t = res.table
    polys = polygonize(t.catchment, grid, ids=res.kept + 1)
    for s in res.kept:
        yield polys[int(s + 1)], [int(res.new_id[s + 1]), float(t.catchment_m2[s])]
