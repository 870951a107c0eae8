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
from dataclasses import dataclass

import numpy as np

from . import kernels
from .defaults import CAR_DEPTH_M, EMERGENCY_DEPTH_M, UNDERPASS_DEPTH_M, WALL_DEPTH_M  # noqa: F401

CRITICAL_TYPES = {  # OSM tags -> type (German label in the help)
    ("amenity", "hospital"): "hospital",
    ("amenity", "clinic"): "hospital",
    ("amenity", "fire_station"): "fire_station",
    ("amenity", "police"): "police",
    ("amenity", "school"): "school",
    ("amenity", "kindergarten"): "kindergarten",
    ("amenity", "nursing_home"): "care_home",
    ("social_facility", "nursing_home"): "care_home",
    ("amenity", "social_facility"): "care_home",
    ("power", "substation"): "substation",
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


def cells_at(geotransform, shape, xs, ys):
    """``(row, col, inside)`` of the cells that contain map points (north-up grid; a point on a
    cell edge belongs to the cell east/south of it): the one map-point → cell rule."""
    gt = geotransform
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    c = np.floor((xs - gt[0]) / gt[1]).astype(np.int64)
    r = np.floor((ys - gt[3]) / gt[5]).astype(np.int64)
    return r, c, (r >= 0) & (r < shape[0]) & (c >= 0) & (c < shape[1])


def sample(depth, geotransform, xs, ys):
    """Depth at map coordinates (nearest cell); NaN outside the raster or on NoData."""
    xs = np.asarray(xs, dtype=np.float64)
    r, c, ok = cells_at(geotransform, depth.shape, xs, ys)
    out = np.full(xs.shape, np.nan)
    out[ok] = depth[r[ok], c[ok]]
    return out


@dataclass
class Pieces:
    """Lines split where they enter and leave the water (see :func:`split_at_water`). Piece j has
    the vertices ``x[first[j]:last[j] + 1]``, ``y[...]`` of the densified lines."""

    x: np.ndarray
    y: np.ndarray
    part: np.ndarray  # index of the line (part) the piece belongs to
    number: np.ndarray  # 1, 2, … along its line
    first: np.ndarray
    last: np.ndarray
    wet: np.ndarray
    max_depth: np.ndarray  # over the piece's own samples (not the vertex it shares); 0 without data
    length: np.ndarray


def split_at_water(xs, ys, starts, depth, geotransform, step, wet_from=0.0):
    """Split every line where it enters or leaves the water, for all lines at once (numpy).

    ``xs``/``ys``: the vertices of all lines one after the other, line i being
    ``starts[i]:starts[i + 1]`` (at least two vertices each). Each segment gets samples every
    ``step`` at most (its vertices kept); the depth is read at each sample (nearest cell; NaN
    outside or on NoData counts as dry). A run of consecutive wet (depth > ``wet_from``) or dry
    samples makes a piece; a piece starts on the last sample of the piece before it, so the
    pieces of a line connect, and its maximum depth is taken over its own samples. A first run
    of a single sample gives no piece (no length)."""
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    starts = np.asarray(starts, dtype=np.int64)
    nv = xs.size
    end = np.zeros(nv, dtype=bool)
    end[starts[1:] - 1] = True
    nxt = np.arange(1, nv + 1)
    nxt[end] = np.flatnonzero(end)  # the last vertex of a line is its own next
    k = np.where(end, 1, np.maximum(1, np.ceil(np.hypot(xs[nxt] - xs, ys[nxt] - ys) / step))).astype(np.int64)
    i = np.repeat(np.arange(nv), k)
    first_sample = np.cumsum(k) - k
    t = (np.arange(i.size) - first_sample[i]) / k[i]
    x = xs[i] + t * (xs[nxt[i]] - xs[i])
    y = ys[i] + t * (ys[nxt[i]] - ys[i])
    del t
    line_start = first_sample[starts[:-1]]  # first sample of each line
    d = sample(depth, geotransform, x, y)
    wet = np.nan_to_num(d, nan=0.0) > wet_from
    n = x.size
    new_line = np.zeros(n, dtype=bool)
    new_line[line_start] = True
    run = new_line.copy()
    run[1:] |= wet[1:] != wet[:-1]
    a = np.flatnonzero(run)  # first own sample of each run; the run ends before the next one
    b = np.append(a[1:], n)
    part = np.repeat(np.arange(starts.size - 1), np.diff(np.append(line_start, n)))[a]
    first = np.where(new_line[a], a, a - 1)
    last = b - 1
    mx = np.maximum.reduceat(np.where(np.isnan(d), -np.inf, d), a) if n else np.zeros(0)
    mx[np.isneginf(mx)] = 0.0
    cum = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(x), np.diff(y)))])
    cum -= cum[np.repeat(line_start, np.diff(np.append(line_start, n)))]  # from each line's start
    keep = last > first
    part, first, last = part[keep], first[keep], last[keep]
    idx = np.arange(part.size)
    group = np.ones(part.size, dtype=bool)
    group[1:] = part[1:] != part[:-1]
    number = idx - np.maximum.accumulate(np.where(group, idx, 0)) + 1
    return Pieces(
        x=x,
        y=y,
        part=part,
        number=number,
        first=first,
        last=last,
        wet=wet[a][keep],
        max_depth=mx[keep],
        length=cum[last] - cum[first],
    )


def line_chunks(xs, ys, starts, step, samples=2_000_000):
    """Ranges (l0, l1) of consecutive lines whose samples every ``step`` stay near ``samples``
    (one long line may exceed it alone): :func:`split_at_water` chunk by chunk keeps its arrays
    small on a whole city's roads."""
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    starts = np.asarray(starts, dtype=np.int64)
    cl = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(xs), np.diff(ys)))])
    est = (cl[starts[1:] - 1] - cl[starts[:-1]]) / step + np.diff(starts) * 2
    group = (np.cumsum(est) // samples).astype(np.int64)
    edges = np.flatnonzero(np.diff(group)) + 1
    bounds = np.concatenate([[0], edges, [starts.size - 1]])
    return [(int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:]) if b > a]


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
