"""Exact depression filling of rasters larger than memory, tile by tile (no QGIS, no I/O).

Method: Barnes (2016), "Parallel Priority-Flood depression filling for trillion cell digital
elevation models on desktops or clusters", Computers & Geosciences 96 (arXiv:1606.06204).

1. **Per tile** (:func:`local_pass`): a Priority-Flood that treats every valid cell on the tile's
   perimeter as a seed with a label of its own (1..P) and the tile's true outlets (raster edge,
   draining NoData) as the label 0 = "outside". It returns the local filled surface F_loc, the
   watershed label L of every cell, and the tile's small spill graph: for two labels that touch,
   the lowest ``max(F_loc(a), F_loc(b))`` over touching cells a, b.
2. **Once for all tiles** (:func:`global_levels`): the graph of all tiles' perimeter labels, with
   the spill edges of step 1 and an edge ``max(z_a, z_b)`` for every pair of 8-neighbours across a
   tile seam (``z_a`` for a cell beside draining NoData across a seam), is solved for the minimax
   level G of every label: the lowest possible highest point on a way to the outside (a minimum
   spanning tree from the outside node, scipy).
3. **Per tile** (:func:`final_surface`): F = max(F_loc, G(L)); cells whose label never reaches the
   outside (walls all round) keep their elevation, as in the whole-raster fill.

Why it is exact: G(p) of a perimeter cell equals the whole-raster F(p) (every edge weight is the
height of a real way, and any way out of the tile passes perimeter cells whose F_loc is no higher
than the way's highest point), and F(c) = min over seeds s of max(minimax(c, s), G(s)) equals
max(F_loc(c), G(L(c))) because the labels of c's best way are joined in the graph by edges no
higher than that way. The tests compare it cell for cell with :func:`fill.fill_depressions` on many
tile layouts.

NoData: NoData connected to the raster edge always drains; with ``nodata_drains=False`` enclosed
holes are walls. Across tiles the NoData components are joined first (:func:`nodata_local`,
:func:`draining_components`), as ``fill.classify_nodata`` does on the whole raster.
"""

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from .fill import EIGHT, _fill_minimax_scipy, _priority_flood
from .kernels import get as _kernel

SIDES = ("top", "bottom", "left", "right")


def side_cells(a, side):
    """The cells of 2D ``a`` along one side of the tile (a copy)."""
    return {"top": a[0, :], "bottom": a[-1, :], "left": a[:, 0], "right": a[:, -1]}[side].copy()


def perimeter_mask(shape):
    m = np.zeros(shape, dtype=bool)
    m[0, :] = m[-1, :] = True
    m[:, 0] = m[:, -1] = True
    return m


def border_mask(shape, border):
    """Cells on the sides of the tile that lie on the raster's edge. ``border``: dict side → bool."""
    m = np.zeros(shape, dtype=bool)
    if border.get("top"):
        m[0, :] = True
    if border.get("bottom"):
        m[-1, :] = True
    if border.get("left"):
        m[:, 0] = True
    if border.get("right"):
        m[:, -1] = True
    return m


def dilate8(mask):
    """3 x 3 dilation (separable)."""
    row = mask.copy()
    row[:, 1:] |= mask[:, :-1]
    row[:, :-1] |= mask[:, 1:]
    out = row.copy()
    out[1:] |= row[:-1]
    out[:-1] |= row[1:]
    return out


# ------------------------------------------------------------------------------ NoData pre-pass
@dataclass
class NodataSummary:
    n: int  # NoData components in the tile (labels 1..n)
    at_border: np.ndarray  # labels of components with a cell on the raster's edge
    sides: dict  # side → component label per cell (0 = valid)


def nodata_components(valid):
    return ndimage.label(~valid, structure=EIGHT)


def nodata_local(valid, border):
    lab, n = nodata_components(valid)
    at = np.unique(lab[border_mask(lab.shape, border)])
    return NodataSummary(int(n), at[at > 0], {s: side_cells(lab, s) for s in SIDES})


def seam_pairs(length):
    """Index pairs (i, j) of the 8-neighbours across a straight seam of ``length`` cells:
    (k, k), (k, k+1), (k+1, k)."""
    k = np.arange(length)
    d = np.arange(length - 1)
    return np.concatenate([k, d, d + 1]), np.concatenate([k, d + 1, d])


def seams(layout, sides_of):
    """For every seam of the tile ``layout`` (``TileLayout``): the two facing lines of cells as
    (first_side_values, second_side_values) with ``sides_of(tile_index, side)`` giving a tile's
    values along a side. Yields (a, b) arrays whose pairs :func:`seam_pairs` indexes."""
    nr, nc = layout.shape
    for j in range(1, nc):  # vertical seams: right side of column j-1, left side of column j
        a = np.concatenate([sides_of(layout.index(i, j - 1), "right") for i in range(nr)])
        b = np.concatenate([sides_of(layout.index(i, j), "left") for i in range(nr)])
        yield a, b
    for i in range(1, nr):  # horizontal seams
        a = np.concatenate([sides_of(layout.index(i - 1, j), "bottom") for j in range(nc)])
        b = np.concatenate([sides_of(layout.index(i, j), "top") for j in range(nc)])
        yield a, b


def joined_across_seams(layout, counts, sides, extra=None):
    """Connected components of labelled regions over all tiles: tile t has regions 1..counts[t]
    and ``sides[t][side]`` gives their labels along its sides (0 = none); regions that touch
    across a seam (8-neighbours) are joined. Nodes: 0 = none, then the regions tile by tile
    (``offsets[t] + label``), then ``extra`` nodes. ``extra``: (rows, cols) of more edges
    between node numbers. Returns (component per node, offsets, number of region nodes)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    offsets = np.cumsum([0] + [int(c) for c in counts])
    total = int(offsets[-1])
    rows, cols = ([np.asarray(extra[0], np.int64)], [np.asarray(extra[1], np.int64)]) if extra else ([], [])

    def sides_of(t, side):
        lab = sides[t][side].astype(np.int64)
        return np.where(lab > 0, lab + offsets[t], 0)

    for a, b in seams(layout, sides_of):
        i, j = seam_pairs(a.size)
        ok = (a[i] > 0) & (b[j] > 0)
        rows.append(a[i][ok])
        cols.append(b[j][ok])
    r = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    n = max(total + 1, int(r.max()) + 1 if r.size else 0, int(c.max()) + 1 if c.size else 0)
    g = coo_matrix((np.ones(r.size), (r, c)), shape=(n, n))
    _n, comp = connected_components(g, directed=False)
    return comp, offsets, total


def draining_components(layout, summaries):
    """Per tile, a bool array over its NoData labels 0..n: does the component drain (is it joined,
    across tiles, to NoData on the raster's edge)? Label 0 (valid cells) is False."""
    offsets = np.cumsum([0] + [s.n for s in summaries])
    outside = int(offsets[-1]) + 1  # one node beyond the regions
    # components on the raster's edge are joined to the outside node (a self-loop makes it exist)
    rows = np.concatenate([[outside]] + [s.at_border + offsets[t] for t, s in enumerate(summaries)])
    comp, offsets, _total = joined_across_seams(
        layout,
        [s.n for s in summaries],
        [s.sides for s in summaries],
        extra=(rows.astype(np.int64), np.full(rows.size, outside)),
    )
    drains = comp == comp[outside]
    drains[0] = False
    return [
        np.concatenate([[False], drains[offsets[t] + 1 : offsets[t + 1] + 1]]) for t in range(len(summaries))
    ]


def tile_drains(valid, nodata_drains, draining=None):
    """The draining NoData of a tile: all NoData, or (walls convention) the components
    ``draining_components`` marked."""
    if nodata_drains or valid.all():
        return ~valid
    lab, _n = nodata_components(valid)
    return draining[lab]


# ------------------------------------------------------------------------------ step 1: per tile
@dataclass
class TileSummary:
    """What the global pass needs of one tile (small: proportional to its perimeter)."""

    n_labels: int  # perimeter labels 1..P
    edges: tuple  # (la, lb, w) arrays: spill edges between local labels (0 = outside)
    sides: dict  # side → (z with NaN, local label or -1, draining NoData) per cell


def local_fill(z, valid, drains, border, use_numba=None):
    """F_loc, labels and P of a tile (see the module docstring)."""
    perim = perimeter_mask(z.shape) & valid
    outlets = valid & (border_mask(z.shape, border) | (dilate8(drains) if drains.any() else False))
    seeds = perim | outlets
    seed_labels = np.zeros(z.shape, dtype=np.int32)
    n_labels = int(perim.sum())
    seed_labels[perim] = np.arange(1, n_labels + 1, dtype=np.int32)
    zz = np.where(valid, z, np.nan).astype(z.dtype if z.dtype in (np.float32, np.float64) else np.float32)
    if not seeds.any():
        return zz.copy(), np.full(z.shape, -1, np.int32), 0
    numba_ok = use_numba in (None, True) and _kernel("priority_flood") is not None
    if numba_ok:
        f, lab = _priority_flood(zz, valid, seeds, seed_labels)
    else:
        f, lab = _fill_minimax_scipy(zz, valid, seeds, seed_labels=seed_labels)
    lab[~valid] = -1
    return f, lab, n_labels


def label_edges(f, lab, valid):
    """Lowest ``max(F(a), F(b))`` per pair of different labels on touching cells a, b."""
    nr, nc = f.shape
    ka, kb, kw = [], [], []
    for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
        r0, r1 = 0, nr - dr
        c0, c1 = max(0, -dc), nc - max(0, dc)
        la, lb = lab[r0:r1, c0:c1], lab[r0 + dr : r1 + dr, c0 + dc : c1 + dc]
        m = (la != lb) & (la >= 0) & (lb >= 0)
        if not m.any():
            continue
        fa, fb = f[r0:r1, c0:c1][m], f[r0 + dr : r1 + dr, c0 + dc : c1 + dc][m]
        a, b = la[m].astype(np.int64), lb[m].astype(np.int64)
        ka.append(np.minimum(a, b))
        kb.append(np.maximum(a, b))
        kw.append(np.maximum(fa, fb).astype(np.float64))
    if not ka:
        e = np.zeros(0, np.int64)
        return e, e.copy(), np.zeros(0)
    return lowest_per_pair(np.concatenate(ka), np.concatenate(kb), np.concatenate(kw), int(lab.max()) + 1)


def lowest_per_pair(a, b, w, n):
    """The lowest weight per node pair (a, b) (nodes < n), each pair once, in the order of
    ``a * n + b``."""
    key = a * np.int64(n) + b
    order = np.lexsort((w, key))
    key, a, b, w = key[order], a[order], b[order], w[order]
    first = np.ones(key.size, dtype=bool)
    first[1:] = key[1:] != key[:-1]
    return a[first], b[first], w[first]


def spanning_forest(a, b, w, n):
    """The edges (a, b, w) of a minimum spanning forest of the graph on nodes 0..n-1 (pairs
    unique, a < b). Exact for step 2: an edge left out is the highest of a cycle, so a way over
    it has a way no higher around it, and no minimax level changes. A tile's spill graph then
    has at most one edge per perimeter label (instead of ~9 on a 1 m DGM), which is what the
    driver keeps of every tile until step 2 and what that pass holds at once."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import minimum_spanning_tree

    if a.size < n:
        return a, b, w
    a, b, w = lowest_per_pair(a, b, w, n)  # the outlets' edges may repeat a pair
    # weights by rank (1, 2, … exact, ties kept) so that scipy sees the order, not the values
    _u, rank = np.unique(w, return_inverse=True)
    g = coo_matrix((rank.astype(np.float64) + 1.0, (a, b)), shape=(n, n)).tocsr()
    t = minimum_spanning_tree(g).tocoo()
    ta, tb = np.minimum(t.row, t.col).astype(np.int64), np.maximum(t.row, t.col).astype(np.int64)
    # lowest_per_pair leaves the pairs sorted by key: look the tree's edges up directly
    pick = np.searchsorted(a * np.int64(n) + b, ta * np.int64(n) + tb)
    pick.sort()
    return a[pick], b[pick], w[pick]


def local_pass(z, valid, drains, border, use_numba=None):
    """Step 1 of one tile: its ``TileSummary``."""
    f, lab, n_labels = local_fill(z, valid, drains, border, use_numba)
    a, b, w = label_edges(f, lab, valid)
    # perimeter cells that are outlets themselves reach the outside at their own elevation
    outl = (
        perimeter_mask(z.shape)
        & valid
        & (border_mask(z.shape, border) | (dilate8(drains) if drains.any() else False))
    )
    if outl.any():
        a = np.concatenate([a, np.zeros(int(outl.sum()), np.int64)])
        b = np.concatenate([b, lab[outl].astype(np.int64)])
        w = np.concatenate([w, z[outl].astype(np.float64)])
    a, b, w = spanning_forest(a, b, w, n_labels + 1)
    zs = np.where(valid, z, np.nan)
    plab = np.where(perimeter_mask(z.shape), lab, -1)
    sides = {
        s: (side_cells(zs, s).astype(np.float64), side_cells(plab, s), side_cells(drains, s)) for s in SIDES
    }
    return TileSummary(n_labels, (a, b, w), sides)


# ------------------------------------------------------------------------------ step 2: global
def label_offsets(summaries):
    return np.cumsum([0] + [s.n_labels for s in summaries])


def global_levels(layout, summaries):
    """G of every perimeter label of every tile (index: offset of the tile + local label; 0 is
    the outside, -inf). Labels that never reach the outside get +inf."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import breadth_first_order, minimum_spanning_tree

    offsets = label_offsets(summaries)
    n = int(offsets[-1]) + 1
    A, B, W = [], [], []
    for t, s in enumerate(summaries):
        a, b, w = s.edges
        A.append(np.where(a > 0, a + offsets[t], 0))
        B.append(np.where(b > 0, b + offsets[t], 0))
        W.append(w)

    def sides_of(t, side):
        z, lab, dr = summaries[t].sides[side]
        node = np.where(lab > 0, lab.astype(np.int64) + offsets[t], -1)
        return np.stack([z, node.astype(np.float64), dr.astype(np.float64)])

    for a, b in seams(layout, lambda t, side: sides_of(t, side).T):
        i, j = seam_pairs(a.shape[0])
        za, na, da = a[i, 0], a[i, 1].astype(np.int64), a[i, 2] > 0
        zb, nb, db = b[j, 0], b[j, 1].astype(np.int64), b[j, 2] > 0
        both = (na >= 0) & (nb >= 0)
        A.append(na[both])
        B.append(nb[both])
        W.append(np.maximum(za[both], zb[both]))
        for nx, zx, dy in ((na, za, db), (nb, zb, da)):  # a cell beside draining NoData
            m = (nx >= 0) & dy
            A.append(nx[m])
            B.append(np.zeros(int(m.sum()), np.int64))
            W.append(zx[m])
    a, b, w = np.concatenate(A), np.concatenate(B), np.concatenate(W)
    keep = a != b
    a, b, w = np.minimum(a, b)[keep], np.maximum(a, b)[keep], w[keep]
    a, b, w = lowest_per_pair(a, b, w, n)  # scipy would add up duplicate entries
    g = np.full(n, np.inf)
    g[0] = -np.inf
    if a.size == 0:
        return g
    wmin = float(w.min())
    graph = coo_matrix((w - wmin + 1.0, (a, b)), shape=(n, n)).tocsr()
    tree = minimum_spanning_tree(graph).tocoo()
    del graph
    _order, pred = breadth_first_order(tree, 0, directed=False, return_predecessors=True)
    # the weight of the tree edge from each node to its parent (the original, unshifted height)
    child = np.where(pred[tree.col] == tree.row, tree.col, tree.row)
    up = np.full(n, -np.inf)
    up[child] = tree.data + wmin - 1.0
    reached = pred >= 0
    reached[0] = True
    anc = np.where(pred >= 0, pred, 0)
    # pointer jumping: G(v) = the highest edge on the tree path from v to the outside
    lv = up
    while True:
        lv = np.maximum(lv, lv[anc])
        nxt = anc[anc]
        if np.array_equal(nxt, anc):
            break
        anc = nxt
    lv[~reached] = np.inf
    lv[0] = -np.inf
    return lv


# ------------------------------------------------------------------------------ step 3: per tile
def final_surface(z, valid, drains, border, levels, use_numba=None):
    """Step 3 of one tile: the exact filled surface, from its labels' global ``levels`` (the
    slice of :func:`global_levels` for labels 1..P of this tile)."""
    f, lab, n_labels = local_fill(z, valid, drains, border, use_numba)
    g = np.concatenate([[-np.inf], np.asarray(levels, dtype=np.float64)])
    out = f.astype(np.float64)
    has = lab >= 0
    gl = g[lab[has]]
    val = np.maximum(out[has], gl)
    out[has] = np.where(np.isinf(gl) & (gl > 0), z[has], val)
    out[~valid] = np.nan
    return out.astype(f.dtype)


@dataclass
class TileLayout:
    """Tiles of ``tile_rows`` x ``tile_cols`` cells over an ``nrows`` x ``ncols`` raster."""

    nrows: int
    ncols: int
    tile_rows: int
    tile_cols: int

    @property
    def shape(self):
        return (-(-self.nrows // self.tile_rows), -(-self.ncols // self.tile_cols))

    def index(self, i, j):
        return i * self.shape[1] + j

    def tile_of(self, rows, cols):
        """The tile holding raster cell(s) (``rows``, ``cols``): numbers or arrays."""
        return self.index(rows // self.tile_rows, cols // self.tile_cols)

    def window(self, t):
        """(r0, c0, nrows, ncols) of tile ``t``."""
        i, j = divmod(t, self.shape[1])
        r0, c0 = i * self.tile_rows, j * self.tile_cols
        return r0, c0, min(self.tile_rows, self.nrows - r0), min(self.tile_cols, self.ncols - c0)

    def border(self, t):
        i, j = divmod(t, self.shape[1])
        nr, nc = self.shape
        return {"top": i == 0, "bottom": i == nr - 1, "left": j == 0, "right": j == nc - 1}

    def __len__(self):
        return self.shape[0] * self.shape[1]


def fill_tiled_array(z, tile_rows, tile_cols, valid=None, nodata_drains=True, use_numba=None):
    """The three steps on an in-memory array (for tests and as the reference of the I/O driver in
    ``analysis.tiled``): equal to ``fill.fill_depressions(z, valid, nodata_drains)``."""
    z = np.asarray(z)
    if valid is None:
        valid = np.isfinite(z)
    lay = TileLayout(z.shape[0], z.shape[1], tile_rows, tile_cols)

    def tile(t):
        r0, c0, h, w = lay.window(t)
        return z[r0 : r0 + h, c0 : c0 + w], valid[r0 : r0 + h, c0 : c0 + w]

    draining = [None] * len(lay)
    if not nodata_drains:
        draining = draining_components(
            lay, [nodata_local(tile(t)[1], lay.border(t)) for t in range(len(lay))]
        )
    drains = [tile_drains(tile(t)[1], nodata_drains, draining[t]) for t in range(len(lay))]
    sums = [local_pass(*tile(t), drains[t], lay.border(t), use_numba) for t in range(len(lay))]
    g = global_levels(lay, sums)
    off = label_offsets(sums)
    out = np.empty(z.shape, dtype=z.dtype if z.dtype in (np.float32, np.float64) else np.float32)
    for t in range(len(lay)):
        r0, c0, h, w = lay.window(t)
        out[r0 : r0 + h, c0 : c0 + w] = final_surface(
            *tile(t), drains[t], lay.border(t), g[off[t] + 1 : off[t + 1] + 1], use_numba
        )
    return out
