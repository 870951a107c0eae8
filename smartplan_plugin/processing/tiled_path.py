"""The city-scale path of smartplan:depressions: when a DEM does not fit in memory (or a
``TILE_SIZE`` is given) the algorithm runs the exact tiled analysis of ``analysis.tiled`` and
writes its usual outputs — the same values, in bounded memory."""

import os
import shutil

import numpy as np
from osgeo import gdal
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsWkbTypes,
)

from .. import paths
from ..analysis import tiled
from ..core import defaults
from ..io.files import replacing
from ..io.footprints_qgis import read_footprints
from ..io.raster import InputError, dem_grid
from .base import CancelledError


def translate_to_geotiff(vrt, path, style=None):
    """One compressed, tiled GeoTIFF from a VRT of tiles, streamed by GDAL (bounded memory),
    written atomically, with its style beside it."""
    opts = gdal.TranslateOptions(creationOptions=["COMPRESS=DEFLATE", "ZLEVEL=1", "TILED=YES",
                                                  "BIGTIFF=IF_SAFER", "NUM_THREADS=ALL_CPUS"])
    with replacing(path) as tmp:
        gdal.Translate(tmp, vrt, options=opts).FlushCache()
    if style and os.path.exists(style):
        shutil.copyfile(style, os.path.splitext(path)[0] + ".qml")
    return path


def depressions_tiled(alg, parameters, context, feedback, tile_size):
    """smartplan:depressions on the city-scale path (see the module docstring)."""
    from .depressions import POUR_FIELDS, SINK_FIELDS

    layer = alg.parameterAsRasterLayer(parameters, "DEM", context)
    if layer is None:
        alg.fail(alg.tr("No DEM was given."))
    feedback.pushInfo(alg.tr(
        "City-scale path: the DEM is analysed tile by tile ({t} × {t} cells) in bounded memory, "
        "with the same results as in one piece.").format(t=tile_size))
    if alg.parameterAsInt(parameters, "MAX_LEVEL", context) > 1:
        feedback.pushWarning(alg.tr("Nested sinks are not computed on the city-scale path yet: "
                                    "SINKS holds the outermost sinks (level 1)."))
    if parameters.get("CATCHMENTS") not in (None, ""):
        feedback.pushWarning(alg.tr("Catchment polygons are not produced on the city-scale path "
                                    "yet; the sinks carry their catchment size (catchment_m2)."))
    settings = alg.terrain_settings(parameters, context)
    footprints = None
    bsource = alg.parameterAsSource(parameters, "BUILDINGS", context)
    try:
        grid = dem_grid(layer.source())
        if bsource is not None:
            footprints, _assumed = read_footprints(bsource, layer.crs(), grid, context.transformContext(),
                                                   settings.height_field, check=lambda: alg.check(feedback))
    except InputError as exc:
        raise alg.input_error(exc) from exc
    crs = layer.crs()
    fields = alg.fields_of(SINK_FIELDS)
    sink, sinks_id = alg.parameterAsSink(parameters, "SINKS", context, fields, QgsWkbTypes.Type.MultiPolygon,
                                         crs)
    pfields = alg.fields_of(POUR_FIELDS)
    psink, pour_id = alg.parameterAsSink(parameters, "POUR_POINTS", context, pfields,
                                         QgsWkbTypes.Type.Point, crs)
    volume = [0.0]

    def writer(rec, wkb):
        f = QgsFeature(fields)
        g = QgsGeometry()
        g.fromWkb(wkb)
        f.setGeometry(g)
        f.setAttributes([rec["sink_id"], rec["area_m2"], rec["volume_m3"], rec["max_depth_m"],
                         rec["mean_depth_m"], rec["bottom_elev"], rec["spill_elev"], rec["catchment_m2"],
                         rec["fill_rain_mm"], rec["downstream_id"], None, 1, rec["depth_class"],
                         rec["buildings_affected"]])
        sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        p = QgsFeature(pfields)
        p.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(rec["pour_x"], rec["pour_y"])))
        p.setAttributes([rec["sink_id"], rec["spill_elev"], rec["downstream_id"]])
        psink.addFeature(p, QgsFeatureSink.Flag.FastInsert)
        volume[0] += rec["volume_m3"]

    filled_path = alg.parameterAsOutputLayer(parameters, "FILLED", context)
    depth_path = alg.parameterAsOutputLayer(parameters, "DEPTH", context)
    work = os.path.splitext(filled_path)[0] + "_tiles"
    meta = {"smartplan_algorithm": "smartplan:depressions",
            "smartplan_parameters": alg.params_text(parameters, context),
            "smartplan_disclaimer": defaults.DISCLAIMER}
    try:
        res = tiled.fill_tiled(
            layer.source(), work, tile_size=tile_size, nodata_drains=settings.nodata_drains,
            progress=lambda p: feedback.setProgress(p * 0.9), check=lambda: alg.check(feedback),
            log=feedback.pushInfo, metadata=meta, footprints=footprints, settings=settings,
            sink_writer=writer, sink_filters=alg.sink_filters(parameters, context), routing=True)
    except CancelledError:
        raise QgsProcessingException(alg.tr(
            "Cancelled: no outputs were written. Start the run again with the same DEM, settings and "
            "outputs to resume it; finished tiles are kept in {w}.").format(w=work)) from None
    except InputError as exc:
        raise alg.input_error(exc) from exc
    translate_to_geotiff(res.filled_vrt, filled_path, paths.style("filled"))
    translate_to_geotiff(res.depth_vrt, depth_path, paths.style("depth"))
    shutil.rmtree(work, ignore_errors=True)
    alg.style_output(context, filled_path, "filled", alg.tr("Filled surface"))
    alg.style_output(context, depth_path, "depth", alg.tr("Sink depth"))
    alg.style_output(context, sinks_id, "sinks", alg.tr("Sinks"))
    alg.style_output(context, pour_id, "pour_points", alg.tr("Pour points"))
    alg._styled = [(sinks_id, "sinks"), (pour_id, "pour_points")]
    for dest in (sinks_id, pour_id):
        alg.record(dest, meta)
    feedback.pushInfo(alg.tr("{n:,} sinks found, {k:,} pass the filters").format(
        n=res.sinks, k=res.sinks_kept))
    feedback.setProgress(100)
    return {"FILLED": filled_path, "DEPTH": depth_path, "SINKS": sinks_id, "POUR_POINTS": pour_id,
            "SINK_COUNT": res.sinks_kept, "NESTED_COUNT": 0, "TOTAL_VOLUME_M3": float(np.float64(volume[0]))}
