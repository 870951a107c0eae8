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
