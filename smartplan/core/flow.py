"""D8 flow routing on a depression-filled surface, with flats resolved.

Encoding of flow directions (ESRI / ArcGIS convention, documented in the algorithm help)::

    32  64 128
    16   x   1
     8   4   2

0 = the cell drains off the map (raster edge or draining NoData), 255 = NoData / no outlet.

Rules (all deterministic, so the numba and scipy paths give identical results):

* Steepest descent: drop divided by distance (1 for edges, sqrt(2) for diagonals; O'Callaghan &
  Mark 1984 as in TauDEM, SAGA, WhiteboxTools), computed in float64 as drop times the reciprocal
  of the distance (so both code paths round alike). Ties: the first direction in the order E,
  SE, S, SW, W, NW, N, NE.
* Outlet cells (edge, or next to draining NoData) with no lower neighbour drain off the map.
* Flats (cells without a lower neighbour on the filled surface, filled sinks included) drain
  towards the nearest lower edge of the flat: breadth-first distance through cells of equal
  elevation from the cells that can already drain (the "towards lower terrain" gradient of
  Barnes, Lehman & Mulla 2014, "An efficient assignment of drainage direction over flat
  surfaces"); a flat cell flows to the first neighbour (in the order above) one step closer.
"""

import numpy as np

from . import kernels
from .fill import classify_nodata, neighbour_pairs, outlet_cells
from .parallel import parallel, row_bands

# (row offset, col offset, code)
D8 = ((0, 1, 1), (1, 1, 2), (1, 0, 4), (1, -1, 8), (0, -1, 16), (-1, -1, 32), (-1, 0, 64), (-1, 1, 128))
OFF_MAP = 0
NO_FLOW = 255
OFFMAP_RCV = -1
NONE_RCV = -2


def _shift(a, dr, dc, fill):
    """out[r, c] = a[r + dr, c + dc] (fill outside)."""
    out = np.full(a.shape, fill, dtype=a.dtype)
    nr, nc = a.shape
    rs = slice(max(0, -dr), nr - max(0, dr))
    cs = slice(max(0, -dc), nc - max(0, dc))
    rs2 = slice(max(0, dr), nr - max(0, -dr))
    cs2 = slice(max(0, dc), nc - max(0, -dc))
    out[rs, cs] = a[rs2, cs2]
    return out


def flow_directions(filled, valid, nodata_drains=True, dx=1.0, dy=1.0, drains=None):
    """D8 directions (uint8 codes) and receivers (flat indices; -1 off map, -2 none).

    ``dx``/``dy``: cell width and height (only their ratio matters for the steepest descent).
    ``drains``: the draining NoData of ``classify_nodata``, when the caller has it already.
    """
    nrows, ncols = filled.shape
    if drains is None:
        drains = classify_nodata(valid, nodata_drains)[0]
    itype = np.int32 if filled.size < 2**31 - 1 else np.int64
    rows = kernels.get("d8_rows")
    if rows is not None:
        code, rcv = _flow_directions_numba(rows, filled, valid, drains, itype, float(dx), float(dy))
        return code.reshape(filled.shape), rcv.reshape(filled.shape)
    outlets = outlet_cells(valid, drains)
    f = np.where(valid, filled, np.nan).astype(np.float64)
    best_k = steepest_descent(f, dx, dy)
    rcv, code = steepest_receivers(best_k)
    off = valid & (best_k < 0) & outlets
    rcv[off] = OFFMAP_RCV
    code[off] = OFF_MAP
    flat = valid & (best_k < 0) & ~outlets
    del best_k
    if flat.any():
        _resolve_flats(f, valid, flat, rcv, code)
    return code, rcv.astype(itype)


def steepest_receivers(best_k):
    """Receivers (flat indices, NONE_RCV where there is no lower neighbour; 2-D) and D8 codes of
    the steepest-descent choices of :func:`steepest_descent`."""
    ncols = best_k.shape[1]
    idx = np.arange(best_k.size, dtype=np.int64).reshape(best_k.shape)
    rcv = np.full(best_k.shape, NONE_RCV, dtype=np.int64)
    code = np.full(best_k.shape, NO_FLOW, dtype=np.uint8)
    for k, (dr, dc, c) in enumerate(D8):
        m = best_k == k
        rcv[m] = idx[m] + dr * ncols + dc
        code[m] = c
    return rcv, code


def steepest_descent(f, dx, dy):
    """Index (0..7 in ``D8`` order, -1: no lower neighbour) of each cell's steepest downhill
    neighbour on ``f`` (float64, NaN = no data or outside): the rule of the module docstring."""
    diag = float(np.hypot(dx, dy))
    kern = kernels.get("steepest_k")
    if kern is not None:
        inv = np.array([1.0 / (diag if dr and dc else (dx if dc else dy)) for dr, dc, _c in D8])
        best_k = np.empty(f.shape, dtype=np.int8)
        kern(np.ascontiguousarray(f, dtype=np.float64), inv, best_k)
        return best_k
    best = np.zeros(f.shape, dtype=np.float64)
    best_k = np.full(f.shape, -1, dtype=np.int8)
    for k, (dr, dc, _code) in enumerate(D8):
        nb = _shift(f, dr, dc, np.nan)
        inv = 1.0 / (diag if dr and dc else (dx if dc else dy))
        with np.errstate(invalid="ignore"):
            slope = (f - nb) * inv
            better = slope > best  # NaN compares false: invalid neighbours never win
        best = np.where(better, slope, best)
        best_k[better] = k
        del nb, slope, better
    return best_k


def _flow_directions_numba(rows, filled, valid, drains, itype, dx, dy):
    """The compiled path: row bands run on all cores (the kernels release the GIL); the flats'
    breadth-first distances too (see ``_flat_distances``), then their receivers are written."""
    nrows, ncols = filled.shape
    ncp = ncols + 2
    z = np.ascontiguousarray(filled).ravel()
    # cell states, the grid padded by one cell (see kernels.d8_rows / resolve_flats); 254 =
    # outside: the frame and draining NoData
    st = np.empty((nrows + 2) * ncp, dtype=np.uint8)
    st2 = st.reshape(nrows + 2, ncp)
    st2[0] = st2[-1] = st2[:, 0] = st2[:, -1] = 254
    none = np.zeros(0, dtype=bool)
    vmask = none if valid.all() else np.ascontiguousarray(valid).ravel()
    dmask = np.ascontiguousarray(drains).ravel() if drains.any() else none
    qtype = np.int32 if st.size < 2**31 - 1 else np.int64
    bands = row_bands(nrows)
    rcv = np.empty(filled.size, dtype=itype)
    code = np.empty(filled.size, dtype=np.uint8)
    rowflats = np.empty(nrows, dtype=np.int64)
    outs = [np.empty(_source_slots((r1 - r0) * ncols), dtype=qtype) for r0, r1 in bands]
    found = parallel(
        rows,
        [
            (z, vmask, dmask, nrows, ncols, r0, r1, dx, dy, rcv, code, st, rowflats, o)
            for (r0, r1), o in zip(bands, outs)
        ],
    )
    nflat = sum(int(f[0]) for f in found)
    if nflat:
        # the sources of each band's first and last rows, which needed the rows beside the band
        edge = np.unique([r for r0, r1 in bands for r in (r0, r1 - 1)]).astype(np.int64)
        tail = np.empty(edge.size * ncols, dtype=qtype)
        m = kernels.get("flat_sources")(z, st, ncols, edge, tail, 0)
        if all(int(f[1]) <= o.size for f, o in zip(found, outs)):
            sources = np.concatenate([o[: int(f[1])] for f, o in zip(found, outs)] + [tail[:m]])
        else:  # more sources than the lists hold (rare): collect them from their mark
            sources = np.flatnonzero(st == 4).astype(qtype)
        del outs
        _flat_distances(z, ncp, nrows, ncols, st, sources, rowflats, nflat)
        parallel(kernels.get("flat_directions"), [(z, st, ncp, r0, r1, ncols, rcv, code) for r0, r1 in bands])
    return code, rcv


def _source_slots(cells):
    """Room in a band's list of flat sources (more are found from their mark instead)."""
    return cells // 16 + 1024


# below this many flat cells, one thread resolves them all
PARALLEL_FLATS = 100_000
# the flats crossing the cuts are marked first; beyond this share of all flats, one thread does all
CROSSING_SHARE = 0.4


def _flat_distances(z, ncp, nrows, ncols, st, sources, rowflats, nflat):
    """Breadth-first distances through the flats (``kernels.resolve_flats``), on row bands on
    all cores: the cuts go where the fewest flats cross (near equal shares of flat cells), the
    flats that still cross a cut are marked and resolved by a thread of their own. BFS
    distances are unique, so the result equals one breadth-first pass over the whole grid.
    Returns how it went: "one pass", "bands", "bands + crossing" or "one pass, crossing too large"."""
    resolve = kernels.get("resolve_flats")
    nb = len(row_bands(nrows))
    if nb == 1 or nflat < PARALLEL_FLATS:
        _checked(resolve(z, ncp, sources, 0, st.size, 0, nflat, st))
        return "one pass"
    cuts = _flat_cuts(st, ncp, nrows, ncols, rowflats, nb)
    cells = np.empty(int(CROSSING_SHARE * nflat) + 1, dtype=sources.dtype)
    src = np.empty(8 * sources.size, dtype=sources.dtype)
    counts = np.zeros(2, dtype=np.int64)
    if kernels.get("mark_crossing")(z, ncp, ncols, st, cuts, cells, src, counts) < 0:
        st[cells] = 0  # large flats cross every cut: one pass (the marks undone)
        _checked(resolve(z, ncp, sources, 0, st.size, 0, nflat, st))
        return "one pass, crossing too large"
    edges = [0, *cuts.tolist(), nrows]
    jobs = [
        (z, ncp, sources, (r0 + 1) * ncp, (r1 + 1) * ncp, 0, int(rowflats[r0:r1].sum()), st)
        for r0, r1 in zip(edges[:-1], edges[1:])
    ]
    if counts[0]:
        jobs.append((z, ncp, src[: counts[1]], 0, st.size, 5, int(counts[0]), st))
    del cells
    _checked(*parallel(resolve, jobs))
    return "bands + crossing" if counts[0] else "bands"


def _checked(*reached):
    if min(reached) < 0:  # a broken invariant must not pass unnoticed
        raise RuntimeError("flat resolution reached more cells than there are flats")


def _flat_cuts(st, ncp, nrows, ncols, rowflats, nb):
    """Row boundaries for ``nb`` bands: near equal shares of the flat cells, moved by up to a
    tenth of the rows to where fewer flats cross (each cut weighs the flat cells a band gets
    too many or too few against the square of the flat cells crossing it)."""
    cum = np.cumsum(rowflats)
    win = max(1, nrows // 10)
    kern = kernels.get("flat_crossings")
    cuts = []
    prev = 0
    for i in range(1, nb):
        ideal = int(np.searchsorted(cum, cum[-1] * i / nb)) + 1
        lo = max(prev + 1, ideal - win)
        hi = min(nrows - (nb - i), ideal + win + 1)
        if hi <= lo:
            cut = max(prev + 1, min(ideal, nrows - (nb - i)))
        else:
            cross = np.empty(hi - lo, dtype=np.int64)
            kern(st, ncp, ncols, lo, hi, cross)
            b = np.arange(lo, hi)
            # a flat w cells wide at the cut holds some w² cells: weigh them against the imbalance
            cost = np.abs(cum[b - 1] - cum[-1] * i / nb) + cross.astype(np.float64) ** 2
            cut = int(b[np.argmin(cost)])
        cuts.append(cut)
        prev = cut
    return np.array(cuts, dtype=np.int64)


def _resolve_flats(f, valid, flat, rcv, code):
    from scipy import ndimage
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    nrows, ncols = f.shape
    near = ndimage.binary_dilation(flat, structure=np.ones((3, 3), bool)) & valid
    a, b = neighbour_pairs(near)
    ff = f.ravel()
    flat_r = flat.ravel()
    keep = (ff[a] == ff[b]) & (flat_r[a] | flat_r[b])
    a, b = a[keep], b[keep]
    nodes = np.unique(np.concatenate([a, b]))
    local = np.full(f.size, -1, dtype=np.int64)
    local[nodes] = np.arange(nodes.size)
    sources = nodes[~flat_r[nodes]]
    root = nodes.size
    rows = np.concatenate([local[a], np.full(sources.size, root, dtype=np.int64)])
    cols = np.concatenate([local[b], local[sources]])
    g = coo_matrix((np.ones(rows.size), (rows, cols)), shape=(root + 1, root + 1)).tocsr()
    dist_local = dijkstra(g, directed=False, unweighted=True, indices=root)
    dist = np.full(f.size, np.inf)
    dist[nodes] = dist_local[:-1]
    dist = dist.reshape(f.shape)
    todo = flat & np.isfinite(dist)
    idx = np.arange(f.size, dtype=np.int64).reshape(f.shape)
    for dr, dc, c in D8:
        nb_dist = _shift(dist, dr, dc, np.inf)
        nb_f = _shift(f, dr, dc, np.nan)
        m = todo & (nb_dist == dist - 1) & (nb_f == f)
        rcv[m] = idx[m] + dr * ncols + dc
        code[m] = c
        todo &= ~m
    # flat cells that reach no outlet (inside wall-enclosed areas) keep NONE_RCV / NO_FLOW


def jump_to_terminal(rcv, terminal):
    """For every cell, the first cell on its flow path that is terminal (or has no receiver).

    ``rcv``: flat receivers (negative = none); ``terminal``: flat bool. Pointer jumping,
    O(N log L) for the longest path L, fully vectorised.
    """
    n = rcv.size
    dtype = np.int32 if n < 2**31 - 1 else np.int64
    kern = kernels.get("first_terminal")
    if kern is not None:
        out = np.empty(n, dtype=dtype)
        kern(rcv, terminal, out)
        return out
    nxt = np.arange(n, dtype=dtype)
    go = (~terminal) & (rcv >= 0)
    nxt[go] = rcv[go]
    while True:
        nn = nxt[nxt]
        if np.array_equal(nn, nxt):
            return nxt
        nxt = nn
