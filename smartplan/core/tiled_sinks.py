"""Sinks across tiles (no QGIS, no I/O): the sinks of the tiled filled surface with the ids and
attributes of ``sinks.sink_table`` on the whole raster.

Per tile (:func:`sink_parts`): the 8-connected parts of depth > 0 with their cell count, depth
sum, lowest cell (elevation, then raster index — the whole-raster rule) and first cell in raster
order, the labels along the tile's sides and the buildings in or beside each part. Once
(:func:`join_sinks`): parts that touch across a seam are one sink (connected components);
attributes are added up, the bottom is the lowest of the parts' bottoms; sinks are numbered in
raster order of their first cell — as ``scipy.ndimage.label`` numbers them on the whole raster —
so ``sinks.public_ids`` (rank by volume, ties by that order) gives the same ids.

Not here yet (they need the flow routing across tiles): local catchment, fill rain, pour point,
downstream sink and nesting.
"""

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from .fill import EIGHT
from .flow import D8
from .tiled import SIDES, joined_across_seams, side_cells


@dataclass
class SinkParts:
    n: int
    count: np.ndarray  # int64 cells per part
    depth_sum: np.ndarray  # float64 Σ (filled − z)
    bottom_z: np.ndarray  # float64
    bottom_index: np.ndarray  # int64 raster index of the lowest cell
    spill: np.ndarray  # float64 filled level at the bottom
    first_index: np.ndarray  # int64 raster index of the first cell in raster order
    sides: dict  # side → part label per cell (0 = none)
    buildings: np.ndarray  # (k, 2) unique (part label, building number) pairs
    box: np.ndarray = None  # (n, 4) int64 first row, first column, last row, last column


def part_labels(f, z, valid):
    return ndimage.label(valid & (f > z), structure=EIGHT)


def sink_parts(f, z, valid, window, ncols_total, building_ids_halo=None):
    """The ``SinkParts`` of one tile and its part labels. ``window``: (r0, c0, h, w) of the tile in
    the raster; ``building_ids_halo``: building numbers on the window grown by one cell on every
    side where the raster goes on (None: no buildings)."""
    lab, n = part_labels(f, z, valid)
    r0, c0, h, w = window
    cells = np.flatnonzero(lab)
    k = lab.ravel()[cells].astype(np.int64)
    rr, cc = np.divmod(cells, w)
    gidx = (rr + r0).astype(np.int64) * ncols_total + (cc + c0)
    zc = z.ravel()[cells].astype(np.float64)
    dep = f.ravel()[cells].astype(np.float64) - zc
    count = np.bincount(k, minlength=n + 1)[1:]
    depth_sum = np.bincount(k, weights=dep, minlength=n + 1)[1:]
    # cells grouped by part, each group in raster order (= ascending gidx): its first cell is the
    # part's first, the first of its lowest cells its bottom (lowest, then first in raster order)
    order = np.argsort(k, kind="stable")
    starts = np.zeros(n, np.int64)
    np.cumsum(count[:-1], out=starts[1:])
    first_index = gidx[order[starts]] if n else np.zeros(0, np.int64)
    zo = zc[order]
    lowest = zo == np.repeat(np.minimum.reduceat(zo, starts) if n else zo[:0], count)
    at = np.flatnonzero(lowest)
    grp = k[order[at]]
    first_low = np.ones(at.size, bool)
    first_low[1:] = grp[1:] != grp[:-1]
    bsel = order[at[first_low]]  # one per part, parts in label order
    box = np.zeros((n, 4), np.int64)
    if n:
        sl = ndimage.find_objects(lab)
        box[:] = [(a.start + r0, b.start + c0, a.stop - 1 + r0, b.stop - 1 + c0) for a, b in sl]
    pairs = np.zeros((0, 2), np.int64)
    if building_ids_halo is not None and n:
        pairs = _building_pairs(lab, building_ids_halo, window)
    parts = SinkParts(
        n=int(n),
        count=count.astype(np.int64),
        depth_sum=depth_sum,
        bottom_z=zc[bsel],
        bottom_index=gidx[bsel],
        spill=f.ravel()[cells[bsel]].astype(np.float64),
        first_index=first_index,
        sides={s: side_cells(lab, s) for s in SIDES},
        buildings=pairs,
        box=box,
    )
    return parts, lab


def _building_pairs(lab, bids, window):
    """(part, building) for every part cell in or 8-adjacent to a building cell; ``bids`` covers
    the tile grown by one cell on each side (a side at the raster's edge is padded with 0)."""
    h, w = lab.shape
    out = []
    for dr, dc, _ in ((0, 0, 0),) + D8:
        b = bids[1 + dr : 1 + dr + h, 1 + dc : 1 + dc + w]
        m = (lab > 0) & (b > 0)
        if m.any():
            out.append(np.stack([lab[m].astype(np.int64), b[m].astype(np.int64)], 1))
    if not out:
        return np.zeros((0, 2), np.int64)
    return np.unique(np.concatenate(out), axis=0)


@dataclass
class TiledSinkTable:
    """Per-sink attributes (index: sink label − 1, labels 1..n in raster order of the first cell)
    and, per tile, its part label → sink label map."""

    n: int
    area_m2: np.ndarray
    volume_m3: np.ndarray
    max_depth_m: np.ndarray
    mean_depth_m: np.ndarray
    bottom_elev: np.ndarray
    spill_elev: np.ndarray
    bottom_index: np.ndarray
    buildings_affected: np.ndarray
    tiles_of: np.ndarray  # number of tiles each sink has parts in
    parts: np.ndarray  # number of parts (a sink can have several in one tile)
    part_map: list  # per tile: array part label (0..n_t) → sink label (0 = none)
    box: np.ndarray = None  # (n, 4) first row, first column, last row, last column of each sink


def join_sinks(layout, parts, cell_area):
    """Join the parts of all tiles into sinks (see the module docstring)."""
    comp, offsets, total = joined_across_seams(layout, [p.n for p in parts], [p.sides for p in parts])
    node_comp = comp[1 : total + 1]  # of the parts 1..total
    cat = {
        name: np.concatenate([getattr(p, name) for p in parts]) if parts else np.zeros(0)
        for name in ("count", "depth_sum", "bottom_z", "bottom_index", "spill", "first_index")
    }
    # compact component numbers of the parts, then sinks in raster order of their first cell
    uniq, inv = np.unique(node_comp, return_inverse=True)
    m = uniq.size
    first = np.full(m, np.iinfo(np.int64).max)
    np.minimum.at(first, inv, cat["first_index"].astype(np.int64))
    order = np.argsort(first, kind="stable")
    label_of = np.empty(m, np.int64)
    label_of[order] = np.arange(1, m + 1)
    lab = label_of[inv]  # sink label of every part
    count = np.bincount(lab, weights=cat["count"], minlength=m + 1)[1:]
    dsum = np.bincount(lab, weights=cat["depth_sum"], minlength=m + 1)[1:]
    bo = np.lexsort((cat["bottom_index"], cat["bottom_z"], lab))
    pick = np.ones(bo.size, dtype=bool)
    pick[1:] = lab[bo][1:] != lab[bo][:-1]
    bsel = bo[pick]
    bottom = cat["bottom_z"][bsel]
    spill = cat["spill"][bsel]
    vol = dsum * cell_area
    area = count * cell_area
    parts_per_sink = np.bincount(lab, minlength=m + 1)[1:]
    tile_of_part = np.repeat(np.arange(len(parts)), [p.n for p in parts])
    tiles_of = (
        np.bincount(np.unique(np.stack([lab, tile_of_part], 1), axis=0)[:, 0], minlength=m + 1)[1:]
        if lab.size
        else np.zeros(m, np.int64)
    )
    pairs = [
        np.stack([lab[offsets[t] + p.buildings[:, 0] - 1], p.buildings[:, 1]], 1)
        for t, p in enumerate(parts)
        if len(p.buildings)
    ]
    b_aff = np.zeros(m, np.int64)
    if pairs:
        u = np.unique(np.concatenate(pairs), axis=0)
        b_aff = np.bincount(u[:, 0], minlength=m + 1)[1:]
    part_map = [np.concatenate([[0], lab[offsets[t] : offsets[t + 1]]]) for t in range(len(parts))]
    boxes = np.concatenate([p.box for p in parts]) if parts else np.zeros((0, 4), np.int64)
    box = np.zeros((m, 4), np.int64)
    if m:
        box[:, :2] = np.iinfo(np.int64).max
        box[:, 2:] = -1
        for j in (0, 1):
            np.minimum.at(box[:, j], lab - 1, boxes[:, j])
        for j in (2, 3):
            np.maximum.at(box[:, j], lab - 1, boxes[:, j])
    return TiledSinkTable(
        n=int(m),
        area_m2=area,
        volume_m3=vol,
        max_depth_m=spill - bottom,
        mean_depth_m=np.where(count > 0, vol / np.maximum(area, 1e-300), 0.0),
        bottom_elev=bottom,
        spill_elev=spill,
        bottom_index=cat["bottom_index"][bsel].astype(np.int64),
        buildings_affected=b_aff,
        tiles_of=tiles_of,
        parts=parts_per_sink,
        part_map=part_map,
        box=box,
    )


def may_be_kept(parts, filters, cell_area):
    """The labels of a tile's parts that can belong to a kept sink (``kept_sinks``): every part on
    the tile's edge (it may go on in a neighbour), and the parts inside the tile — whole sinks —
    that pass the depth, area and volume filters (with a margin of 1e-9 against rounding, so
    none that passes is missed)."""
    inner = np.ones(parts.n + 1, bool)
    for side in parts.sides.values():
        inner[side] = False
    slack = 1.0 - 1e-9
    ok = (
        (parts.spill - parts.bottom_z >= filters.get("min_depth", 0.0) * slack)
        & (parts.count * cell_area >= filters.get("min_area", 0.0) * slack)
        & (parts.depth_sum * cell_area >= filters.get("min_volume", 0.0) * slack)
    )
    return np.flatnonzero(~inner[1:] | ok) + 1


def kept_sinks(table, min_depth, min_area, min_volume):
    """The filters of ``sinks.filter_mask`` that need no routing (the catchment filter does)."""
    return (table.max_depth_m >= min_depth) & (table.area_m2 >= min_area) & (table.volume_m3 >= min_volume)


# ------------------------------------------------------------------------------ along the flow
# Local catchments, pour points and downstream sinks follow flow paths, which cross tiles. Per
# tile, every cell's path is followed to its first *terminal* cell (a sink cell for catchments,
# the end of the run of equal filled elevation for pour points) or to the cell where it leaves
# the tile (an exit). Exits are then resolved once for all tiles along the links exit → entry
# cell of the next tile (pointer jumping), and each tile reads its answers.
END, HIT, EXIT = 0, 1, 2


@dataclass
class PathRecords:
    """Per tile: for its perimeter cells, where their paths end inside the tile; for its exits,
    the raster index of the cell their flow enters."""

    perimeter: np.ndarray  # raster indices of the edge cells
    kind: np.ndarray  # END, HIT or EXIT per edge cell
    value: np.ndarray  # HIT/END: the answer (sink id or raster index); EXIT: the exit's raster index
    exits: np.ndarray  # raster indices of the exit cells
    targets: np.ndarray  # raster indices of the cells they flow into


def first_along(rcv, leaving, terminal):
    """Local index of the first terminal-or-leaving cell on each cell's path, and its kind."""
    from .flow import jump_to_terminal

    term = jump_to_terminal(rcv, terminal | leaving)
    kind = np.full(term.size, END, np.int8)
    kind[leaving[term]] = EXIT
    kind[terminal[term]] = HIT
    return term, kind


def raster_index(window, ncols_total):
    """Local flat index in the tile ``window`` → raster index."""
    r0, c0, _h, w = window

    def to_global(local):
        r, c = np.divmod(np.asarray(local, np.int64), w)
        return (r + r0) * ncols_total + c + c0

    return to_global


def path_records(window, ncols_total, rcv, target, terminal, answer):
    """``PathRecords`` of one tile, and the first terminal-or-leaving cell (local index) on
    every cell's path with its kind (``first_along``). ``rcv``/``target``: as
    ``tiled_flow._tile_receivers``; ``answer(term, kind)``: the value of a path ending at local
    cells ``term`` (HIT or END)."""
    from .tiled import perimeter_mask

    to_global = raster_index(window, ncols_total)
    leaving = target >= 0
    term, kind = first_along(rcv, leaving, terminal)
    per = np.flatnonzero(perimeter_mask((window[2], window[3])).ravel())
    t, k = term[per], kind[per]
    value = np.where(k == EXIT, to_global(t), answer(t, k))
    ex = np.flatnonzero(leaving)
    return PathRecords(to_global(per), k, value, to_global(ex), target[ex]), term, kind


def resolve_exits(records):
    """{exit raster index: answer} for every exit of every tile."""
    per = np.concatenate([r.perimeter for r in records]) if records else np.zeros(0, np.int64)
    kind = np.concatenate([r.kind for r in records]) if records else np.zeros(0, np.int64)
    value = np.concatenate([r.value for r in records]) if records else np.zeros(0, np.int64)
    exits = np.concatenate([r.exits for r in records]) if records else np.zeros(0, np.int64)
    targets = np.concatenate([r.targets for r in records]) if records else np.zeros(0, np.int64)
    if exits.size == 0:
        return exits, np.zeros(0, np.int64)
    o = np.argsort(per)
    per, kind, value = per[o], kind[o], value[o]
    pos = np.clip(np.searchsorted(per, targets), 0, per.size - 1)
    if not np.array_equal(per[pos], targets):
        raise RuntimeError("a flow path enters a tile away from its edge")
    tk, tv = kind[pos], value[pos]
    eo = np.argsort(exits)
    exits_sorted = exits[eo]
    # next exit (index into the exits) where the path leaves the next tile again
    nxt = np.full(exits.size, -1, np.int64)
    chain = tk == EXIT
    nxt[chain] = eo[np.searchsorted(exits_sorted, tv[chain])]
    ans = np.where(chain, 0, tv).astype(np.int64)
    while (nxt >= 0).any():
        go = nxt >= 0
        ans[go] = ans[nxt[go]]
        nn = nxt.copy()
        nn[go] = nxt[nxt[go]]
        if np.array_equal(nn, nxt):
            raise RuntimeError("flow paths across tiles form a cycle")
        nxt = nn
    return exits, ans


def answer_of(exits, exits_sorted, answers_sorted):
    """The answers of the paths that leave their tile by ``exits`` (raster indices), from the
    resolved exits (``resolve_exits``, sorted by ``sorted_exits``)."""
    pos = np.clip(np.searchsorted(exits_sorted, exits), 0, max(0, exits_sorted.size - 1))
    return answers_sorted[pos]


def sorted_exits(resolved):
    """``resolve_exits``' (exits, answers) sorted by exit, for ``answer_of``."""
    exits, ans = resolved
    o = np.argsort(exits)
    return exits[o], ans[o]
