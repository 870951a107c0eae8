"""Sinks (Senken): detection, attributes, filters and the rain fill-and-spill cascade.

Method (methods.md §3-4; Balstrøm & Crawford 2018, Arc-Malstrøm):

* depth = filled − DEM; sinks = 8-connected components of depth > 0;
* per sink: area, volume, max/mean depth, bottom and spill elevation, pour point (the saddle cell
  where water leaves at full capacity: the end of the flat run of spill-elevation cells along the
  flow path from the sink's bottom), local catchment (cells whose D8 path on the filled surface
  reaches this sink first, the sink itself included), downstream sink (the first sink on the flow
  path from the pour point; none when the water leaves the map), fill rain
  h_fill = 1000 · V / A_c [mm];
* cascade, upstream first: V_in = V_rain(local catchment) + Σ spill of upstream sinks,
  V_fill = min(V_in, V), spill = V_in − V_fill; water level from the hypsometric curve
  V(z) = Σ_{z_i < z} (z − z_i)·Δ² (level-pool assumption: the sink fills from its lowest cell).
"""

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from . import kernels
from .defaults import DEPTH_CLASS_BREAKS_M
from .fill import EIGHT, classify_nodata, fill_depressions
from .flow import D8, flow_directions, jump_to_terminal
from .parallel import parallel, row_bands


@dataclass
class TerrainModel:
    """Everything the sink, scenario and flow tools derive from one conditioned DEM."""

    z: np.ndarray  # conditioned DEM (buildings raised), NaN where not valid
    valid: np.ndarray
    filled: np.ndarray
    code: np.ndarray  # D8 codes (see flow.py)
    rcv: np.ndarray  # flat receivers, -1 off map, -2 none
    dx: float
    dy: float
    nodata_drains: bool = True

    @property
    def cell_area(self):
        return abs(self.dx * self.dy)

    @property
    def depth(self):
        """filled − DEM (a new array; NaN where not valid, as the inputs)."""
        return self.filled - self.z


def build_terrain(z, valid=None, nodata_drains=True, dx=1.0, dy=1.0, progress=None, check=None):
    """Fill and route a conditioned DEM. ``progress(pct)`` and ``check()`` (raises on cancel)."""
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float32)
    if valid is None:
        valid = np.isfinite(z)
    if not valid.all() and np.isfinite(z[~valid]).any():
        z = z.copy()
        z[~valid] = np.nan
    drains = classify_nodata(valid, nodata_drains)[0]  # once for the fill and the routing
    filled = fill_depressions(z, valid, nodata_drains, drains=drains)
    if progress:
        progress(40)
    if check:
        check()
    code, rcv = flow_directions(filled, valid, nodata_drains, dx=abs(dx), dy=abs(dy), drains=drains)
    if progress:
        progress(70)
    return TerrainModel(
        z=z,
        valid=valid,
        filled=filled,
        code=code,
        rcv=rcv.ravel(),
        dx=abs(dx),
        dy=abs(dy),
        nodata_drains=nodata_drains,
    )


@dataclass
class SinkTable:
    """Per-sink attributes; arrays indexed by sink id − 1 (ids are 1..n)."""

    labels: np.ndarray  # 2D int32 sink id per cell, 0 = no sink
    catchment: np.ndarray  # 2D int32: the sink a cell drains into first, 0 = leaves the map
    n: int
    area_m2: np.ndarray
    volume_m3: np.ndarray
    max_depth_m: np.ndarray
    mean_depth_m: np.ndarray
    bottom_elev: np.ndarray
    spill_elev: np.ndarray
    catchment_m2: np.ndarray
    fill_rain_mm: np.ndarray
    pour_index: np.ndarray  # flat cell index of the pour point
    bottom_index: np.ndarray
    downstream: np.ndarray  # sink id (1..n) the overflow reaches first, 0 = leaves the map
    buildings_affected: np.ndarray
    cells_sorted: np.ndarray = None  # flat indices of sink cells sorted by (sink id, elevation)
    starts: np.ndarray = None  # segment k of cells_sorted is sink k+1

    @property
    def ids(self):
        return np.arange(1, self.n + 1)


def stable_sort_by(keys, nkeys):
    """Stable sorting permutation of small non-negative integer keys (counting sort with numba,
    numpy's stable sort otherwise: the same permutation)."""
    kern = kernels.get("counting_sort")
    if kern is not None:
        return kern(keys, nkeys)
    return np.argsort(keys, kind="stable")


SORT_SHARE = 100_000  # sink cells per core at least, before the sorting is shared


def cells_by_sink_and_elevation(lab, z, n):
    """The cells with a sink label (1..n), sorted by (label, elevation, index), and the start of
    each label's segment (``starts[k]`` .. ``starts[k + 1]`` is sink k + 1). With numba and
    float32 elevations: all by elevation (a stable radix sort), then by label (counting sort);
    with numba and float64: by label, then each sink's segment by elevation (a stable merge
    sort), the sinks on all cores in near-equal shares of cells (one per core, each at least
    ``SORT_SHARE`` cells); without numba: one stable sort of all, then by label."""
    cells = np.flatnonzero(lab).astype(np.int32 if lab.size < 2**31 - 1 else np.int64)
    kern = kernels.get("sort_segments")
    radix = kernels.get("radix_order_f32") if z.dtype == np.float32 else None
    if kern is None:
        cells = cells[np.argsort(z[cells], kind="stable")]
    elif radix is not None:  # float32 (a DEM as read): one O(n) sort of all, no segment sorts
        cells = cells[radix(z[cells])]
        kern = None
    cells = cells[stable_sort_by(lab[cells], n + 1)]
    starts = np.searchsorted(lab[cells], np.arange(1, n + 2)).astype(np.int64)
    if kern is not None and n:
        nb = len(row_bands(cells.size, min_rows=SORT_SHARE))  # a share per core for large tables
        edges = np.searchsorted(starts, np.linspace(0, cells.size, nb + 1)[1:-1])
        ks = [0, *edges.tolist(), n]
        parallel(kern, [(cells, starts, z, a, b) for a, b in zip(ks[:-1], ks[1:]) if b > a])
    return cells, starts


def depth_class(max_depth):
    """1: < 0.1 m, 2: 0.1–0.3 m, 3: 0.3–0.5 m, 4: > 0.5 m by ``defaults.DEPTH_CLASS_BREAKS_M``
    (Ulm: from 0.1 m water enters buildings)."""
    return np.digitize(max_depth, DEPTH_CLASS_BREAKS_M) + 1


def sink_table(terrain, building_ids=None):
    """Detect sinks and compute their attributes (unfiltered).

    ``building_ids``: optional 2D int array (0 = no building) of rasterised footprints; a
    building counts for a sink when one of its cells is in or 8-adjacent to the sink.
    """
    t = terrain
    zf = t.z.ravel()
    ff = t.filled.ravel()
    sink_mask = t.valid & (t.filled > t.z)
    labels, n = ndimage.label(sink_mask, structure=EIGHT)
    labels = labels.astype(np.int32)
    del sink_mask
    lab = labels.ravel()
    area = t.cell_area
    # sink cells sorted by (sink, elevation): segment k holds sink k+1 from its lowest cell up
    cells, starts = cells_by_sink_and_elevation(lab, zf, n)
    cnt = np.diff(starts).astype(np.float64)
    dep = ff[cells].astype(np.float64) - zf[cells]
    vol = np.add.reduceat(dep, starts[:-1]) * area if n else np.zeros(0)
    del dep
    bottom_index = cells[starts[:-1]] if n else np.zeros(0, dtype=np.int64)
    bottom = zf[bottom_index].astype(np.float64)
    spill = ff[bottom_index].astype(np.float64)
    maxd = spill - bottom

    # local catchments: the first sink on each cell's flow path (pointer jumping)
    terminal = lab > 0
    term = jump_to_terminal(t.rcv, terminal)
    catch = lab[term]
    del term
    catch[~t.valid.ravel()] = 0
    catch = catch.reshape(t.z.shape).astype(np.int32)
    catch_m2 = np.bincount(catch.ravel(), minlength=n + 1)[1:] * area

    # pour points: end of the run of equal filled elevation along the path from the bottom cell
    rcv = t.rcv
    stop = np.ones(rcv.size, dtype=bool)
    block = 1 << 20  # in blocks: no full-size index temporaries
    for b0 in range(0, rcv.size, block):
        r = rcv[b0 : b0 + block]
        has = r >= 0
        stop[b0 : b0 + block][has] = ff[r[has]] != ff[b0 : b0 + block][has]
    run_end = jump_to_terminal(rcv, stop)
    del stop
    pour = run_end[bottom_index].astype(np.int64) if n else np.zeros(0, dtype=np.int64)
    downstream = np.zeros(n, dtype=np.int64)
    if n:
        nxt = rcv[pour]
        inside = nxt >= 0
        downstream[inside] = catch.ravel()[nxt[inside]]

    with np.errstate(divide="ignore", invalid="ignore"):
        fill_rain = np.where(catch_m2 > 0, 1000.0 * vol / catch_m2, np.inf)

    b_aff = np.zeros(n, dtype=np.int64)
    if building_ids is not None and n:
        b_aff = buildings_touching(labels, building_ids, n)

    return SinkTable(
        labels=labels,
        catchment=catch,
        n=n,
        area_m2=cnt * area,
        volume_m3=vol,
        max_depth_m=np.asarray(maxd, dtype=np.float64),
        mean_depth_m=np.where(cnt > 0, vol / np.maximum(cnt * area, 1e-300), 0.0),
        bottom_elev=np.asarray(bottom, dtype=np.float64),
        spill_elev=np.asarray(spill, dtype=np.float64),
        catchment_m2=catch_m2,
        fill_rain_mm=fill_rain,
        pour_index=pour,
        bottom_index=bottom_index,
        downstream=downstream,
        buildings_affected=b_aff,
        cells_sorted=cells,
        starts=starts,
    )


def buildings_touching(labels, building_ids, n):
    """Number of distinct buildings in or 8-adjacent to each label 1..n."""
    pairs = []
    for dr, dc, _ in ((0, 0, 0),) + D8:
        nr, nc = labels.shape
        rs = slice(max(0, -dr), nr - max(0, dr))
        cs = slice(max(0, -dc), nc - max(0, dc))
        rs2 = slice(max(0, dr), nr - max(0, -dr))
        cs2 = slice(max(0, dc), nc - max(0, -dc))
        b = building_ids[rs, cs]
        s = labels[rs2, cs2]
        m = (b > 0) & (s > 0)
        if m.any():
            pairs.append(np.stack([s[m].astype(np.int64), b[m].astype(np.int64)], axis=1))
    if not pairs:
        return np.zeros(n, dtype=np.int64)
    uniq = np.unique(np.concatenate(pairs), axis=0)
    return np.bincount(uniq[:, 0], minlength=n + 1)[1:]


def public_ids(table):
    """Public sink ids: 1 = the largest volume (stable, by volume then by internal label).
    Returns an array mapping internal label (0..n) to public id (0 stays 0)."""
    order = np.argsort(-table.volume_m3, kind="stable")
    out = np.zeros(table.n + 1, dtype=np.int64)
    out[order + 1] = np.arange(1, table.n + 1)
    return out


def filter_mask(table, min_depth=0.2, min_area=4.0, min_volume=2.0, min_catchment=200.0):
    """Sinks passing all filters (SENSARE Berlin defaults)."""
    return (
        (table.max_depth_m >= min_depth)
        & (table.area_m2 >= min_area)
        & (table.volume_m3 >= min_volume)
        & (table.catchment_m2 >= min_catchment)
    )


def downstream_among(table, keep):
    """First kept sink downstream of each sink (0 = the overflow leaves the map)."""
    n = table.n
    ds = table.downstream
    out = np.full(n, -1, dtype=np.int64)
    for s0 in range(n):
        path = []
        s = s0
        while out[s] < 0:
            path.append(s)
            d = ds[s]
            if d == 0:
                res = 0
                break
            if keep[d - 1]:
                res = d
                break
            s = d - 1
        else:
            res = out[s]
        out[path] = res
    return out


def upstream_order(downstream):
    """Sink indices (0-based) ordered so that every sink comes after all sinks spilling into it."""
    n = downstream.size
    indeg = np.zeros(n, dtype=np.int64)
    tgt = downstream[downstream > 0] - 1
    np.add.at(indeg, tgt, 1)
    order = []
    stack = list(np.flatnonzero(indeg == 0))
    while stack:
        s = stack.pop()
        order.append(s)
        d = downstream[s]
        if d > 0:
            indeg[d - 1] -= 1
            if indeg[d - 1] == 0:
                stack.append(d - 1)
    if len(order) != n:  # pragma: no cover - the flow graph has no cycles by construction
        raise RuntimeError("cycle in the sink network")
    return np.asarray(order, dtype=np.int64)


@dataclass
class ScenarioResult:
    rain_m3: float  # effective rain volume on the valid area
    stored_m3: float
    left_map_m3: float
    unrouted_m3: float  # rain on areas without any outlet (enclosed by walls)
    inflow_m3: np.ndarray
    local_rain_m3: np.ndarray
    stored: np.ndarray
    spill_m3: np.ndarray
    fill_pct: np.ndarray
    water_level: np.ndarray
    water_depth: np.ndarray  # 2D float32, NaN where not valid
    retained_m3: float = 0.0  # held by retention measures (swales, retention areas) before the sinks

    @property
    def balance_error_m3(self):
        return self.rain_m3 - self.stored_m3 - self.left_map_m3 - self.unrouted_m3 - self.retained_m3


def effective_rain_mm(rain_mm, runoff=1.0, sewer_mm=0.0):
    """h_eff = max(0, ψ·h_N − h_sewer) (scalar or per-cell array)."""
    return np.maximum(0.0, np.asarray(runoff, dtype=np.float64) * rain_mm - sewer_mm)


def rain_cascade(table, terrain, h_eff_mm, retention_m3=None, with_depth=True):
    """Fill-and-spill of every sink for an effective rain depth (scalar or 2D array, mm).

    ``retention_m3``: storage of retention measures per catchment label (0 = the area draining off
    the map, k = sink k), filled by the local runoff of that catchment before it reaches the sink
    (upstream spill passes by). ``with_depth``: also compute the water-depth raster."""
    t = terrain
    n = table.n
    area = t.cell_area
    valid = t.valid.ravel()
    h = np.broadcast_to(np.asarray(h_eff_mm, dtype=np.float64), t.z.shape).ravel()
    cell_v = np.where(valid, np.nan_to_num(h) / 1000.0 * area, 0.0)
    rain_total = float(cell_v.sum())
    catch = table.catchment.ravel()
    local = np.bincount(catch, weights=cell_v, minlength=n + 1)
    # rain on cells that drain off the map directly vs. cells with no outlet at all
    no_outlet = valid & (catch == 0) & _no_outlet_cells(t)
    unrouted = float(cell_v[no_outlet].sum())
    direct_off = float(local[0]) - unrouted
    retained = 0.0
    if retention_m3 is not None:
        ret = np.zeros(n + 1)
        r = np.asarray(retention_m3, dtype=np.float64)
        ret[: min(r.size, n + 1)] = r[: n + 1]
        used0 = min(max(direct_off, 0.0), ret[0])
        direct_off -= used0
        used = np.minimum(local[1:], ret[1:])
        local = np.concatenate(([local[0] - used0], local[1:] - used))
        retained = float(used0 + used.sum())
    local = local[1:]
    inflow, stored, spill, left = cascade(local, table.volume_m3, table.downstream, direct_off)
    level = water_levels(table, t, stored)
    wd = None
    if with_depth:
        wd = water_depth(
            table.labels,
            t.z,
            t.filled,
            t.valid,
            np.concatenate(([0.0], level)),
            np.concatenate(([False], stored >= table.volume_m3)),
        )
    return scenario_result(
        rain_total, unrouted, local, (inflow, stored, spill, left), table.volume_m3, level, wd, retained
    )


def scenario_result(
    rain_m3, unrouted_m3, local_m3, flows, volume_m3, level, water_depth=None, retained_m3=0.0
):
    """The ``ScenarioResult`` of a cascade (``flows``: what :func:`cascade` returns) — one rule
    for the whole raster and for ``analysis.tiled_rain``."""
    inflow, stored, spill, left = flows
    return ScenarioResult(
        rain_m3=float(rain_m3),
        stored_m3=float(stored.sum()),
        left_map_m3=float(left),
        unrouted_m3=float(unrouted_m3),
        inflow_m3=inflow,
        local_rain_m3=local_m3,
        stored=stored,
        spill_m3=spill,
        fill_pct=fill_percent(stored, volume_m3),
        water_level=level,
        water_depth=water_depth,
        retained_m3=float(retained_m3),
    )


def cascade(local_m3, volume_m3, downstream, direct_off_m3=0.0):
    """Fill-and-spill along the sink network, upstream first: V_in = local rain + the spill of the
    sinks above, stored = min(V_in, V), spill = V_in − stored, passed to ``downstream`` (labels,
    0 = off the map). Returns (inflow, stored, spill, left the map incl. ``direct_off_m3``)."""
    inflow = np.array(local_m3, dtype=np.float64)
    n = inflow.size
    stored = np.zeros(n)
    spill = np.zeros(n)
    left = float(direct_off_m3)
    for s in upstream_order(downstream):
        v_in = inflow[s]
        stored[s] = min(v_in, volume_m3[s])
        spill[s] = v_in - stored[s]
        d = downstream[s]
        if d > 0:
            inflow[d - 1] += spill[s]
        else:
            left += spill[s]
    return inflow, stored, spill, left


def fill_percent(stored, volume_m3):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(volume_m3 > 0, 100.0 * stored / volume_m3, 0.0)


def water_depth(labels, z, filled, valid, level, full):
    """The water depth of the cascade's final state per cell (float32, NaN where not valid):
    level − z in the sinks that hold water (``level`` per label, index 0 unused), filled − z in
    the full ones (``full`` per label). ``labels``: the sinks (0 = none) on the same cells."""
    wd = np.zeros(z.shape, dtype=np.float32)
    m = labels > 0
    lv = level[labels[m]]
    wd[m] = np.maximum(0.0, lv - z[m])
    fm = full[labels]
    wd[fm] = (filled - z)[fm]
    wd[~valid] = np.nan
    return wd


def _no_outlet_cells(t):
    term = jump_to_terminal(t.rcv, np.zeros(t.rcv.size, dtype=bool))
    return t.rcv[term] == -2


def water_levels(table, terrain, stored_m3):
    """Water level of each sink holding ``stored_m3`` (level-pool on the hypsometric curve)."""
    n = table.n
    level = table.bottom_elev.copy()
    if n == 0:
        return level
    zs = terrain.z.ravel()[table.cells_sorted].astype(np.float64)
    starts = table.starts
    area = terrain.cell_area
    for s in range(n):
        v = stored_m3[s] / area
        if v <= 0:
            continue
        if stored_m3[s] >= table.volume_m3[s]:
            level[s] = table.spill_elev[s]
            continue
        zz = zs[starts[s] : starts[s + 1]]
        level[s] = min(pool_level(v, 0, 0.0, zz, None), table.spill_elev[s])
    return level


def pool_level(v, n0, s0, z, counts):
    """The level L at which the cells hold ``v`` (volume in cell areas: Σ max(0, L − z_i) = v):
    ``z`` sorted ascending (``counts`` cells each, None: one), above ``n0`` cells of elevation sum
    ``s0`` that lie below all of ``z`` and ``v`` ≥ the volume up to the lowest of ``z`` when
    ``n0`` = 0. The level pool from the lowest cell (ties: all cells at a level count)."""
    z = np.asarray(z, dtype=np.float64)
    if counts is None:
        cn = np.arange(1, z.size + 1, dtype=np.float64)
        cs = np.cumsum(z)
    else:
        c = np.asarray(counts, dtype=np.float64)
        cn = np.cumsum(c)
        cs = np.cumsum(c * z)
    cn = cn + n0
    cs = cs + s0
    # volume when the level reaches z[k]: the cells before k are under water
    vb = np.concatenate(([float(n0)], cn[:-1])) * z - np.concatenate(([s0], cs[:-1]))
    j = int(np.searchsorted(vb, v, side="right")) - 1
    if j < 0:
        return (v + s0) / n0
    return (v + cs[j]) / cn[j]


def spill_path(table, terrain, sink_index, max_steps=1_000_000):
    """Cells (flat indices) of the flow path from a sink's pour point to the next sink (its first
    cell included) or to the map edge."""
    rcv = terrain.rcv
    lab = table.labels.ravel()
    c = int(table.pour_index[sink_index])
    path = [c]
    for _ in range(max_steps):
        nxt = rcv[c]
        if nxt < 0:
            break
        c = int(nxt)
        path.append(c)
        if lab[c] > 0:
            break
    return np.asarray(path, dtype=np.int64)
