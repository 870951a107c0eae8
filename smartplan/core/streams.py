"""Flow accumulation and the flow-path network (Fließwege) on D8 receivers.

* Accumulation = number of cells draining through a cell, the cell included (times the cell area
  gives the upstream contributing area A_up = N_up · Δ²). Counted in integers, so the compiled
  kernel and the numpy fallback agree exactly.
* Flow paths = cells with A_up ≥ a threshold (Hessen: 1 ha). The network is cut into segments
  between sources and confluences; each segment ends on the first cell of the segment below it
  (so the lines connect), or where the water leaves the map.
* Strahler order: sources have order 1; where two or more segments of the highest order k meet,
  the segment below has order k + 1, otherwise it keeps the highest incoming order.
"""

from dataclasses import dataclass

import numpy as np

from . import kernels
from .flow import D8, NO_FLOW, NONE_RCV, OFF_MAP, OFFMAP_RCV
from .parallel import parallel, row_bands


def d8_accumulation(code):
    """Cells draining through each cell (2-D; int32 below 2**31 cells, else int64; the cell
    itself included; 0 where no data) from the D8 codes of :func:`flow.flow_directions` (2-D).

    With numba, bands of rows are accumulated on all cores from the codes alone (a byte per
    cell: in-degrees from the neighbours' codes, walks along the codes), then the flow
    crossing between bands is carried down its paths."""
    code = np.ascontiguousarray(code)
    nrows, ncols = code.shape
    itype = np.int32 if code.size < 2**31 - 1 else np.int64
    kern = kernels.get("accumulate")
    if kern is None:
        return _accumulate_numpy(receivers_from_codes(code)).astype(itype, copy=False).reshape(code.shape)
    flat = code.ravel()
    acc = np.empty(code.size, dtype=itype)
    indeg = np.empty(code.size, dtype=np.uint8)
    bands = row_bands(nrows)
    parallel(kern, [(flat, acc, indeg, r0, r1, ncols) for r0, r1 in bands])
    if len(bands) > 1:
        cuts = np.array([r0 for r0, _r1 in bands[1:]], dtype=np.int64)
        kernels.get("accumulate_across")(flat, acc, indeg, cuts, ncols)
    return acc.reshape(code.shape)


def flow_accumulation(rcv, shape=None):
    """As :func:`d8_accumulation` (but flat), from receivers (flat indices; -1 off the map, -2
    no data / no outlet), 2-D or flat with ``shape``. Receivers that are all D8 neighbours are
    counted through their codes; any others (a long link) by the general method. The plugin's
    algorithms pass the codes directly (this conversion holds a few int64 arrays per cell)."""
    shape = rcv.shape if shape is None and rcv.ndim == 2 else shape
    rcv = np.ascontiguousarray(rcv).ravel()
    code = codes_from_receivers(rcv, shape if shape is not None else (1, rcv.size))
    if code is not None:
        return d8_accumulation(code).ravel()
    itype = np.int32 if rcv.size < 2**31 - 1 else np.int64
    return _accumulate_numpy(rcv).astype(itype, copy=False)


def codes_from_receivers(rcv, shape):
    """D8 codes (uint8, 0 off the map, 255 none) of flat receivers on a grid of ``shape``, or
    None when a receiver is not one of the 8 neighbours of its cell."""
    nrows, ncols = shape
    idx = np.arange(rcv.size, dtype=np.int64)
    has = rcv >= 0
    dr = np.where(has, rcv // ncols - idx // ncols, 0)
    dc = np.where(has, rcv % ncols - idx % ncols, 0)
    if (np.abs(dr) > 1).any() or (np.abs(dc) > 1).any() or (has & (dr == 0) & (dc == 0)).any():
        return None
    code = np.where(rcv == -1, OFF_MAP, NO_FLOW).astype(np.uint8)
    for r, c, k in D8:
        code[has & (dr == r) & (dc == c)] = k
    return code.reshape(shape)


def receivers_from_codes(code):
    """Flat receivers (-1 off the map, -2 none) of a 2-D grid of D8 codes."""
    ncols = code.shape[1]
    flat = code.ravel()
    idx = np.arange(flat.size, dtype=np.int64)
    rcv = np.full(flat.size, NONE_RCV, dtype=np.int64)
    rcv[flat == OFF_MAP] = OFFMAP_RCV
    for r, c, k in D8:
        m = flat == k
        rcv[m] = idx[m] + r * ncols + c
    return rcv


def push_downstream(total, nxt, skip=None):
    """Add every node's ``total`` into its receiver ``nxt`` (negative: none), upstream nodes
    first (Kahn's order, vectorised by fronts); ``skip``: nodes that start no front. In place."""
    indeg = np.bincount(nxt[nxt >= 0], minlength=nxt.size)
    start = indeg == 0
    if skip is not None:
        start &= ~skip
    frontier = np.flatnonzero(start)
    while frontier.size:
        f = frontier[nxt[frontier] >= 0]
        if not f.size:
            break
        tgt = nxt[f]
        np.add.at(total, tgt, total[f])
        np.subtract.at(indeg, tgt, 1)
        cand = np.unique(tgt)
        frontier = cand[indeg[cand] == 0]
    return total


def _accumulate_numpy(rcv):
    acc = np.ones(rcv.size, dtype=np.int64)
    acc[rcv == -2] = 0  # no data
    push_downstream(acc, rcv, skip=rcv == -2)
    # cells with no data but valid receivers never exist; cells with rcv == -2 but data (areas
    # without outlet) keep their own count
    return acc


def upstream_area_m2(acc, cell_area, valid):
    """The ACCUMULATION output: upstream area [m²] as float32, NaN where there is no data."""
    out = (acc.astype(np.float32) * np.float32(cell_area)).reshape(valid.shape)
    out[~valid] = np.nan
    return out


@dataclass
class StreamNetwork:
    """Flow-path segments. ``cells[starts[k]:starts[k+1]]`` are the cells of segment k from
    upstream to downstream; the last cell is the first cell of the downstream segment (or the
    last cell before the water leaves the map)."""

    cells: np.ndarray
    starts: np.ndarray
    downstream: np.ndarray  # segment index below, -1 at the map edge
    strahler: np.ndarray
    upstream_cells: np.ndarray  # accumulation at the segment's last own cell

    @property
    def n(self):
        return self.starts.size - 1


def stream_network(rcv, acc, min_cells):
    """Segments of the network of cells with accumulation ≥ ``min_cells``."""
    rcv = np.ascontiguousarray(rcv).ravel()
    stream = acc >= max(1, int(min_cells))
    s_idx = np.flatnonzero(stream)
    # number of upstream stream cells of each stream cell
    up = np.zeros(rcv.size, dtype=np.int32)
    r = rcv[s_idx]
    ok = r >= 0
    np.add.at(up, r[ok], 1)  # receivers of stream cells are stream cells (acc grows downstream)
    # a segment starts at a source (no upstream stream cell) or just below a confluence (the
    # confluence cell itself starts the segment below the junction)
    start_mask = stream & (up != 1)
    starts_cells = np.flatnonzero(start_mask)
    order = np.argsort(acc[starts_cells], kind="stable")  # upstream first (smaller accumulation)
    starts_cells = starts_cells[order]
    seg_of_start = np.full(rcv.size, -1, dtype=np.int64)
    seg_of_start[starts_cells] = np.arange(starts_cells.size)
    cells, bounds, down = trace_segments(starts_cells, rcv, seg_of_start, int(stream.sum()))
    strahler = strahler_orders(down)
    last_own = np.where(down >= 0, bounds[1:] - 2, bounds[1:] - 1)
    last_own = np.maximum(last_own, bounds[:-1])
    return StreamNetwork(
        cells=cells[: bounds[-1]],
        starts=bounds,
        downstream=down,
        strahler=strahler,
        upstream_cells=acc[cells[last_own]],
    )


def trace_segments(heads, rcv, seg_of_start, n_stream):
    """Follow each head cell down ``rcv`` (flat receivers, negative: the path ends) to the first
    cell that starts a segment (``seg_of_start`` ≥ 0; included as the last cell) or to the end.
    Returns (cells, bounds: piece k is cells[bounds[k]:bounds[k + 1]], down: the segment whose
    start was reached, −1 at the end). ``n_stream``: the stream cells (sizes the buffer)."""
    kern = kernels.get("trace_segments")
    total = int(n_stream) + heads.size
    if kern is not None:
        cells = np.empty(total, dtype=np.int64)
        bounds = np.empty(heads.size + 1, dtype=np.int64)
        down = np.empty(heads.size, dtype=np.int64)
        kern(np.asarray(heads, np.int64), rcv, seg_of_start, cells, bounds, down)
        return cells[: bounds[-1]], bounds, down
    cells_l, bounds_l, down_l = [], [0], []
    for c0 in np.asarray(heads).tolist():
        c = c0
        cells_l.append(c)
        while True:
            nxt = int(rcv[c])
            if nxt < 0:
                down_l.append(-1)
                break
            cells_l.append(nxt)
            if seg_of_start[nxt] >= 0:
                down_l.append(int(seg_of_start[nxt]))
                break
            c = nxt
        bounds_l.append(len(cells_l))
    return (
        np.asarray(cells_l, dtype=np.int64),
        np.asarray(bounds_l, dtype=np.int64),
        np.asarray(down_l, np.int64),
    )


def strahler_orders(down):
    """Strahler order of every segment; ``down``: the segment below (−1: none), segments numbered
    upstream first (every segment's number is smaller than that of the segment below it)."""
    nseg = down.size
    strahler = np.ones(nseg, dtype=np.int32)
    top = np.zeros(nseg, dtype=np.int32)  # highest incoming order
    count_top = np.zeros(nseg, dtype=np.int32)
    for k in range(nseg):
        if top[k] > 0:
            strahler[k] = top[k] + 1 if count_top[k] >= 2 else top[k]
        d = down[k]
        if d >= 0:
            if strahler[k] > top[d]:
                top[d] = strahler[k]
                count_top[d] = 1
            elif strahler[k] == top[d]:
                count_top[d] += 1
    return strahler


def classify(values, breaks):
    """Class 1 … len(breaks)+1 by ascending ``breaks`` (value < breaks[0] → 1)."""
    return np.digitize(values, np.asarray(breaks, dtype=np.float64)) + 1
