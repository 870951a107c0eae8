"""Compiled (numba) kernels of the flow-routing rules in :mod:`flow`.

Each kernel implements exactly the rule documented in ``flow.py``; the vectorised numpy code there
is the fallback without numba, and the tests check that both give identical arrays on real DEMs.
"""

import numpy as np

from .accel import numba_module

_CACHE = {}


def get(name):
    """The compiled kernel ``name``, or None without numba."""
    nb = numba_module()
    if nb is None:
        return None
    if name not in _CACHE:
        _CACHE.update(_build(nb))
    return _CACHE[name]


def _build(nb):
    jit = nb.njit(cache=True, nogil=True)

    @jit
    def d8_steepest(f, valid, outlets, nrows, ncols, dx, dy, rcv, code, flat):  # pragma: no cover
        """Steepest descent (drop / distance, first of E SE S SW W NW N NE on ties). Interior cells
        take a path without bounds checks (fixed neighbour offsets)."""
        drs = (0, 1, 1, 1, 0, -1, -1, -1)
        dcs = (1, 1, 0, -1, -1, -1, 0, 1)
        codes = (1, 2, 4, 8, 16, 32, 64, 128)
        diag = np.hypot(dx, dy)
        dists = np.array((dx, diag, dy, diag, dx, diag, dy, diag))
        offs = np.array((1, ncols + 1, ncols, ncols - 1, -1, -ncols - 1, -ncols, -ncols + 1), dtype=np.int64)
        cds = np.array(codes, dtype=np.uint8)
        for r in range(nrows):
            inner_row = 0 < r < nrows - 1
            for col in range(ncols):
                c = r * ncols + col
                if not valid[c]:
                    rcv[c] = -2
                    code[c] = 255
                    flat[c] = False
                    continue
                fc = np.float64(f[c])
                best = 0.0
                bk = -1
                if inner_row and 0 < col < ncols - 1:
                    for k in range(8):
                        q = c + offs[k]
                        if not valid[q]:
                            continue
                        s = (fc - np.float64(f[q])) / dists[k]
                        if s > best:
                            best = s
                            bk = k
                else:
                    for k in range(8):
                        rr = r + drs[k]
                        cc = col + dcs[k]
                        if rr < 0 or rr >= nrows or cc < 0 or cc >= ncols:
                            continue
                        q = c + offs[k]
                        if not valid[q]:
                            continue
                        s = (fc - np.float64(f[q])) / dists[k]
                        if s > best:
                            best = s
                            bk = k
                flat[c] = False
                if bk >= 0:
                    rcv[c] = c + offs[bk]
                    code[c] = cds[bk]
                elif outlets[c]:
                    rcv[c] = -1
                    code[c] = 0
                else:
                    rcv[c] = -2
                    code[c] = 255
                    flat[c] = True
        return 0

    @jit
    def resolve_flats(f, valid, flat, nrows, ncols, rcv, code):  # pragma: no cover
        """Breadth-first distance through equal-elevation flat cells from the cells that drain;
        each flat cell flows to the first neighbour one step closer. Work is proportional to the
        number of flat cells (one scan collects them)."""
        drs = (0, 1, 1, 1, 0, -1, -1, -1)
        dcs = (1, 1, 0, -1, -1, -1, 0, 1)
        codes = (1, 2, 4, 8, 16, 32, 64, 128)
        offs = np.array((1, ncols + 1, ncols, ncols - 1, -1, -ncols - 1, -ncols, -ncols + 1), dtype=np.int64)
        n = nrows * ncols
        nflat = 0
        for c in range(n):
            if flat[c]:
                nflat += 1
        if nflat == 0:
            return 0
        flats = np.empty(nflat, dtype=np.int64)
        j = 0
        for c in range(n):
            if flat[c]:
                flats[j] = c
                j += 1
        dist = np.full(n, -1, dtype=np.int32)
        queue = np.empty(n, dtype=np.int32)
        head = 0
        tail = 0
        # sources: cells that drain (not flat) next to a flat cell of the same elevation
        for j in range(nflat):
            c = flats[j]
            r = c // ncols
            col = c - r * ncols
            inner = 0 < r < nrows - 1 and 0 < col < ncols - 1
            for k in range(8):
                if not inner:
                    rr = r + drs[k]
                    cc = col + dcs[k]
                    if rr < 0 or rr >= nrows or cc < 0 or cc >= ncols:
                        continue
                q = c + offs[k]
                if valid[q] and not flat[q] and dist[q] < 0 and f[q] == f[c]:
                    dist[q] = 1
                    queue[tail] = q
                    tail += 1
        while head < tail:
            c = queue[head]
            head += 1
            r = c // ncols
            col = c - r * ncols
            inner = 0 < r < nrows - 1 and 0 < col < ncols - 1
            for k in range(8):
                if not inner:
                    rr = r + drs[k]
                    cc = col + dcs[k]
                    if rr < 0 or rr >= nrows or cc < 0 or cc >= ncols:
                        continue
                q = c + offs[k]
                if flat[q] and dist[q] < 0 and f[q] == f[c]:
                    dist[q] = dist[c] + 1
                    queue[tail] = q
                    tail += 1
        for j in range(nflat):
            c = flats[j]
            if dist[c] < 0:
                continue
            r = c // ncols
            col = c - r * ncols
            inner = 0 < r < nrows - 1 and 0 < col < ncols - 1
            for k in range(8):
                if not inner:
                    rr = r + drs[k]
                    cc = col + dcs[k]
                    if rr < 0 or rr >= nrows or cc < 0 or cc >= ncols:
                        continue
                q = c + offs[k]
                if valid[q] and dist[q] == dist[c] - 1 and f[q] == f[c]:
                    rcv[c] = q
                    code[c] = codes[k]
                    break
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
    def accumulate(rcv, acc):  # pragma: no cover
        """Cells draining through each cell (the cell included), by in-degree peeling."""
        n = rcv.size
        indeg = np.zeros(n, dtype=np.int32)
        for c in range(n):
            if rcv[c] >= 0:
                indeg[rcv[c]] += 1
        for c in range(n):
            acc[c] = 0 if rcv[c] == -2 else 1
        stack = np.empty(n, dtype=np.int64)
        top = 0
        for c in range(n):
            if indeg[c] == 0 and rcv[c] != -2:
                stack[top] = c
                top += 1
        while top > 0:
            top -= 1
            c = stack[top]
            r = rcv[c]
            if r >= 0:
                acc[r] += acc[c]
                indeg[r] -= 1
                if indeg[r] == 0:
                    stack[top] = r
                    top += 1
        return 0

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

    return {"grow_faces": grow_faces, "label_max": label_max, "accumulate": accumulate,
            "trace_segments": trace_segments,
            "level_labels": level_labels, "d8_steepest": d8_steepest, "resolve_flats": resolve_flats,
            "first_terminal": first_terminal, "counting_sort": counting_sort}
