"""The tile tasks of the city-scale path (``analysis.tiled``): each reads its tile(s) from the
work folder or the source by GDAL windows, computes with ``core.tiled*`` and writes its result
atomically into the work folder (so a stopped run resumes without redoing it). Module-level
functions, so Dask can send them to workers by name."""

import os

import numpy as np
from osgeo import gdal

from ..core import tiled as T
from ..core import tiled_flow as TF
from ..core import tiled_sinks as TS
from ..core.flow import NO_FLOW

# module-level functions with plain arguments: Dask can ship them to other processes
from ..core.tiled_streams import TilePieces  # noqa: E402 - after the registry's imports
from ..io import workfiles
from ..io.files import replacing
from ..io.raster import low_value_stats, polygonize, window_grid
from ..io.tiles import (
    footprint_ids,
    read_block,
    read_codes,
    write_block,
)
from .terrain import raise_buildings

for _cls in (T.TileSummary, T.NodataSummary, TS.SinkParts, TilePieces):  # what the work files may hold
    workfiles.register(_cls)


def task_low_values(path, window):
    return low_value_stats(*read_block(path, *window))


def task_nodata(path, window, border):
    z, valid = read_block(path, *window)
    return T.nodata_local(valid, border)


def _tile_inputs(path, grid, window, nodata_drains, draining, buildings, halo=False):
    """The conditioned DEM of one tile: ``analysis.terrain``'s rule on a window (buildings: the
    footprint GeoPackage and the raise per building number, or None). With ``halo`` also the
    building numbers on the window grown by a cell on every side (0 beyond the raster)."""
    z, valid = read_block(path, *window)
    ids_halo = None
    if buildings is not None:
        r0, c0, h, w = window
        g0, g1 = max(0, r0 - 1), min(grid.nrows, r0 + h + 1)
        k0, k1 = max(0, c0 - 1), min(grid.ncols, c0 + w + 1)
        ids = footprint_ids(buildings[0], window_grid(grid, g0, k0, g1 - g0, k1 - k0))
        ids_halo = np.zeros((h + 2, w + 2), np.int32)
        ids_halo[
            1 - (r0 - g0) : 1 - (r0 - g0) + ids.shape[0], 1 - (c0 - k0) : 1 - (c0 - k0) + ids.shape[1]
        ] = ids
        raise_buildings(z, valid, ids_halo[1:-1, 1:-1], buildings[1])
    drains = T.tile_drains(valid, nodata_drains, draining)
    return (z, valid, drains, ids_halo) if halo else (z, valid, drains)


def task_local(path, grid, window, border, nodata_drains, draining, buildings, use_numba, out):
    if os.path.exists(out):
        return workfiles.load(out)
    z, valid, drains = _tile_inputs(path, grid, window, nodata_drains, draining, buildings)
    summary = T.local_pass(z, valid, drains, border, use_numba)
    _dump(out, summary)
    return summary


def task_final(
    path, grid, window, border, nodata_drains, draining, buildings, levels, use_numba, outs, meta, aux
):
    """Step 3 of one tile: the filled surface and depth tiles; with ``aux`` (a path prefix in the
    work folder, with_sinks, filters or None) also what the later stages need of the tile: its sink
    parts and the polygons of those that may be kept by ``filters`` (``aux.sinks.npz``; no
    polygons without filters), its edges for the neighbours' halos (``aux.edges.npz``) and its
    draining NoData (``aux.drains.npy``). Returns (sink parts, edges) with ``aux``, else None."""
    filled_path, depth_path = outs
    files = None
    if aux is not None:
        prefix, with_sinks, poly_filters = aux
        files = (prefix + ".sinks.npz" if with_sinks else None, prefix + ".edges.npz", prefix + ".drains.npy")
    done = os.path.exists(filled_path) and os.path.exists(depth_path)
    if done and (files is None or all(os.path.exists(f) for f in files if f)):
        return _load(files) if files else None
    z, valid, drains, ids_halo = _tile_inputs(
        path, grid, window, nodata_drains, draining, buildings, halo=True
    )
    f = T.final_surface(z, valid, drains, border, levels, use_numba)
    r0, c0 = window[0], window[1]
    parts = edges = None
    if files is not None:
        if files[0]:
            parts, lab = TS.sink_parts(f, z, valid, window, grid.ncols, ids_halo)
            polys = {}
            if parts.n and poly_filters is not None:
                ids = TS.may_be_kept(parts, poly_filters, grid.dx * grid.dy)
                polys = polygonize(lab, window_grid(grid, *window), ids=ids) if ids.size else {}
            _dump(files[0], (parts, polys))
        edges = (
            {s: T.side_cells(f, s).astype(np.float64) for s in T.SIDES},
            {s: T.side_cells(drains, s) for s in T.SIDES},
        )
        _dump(files[1], edges)
        with replacing(files[2]) as tmp:
            np.save(tmp, drains)
    write_block(filled_path, f, grid, r0, c0, meta)
    write_block(depth_path, (f - z).astype(np.float32), grid, r0, c0, meta)
    return (parts, edges) if files else None


def _dump(path, obj):
    workfiles.dump(path, obj)


def _load(files):
    parts = workfiles.load(files[0])[0] if files[0] else None
    return parts, workfiles.load(files[1])


# ------------------------------------------------------------------------------ routing tasks
def _grown_tile(filled_path, drains_path, f_ring, d_ring):
    """The tile's filled surface, validity and draining NoData grown by the neighbours' edges
    (halo rings: ``core.tiled_flow.halo_ring``)."""
    ds = gdal.Open(filled_path)
    h, w = ds.RasterYSize, ds.RasterXSize
    ds = None
    f, _v = read_block(filled_path, 0, 0, h, w)
    fg = TF.grow(f, f_ring)
    dg = TF.grow(np.load(drains_path), d_ring, dtype=bool)
    return fg, np.isfinite(fg), dg


_FLOW_PARTS = ("best_k", "outlet", "flat", "f")  # f last: its file says the cache is whole


def _tile_flow(filled_path, drains_path, f_ring, d_ring, border, dx, dy):
    """``core.tiled_flow.tile_flow`` of a tile, computed once and then read back from the work
    folder (the flats' relaxation visits a tile several times): one plain ``.npy`` per array, as
    a zip (npz) would check a CRC over every byte of every read."""
    stem = os.path.splitext(drains_path)[0] + ".flow."
    if os.path.exists(stem + "f.npy"):
        best_k, outlet, flat, f = (np.load(stem + k + ".npy") for k in _FLOW_PARTS)
        return TF.TileFlow(best_k, outlet, flat, f.astype(np.float64))
    fg, vg, dg = _grown_tile(filled_path, drains_path, f_ring, d_ring)
    tf = TF.tile_flow(fg, vg, dg, border, dx, dy)
    for k in _FLOW_PARTS:
        a = getattr(tf, k)
        with replacing(stem + k + ".npy") as tmp:
            np.save(tmp, a.astype(np.float32) if k == "f" else a)
    return tf


def task_flow_edges(filled_path, drains_path, f_ring, d_ring, border, dx, dy):
    """What a tile publishes before any flat distance is known: 0 on its edge cells that can
    drain (``core.tiled_flow.published``), and the cells of its halo ring that can matter to it
    (``core.tiled_flow.listening``)."""
    tf = _tile_flow(filled_path, drains_path, f_ring, d_ring, border, dx, dy)
    return TF.published(tf, np.full(tf.flat.shape, np.inf)), TF.listening(tf)


def task_flats(filled_path, drains_path, f_ring, d_ring, dist_ring, border, dx, dy, dist_out):
    """One visit of the flats' relaxation to a tile: its distances (kept in ``dist_out`` with the
    halo they were found with) and the distances it publishes for its edge cells. A later visit
    starts from the kept distances and spreads only what improved on the halo."""
    tf = _tile_flow(filled_path, drains_path, f_ring, d_ring, border, dx, dy)
    prev = None
    ring_out = _ring_file(dist_out)
    if os.path.exists(dist_out) and os.path.exists(ring_out):
        with np.load(ring_out) as c:
            prev = (np.load(dist_out).astype(np.float64), {k: c[k] for k in c.files})
    dist = TF.flat_distances(tf, dist_ring, prev)
    if os.path.exists(dist_out):
        os.remove(dist_out)  # the ring and the distances are replaced as a pair
    with replacing(ring_out) as tmp:
        np.savez(tmp, **dist_ring)
    with replacing(dist_out) as tmp:  # distances are whole numbers below 2**24: float32 is exact
        np.save(tmp, dist.astype(np.float32))
    return None, TF.published(tf, dist)


def _ring_file(dist_path):
    """The halo ring a tile's kept flat distances (``.npy``) were found with."""
    return os.path.splitext(dist_path)[0] + ".ring.npz"


def task_codes(
    filled_path,
    drains_path,
    f_ring,
    d_ring,
    dist_ring,
    border,
    dx,
    dy,
    dist_path,
    grid,
    window,
    code_path,
    own_path,
    meta,
):
    """The D8 codes of a tile (written), its own accumulation (kept) and its exit links."""
    tf = _tile_flow(filled_path, drains_path, f_ring, d_ring, border, dx, dy)
    dist = np.load(dist_path).astype(np.float64)
    code = TF.tile_codes(tf, dist, TF.ring_array(dist_ring, tf.flat.shape))
    links, own = TF.tile_links(code, window, grid.ncols)
    with replacing(own_path) as tmp:
        np.save(tmp, own)
    write_block(code_path, code, grid, window[0], window[1], meta, dtype=gdal.GDT_Byte, nodata=255)
    return links


def task_accumulation(filled_path, code_path, own_path, grid, window, inflow, acc_path, meta, streams=None):
    """The accumulation of a tile (written as upstream area, m², as smartplan:flowpaths). With
    ``streams`` — (threshold in cells, {entry cell: stream cells flowing in}, depth tile, work
    file) — also the tile's flow-path pieces (``core.tiled_streams.tile_pieces``, kept in the
    work file); returns what the join needs of them (``TilePieces.meta``), else the path."""
    from ..core.streams import upstream_area_m2

    code = read_codes(code_path, 0, 0, window[2], window[3])
    f, valid = read_block(filled_path, 0, 0, window[2], window[3])
    acc = TF.tile_accumulation(code, window, grid.ncols, np.load(own_path), inflow)
    area = upstream_area_m2(acc, grid.dx * grid.dy, valid)
    write_block(acc_path, area, grid, window[0], window[1], meta)
    if streams is None:
        return acc_path
    from ..core.tiled_streams import tile_pieces

    min_cells, entries, depth_path, pieces_path = streams
    depth, _v = read_block(depth_path, 0, 0, window[2], window[3])
    pieces = tile_pieces(acc, code, window, grid.ncols, min_cells, entries, f, np.nan_to_num(depth) > 0)
    _dump(pieces_path, pieces)
    return pieces.meta()


def _sink_paths_inputs(filled_path, depth_path, code_path, f_ring, grid, window):
    from ..core.tiled_flow import _tile_receivers

    h, w = window[2], window[3]
    f, valid = read_block(filled_path, 0, 0, h, w)
    depth, _v = read_block(depth_path, 0, 0, h, w)
    code = read_codes(code_path, 0, 0, h, w)
    lab, _n = TS.ndimage.label(valid & (np.nan_to_num(depth) > 0), structure=TS.EIGHT)
    rcv, target = _tile_receivers(code, window, grid.ncols)
    # the run of equal filled elevation ends where the receiver lies lower (also across the edge)
    # (in float32, as the filled tiles: the ring holds their float32 values exactly)
    fg = TF.grow(f, f_ring, dtype=np.float32)
    ff = f.ravel()
    nb = np.full(h * w, np.nan, np.float32)
    inside = rcv >= 0
    nb[inside] = ff[rcv[inside]]
    out = target >= 0
    tr, tc = np.divmod(target[out], grid.ncols)
    nb[out] = fg[tr - window[0] + 1, tc - window[1] + 1]
    stop = (inside | out) & (nb != ff)
    # where a path ends without an outlet (an undrained flat: no flow, rcv -2 on the whole raster)
    noflow = valid.ravel() & (code.ravel() == NO_FLOW)
    return lab.ravel(), rcv, target, stop, noflow, valid.ravel()


def _catchment_answer(part_map, lab, noflow):
    """The local catchment of a path that ends at local cell ``t``: the sink it hits first, 0 when
    it leaves the map, −1 when it ends without an outlet (its rain is not routed)."""
    return lambda t, k: np.where(k == TS.HIT, part_map[lab[t]], np.where(noflow[t], -1, 0))


def task_sink_paths(filled_path, depth_path, code_path, f_ring, grid, window, part_map, bottoms, keep_path):
    """Pass A of the sinks along the flow: the tile's path records for catchments and pour points
    (``core.tiled_sinks.path_records``). What pass B needs of the tile is kept in ``keep_path``
    (npz): per cell its local catchment (as ``_catchment_answer``; 0 on NoData) or the exit its
    path leaves the tile by (−2 − its number among the tile's exits), the exits' raster indices,
    and for the sinks whose bottom lies here (``bottoms``: their labels and raster indices) where
    the run of equal filled elevation from the bottom ends (or the exit it leaves by)."""
    lab, rcv, target, stop, noflow, valid = _sink_paths_inputs(
        filled_path, depth_path, code_path, f_ring, grid, window
    )
    answer = _catchment_answer(part_map, lab, noflow)
    catch, term, kind = TS.path_records(window, grid.ncols, rcv, target, lab > 0, answer)
    to_global = TS.raster_index(window, grid.ncols)
    run, rterm, rkind = TS.path_records(window, grid.ncols, rcv, target, stop, lambda t, k: to_global(t))
    exits_local = np.flatnonzero(target >= 0)
    code = answer(term, kind)
    out_of_tile = kind == TS.EXIT
    code[out_of_tile] = -2 - np.searchsorted(exits_local, term[out_of_tile])
    code[~valid] = 0
    sinks, cells = bottoms
    r, c = np.divmod(cells, grid.ncols)
    loc = (r - window[0]) * window[3] + (c - window[1])
    dtype = np.int32 if max(len(part_map), exits_local.size) < 2**31 - 3 else np.int64
    with replacing(keep_path) as tmp, open(tmp, "wb") as fh:
        np.savez(
            fh,
            code=code.astype(dtype).reshape(window[2], window[3]),
            exits=to_global(exits_local),
            sinks=sinks,
            run_kind=rkind[loc],
            run_value=to_global(rterm[loc]),
        )
    return catch, run


def task_sink_answers(keep_path, catch_exits, run_exits, catch_out):
    """Pass B: per cell its local catchment (kept in ``catch_out``: sink label, 0 = leaves the
    map, −1 = no outlet, as ``_catchment_answer``), the catchment size of every sink, and for the
    sinks whose bottom lies here the cell where the run from their bottom ends (their pour
    point). ``catch_exits``/``run_exits``: (exit raster indices, sorted; their answers)."""
    with np.load(keep_path) as d:
        code, exits = d["code"], d["exits"]
        sinks, run_kind, run_value = d["sinks"], d["run_kind"], d["run_value"]
    ex = code <= -2
    if ex.any():
        code[ex] = TS.answer_of(exits, *catch_exits)[-2 - code[ex]]
    with replacing(catch_out) as tmp:
        np.save(tmp, code)
    wet = code.ravel()
    counts = np.bincount(wet[wet > 0])
    ids = np.flatnonzero(counts)
    pours = run_value.copy()
    ex = run_kind == TS.EXIT
    if ex.any():
        pours[ex] = TS.answer_of(run_value[ex], *run_exits)
    return ids, counts[ids], (sinks, pours)
