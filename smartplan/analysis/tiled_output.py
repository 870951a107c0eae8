"""The sinks of the city-scale path (``analysis.tiled``): the sink records across tiles (same
fields as ``smartplan:depressions``' SINKS plus the tiled extras), their local catchment, pour
point and downstream sink along the flow, and the polygons, written tile by tile."""

import os

import numpy as np

from ..core import tiled_sinks as TS
from ..core.sinks import depth_class, public_ids
from ..io import workfiles
from ..io.raster import polygonize, window_grid
from ..io.tiles import (
    read_codes,
)
from . import depressions
from .tiled_tasks import task_sink_answers, task_sink_paths

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
    bottoms = _by_tile(lay, grid, table.bottom_index)
    keep_files = [os.path.join(work, f"t{t}.paths.npz") for t in range(n)]
    recs = engine.map(
        task_sink_paths,
        [
            (
                outs[t][0],
                outs[t][1],
                code_paths[t],
                f_ring[t],
                grid,
                lay.window(t),
                pmaps[t],
                (bottoms[t] + 1, table.bottom_index[bottoms[t]]),
                keep_files[t],
            )
            for t in range(n)
        ],
        None,
        check,
    )
    catch_exits = TS.sorted_exits(TS.resolve_exits([r[0] for r in recs]))
    run_exits = TS.sorted_exits(TS.resolve_exits([r[1] for r in recs]))
    del recs, bottoms
    catch_files = [os.path.join(work, f"t{t}.catch.npy") for t in range(n)]
    res = engine.map(
        task_sink_answers,
        [(keep_files[t], catch_exits, run_exits, catch_files[t]) for t in range(n)],
        None,
        check,
    )
    for f in keep_files:
        os.remove(f)
    cells = np.zeros(table.n + 1, np.int64)
    pour = np.zeros(table.n, np.int64)
    for ids, counts, (sinks, pours) in res:
        cells[ids] += counts
        pour[sinks - 1] = pours
    del res
    # the cell below each pour point, and the sink whose catchment holds it
    from ..core.tiled_flow import _tile_receivers

    below = np.full(table.n, -1, np.int64)
    for t, sel in enumerate(_by_tile(lay, grid, pour)):
        if check is not None:
            check()
        if not sel.size:
            continue
        win = lay.window(t)
        rcv, target = _tile_receivers(read_codes(code_paths[t], 0, 0, win[2], win[3]), win, grid.ncols)
        r, c = np.divmod(pour[sel], grid.ncols)
        k = (r - win[0]) * win[3] + (c - win[1])
        inside = rcv[k] >= 0
        below[sel[inside]] = TS.raster_index(win, grid.ncols)(rcv[k][inside])
        below[sel[~inside]] = target[k[~inside]]  # -1: none (off the map or no flow)
    downstream = np.zeros(table.n, np.int64)
    has = np.flatnonzero(below >= 0)
    for t, sel in enumerate(_by_tile(lay, grid, below[has])):
        if not sel.size:
            continue
        win = lay.window(t)
        catch = np.load(catch_files[t], mmap_mode="r")
        r, c = np.divmod(below[has[sel]], grid.ncols)
        downstream[has[sel]] = np.maximum(0, catch[r - win[0], c - win[1]])  # no outlet: none below
    return {
        "catchment_m2": cells[1:] * grid.dx * grid.dy,
        "pour_index": pour,
        "downstream": downstream,
        "catch_files": catch_files,
    }


def _by_tile(lay, grid, cells):
    """Per tile, the positions in ``cells`` (raster indices) of those that lie in it."""
    r, c = np.divmod(np.asarray(cells, np.int64), grid.ncols)
    t = lay.tile_of(r, c)
    order = np.argsort(t, kind="stable")
    return np.split(order, np.searchsorted(t[order], np.arange(1, len(lay))))


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
    return table.n, int(keep.sum()), keep, pid
