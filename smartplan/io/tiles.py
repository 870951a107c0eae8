"""City-scale rasters: a folder of DGM1 tiles, a VRT or one (cloud-optimised) GeoTIFF, read by
windows; outputs as one GeoTIFF per tile plus a VRT over them (no QGIS import).

A tile folder is checked before any work (``check_tile_set``): all tiles in one CRS, one cell
size, north-up, on one grid (origins a whole number of cells apart), one NoData value, and where
two tiles overlap their values agree. Missing tiles (holes in the mosaic) are NoData."""

import glob
import os
from dataclasses import dataclass

import numpy as np
from osgeo import gdal, osr

from .files import replacing
from .raster import InputError, check_projected, grid_of, open_raster, window_grid, write_geotiff

RASTER_EXT = (".tif", ".tiff", ".asc", ".xyz", ".vrt", ".img")
TOL = 1e-6  # of a cell: origins that differ by less are on one grid


class TileSetError(InputError):
    """A tile folder that cannot be mosaicked; ``info['tiles']`` names the tiles."""


def tile_files(folder):
    files = []
    for ext in RASTER_EXT:
        files += glob.glob(os.path.join(folder, "**", "*" + ext), recursive=True)
        files += glob.glob(os.path.join(folder, "**", "*" + ext.upper()), recursive=True)
    return sorted(set(f for f in files if not os.path.basename(f).startswith(".")))


def _describe(path):
    ds = open_raster(path)
    gt = ds.GetGeoTransform()
    b = ds.GetRasterBand(1)
    return {
        "path": path,
        "gt": gt,
        "wkt": ds.GetProjection(),
        "nrows": ds.RasterYSize,
        "ncols": ds.RasterXSize,
        "nodata": b.GetNoDataValue(),
    }


def check_tile_set(files):
    """Describe ``files`` and refuse a set that cannot be one mosaic (``TileSetError``)."""
    if not files:
        raise TileSetError("no_tiles", tiles=[])
    tiles = [_describe(f) for f in files]
    first = tiles[0]
    ref = osr.SpatialReference()
    if not first["wkt"]:
        raise TileSetError("tile_no_crs", tiles=[first["path"]])
    ref.ImportFromWkt(first["wkt"])
    check_projected(first["wkt"])
    dx, dy = first["gt"][1], first["gt"][5]
    for t in tiles:
        gt = t["gt"]
        if gt[2] != 0 or gt[4] != 0:
            raise TileSetError("tile_rotated", tiles=[t["path"]])
        srs = osr.SpatialReference()
        if not t["wkt"] or (srs.ImportFromWkt(t["wkt"]) or not srs.IsSame(ref)):
            raise TileSetError("tile_crs", tiles=[first["path"], t["path"]])
        if abs(gt[1] - dx) > TOL * abs(dx) or abs(gt[5] - dy) > TOL * abs(dy):
            raise TileSetError(
                "tile_cell_size", tiles=[first["path"], t["path"]], sizes=[(dx, dy), (gt[1], gt[5])]
            )
        ox, oy = (gt[0] - first["gt"][0]) / dx, (gt[3] - first["gt"][3]) / dy
        if abs(ox - round(ox)) > 1e-3 or abs(oy - round(oy)) > 1e-3:
            raise TileSetError("tile_grid", tiles=[first["path"], t["path"]])
        t["r0"], t["c0"] = int(round(oy)), int(round(ox))
        nd0, nd = first["nodata"], t["nodata"]
        if (nd0 is None) != (nd is None) or (
            nd0 is not None and nd != nd0 and not (np.isnan(nd) and np.isnan(nd0))
        ):
            raise TileSetError("tile_nodata", tiles=[first["path"], t["path"]], values=[nd0, nd])
    _check_overlaps(tiles)
    return tiles


def _check_overlaps(tiles):
    """Overlapping tiles must hold the same values where both have data."""
    from .raster import read_window

    order = sorted(range(len(tiles)), key=lambda k: tiles[k]["c0"])
    for ia, a in enumerate(order):
        ta = tiles[a]
        for b in order[ia + 1 :]:
            tb = tiles[b]
            if tb["c0"] >= ta["c0"] + ta["ncols"]:
                break
            r0, r1 = max(ta["r0"], tb["r0"]), min(ta["r0"] + ta["nrows"], tb["r0"] + tb["nrows"])
            c0, c1 = max(ta["c0"], tb["c0"]), min(ta["c0"] + ta["ncols"], tb["c0"] + tb["ncols"])
            if r1 <= r0 or c1 <= c0:
                continue
            va = read_window(open_raster(ta["path"]), r0 - ta["r0"], c0 - ta["c0"], r1 - r0, c1 - c0)
            vb = read_window(open_raster(tb["path"]), r0 - tb["r0"], c0 - tb["c0"], r1 - r0, c1 - c0)
            both = np.isfinite(va) & np.isfinite(vb)
            if not np.array_equal(va[both], vb[both]):
                raise TileSetError(
                    "tile_overlap", tiles=[ta["path"], tb["path"]], cells=int((va[both] != vb[both]).sum())
                )


HOLE = -3.4028234663852886e38  # the value of missing tiles when the tiles declare no NoData


def mosaic(source, vrt_path, nodata=None):
    """A path GDAL reads as one raster: ``source`` itself (a GeoTIFF, VRT …) or, for a folder of
    tiles, a VRT over them written to ``vrt_path`` after ``check_tile_set``; missing tiles are
    NoData. ``nodata``: a value to take as NoData that the source does not declare (then a VRT
    is written for a single file too)."""
    if not os.path.isdir(source):
        if nodata is None:
            return source
        files, nd = [source], nodata
    else:
        tiles = check_tile_set(tile_files(source))
        files, nd = [t["path"] for t in tiles], (tiles[0]["nodata"] if nodata is None else nodata)
    # tiles without a NoData value still get one for the holes between them
    opts = (
        gdal.BuildVRTOptions(srcNodata=nd, VRTNodata=nd)
        if nd is not None
        else gdal.BuildVRTOptions(VRTNodata=HOLE)
    )
    with replacing(vrt_path) as tmp:
        gdal.BuildVRT(tmp, files, options=opts).FlushCache()
    return vrt_path


def source_nodata(source):
    """The NoData value a DEM (a raster, or the tiles of a folder) declares; None if none."""
    path = tile_files(source)[0] if os.path.isdir(source) else source
    ds = open_raster(path)  # held while the band is used (GDAL frees bands with their dataset)
    return ds.GetRasterBand(1).GetNoDataValue()


def read_block(path, r0, c0, nrows, ncols):
    """(z float32 with NaN, valid) of a window of the raster at ``path``."""
    from .raster import read_window

    a = read_window(open_raster(path), r0, c0, nrows, ncols).astype(np.float32)
    return a, np.isfinite(a)


def raster_grid(path):
    return grid_of(open_raster(path))


@dataclass(frozen=True)
class TileFormat:
    """How output tiles are written: the ``metadata`` of every tile, and ``compress`` (DEFLATE as
    every SmartPlan GeoTIFF; False for tiles that only live until the run merges them into one
    GeoTIFF: an uncompressed tile is read 10× and written 8× faster)."""

    metadata: dict = None
    compress: bool = True


def write_block(path, array, grid, r0, c0, fmt=None, dtype=gdal.GDT_Float32, nodata=-9999.0):
    """One output tile (atomic: ``io.raster.write_geotiff``) in the ``TileFormat`` ``fmt``."""
    fmt = fmt or TileFormat()
    write_geotiff(
        path,
        array,
        window_grid(grid, r0, c0, array.shape[0], array.shape[1]),
        nodata=nodata,
        dtype=dtype,
        metadata=fmt.metadata,
        compress=fmt.compress,
    )


def read_codes(path, r0, c0, nrows, ncols):
    """A window of a D8 direction raster as uint8 (its NoData, 255, stays 255)."""
    code, _valid = read_block(path, r0, c0, nrows, ncols)
    return np.where(np.isnan(code), 255, code).astype(np.uint8)


def build_vrt(vrt_path, files, metadata=None, style_qml=None):
    """A VRT over output tiles (relative paths, so the folder can be moved), atomically."""
    folder = os.path.dirname(os.path.abspath(vrt_path))
    with replacing(vrt_path) as tmp:
        ds = gdal.BuildVRT(tmp, [os.path.abspath(f) for f in files])
        if metadata:
            ds.SetMetadata({k: str(v) for k, v in metadata.items()})
        ds = None
        with open(tmp, encoding="utf-8") as fh:
            text = fh.read()
        text = text.replace(folder + os.sep, "").replace('relativeToVRT="0"', 'relativeToVRT="1"')
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
    if style_qml and os.path.exists(style_qml):
        import shutil

        shutil.copyfile(style_qml, os.path.splitext(vrt_path)[0] + ".qml")
    return vrt_path


# ------------------------------------------------------------------------------ footprints
FOOTPRINT_LAYER = "footprints"


def write_footprints(path, footprints, wkt):
    """Store building footprints (``analysis.terrain.Footprint`` in the DEM's CRS) in a GeoPackage
    for the tile tasks, numbered 1..n in their order (field ``bid``). Returns (n, digest): the
    digest identifies the footprints and their heights (for resuming a run)."""
    import hashlib

    from osgeo import ogr

    h = hashlib.sha256()
    n = 0
    with replacing(path) as tmp:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
        srs = osr.SpatialReference()
        srs.ImportFromWkt(wkt)
        lyr = ds.CreateLayer(FOOTPRINT_LAYER, srs, ogr.wkbUnknown, ["SPATIAL_INDEX=YES"])
        lyr.CreateField(ogr.FieldDefn("bid", ogr.OFTInteger))
        defn = lyr.GetLayerDefn()
        lyr.StartTransaction()
        for fp in footprints:
            n += 1
            f = ogr.Feature(defn)
            f.SetField("bid", n)
            f.SetGeometry(ogr.CreateGeometryFromWkb(bytes(fp.wkb)))
            lyr.CreateFeature(f)
            h.update(bytes(fp.wkb))
            h.update(repr(fp.height).encode())
        lyr.CommitTransaction()
        ds = None
    return n, h.hexdigest()[:16]


def footprint_ids(path, grid):
    """The building numbers (``bid``, 0 = none) of the footprints in ``path`` on ``grid`` (a window
    of the DEM): the rule of ``io.raster.rasterize`` — a cell belongs to a footprint when its
    centre lies inside, later footprints win — with the footprints burnt in their order."""
    from osgeo import ogr

    from .raster import rasterize

    gt = grid.geotransform
    x0, y1 = gt[0], gt[3]
    x1, y0 = gt[0] + grid.ncols * gt[1], gt[3] + grid.nrows * gt[5]
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(FOOTPRINT_LAYER)
    lyr.SetSpatialFilterRect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    found = sorted((f.GetField("bid"), f.GetGeometryRef().ExportToWkb()) for f in lyr)
    ds = None
    if not found:
        return np.zeros((grid.nrows, grid.ncols), np.int32)
    bids = np.array([b for b, _ in found], dtype=np.float64)
    ids = rasterize(grid, [w for _, w in found], values=bids)
    return np.where(np.isnan(ids), 0, ids).astype(np.int32)
