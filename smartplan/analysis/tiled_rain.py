"""The rain scenario across tiles (``smartplan:rainscenario`` on the city-scale path): the
fill-and-spill cascade of ``core.sinks`` on the sinks of ``analysis.tiled`` — the same rain per
local catchment, the same cascade, water levels, water depth, flooded sinks and spill paths as
``analysis.scenario.run`` on the whole raster, in bounded memory.

Steps after the sinks along the flow (``tiled_output.sinks_along_flow``):
1. per tile: the effective rain on every local catchment (with a ψ raster warped onto the
   tile), on the cells that drain off the map and on those without an outlet;
2. once: the cascade (``core.sinks.cascade``) over the sink network;
3. water levels of the partly filled sinks (``core.sinks.pool_level``, exact): per tile a
   histogram of each such sink's cell elevations (count, sum, lowest value per bin); once, the
   bin where its level lies; per tile the distinct elevations in that bin with their counts;
   once, the level from those and the totals of the bins below;
4. per tile: the water depth (``core.sinks.water_depth``, one GeoTIFF per tile, then a VRT),
   the flooded parts' polygons, their deepest water and the buildings beside them;
5. once: the flooded sinks (parts joined across tiles) and the spill paths, followed from the
   pour points along the D8 directions tile by tile.

Memory: a task holds one tile; the driver holds a few numbers per sink, the histogram entries
of the partly filled sinks (at most ``BINS`` per sink) and the distinct elevations of one bin
per such sink.
"""

import os
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from ..core import tiled_sinks as TS
from ..core.fill import EIGHT
from ..core.sinks import (
    cascade,
    effective_rain_mm,
    pool_level,
    public_ids,
    scenario_result,
    water_depth,
)
from ..io import workfiles
from ..io.raster import polygonize, resample_to_grid, window_grid
from ..io.tiles import read_block, read_codes, write_block
from .scenario import runoff_coefficients
from .tiled_output import emit_polygons
from .tiled_tasks import _tile_inputs

BINS = 64  # histogram bins per partly filled sink (step 3)


@dataclass
class TiledRain:
    """What the rain stage of ``analysis.tiled.fill_tiled`` computes and where it goes.

    ``runoff``: the constant ψ, ``runoff_raster``: a ψ raster (path) warped onto each tile by
    ``io.raster.resample_to_grid`` (``analysis.scenario.runoff_coefficients``). ``flooded_writer(attributes,
    wkb)`` in ``analysis.scenario.FLOODED_FIELDS`` order, ``spill_writer(attributes, wkb)`` in
    ``SPILL_FIELDS`` order; ``style``: the water-depth qml copied beside the VRT."""

    rain_mm: float
    runoff: float = 1.0
    sewer_mm: float = 0.0
    runoff_raster: str = None
    flooded_writer: object = None
    spill_writer: object = None
    style: str = None


@dataclass
class TiledScenario:
    """The rain stage's result: the fields ``analysis.scenario_report`` reads of
    ``analysis.scenario.ScenarioResult`` (no terrain, no label raster), and the VRT."""

    table: object  # core.tiled_sinks.TiledSinkTable
    cascade: object  # core.sinks.ScenarioResult (water_depth None: see water_depth_vrt)
    public_id: np.ndarray
    buildings_affected: np.ndarray
    max_water_depth_m: np.ndarray
    rain_mm: float
    water_depth_vrt: str = ""
    flooded: int = 0
    spill_paths: int = 0


def runoff_of_tile(runoff, runoff_raster, grid, window):
    """ψ on a tile: the constant, or the raster warped onto the tile where it has values."""
    if not runoff_raster:
        return runoff
    return runoff_coefficients(resample_to_grid(runoff_raster, window_grid(grid, *window)), runoff)


# ------------------------------------------------------------------------------ tile tasks
def task_rain_sums(catch_path, filled_path, grid, window, spec):
    """Step 1 of a tile: effective rain (m³) per local catchment label (> 0), on cells that
    drain off the map (catchment 0), on cells without an outlet (−1), and in all. ``spec``:
    (rain mm, ψ, sewer mm, ψ raster or None)."""
    rain_mm, runoff, sewer_mm, runoff_raster = spec
    catch = np.load(catch_path).ravel()
    _f, valid = read_block(filled_path, 0, 0, window[2], window[3])
    h = effective_rain_mm(rain_mm, runoff_of_tile(runoff, runoff_raster, grid, window), sewer_mm)
    h = np.broadcast_to(h, valid.shape).ravel()
    cell_v = np.where(valid.ravel(), np.nan_to_num(h) / 1000.0 * grid.dx * grid.dy, 0.0)
    wet = catch > 0
    ids, inv = np.unique(catch[wet], return_inverse=True)
    sums = np.bincount(inv, weights=cell_v[wet], minlength=ids.size)
    return ids, sums, float(cell_v[catch == 0].sum()), float(cell_v[catch == -1].sum()), float(cell_v.sum())


def _tile_sinks(path, grid, window, terrain_args, filled_path, halo=False):
    """The conditioned DEM of a tile, its filled surface and its sink parts (the numbering of
    ``core.tiled_sinks.sink_parts``, which the table's ``part_map`` refers to)."""
    nodata_drains, draining, buildings = terrain_args
    got = _tile_inputs(path, grid, window, nodata_drains, draining, buildings, halo=halo)
    z, valid = got[0], got[1]
    f, _v = read_block(filled_path, 0, 0, window[2], window[3])
    lab, n = TS.part_labels(f, z, valid)
    return z, valid, f, lab, n, (got[3] if halo else None)


def _bins(z, bottom, spill):
    """Histogram bin (0..BINS − 1) of elevations between a sink's bottom and spill level:
    monotone in z, so the cells of a lower bin lie strictly below every cell of a higher one."""
    span = np.maximum(spill - bottom, 1e-300)
    return np.clip(np.floor((z - bottom) / span * BINS), 0, BINS - 1).astype(np.int64)


def _partial_cells(path, grid, window, terrain_args, filled_path, sink_of_part, bottom, spill):
    """The cells of the partly filled sinks in a tile (``sink_of_part``: index of the sink per
    part label, −1 for others): their sink, part label, elevation and histogram bin."""
    z, _valid, _f, lab, _n, _ids = _tile_sinks(path, grid, window, terrain_args, filled_path)
    s = sink_of_part[lab]
    m = s >= 0
    s, pl, zz = s[m], lab[m], z[m].astype(np.float64)
    return s, pl, zz, _bins(zz, bottom[pl], spill[pl])


def task_level_bins(path, grid, window, terrain_args, filled_path, sink_of_part, bottom, spill):
    """Step 3a of a tile: (sink, bin, count, elevation sum, lowest elevation) of the cells of the
    partly filled sinks."""
    s, _pl, zz, b = _partial_cells(path, grid, window, terrain_args, filled_path, sink_of_part, bottom, spill)
    key, inv = np.unique(s * BINS + b, return_inverse=True)
    cnt = np.bincount(inv, minlength=key.size)
    tot = np.bincount(inv, weights=zz, minlength=key.size)
    low = np.full(key.size, np.inf)
    np.minimum.at(low, inv, zz)
    return key // BINS, key % BINS, cnt, tot, low


def task_level_values(
    path, grid, window, terrain_args, filled_path, sink_of_part, bottom, spill, bin_of_part
):
    """Step 3b of a tile: the distinct elevations (with their counts) of each partly filled
    sink's cells in the bin its level lies in (``bin_of_part``)."""
    s, pl, zz, b = _partial_cells(path, grid, window, terrain_args, filled_path, sink_of_part, bottom, spill)
    sel = b == bin_of_part[pl]
    if not sel.any():
        return np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.int64)
    pairs, cnt = np.unique(np.stack([s[sel].astype(np.float64), zz[sel]], 1), axis=0, return_counts=True)
    return pairs[:, 0].astype(np.int64), pairs[:, 1], cnt


def task_rain_depth(path, grid, window, terrain_args, filled_path, level, full, wd_path, poly_path, meta):
    """Step 4 of a tile: its water depth (written), the polygons of its flooded parts (kept in
    ``poly_path``), the deepest water per part and the (part, building) pairs beside flooded
    cells. ``level``/``full``: per part label (index 0 unused)."""
    z, valid, f, lab, n, ids_halo = _tile_sinks(path, grid, window, terrain_args, filled_path, halo=True)
    wd = water_depth(lab, z, f, valid, level, full)
    write_block(wd_path, wd, grid, window[0], window[1], meta)
    flooded = np.where(np.nan_to_num(wd) > 0, lab, 0)
    deepest = np.zeros(n + 1)
    if n:
        deepest[1:] = ndimage.maximum(np.nan_to_num(wd), lab, np.arange(1, n + 1))
    polys = polygonize(flooded, window_grid(grid, *window)) if flooded.any() else {}
    workfiles.dump(poly_path, polys)
    pairs = np.zeros((0, 2), np.int64)
    if ids_halo is not None and flooded.any():
        pairs = TS._building_pairs(flooded, ids_halo, window)
    return deepest, pairs


# ------------------------------------------------------------------------------ driver
def rain_across_tiles(
    engine, lay, grid, work, stage, outs, code_paths, table, along, rain, out_dir, meta, check=None, say=None
):
    """Steps 1–5 of the module docstring. ``stage``: (DEM path, NoData convention, draining NoData
    per tile, buildings) as in ``analysis.tiled``; ``outs``: (filled, depth) tile per tile,
    ``code_paths``: the D8 tiles; ``table``/``along``: the sinks across tiles and their
    attributes along the flow. Returns ``TiledScenario``."""
    from ..io.tiles import build_vrt

    say = say or (lambda _t: None)
    path, nodata_drains, draining, buildings = stage
    n_t = len(lay)
    filled_paths, depth_paths = [o[0] for o in outs], [o[1] for o in outs]
    n = table.n

    say("Rain scenario: effective rain on every local catchment …")
    spec = (float(rain.rain_mm), float(rain.runoff), float(rain.sewer_mm), rain.runoff_raster or None)
    sums = engine.map(
        task_rain_sums,
        [(along["catch_files"][t], filled_paths[t], grid, lay.window(t), spec) for t in range(n_t)],
        None,
        check,
    )
    local = np.zeros(n + 1)
    direct = unrouted = total = 0.0
    for ids, s, d, u, tot in sums:
        np.add.at(local, ids, s)
        direct, unrouted, total = direct + d, unrouted + u, total + tot
    del sums
    local = local[1:]
    downstream = along["downstream"]
    inflow, stored, spill, left = cascade(local, table.volume_m3, downstream, direct)
    level = levels_across_tiles(engine, lay, grid, stage, filled_paths, table, stored, check, say)
    full = stored >= table.volume_m3
    res = scenario_result(total, unrouted, local, (inflow, stored, spill, left), table.volume_m3, level)

    say("Rain scenario: water depth, flooded sinks …")
    wdir = os.path.join(out_dir, "water_depth")
    os.makedirs(wdir, exist_ok=True)
    wd_paths = [os.path.join(wdir, os.path.basename(p)) for p in filled_paths]
    poly_paths = [os.path.join(work, f"t{t}.flooded.npz") for t in range(n_t)]
    lv = np.concatenate(([0.0], level))
    fl = np.concatenate(([False], full))
    got = engine.map(
        task_rain_depth,
        [
            (
                path,
                grid,
                lay.window(t),
                (nodata_drains, draining[t], buildings),
                filled_paths[t],
                lv[table.part_map[t]],
                fl[table.part_map[t]],
                wd_paths[t],
                poly_paths[t],
                meta,
            )
            for t in range(n_t)
        ],
        None,
        check,
    )
    deepest = np.zeros(n + 1)
    pairs = []
    for t, (dp, pr) in enumerate(got):
        pm = table.part_map[t]
        np.maximum.at(deepest, pm, dp)
        if len(pr):
            pairs.append(np.stack([pm[pr[:, 0]], pr[:, 1]], 1))
    del got
    b_aff = np.zeros(n + 1, np.int64)
    if pairs:
        u = np.unique(np.concatenate(pairs), axis=0)
        b_aff = np.bincount(u[:, 0], minlength=n + 1)
    b_aff, deepest = b_aff[1:], deepest[1:]
    pid = public_ids(table)
    sr = TiledScenario(table, res, pid, b_aff, deepest, float(rain.rain_mm))
    sr.water_depth_vrt = build_vrt(
        os.path.join(out_dir, "water_depth.vrt"), wd_paths, meta.metadata, rain.style
    )

    wet = stored > 0
    if rain.flooded_writer is not None:

        def parts_of(t):
            pm = table.part_map[t]
            return [(int(pm[k]), wkb) for k, wkb in workfiles.load(poly_paths[t]).items()]

        def emit(s, wkb):
            d = int(downstream[s])
            rain.flooded_writer(
                [
                    int(pid[s + 1]),
                    float(inflow[s]),
                    float(stored[s]),
                    float(table.volume_m3[s]),
                    float(res.fill_pct[s]),
                    float(spill[s]),
                    float(level[s]),
                    float(deepest[s]),
                    int(b_aff[s]),
                    int(pid[d]) if d > 0 else None,
                ],
                wkb,
            )
            sr.flooded += 1

        emit_polygons(n_t, parts_of, wet, table.parts, pid, emit, check)
    if rain.spill_writer is not None:
        say("Rain scenario: spill paths …")
        paths = spill_paths(lay, grid, code_paths, depth_paths, table, along["pour_index"], spill > 0, check)
        from ..io.raster import line_wkb

        for s in sorted(paths):
            xs, ys = grid.line_through_cells(np.asarray(paths[s], np.int64))
            d = int(downstream[s])
            rain.spill_writer(
                [int(pid[s + 1]), int(pid[d]) if d > 0 else None, float(spill[s])], line_wkb(xs, ys)
            )
            sr.spill_paths += 1
    return sr


def levels_across_tiles(engine, lay, grid, stage, filled_paths, table, stored, check=None, say=None):
    """The water level of every sink holding ``stored`` m³ (step 3 of the module docstring):
    the bottom when empty, the spill level when full, else the level pool of its cells."""
    path, nodata_drains, draining, buildings = stage
    n = table.n
    area = grid.dx * grid.dy
    level = table.bottom_elev.copy()
    full = stored >= table.volume_m3
    level[full & (stored > 0)] = table.spill_elev[full & (stored > 0)]
    partial = (stored > 0) & ~full
    if not partial.any():
        return level
    if say:
        say(f"Rain scenario: water levels of {int(partial.sum()):,} partly filled sinks …")
    sink_idx = np.where(np.concatenate(([False], partial)), np.arange(-1, n), -1)
    bottom = np.concatenate(([0.0], table.bottom_elev))
    spill = np.concatenate(([0.0], table.spill_elev))
    tiles = [t for t in range(len(lay)) if partial[table.part_map[t][1:] - 1].any()]

    def args(t, *extra):
        pm = table.part_map[t]
        return (
            path,
            grid,
            lay.window(t),
            (nodata_drains, draining[t], buildings),
            filled_paths[t],
            sink_idx[pm],
            bottom[pm],
            spill[pm],
            *extra,
        )

    got = engine.map(task_level_bins, [args(t) for t in tiles], None, check)
    cat = [np.concatenate([g[i] for g in got]) for i in range(5)]
    del got
    key, inv = np.unique(cat[0] * BINS + cat[1], return_inverse=True)
    cnt = np.bincount(inv, weights=cat[2], minlength=key.size)
    tot = np.bincount(inv, weights=cat[3], minlength=key.size)
    low = np.full(key.size, np.inf)
    np.minimum.at(low, inv, cat[4])
    del cat, inv
    sk = key // BINS  # sorted by sink, then bin
    # totals of the bins below each bin of the same sink, and the volume at its lowest cell
    first = np.searchsorted(sk, sk)
    c_cnt = np.cumsum(cnt) - cnt
    c_tot = np.cumsum(tot) - tot
    n_below = c_cnt - c_cnt[first]
    s_below = c_tot - c_tot[first]
    v_at = n_below * low - s_below
    v = stored[sk] / area
    ok = v_at <= v
    # the last bin of each sink whose lowest cell lies at or below the level
    pick = np.zeros(n, np.int64) - 1
    idx = np.flatnonzero(ok)
    np.maximum.at(pick, sk[idx], idx)
    bin_of = np.zeros(n + 1, np.int64)
    sel = pick[partial]
    bin_of[1:][partial] = key[sel] % BINS
    got = engine.map(task_level_values, [args(t, bin_of[table.part_map[t]]) for t in tiles], None, check)
    ss = np.concatenate([g[0] for g in got])
    zz = np.concatenate([g[1] for g in got])
    cc = np.concatenate([g[2] for g in got])
    del got
    pairs, inv = np.unique(np.stack([ss.astype(np.float64), zz], 1), axis=0, return_inverse=True)
    counts = np.bincount(inv.ravel(), weights=cc, minlength=len(pairs))
    ps = pairs[:, 0].astype(np.int64)
    starts = np.searchsorted(ps, np.arange(n + 1))
    for s in np.flatnonzero(partial):
        j = pick[s]
        vals = pairs[starts[s] : starts[s + 1], 1]
        lv = pool_level(stored[s] / area, n_below[j], s_below[j], vals, counts[starts[s] : starts[s + 1]])
        level[s] = min(lv, table.spill_elev[s])
    return level


def spill_paths(lay, grid, code_paths, depth_paths, table, pour_index, spilling, check=None):
    """{sink index: raster indices of its spill path} for the ``spilling`` sinks: from the pour
    point along the D8 directions to the first cell of a sink (included) or where the flow ends —
    ``core.sinks.spill_path`` on the whole raster, followed here tile after tile."""
    ncols = grid.ncols
    from ..core.tiled_flow import _tile_receivers

    def tile_of(g):
        r, c = divmod(int(g), ncols)
        return lay.tile_of(r, c)

    paths = {}
    pending = {}
    for s in np.flatnonzero(spilling).tolist():
        g = int(pour_index[s])
        paths[s] = [g]
        pending.setdefault(tile_of(g), []).append((s, g, False))
    while pending:
        if check is not None:
            check()
        t = max(pending, key=lambda k: len(pending[k]))
        items = pending.pop(t)
        r0, c0, h, w = lay.window(t)
        code = read_codes(code_paths[t], 0, 0, h, w)
        depth, valid = read_block(depth_paths[t], 0, 0, h, w)
        lab, _n = ndimage.label(valid & (np.nan_to_num(depth) > 0), structure=EIGHT)
        lab = table.part_map[t][lab].ravel()
        rcv, target = _tile_receivers(code, (r0, c0, h, w), ncols)
        for s, g, entered in items:
            r, c = divmod(g, ncols)
            k = (r - r0) * w + (c - c0)
            if entered and lab[k] > 0:
                continue
            path = paths[s]
            while True:
                nk = int(rcv[k])
                if nk >= 0:
                    k = nk
                    path.append((r0 + k // w) * ncols + c0 + k % w)
                    if lab[k] > 0:
                        break
                    continue
                if target[k] >= 0:
                    g2 = int(target[k])
                    path.append(g2)
                    pending.setdefault(tile_of(g2), []).append((s, g2, True))
                break
    return paths
