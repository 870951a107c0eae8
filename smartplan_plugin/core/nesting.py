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

from .accel import numba_module


def _merge_tree_kernel(order, zf, ncols, nrows, member, uf, node_of_root,
                       nbottom, nspill, nparent, nalias, nsink, lab):
    nn = 0
    roots = np.empty(8, dtype=np.int64)
    rnodes = np.empty(8, dtype=np.int64)
    drs = (-1, -1, -1, 0, 0, 1, 1, 1)
    dcs = (-1, 0, 1, -1, 1, -1, 0, 1)
    for c in order:
        zc = zf[c]
        r = c // ncols
        col = c - r * ncols
        nr = 0
        for d in range(8):
            rr = r + drs[d]
            cc = col + dcs[d]
            if rr < 0 or rr >= nrows or cc < 0 or cc >= ncols:
                continue
            q = rr * ncols + cc
            if member[q] < 0:
                continue
            # find with path halving
            x = q
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
            nspill[node] = np.nan
            nparent[node] = -1
            nalias[node] = False
            nsink[node] = lab[c]
            uf[c] = c
            node_of_root[c] = node
            member[c] = node
            continue
        main = roots[0]
        if nr == 1:
            uf[c] = main
            member[c] = rnodes[0]
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
            nspill[node] = np.nan
            nparent[node] = -1
            nalias[node] = False
            nsink[node] = lab[c]
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
        uf[c] = main
        member[c] = keep
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
    member: np.ndarray  # per flat cell: merge-tree node (-1 outside sinks)
    node_index: np.ndarray  # per node: nested index (-1 for aliases and outermost nodes)
    eff: np.ndarray  # per node: itself, or the real node an alias belongs to
    nparent: np.ndarray
    nlevel: np.ndarray
    nspill: np.ndarray
    zf: np.ndarray

    def labels_at_level(self, lv, keep=None):
        """Flat int32 array: nested index + 1 of the level-``lv`` sink holding each cell below
        its spill level (0 = none). ``keep``: optional bool mask of nested sinks to include."""
        nn = self.eff.size
        eff, nparent, level = self.eff, self.nparent, self.nlevel
        anc = np.where(level == lv, np.arange(nn), -1)
        cur = np.arange(nn)
        for _ in range(nn):
            deeper = level[cur] > lv
            if not deeper.any():
                break
            cur = np.where(deeper, eff[np.maximum(nparent[cur], 0)], cur)
            anc = np.where((anc < 0) & (level[cur] == lv), cur, anc)
        out = np.zeros(self.member.size, dtype=np.int32)
        cells = np.flatnonzero(self.member >= 0)
        a = anc[eff[self.member[cells]]]
        ok = a >= 0
        idx = np.full(cells.size, -1, dtype=np.int64)
        idx[ok] = self.node_index[a[ok]]
        ok &= idx >= 0
        ok[ok] &= self.zf[cells[ok]] < self.nspill[a[ok]]
        if keep is not None:
            ok[ok] &= keep[idx[ok]]
        out[cells[ok]] = (idx[ok] + 1).astype(np.int32)
        return out


def nested_sinks(table, terrain):
    """The nested sinks of every sink in ``table`` (see module doc)."""
    lab = table.labels.ravel()
    zf = terrain.z.ravel().astype(np.float64)
    cells = np.flatnonzero(lab > 0)
    order = cells[np.argsort(zf[cells], kind="stable")].astype(np.int64)
    size = lab.size
    member = np.full(size, -1, dtype=np.int64)
    uf = np.full(size, -1, dtype=np.int64)
    node_of_root = np.full(size, -1, dtype=np.int64)
    m = max(1, cells.size)
    nbottom = np.zeros(m)
    nspill = np.zeros(m)
    nparent = np.full(m, -1, dtype=np.int64)
    nalias = np.zeros(m, dtype=np.bool_)
    nsink = np.zeros(m, dtype=np.int64)
    nrows, ncols = terrain.z.shape
    nn = _kernel()(order, zf, ncols, nrows, member, uf, node_of_root, nbottom, nspill, nparent,
                   nalias, nsink, lab.astype(np.int64))
    nbottom, nspill, nparent, nalias, nsink = (a[:nn] for a in (nbottom, nspill, nparent, nalias, nsink))
    # outermost node of each sink: spill = the filled level
    top = nparent < 0
    nspill[top] = table.spill_elev[nsink[top] - 1]
    # real parent (aliases are part of their parent basin)
    real = ~nalias
    # depth in the tree: top = 1
    level = np.where(top, 1, 0)
    for _ in range(nn):
        todo = (level == 0)
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
    cell_nodes = member[cells]
    cell_eff = eff[cell_nodes]
    cnt = np.bincount(cell_eff, minlength=nn).astype(np.float64)
    sz = np.bincount(cell_eff, weights=zf[cells], minlength=nn)
    # cells exactly at a node's spill level add no volume and no area (they are its rim)
    at_rim = zf[cells] >= nspill[cell_eff]
    rim = np.bincount(cell_eff[at_rim], minlength=nn).astype(np.float64)
    rim_z = np.bincount(cell_eff[at_rim], weights=zf[cells][at_rim], minlength=nn)
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
        n=nested.size, sink=nsink[nested] - 1, parent=parent_nested, level=level[nested],
        area_m2=sub_cnt[nested] * area, volume_m3=vol,
        max_depth_m=nspill[nested] - nbottom[nested],
        mean_depth_m=np.where(sub_cnt[nested] > 0, vol / np.maximum(sub_cnt[nested] * area, 1e-300), 0),
        bottom_elev=nbottom[nested], spill_elev=nspill[nested],
        member=member, node_index=node_index, eff=eff, nparent=nparent, nlevel=level,
        nspill=nspill, zf=zf,
    )
