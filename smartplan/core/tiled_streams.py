"""Flow-path segments across tiles (no QGIS, no I/O): the network of ``streams.stream_network``
on the whole raster — the same segments, numbers, cells, downstream segments and Strahler
orders — from tiles of D8 codes and accumulation.

Per tile (:func:`tile_pieces`): the stream cells (accumulation ≥ the threshold), the number of
stream cells flowing into each (also from the neighbouring tiles: the exits whose accumulation
reaches the threshold, ``tiled_flow.link_totals``), the cells that start a segment (a source or
just below a confluence) and *pieces*: from every start cell, and from every cell where a
segment enters the tile, down to the next start cell (included), the end of the flow, or where
the flow leaves the tile. Once (:func:`join_pieces`): segments are numbered as on the whole
raster (by the accumulation at their start, then raster order) and each is the chain of its
pieces across tiles; the Strahler orders follow (``streams.strahler_orders``).
"""

from dataclasses import dataclass

import numpy as np

from .streams import trace_segments
from .tiled_flow import _tile_receivers

OFF, SEG, EXIT = 0, 1, 2  # how a piece ends: the flow ends, at a start cell, out of the tile


@dataclass
class TilePieces:
    """The pieces of one tile; per piece k its cells are ``cells[bounds[k]:bounds[k + 1]]``
    (raster indices) with their accumulation, filled elevation and whether they lie in a sink."""

    head: np.ndarray  # int64 raster index of the first cell
    is_start: np.ndarray  # bool: the head starts a segment (else a segment enters the tile there)
    end_kind: np.ndarray  # OFF, SEG or EXIT
    end_cell: np.ndarray  # SEG: the start cell reached (the last cell); EXIT: the next cell
    bounds: np.ndarray
    cells: np.ndarray
    acc: np.ndarray
    filled: np.ndarray  # float32, as the filled tile
    in_sink: np.ndarray

    def meta(self):
        """What the join needs of the tile (small): per piece head, start flag, end, the first
        cell's accumulation, filled elevation and sink flag."""
        first = self.bounds[:-1]
        return (
            self.head,
            self.is_start,
            self.end_kind,
            self.end_cell,
            self.acc[first],
            self.filled[first],
            self.in_sink[first],
        )


def tile_pieces(acc, code, window, ncols_total, min_cells, entries, filled, in_sink):
    """``TilePieces`` of one tile. ``acc``: its accumulation (cells, as on the whole raster);
    ``code``: its D8 codes; ``entries``: {raster index: stream cells flowing in from other tiles}."""
    h, w = code.shape
    r0, c0 = window[0], window[1]
    rcv, target = _tile_receivers(code, window, ncols_total)
    a = acc.ravel()
    stream = a >= max(1, int(min_cells))
    up = np.zeros(h * w, np.int32)
    r = rcv[np.flatnonzero(stream)]
    np.add.at(up, r[r >= 0], 1)
    ent = np.zeros(0, np.int64)
    if entries:
        g = np.fromiter(entries.keys(), np.int64, len(entries))
        v = np.fromiter(entries.values(), np.int64, len(entries))
        gr, gc = np.divmod(g, ncols_total)
        ent = (gr - r0) * w + (gc - c0)
        np.add.at(up, ent, v.astype(np.int32))
    start = stream & (up != 1)
    through = np.zeros(h * w, bool)
    through[ent] = True
    through &= stream & ~start  # a segment from another tile goes on here
    heads = np.concatenate([np.flatnonzero(start), np.flatnonzero(through)])
    seg_of_start = np.full(h * w, -1, np.int64)
    seg_of_start[start] = 1  # any mark: a trace stops at (and includes) a start cell
    cells, bounds, down = trace_segments(heads, rcv, seg_of_start, int(stream.sum()))
    last = cells[bounds[1:] - 1]
    kind = np.where(down >= 0, SEG, np.where(target[last] >= 0, EXIT, OFF))
    rr, cc = np.divmod(cells, w)
    gcells = (rr + r0) * ncols_total + (cc + c0)
    end_cell = np.where(kind == SEG, gcells[bounds[1:] - 1], np.where(kind == EXIT, target[last], -1))
    return TilePieces(
        head=gcells[bounds[:-1]],
        is_start=start[heads],
        end_kind=kind.astype(np.int8),
        end_cell=end_cell.astype(np.int64),
        bounds=bounds,
        cells=gcells,
        acc=a[cells].astype(np.int64),
        filled=filled.ravel()[cells],
        in_sink=in_sink.ravel()[cells],
    )


@dataclass
class Segments:
    """The network across tiles, segments numbered as ``streams.stream_network`` numbers them.
    ``chain[k]``: the (tile, piece) pairs of segment k in flow order; ``tail[k]``: a start cell
    in the next tile that ends segment k (its last cell), or −1."""

    n: int
    downstream: np.ndarray
    strahler: np.ndarray
    chain: list
    tail: np.ndarray
    tail_values: dict  # start cell → (accumulation, filled, in_sink) of that cell


def join_pieces(metas):
    """Number the segments and chain their pieces (``metas``: ``TilePieces.meta()`` per tile)."""
    from .streams import strahler_orders

    cat = [np.concatenate([m[i] for m in metas]) if metas else np.zeros(0) for i in range(7)]
    head, is_start, kind, end_cell, acc0, f0, s0 = cat
    tile_of = np.concatenate([np.full(len(m[0]), t, np.int64) for t, m in enumerate(metas)]) if metas else []
    local = np.concatenate([np.arange(len(m[0])) for m in metas]) if metas else []
    st = np.flatnonzero(is_start)
    order = st[np.lexsort((head[st], acc0[st]))]  # upstream first: accumulation, then raster order
    n = order.size
    seg_of = dict(zip(head[order].tolist(), range(n)))
    through = {int(head[p]): int(p) for p in np.flatnonzero(~is_start.astype(bool))}
    down = np.full(n, -1, np.int64)
    tail = np.full(n, -1, np.int64)
    chains = []
    tail_values = {}
    for k, p in enumerate(order.tolist()):
        chain = [(int(tile_of[p]), int(local[p]))]
        while True:
            kd, e = int(kind[p]), int(end_cell[p])
            if kd == SEG:
                down[k] = seg_of[e]
                break
            if kd == OFF:
                break
            if e in seg_of:  # the flow enters the next tile at a start cell: the segment ends there
                down[k] = seg_of[e]
                tail[k] = e
                q = order[seg_of[e]]
                tail_values[e] = (int(acc0[q]), f0[q], bool(s0[q]))
                break
            p = through[e]
            chain.append((int(tile_of[p]), int(local[p])))
        chains.append(chain)
    return Segments(n, down, strahler_orders(down), chains, tail, tail_values)


def segment_cells(seg, k, pieces_of):
    """(cells, accumulation, filled, in_sink) of segment k; ``pieces_of(tile)``: its ``TilePieces``."""
    parts = []
    for t, i in seg.chain[k]:
        tp = pieces_of(t)
        a, b = tp.bounds[i], tp.bounds[i + 1]
        parts.append((tp.cells[a:b], tp.acc[a:b], tp.filled[a:b], tp.in_sink[a:b]))
    if seg.tail[k] >= 0:
        acc, f, s = seg.tail_values[int(seg.tail[k])]
        parts.append(
            (np.array([seg.tail[k]]), np.array([acc]), np.array([f], parts[0][2].dtype), np.array([s]))
        )
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(4))


def upstream_cells(down, acc):
    """The accumulation at a segment's last own cell (the one before the next segment's start):
    the rule of ``streams.stream_network``."""
    k = acc.size - 2 if down >= 0 else acc.size - 1
    return int(acc[max(k, 0)])


def network_tiled_array(code, acc, tile_rows, tile_cols, min_cells, filled=None, in_sink=None):
    """The whole method on arrays in memory, tile by tile (the reference of the I/O driver in
    ``analysis.tiled_streams``): returns (``Segments``, pieces per tile)."""
    from .tiled import TileLayout
    from .tiled_flow import link_totals, tile_links

    nr, nc = code.shape
    lay = TileLayout(nr, nc, tile_rows, tile_cols)
    filled = np.zeros(code.shape, np.float32) if filled is None else filled
    in_sink = np.zeros(code.shape, bool) if in_sink is None else in_sink
    links = []
    for t in range(len(lay)):
        r0, c0, h, w = lay.window(t)
        links.append(tile_links(code[r0 : r0 + h, c0 : c0 + w], lay.window(t), nc)[0])
    _inflow, streaming = link_totals(links, min_cells)
    pieces = []
    for t in range(len(lay)):
        r0, c0, h, w = lay.window(t)
        win = (slice(r0, r0 + h), slice(c0, c0 + w))
        ent = {g: v for g, v in streaming.items() if r0 <= g // nc < r0 + h and c0 <= g % nc < c0 + w}
        pieces.append(
            tile_pieces(acc[win], code[win], lay.window(t), nc, min_cells, ent, filled[win], in_sink[win])
        )
    return join_pieces([p.meta() for p in pieces]), pieces
