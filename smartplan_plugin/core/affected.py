"""Affected objects (Betroffenheit) from a water-depth raster: buildings, roads, underpasses and
critical sites (methods.md §5, reference B8).

* Buildings: the largest water depth in or next to the footprint (raised buildings stay dry, the
  water stands at the wall: a one-cell ring is read, like the k x k maximum filter of the DTU
  flood calculator); flooded when it reaches the wall threshold (Ulm: 0.10 m, water can enter).
* Roads: depth sampled along the line every half cell; the line is split where it enters or
  leaves the water; every piece has its maximum depth and passability for cars (≤ 0.30 m) and
  emergency vehicles (≤ 0.60 m) (Kramer, Terheiden & Wieprecht 2016).
* Underpasses: OSM tunnel=yes / covered=yes / layer < 0, or road pieces deeper than 0.50 m
  (BWB Überstauatlas: knee-deep water).
"""

import re

import numpy as np

from . import kernels

# Kramer et al. 2016 (IJDRR): impassable above 0.3 m for cars, 0.6 m for emergency vehicles
WALL_DEPTH_M = 0.10  # Ulm: from 0.1 m water can enter buildings
CAR_DEPTH_M = 0.30
EMERGENCY_DEPTH_M = 0.60
UNDERPASS_DEPTH_M = 0.50  # BWB Überstauatlas (knee-deep); closures elsewhere at 0.25 m

CRITICAL_TYPES = {  # OSM tags -> type (German label in the help)
    ("amenity", "hospital"): "hospital", ("amenity", "clinic"): "hospital",
    ("amenity", "fire_station"): "fire_station", ("amenity", "police"): "police",
    ("amenity", "school"): "school", ("amenity", "kindergarten"): "kindergarten",
    ("amenity", "nursing_home"): "care_home", ("social_facility", "nursing_home"): "care_home",
    ("amenity", "social_facility"): "care_home", ("power", "substation"): "substation",
    ("amenity", "fuel"): "fuel_station",
}


# depth rasters are float32: 0.30 is stored as 0.3000000119. Thresholds compare with this
# tolerance so that a depth of exactly the threshold counts as "at" it
EPS = 1e-6


def at_most(value, threshold):
    return value <= threshold + EPS


def at_least(value, threshold):
    return value >= threshold - EPS


def ring_max(ids, depth, n):
    """Largest depth in or 8-adjacent to each object of an id raster (ids 1..n, 0 = none): the 3 x 3
    maximum filter of the depth, read at the object's cells. NaN depth (NoData) is ignored;
    objects without any cell with data get NaN."""
    from scipy import ndimage

    d = np.where(np.isfinite(depth), depth, -np.inf).astype(np.float32)
    filt = ndimage.maximum_filter(d, size=3, mode="constant", cval=-np.inf)
    del d
    cells = np.flatnonzero(ids)
    labs = ids.ravel()[cells]
    vals = filt.ravel()[cells]
    del filt, cells
    out = np.full(n + 1, -np.inf)
    kern = kernels.get("label_max")
    if kern is not None:
        kern(labs, vals, out)
    else:
        np.maximum.at(out, labs, vals)
    out = out[1:]
    out[np.isneginf(out)] = np.nan
    return out


def densify(xs, ys, step):
    """Vertices of a polyline plus points every ``step`` along each segment (numpy)."""
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    if xs.size < 2:
        return xs, ys
    seg = np.hypot(xs[1:] - xs[:-1], ys[1:] - ys[:-1])
    k = np.maximum(1, np.ceil(seg / step).astype(np.int64))
    i = np.repeat(np.arange(seg.size), k)
    first = np.cumsum(k) - k  # index of each segment's first sample
    t = (np.arange(i.size) - first[i]) / k[i]
    ox = xs[i] + t * (xs[i + 1] - xs[i])
    oy = ys[i] + t * (ys[i + 1] - ys[i])
    return np.append(ox, xs[-1]), np.append(oy, ys[-1])


def sample(depth, geotransform, xs, ys):
    """Depth at map coordinates (nearest cell); NaN outside the raster or on NoData."""
    gt = geotransform
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    c = np.floor((xs - gt[0]) / gt[1]).astype(np.int64)
    r = np.floor((ys - gt[3]) / gt[5]).astype(np.int64)
    ok = (r >= 0) & (r < depth.shape[0]) & (c >= 0) & (c < depth.shape[1])
    out = np.full(xs.shape, np.nan)
    out[ok] = depth[r[ok], c[ok]]
    return out


def wet_runs(values, wet_from=0.0):
    """Runs of consecutive samples that are wet (depth > wet_from) or dry:
    [(first_vertex, last_vertex, wet, own_first)] with inclusive vertex indices. A piece starts on
    the last vertex of the piece before it, so the pieces of a split line connect; its own samples
    (for its maximum depth) are ``own_first .. last_vertex``."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float64), nan=0.0)
    wet = v > wet_from
    if wet.size == 0:
        return []
    change = np.flatnonzero(wet[1:] != wet[:-1]) + 1
    bounds = np.concatenate([[0], change, [wet.size]])
    runs = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        start = a - 1 if a > 0 else a  # share the boundary vertex with the previous piece
        runs.append((int(start), int(b - 1), bool(wet[a]), int(a)))
    return runs


_TAG = re.compile(r'"([^"]+)"=>"([^"]*)"')


def osm_tags(other_tags):
    """The OSM hstore string of GDAL's OSM driver ('"k"=>"v","k2"=>"v2"') as a dict."""
    if not other_tags or not isinstance(other_tags, str):
        return {}
    return dict(_TAG.findall(other_tags))


def is_underpass(tags):
    """OSM tunnel / covered / negative layer."""
    if tags.get("tunnel", "no") not in ("no", ""):
        return True
    if tags.get("covered", "no") == "yes":
        return True
    try:
        return float(tags.get("layer", "0")) < 0
    except ValueError:
        return False


def critical_type(tags):
    for (k, v), t in CRITICAL_TYPES.items():
        if tags.get(k) == v:
            return t
    return None
