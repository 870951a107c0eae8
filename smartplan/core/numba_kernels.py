"""Compiled (numba) kernels: Priority-Flood (see :mod:`fill`) and the flow-routing rules of
:mod:`flow` here; accumulation, flow paths and sink nesting in :mod:`numba_streams`, roof faces in
:mod:`numba_roofs` (all reachable from this module, by :func:`kernels.get`).

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

import numpy as np

from .numba_common import d8_offsets, d8_step, inline, jit


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


# the kernels of the other modules, by the names kernels.get() looks up
from .numba_roofs import grow_faces, label_max  # noqa: E402
from .numba_streams import (  # noqa: E402
    accumulate,
    accumulate_across,
    carry_values,
    counting_sort,
    first_terminal,
    level_labels,
    radix_order_f32,
    sort_segments,
    trace_segments,
)
from .numba_tiles import flat_codes, flat_start, tile_receivers  # noqa: E402

__all__ = [
    "accumulate",
    "accumulate_across",
    "carry_values",
    "counting_sort",
    "first_terminal",
    "flat_codes",
    "flat_start",
    "grow_faces",
    "label_max",
    "level_labels",
    "radix_order_f32",
    "sort_segments",
    "tile_receivers",
    "trace_segments",
]


@jit
def steepest_k(f, inv, out):  # pragma: no cover - compiled
    """``flow.steepest_descent`` compiled: out[r, c] = index 0..7 (D8 order E SE S SW W NW N NE)
    of the steepest downhill neighbour of f[r, c] (float64, NaN = none), -1 without one; slope =
    drop × inv[k] in float64 as there, ties to the first direction."""
    h, w = f.shape
    drs = (0, 1, 1, 1, 0, -1, -1, -1)
    dcs = (1, 1, 0, -1, -1, -1, 0, 1)
    for r in range(h):
        for c in range(w):
            z = f[r, c]
            best = 0.0
            bk = -1
            for k in range(8):
                rr = r + drs[k]
                cc = c + dcs[k]
                if rr < 0 or rr >= h or cc < 0 or cc >= w:
                    continue
                slope = (z - f[rr, cc]) * inv[k]
                if slope > best:  # NaN compares false: invalid neighbours never win
                    best = slope
                    bk = k
            out[r, c] = bk
    return 0
