"""Nested sinks: the depression hierarchy inside each sink (a merge tree).

Inside a sink, water first collects around each local minimum (pit). Raising the water level,
neighbouring basins merge at their saddle: each of them is a nested sink with that saddle as its
spill elevation, and the merged basin continues upwards until the outermost sink is full (Barnes,
Callaghan & Wickert 2020, "Computing water flow through complex landscapes, Part 2: Finding
hierarchies in depressions and morphological segmentations"; the level-set view of Wu et al. 2019).

The merge tree is built by adding the sink cells from the lowest upwards with a union-find. The
kernel is plain Python over arrays; with numba it is compiled from the *same* source, so results
are identical with and without the accelerator.
"""

from dataclasses import dataclass

import numpy as np

from . import kernels
from .accel import numba_module


def _merge_tree_kernel(
    cells, zs, labs, pos, ncols, nrows, member, uf, node_of_root, nbottom, nspill, nparent, nalias, nsink, nan
):
    """Merge tree over the sink cells in processing order (local index i = position in
    ``cells``, sorted by sink and elevation). ``pos[flat]`` = local index or -1; a neighbour is
    already added when its local index is smaller. Returns the number of nodes."""
    nn = 0
    roots = [0] * 8
    rnodes = [0] * 8
    drs = (-1, -1, -1, 0, 0, 1, 1, 1)
    dcs = (-1, 0, 1, -1, 1, -1, 0, 1)
    for i in range(len(cells)):
        c = cells[i]
        zc = zs[i]
        r = c // ncols
        col = c - r * ncols
        nr = 0
        for d in range(8):
            rr = r + drs[d]
            cc = col + dcs[d]
            if rr < 0 or rr >= nrows or cc < 0 or cc >= ncols:
                continue
            j = pos[rr * ncols + cc]
            if j < 0 or j >= i:
                continue
            # find with path halving
            x = j
            while uf[x] != x:
                uf[x] = uf[uf[x]]
                x = uf[x]
            seen = False
            for k in range(nr):
                if roots[k] == x:
                    seen = True
                    break
            if not seen:
                roots[nr] = x
                rnodes[nr] = node_of_root[x]
                nr += 1
        if nr == 0:
            node = nn
            nn += 1
            nbottom[node] = zc
            nspill[node] = nan
            nparent[node] = -1
            nalias[node] = False
            nsink[node] = labs[i]
            uf[i] = i
            node_of_root[i] = node
            member[i] = node
            continue
        main = roots[0]
        if nr == 1:
            uf[i] = main
            member[i] = rnodes[0]
            continue
        deep = 0
        keep = rnodes[0]
        for k in range(nr):
            if nbottom[rnodes[k]] < zc:
                if deep == 0:
                    keep = rnodes[k]
                deep += 1
        if deep >= 2:
            node = nn
            nn += 1
            bmin = zc
            for k in range(nr):
                nk = rnodes[k]
                if nbottom[nk] < bmin:
                    bmin = nbottom[nk]
                nspill[nk] = zc
                nparent[nk] = node
                nalias[nk] = not (nbottom[nk] < zc)
            nbottom[node] = bmin
            nspill[node] = nan
            nparent[node] = -1
            nalias[node] = False
            nsink[node] = labs[i]
            keep = node
        else:
            for k in range(nr):
                nk = rnodes[k]
                if nk != keep:
                    nspill[nk] = nbottom[nk]
                    nparent[nk] = keep
                    nalias[nk] = True
        for k in range(nr):
            uf[roots[k]] = main
        node_of_root[main] = keep
        uf[i] = main
        member[i] = keep
    return nn


_KERNEL = {}


def _kernel():
    nb = numba_module()
    if nb is None:
        return _merge_tree_kernel
    if "jit" not in _KERNEL:
        _KERNEL["jit"] = nb.njit(cache=True, nogil=True)(_merge_tree_kernel)
    return _KERNEL["jit"]


@dataclass
class NestedSinks:
    """Nested sinks (level >= 2) of a sink table; arrays indexed by nested-sink index."""

    n: int
    sink: np.ndarray  # index (0-based) of the outermost sink containing it
    parent: np.ndarray  # nested index of the parent, -1 when the parent is the outermost sink
    level: np.ndarray  # 2 = directly inside an outermost sink, 3 = inside a level-2 sink, ...
    area_m2: np.ndarray
    volume_m3: np.ndarray
    max_depth_m: np.ndarray
    mean_depth_m: np.ndarray
    bottom_elev: np.ndarray
    spill_elev: np.ndarray
    # merge tree, for the cell membership of nested sinks
    node_index: np.ndarray  # per node: nested index (-1 for aliases and outermost nodes)
    eff: np.ndarray  # per node: itself, or the real node an alias belongs to
    nparent: np.ndarray
    nlevel: np.ndarray
    nspill: np.ndarray
    zs: np.ndarray  # elevation of the sink cells (aligned with ``cells``)

    cells: np.ndarray = None  # the sink cells (flat indices)
    cell_eff: np.ndarray = None  # their real merge-tree node

    def labels_by_level(self, max_level, shape, keep=None):
        """Yield (level, label raster) for levels 2..max_level: int32 raster of nested index + 1
        for the cells below the spill level of each nested sink of that level (0 elsewhere).
        ``keep``: optional bool mask of nested sinks to include."""
        nn = self.eff.size
        eff, nparent, level = self.eff, self.nparent, self.nlevel
        peff = eff[np.maximum(nparent, 0)]
        top_level = int(level.max()) if nn else 0
        keep = np.ones(self.n, dtype=bool) if keep is None else keep
        kern = kernels.get("level_labels")
        out = np.zeros(int(np.prod(shape)), dtype=np.int32)
        for lv in range(2, min(max_level, top_level) + 1):
            # ancestor at level lv of every node, parents before children
            anc = np.where(level == lv, np.arange(nn), -1)
            for deeper in range(lv + 1, top_level + 1):
                idx = np.flatnonzero(level == deeper)
                anc[idx] = anc[peff[idx]]
            out[:] = 0
            if kern is not None:
                kern(self.cells, self.cell_eff, self.zs, anc, self.node_index, self.nspill, keep, out)
            else:
                a = anc[self.cell_eff]
                idx = self.node_index[np.maximum(a, 0)]
                ok = (a >= 0) & (idx >= 0)
                ok[ok] &= keep[idx[ok]]
                ok[ok] &= self.zs[ok] < self.nspill[a[ok]]
                out[self.cells[ok]] = idx[ok] + 1
            yield lv, out.reshape(shape)


def written(ns, filters, keep, max_level):
    """The nested sinks that are written: they pass the depth/area/volume ``filters``, lie in a
    kept outer sink (``keep[ns.sink]``) and reach at most ``max_level``."""
    return (
        (ns.max_depth_m >= filters["min_depth"])
        & (ns.area_m2 >= filters["min_area"])
        & (ns.volume_m3 >= filters["min_volume"])
        & np.asarray(keep, bool)[ns.sink]
        & (ns.level <= max_level)
    )


def nested_ids(volume_m3, ok, first_id):
    """The ids of the nested sinks that are written (``ok``): ``first_id`` (the first id after
    those of all outer sinks), ``first_id`` + 1 … by volume, largest first (ties: in the order
    given); 0 for the others. The parent of a written nested sink is written too (it holds it:
    larger area, volume and depth, a lower level, the same outer sink), so ``parent_id`` always
    names a written sink."""
    ids = np.zeros(len(ok), np.int64)
    sel = np.flatnonzero(ok)
    order = sel[np.argsort(-np.asarray(volume_m3)[sel], kind="stable")]
    ids[order] = first_id + np.arange(order.size)
    return ids


def nested_sinks(table, terrain):
    """The nested sinks of every sink in ``table`` (see module doc)."""
    lab = table.labels.ravel()
    # the table's cells are sorted by (sink, elevation); sinks are never 8-adjacent, so this
    # order processes every sink from its lowest cell up, exactly like a global elevation order
    cells = table.cells_sorted
    m = cells.size
    itype = np.int32 if lab.size < 2**31 - 1 else np.int64
    pos = np.full(lab.size, -1, dtype=itype)
    pos[cells] = np.arange(m, dtype=itype)
    zs = terrain.z.ravel()[cells]
    labs = lab[cells]
    member = np.empty(m, dtype=itype)  # every entry is written by the kernel
    uf = np.empty(m, dtype=itype)
    node_of_root = np.empty(m, dtype=itype)
    mm = max(1, m)
    # node arrays: at most one node per cell; np.empty leaves untouched pages unallocated, and the
    # kernel writes every field of each node it creates
    nbottom = np.empty(mm)
    nspill = np.empty(mm)
    nparent = np.empty(mm, dtype=np.int64)
    nalias = np.empty(mm, dtype=np.bool_)
    nsink = np.empty(mm, dtype=np.int32)
    nrows, ncols = terrain.z.shape
    kern = _kernel()
    if kern is _merge_tree_kernel:
        # plain Python: lists index several times faster than numpy arrays
        lists = [
            a.tolist()
            for a in (cells, zs, labs, pos, member, uf, node_of_root, nbottom, nspill, nparent, nalias, nsink)
        ]
        del pos
        nn = kern(*lists[:4], ncols, nrows, *lists[4:], float("nan"))
        member = np.asarray(lists[4], dtype=itype)
        nbottom, nspill = (np.asarray(x, dtype=np.float64) for x in lists[7:9])
        nparent, nalias, nsink = (
            np.asarray(lists[9], dtype=np.int64),
            np.asarray(lists[10], dtype=bool),
            np.asarray(lists[11], dtype=np.int64),
        )
        del lists
    else:
        nn = kern(
            cells,
            zs,
            labs,
            pos,
            ncols,
            nrows,
            member,
            uf,
            node_of_root,
            nbottom,
            nspill,
            nparent,
            nalias,
            nsink,
            np.nan,
        )
        del pos
    del uf, node_of_root
    nbottom, nspill, nparent, nalias, nsink = (a[:nn] for a in (nbottom, nspill, nparent, nalias, nsink))
    # outermost node of each sink: spill = the filled level
    top = nparent < 0
    nspill[top] = table.spill_elev[nsink[top] - 1]
    # real parent (aliases are part of their parent basin)
    real = ~nalias
    # depth in the tree: top = 1
    level = np.where(top, 1, 0)
    for _ in range(nn):
        todo = level == 0
        if not todo.any():
            break
        p = nparent[todo]
        level[todo] = np.where(level[p] > 0, level[p] + 1, 0)
    # effective (real) node of each node: aliases map to their nearest real ancestor
    eff = np.arange(nn)
    for _ in range(nn):
        nxt = np.where(nalias[eff], nparent[eff], eff)
        if np.array_equal(nxt, eff):
            break
        eff = nxt
    # per real node: cells of its subtree (members of itself, its aliases and descendants)
    cell_eff = eff[member].astype(itype)
    del member
    cnt = np.bincount(cell_eff, minlength=nn).astype(np.float64)
    sz = np.bincount(cell_eff, weights=zs.astype(np.float64), minlength=nn)
    # cells exactly at a node's spill level add no volume and no area (they are its rim)
    at_rim = zs >= nspill[cell_eff]
    rim = np.bincount(cell_eff[at_rim], minlength=nn).astype(np.float64)
    rim_z = np.bincount(cell_eff[at_rim], weights=zs[at_rim].astype(np.float64), minlength=nn)
    sub_cnt, sub_sz = cnt - rim, sz - rim_z
    # accumulate children into real parents, deepest first
    for lv in range(int(level.max()) if nn else 0, 1, -1):
        ch = np.flatnonzero(real & (level == lv))
        par = eff[nparent[ch]]
        # a child's cells below its own spill are all below the parent's spill as well; its rim
        # cells (at the child's spill, below the parent's) count for the parent
        np.add.at(sub_cnt, par, sub_cnt[ch] + rim[ch])
        np.add.at(sub_sz, par, sub_sz[ch] + rim_z[ch])
    nested = np.flatnonzero(real & ~top & (nspill > nbottom))
    node_index = np.full(nn, -1, dtype=np.int64)
    node_index[nested] = np.arange(nested.size)
    area = terrain.cell_area
    vol = (sub_cnt[nested] * nspill[nested] - sub_sz[nested]) * area
    parent_real = eff[np.maximum(nparent[nested], 0)]
    parent_nested = np.where(top[parent_real], -1, node_index[parent_real])
    return NestedSinks(
        n=nested.size,
        sink=nsink[nested] - 1,
        parent=parent_nested,
        level=level[nested],
        area_m2=sub_cnt[nested] * area,
        volume_m3=vol,
        max_depth_m=nspill[nested] - nbottom[nested],
        mean_depth_m=np.where(sub_cnt[nested] > 0, vol / np.maximum(sub_cnt[nested] * area, 1e-300), 0),
        bottom_elev=nbottom[nested],
        spill_elev=nspill[nested],
        node_index=node_index,
        eff=eff,
        nparent=nparent,
        nlevel=level,
        nspill=nspill,
        zs=zs,
        cells=cells,
        cell_eff=cell_eff,
    )
