"""How near a building is to a flow path: one rule for smartplan:flowpaths (BUILDINGS_NEAR) and
smartplan:affected (BUILDINGS_AFFECTED), so the same building gets the same class in both."""

import numpy as np

from .defaults import BUILDING_DISTANCE_CLASSES_M


def parse_classes(text):
    """'5,10,15' → (5.0, 10.0, 15.0): ascending, non-negative class limits [m] (ValueError)."""
    vals = tuple(float(v) for v in str(text).replace(";", ",").split(",") if v.strip())
    if not vals or any(b <= a for a, b in zip(vals, vals[1:])) or vals[0] < 0:
        raise ValueError(text)
    return vals


DISTANCE_CLASSES_M = parse_classes(BUILDING_DISTANCE_CLASSES_M)


def distance_class(dist_m, classes=DISTANCE_CLASSES_M):
    """1 for a distance up to the first limit (inclusive), 2 up to the second …; None beyond the
    last limit or without a distance."""
    if dist_m is None or dist_m > classes[-1]:
        return None
    return int(np.searchsorted(classes, dist_m, side="left")) + 1


def nearest_path(geom, paths, upstream_ha, max_dist_m):
    """``(distance, position)`` of the flow path nearest to ``geom`` within ``max_dist_m``, or
    ``(None, None)``. ``paths``: ``core.geometry.SpatialIndex`` of the flow-path lines (None
    entries are skipped); ``upstream_ha[k]``: upstream area of path k. Ties go to the larger
    upstream area (the path that carries more water), then to the first path — the same building
    gets the same path, distance and class in smartplan:flowpaths and smartplan:affected."""
    best, best_k = None, None
    if paths is None:
        return None, None
    for k in paths.within_distance(geom, max_dist_m):
        d = float(geom.distance(paths.geoms[k]))
        if best is None or d < best or (d == best and upstream_ha[k] > upstream_ha[best_k]):
            best, best_k = d, k
    return best, best_k
