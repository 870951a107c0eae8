"""Synthetic DSMs with known roofs (hand-built truth) for the green-roof tests."""

import numpy as np

GROUND = 100.0
EAVES = 108.0


def roof_height(kind, slope_deg, u, v, w, d):
    """Height above the eaves of a roof over the footprint [0, w] × [0, d] (u along the width w,
    v along the depth d) and the face each point belongs to."""
    t = np.tan(np.radians(slope_deg))
    if kind == "shed":
        return t * v, np.ones_like(u, dtype=int)
    if kind == "gable":  # ridge along u at v = d/2
        dist = np.minimum(v, d - v)
        return t * dist, np.where(v < d / 2, 1, 2)
    if kind == "hip":  # four faces, distance to the nearest edge
        dists = np.stack([v, d - v, u, w - u])
        return t * dists.min(axis=0), dists.argmin(axis=0) + 1
    raise ValueError(kind)


def scene(roofs, cell=1.0, sigma=0.1, seed=0, gap=10.0, w=20.0, d=12.0):
    """A row of buildings, each ``w`` × ``d`` m with a roof (kind, slope, superstructures) where a
    superstructure is (u0, v0, width, depth, height). Returns dsm, ids, truth list."""
    n = len(roofs)
    ncols = int(round((n * (w + gap) + gap) / cell))
    nrows = int(round((d + 2 * gap) / cell))
    rows, cols = np.indices((nrows, ncols))
    x, y = (cols + 0.5) * cell, (rows + 0.5) * cell
    dsm = np.full((nrows, ncols), GROUND)
    ids = np.zeros((nrows, ncols), dtype=np.int32)
    truth = []
    for i, (kind, slope, supers) in enumerate(roofs):
        x0, y0 = gap + i * (w + gap), gap
        inside = (x > x0) & (x < x0 + w) & (y > y0) & (y < y0 + d)
        u, v = x[inside] - x0, y[inside] - y0
        h, face = roof_height(kind, slope, u, v, w, d)
        z = EAVES + h
        occ = np.zeros(u.shape, dtype=bool)
        for su, sv, sw, sd, sh in supers:
            m = (u > su) & (u < su + sw) & (v > sv) & (v < sv + sd)
            z[m] += sh
            occ |= m
        dsm[inside] = z
        ids[inside] = i + 1
        truth.append(
            {
                "kind": kind,
                "slope": slope,
                "faces": int(face.max()),
                "occupied_m2": float(occ.sum() * cell * cell),
            }
        )
    rng = np.random.default_rng(seed)
    dsm = dsm + rng.normal(0.0, sigma, dsm.shape)
    return dsm.astype(np.float32), ids, truth
