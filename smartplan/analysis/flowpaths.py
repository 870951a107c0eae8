"""Flow paths (Fließwege) on one raster in memory: the use case of ``smartplan:flowpaths``.

``run`` fills and routes the prepared terrain (``analysis.terrain``), accumulates D8 flow and
extracts the flow-path network from the start area on (``core.streams``); the ``*_records``
functions give the output features in the order of the output schemas below. Buildings near a
flow path use the one proximity rule (``core.proximity``) that ``smartplan:affected`` uses too.
Defaults and their sources: ``core.defaults`` (FLOWPATH_*, CORRIDOR_M, LOW_SLOPE_PCT)."""

from dataclasses import dataclass

import numpy as np

from ..core import defaults
from ..core import geometry as G
from ..core.proximity import DISTANCE_CLASSES_M, distance_class, nearest_path, parse_classes
from ..core.streams import classify, d8_accumulation, stream_network, upstream_area_m2
from ..io.raster import line_wkb
from .records import INT64

# the output schemas (the batch interface: do not rename or reorder)
FLOWPATH_FIELDS = (
    ("seg_id", int),
    ("upstream_ha", float),
    ("class", int),
    ("class_label", str),
    ("strahler", int),
    ("length_m", float),
    ("mean_slope_pct", float),
    ("low_slope", bool),
    ("in_sink", bool),
    ("downstream_seg", int),
)
CORRIDOR_FIELDS = (("class", int), ("class_label", str), ("corridor_m", float))
# followed by the building layer's own attributes (except a GeoPackage 'fid')
BUILDINGS_NEAR_FIELDS = (
    ("building_fid", INT64),
    ("dist_m", float),
    ("dist_class", int),
    ("upstream_ha", float),
    ("seg_id", int),
)

PARAM_DISTANCE_CLASSES = "DISTANCE_CLASSES_M"

# the fields by which a layer is recognised as a FLOWPATHS layer (planning table)
FLOWPATH_KEYS = frozenset({"upstream_ha", "strahler"})


def distance_classes_of(parameters_text):
    """The building distance classes [m] a ``smartplan:flowpaths`` run used, from the parameters
    it recorded in its outputs (``io.metadata.recorded``); the default classes when none are
    recorded (a layer from elsewhere, an older run). smartplan:affected classifies by them, so a
    building gets the same class from both."""
    from .terrain import recorded_parameters

    params = recorded_parameters(parameters_text) or {}
    try:
        return parse_classes(params.get(PARAM_DISTANCE_CLASSES) or defaults.BUILDING_DISTANCE_CLASSES_M)
    except ValueError:
        return DISTANCE_CLASSES_M


def class_labels(breaks):
    """Labels of the upstream-area classes: below the first break, between breaks, above."""
    return (
        [f"< {breaks[0]:g} ha"]
        + [f"{a:g}–{b:g} ha" for a, b in zip(breaks, breaks[1:])]
        + [f"≥ {breaks[-1]:g} ha"]
    )


@dataclass
class FlowResult:
    terrain: object  # core.sinks.Terrain (filled, code, rcv …)
    accumulation: np.ndarray  # cells draining through each cell (flat, including itself)
    network: object  # core.streams.StreamNetwork
    upstream_ha: np.ndarray  # per segment
    cls: np.ndarray  # per segment: 0 = below the first break …
    labels: list  # class labels
    min_ha: float
    lines: list  # per segment: WKB of the line through its cell centres
    length_m: np.ndarray  # per segment
    slope_pct: np.ndarray  # per segment: mean slope on the filled surface
    # per segment: most of it crosses a filled sink (there the water ponds first, and the
    # straight line only says where the sink overflows to)
    in_sink: np.ndarray

    @property
    def n(self):
        return int(self.network.n)

    def upstream_area_m2(self):
        """Upstream area [m²] per cell (the ACCUMULATION raster)."""
        t = self.terrain
        return upstream_area_m2(self.accumulation, t.cell_area, t.valid)


def segment_measures(cells, filled, in_sink_cells, grid):
    """(line WKB, length m, mean slope %, in_sink) of one segment: its cells (raster indices, from
    upstream), the filled surface on them and whether each lies in a filled sink — the rule of
    both paths (whole raster here, tile by tile in ``analysis.tiled_streams``)."""
    xs, ys = grid.line_through_cells(cells)
    length = float(np.hypot(np.diff(xs), np.diff(ys)).sum())
    drop = float(filled[0] - filled[-1])
    slope = 100.0 * drop / length if length > 0 else 0.0
    return line_wkb(xs, ys), length, slope, bool(np.mean(in_sink_cells) > 0.5)


def _segments(terrain, net, grid):
    """(lines, length, slope, in_sink) of the network's segments."""
    f = terrain.filled.ravel()
    zz = terrain.z.ravel()
    lines = []
    length = np.zeros(net.n)
    slope = np.zeros(net.n)
    in_sink = np.zeros(net.n, dtype=bool)
    for k in range(net.n):
        cells = net.cells[net.starts[k] : net.starts[k + 1]]
        wkb, length[k], slope[k], in_sink[k] = segment_measures(cells, f[cells], f[cells] > zz[cells], grid)
        lines.append(wkb)
    return lines, length, slope, in_sink


def min_cells_of(min_ha, cell_area):
    """The start of the network in cells: ``min_ha`` of upstream area, at least one cell."""
    return max(1, int(np.ceil(min_ha * 10000.0 / cell_area)))


def default_breaks(breaks=None):
    if breaks is None:
        return [float(v) for v in defaults.FLOWPATH_CLASS_BREAKS_HA.split(",")]
    return list(breaks)


def flow_result(
    network, upstream_cells, cell_area, min_ha, breaks, measures, terrain=None, accumulation=None
):
    """The ``FlowResult`` of a network (``network.n``, ``.downstream``, ``.strahler``) with the
    accumulation at each segment's last own cell and its ``measures`` (lines, length, slope,
    in_sink of ``segment_measures``): upstream area, classes and labels by one rule for both
    paths."""
    up_ha = np.asarray(upstream_cells, dtype=np.float64) * cell_area / 10000.0
    lines, length, slope, in_sink = measures
    return FlowResult(
        terrain=terrain,
        accumulation=accumulation,
        network=network,
        upstream_ha=up_ha,
        cls=classify(up_ha, breaks) - 1,
        labels=class_labels(breaks),
        min_ha=float(min_ha),
        lines=lines,
        length_m=length,
        slope_pct=slope,
        in_sink=in_sink,
    )


def run(prepared, min_ha=defaults.FLOWPATH_MIN_HA, breaks=None, progress=None, check=None):
    """D8 flow paths of ``prepared`` (``analysis.terrain.PreparedTerrain``) from ``min_ha`` of
    upstream area, classified by the upstream-area ``breaks`` [ha]."""
    breaks = default_breaks(breaks)
    terrain = prepared.terrain_model(progress=progress, check=check)
    if check:
        check()
    acc = d8_accumulation(terrain.code).ravel()
    area = terrain.cell_area
    net = stream_network(terrain.rcv, acc, min_cells_of(min_ha, area))
    measures = _segments(terrain, net, prepared.grid)
    return flow_result(net, net.upstream_cells, area, min_ha, breaks, measures, terrain, acc)


def flowpath_records(fr):
    """``(wkb, attributes)`` of the flow-path segments in ``FLOWPATH_FIELDS`` order."""
    net = fr.network
    for k in range(fr.n):
        d = int(net.downstream[k])
        yield (
            fr.lines[k],
            [
                k + 1,
                float(fr.upstream_ha[k]),
                int(fr.cls[k]),
                fr.labels[int(fr.cls[k])],
                int(net.strahler[k]),
                float(fr.length_m[k]),
                float(fr.slope_pct[k]),
                bool(fr.slope_pct[k] < defaults.LOW_SLOPE_PCT),
                bool(fr.in_sink[k]),
                d + 1 if d >= 0 else None,
            ],
        )


def corridor_records(fr, corridor_m=defaults.CORRIDOR_M):
    """``(wkb, attributes)`` of the corridor along the flowing water, one (multi)polygon per
    class from the largest class down, in ``CORRIDOR_FIELDS`` order. Lines across filled sinks
    do not count: the corridor follows flowing water."""
    lines = fr.lines
    flowing = ~fr.in_sink
    for c in sorted(set(fr.cls[flowing].tolist()), reverse=True):
        parts = (G.from_wkb(lines[k]) for k in np.flatnonzero((fr.cls == c) & flowing))
        poly = G.buffered_union(parts, corridor_m, 8)
        yield G.to_wkb(poly), [int(c), fr.labels[int(c)], float(corridor_m)]


def buildings_near(fr, buildings, dist_classes, check=None, progress=None):
    """The buildings within the largest distance class of a flowing path: for each
    ``(position, shapely geometry)`` of ``buildings`` (in the DEM's CRS) that is near one,
    ``(position, [distance, class, upstream_ha, seg_id])`` — class 1 = nearest (e.g. ≤ 5 m),
    by ``core.proximity``."""
    lines = fr.lines
    flowing = ~fr.in_sink
    index = G.SpatialIndex([G.from_wkb(w) if flowing[k] else None for k, w in enumerate(lines)])
    maxd = dist_classes[-1]
    for i, (pos, geom) in enumerate(buildings):
        if check and i % 500 == 0:
            check()
            if progress:
                progress(i)
        if geom is None or geom.is_empty:
            continue
        best, k = nearest_path(geom, index, fr.upstream_ha, maxd)
        if best is None:
            continue
        yield pos, [best, distance_class(best, dist_classes), float(fr.upstream_ha[k]), k + 1]
