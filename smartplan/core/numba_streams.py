"""Compiled (numba) kernels of flow accumulation, flow paths (:mod:`streams`) and sink nesting
(:mod:`nesting`); the rules and habits of :mod:`numba_kernels` apply."""

import numpy as np

from .numba_common import CODES, d8_offsets, inline, jit


@inline
def d8_steps(n):  # pragma: no cover
    """Index step to the receiver for each D8 code (row-major grid of n columns); codes that
    name no neighbour (0 off the map, 255 none) step far below any index, so a walk leaving
    the cell range stops there."""
    steps = np.full(256, -(2**62), dtype=np.int64)
    offs = d8_offsets(n)
    for k in range(8):
        steps[CODES[k]] = offs[k]
    return steps


@jit
def first_terminal(rcv, terminal, out):  # pragma: no cover
    """out[i] = first cell on i's flow path that is terminal or has no receiver."""
    n = rcv.size
    stack = np.empty(n, dtype=out.dtype)
    for i in range(n):
        out[i] = -1
    for i in range(n):
        if out[i] >= 0:
            continue
        m = 0
        c = np.uint64(i)  # unsigned (never negative): no wrap-around check per access
        while out[c] < 0 and not terminal[c] and rcv[c] >= 0:
            stack[m] = c
            m += 1
            c = np.uint64(rcv[c])
        t = out[c] if out[c] >= 0 else np.int64(c)
        out[c] = t
        for k in range(m):
            out[stack[k]] = t
    return 0


@jit
def counting_sort(keys, nkeys):  # pragma: no cover
    """Stable permutation sorting non-negative int ``keys`` < nkeys (counting sort)."""
    counts = np.zeros(nkeys + 1, dtype=np.int64)
    for k in keys:
        counts[k + 1] += 1
    for k in range(nkeys):
        counts[k + 1] += counts[k]
    out = np.empty(keys.size, dtype=np.int64)
    for i in range(keys.size):
        k = keys[i]
        out[counts[k]] = i
        counts[k] += 1
    return out


@jit
def radix_order_f32(z):  # pragma: no cover
    """Stable permutation sorting float32 ``z`` ascending (no NaN; −0.0 as 0.0, as a comparison
    sees them): LSD radix sort of the order-preserving unsigned keys, two passes of 16 bits —
    O(n), where a comparison sort of millions of sink cells is the nesting's largest cost."""
    n = z.size
    key = np.empty(n, np.uint32)
    zz = z + np.float32(0.0)  # −0.0 + 0.0 = +0.0
    bits = zz.view(np.uint32)
    for i in range(n):
        u = bits[i]
        key[i] = ~u if u & np.uint32(0x80000000) else u | np.uint32(0x80000000)
    counts = np.zeros(65537, np.int64)
    tmp = np.empty(n, np.int64)
    order = np.empty(n, np.int64)
    for i in range(n):
        counts[(key[i] & np.uint32(0xFFFF)) + 1] += 1
    for d in range(65536):
        counts[d + 1] += counts[d]
    for i in range(n):
        d = key[i] & np.uint32(0xFFFF)
        tmp[counts[d]] = i
        counts[d] += 1
    counts[:] = 0
    for i in range(n):
        counts[(key[i] >> np.uint32(16)) + 1] += 1
    for d in range(65536):
        counts[d + 1] += counts[d]
    for j in range(n):
        i = tmp[j]
        d = key[i] >> np.uint32(16)
        order[counts[d]] = i
        counts[d] += 1
    return order


@jit
def sort_segments(cells, starts, z, k0, k1):  # pragma: no cover
    """Sorts each segment starts[k]..starts[k+1]-1 of ``cells`` (k0 <= k < k1) by z[cell],
    stably (merge sort): equal elevations keep their order."""
    for k in range(k0, k1):
        a = starts[k]
        b = starts[k + 1]
        if b - a > 1:
            seg = cells[a:b]
            seg[:] = seg[np.argsort(z[seg], kind="mergesort")]
    return 0


@jit
def level_labels(cells, cell_eff, zs, anc, node_index, nspill, keep, out):  # pragma: no cover
    """out[cell] = nested index + 1 of the cell's level-L ancestor (see nesting.py)."""
    for i in range(cells.size):
        a = anc[cell_eff[i]]
        if a < 0:
            continue
        idx = node_index[a]
        if idx < 0 or not keep[idx] or not (zs[i] < nspill[a]):
            continue
        out[cells[i]] = idx + 1
    return 0


@inline
def _donors_row(cb, cu, cd, ind, n):  # pragma: no cover
    """In-degree of one row from the codes of the row (cb) and of the rows above (cu) and
    below (cd): the neighbours whose code points at the cell (vectorised by LLVM)."""
    for i in range(1, n - 1):
        ind[i] = (
            (cb[i + 1] == 16)
            + (cb[i - 1] == 1)
            + (cu[i] == 4)
            + (cu[i + 1] == 8)
            + (cu[i - 1] == 2)
            + (cd[i] == 64)
            + (cd[i + 1] == 32)
            + (cd[i - 1] == 128)
        )
    if n == 1:
        ind[0] = (cu[0] == 4) + (cd[0] == 64)
    else:
        ind[0] = (cb[1] == 16) + (cu[0] == 4) + (cu[1] == 8) + (cd[0] == 64) + (cd[1] == 32)
        ind[n - 1] = (
            (cb[n - 2] == 1) + (cu[n - 1] == 4) + (cu[n - 2] == 2) + (cd[n - 1] == 64) + (cd[n - 2] == 128)
        )


@jit
def accumulate(code, acc, indeg, r0, r1, ncols):  # pragma: no cover
    """Cells draining through each cell (the cell itself included; 0 where code 255) from the
    D8 codes, for rows r0..r1-1 only: flow leaving these rows is left to ``accumulate_across``.
    In-degrees from the neighbours' codes, row by row (uint8; all 0 at the end); then block by block
    of 1024 cells each source walks downstream until a cell still waits for other donors or
    lies in a later block, which then starts its walk when that block comes: the walks stay
    near the blocks in cache instead of chasing a path far down the grid."""
    c0 = r0 * ncols
    c1 = r1 * ncols
    steps = d8_steps(ncols)
    none = np.zeros(ncols, dtype=np.uint8)  # beyond the rows: no donors
    for r in range(r0, r1):
        b = r * ncols
        _donors_row(
            code[b : b + ncols],
            code[b - ncols : b] if r > r0 else none,
            code[b + ncols : b + 2 * ncols] if r + 1 < r1 else none,
            indeg[b : b + ncols],
            ncols,
        )
        ac = acc[b : b + ncols]
        cr = code[b : b + ncols]
        for col in range(ncols):
            ac[col] = cr[col] != 255
    src = np.empty(1024, dtype=np.int64)
    for b in range(c0, c1, 1024):
        e = min(b + 1024, c1)
        ns = 0
        for c in range(b, e):  # the block's sources, listed first (no branch per cell)
            src[ns] = c
            ns += indeg[c] == 0
        for j in range(ns):
            x = src[j]
            a = acc[x]
            while True:
                r = x + steps[code[x]]
                if r < c0 or r >= c1:
                    break
                u = np.uint64(r)  # unsigned: no negative-index wrap-around per access
                a += acc[u]
                acc[u] = a
                d = indeg[u] - 1
                indeg[u] = d
                if d != 0 or r >= e:  # a cell of a later block: its block lists it (cache-hot)
                    break
                x = r
    return 0


@jit
def accumulate_across(code, acc, indeg, cuts, ncols):  # pragma: no cover
    """Adds the flow that crosses between the row bands of ``accumulate`` (``cuts``: the first
    row of each band but the first): every crossing donor's count is carried down the
    receiving path, in topological order over the cells downstream of a crossing (few).
    Returns the number of those cells."""
    steps = d8_steps(ncols)
    extra = np.empty(acc.size, dtype=acc.dtype)  # zeroed and used only along those paths
    donors = np.empty(2 * ncols * cuts.size, dtype=np.int64)
    nd = 0
    for cut in cuts:  # D8 crosses a cut only between the rows just above and below it
        b = cut * ncols
        for c in range(b - ncols, b):
            k = code[c]
            if k == 2 or k == 4 or k == 8:
                donors[nd] = c
                nd += 1
        for c in range(b, b + ncols):
            k = code[c]
            if k == 32 or k == 64 or k == 128:
                donors[nd] = c
                nd += 1
    marked = np.empty(0, dtype=np.int64)
    nm = 0
    for j in range(nd):  # mark the paths below the crossings (indeg is 0 everywhere): 1 + donors
        x = donors[j] + steps[code[donors[j]]]
        while x >= 0 and indeg[x] == 0:
            indeg[x] = 1
            if nm == marked.size:
                grown = np.empty(max(1024, 2 * nm), dtype=np.int64)
                grown[:nm] = marked[:nm]
                marked = grown
            marked[nm] = x
            nm += 1
            x = x + steps[code[x]]
    for j in range(nm):  # every cell below a marked cell is marked
        extra[marked[j]] = 0
    for j in range(nm):
        r = marked[j] + steps[code[marked[j]]]
        if r >= 0:
            indeg[r] += 1
    for j in range(nd):
        d = donors[j]
        extra[d + steps[code[d]]] += acc[d]
    for j in range(nm):
        x = marked[j]
        if indeg[x] != 1:  # waiting for donors, or done (0)
            continue
        while True:
            indeg[x] = 0
            r = x + steps[code[x]]
            if r < 0:
                break
            extra[r] += extra[x]
            d = indeg[r] - 1
            indeg[r] = d
            if d != 1:
                break
            x = r
    for j in range(nm):
        x = marked[j]
        acc[x] += extra[x]
    return nm


@jit
def trace_segments(starts, rcv, seg_of_start, cells, bounds, down):  # pragma: no cover
    """Follow each segment from its start to the start of the next segment or the edge."""
    m = 0
    bounds[0] = 0
    for k in range(starts.size):
        c = starts[k]
        cells[m] = c
        m += 1
        while True:
            nxt = rcv[c]
            if nxt < 0:
                down[k] = -1
                break
            cells[m] = nxt
            m += 1
            if seg_of_start[nxt] >= 0:
                down[k] = seg_of_start[nxt]
                break
            c = nxt
        bounds[k + 1] = m
    return 0


@jit
def carry_values(rcv, cells, values, extra):  # pragma: no cover - compiled
    """``tiled_flow.carry_down`` compiled: add values[i] to cells[i] and every cell downstream of
    it (flat receivers; a walk stops where a receiver is negative)."""
    for i in range(cells.size):
        p = cells[i]
        v = values[i]
        while p >= 0:
            extra[p] += v
            p = rcv[p]
    return 0
