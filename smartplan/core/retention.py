"""What a retention basin catches: the runoff of the cells that drain through it (no QGIS).

A basin drawn at the table (or any storage measure) holds the runoff of its own upstream area,
at most its volume — not the whole inflow of the sink it lies in. The water's way is the D8
steepest descent on the *unfilled* terrain (the way rain runs down a slope into a depression,
where the filled surface would route it across the filled sink to the pour point); a cell with
no lower neighbour outside a sink drains as on the filled surface (a flat resolved towards its
lower edge), a cell with no lower neighbour inside a sink keeps its water (it has reached the
sink's water). The way stays inside the cell's catchment of the sink table (the sink the cell
drains into first): rain of another catchment reaches a basin only as that sink's spill, which
the cascade routes (upstream spill passes a basin by, as in ``core.sinks.rain_cascade``).

Basins in series fill in flow order: the upstream one keeps what it can hold and passes the rest
on; cells of one basin share its volume in proportion to what reaches them."""

import numpy as np

from .flow import steepest_descent, steepest_receivers


def interception_receivers(terrain, catchment, labels):
    """Flat receivers (-1: the water stops) of the cells on the way water runs to a basin."""
    z = np.where(terrain.valid, terrain.z, np.nan).astype(np.float64)
    rcv = steepest_receivers(steepest_descent(z, terrain.dx, terrain.dy))[0].ravel()
    # no lower neighbour: outside a sink as on the filled surface, inside a sink the water stays
    none = (rcv < 0) & terrain.valid.ravel() & (labels.ravel() == 0)
    rcv[none] = terrain.rcv[none]
    rcv[rcv < 0] = -1
    catch = catchment.ravel()
    has = rcv >= 0
    leaves = np.zeros(z.size, dtype=bool)
    leaves[has] = catch[rcv[has]] != catch[has]
    rcv[leaves] = -1
    return rcv


class Donors:
    """The cells that drain directly into each cell (CSR over a receiver array)."""

    def __init__(self, rcv):
        itype = np.int32 if rcv.size < 2**31 - 1 else np.int64
        src = np.flatnonzero(rcv >= 0)
        tgt = rcv[src]
        order = np.argsort(tgt, kind="stable")
        self.cells = src[order].astype(itype)
        self.start = np.searchsorted(tgt[order], np.arange(rcv.size + 1)).astype(np.int64)
        self.rcv = rcv

    def of(self, cells):
        s, e = self.start[cells], self.start[cells + 1]
        n = e - s
        total = int(n.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        pos = np.repeat(s - (np.cumsum(n) - n), n) + np.arange(total)
        return self.cells[pos].astype(np.int64)

    def count(self, cells):
        return self.start[cells + 1] - self.start[cells]


def upstream_closure(donors, seeds):
    """The seeds and every cell that drains into one of them (flat indices)."""
    seen = np.zeros(donors.rcv.size, dtype=bool)
    front = np.unique(np.asarray(seeds, dtype=np.int64))
    seen[front] = True
    parts = [front]
    while front.size:
        d = donors.of(front)
        d = d[~seen[d]]
        seen[d] = True
        parts.append(d)
        front = d
    return np.concatenate(parts)


def intercepted(donors, runoff_m3, basin_of, capacity_m3):
    """``(cells, kept_m3)``: the volume each cell of the basins keeps. ``runoff_m3``: per cell;
    ``basin_of``: basin number per cell (0: none); ``capacity_m3``: per basin number."""
    seeds = np.flatnonzero(basin_of > 0)
    if not seeds.size:
        return seeds, np.zeros(0)
    cells = upstream_closure(donors, seeds)
    local = np.full(donors.rcv.size, -1, dtype=np.int64)
    local[cells] = np.arange(cells.size)
    val = runoff_m3[cells].astype(np.float64)
    deg = donors.count(cells)
    r = donors.rcv[cells]
    tgt = np.where(r >= 0, local[np.maximum(r, 0)], -1)  # receivers outside the closure: -1
    kept = np.zeros(cells.size)
    remaining = np.asarray(capacity_m3, dtype=np.float64).copy()
    bas = basin_of[cells]
    front = np.flatnonzero(deg == 0)
    while front.size:
        b = bas[front]
        inb = b > 0
        if inb.any():
            fb, bb = front[inb], b[inb]
            arriving = np.bincount(bb, weights=val[fb], minlength=remaining.size)
            take = np.minimum(arriving, remaining)
            remaining -= take
            with np.errstate(divide="ignore", invalid="ignore"):
                share = np.where(arriving > 0, take / arriving, 0.0)
            k = val[fb] * share[bb]
            kept[fb] += k
            val[fb] -= k
        t = tgt[front]
        m = t >= 0
        np.add.at(val, t[m], val[front[m]])
        np.subtract.at(deg, t[m], 1)
        cand = np.unique(t[m])
        front = cand[deg[cand] == 0]
    return cells, kept
