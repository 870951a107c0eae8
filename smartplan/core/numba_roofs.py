"""Compiled (numba) kernels of the roof-face segmentation (:mod:`roofs`); the rules and habits of
:mod:`numba_kernels` apply."""

import numpy as np

from .numba_common import jit


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
