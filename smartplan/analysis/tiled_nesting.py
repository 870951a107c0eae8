"""Nested sinks on the city-scale path (``smartplan:depressions`` with ``MAX_LEVEL`` > 1 tile by
tile): the merge tree of ``core.nesting`` for every sink, on a window that holds the whole sink —
its tile for a sink inside one tile, its bounding window (read from the tiles) for a sink across
tiles — so each sink's nested sinks, their volumes, levels, parents, polygons and buildings are
those of the whole-raster run; their ids rank all nested sinks by volume as there.

Memory: a task holds one window. A sink across tiles whose bounding window exceeds
``max_window`` cells (``WINDOW_CELLS`` or four tiles, the larger) is not nested (its level-1
record stays; the caller is told which), and then the ids of nested sinks can differ from those
of a whole-raster run.
"""

import os

import numpy as np
from scipy import ndimage

from ..core import tiled_sinks as TS
from ..core.fill import EIGHT
from ..core.nesting import nested_ids, nested_sinks, written
from ..core.sinks import cells_by_sink_and_elevation, depth_class
from ..io import workfiles
from ..io.raster import polygonize, window_grid
from ..io.tiles import read_block
from .tiled_tasks import _tile_inputs

WINDOW_CELLS = 16_000_000  # at least: a window of ~0.5 GB (about 30 bytes per cell)


class _Table:
    """The part of ``core.sinks.SinkTable`` that ``core.nesting.nested_sinks`` reads."""

    def __init__(self, labels, z, spill, n):
        self.labels = labels
        self.n = n
        self.spill_elev = spill
        self.cells_sorted, self.starts = cells_by_sink_and_elevation(labels.ravel(), z.ravel(), n)


class _Terrain:
    def __init__(self, z, cell_area):
        self.z = z
        self.cell_area = cell_area


def task_nested(path, grid, window, buildings, filled_vrt, sinks, spill, filters, max_level, lay_shape):
    """The written nested sinks (``core.nesting.written``: ``filters``, at most ``max_level``) of
    the kept ``sinks`` (global labels, ascending, with their bottom cells) in ``window``: per
    nested sink (in the order of ``core.nesting``) its sink label, volume, area, depths, bottom,
    spill, level, parent (index here, −1: the sink itself), polygon, the buildings beside it and
    the tiles it lies in."""
    labels, bottoms = sinks
    r0, c0, h, w = window
    z, valid, _drains, ids_halo = _tile_inputs(path, grid, window, True, None, buildings, halo=True)
    f, _v = read_block(filled_vrt, r0, c0, h, w)
    comp, _n = ndimage.label(valid & (f > z), structure=EIGHT)
    br, bc = np.divmod(np.asarray(bottoms, np.int64), grid.ncols)
    local_of_comp = np.zeros(int(comp.max()) + 1, np.int32)
    local_of_comp[comp[br - r0, bc - c0]] = np.arange(1, len(labels) + 1)
    lab = local_of_comp[comp]
    del f, _v, valid, _drains, comp  # a large window holds up to 16 M cells: only what is used
    table = _Table(lab, z, np.asarray(spill, np.float64), len(labels))
    ns = nested_sinks(table, _Terrain(z, grid.dx * grid.dy))
    del table, z, lab
    ok = written(ns, filters, np.ones(len(labels), bool), max_level)
    polys, baff, tiles = {}, np.zeros(ns.n, np.int64), np.zeros(ns.n, np.int64)
    if ok.any():
        # the window's parts in each tile (a window spans few tiles): row and column cuts
        tr, tc = lay_shape
        rcuts = [0] + [r - r0 for r in range((r0 // tr + 1) * tr, r0 + h, tr)] + [h]
        ccuts = [0] + [c - c0 for c in range((c0 // tc + 1) * tc, c0 + w, tc)] + [w]
        wgrid = window_grid(grid, *window)
        for _lv, lv_lab in ns.labels_by_level(int(ns.level[ok].max()), (h, w), keep=ok):
            polys.update(polygonize(lv_lab, wgrid))
            if ids_halo is not None:
                pairs = TS._building_pairs(lv_lab, ids_halo, window)
                if len(pairs):
                    baff += np.bincount(pairs[:, 0] - 1, minlength=ns.n)
            for a, b in zip(rcuts[:-1], rcuts[1:]):
                for c, d in zip(ccuts[:-1], ccuts[1:]):
                    tiles += np.bincount(lv_lab[a:b, c:d].ravel(), minlength=ns.n + 1)[1:] > 0
    # only the written ones go back (a large sink holds thousands of nested sinks, most below
    # the filters): their parents are written too (``core.nesting.nested_ids``), so the parent
    # index is remapped to the written ones; polygons keyed by that index + 1
    sel = np.flatnonzero(ok)
    new_index = np.full(ns.n, -1, np.int64)
    new_index[sel] = np.arange(sel.size)
    parent = ns.parent[sel]
    return {
        "sink": np.asarray(labels, np.int64)[ns.sink[sel]],
        "parent": np.where(parent >= 0, new_index[np.maximum(parent, 0)], -1),
        "level": ns.level[sel],
        "area": ns.area_m2[sel],
        "volume": ns.volume_m3[sel],
        "max_depth": ns.max_depth_m[sel],
        "mean_depth": ns.mean_depth_m[sel],
        "bottom": ns.bottom_elev[sel],
        "spill": ns.spill_elev[sel],
        "polys": {int(new_index[k - 1]) + 1: wkb for k, wkb in polys.items()},
        "buildings": baff[sel],
        "tiles": tiles[sel],
    }


def windows_of(lay, table, keep, max_window):
    """The windows of the nesting, for the kept sinks (``keep`` per sink) only: (window, sink
    labels) for every tile with the sinks that lie only in it (the window: their bounding box in
    the tile), then one bounding window per sink across tiles. Returns (windows, labels of the
    sinks across tiles whose window is too large)."""
    box = table.box
    keep = np.asarray(keep, bool)
    single = keep & (table.tiles_of == 1)
    tile_of = lay.tile_of(box[:, 0], box[:, 1])
    out = []
    order = np.flatnonzero(single)
    order = order[np.argsort(tile_of[order], kind="stable")]
    groups = np.split(order, np.flatnonzero(np.diff(tile_of[order])) + 1) if order.size else []
    for sel in groups:
        r0, c0 = box[sel, 0].min(), box[sel, 1].min()
        r1, c1 = box[sel, 2].max(), box[sel, 3].max()
        out.append(((int(r0), int(c0), int(r1 - r0 + 1), int(c1 - c0 + 1)), sel + 1))
    skipped = []
    for s in np.flatnonzero(keep & (table.tiles_of > 1)):
        r0, c0, r1, c1 = (int(v) for v in box[s])
        if (r1 - r0 + 1) * (c1 - c0 + 1) > max_window:
            skipped.append(s + 1)
            continue
        out.append(((r0, c0, r1 - r0 + 1, c1 - c0 + 1), np.array([s + 1])))
    return out, skipped


def _batches(wins, tile_cells, batch):
    """The windows (indices) in runs for ``Engine.map``: windows up to a tile run side by side;
    one larger than a tile (a sink across tiles, up to ``max_window`` cells) runs only beside
    windows up to a tile — each batch of ``batch`` holds at most one — so the tasks at once hold
    at most one large window and tiles. Large windows left when the others are used up run one
    at a time."""
    large = [i for i, (w, _l) in enumerate(wins) if w[2] * w[3] > tile_cells]
    small = [i for i, (w, _l) in enumerate(wins) if w[2] * w[3] <= tile_cells]
    mixed = []
    while large and len(small) >= batch - 1:
        mixed += [large.pop(0)] + small[: batch - 1]
        small = small[batch - 1 :]
    runs = [mixed + small] if mixed or small else []
    return runs + [[i] for i in large]


def nested_across_tiles(
    engine,
    lay,
    grid,
    stage,
    filled_vrt,
    table,
    keep,
    filters,
    max_level,
    pid,
    writer,
    check=None,
    max_window=None,
    spill_dir=None,
):
    """Nested sinks of every sink, written to ``writer(record, wkb)`` (the fields of the tiled
    sink records; catchment, fill rain, downstream and pour point NULL, as on the whole raster).
    ``keep``: the kept sinks (filters of level 1), ``pid``: their public ids. Returns (nested
    sinks written, labels of sinks not nested: their window was too large)."""
    path, _nodata_drains, _draining, buildings = stage
    if max_window is None:
        max_window = max(WINDOW_CELLS, 4 * lay.tile_rows * lay.tile_cols)
    wins, skipped = windows_of(lay, table, keep, max_window)
    spill, bottom = table.spill_elev, table.bottom_index
    args = [
        (
            path,
            grid,
            win,
            buildings,
            filled_vrt,
            (labels, bottom[labels - 1]),
            spill[labels - 1],
            filters,
            max_level,
            (lay.tile_rows, lay.tile_cols),
        )
        for win, labels in wins
    ]
    got = [None] * len(args)
    for group in _batches(wins, lay.tile_rows * lay.tile_cols, engine.batch):
        for i, g in zip(group, engine.map(task_nested, [args[i] for i in group], None, check)):
            if spill_dir is not None and g["polys"]:
                spilled = os.path.join(spill_dir, f"nested_{i}.npz")
                workfiles.dump(spilled, g["polys"])
                g["polys"] = spilled
            got[i] = g
    # the order of core.nesting on the whole raster: by sink, then as found inside it
    sink = np.concatenate([g["sink"] for g in got]) if got else np.zeros(0, np.int64)
    local = np.concatenate([np.arange(g["sink"].size) for g in got]) if got else np.zeros(0, np.int64)
    offset = np.cumsum([0] + [g["sink"].size for g in got])
    gorder = np.lexsort((local, sink))
    gidx = np.empty(sink.size, np.int64)
    gidx[gorder] = np.arange(sink.size)
    vol = np.concatenate([g["volume"] for g in got]) if got else np.zeros(0)
    nid = nested_ids(vol[gorder], np.ones(vol.size, bool), table.n + 1)[gidx]  # per (window, local)
    written = 0
    for w, g in enumerate(got):
        if check is not None:
            check()
        dcls = depth_class(g["max_depth"])
        polys = workfiles.load(g["polys"]) if isinstance(g["polys"], str) else g["polys"]
        for i in range(g["sink"].size):
            wkb = polys.get(int(i + 1))
            if wkb is None:
                continue
            p = int(g["parent"][i])
            s = int(g["sink"][i])
            rec = {
                "sink_id": int(nid[offset[w] + i]),
                "area_m2": float(g["area"][i]),
                "volume_m3": float(g["volume"][i]),
                "max_depth_m": float(g["max_depth"][i]),
                "mean_depth_m": float(g["mean_depth"][i]),
                "bottom_elev": float(g["bottom"][i]),
                "spill_elev": float(g["spill"][i]),
                "depth_class": int(dcls[i]),
                "buildings_affected": int(g["buildings"][i]),
                "tiles": int(g["tiles"][i]),
                "catchment_m2": None,
                "fill_rain_mm": None,
                "downstream_id": None,
                "parent_id": int(nid[offset[w] + p]) if p >= 0 else int(pid[s]),
                "level": int(g["level"][i]),
                "pour_x": None,
                "pour_y": None,
            }
            writer(rec, wkb)
            written += 1
    return written, skipped
