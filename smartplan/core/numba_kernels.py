"""Compiled (numba) kernels: Priority-Flood (see :mod:`fill`), the flow-routing rules of
:mod:`flow`, accumulation and flow paths (:mod:`streams`), sink nesting and roof faces.

Imported only when numba is present (:func:`kernels.get`). Every kernel is a module-level
function, so numba's on-disk cache serves it to later processes (a kernel that captured another
compiled function in a closure was compiled anew in every process: seconds per ``qgis_process``
run). Each kernel implements exactly the rule of its numpy fallback, and the tests check that
both give identical arrays.

Hot loops run over row slices indexed by the loop variable alone, and a loop that LLVM should
vectorise does one plain thing (a byte mask, then a count): an index such as ``base + col - 1``
keeps numba's negative-index wrap-around and a bool sum in the same loop keeps it scalar, each
several times slower. In the queue and walk loops, a computed neighbour index is made unsigned
for the same reason (never compared with a signed number: numba would compare them as floats).
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
def d8_step(k, n):  # pragma: no cover
    """Index offset of neighbour k (0..7: E SE S SW W NW N NE) in a row-major grid of n columns,
    by arithmetic rather than a table, so loops over a row stay vectorised."""
    dr = np.int32((k >= 1) & (k <= 3)) - np.int32(k >= 5)
    dc = np.int32((k == 0) | (k == 1) | (k == 7)) - np.int32((k >= 3) & (k <= 5))
    return dr * n + dc


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
def priority_flood(filled, state, seeds, ncp, nbins, label):  # pragma: no cover - compiled
    """Priority-Flood with a pit queue (Barnes et al. 2014, Algorithm 2) and upslope tracing
    (Zhou, Sun & Fu 2016): slope cells never enter the priority queue.

    The priority queue is a bucket queue over ``nbins`` equal elevation bins (linked lists,
    O(1) push) plus an exact binary heap for the bin being drained, so cells still leave it
    in exact elevation order: every cell pushed while bin b is drained is higher than the
    current cell, hence in bin b (-> heap) or later. ``filled`` starts as the DEM; a cell
    keeps its elevation until it is closed. All arrays are the grid padded by one closed
    cell on every side (``ncp`` columns).

    ``label``: watershed labels (Barnes 2016, for the tiled fill) — the seeds carry theirs, and
    every cell takes the label of the cell it was reached from; an array of size 1 labels
    nothing."""
    n = filled.size
    labelled = label.size == n
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
            q = np.uint64(c + offp[d])  # unsigned: no negative-index wrap-around per access
            if state[q]:
                continue
            state[q] = 1
            if labelled:
                label[q] = label[c]
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
                    m = np.uint64(t + offp[d2])
                    if state[m]:
                        continue
                    if filled[m] > zt:
                        state[m] = 1
                        if labelled:
                            label[m] = label[t]
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


@inline
def _unpad(p, ncp):  # pragma: no cover
    """Index in the unpadded grid of the padded index p (grids padded by one cell, ncp columns)."""
    return p - ncp - 1 - 2 * (p // ncp - 1)


@inline
def _load_row(z, valid, r, nrows, ncols, buf):  # pragma: no cover
    """buf = row r of z padded by a NaN cell on both sides (NaN where not valid or r outside)."""
    buf[0] = np.nan
    buf[ncols + 1] = np.nan
    if r < 0 or r >= nrows:
        for col in range(ncols):
            buf[col + 1] = np.nan
        return
    b = r * ncols
    zr = z[b : b + ncols]
    out = buf[1 : ncols + 1]
    if valid.size:
        vr = valid[b : b + ncols]
        for col in range(ncols):
            out[col] = zr[col] if vr[col] else np.nan
    else:
        for col in range(ncols):
            out[col] = zr[col]


@inline
def _steeper(a, b, inv, k, best, bk, n):  # pragma: no cover
    """One direction of a row: keep the steeper drop (a - b) * inv (vectorised by LLVM)."""
    for col in range(n):
        s = (np.float64(a[col]) - np.float64(b[col])) * inv
        m = s > best[col]
        best[col] = s if m else best[col]
        bk[col] = k if m else bk[col]


@inline
def _sources_row(z, st, ncp, ncols, r, hit, out, m):  # pragma: no cover
    """Sources of the flat cells in row r: draining cells (st 255) beside a flat cell (st 0)
    at their elevation get st = 4 and are listed in ``out`` as far as it holds them; returns
    the new count. Only row r is written, so rows may be done on several threads at once."""
    base = (r + 1) * ncp + 1
    own = st[base : base + ncols]
    up = st[base - ncp - 1 : base - ncp + ncols + 1]  # the rows beside, a cell more on both sides
    mid = st[base - 1 : base + ncols + 1]
    dn = st[base + ncp - 1 : base + ncp + ncols + 1]
    for col in range(ncols):  # a flat neighbour at all (slices indexed by the loop: vectorised)
        hit[col] = (own[col] == 255) & (
            (up[col] == 0)
            | (up[col + 1] == 0)
            | (up[col + 2] == 0)
            | (mid[col] == 0)
            | (mid[col + 2] == 0)
            | (dn[col] == 0)
            | (dn[col + 1] == 0)
            | (dn[col + 2] == 0)
        )
    offp = d8_offsets(ncp)
    offs = d8_offsets(ncols)
    for col in range(ncols):
        if hit[col]:  # ... at the same elevation
            u = r * ncols + col
            for k in range(8):
                if st[base + col + offp[k]] == 0 and z[u + offs[k]] == z[u]:
                    st[base + col] = 4
                    if m < out.size:
                        out[m] = base + col
                    m += 1
                    break
    return m


@jit
def d8_rows(z, valid, drains, nrows, ncols, r0, r1, dx, dy, rcv, code, st, rowflats, out):  # pragma: no cover
    """Steepest descent for rows r0..r1-1 (drop / distance, first of E SE S SW W NW N NE on
    ties) of the flat grid ``z`` (``valid``/``drains``: flat masks, or empty for all valid /
    none). A valid cell without a lower neighbour drains off the map on the raster edge or
    beside draining NoData, else it is flat. ``st`` (the grid padded by one cell, whose frame
    the caller sets to 254) gets the cell states: 254 draining NoData, 255 draining, 0 flat;
    rowflats[r] = the flat cells of row r. The sources of the flats (``_sources_row``) of the
    band's inner rows are found one row behind (the caller does the first and last rows).
    Rows run through a ring of three padded rows (NaN = no data: no bounds or validity checks).
    Returns (flat cells, sources) of the band."""
    ncp = ncols + 2
    ix, iy, idg = 1.0 / dx, 1.0 / dy, 1.0 / np.hypot(dx, dy)
    inv = np.array((ix, idg, iy, idg, ix, idg, iy, idg))
    ring = np.empty((3, ncp), dtype=z.dtype)
    best = np.empty(ncols, np.float64)
    bk = np.empty(ncols, np.int8)
    edge = np.zeros(ncols, np.uint8)  # an outlet if it has no lower neighbour: first/last column ...
    edge[0] = 1
    edge[ncols - 1] = 1  # ... and beside draining NoData (set per row)
    low = np.empty(ncols, np.uint8)
    flat = np.empty(ncols, np.uint8)
    hit = np.empty(ncols, np.bool_)
    has_drains = drains.size > 0
    _load_row(z, valid, r0 - 1, nrows, ncols, ring[(r0 - 1) % 3])
    _load_row(z, valid, r0, nrows, ncols, ring[r0 % 3])
    nf = 0
    m = 0
    for r in range(r0, r1):
        up = ring[(r - 1) % 3]
        row = ring[r % 3]
        dn = ring[(r + 1) % 3]
        _load_row(z, valid, r + 1, nrows, ncols, dn)
        best[:] = 0.0
        bk[:] = -1
        centre = row[1 : ncols + 1]
        _steeper(centre, row[2:], inv[0], np.int8(0), best, bk, ncols)  # E
        _steeper(centre, dn[2:], inv[1], np.int8(1), best, bk, ncols)  # SE
        _steeper(centre, dn[1:], inv[2], np.int8(2), best, bk, ncols)  # S
        _steeper(centre, dn, inv[3], np.int8(3), best, bk, ncols)  # SW
        _steeper(centre, row, inv[4], np.int8(4), best, bk, ncols)  # W
        _steeper(centre, up, inv[5], np.int8(5), best, bk, ncols)  # NW
        _steeper(centre, up[1:], inv[6], np.int8(6), best, bk, ncols)  # N
        _steeper(centre, up[2:], inv[7], np.int8(7), best, bk, ncols)  # NE
        base = (r + 1) * ncp + 1
        c0 = r * ncols
        strow = st[base : base + ncols]
        if has_drains:
            drow = drains[c0 : c0 + ncols]
            for col in range(ncols):
                strow[col] = 254 if drow[col] else 255
        else:
            strow[:] = 255
        nf0 = nf
        rc = rcv[c0 : c0 + ncols]
        cd = code[c0 : c0 + ncols]
        # every cell as if it had a lower neighbour (plain loops over the row: vectorised) ...
        for col in range(ncols):
            k = np.int32(bk[col])
            cd[col] = np.uint8(1 << k) if k >= 0 else np.uint8(255)
        for col in range(ncols):
            k = np.int32(bk[col])
            rc[col] = (c0 + col + d8_step(k, ncols)) if k >= 0 else -2
        # ... then the valid cells without: outlets on the edge or beside draining NoData, else flat
        if r == 0 or r == nrows - 1:
            for col in range(ncols):
                if bk[col] < 0 and centre[col] == centre[col]:
                    rc[col] = -1
                    cd[col] = 0
        else:
            if has_drains:
                du = drains[c0 - ncols : c0]
                dm = drains[c0 : c0 + ncols]
                dd = drains[c0 + ncols : c0 + 2 * ncols]
                for col in range(1, ncols - 1):
                    edge[col] = (
                        du[col - 1]
                        | du[col]
                        | du[col + 1]
                        | dm[col - 1]
                        | dm[col + 1]
                        | dd[col - 1]
                        | dd[col]
                        | dd[col + 1]
                    )
            for col in range(ncols):
                low[col] = (bk[col] < 0) & (centre[col] == centre[col])
            for col in range(ncols):
                flat[col] = low[col] & (edge[col] == 0)
            for col in range(ncols):
                low[col] &= edge[col] != 0  # now: the outlets
            for col in range(ncols):
                strow[col] = 0 if flat[col] else strow[col]
            for col in range(ncols):
                nf += flat[col]
            for col in range(ncols):
                rc[col] = -1 if low[col] else rc[col]
            for col in range(ncols):
                cd[col] = 0 if low[col] else cd[col]
        rowflats[r] = nf - nf0
        if r - 1 > r0:  # rows r - 2 .. r are done: the sources of row r - 1
            m = _sources_row(z, st, ncp, ncols, r - 1, hit, out, m)
    return nf, m


@jit
def flat_sources(z, st, ncols, rows, out, m):  # pragma: no cover
    """The sources (``_sources_row``) of the given rows, listed in ``out`` after its first m;
    returns the new count."""
    hit = np.empty(ncols, np.bool_)
    for r in rows:
        m = _sources_row(z, st, ncols + 2, ncols, r, hit, out, m)
    return m


@jit
def flat_crossings(st, ncp, ncols, b0, b1, out):  # pragma: no cover
    """out[b - b0] = flat cells (st 0) of row b - 1 with a flat neighbour in row b, for the
    row boundaries b0 <= b < b1: the flats a cut of the row bands there would split."""
    hit = np.empty(ncols, np.uint8)
    for b in range(b0, b1):
        base = b * ncp + 1  # padded row of unpadded row b - 1
        up = st[base : base + ncols]
        down = st[base + ncp - 1 : base + ncp + ncols + 1]  # row b, a cell more on both sides
        for col in range(ncols):  # two plain loops: LLVM vectorises both (8x faster than one)
            hit[col] = (up[col] == 0) & ((down[col] == 0) | (down[col + 1] == 0) | (down[col + 2] == 0))
        n = 0
        for col in range(ncols):
            n += hit[col]
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
def mark_crossing(z, ncp, ncols, st, cuts, cells, src, counts):  # pragma: no cover
    """Marks the flats that cross a cut between row bands (st 0 -> 5): breadth first from
    the flat cells just above each cut (row boundary) with a flat neighbour below it.
    ``cells`` receives the marked cells and ``src`` the sources beside them (a source at
    most 8 times); counts = (cells, sources). When ``cells`` is full, -1 is returned and
    the marks stay, all listed, for the caller to undo; else 0. ``z``: the unpadded
    elevations (flat), read only where a source is compared."""
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
        for k in range(8):
            q = p + offp[k]
            v = st[q]
            if v == 0:
                tail = _mark(st, cells, tail, q)
                if tail < 0:
                    return -1
            elif v == 4 and z[_unpad(q, ncp)] == z[_unpad(p, ncp)]:
                src[ns] = q
                ns += 1
    counts[0] = tail
    counts[1] = ns
    return 0


@jit
def resolve_flats(z, ncp, sources, lo, hi, free, cap, st):  # pragma: no cover
    """Breadth-first distance through the flat cells marked ``free`` (0, or 5 for the flats
    that cross a cut, see ``mark_crossing``) from their sources (``d8_rows``,
    ``flat_sources``): the cells beside a source at its elevation (``z``: the unpadded
    elevations, flat) and between the padded indices lo..hi-1 are the first; ``cap`` bounds
    the cells reached. Each flat cell flows to the first neighbour one step closer.

    Two neighbouring flat cells always have the same elevation (neither has a lower
    neighbour), and BFS distances of neighbours differ by at most one, so ``st`` (uint8,
    padded) holds the distance modulo 3: 255 not flat (254 outside), 0 / 5 flat not reached
    yet, 4 source, 1..3 = 1 + (distance - 1) mod 3 for flats (distance 2 -> 2). A flat at
    distance d drains to the first neighbour holding d - 1 (``flat_directions``); a source
    must also have its elevation. A flat component lies in one band or is marked 5, so
    bands of rows run on several threads at once.
    Returns the number of cells reached (-1 if more than ``cap``)."""
    offp = d8_offsets(ncp)
    nxt = np.array((0, 2, 3, 1, 2), dtype=np.uint8)
    queue = np.empty(cap + 1, dtype=sources.dtype)
    tail = 0
    for j in range(sources.size):  # flats beside a source at its elevation: distance 2
        q = sources[j]
        fz = z[_unpad(q, ncp)]
        for k in range(8):
            m = q + offp[k]
            if m >= lo and m < hi and st[m] == free and z[_unpad(m, ncp)] == fz:
                st[m] = 2
                queue[tail] = m
                tail += 1
    head = 0
    while head < tail:  # the directions are found afterwards (flat_directions): half the work here
        p = queue[head]
        head += 1
        sn = nxt[st[p]]
        for k in range(8):
            q = p + offp[k]
            if st[q] == free:
                if tail > cap:  # cannot happen (see flow._flat_distances): no overrun
                    return -1
                st[q] = sn
                queue[tail] = q
                tail += 1
    return tail


@jit
def flat_directions(z, st, ncp, r0, r1, ncols, rcv, code):  # pragma: no cover
    """Receivers of the flat cells of rows r0..r1-1 that ``resolve_flats`` reached: the first
    neighbour (E SE S SW W NW N NE) one step closer, that is holding the previous distance
    state, or for a flat at distance 2 a source at its elevation. Flats not reached keep none.
    Plain loops over the row (vectorised); only distance-2 cells beside a source are looked at
    one by one (their elevation)."""
    offp = d8_offsets(ncp)
    offs = d8_offsets(ncols)
    prev = np.empty(ncols, np.uint8)
    kk = np.empty(ncols, np.uint8)
    src = np.empty(ncols, np.uint8)
    for r in range(r0, r1):
        base = (r + 1) * ncp + 1
        c0 = r * ncols
        own = st[base : base + ncols]
        for col in range(ncols):  # the state one step closer: 1 -> 3, 2 -> 1, 3 -> 2; 9 not a reached flat
            v = own[col]
            prev[col] = np.uint8(v - 1) if (v == 2) | (v == 3) else (np.uint8(3) if v == 1 else np.uint8(9))
        kk[:] = 8
        src[:] = 0
        for k in range(8):
            o = base + offp[k]
            nb_st = st[o : o + ncols]
            kq = np.uint8(k)
            for col in range(ncols):
                kk[col] = kq if (kk[col] == 8) & (nb_st[col] == prev[col]) else kk[col]
            for col in range(ncols):
                src[col] |= (nb_st[col] == 4) & (prev[col] == 1)
        n = 0
        for col in range(ncols):
            n += src[col]
        if n:  # distance 2 beside a source: the first source at its elevation (or state 1)
            for col in range(ncols):
                if src[col]:
                    c = c0 + col
                    for k in range(8):
                        v = st[base + col + offp[k]]
                        if v == 1 or (v == 4 and z[c + offs[k]] == z[c]):
                            kk[col] = k
                            break
        rc = rcv[c0 : c0 + ncols]
        cd = code[c0 : c0 + ncols]
        for col in range(ncols):
            k = np.int32(kk[col])
            cd[col] = np.uint8(1 << k) if k < 8 else cd[col]
        for col in range(ncols):
            k = np.int32(kk[col])
            rc[col] = (c0 + col + d8_step(k, ncols)) if k < 8 else rc[col]
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
def d8_steps(n):  # pragma: no cover
    """Index step to the receiver for each D8 code (row-major grid of n columns); codes that
    name no neighbour (0 off the map, 255 none) step far below any index, so a walk leaving
    the cell range stops there."""
    steps = np.full(256, -(2**62), dtype=np.int64)
    offs = d8_offsets(n)
    for k in range(8):
        steps[CODES[k]] = offs[k]
    return steps


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
def grow_faces(z, mask, a, b, lr, full, cell, min_cells, tol, cos_tol, max_faces, labels):  # pragma: no cover
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
                    if (
                        (q + 1 < ncols and comp[i + 1])
                        or (q > 0 and comp[i - 1])
                        or (r + 1 < nrows and comp[i + ncols])
                        or (r > 0 and comp[i - ncols])
                    ):
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


@jit
def flat_bfs(f, flat, halo, dist, seeds, gw, cur, nxt):  # pragma: no cover - compiled
    """Breadth-first distances through flats from seeds with initial distances (``dist`` holds
    them, inf elsewhere; ``seeds`` sorted by them), level by level, on a tile grown by a halo of
    ``gw`` columns: the rule of ``tiled_flow.flat_distances``. A step joins 8-neighbours of equal
    ``f`` of which one is flat and at most one in the halo. ``cur``/``nxt``: work space."""
    n = f.size
    nh = n // gw
    ns = seeds.size
    si = 0
    ncur = 0
    level = 0.0
    while True:
        if ncur == 0:
            if si >= ns:
                break
            level = dist[seeds[si]]
            if not level < np.inf:
                break
        # seeds whose own distance is this level (and not bettered meanwhile) join the frontier
        while si < ns and dist[seeds[si]] <= level:
            s = seeds[si]
            si += 1
            if dist[s] == level:
                cur[ncur] = s
                ncur += 1
        nn = 0
        for k in range(ncur):
            u = cur[k]
            ru = u // gw
            cu = u - ru * gw
            fu = f[u]
            for dr in range(-1, 2):
                r = ru + dr
                if r < 0 or r >= nh:
                    continue
                for dc in range(-1, 2):
                    c = cu + dc
                    if (dr == 0 and dc == 0) or c < 0 or c >= gw:
                        continue
                    v = r * gw + c
                    if f[v] != fu or not (flat[u] or flat[v]) or (halo[u] and halo[v]):
                        continue
                    if dist[v] > level + 1.0:
                        dist[v] = level + 1.0
                        nxt[nn] = v
                        nn += 1
        for k in range(nn):
            cur[k] = nxt[k]
        ncur = nn
        level += 1.0
    return 0
