"""The flow-path network across tiles (``smartplan:flowpaths`` on the city-scale path): the
segments, cells, downstream segments and Strahler orders of ``core.tiled_streams`` measured by
the rule of ``analysis.flowpaths`` (``segment_measures``) and handed on as its ``FlowResult``,
so the FLOWPATHS records, the corridor and the buildings near are those of the whole-raster run.

Memory: the tiles' pieces stay in the work folder; a segment within one tile is measured when
its tile is read, one that crosses tiles once all its pieces are read (only those are held).
The result holds each segment's line (WKB, ~16 bytes per cell of the network: the corridor and
the buildings near need them all) and a few numbers per segment.
"""

from dataclasses import dataclass

import numpy as np

from ..core import defaults
from ..core import tiled_streams as TST
from ..core.tiled_streams import segment_cells, upstream_cells
from ..io import workfiles
from .flowpaths import default_breaks, flow_result, min_cells_of, segment_measures


@dataclass
class TiledStreams:
    """The flow-path settings of ``analysis.tiled.fill_tiled``: the network from ``min_ha`` of
    upstream area, classified by ``breaks`` [ha] (None: the defaults)."""

    min_ha: float = defaults.FLOWPATH_MIN_HA
    breaks: list = None

    def min_cells(self, cell_area):
        return min_cells_of(self.min_ha, cell_area)


@dataclass
class TiledNetwork:
    """What ``analysis.flowpaths`` reads of a network across tiles."""

    n: int
    downstream: np.ndarray
    strahler: np.ndarray


def network_across_tiles(grid, pieces, streams, check=None):
    """``FlowResult`` of the network across tiles; ``pieces``: (meta per tile, work file per
    tile) from ``analysis.tiled.route_tiles``."""
    metas, files = pieces
    seg = TST.join_pieces(metas)
    n = seg.n
    lines = [None] * n
    length = np.zeros(n)
    slope = np.zeros(n)
    in_sink = np.zeros(n, dtype=bool)
    up_cells = np.zeros(n, np.int64)
    # the tiles each segment lies in, and the last of them in reading order
    tiles_of = [sorted({t for t, _i in c}) for c in seg.chain]
    last_tile = np.array([ts[-1] for ts in tiles_of], np.int64) if n else np.zeros(0, np.int64)
    finish = [[] for _ in files]
    for k in range(n):
        finish[last_tile[k]].append(k)
    release = {}  # tile → the last tile a segment through it finishes in
    for k, ts in enumerate(tiles_of):
        if len(ts) > 1:
            for u in ts:
                release[u] = max(release.get(u, -1), int(last_tile[k]))
    held = {}
    for t, path in enumerate(files):
        if check is not None and t % 8 == 0:
            check()
        if not finish[t] and t not in release:
            continue
        tp = workfiles.load(path)
        held[t] = tp
        for k in finish[t]:
            cells, acc, f, s = segment_cells(seg, k, held.__getitem__)
            lines[k], length[k], slope[k], in_sink[k] = segment_measures(cells, f, s, grid)
            up_cells[k] = upstream_cells(seg.downstream[k], acc)
        # keep a tile only while a segment through it is not finished
        for u in list(held):
            if release.get(u, -1) <= t:
                del held[u]
    net = TiledNetwork(n, seg.downstream, seg.strahler)
    return flow_result(
        net,
        up_cells,
        grid.dx * grid.dy,
        streams.min_ha,
        default_breaks(streams.breaks),
        (lines, length, slope, in_sink),
    )
