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

from ..core import tiled as T
from ..core import tiled_flow as TF
from ..core import tiled_sinks as TS
from ..io.raster import check_projected, marker_from_stats, small_gdal_cache
from ..io.tiles import (  # noqa: F401 - TileSetError: raised from here for the callers
    TileFormat,
    TileSetError,
    build_vrt,
    mosaic,
    raster_grid,
    source_nodata,
    tile_files,
    write_footprints,
)
from .terrain import TerrainSettings

# SINK_FIELD_TYPES / SINK_FIELDS: the sink records' fields, read from here by the wrappers
from .tiled_output import SINK_FIELD_TYPES, SINK_FIELDS, sinks_along_flow, write_sinks  # noqa: F401
from .tiled_tasks import (
    task_accumulation,
    task_codes,
    task_final,
    task_flats,
    task_flow_edges,
    task_local,
    task_low_values,
    task_nodata,
)

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
    scenario: object = None  # with rain: analysis.tiled_rain.TiledScenario
    flowpaths: object = None  # with streams: analysis.flowpaths.FlowResult (no rasters)
    nested: int = 0  # nested sinks handed to sink_writer (max_level > 1)


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
    for sub in ("filled", "depth", "flow_direction", "accumulation", "water_depth"):
        shutil.rmtree(os.path.join(out_dir, sub), ignore_errors=True)
    os.makedirs(work)
    with open(stamp, "w", encoding="utf-8") as fh:
        fh.write(sig)
    return work, False


# every task reads whole windows into arrays: GDAL's block cache (5 % of the RAM by default, 1.2 GB
# here, 3 GB on a 64 GB machine) would only keep blocks already read and grow the memory with it
@small_gdal_cache(256 * 1024 * 1024)
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
    rain=None,
    streams=None,
    max_level=1,
    compress=True,
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
    sinks and routing, the local catchment polygons of the kept sinks. ``rain``
    (``analysis.tiled_rain.TiledRain``): also the rain scenario across tiles (implies the sinks
    and the routing; ``water_depth.vrt``, the flooded sinks and spill paths to its writers; the
    result in ``TiledResult.scenario``). ``streams`` (``analysis.tiled_streams.TiledStreams``):
    also the flow-path network across tiles (implies the routing; ``TiledResult.flowpaths``, an
    ``analysis.flowpaths.FlowResult`` without rasters). ``compress``: False when the caller only
    merges the tiles into one GeoTIFF (``io.tiles.TileFormat``)."""
    say = log or (lambda _t: None)
    fmt = TileFormat(metadata, compress)
    routing = routing or rain is not None or streams is not None
    need_sinks = sink_writer is not None or rain is not None
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
    if sink_writer is not None:  # the tiles keep the polygons of the sinks these filters may keep
        digest += ":" + json.dumps(sorted((sink_filters or {}).items()))
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
        need_aux = need_sinks or routing
        # polygons of the sinks only for sink_writer, and only of those its filters may keep
        poly_filters = dict(sink_filters or {}) if sink_writer is not None else None
        aux = [
            (os.path.join(work, f"t{t}"), need_sinks, poly_filters) if need_aux else None for t in range(n)
        ]
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
                    fmt,
                    aux[t],
                )
                for t in range(n)
            ],
            stage(55, 70 if need_aux else 95),
            check,
        )
        n_sinks = n_kept = 0
        table = None
        if need_sinks:
            say("Sinks: joining their parts across tiles …")
            table = TS.join_sinks(lay, [fin[0] for fin in finals], grid.dx * grid.dy)
        routed = None
        if routing:
            min_cells = streams.min_cells(grid.dx * grid.dy) if streams is not None else None
            routed = route_tiles(
                engine,
                lay,
                grid,
                out_dir,
                work,
                names,
                outs,
                [fin[1] for fin in finals],
                fmt,
                say,
                stage(75, 95),
                check,
                min_cells,
            )
        flow = None
        if streams is not None:
            from .tiled_streams import network_across_tiles

            say("Flow paths: segments and Strahler orders across tiles …")
            flow = network_across_tiles(grid, routed[4], streams, check)
        along = None
        if table is not None and routing:
            say("Sinks: local catchments, pour points and downstream sinks along the flow …")
            along = sinks_along_flow(engine, lay, grid, work, outs, routed[0], routed[3], table, check)
        del finals
        scenario = None
        if rain is not None:
            from .tiled_rain import rain_across_tiles

            scenario = rain_across_tiles(
                engine,
                lay,
                grid,
                work,
                (path, nodata_drains, draining, buildings),
                outs,
                routed[0],
                table,
                along,
                rain,
                out_dir,
                fmt,
                check,
                say,
            )
        n_nested = 0
        if sink_writer is not None:
            n_sinks, n_kept, keep, pid = write_sinks(
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
            if max_level > 1:
                from .tiled_nesting import nested_across_tiles

                say("Nested sinks: the merge tree of every sink …")
                f = sink_filters or {}
                n_nested, skipped = nested_across_tiles(
                    engine,
                    lay,
                    grid,
                    (path, nodata_drains, draining, buildings),
                    build_vrt(os.path.join(work, "filled_tiles.vrt"), [o[0] for o in outs]),
                    table,
                    keep,
                    {k: float(f.get(k, 0.0)) for k in ("min_depth", "min_area", "min_volume")},
                    int(max_level),
                    pid,
                    sink_writer,
                    check,
                    spill_dir=work,
                )
                if skipped:
                    big = sorted(skipped, key=lambda s: -table.area_m2[s - 1])
                    notes.append(
                        (
                            "nesting_skipped",
                            {"sinks": len(skipped), "ids": [int(pid[s]) for s in big[:5]]},
                        )
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
    res.scenario = scenario
    res.flowpaths = flow
    res.nested = n_nested
    return res


def route_tiles(
    engine, lay, grid, out_dir, work, names, outs, edges, meta, say, progress, check, min_cells=None
):
    """D8 directions with flats resolved and the accumulation across tiles (``core.tiled_flow``)
    on the filled tiles. Returns (direction tiles, accumulation tiles, tile passes of the flats'
    relaxation, the filled surface's halo ring of every tile, and with ``min_cells`` the
    flow-path pieces' meta per tile and their work files: ``core.tiled_streams``)."""
    n = len(lay)
    dx, dy = grid.dx, grid.dy
    f_halo = [TF.halo_ring(lay, t, lambda u: edges[u][0], np.nan) for t in range(n)]
    d_halo = [TF.halo_ring(lay, t, lambda u: edges[u][1], 0.0) for t in range(n)]
    drains = [os.path.join(work, f"t{t}.drains.npy") for t in range(n)]
    dist = [os.path.join(work, f"t{t}.dist.npy") for t in range(n)]
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
    listen = [r[1] for r in initial]
    initial = [r[0] for r in initial]
    _d, pub, rounds = TF.relax_flats(lay, compute, batch=engine.batch, initial=initial, listen=listen)
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
    inflow, streaming = TF.link_totals(links, min_cells) if min_cells else (TF.link_totals(links), {})
    del links

    def by_tile(d):
        per_tile = [dict() for _ in range(n)]
        for g, v in d.items():
            r, c = divmod(g, grid.ncols)
            per_tile[lay.tile_of(r, c)][g] = v
        return per_tile

    per_tile, entries = by_tile(inflow), by_tile(streaming)
    del inflow, streaming
    piece_files = [os.path.join(work, f"t{t}.pieces.npz") for t in range(n)] if min_cells else None
    got = engine.map(
        task_accumulation,
        [
            (
                outs[t][0],
                cpaths[t],
                own[t],
                grid,
                lay.window(t),
                per_tile[t],
                apaths[t],
                meta,
                (int(min_cells), entries[t], outs[t][1], piece_files[t]) if min_cells else None,
            )
            for t in range(n)
        ],
        (lambda fr: progress(0.7 + 0.3 * fr)) if progress else None,
        check,
    )
    return cpaths, apaths, rounds, f_halo, (got, piece_files) if min_cells else None
