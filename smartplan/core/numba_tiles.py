"""Compiled (numba) kernels of the routing across tiles (:mod:`tiled_flow`): a tile's receivers,
the start of a visit of the flats' relaxation and the directions on flats. Each is the rule of
its numpy code there (identical arrays; the tests run both); the habits of :mod:`numba_kernels`
apply."""

import numpy as np

from .numba_common import inline, jit


@jit
def tile_receivers(code, dr_of, dc_of, r0, c0, ncols_total, rcv, target):  # pragma: no cover
    """``tiled_flow._tile_receivers`` (``dr_of``/``dc_of``: its row and column step per code):
    rcv = the local receiver (−1 off the map or out of the tile, −2 none), target = the raster
    index of a receiver in another tile (else −1)."""
    h, w = code.shape
    for r in range(h):
        for c in range(w):
            i = r * w + c
            k = code[r, c]
            target[i] = -1
            if k == 0:
                rcv[i] = -1
                continue
            if k == 255 or (dr_of[k] == 0 and dc_of[k] == 0):
                rcv[i] = -2
                continue
            tr = r + dr_of[k]
            tc = c + dc_of[k]
            if tr >= 0 and tr < h and tc >= 0 and tc < w:
                rcv[i] = tr * w + tc
            else:
                rcv[i] = -1
                target[i] = (tr + r0) * ncols_total + tc + c0
    return 0


@inline
def ring_at(top, bottom, left, right, r, c, gh):  # pragma: no cover
    """The value of a halo ring (``tiled_flow.halo_ring``) at cell (r, c) of the grown tile."""
    if r == 0:
        return top[c]
    if r == gh - 1:
        return bottom[c]
    if c == 0:
        return left[r - 1]
    return right[r - 1]


@jit
def flat_start(
    f,
    flat,
    top,
    bottom,
    left,
    right,
    old_dist,
    otop,
    obottom,
    oleft,
    oright,
    has_prev,
    dist,
    flatg,
    halo,
    seeds,
):  # pragma: no cover - compiled
    """The start of a visit of ``tiled_flow.flat_distances`` on a grown tile (``f``: grown filled
    surface, NaN none; ``flat``: the inner flat cells; ``top``…``right``: the halo ring of the
    neighbours' published distances; with ``has_prev`` the inner distances and the ring of the
    last visit). Writes the initial distances, the grown flat and halo masks (flat, row-major) and
    the seeds — cells with a finite start in or beside a flat cell; on a later visit only halo
    cells whose value improved. Returns the number of seeds."""
    gh, gw = f.shape
    inf = np.inf
    for r in range(gh):
        for c in range(gw):
            i = r * gw + c
            ring = r == 0 or r == gh - 1 or c == 0 or c == gw - 1
            halo[i] = ring
            valid = f[r, c] == f[r, c]
            if ring:
                d = ring_at(top, bottom, left, right, r, c, gh)
                flatg[i] = d < inf and d > 0.0
                dist[i] = d if valid else inf
            else:
                fl = flat[r - 1, c - 1]
                flatg[i] = fl
                if not valid:
                    dist[i] = inf
                elif fl:
                    dist[i] = old_dist[r - 1, c - 1] if has_prev else inf
                else:
                    dist[i] = 0.0
    ns = 0
    for r in range(gh):
        for c in range(gw):
            i = r * gw + c
            if not dist[i] < inf:
                continue
            if has_prev and not (
                halo[i]
                and ring_at(top, bottom, left, right, r, c, gh)
                < ring_at(otop, obottom, oleft, oright, r, c, gh)
            ):
                continue
            near = False
            for dr in range(-1, 2):
                rr = r + dr
                if rr < 0 or rr >= gh:
                    continue
                for dc in range(-1, 2):
                    cc = c + dc
                    if cc >= 0 and cc < gw and flatg[rr * gw + cc]:
                        near = True
            if near:
                seeds[ns] = i
                ns += 1
    return ns


@jit
def flat_codes(code, todo, dist, gd, f):  # pragma: no cover - compiled
    """``tiled_flow.tile_codes`` on flats: each ``todo`` cell flows to its first 8-neighbour (D8
    order E SE S SW W NW N NE) one step closer (``gd``: grown distances, 0 on cells that drain)
    on the same filled elevation (``f`` grown)."""
    h, w = todo.shape
    drs = (0, 1, 1, 1, 0, -1, -1, -1)
    dcs = (1, 1, 0, -1, -1, -1, 0, 1)
    cds = (1, 2, 4, 8, 16, 32, 64, 128)
    for r in range(h):
        for c in range(w):
            if not todo[r, c]:
                continue
            want = dist[r, c] - 1.0
            fz = f[r + 1, c + 1]
            for k in range(8):
                rr = r + 1 + drs[k]
                cc = c + 1 + dcs[k]
                if gd[rr, cc] == want and f[rr, cc] == fz:
                    code[r, c] = cds[k]
                    break
    return 0
