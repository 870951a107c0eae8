"""City-scale depression filling: the exact tiled Priority-Flood of ``core.tiled`` over GDAL
windows of a tile folder, VRT or GeoTIFF, in bounded memory, on Dask when it is installed.

Steps (each a set of independent tile tasks, then a small global pass in this process):
0. with NoData holes as walls: NoData components per tile, joined across tiles;
1. per tile: local fill, labels and the tile's spill graph (kept in the work folder);
2. global: the spill level of every perimeter label;
3. per tile: the exact filled surface and the sink depth, one GeoTIFF per tile, then a VRT.

Memory: a task holds one tile (about 40 bytes per cell of the tile); the driver holds what the
global pass needs, proportional to the tiles' perimeters (a few bytes per cell on the tile
edges). Peak memory is therefore set by the tile size, not by the size of the map.

Engine: without Dask the tasks run one after the other in this process. With Dask they run on
its local threaded scheduler (the kernels release the GIL), or on a ``dask.distributed``
scheduler when an address is given (``scheduler`` or ``SMARTPLAN_DASK_SCHEDULER``): the same task
graph, on a cluster of workers that see the same file system.

Resume: every finished task leaves its result in the work folder (written atomically); a run
started again with the same input and settings skips them.
"""

import hashlib
import json
import os
import shutil
from dataclasses import dataclass

import numpy as np
from osgeo import gdal

from ..core import tiled as T
from ..core import tiled_flow as TF
from ..core import tiled_sinks as TS
from ..core.sinks import depth_class, public_ids
from ..io import workfiles
from ..io.files import replacing
from ..io.raster import check_projected, low_value_stats, marker_from_stats, polygonize, window_grid
from ..io.tiles import (  # noqa: F401 - TileSetError: raised from here for the callers
    TileSetError,
    build_vrt,
    footprint_ids,
    mosaic,
    raster_grid,
    read_block,
    read_codes,
    source_nodata,
    tile_files,
    write_block,
    write_footprints,
)
from . import depressions
from .terrain import TerrainSettings, raise_buildings

DEFAULT_TILE_SIZE = 2048  # cells per side: ~170 MB per task with the numpy fallback
ENV_SCHEDULER = "SMARTPLAN_DASK_SCHEDULER"


class Cancelled(Exception):
    pass


def dask_available():
    try:
        import dask  # noqa: F401
    except ImportError:
        return False
    return True


for _cls in (T.TileSummary, T.NodataSummary, TS.SinkParts):  # what the work files may hold
    workfiles.register(_cls)

# ------------------------------------------------------------------------------ tasks
# module-level functions with plain arguments: Dask can ship them to other processes


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
    work folder, or None) also what the later stages need of the tile: its sink parts and their
    polygons (``aux.sinks.npz``), its edges for the neighbours' halos (``aux.edges.npz``) and its
    draining NoData (``aux.drains.npy``). Returns (sink parts, edges) with ``aux``, else None."""
    filled_path, depth_path = outs
    files = None
    if aux is not None:
        prefix, with_sinks = aux
        files = (prefix + ".sinks.npz" if with_sinks else None, prefix + ".edges.npz", prefix + ".drains.npy")
    done = os.path.exists(filled_path) and os.path.exists(depth_path)
    if done and (files is None or all(os.path.exists(f) for f in files if f)):
        return _load(files) if files else None
    z, valid, drains, ids_halo = _tile_inputs(
        path, grid, window, nodata_drains, draining, buildings, halo=True
    )
    f = T.final_surface(z, valid, drains, border, levels, use_numba)
    r0, c0 = window[0], window[1]
    if files is not None:
        if files[0]:
            parts, lab = TS.sink_parts(f, z, valid, window, grid.ncols, ids_halo)
            polys = polygonize(lab, window_grid(grid, *window)) if parts.n else {}
            _dump(files[0], (parts, polys))
        _dump(
            files[1],
            (
                {s: T.side_cells(f, s).astype(np.float64) for s in T.SIDES},
                {s: T.side_cells(drains, s) for s in T.SIDES},
            ),
        )
        with replacing(files[2]) as tmp:
            np.save(tmp, drains)
    write_block(filled_path, f, grid, r0, c0, meta)
    write_block(depth_path, (f - z).astype(np.float32), grid, r0, c0, meta)
    return _load(files) if files else None


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


def _tile_flow(filled_path, drains_path, f_ring, d_ring, border, dx, dy):
    """``core.tiled_flow.tile_flow`` of a tile, computed once and then read back from the work
    folder (the flats' relaxation visits a tile several times)."""
    cache = os.path.splitext(drains_path)[0] + ".flow.npz"
    if os.path.exists(cache):
        with np.load(cache) as c:
            return TF.TileFlow(c["best_k"], c["outlet"], c["flat"], c["f"].astype(np.float64))
    fg, vg, dg = _grown_tile(filled_path, drains_path, f_ring, d_ring)
    tf = TF.tile_flow(fg, vg, dg, border, dx, dy)
    with replacing(cache) as tmp:
        np.savez(tmp, best_k=tf.best_k, outlet=tf.outlet, flat=tf.flat, f=tf.f.astype(np.float32))
    return tf


def task_flow_edges(filled_path, drains_path, f_ring, d_ring, border, dx, dy):
    """What a tile publishes before any flat distance is known: 0 on its edge cells that can
    drain (``core.tiled_flow.published``)."""
    tf = _tile_flow(filled_path, drains_path, f_ring, d_ring, border, dx, dy)
    return TF.published(tf, np.full(tf.flat.shape, np.inf))


def task_flats(filled_path, drains_path, f_ring, d_ring, dist_ring, border, dx, dy, dist_out):
    """One visit of the flats' relaxation to a tile: its distances (kept in ``dist_out`` with the
    halo they were found with) and the distances it publishes for its edge cells. A later visit
    starts from the kept distances and spreads only what improved on the halo."""
    tf = _tile_flow(filled_path, drains_path, f_ring, d_ring, border, dx, dy)
    halo = TF.ring_array(dist_ring, tf.flat.shape)
    prev = None
    if os.path.exists(dist_out):
        with np.load(dist_out) as c:
            prev = (
                c["dist"].astype(np.float64),
                TF.ring_array({k: c[k] for k in c.files if k != "dist"}, tf.flat.shape),
            )
    dist = TF.flat_distances(tf, halo, prev)
    with replacing(dist_out) as tmp:  # distances are whole numbers below 2**24: float32 is exact
        np.savez(tmp, dist=dist.astype(np.float32), **dist_ring)
    return None, TF.published(tf, dist)


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
    with np.load(dist_path) as c:
        dist = c["dist"].astype(np.float64)
    code = TF.tile_codes(tf, dist, TF.ring_array(dist_ring, tf.flat.shape))
    links, own = TF.tile_links(code, window, grid.ncols)
    with replacing(own_path) as tmp:
        np.save(tmp, own)
    write_block(code_path, code, grid, window[0], window[1], meta, dtype=gdal.GDT_Byte, nodata=255)
    return links


def task_accumulation(filled_path, code_path, own_path, grid, window, inflow, acc_path, meta):
    """The accumulation of a tile (written as upstream area, m², as smartplan:flowpaths)."""
    from ..core.streams import upstream_area_m2

    code = read_codes(code_path, 0, 0, window[2], window[3])
    _f, valid = read_block(filled_path, 0, 0, window[2], window[3])
    acc = TF.tile_accumulation(code, window, grid.ncols, np.load(own_path), inflow)
    area = upstream_area_m2(acc, grid.dx * grid.dy, valid)
    write_block(acc_path, area, grid, window[0], window[1], meta)
    return acc_path


def _sink_paths_inputs(filled_path, depth_path, code_path, f_ring, grid, window):
    from ..core.tiled_flow import _tile_receivers

    h, w = window[2], window[3]
    f, valid = read_block(filled_path, 0, 0, h, w)
    depth, _v = read_block(depth_path, 0, 0, h, w)
    code = read_codes(code_path, 0, 0, h, w)
    lab, _n = TS.ndimage.label(valid & (np.nan_to_num(depth) > 0), structure=TS.EIGHT)
    rcv, target = _tile_receivers(code, window, grid.ncols)
    rr, cc = np.divmod(np.arange(h * w, dtype=np.int64), w)
    gidx = ((rr + window[0]) * grid.ncols + cc + window[1]).reshape(h, w)
    # the run of equal filled elevation ends where the receiver lies lower (also across the edge)
    fg = TF.grow(f.astype(np.float64), f_ring)
    ff = f.ravel().astype(np.float64)
    nb = np.full(h * w, np.nan)
    inside = rcv >= 0
    nb[inside] = ff[rcv[inside]]
    out = target >= 0
    tr, tc = np.divmod(target[out], grid.ncols)
    nb[out] = fg[tr - window[0] + 1, tc - window[1] + 1]
    stop = (inside | out) & (nb != ff)
    return lab.ravel(), rcv, target, gidx, stop


def task_sink_paths(filled_path, depth_path, code_path, f_ring, grid, window, part_map):
    """Pass A of the sinks along the flow: the tile's path records for catchments and pour points
    (``core.tiled_sinks.path_records``)."""
    lab, rcv, target, gidx, stop = _sink_paths_inputs(
        filled_path, depth_path, code_path, f_ring, grid, window
    )
    catch = TS.path_records(
        gidx, rcv, target, lab > 0, lambda t, k: np.where(k == TS.HIT, part_map[lab[t]], 0)
    )
    gflat = gidx.ravel()
    run = TS.path_records(gidx, rcv, target, stop, lambda t, k: gflat[t])
    return catch, run


def task_sink_answers(
    filled_path,
    depth_path,
    code_path,
    f_ring,
    grid,
    window,
    part_map,
    catch_exits,
    run_exits,
    bottoms,
    catch_out,
):
    """Pass B: per cell its local catchment (kept in ``catch_out``), the catchment size of every
    sink, and for the sinks whose bottom lies here the pour point and the cell below it."""
    lab, rcv, target, gidx, stop = _sink_paths_inputs(
        filled_path, depth_path, code_path, f_ring, grid, window
    )
    gflat = gidx.ravel()
    leaving = target >= 0
    term, kind = TS.first_along(rcv, leaving, lab > 0)
    catch = TS.answers(
        term, kind, gflat, lambda t, k: np.where(k == TS.HIT, part_map[lab[t]], 0), *catch_exits
    )
    valid = np.isfinite(read_block(filled_path, 0, 0, window[2], window[3])[0]).ravel()
    catch = np.where(valid, catch, 0)
    with replacing(catch_out) as tmp:
        np.save(tmp, catch.astype(np.int64).reshape(window[2], window[3]))
    ids, counts = np.unique(catch[catch > 0], return_counts=True)
    pours = {}
    if bottoms:
        sinks = np.fromiter(bottoms.keys(), np.int64, len(bottoms))
        cells = np.fromiter(bottoms.values(), np.int64, len(bottoms))
        r, c = np.divmod(cells, grid.ncols)
        loc = (r - window[0]) * window[3] + (c - window[1])
        rterm, rkind = TS.first_along(rcv, leaving, stop)
        ans = TS.answers(rterm[loc], rkind[loc], gflat, lambda t, k: gflat[t], *run_exits)
        pours = dict(zip(sinks.tolist(), ans.tolist()))
    return ids, counts, pours


# ------------------------------------------------------------------------------ engine
class Engine:
    """Runs batches of independent tasks: one after the other, on Dask's threads, or on a
    ``dask.distributed`` cluster. ``describe()`` says which (for the log)."""

    def __init__(self, scheduler=None, workers=None):
        self.address = scheduler if scheduler is not None else os.environ.get(ENV_SCHEDULER, "")
        self.client = None
        self.kind = "sequential"
        self.workers = workers or os.cpu_count() or 1
        if self.address:
            from distributed import Client  # noqa: F401 - ImportError: said by the caller

            self.client = Client(self.address, timeout="20s")
            self.kind = "distributed"
            self.workers = max(1, sum(self.client.nthreads().values()))
        elif dask_available() and self.workers > 1:
            self.kind = "dask-threads"

    @property
    def batch(self):
        """Tasks handed out at once (cancel and progress are checked between batches)."""
        return max(1, 2 * self.workers) if self.kind != "sequential" else 1

    def describe(self):
        if self.kind == "distributed":
            return f"dask.distributed at {self.address} ({self.workers} worker threads)"
        if self.kind == "dask-threads":
            return f"Dask, local threads ({self.workers})"
        return "one process, tile after tile"

    def map(self, fn, arg_list, progress=None, check=None):
        """``[fn(*args) for args in arg_list]``, in batches; ``check()`` between batches."""
        out = []
        batch = self.batch
        for k in range(0, len(arg_list), batch):
            if check is not None:
                check()
            chunk = arg_list[k : k + batch]
            if self.kind == "distributed":
                futures = [self.client.submit(fn, *a, pure=False) for a in chunk]
                out += self.client.gather(futures)
            elif self.kind == "dask-threads":
                import dask

                out += list(
                    dask.compute(
                        *[dask.delayed(fn)(*a) for a in chunk], scheduler="threads", num_workers=self.workers
                    )
                )
            else:
                out += [fn(*a) for a in chunk]
            if progress is not None:
                progress(len(out) / len(arg_list))
        return out

    def close(self):
        if self.client is not None:
            self.client.close()
            self.client = None


# ------------------------------------------------------------------------------ the run
@dataclass
class TiledResult:
    filled_vrt: str
    depth_vrt: str
    tiles: int
    cells: int
    engine: str
    resumed_tiles: int = 0
    sinks: int = 0  # all sinks (with sink_writer)
    sinks_kept: int = 0  # those passing the filters, handed to sink_writer
    flow_direction_vrt: str = ""  # with routing
    accumulation_vrt: str = ""
    flat_rounds: int = 0  # tile passes of the flats' relaxation (at least one per tile)
    notes: tuple = ()  # what the user must be told: ('undeclared_nodata', {'value', 'cells'})


def _signature(source, tile_size, nodata_drains, buildings=""):
    """Identifies input and settings: a resumed run reuses work only when it is unchanged."""
    files = tile_files(source) if os.path.isdir(source) else [source]
    items = []
    for f in files:
        st = os.stat(f)
        items.append([os.path.abspath(f), st.st_size, st.st_mtime_ns])
    text = json.dumps([items, int(tile_size), bool(nodata_drains), buildings])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _prepare_work(out_dir, sig):
    """The work folder; True when it holds the work of an unfinished run with ``sig``. Otherwise
    it is started afresh and tiles of an earlier run are removed."""
    work = os.path.join(out_dir, ".smartplan-work")
    stamp = os.path.join(work, "signature")
    if os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as fh:
            if fh.read() == sig:
                return work, True
    shutil.rmtree(work, ignore_errors=True)
    for sub in ("filled", "depth", "flow_direction", "accumulation"):
        shutil.rmtree(os.path.join(out_dir, sub), ignore_errors=True)
    os.makedirs(work)
    with open(stamp, "w", encoding="utf-8") as fh:
        fh.write(sig)
    return work, False


def fill_tiled(
    source,
    out_dir,
    tile_size=DEFAULT_TILE_SIZE,
    nodata_drains=True,
    scheduler=None,
    use_numba=None,
    progress=None,
    check=None,
    log=None,
    metadata=None,
    styles=None,
    footprints=None,
    settings=None,
    sink_writer=None,
    sink_filters=None,
    routing=False,
    catchment_writer=None,
):
    """Fill the DEM ``source`` (a GeoTIFF, a VRT or a folder of tiles) exactly, tile by tile.

    Writes ``out_dir/filled.vrt`` and ``out_dir/depth.vrt`` over one GeoTIFF per tile (in
    ``out_dir/filled/`` and ``out_dir/depth/``); the work folder ``out_dir/.smartplan-work``
    keeps finished tasks for a resumed run and is removed at the end. ``progress(pct)``,
    ``check()`` (raises to cancel, between tiles), ``log(text)``. ``styles``: (filled qml,
    depth qml) copied beside the VRTs. ``footprints``: buildings (``analysis.terrain.Footprint`` in
    the DEM's CRS) raised as obstacles by the rule of ``analysis.terrain`` with ``settings``
    (``TerrainSettings``; its ``nodata_drains`` is not used here: see the parameter).
    ``sink_writer(record, wkb)``: also find the sinks across tiles (``write_sinks``) with
    ``sink_filters`` (min_depth, min_area, min_volume). ``routing``: also the D8 flow directions
    and the flow accumulation across tiles (``flow_direction.vrt``, ``accumulation.vrt``; styles:
    the third and fourth qml of ``styles``). ``catchment_writer(sink_id, catchment_m2, wkb)``: with
    sinks and routing, the local catchment polygons of the kept sinks."""
    say = log or (lambda _t: None)
    os.makedirs(out_dir, exist_ok=True)
    settings = settings or TerrainSettings()
    buildings, digest = None, ""
    if footprints is not None:
        # footprints are numbered and stored once; every tile task burns those in its window
        tmp_fp = os.path.join(out_dir, ".smartplan-footprints.gpkg")
        wkt = raster_grid(source if not os.path.isdir(source) else tile_files(source)[0]).wkt
        heights = [0.0]

        def numbered():
            for fp in footprints:
                heights.append(settings.building_raise_m if fp.height is None else float(fp.height))
                yield fp

        n_fp, digest = write_footprints(tmp_fp, numbered(), wkt)
        digest = f"{digest}:{settings.building_raise_m!r}"
    work, resumed = _prepare_work(out_dir, _signature(source, tile_size, nodata_drains, digest))
    if footprints is not None:
        fp_path = os.path.join(work, "footprints.gpkg")
        os.replace(tmp_fp, fp_path)
        buildings = (fp_path, np.asarray(heights, dtype=np.float64))
        say(f"{n_fp:,} buildings raised as obstacles")
    path = mosaic(source, os.path.join(work, "input.vrt"))
    grid = raster_grid(path)
    check_projected(grid.wkt)
    lay = T.TileLayout(grid.nrows, grid.ncols, int(tile_size), int(tile_size))
    if resumed:
        say("Resuming the unfinished run in this folder: finished tiles are kept.")
    n = len(lay)
    engine = Engine(scheduler)
    say(
        f"{grid.nrows:,} x {grid.ncols:,} cells in {n} tiles of {tile_size} x {tile_size}; "
        f"engine: {engine.describe()}"
    )

    def stage(lo, hi):
        return lambda frac: progress(lo + (hi - lo) * frac) if progress else None

    notes = []
    try:
        if source_nodata(source) is None:  # the rule of the whole-raster path, over all tiles
            marker, cells = marker_from_stats(
                engine.map(task_low_values, [(path, lay.window(t)) for t in range(n)], None, check)
            )
            if marker is not None:
                path = mosaic(source, os.path.join(work, "input_nodata.vrt"), nodata=marker)
                notes.append(("undeclared_nodata", {"value": marker, "cells": cells}))
                say(f"{cells:,} cells hold {marker:g} without a declared NoData value: taken as NoData")
        draining = [None] * n
        if not nodata_drains:
            say("NoData holes: joining them across tiles …")
            sums0 = engine.map(
                task_nodata, [(path, lay.window(t), lay.border(t)) for t in range(n)], stage(0, 10), check
            )
            draining = T.draining_components(lay, sums0)
            del sums0
        done_before = sum(os.path.exists(os.path.join(work, f"local_{t}.npz")) for t in range(n))
        say("Step 1 of 3: per tile, local fill and spill graph …")
        sums = engine.map(
            task_local,
            [
                (
                    path,
                    grid,
                    lay.window(t),
                    lay.border(t),
                    nodata_drains,
                    draining[t],
                    buildings,
                    use_numba,
                    os.path.join(work, f"local_{t}.npz"),
                )
                for t in range(n)
            ],
            stage(10, 50),
            check,
        )
        if check is not None:
            check()
        say("Step 2 of 3: spill levels of all tile edges …")
        levels = T.global_levels(lay, sums)
        off = T.label_offsets(sums)
        del sums
        if progress:
            progress(55)
        say("Step 3 of 3: per tile, the exact filled surface …")
        fdir, ddir = os.path.join(out_dir, "filled"), os.path.join(out_dir, "depth")
        os.makedirs(fdir, exist_ok=True)
        os.makedirs(ddir, exist_ok=True)
        names = [f"r{divmod(t, lay.shape[1])[0]:04d}_c{divmod(t, lay.shape[1])[1]:04d}.tif" for t in range(n)]
        outs = [(os.path.join(fdir, nm), os.path.join(ddir, nm)) for nm in names]
        need_aux = sink_writer is not None or routing
        aux = [(os.path.join(work, f"t{t}"), sink_writer is not None) if need_aux else None for t in range(n)]
        finals = engine.map(
            task_final,
            [
                (
                    path,
                    grid,
                    lay.window(t),
                    lay.border(t),
                    nodata_drains,
                    draining[t],
                    buildings,
                    levels[off[t] + 1 : off[t + 1] + 1],
                    use_numba,
                    outs[t],
                    metadata,
                    aux[t],
                )
                for t in range(n)
            ],
            stage(55, 70 if need_aux else 95),
            check,
        )
        n_sinks = n_kept = 0
        table = None
        if sink_writer is not None:
            say("Sinks: joining their parts across tiles …")
            table = TS.join_sinks(lay, [fin[0] for fin in finals], grid.dx * grid.dy)
        routed = None
        if routing:
            routed = route_tiles(
                engine,
                lay,
                grid,
                out_dir,
                work,
                names,
                outs,
                [fin[1] for fin in finals],
                metadata,
                say,
                stage(75, 95),
                check,
            )
        along = None
        if table is not None and routing:
            say("Sinks: local catchments, pour points and downstream sinks along the flow …")
            along = sinks_along_flow(engine, lay, grid, work, outs, routed[0], routed[3], table, check)
        del finals
        if table is not None:
            n_sinks, n_kept = write_sinks(
                lay,
                table,
                along,
                [a[0] + ".sinks.npz" for a in aux],
                grid,
                sink_filters or {},
                sink_writer,
                check,
                catchment_writer,
            )
    finally:
        engine.close()
    fvrt = build_vrt(
        os.path.join(out_dir, "filled.vrt"), [o[0] for o in outs], metadata, styles[0] if styles else None
    )
    dvrt = build_vrt(
        os.path.join(out_dir, "depth.vrt"), [o[1] for o in outs], metadata, styles[1] if styles else None
    )
    shutil.rmtree(work, ignore_errors=True)
    if progress:
        progress(100)
    res = TiledResult(
        fvrt,
        dvrt,
        n,
        grid.nrows * grid.ncols,
        engine.describe(),
        done_before,
        n_sinks,
        n_kept,
        notes=tuple(notes),
    )
    if routed is not None:
        res.flow_direction_vrt = build_vrt(
            os.path.join(out_dir, "flow_direction.vrt"),
            routed[0],
            metadata,
            styles[2] if styles and len(styles) > 2 else None,
        )
        res.accumulation_vrt = build_vrt(
            os.path.join(out_dir, "accumulation.vrt"),
            routed[1],
            metadata,
            styles[3] if styles and len(styles) > 3 else None,
        )
        res.flat_rounds = routed[2]
    return res


def route_tiles(engine, lay, grid, out_dir, work, names, outs, edges, meta, say, progress, check):
    """D8 directions with flats resolved and the accumulation across tiles (``core.tiled_flow``)
    on the filled tiles. Returns (direction tiles, accumulation tiles, tile passes of the flats'
    relaxation, the filled surface's halo ring of every tile)."""
    n = len(lay)
    dx, dy = grid.dx, grid.dy
    f_halo = [TF.halo_ring(lay, t, lambda u: edges[u][0], np.nan) for t in range(n)]
    d_halo = [TF.halo_ring(lay, t, lambda u: edges[u][1], 0.0) for t in range(n)]
    drains = [os.path.join(work, f"t{t}.drains.npy") for t in range(n)]
    dist = [os.path.join(work, f"t{t}.dist.npz") for t in range(n)]
    say("Flow directions: flats resolved across tiles …")

    def compute(ts, halo):
        if check is not None:
            check()
        return engine.map(
            task_flats,
            [
                (outs[t][0], drains[t], f_halo[t], d_halo[t], halo(t), lay.border(t), dx, dy, dist[t])
                for t in ts
            ],
            None,
            check,
        )

    initial = engine.map(
        task_flow_edges,
        [(outs[t][0], drains[t], f_halo[t], d_halo[t], lay.border(t), dx, dy) for t in range(n)],
        None,
        check,
    )
    _d, pub, rounds = TF.relax_flats(lay, compute, batch=engine.batch, initial=initial)
    say(f"  flats resolved in {rounds} tile passes ({n} tiles)")
    if progress:
        progress(0.4)
    cdir, adir = os.path.join(out_dir, "flow_direction"), os.path.join(out_dir, "accumulation")
    os.makedirs(cdir, exist_ok=True)
    os.makedirs(adir, exist_ok=True)
    cpaths = [os.path.join(cdir, nm) for nm in names]
    apaths = [os.path.join(adir, nm) for nm in names]
    own = [os.path.join(work, f"t{t}.own.npy") for t in range(n)]
    links = engine.map(
        task_codes,
        [
            (
                outs[t][0],
                drains[t],
                f_halo[t],
                d_halo[t],
                TF.halo_ring(lay, t, lambda u: pub[u], np.inf),
                lay.border(t),
                dx,
                dy,
                dist[t],
                grid,
                lay.window(t),
                cpaths[t],
                own[t],
                meta,
            )
            for t in range(n)
        ],
        (lambda fr: progress(0.4 + 0.3 * fr)) if progress else None,
        check,
    )
    say("Flow accumulation: links between tiles …")
    inflow = TF.link_totals(links)
    del links
    per_tile = [dict() for _ in range(n)]
    for g, v in inflow.items():
        r, c = divmod(g, grid.ncols)
        per_tile[lay.index(r // lay.tile_rows, c // lay.tile_cols)][g] = v
    del inflow
    engine.map(
        task_accumulation,
        [
            (outs[t][0], cpaths[t], own[t], grid, lay.window(t), per_tile[t], apaths[t], meta)
            for t in range(n)
        ],
        (lambda fr: progress(0.7 + 0.3 * fr)) if progress else None,
        check,
    )
    return cpaths, apaths, rounds, f_halo


# the fields of a sink record: those of smartplan:depressions' SINKS (same names, order and
# meaning; nested sinks are not computed here: parent_id is NULL, level 1), then the tiled extras
SINK_FIELD_TYPES = depressions.SINK_FIELDS + (("tiles", int), ("pour_x", float), ("pour_y", float))
SINK_FIELDS = tuple(name for name, _t in SINK_FIELD_TYPES)


def downstream_kept(downstream, keep):
    """The first kept sink below each sink (labels, 0 = the overflow leaves the map): the rule of
    ``core.sinks.downstream_among`` on the tiled table."""
    from types import SimpleNamespace

    from ..core.sinks import downstream_among

    return downstream_among(SimpleNamespace(n=len(downstream), downstream=downstream), keep)


def sinks_along_flow(engine, lay, grid, work, outs, code_paths, f_ring, table, check=None):
    """Local catchment size, pour point and downstream sink of every sink across tiles (two tile
    passes and a resolution of the exits in between: ``core.tiled_sinks``). ``f_ring``: each tile's
    halo ring of the filled surface (from ``route_tiles``). Returns a dict of
    arrays indexed by sink label − 1: catchment_m2, pour_index, downstream (labels, 0 = off the
    map)."""
    n = len(lay)
    pmaps = table.part_map
    recs = engine.map(
        task_sink_paths,
        [(outs[t][0], outs[t][1], code_paths[t], f_ring[t], grid, lay.window(t), pmaps[t]) for t in range(n)],
        None,
        check,
    )
    catch_exits = TS.resolve_exits([r[0] for r in recs])
    run_exits = TS.resolve_exits([r[1] for r in recs])
    del recs
    bottoms = [dict() for _ in range(n)]
    for s, g in enumerate(table.bottom_index.tolist()):
        r, c = divmod(g, grid.ncols)
        bottoms[lay.index(r // lay.tile_rows, c // lay.tile_cols)][s + 1] = g
    catch_files = [os.path.join(work, f"t{t}.catch.npy") for t in range(n)]
    res = engine.map(
        task_sink_answers,
        [
            (
                outs[t][0],
                outs[t][1],
                code_paths[t],
                f_ring[t],
                grid,
                lay.window(t),
                pmaps[t],
                catch_exits,
                run_exits,
                bottoms[t],
                catch_files[t],
            )
            for t in range(n)
        ],
        None,
        check,
    )
    cells = np.zeros(table.n + 1, np.int64)
    pour = np.zeros(table.n, np.int64)
    for ids, counts, pours in res:
        np.add.at(cells, ids, counts)
        for s, g in pours.items():
            pour[s - 1] = g
    # the cell below each pour point, and the sink whose catchment holds it
    below = np.full(table.n, -1, np.int64)
    by_tile = {}
    for s, g in enumerate(pour.tolist()):
        r, c = divmod(g, grid.ncols)
        by_tile.setdefault(lay.index(r // lay.tile_rows, c // lay.tile_cols), []).append(s)
    from ..core.tiled_flow import _tile_receivers

    for t, sinks in by_tile.items():
        win = lay.window(t)
        code = read_codes(code_paths[t], 0, 0, win[2], win[3])
        rcv, target = _tile_receivers(code, win, grid.ncols)
        for s in sinks:
            r, c = divmod(int(pour[s]), grid.ncols)
            k = (r - win[0]) * win[3] + (c - win[1])
            if rcv[k] >= 0:
                below[s] = (win[0] + rcv[k] // win[3]) * grid.ncols + win[1] + rcv[k] % win[3]
            elif target[k] >= 0:
                below[s] = target[k]
    downstream = np.zeros(table.n, np.int64)
    by_tile = {}
    for s, g in enumerate(below.tolist()):
        if g >= 0:
            r, c = divmod(g, grid.ncols)
            by_tile.setdefault(lay.index(r // lay.tile_rows, c // lay.tile_cols), []).append(s)
    for t, sinks in by_tile.items():
        win = lay.window(t)
        catch = np.load(catch_files[t], mmap_mode="r")
        for s in sinks:
            r, c = divmod(int(below[s]), grid.ncols)
            downstream[s] = int(catch[r - win[0], c - win[1]])
    return {
        "catchment_m2": cells[1:] * grid.dx * grid.dy,
        "pour_index": pour,
        "downstream": downstream,
        "catch_files": catch_files,
    }


def emit_polygons(n_tiles, parts_of, keep, parts, pid, emit, check=None):
    """Hand the polygon of every kept label to ``emit(index, wkb)``: ``parts_of(t)`` gives tile
    t's parts as [(label 1..n, WKB)]; labels of one part are passed on at once, those of several
    (``parts``) merged with ogr UnionCascaded at the end, largest (lowest public id) first."""
    from osgeo import ogr

    multi = {}
    for t in range(n_tiles):
        if check is not None:
            check()
        for lab, wkb in parts_of(t):
            s = lab - 1
            if s < 0 or not keep[s]:
                continue
            if parts[s] == 1:
                emit(s, wkb)
            else:
                multi.setdefault(s, []).append(wkb)
    for s, wkbs in sorted(multi.items(), key=lambda kv: pid[kv[0] + 1]):
        coll = ogr.Geometry(ogr.wkbMultiPolygon)
        for w in wkbs:
            g = ogr.CreateGeometryFromWkb(w)
            for i in range(g.GetGeometryCount()):
                coll.AddGeometry(g.GetGeometryRef(i))
        merged = coll.UnionCascaded()
        if merged.GetGeometryType() == ogr.wkbPolygon:
            merged = ogr.ForceToMultiPolygon(merged)
        emit(s, merged.ExportToWkb())


def emit_catchments(lay, grid, along, keep, pid, writer, check=None):
    """The local catchment polygon of every kept sink: ``writer(sink_id, catchment_m2, wkb)``."""
    files = along["catch_files"]
    tiles_of = np.zeros(keep.size, np.int64)
    for f in files:
        ids = np.unique(np.load(f, mmap_mode="r"))
        ids = ids[ids > 0]
        tiles_of[ids - 1] += 1

    def parts_of(t):
        lab = np.load(files[t])
        kept = np.flatnonzero(keep) + 1
        return list(polygonize(lab.astype(np.int32), window_grid(grid, *lay.window(t)), ids=kept).items())

    emit_polygons(
        len(files),
        parts_of,
        keep,
        tiles_of,
        pid,
        lambda s, wkb: writer(int(pid[s + 1]), float(along["catchment_m2"][s]), wkb),
        check,
    )


def write_sinks(lay, table, along, sink_files, grid, filters, writer, check=None, catchment_writer=None):
    """Number the sinks as ``smartplan:depressions`` does and hand every kept sink to
    ``writer(record, wkb)`` (fields: ``SINK_FIELDS``), tile by tile. ``along``: the attributes
    along the flow (``sinks_along_flow``), or None (then those fields are None and the catchment
    filter is not applied). Polygons of sinks in one tile are passed on as they come; those of
    sinks across tiles are merged (ogr UnionCascaded) at the end. With ``along`` and
    ``catchment_writer(sink_id, catchment_m2, wkb)`` also the local catchments. Returns (sinks,
    kept sinks)."""
    pid = public_ids(table)
    keep = TS.kept_sinks(table, **{k: v for k, v in filters.items() if k != "min_catchment"})
    if along is not None and "min_catchment" in filters:
        keep &= along["catchment_m2"] >= filters["min_catchment"]
    dcls = depth_class(table.max_depth_m)
    if along is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            fill_rain = np.where(
                along["catchment_m2"] > 0, 1000.0 * table.volume_m3 / along["catchment_m2"], np.inf
            )
        ds_kept = downstream_kept(along["downstream"], keep)

    def record(s):
        rec = {
            "sink_id": int(pid[s + 1]),
            "area_m2": float(table.area_m2[s]),
            "volume_m3": float(table.volume_m3[s]),
            "max_depth_m": float(table.max_depth_m[s]),
            "mean_depth_m": float(table.mean_depth_m[s]),
            "bottom_elev": float(table.bottom_elev[s]),
            "spill_elev": float(table.spill_elev[s]),
            "depth_class": int(dcls[s]),
            "buildings_affected": int(table.buildings_affected[s]),
            "tiles": int(table.tiles_of[s]),
            "catchment_m2": None,
            "fill_rain_mm": None,
            "downstream_id": None,
            "parent_id": None,
            "level": 1,
            "pour_x": None,
            "pour_y": None,
        }
        if along is not None:
            d = int(ds_kept[s])
            x, y = grid.cell_center(np.array([along["pour_index"][s]]))
            rec.update(
                catchment_m2=float(along["catchment_m2"][s]),
                fill_rain_mm=float(fill_rain[s]) if np.isfinite(fill_rain[s]) else None,
                downstream_id=int(pid[d]) if d > 0 else None,
                pour_x=float(x[0]),
                pour_y=float(y[0]),
            )
        return rec

    def parts_of(t):
        _parts, polys = workfiles.load(sink_files[t])
        pmap = table.part_map[t]
        return [(int(pmap[k]), wkb) for k, wkb in polys.items()]

    emit_polygons(
        len(sink_files), parts_of, keep, table.parts, pid, lambda s, wkb: writer(record(s), wkb), check
    )
    if catchment_writer is not None and along is not None:
        emit_catchments(lay, grid, along, keep, pid, catchment_writer, check)
    return table.n, int(keep.sum())
