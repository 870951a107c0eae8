"""Depression filling (Senkenfüllung) without epsilon.

The filled surface F of a DEM z is the lowest surface with F >= z on which every cell has a
non-ascending path to an outlet (the raster edge or draining NoData). It is unique, so any correct
tool gives the same F cell for cell (scikit-image reconstruction by erosion, richdem, SAGA Wang &
Liu with MINSLOPE=0, TopoToolbox). Two implementations live here, and they agree exactly:

* ``_priority_flood_numba`` — Priority-Flood with a pit queue (Barnes, Lehman & Mulla 2014,
  "Priority-Flood: An optimal depression-filling and watershed-labeling algorithm for digital
  elevation models", Computers & Geosciences 62, Algorithm 2) and upslope tracing that keeps slope
  cells out of the heap (Zhou, Sun & Fu 2016, Computers & Geosciences 90), compiled when numba is
  present.
* ``_fill_minimax_scipy`` — the same surface as a minimax-path problem, solved with scipy only:
  F(c) is the smallest possible maximum elevation along any path from c to an outlet. That value is
  the maximum along the path from c to the outlet in a minimum spanning tree of the 8-neighbour
  graph with edge weight max(z_a, z_b) (Kruskal in scipy), evaluated with pointer jumping.
"""

import numpy as np
from scipy import ndimage

from . import kernels
from .accel import numba_module

EIGHT = np.ones((3, 3), dtype=bool)
_NO_LABELS = np.zeros(1, dtype=np.int32)


def classify_nodata(valid, nodata_drains=True):
    """Split NoData into draining cells and walls.

    NoData connected to the raster border is always outside (water reaching it leaves the map).
    Enclosed NoData holes drain when ``nodata_drains`` is true and are walls otherwise.
    Returns ``(drains, walls)`` boolean arrays.
    """
    invalid = ~valid
    if nodata_drains or not invalid.any():
        return invalid, np.zeros_like(invalid)
    labels, n = ndimage.label(invalid, structure=EIGHT)
    border_ids = np.unique(np.concatenate([labels[0, :], labels[-1, :], labels[:, 0], labels[:, -1]]))
    border_ids = border_ids[border_ids > 0]
    touches_border = np.zeros(n + 1, dtype=bool)
    touches_border[border_ids] = True
    drains = touches_border[labels]
    return drains, invalid & ~drains


def outlet_cells(valid, drains):
    """Valid cells on the raster edge or 8-adjacent to draining NoData."""
    seeds = np.zeros_like(valid)
    if drains.any():  # 3 x 3 dilation, separable: along the rows, then along the columns
        row = drains.copy()
        row[:, 1:] |= drains[:, :-1]
        row[:, :-1] |= drains[:, 1:]
        seeds |= row
        seeds[1:] |= row[:-1]
        seeds[:-1] |= row[1:]
        del row
    seeds[0, :] = seeds[-1, :] = True
    seeds[:, 0] = seeds[:, -1] = True
    return seeds & valid


def fill_depressions(z, valid=None, nodata_drains=True, progress=None, use_numba=None, drains=None):
    """Return the depression-filled surface of ``z`` (same dtype; NaN where not valid).

    ``valid``: boolean mask of cells with data (default: finite cells).
    Cells in a region that no outlet can reach (enclosed by wall NoData) keep their elevation.
    ``drains``: the draining NoData of ``classify_nodata``, when the caller has it already.
    """
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if valid is None:
        valid = np.isfinite(z)
    if drains is None:
        drains = classify_nodata(valid, nodata_drains)[0]
    seeds = outlet_cells(valid, drains)
    nb = numba_module() if use_numba in (None, True) else None
    if nb is not None:
        filled = _priority_flood(z, valid, seeds)
    else:
        filled = _fill_minimax_scipy(z, valid, seeds, progress)
    if not valid.all():
        filled[~valid] = np.nan
    return filled


# --------------------------------------------------------------------------------------------
# numba Priority-Flood
def _priority_flood(z, valid, seeds, seed_labels=None):
    """The filled surface; with ``seed_labels`` (int32 per cell, read at the seeds) also the
    watershed labels: each cell gets the label of the seed its flood came from (-1: none)."""
    fn = kernels.get("priority_flood")
    nrows, ncols = z.shape
    # everything on the grid padded by one closed cell on every side: neighbours are fixed
    # offsets in padded index space (no bounds checks, no index conversions)
    ncp = ncols + 2
    state = np.ones((nrows + 2, ncp), dtype=np.uint8)
    np.logical_not(valid, out=state.view(np.bool_)[1:-1, 1:-1])
    filled = np.empty((nrows + 2, ncp), dtype=z.dtype)
    filled[[0, -1], :] = 0
    filled[:, [0, -1]] = 0
    filled[1:-1, 1:-1] = z
    r, c = np.divmod(np.flatnonzero(seeds), ncols)
    seed_idx = ((r + 1) * ncp + c + 1).astype(np.int32)
    labels = _NO_LABELS
    if seed_labels is not None:
        labels = np.full((nrows + 2, ncp), -1, dtype=np.int32)
        labels[1:-1, 1:-1][seeds] = seed_labels[seeds]
    if seed_idx.size:
        nbins = int(min(max(z.size // 4, 1024), 1 << 22))
        fn(filled.ravel(), state.ravel(), seed_idx, ncp, nbins, labels.ravel())
    if seed_labels is None:
        return filled[1:-1, 1:-1].copy()
    return filled[1:-1, 1:-1].copy(), labels[1:-1, 1:-1].copy()


# --------------------------------------------------------------------------------------------
# scipy fallback: minimax paths through a minimum spanning tree
def neighbour_pairs(valid):
    """Flat index pairs (a, b) of 8-neighbours that are both valid (each pair once)."""
    nrows, ncols = valid.shape
    idx = np.arange(valid.size, dtype=np.int64).reshape(valid.shape)
    pairs_a, pairs_b = [], []
    # E, S, SE, SW offsets: every undirected 8-neighbour pair exactly once
    for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
        r0, r1 = 0, nrows - dr
        c0, c1 = max(0, -dc), ncols - max(0, dc)
        a = idx[r0:r1, c0:c1]
        b = idx[r0 + dr : r1 + dr, c0 + dc : c1 + dc]
        ok = valid[r0:r1, c0:c1] & valid[r0 + dr : r1 + dr, c0 + dc : c1 + dc]
        pairs_a.append(a[ok])
        pairs_b.append(b[ok])
    return np.concatenate(pairs_a), np.concatenate(pairs_b)


def _fill_minimax_scipy(z, valid, seeds, progress=None, seed_labels=None):
    """The filled surface (and with ``seed_labels`` the labels, as ``_priority_flood``): the
    tree path of a cell to the outlet node ends with the edge from one seed — its label."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import breadth_first_order, minimum_spanning_tree

    n = z.size
    zf = z.ravel().astype(np.float64)
    a, b = neighbour_pairs(valid)
    s = np.flatnonzero(seeds)
    root = n  # virtual outlet node
    zmin = float(np.nanmin(zf[valid.ravel()])) if valid.any() else 0.0
    # weights must be > 0 for scipy (0 means "no edge"); a shift keeps the order exactly
    w = np.concatenate([np.maximum(zf[a], zf[b]), zf[s]]) - zmin + 1.0
    rows = np.concatenate([a, s])
    cols = np.concatenate([b, np.full(s.size, root, dtype=np.int64)])
    del a, b
    graph = coo_matrix((w, (rows, cols)), shape=(n + 1, n + 1)).tocsr()
    del w, rows, cols
    if progress:
        progress(30)
    tree = minimum_spanning_tree(graph)
    del graph
    if progress:
        progress(60)
    _order, pred = breadth_first_order(tree, root, directed=False, return_predecessors=True)
    del tree
    reached = pred >= 0
    reached[root] = True
    val = np.empty(n + 1, dtype=np.float64)
    val[:n] = zf
    val[root] = -np.inf
    anc = np.where(pred >= 0, pred, root)
    anc[root] = root
    top = None
    if seed_labels is not None:
        # the seed each cell's tree path leaves through: its ancestor whose parent is the root
        top = np.where(anc == root, np.arange(n + 1), anc)
        while True:
            nxt_top = top[top]
            if np.array_equal(nxt_top, top):
                break
            top = nxt_top
    # pointer jumping: val[v] = max of z along the tree path from v to the outlet
    while True:
        nxt = anc[anc]
        val = np.maximum(val, val[anc])
        if np.array_equal(nxt, anc):
            break
        anc = nxt
    unreached = ~reached[:n].reshape(z.shape)
    out = val[:n].reshape(z.shape)
    out[unreached] = zf.reshape(z.shape)[unreached]
    if progress:
        progress(90)
    if seed_labels is None:
        return out.astype(z.dtype)
    flat = seed_labels.ravel()
    labels = np.where(unreached.ravel() | ~valid.ravel(), -1, flat[np.minimum(top[:n], n - 1)])
    # a seed keeps its own label (its tree path may leave through another seed of equal height)
    labels[s] = flat[s]
    return out.astype(z.dtype), labels.reshape(z.shape).astype(np.int32)
