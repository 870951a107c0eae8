"""D8 flow directions, flats and flow accumulation across tiles (no QGIS, no I/O), identical to
``flow.flow_directions`` and ``streams.d8_accumulation`` on the whole raster.

Each tile is seen with a halo of one cell (its neighbours' edge cells).

* **Directions** (:func:`tile_routing`): the steepest descent of ``flow.steepest_descent`` needs
  only the halo. Outlets are cells on the raster's edge or beside draining NoData.
* **Flats** drain towards their nearest lower edge: a breadth-first distance through cells of
  equal filled elevation from the cells that can drain. Across tiles it is found by relaxation
  (cf. Song, Zhou & Liu, "Parallel assignment of flow directions over flat surfaces in massive
  DEMs"): every tile computes its distances from its own sources and from the distances its
  neighbours publish for their edge cells; tiles whose halo changed are computed again until no
  edge distance changes. The result is the unique breadth-first distance, so every flat cell
  gets the direction of the whole-raster rule (the first neighbour one step closer).
* **Accumulation** (Barnes 2017, "Parallel non-divergent flow accumulation for trillion cell
  digital elevation models on desktops or clusters", arXiv:1608.04431): per tile the counts of
  its own cells; flow leaving a tile through an *exit* cell enters a cell of the next tile and
  follows the path there to that tile's next exit. :func:`link_totals` adds the flow up along
  this small graph of exits in topological order; per tile, the flow entering it is carried
  down its paths (:func:`tile_accumulation`).
"""

from dataclasses import dataclass

import numpy as np

from . import kernels
from .flow import D8, NO_FLOW, OFF_MAP, steepest_descent
from .streams import d8_accumulation, push_downstream
from .tiled import SIDES, border_mask, dilate8, perimeter_mask, side_cells

CODES = np.array([c for _dr, _dc, c in D8], dtype=np.uint8)
INF = np.inf


def inner(a):
    return a[1:-1, 1:-1]


def _nb(a, dr, dc):
    """The neighbour (dr, dc) of every inner cell of a grown array."""
    h, w = a.shape[0] - 2, a.shape[1] - 2
    return a[1 + dr : 1 + dr + h, 1 + dc : 1 + dc + w]


@dataclass
class TileFlow:
    best_k: np.ndarray  # inner: steepest neighbour 0..7 or -1
    outlet: np.ndarray  # inner: valid cells on the raster edge or beside draining NoData
    flat: np.ndarray  # inner: valid, no lower neighbour, not an outlet
    f: np.ndarray  # grown filled surface (float64, NaN = none)


def tile_flow(fg, validg, drainsg, border, dx, dy):
    """What the directions of a tile need from its grown (halo) arrays."""
    f = np.where(validg, fg, np.nan).astype(np.float64)
    best_k = inner(steepest_descent(f, dx, dy))
    valid = inner(validg)
    outlet = valid & (border_mask(valid.shape, border) | inner(dilate8(drainsg)))
    flat = valid & (best_k < 0) & ~outlet
    return TileFlow(best_k, outlet, flat, f)


def flat_distances(tf, halo_ring, prev=None):
    """Breadth-first distances of the tile's flat cells (float64, inf = none) from its own sources
    and the halo: ``halo_ring`` holds the neighbours' published distances on the tile's halo ring
    (:func:`halo_ring`; 0 = a cell that can drain, d = a flat cell at distance d, inf = none).
    ``prev``: (distances, halo ring) of an earlier visit — the halo only ever improves, so the
    compiled path then spreads only the halo cells that improved (same result).

    Graph as ``flow._resolve_flats``: 8-neighbours of equal filled elevation of which at least one
    is flat; a non-flat cell is a source (distance 0)."""
    f = tf.f
    gh, gw = f.shape
    if not tf.flat.any():
        return np.full(tf.flat.shape, INF)
    kern = kernels.get("flat_bfs")
    if kern is not None:
        return _flat_distances_numba(kern, tf, f, halo_ring, prev)
    halo_dist = ring_array(halo_ring, tf.flat.shape)
    flatg = np.zeros((gh, gw), bool)
    flatg[1:-1, 1:-1] = tf.flat
    # halo cells: flat when their published distance is > 0 (0 = source, inf = no node)
    hd = halo_dist.copy()
    hd[1:-1, 1:-1] = INF
    halo_flat = np.isfinite(hd) & (hd > 0)
    flatg |= halo_flat
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    idx = np.arange(gh * gw, dtype=np.int64).reshape(gh, gw)
    a_all, b_all = [], []
    for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
        r0, r1 = 0, gh - dr
        c0, c1 = max(0, -dc), gw - max(0, dc)
        fa, fb = f[r0:r1, c0:c1], f[r0 + dr : r1 + dr, c0 + dc : c1 + dc]
        # at least one end an inner flat cell: halo-halo pairs belong to the neighbours
        ina = np.zeros((gh, gw), bool)
        ina[1:-1, 1:-1] = True
        inn = ina[r0:r1, c0:c1] | ina[r0 + dr : r1 + dr, c0 + dc : c1 + dc]
        m = (fa == fb) & (flatg[r0:r1, c0:c1] | flatg[r0 + dr : r1 + dr, c0 + dc : c1 + dc]) & inn
        m &= ~(halo_flat[r0:r1, c0:c1] & halo_flat[r0 + dr : r1 + dr, c0 + dc : c1 + dc])
        a_all.append(idx[r0:r1, c0:c1][m])
        b_all.append(idx[r0 + dr : r1 + dr, c0 + dc : c1 + dc][m])
    a, b = np.concatenate(a_all), np.concatenate(b_all)
    nodes = np.unique(np.concatenate([a, b]))
    if nodes.size == 0:
        return np.full(tf.flat.shape, INF)
    local = np.full(gh * gw, -1, np.int64)
    local[nodes] = np.arange(nodes.size)
    fl = flatg.ravel()[nodes]
    init = np.where(fl, INF, 0.0)  # non-flat nodes are sources
    is_halo = ~np.zeros((gh, gw), bool)
    is_halo[1:-1, 1:-1] = False
    hn = is_halo.ravel()[nodes]
    init[hn] = hd.ravel()[nodes][hn]  # halo nodes: what the neighbour published
    seeds = np.flatnonzero(np.isfinite(init))
    root = nodes.size
    rows = np.concatenate([local[a], np.full(seeds.size, root)])
    cols = np.concatenate([local[b], seeds])
    w = np.concatenate([np.ones(a.size), init[seeds] + 1.0])  # weights > 0 for scipy
    g = coo_matrix((w, (rows, cols)), shape=(root + 1, root + 1)).tocsr()
    d = dijkstra(g, directed=False, indices=root)[:-1] - 1.0
    dist = np.full(gh * gw, INF)
    dist[nodes] = d
    out = inner(dist.reshape(gh, gw))
    return np.where(tf.flat, out, INF)


def _flat_distances_numba(kern, tf, f, ring, prev=None):
    """The compiled breadth-first pass (``numba_kernels.flat_start`` + ``flat_bfs``): the same
    distances. Seeds go in order of their start distance (within a distance any order gives the
    same breadth-first distances)."""
    gh, gw = f.shape
    n = f.size
    f = np.ascontiguousarray(f, dtype=np.float64)
    dist = np.empty(n)
    flatg = np.empty(n, np.bool_)
    halo = np.empty(n, np.bool_)
    seeds = np.empty(n, np.int64)
    sides = ("top", "bottom", "left", "right")
    ring = [np.ascontiguousarray(ring[k], dtype=np.float64) for k in sides]
    if prev is None:
        old_dist, old_ring = np.zeros((1, 1)), [np.zeros(1)] * 4
    else:
        old_dist = np.ascontiguousarray(prev[0], dtype=np.float64)
        old_ring = [np.ascontiguousarray(prev[1][k], dtype=np.float64) for k in sides]
    ns = kernels.get("flat_start")(
        f, tf.flat, *ring, old_dist, *old_ring, prev is not None, dist, flatg, halo, seeds
    )
    seeds = seeds[:ns]
    d = dist[seeds]
    later = d > 0
    if later.any():
        rest = seeds[later]
        seeds = np.concatenate([seeds[~later], rest[np.argsort(d[later], kind="stable")]])
    cur = np.empty(n, np.int64)
    nxt = np.empty(n, np.int64)
    kern(f.ravel(), flatg, halo, dist, seeds, gw, cur, nxt)
    return np.where(tf.flat, inner(dist.reshape(gh, gw)), INF)


def published(tf, dist):
    """The distances a tile publishes for its edge cells: 0 for valid cells that are not flat,
    the flat distance for flat cells, inf for no data. Returns {side: values}."""
    fi = inner(tf.f)
    out = {}
    for s in SIDES:
        flat, d, valid = side_cells(tf.flat, s), side_cells(dist, s), np.isfinite(side_cells(fi, s))
        out[s] = np.where(flat, d, np.where(valid, 0.0, INF))
    return out


def tile_codes(tf, dist, halo_dist):
    """D8 codes of the inner cells (the rule of ``flow.flow_directions``)."""
    valid = inner(np.isfinite(tf.f))
    code = np.full(valid.shape, NO_FLOW, np.uint8)
    has = tf.best_k >= 0
    code[has] = CODES[tf.best_k[has]]
    code[valid & ~has & tf.outlet] = OFF_MAP
    todo = tf.flat & np.isfinite(dist)
    if todo.any():
        gd = halo_dist.copy()
        gd[1:-1, 1:-1] = np.where(tf.flat, dist, np.where(valid, 0.0, INF))
        kern = kernels.get("flat_codes")
        if kern is not None:
            kern(code, todo, np.ascontiguousarray(dist, dtype=np.float64), gd, np.ascontiguousarray(tf.f))
            return code
        for dr, dc, c in D8:
            m = todo & (_nb(gd, dr, dc) == dist - 1) & (_nb(tf.f, dr, dc) == inner(tf.f))
            code[m] = c
            todo &= ~m
    return code


# ------------------------------------------------------------------------------ accumulation
@dataclass
class TileLinks:
    """What the global accumulation pass needs of a tile."""

    exits: np.ndarray  # raster index of every cell whose receiver lies in another tile
    exit_acc: np.ndarray  # int64: the tile's own cells draining through it (itself included)
    exit_target: np.ndarray  # raster index of its receiver (in another tile)
    perimeter: np.ndarray  # raster index of every edge cell of the tile
    perimeter_exit: np.ndarray  # raster index of the exit its path leaves the tile by, or -1


# row and column steps of each D8 code (0 elsewhere), for lookups by code
_DR = np.zeros(256, np.int64)
_DC = np.zeros(256, np.int64)
for _r, _c, _k in D8:
    _DR[_k], _DC[_k] = _r, _c


def _tile_receivers(code, window, ncols_total):
    """Receivers in tile-local flat indices (-1: off the map or out of the tile, -2: none) and the
    raster indices of the receivers of cells whose flow leaves the tile (else -1)."""
    h, w = code.shape
    r0, c0 = window[0], window[1]
    kern = kernels.get("tile_receivers")
    if kern is not None:
        rcv = np.empty(h * w, np.int64)
        target = np.empty(h * w, np.int64)
        kern(
            np.ascontiguousarray(code, dtype=np.uint8),
            _DR,
            _DC,
            int(r0),
            int(c0),
            int(ncols_total),
            rcv,
            target,
        )
        return rcv, target
    flat = code.ravel()
    rr, cc = np.divmod(np.arange(h * w, dtype=np.int64), w)
    tr = rr + _DR[flat]
    tc = cc + _DC[flat]
    moves = (flat != OFF_MAP) & (flat != NO_FLOW)
    inside = (tr >= 0) & (tr < h) & (tc >= 0) & (tc < w)
    rcv = np.where(moves & inside, tr * w + tc, np.where(flat == OFF_MAP, -1, -2))
    rcv[moves & ~inside] = -1
    out = np.where(moves & ~inside, (tr + r0) * ncols_total + (tc + c0), -1)
    return rcv, out


def tile_links(code, window, ncols_total):
    """Step 1 of the accumulation for one tile: its ``TileLinks`` and its own counts."""
    from .flow import jump_to_terminal

    h, w = code.shape
    r0, c0 = window[0], window[1]
    rcv, target = _tile_receivers(code, window, ncols_total)
    local_code = code.copy().ravel()
    leaving = target >= 0
    local_code[leaving] = OFF_MAP  # counted here; the next tile takes it on
    acc = d8_accumulation(local_code.reshape(h, w)).ravel().astype(np.int64)

    def gidx(k):  # raster index of local cells k
        return (k // w + r0) * ncols_total + (k % w + c0)

    per = np.flatnonzero(perimeter_mask((h, w)).ravel())
    term = jump_to_terminal(rcv, leaving)
    pe = term[per]
    pexit = np.where(leaving[pe], gidx(pe), -1)
    ex = np.flatnonzero(leaving)
    return TileLinks(gidx(ex), acc[ex], target[ex], gidx(per), pexit), acc


def link_totals(links, min_cells=None):
    """Flow entering each entry cell from other tiles: {raster index of the entry cell: cells}.
    The exits form a forest (each leads to at most one next exit); totals are added up in
    topological order (Kahn). With ``min_cells`` also {entry cell: number of exits into it whose
    accumulation reaches ``min_cells``} (the stream cells flowing in: ``core.tiled_streams``)."""
    exits = np.concatenate([lk.exits for lk in links]) if links else np.zeros(0, np.int64)
    acc = np.concatenate([lk.exit_acc for lk in links]) if links else np.zeros(0, np.int64)
    target = np.concatenate([lk.exit_target for lk in links]) if links else np.zeros(0, np.int64)
    per = np.concatenate([lk.perimeter for lk in links]) if links else np.zeros(0, np.int64)
    pexit = np.concatenate([lk.perimeter_exit for lk in links]) if links else np.zeros(0, np.int64)
    # next exit of each exit: the exit its target's path leaves by
    order = np.argsort(per)
    pos = np.searchsorted(per[order], target)
    ok = (pos < per.size) & (per[order][np.minimum(pos, per.size - 1)] == target)
    nxt_cell = np.where(ok, pexit[order][np.minimum(pos, per.size - 1)], -1)
    eorder = np.argsort(exits)
    epos = np.searchsorted(exits[eorder], nxt_cell)
    valid_next = (nxt_cell >= 0) & (epos < exits.size)
    valid_next &= exits[eorder][np.minimum(epos, exits.size - 1)] == nxt_cell
    nxt = np.where(valid_next, eorder[np.minimum(epos, exits.size - 1)], -1)
    total = push_downstream(acc.copy(), nxt)
    inflow = {}
    if exits.size:
        u, inv = np.unique(target, return_inverse=True)
        sums = np.bincount(inv, weights=total.astype(np.float64)).astype(np.int64)
        inflow = dict(zip(u.tolist(), sums.tolist()))
    if min_cells is None:
        return inflow
    streaming = {}
    if exits.size:
        su, counts = np.unique(target[total >= min_cells], return_counts=True)
        streaming = dict(zip(su.tolist(), counts.tolist()))
    return inflow, streaming


def tile_accumulation(code, window, ncols_total, own_acc, inflow):
    """Step 3 for one tile: its own counts plus the flow entering it, carried down its paths."""
    h, w = code.shape
    r0, c0 = window[0], window[1]
    if not inflow:
        return own_acc.reshape(h, w)
    rcv, _target = _tile_receivers(code, window, ncols_total)
    g = np.fromiter(inflow.keys(), np.int64, len(inflow))
    v = np.fromiter(inflow.values(), np.int64, len(inflow))
    r, c = np.divmod(g, ncols_total)
    pos = (r - r0) * w + (c - c0)
    return (own_acc + carry_down(rcv, pos, v)).reshape(h, w)


def carry_down(rcv, cells, values):
    """Add ``values`` to ``cells`` and to every cell downstream of them (flat receivers; stops
    where a receiver is negative). All walks step together; walks that meet are merged, so the
    work is bounded by the cells on the paths, not by their number."""
    extra = np.zeros(rcv.size, np.int64)
    pos, val = np.asarray(cells, np.int64), np.asarray(values, np.int64)
    kern = kernels.get("carry_values")
    if kern is not None:
        kern(np.ascontiguousarray(rcv, dtype=np.int64), pos, val, extra)
        return extra
    while pos.size:
        pos, inv = np.unique(pos, return_inverse=True)
        val = np.bincount(inv, weights=val).astype(np.int64)
        extra[pos] += val
        nxt = rcv[pos]
        keep = nxt >= 0
        pos, val = nxt[keep], val[keep]
    return extra


# ------------------------------------------------------------------------------ halo and drivers
def halo_ring(layout, t, sides_of, fill):
    """What the neighbouring tiles of tile ``t`` have along the sides facing it
    (``sides_of(tile) -> {side: values}``), as the ring of a one-cell halo: top and bottom rows
    with the corners (w + 2 cells), left and right columns (h cells); ``fill`` beyond the raster.
    Small (proportional to the tile's perimeter): what a tile task receives."""
    nr, nc = layout.shape
    i, j = divmod(t, nc)
    _r0, _c0, h, w = layout.window(t)
    top, bottom = np.full(w + 2, fill, np.float64), np.full(w + 2, fill, np.float64)
    left, right = np.full(h, fill, np.float64), np.full(h, fill, np.float64)
    if i > 0:
        top[1:-1] = sides_of(layout.index(i - 1, j))["bottom"]
        if j > 0:
            top[0] = sides_of(layout.index(i - 1, j - 1))["bottom"][-1]
        if j < nc - 1:
            top[-1] = sides_of(layout.index(i - 1, j + 1))["bottom"][0]
    if i < nr - 1:
        bottom[1:-1] = sides_of(layout.index(i + 1, j))["top"]
        if j > 0:
            bottom[0] = sides_of(layout.index(i + 1, j - 1))["top"][-1]
        if j < nc - 1:
            bottom[-1] = sides_of(layout.index(i + 1, j + 1))["top"][0]
    if j > 0:
        left[:] = sides_of(layout.index(i, j - 1))["right"]
    if j < nc - 1:
        right[:] = sides_of(layout.index(i, j + 1))["left"]
    return {"top": top, "bottom": bottom, "left": left, "right": right}


def grow(inner_values, ring, dtype=np.float64):
    """The tile's array grown by its halo ring (see :func:`halo_ring`)."""
    h, w = inner_values.shape
    g = np.empty((h + 2, w + 2), dtype=dtype)
    g[1:-1, 1:-1] = inner_values
    g[0, :] = ring["top"]
    g[-1, :] = ring["bottom"]
    g[1:-1, 0] = ring["left"]
    g[1:-1, -1] = ring["right"]
    return g


def ring_array(ring, shape, fill=INF):
    """A tile of ``shape`` filled with ``fill`` and grown by its halo ``ring`` (the halo arrays
    ``flat_distances`` and ``tile_codes`` read)."""
    return grow(np.full(shape, fill), ring)


def neighbours(layout, t):
    nr, nc = layout.shape
    i, j = divmod(t, nc)
    return [
        layout.index(a, b)
        for a in (i - 1, i, i + 1)
        for b in (j - 1, j, j + 1)
        if (a, b) != (i, j) and 0 <= a < nr and 0 <= b < nc
    ]


def listening(tf):
    """The cells of the tile's halo ring (as :func:`halo_ring`) whose distance can matter to the
    tile: those beside one of its flat cells with the same filled elevation (the flats' graph of
    :func:`flat_distances` and the directions of :func:`tile_codes` use no other halo cell). A
    change anywhere else on the ring leaves the tile's distances and directions as they are."""
    f = tf.f
    gh, gw = f.shape
    flatg = np.zeros((gh, gw), bool)
    flatg[1:-1, 1:-1] = tf.flat
    need = np.zeros((gh, gw), bool)
    for dr, dc, _k in D8:
        # cell (r, c) is needed when its neighbour (r + dr, c + dc) is flat and as high
        r0, r1 = max(0, -dr), gh - max(0, dr)
        c0, c1 = max(0, -dc), gw - max(0, dc)
        need[r0:r1, c0:c1] |= flatg[r0 + dr : r1 + dr, c0 + dc : c1 + dc] & (
            f[r0:r1, c0:c1] == f[r0 + dr : r1 + dr, c0 + dc : c1 + dc]
        )
    # copies: views would keep the whole grown mask of every tile alive in the driver (4 MB per
    # tile of 2048², 1 GB on a city of 256 tiles) for as long as the relaxation runs
    return {
        "top": need[0, :].copy(),
        "bottom": need[-1, :].copy(),
        "left": need[1:-1, 0].copy(),
        "right": need[1:-1, -1].copy(),
    }


def relax_flats(layout, compute, batch=1, initial=None, listen=None):
    """Run ``compute(tiles, ring_of) -> [(dist, published sides), …]`` until no tile's halo ring
    differs from the one it was last computed with. First every tile once; then, like Dijkstra's
    algorithm over tiles, the tiles whose halo improved by the smallest distance first, in
    batches of ``batch`` (the engine's parallel width), so that a tile is seldom visited before
    its neighbours' shorter distances have reached it. ``initial``: what every tile publishes
    before any distance is known (``published(tf, inf)``: its cells that can drain), so that
    the first visit already sees the sources beyond its edges. ``listen``: per tile the ring
    cells that can matter to it (:func:`listening`); a tile is visited again only when one of
    those improved. Returns (dists, published sides, tile computations)."""
    import heapq

    n = len(layout)
    pub = list(initial) if initial is not None else [None] * n
    used = [None] * n
    dists = [None] * n

    def sides_of(u):
        if pub[u] is None:
            _r0, _c0, h, w = layout.window(u)
            return {
                "top": np.full(w, INF),
                "bottom": np.full(w, INF),
                "left": np.full(h, INF),
                "right": np.full(h, INF),
            }
        return pub[u]

    heap = [(-1.0, t) for t in range(n)]
    key = {t: -1.0 for t in range(n)}  # queued tiles and their priority
    computed = 0
    while heap:
        ts = []
        while heap and len(ts) < batch:
            k, t = heapq.heappop(heap)
            if key.get(t) == k:
                ts.append(t)
                del key[t]
        if not ts:
            continue
        rings = {t: halo_ring(layout, t, sides_of, INF) for t in ts}
        results = compute(ts, rings.__getitem__)
        computed += len(ts)
        for t, (dist, sides) in zip(ts, results):
            dists[t], used[t] = dist, rings[t]
            old, pub[t] = pub[t], sides
            if old is not None and all(np.array_equal(old[s], sides[s]) for s in SIDES):
                continue
            for u in neighbours(layout, t):
                if used[u] is None:
                    continue  # not computed yet: queued already
                ring = halo_ring(layout, u, sides_of, INF)
                if listen is None:
                    better = [ring[k][ring[k] < used[u][k]] for k in ring]
                else:
                    better = [ring[k][(ring[k] < used[u][k]) & listen[u][k]] for k in ring]
                better = np.concatenate(better)
                if better.size == 0:
                    continue
                prio = float(better.min())
                if prio < key.get(u, INF):
                    key[u] = prio
                    heapq.heappush(heap, (prio, u))
    return dists, pub, computed


def route_tiled_array(filled, valid, drains, tile_rows, tile_cols, dx=1.0, dy=1.0):
    """Codes and accumulation tile by tile on in-memory arrays (for the tests and as the reference
    of the I/O driver): equal to ``flow.flow_directions`` and ``streams.d8_accumulation``."""
    from .tiled import TileLayout

    nrows, ncols = filled.shape
    lay = TileLayout(nrows, ncols, tile_rows, tile_cols)
    fg_all = np.pad(np.where(valid, filled, np.nan).astype(np.float64), 1, constant_values=np.nan)
    vg_all = np.pad(valid, 1, constant_values=False)
    dg_all = np.pad(drains, 1, constant_values=False)

    def grown(a, t):
        r0, c0, h, w = lay.window(t)
        return a[r0 : r0 + h + 2, c0 : c0 + w + 2]

    def tf_of(t):
        return tile_flow(grown(fg_all, t), grown(vg_all, t), grown(dg_all, t), lay.border(t), dx, dy)

    def compute(ts, halo):
        out = []
        for t in ts:
            tf = tf_of(t)
            d = flat_distances(tf, halo(t))
            out.append((d, published(tf, d)))
        return out

    initial, listen = [], []
    for t in range(len(lay)):
        tf = tf_of(t)
        initial.append(published(tf, np.full(tf.flat.shape, INF)))
        listen.append(listening(tf))
    dists, pub, _rounds = relax_flats(lay, compute, initial=initial, listen=listen)
    code = np.empty((nrows, ncols), np.uint8)
    links, own = [], []
    for t in range(len(lay)):
        r0, c0, h, w = lay.window(t)
        tf = tf_of(t)
        c = tile_codes(tf, dists[t], ring_array(halo_ring(lay, t, lambda u: pub[u], INF), tf.flat.shape))
        code[r0 : r0 + h, c0 : c0 + w] = c
        lk, acc = tile_links(c, (r0, c0, h, w), ncols)
        links.append(lk)
        own.append(acc)
    inflow = link_totals(links)
    acc = np.empty((nrows, ncols), np.int64)
    for t in range(len(lay)):
        r0, c0, h, w = lay.window(t)
        mine = {g: v for g, v in inflow.items() if r0 <= g // ncols < r0 + h and c0 <= g % ncols < c0 + w}
        acc[r0 : r0 + h, c0 : c0 + w] = tile_accumulation(
            code[r0 : r0 + h, c0 : c0 + w], (r0, c0, h, w), ncols, own[t], mine
        )
    return code, acc
