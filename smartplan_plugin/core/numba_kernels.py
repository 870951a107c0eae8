"""Compiled (numba) kernels: Priority-Flood (see :mod:`fill`), the flow-routing rules of
:mod:`flow`, accumulation and flow paths (:mod:`streams`), sink nesting and roof faces.

Imported only when numba is present (:func:`kernels.get`). Every kernel is a module-level
function, so numba's on-disk cache serves it to later processes (a kernel that captured another
compiled function in a closure was compiled anew in every process: seconds per ``qgis_process``
run). Each kernel implements exactly the rule of its numpy fallback, and the tests check that
both give identical arrays.
"""

import numba as nb
import numpy as np

jit = nb.njit(cache=True, nogil=True)
inline = nb.njit(cache=True, nogil=True, inline="always")


CODES = np.array((1, 2, 4, 8, 16, 32, 64, 128), dtype=np.uint8)  # D8 codes of E SE S SW W NW N NE


@inline
def d8_offsets(n):  # pragma: no cover
    """Index offsets of the 8 neighbours E, SE, S, SW, W, NW, N, NE (the order of ``flow.D8``) in a
    row-major grid of n columns."""
    return np.array((1, n + 1, n, n - 1, -1, -n - 1, -n, -n + 1), dtype=np.int64)


@inline
def heap_push(hkey, hval, hsize, k, v):  # pragma: no cover - compiled
    """Binary min-heap insert; returns the new size."""
    i = hsize
    while i > 0:
        p = (i - 1) >> 1
        if hkey[p] <= k:
            break
        hkey[i] = hkey[p]
        hval[i] = hval[p]
        i = p
    hkey[i] = k
    hval[i] = v
    return hsize + 1


@inline
def heap_pop(hkey, hval, hsize):  # pragma: no cover - compiled
    """Remove the minimum; returns (its value, the new size)."""
    top = hval[0]
    hsize -= 1
    lk = hkey[hsize]
    lv = hval[hsize]
    i = 0
    while True:
        ch = 2 * i + 1
        if ch >= hsize:
            break
        if ch + 1 < hsize and hkey[ch + 1] < hkey[ch]:
            ch += 1
        if hkey[ch] >= lk:
            break
        hkey[i] = hkey[ch]
        hval[i] = hval[ch]
        i = ch
    hkey[i] = lk
    hval[i] = lv
    return top, hsize


@jit
def priority_flood(filled, state, seeds, ncp, nbins):  # pragma: no cover - compiled
    """Priority-Flood with a pit queue (Barnes et al. 2014, Algorithm 2) and upslope tracing
    (Zhou, Sun & Fu 2016): slope cells never enter the priority queue.

    The priority queue is a bucket queue over ``nbins`` equal elevation bins (linked lists,
    O(1) push) plus an exact binary heap for the bin being drained, so cells still leave it
    in exact elevation order: every cell pushed while bin b is drained is higher than the
    current cell, hence in bin b (-> heap) or later. ``filled`` starts as the DEM; a cell
    keeps its elevation until it is closed. All arrays are the grid padded by one closed
    cell on every side (``ncp`` columns)."""
    n = filled.size
    zmin = np.inf
    zmax = -np.inf
    for i in range(n):
        if state[i] == 0:
            zmin = min(zmin, filled[i])
            zmax = max(zmax, filled[i])
    scale = (nbins - 1) / (zmax - zmin) if zmax > zmin else 0.0
    head = np.full(nbins, -1, dtype=np.int32)
    nxt = np.empty(n, dtype=np.int32)
    hkey = np.empty(n, dtype=filled.dtype)
    hval = np.empty(n, dtype=np.int32)
    hsize = 0
    pending = 0  # cells waiting in bins
    cur = -1  # the bin being drained
    pit = np.empty(n, dtype=np.int32)
    trace = np.empty(n, dtype=np.int32)
    pit_head = 0
    pit_tail = 0
    offp = np.array([-ncp - 1, -ncp, -ncp + 1, -1, 1, ncp - 1, ncp, ncp + 1], dtype=np.int64)
    for s in seeds:
        state[s] = 1
        b = min(nbins - 1, max(0, np.int64((filled[s] - zmin) * scale)))
        nxt[s] = head[b]
        head[b] = s
        pending += 1
    while pending > 0 or hsize > 0 or pit_head < pit_tail:
        if pit_head < pit_tail:
            c = pit[pit_head]
            pit_head += 1
            if pit_head == pit_tail:
                pit_head = 0
                pit_tail = 0
        else:
            if hsize == 0:  # next non-empty bin into the heap
                cur += 1
                while head[cur] < 0:
                    cur += 1
                x = head[cur]
                head[cur] = -1
                while x >= 0:
                    hsize = heap_push(hkey, hval, hsize, filled[x], x)
                    pending -= 1
                    x = nxt[x]
            c, hsize = heap_pop(hkey, hval, hsize)
        fc = filled[c]
        for d in range(8):
            q = c + offp[d]
            if state[q]:
                continue
            state[q] = 1
            if filled[q] <= fc:
                filled[q] = fc
                pit[pit_tail] = q
                pit_tail += 1
                continue
            # F(q) = z(q) is final (a path through c rises no higher). Trace the upslope
            # region from q without the queue (Zhou, Sun & Fu 2016): a strictly higher
            # neighbour of a final cell is final too; a traced cell with a lower or equal
            # unprocessed neighbour is queued, to be expanded in elevation order.
            trace[0] = q
            th = 0
            tt = 1
            while th < tt:
                t = trace[th]
                th += 1
                zt = filled[t]
                queued = False
                for d2 in range(8):
                    m = t + offp[d2]
                    if state[m]:
                        continue
                    if filled[m] > zt:
                        state[m] = 1
                        trace[tt] = m
                        tt += 1
                    elif not queued:  # a lower or equal open neighbour: queue t
                        queued = True
                        b = min(nbins - 1, max(0, np.int64((zt - zmin) * scale)))
                        if b <= cur:
                            hsize = heap_push(hkey, hval, hsize, zt, t)
                        else:
                            nxt[t] = head[b]
                            head[b] = t
                            pending += 1
    return 0


@jit
def pad_rows(z, valid, drains, fp, st, r0, r1):  # pragma: no cover
    """Rows r0..r1-1 of the padded grids of ``d8_rows``: ``fp`` = z (NaN where not valid and
    in the frame columns), ``st`` = 254 in the frame columns and on draining NoData, else 255.
    ``valid`` / ``drains`` of shape (0, 0): all valid / none."""
    nrows, ncols = z.shape
    ncp = ncols + 2
    use_valid = valid.shape[0] > 0
    use_drains = drains.shape[0] > 0
    for r in range(r0, r1):
        base = (r + 1) * ncp + 1
        fp[base - 1] = np.nan
        fp[base + ncols] = np.nan
        st[base - 1] = 254
        st[base + ncols] = 254
        for col in range(ncols):
            if use_valid and not valid[r, col]:
                fp[base + col] = np.nan
            else:
                fp[base + col] = z[r, col]
        if use_drains:
            for col in range(ncols):
                st[base + col] = 254 if drains[r, col] else 255
        else:
            for col in range(ncols):
                st[base + col] = 255
    return 0


@inline
def _steeper(a, b, inv, k, best, bk, n):  # pragma: no cover
    """One direction of a row: keep the steeper drop (a - b) * inv (vectorised by LLVM)."""
    for col in range(n):
        s = (np.float64(a[col]) - np.float64(b[col])) * inv
        m = s > best[col]
        best[col] = s if m else best[col]
        bk[col] = k if m else bk[col]


@jit
def d8_rows(fp, ncp, nrows, r0, r1, ncols, drains, dx, dy, rcv, code, st, rowflats):  # pragma: no cover
    """Steepest descent for rows r0..r1-1 (drop / distance, first of E SE S SW W NW N NE on
    ties). ``fp``/``st`` are the grid padded by one cell (``fp`` NaN = no data, so no bounds
    or validity checks; ``st`` 254 = outside: the frame and draining NoData, else 255);
    ``rcv``/``code`` are unpadded. A valid cell without a lower neighbour drains off the map
    on the raster edge or beside draining NoData (``drains``: there is some), else it is
    flat: st = 0. rowflats[r] = the flat cells of row r; returns their number in all rows."""
    ix, iy, idg = 1.0 / dx, 1.0 / dy, 1.0 / np.hypot(dx, dy)
    inv = np.array((ix, idg, iy, idg, ix, idg, iy, idg))
    offp = d8_offsets(ncp)
    offs = d8_offsets(ncols)
    best = np.empty(ncols, np.float64)
    bk = np.empty(ncols, np.int8)
    nf = 0
    for r in range(r0, r1):
        nf0 = nf
        base = (r + 1) * ncp + 1
        best[:] = 0.0
        bk[:] = -1
        row = fp[base:base + ncols]
        for k in range(8):
            o = base + offp[k]
            _steeper(row, fp[o:o + ncols], inv[k], np.int8(k), best, bk, ncols)
        c0 = r * ncols
        for col in range(ncols):
            p = base + col
            c = c0 + col
            k = bk[col]
            if k >= 0:
                rcv[c] = c + offs[k]
                code[c] = CODES[k]
                continue
            rcv[c] = -2
            code[c] = 255
            if fp[p] != fp[p]:
                continue
            outlet = r == 0 or r == nrows - 1 or col == 0 or col == ncols - 1
            if drains and not outlet:
                for k2 in range(8):
                    if st[p + offp[k2]] == 254:
                        outlet = True
                        break
            if outlet:
                rcv[c] = -1
                code[c] = 0
            else:
                st[p] = 0
                nf += 1
        rowflats[r] = nf - nf0
    return nf


@inline
def _flat_beside(row, nb_z, nb_st, hit, n):  # pragma: no cover
    """hit |= the neighbour in one direction is a flat cell (st 0) at the row's elevation."""
    for col in range(n):
        hit[col] |= (nb_st[col] == 0) & (nb_z[col] == row[col])


@jit
def flat_sources(fp, ncp, r0, r1, ncols, st, out):  # pragma: no cover
    """Sources of the flat cells (st 0): draining cells (st 255) of rows r0..r1-1 beside a
    flat cell at their elevation get st = 4 and are listed in ``out`` as far as it holds
    them; returns their count. Each cell is tested from its own row (vectorised over the
    row), so bands of rows may run on several threads at once and no source is listed twice."""
    offp = d8_offsets(ncp)
    hit = np.empty(ncols, np.bool_)
    m = 0
    for r in range(r0, r1):
        base = (r + 1) * ncp + 1
        hit[:] = False
        row = fp[base:base + ncols]
        for k in range(8):
            o = base + offp[k]
            _flat_beside(row, fp[o:o + ncols], st[o:o + ncols], hit, ncols)
        for col in range(ncols):
            if hit[col] and st[base + col] == 255:
                st[base + col] = 4
                if m < out.size:
                    out[m] = base + col
                m += 1
    return m


@jit
def flat_crossings(st, ncp, ncols, b0, b1, out):  # pragma: no cover
    """out[b - b0] = flat cells (st 0) of row b - 1 with a flat neighbour in row b, for the
    row boundaries b0 <= b < b1: the flats a cut of the row bands there would split."""
    for b in range(b0, b1):
        base = b * ncp + 1  # padded row of unpadded row b - 1
        n = 0
        for col in range(ncols):
            p = base + col
            if st[p] == 0:
                q = p + ncp
                n += (st[q - 1] == 0) | (st[q] == 0) | (st[q + 1] == 0)
        out[b - b0] = n
    return 0


@inline
def _flat(v):  # pragma: no cover
    return v == 0 or v == 5


@inline
def _mark(st, cells, tail, p):  # pragma: no cover
    """Mark p as a crossing flat (5) and list it; -1 when ``cells`` is full."""
    if tail == cells.size:
        return -1
    st[p] = 5
    cells[tail] = p
    return tail + 1


@jit
def mark_crossing(fp, ncp, ncols, st, cuts, cells, src, counts):  # pragma: no cover
    """Marks the flats that cross a cut between row bands (st 0 -> 5): breadth first from
    the flat cells just above each cut (row boundary) with a flat neighbour below it.
    ``cells`` receives the marked cells and ``src`` the sources beside them (a source at
    most 8 times); counts = (cells, sources). When ``cells`` is full, -1 is returned and
    the marks stay, all listed, for the caller to undo; else 0."""
    offp = d8_offsets(ncp)
    tail = 0
    for b in cuts:  # the flats of row b - 1 beside a flat of row b start the marking
        base = b * ncp + 1
        for col in range(ncols):
            p = base + col
            q = p + ncp
            if st[p] == 0 and (_flat(st[q - 1]) or _flat(st[q]) or _flat(st[q + 1])):
                tail = _mark(st, cells, tail, p)
                if tail < 0:
                    return -1
    ns = 0
    head = 0
    while head < tail:
        p = cells[head]
        head += 1
        fz = fp[p]
        for k in range(8):
            q = p + offp[k]
            v = st[q]
            if v == 0:
                tail = _mark(st, cells, tail, q)
                if tail < 0:
                    return -1
            elif v == 4 and fp[q] == fz:
                src[ns] = q
                ns += 1
    counts[0] = tail
    counts[1] = ns
    return 0


@jit
def resolve_flats(fp, ncp, sources, lo, hi, free, cap, st):  # pragma: no cover
    """Breadth-first distance through the flat cells marked ``free`` (0, or 5 for the flats
    that cross a cut, see ``mark_crossing``) from their sources (``flat_sources``): the
    cells beside a source at its elevation and between the padded indices lo..hi-1 are the
    first; ``cap`` bounds the cells reached. Each flat cell flows to the first neighbour
    one step closer.

    Two neighbouring flat cells always have the same elevation (neither has a lower
    neighbour), and BFS distances of neighbours differ by at most one, so ``st`` (uint8,
    padded) holds the distance modulo 3: 255 not flat (254 outside), 0 / 5 flat not reached yet, 4 source,
    1..3 = 1 + (distance - 1) mod 3 for flats (distance 2 -> 2); bits 3..6 of a flat
    that was expanded hold its direction (8 = none). A flat at distance d drains to the
    first neighbour holding d - 1; a source must also have its elevation. A flat component
    lies in one band or is marked 5, so bands of rows run on several threads at once.
    Returns the number of cells reached (-1 if more than ``cap``)."""
    offp = d8_offsets(ncp)
    nxt = np.array((0, 2, 3, 1, 2), dtype=np.uint8)
    prv = np.array((0, 3, 1, 2, 0), dtype=np.uint8)
    queue = np.empty(cap + 1, dtype=sources.dtype)
    tail = 0
    for j in range(sources.size):  # flats beside a source at its elevation: distance 2
        q = sources[j]
        fz = fp[q]
        for k in range(8):
            m = q + offp[k]
            if m >= lo and m < hi and st[m] == free and fp[m] == fz:
                st[m] = 2
                queue[tail] = m
                tail += 1
    head = 0
    while head < tail:
        p = queue[head]
        head += 1
        s = st[p]
        sn = nxt[s]
        sp = prv[s]
        kk = 8
        for k in range(8):
            q = p + offp[k]
            v = st[q] & 7
            if v == free:
                if tail > cap:  # cannot happen (see flow._flat_distances): no overrun
                    return -1
                st[q] = sn
                queue[tail] = q
                tail += 1
            elif kk == 8 and (v == sp or (v == 4 and s == 2 and fp[q] == fp[p])):
                kk = k
        st[p] = s | (kk << 3)  # the direction, for flat_directions
    return tail


@jit
def flat_directions(st, ncp, r0, r1, ncols, rcv, code):  # pragma: no cover
    """Receivers of the flat cells of rows r0..r1-1 from the direction ``resolve_flats``
    kept in the upper bits of ``st`` (flats it did not reach keep none)."""
    offs = d8_offsets(ncols)
    for r in range(r0, r1):
        base = (r + 1) * ncp + 1
        c0 = r * ncols
        for col in range(ncols):
            v = st[base + col]
            d = v & 7
            if d == 0 or d >= 4:  # not reached / source / outside (254) / not flat (255)
                continue
            k = v >> 3
            if k < 8:
                c = c0 + col
                rcv[c] = c + offs[k]
                code[c] = CODES[k]
    return 0


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
        c = i
        while out[c] < 0 and not terminal[c] and rcv[c] >= 0:
            stack[m] = c
            m += 1
            c = rcv[c]
        t = out[c] if out[c] >= 0 else c
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


@jit
def accumulate(rcv, acc, indeg, c0, c1):  # pragma: no cover
    """Cells draining through each cell (the cell itself included), for the cells c0..c1-1
    only: edges leaving that range are left to ``accumulate_across`` (their number is
    returned). In-degree peeling without a stack (uint8 in-degrees, 255 = done), block by
    block of 1024 cells: each source walks downstream until a cell still waits for other
    donors or lies in a later block, which then starts its walk when that block comes: the
    walks stay near the blocks in cache instead of chasing a path far down the grid
    (a third faster on 4 M cells)."""
    for c in range(c0, c1):
        indeg[c] = 0
    leaving = 0
    for c in range(c0, c1):  # no data (-2) counts 0 and has no donors: its walk ends at once
        r = rcv[c]
        acc[c] = 0 if r == -2 else 1
        if r >= c0 and r < c1:
            indeg[r] += 1
        elif r >= 0:
            leaving += 1
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
                indeg[x] = 255
                r = rcv[x]
                if r < c0 or r >= c1:
                    break
                a += acc[r]
                acc[r] = a
                d = indeg[r] - 1
                indeg[r] = d
                if d != 0 or r >= e:  # a cell of a later block: its block lists it (cache-hot)
                    break
                x = r
    return leaving


@jit
def accumulate_across(rcv, acc, indeg, cuts, ncols, leaving):  # pragma: no cover
    """Adds the flow that crosses between the cell ranges of ``accumulate`` (cut at the
    cell indices ``cuts``, whole rows): every crossing donor's count is carried down the
    receiving path, in topological order over the cells downstream of a crossing (few).
    D8 receivers cross a cut only between the rows beside it; when fewer than ``leaving``
    crossings are found there, nothing is changed and -1 is returned."""
    extra = np.empty(acc.size, dtype=acc.dtype)  # zeroed and used only along those paths
    # D8 crosses a cut only between the rows just above and below it
    donors = np.empty(2 * ncols * cuts.size, dtype=np.int64)
    nd = 0
    for cut in cuts:
        for c in range(cut - ncols, cut + ncols):
            r = rcv[c]
            if r >= 0 and (c < cut) != (r < cut):
                donors[nd] = c
                nd += 1
    if nd != leaving:  # receivers beyond the 8 neighbours: the caller accumulates in one piece
        return -1
    marked = np.empty(0, dtype=np.int64)
    nm = 0
    for j in range(nd):  # mark the paths below the crossings (indeg is 255 everywhere)
        x = rcv[donors[j]]
        while x >= 0 and indeg[x] == 255:
            indeg[x] = 0
            if nm == marked.size:
                grown = np.empty(max(1024, 2 * nm), dtype=np.int64)
                grown[:nm] = marked[:nm]
                marked = grown
            marked[nm] = x
            nm += 1
            x = rcv[x]
    for j in range(nm):  # every cell below a marked cell is marked
        extra[marked[j]] = 0
    for j in range(nm):
        r = rcv[marked[j]]
        if r >= 0:
            indeg[r] += 1
    for j in range(nd):
        d = donors[j]
        extra[rcv[d]] += acc[d]
    for j in range(nm):
        x = marked[j]
        if indeg[x] != 0:
            continue
        while True:
            indeg[x] = 255
            r = rcv[x]
            if r < 0:
                break
            extra[r] += extra[x]
            d = indeg[r] - 1
            indeg[r] = d
            if d != 0:
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
def _component(ok, seed, nrows, ncols, comp, stack):  # pragma: no cover
    """4-connected component of ``ok`` containing ``seed``: marks ``comp``, returns its size."""
    comp[:] = False
    if not ok[seed]:
        return 0
    comp[seed] = True
    stack[0] = seed
    top, n = 1, 1
    while top > 0:
        top -= 1
        c = stack[top]
        r, q = c // ncols, c % ncols
        for k in range(4):
            rr = r + (0, 1, 0, -1)[k]
            qq = q + (1, 0, -1, 0)[k]
            if rr < 0 or rr >= nrows or qq < 0 or qq >= ncols:
                continue
            d = rr * ncols + qq
            if ok[d] and not comp[d]:
                comp[d] = True
                stack[top] = d
                top += 1
                n += 1
    return n


@jit
def grow_faces(z, mask, a, b, lr, full, cell, min_cells, tol, cos_tol, max_faces,
               labels):  # pragma: no cover
    """Region growing of roof faces: exactly the rule of ``roofs.segment_roof`` (numpy),
    before left-over cells are assigned. Arrays are flat (row-major); returns the face count."""
    nrows, ncols = labels.shape[0], labels.shape[1]
    n = nrows * ncols
    lab = labels.ravel()
    remaining = mask.copy()
    seedable = mask.copy()
    for i in range(n):
        if lr[i] != lr[i]:
            seedable[i] = False
    finite_lr = seedable.copy()
    la = np.where(a == a, a, 0.0)
    lb = np.where(b == b, b, 0.0)
    lnorm = np.sqrt(la * la + lb * lb + 1.0)
    cand = np.zeros(n, np.bool_)
    ok = np.zeros(n, np.bool_)
    comp = np.zeros(n, np.bool_)
    seen = np.zeros(n, np.bool_)
    stack = np.empty(n, np.int64)
    members = np.empty(n, np.int64)
    nface = 0
    while nface < max_faces:
        # candidates: remaining seedable cells in components of at least min_cells
        for i in range(n):
            cand[i] = remaining[i] and seedable[i]
            seen[i] = False
        anyc = False
        for i in range(n):
            if cand[i] and not seen[i]:
                m = _component(cand, i, nrows, ncols, comp, stack)
                big = m >= min_cells
                for j in range(n):
                    if comp[j]:
                        seen[j] = True
                        if not big:
                            cand[j] = False
                anyc = anyc or big
        if not anyc:
            break
        anypref = False
        for i in range(n):
            if cand[i] and full[i]:
                anypref = True
                break
        seed = -1
        best = np.inf
        for i in range(n):
            if cand[i] and (full[i] or not anypref) and lr[i] < best:
                best = lr[i]
                seed = i
        if seed < 0:
            break
        pa, pb = a[seed], b[seed]
        pc = z[seed] - pa * (seed % ncols) * cell - pb * (seed // ncols) * cell
        size = -1
        for rnd in range(3):
            den = np.sqrt(pa * pa + pb * pb + 1.0)
            for i in range(n):
                x = (i % ncols) * cell
                y = (i // ncols) * cell
                res = abs(z[i] - (pa * x + pb * y + pc))
                cosang = (la[i] * pa + lb[i] * pb + 1.0) / (lnorm[i] * den)
                ok[i] = remaining[i] and res < tol and (cosang >= cos_tol or not finite_lr[i])
            if rnd == 2 and size >= 0:
                for i in range(n):
                    if ok[i] or not remaining[i] or comp[i]:
                        continue
                    x = (i % ncols) * cell
                    y = (i // ncols) * cell
                    if abs(z[i] - (pa * x + pb * y + pc)) >= tol:
                        continue
                    r, q = i // ncols, i % ncols
                    if ((q + 1 < ncols and comp[i + 1]) or (q > 0 and comp[i - 1])
                            or (r + 1 < nrows and comp[i + ncols]) or (r > 0 and comp[i - ncols])):
                        ok[i] = True
                for i in range(n):
                    if comp[i] and remaining[i]:
                        x = (i % ncols) * cell
                        y = (i // ncols) * cell
                        if abs(z[i] - (pa * x + pb * y + pc)) < tol:
                            ok[i] = True
            size = _component(ok, seed, nrows, ncols, comp, stack)
            if size == 0:
                size = -1
                break
            if size < 3:
                break
            # least-squares plane of the component (as roofs.fit_plane)
            m = 0
            for i in range(n):
                if comp[i]:
                    members[m] = i
                    m += 1
            mx = my = mz = 0.0
            for k in range(m):
                i = members[k]
                mx += (i % ncols) * cell
                my += (i // ncols) * cell
                mz += z[i]
            mx /= m
            my /= m
            mz /= m
            sxx = sxy = syy = sxz = syz = 0.0
            for k in range(m):
                i = members[k]
                dx = (i % ncols) * cell - mx
                dy = (i // ncols) * cell - my
                dz = z[i] - mz
                sxx += dx * dx
                sxy += dx * dy
                syy += dy * dy
                sxz += dx * dz
                syz += dy * dz
            det = sxx * syy - sxy * sxy
            if det <= 1e-12 * max(sxx * syy, 1e-300):
                break
            pa = (sxz * syy - syz * sxy) / det
            pb = (syz * sxx - sxz * sxy) / det
            pc = mz - pa * mx - pb * my
        if size < min_cells:
            seedable[seed] = False
            if size > 0:
                for i in range(n):
                    if comp[i]:
                        seedable[i] = False
            continue
        nface += 1
        for i in range(n):
            if comp[i]:
                lab[i] = nface
                remaining[i] = False
                seedable[i] = False
    return nface


@jit
def label_max(labels, values, out):  # pragma: no cover
    for i in range(labels.size):
        if values[i] > out[labels[i]]:
            out[labels[i]] = values[i]
    return 0
