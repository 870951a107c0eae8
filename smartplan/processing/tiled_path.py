"""The city-scale path of smartplan:depressions: when a DEM does not fit in memory (or a
``TILE_SIZE`` is given) the algorithm runs the exact tiled analysis of ``analysis.tiled`` and
writes its usual outputs — the same values, in bounded memory."""

import os
import shutil

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
from ..io.raster import InputError, dem_grid, small_gdal_cache
from .base import CancelledError


def translate_to_geotiff(vrt, path, style=None):
    """One compressed, tiled GeoTIFF from a VRT of tiles, streamed by GDAL (bounded memory),
    written atomically, with its style beside it."""
    creation = ["COMPRESS=DEFLATE", "ZLEVEL=1", "TILED=YES", "BIGTIFF=IF_SAFER", "NUM_THREADS=ALL_CPUS"]
    ds = gdal.Open(vrt)
    if ds.GetRasterBand(1).DataType == gdal.GDT_Float32:
        creation.append("PREDICTOR=3")  # as io.raster.write_geotiff: a fifth smaller
    ds = None
    opts = gdal.TranslateOptions(creationOptions=creation)
    # GDAL streams the tiles block by block: its block cache (5 % of the RAM by default) would
    # only fill up with blocks already written, 0.7 GB more peak memory on a city
    with small_gdal_cache(256 * 1024 * 1024), replacing(path) as tmp:
        gdal.Translate(tmp, vrt, options=opts).FlushCache()
    if style and os.path.exists(style):
        shutil.copyfile(style, os.path.splitext(path)[0] + ".qml")
    return path


class CityScalePath:
    """Mixin of the algorithms with a city-scale path: the run of ``analysis.tiled`` with this
    algorithm's DEM, buildings and terrain settings (its texts translate under this class name,
    which is in the algorithms' MRO)."""

    def city_scale_help(self):
        """The help paragraph on the city-scale path (one text for the algorithms that have it)."""
        return self.tr(
            "<p><b>City scale.</b> A DEM that does not fit in memory (or any DEM with TILE_SIZE "
            "&gt; 0) is analysed tile by tile in bounded memory, with the same results as in one "
            "piece: the exact tiled Priority-Flood (Barnes 2016), flats, flow and accumulation "
            "across tiles (Barnes 2017), sinks, nested sinks, the rain cascade and the flow-path "
            "network joined across the tile edges. Give a whole city as a VRT of its DGM1 tiles "
            "(Build virtual raster) or one large GeoTIFF. With Dask installed the tiles run on all "
            "cores; SMARTPLAN_DASK_SCHEDULER=tcp://host:8786 runs them on a dask.distributed "
            "cluster. A cancelled run started again with the same settings keeps its finished "
            "tiles.</p>"
        )

    def city_scale_start(self, parameters, context, feedback, tile_size):
        """The DEM layer, terrain settings and buildings of a city-scale run (and the log line)."""
        layer = self.parameterAsRasterLayer(parameters, "DEM", context)
        if layer is None:
            self.fail(self.tr("No DEM was given."))
        feedback.pushInfo(
            self.tr(
                "City-scale path: the DEM is analysed tile by tile ({t} × {t} cells) in bounded memory, "
                "with the same results as in one piece."
            ).format(t=tile_size)
        )
        settings = self.terrain_settings(parameters, context)
        try:
            grid = dem_grid(layer.source())
            footprints = self.terrain_footprints(parameters, context, feedback, layer.crs(), grid, settings)
        except InputError as exc:
            raise self.input_error(exc) from exc
        return layer, settings, footprints

    def city_scale_run(self, parameters, context, feedback, tile_size, start, work, meta, **kw):
        """``analysis.tiled.fill_tiled`` for this run (``start``: of ``city_scale_start``) in the
        folder ``work`` (kept for a resume when cancelled), with the cancel and input messages."""
        layer, settings, footprints = start
        try:
            res = tiled.fill_tiled(
                layer.source(),
                work,
                tile_size=tile_size,
                nodata_drains=settings.nodata_drains,
                progress=lambda p: feedback.setProgress(p * 0.9),
                check=lambda: self.check(feedback),
                log=feedback.pushInfo,
                metadata=meta,
                footprints=footprints,
                settings=settings,
                compress=False,  # the tiles are merged into one GeoTIFF per output at the end
                **kw,
            )
        except CancelledError:
            raise QgsProcessingException(
                self.tr(
                    "Cancelled: no outputs were written. Start the run again with the same DEM, settings and "
                    "outputs to resume it; finished tiles are kept in {w}."
                ).format(w=work)
            ) from None
        except InputError as exc:
            raise self.input_error(exc) from exc
        self.warn_terrain_notes(feedback, res.notes)
        return res


class CityScaleDepressions(CityScalePath):
    """Mixin of smartplan:depressions: its city-scale path."""

    def run_city_scale(self, parameters, context, feedback, tile_size):
        """smartplan:depressions on the city-scale path (see the module docstring)."""
        from ..analysis.depressions import CATCHMENT_FIELDS, POUR_FIELDS, SINK_FIELDS

        start = self.city_scale_start(parameters, context, feedback, tile_size)
        max_level = self.parameterAsInt(parameters, "MAX_LEVEL", context)
        crs = start[0].crs()
        fields = self.fields_of(SINK_FIELDS)
        sink, sinks_id = self.parameterAsSink(
            parameters, "SINKS", context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        pfields = self.fields_of(POUR_FIELDS)
        psink, pour_id = self.parameterAsSink(
            parameters, "POUR_POINTS", context, pfields, QgsWkbTypes.Type.Point, crs
        )
        volume = [0.0]
        csink, catch_id, catchment_writer = None, None, None
        if parameters.get("CATCHMENTS") not in (None, ""):
            cfields = self.fields_of(CATCHMENT_FIELDS)
            csink, catch_id = self.parameterAsSink(
                parameters, "CATCHMENTS", context, cfields, QgsWkbTypes.Type.MultiPolygon, crs
            )

            def catchment_writer(sink_id, area, wkb):
                self.add_wkb_feature(csink, cfields, wkb, (sink_id, area))

        def writer(rec, wkb):
            self.add_wkb_feature(sink, fields, wkb, (rec[name] for name, _t in SINK_FIELDS))  # same names
            if rec["level"] > 1:  # nested: no pour point of its own (as on the whole raster)
                return
            p = QgsFeature(pfields)
            p.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(rec["pour_x"], rec["pour_y"])))
            p.setAttributes([rec[name] for name, _t in POUR_FIELDS])
            psink.addFeature(p, QgsFeatureSink.Flag.FastInsert)
            volume[0] += rec["volume_m3"]

        filled_path = self.parameterAsOutputLayer(parameters, "FILLED", context)
        depth_path = self.parameterAsOutputLayer(parameters, "DEPTH", context)
        work = os.path.splitext(self.final_output(filled_path))[0] + "_tiles"  # kept for a resume
        meta = {
            "smartplan_algorithm": "smartplan:depressions",
            "smartplan_parameters": self.params_text(parameters, context),
            "smartplan_disclaimer": defaults.DISCLAIMER,
        }
        res = self.city_scale_run(
            parameters,
            context,
            feedback,
            tile_size,
            start,
            work,
            meta,
            sink_writer=writer,
            sink_filters=self.sink_filters(parameters, context),
            routing=True,
            catchment_writer=catchment_writer,
            max_level=max_level,
        )
        translate_to_geotiff(res.filled_vrt, filled_path, paths.style("filled"))
        translate_to_geotiff(res.depth_vrt, depth_path, paths.style("depth"))
        shutil.rmtree(work, ignore_errors=True)
        self.style_output(context, filled_path, "filled", self.tr("Filled surface"))
        self.style_output(context, depth_path, "depth", self.tr("Sink depth"))
        self.style_output(context, sinks_id, "sinks", self.tr("Sinks"))
        self.style_output(context, pour_id, "pour_points", self.tr("Pour points"))
        self._styled = [(sinks_id, "sinks"), (pour_id, "pour_points")]
        out = {}
        if catch_id is not None:
            self.style_output(context, catch_id, "catchments", self.tr("Local catchments"))
            self._styled.append((catch_id, "catchments"))
            out["CATCHMENTS"] = catch_id
        for dest in (sinks_id, pour_id, catch_id):
            if dest:
                self.record(dest, meta)
        feedback.pushInfo(
            self.tr("{n:,} sinks found, {k:,} pass the filters").format(n=res.sinks, k=res.sinks_kept)
        )
        feedback.setProgress(100)
        return {
            **out,
            "FILLED": filled_path,
            "DEPTH": depth_path,
            "SINKS": sinks_id,
            "POUR_POINTS": pour_id,
            "SINK_COUNT": res.sinks_kept,
            "NESTED_COUNT": res.nested,
            "TOTAL_VOLUME_M3": float(volume[0]),
        }


class CityScaleRain(CityScalePath):
    """Mixin of smartplan:rainscenario: its city-scale path (``analysis.tiled_rain``)."""

    def run_rain_city_scale(
        self, parameters, context, feedback, tile_size, meta, rain_mm, psi, psi_layer, sewer
    ):
        """The rain scenario tile by tile: the water depth (one GeoTIFF, streamed from the tiles),
        the flooded sinks and the spill network as in one piece. Returns (``TiledScenario``,
        (water depth path, flooded id, spill id))."""
        from ..analysis.tiled_rain import TiledRain

        start = self.city_scale_start(parameters, context, feedback, tile_size)
        add_flooded, flooded_id, add_spill, spill_id = self.scenario_outputs(
            parameters, context, start[0].crs()
        )
        wd_path = self.parameterAsOutputLayer(parameters, "WATER_DEPTH", context)
        work = os.path.splitext(self.final_output(wd_path))[0] + "_tiles"  # kept for a resume
        rain = TiledRain(
            rain_mm=rain_mm,
            runoff=psi,
            sewer_mm=sewer,
            runoff_raster=psi_layer.source() if psi_layer is not None else None,
            flooded_writer=lambda attrs, wkb: add_flooded(wkb, attrs),
            spill_writer=lambda attrs, wkb: add_spill(wkb, attrs),
        )
        res = self.city_scale_run(parameters, context, feedback, tile_size, start, work, meta, rain=rain)
        sr = res.scenario
        translate_to_geotiff(sr.water_depth_vrt, wd_path, paths.style("water_depth"))
        shutil.rmtree(work, ignore_errors=True)
        feedback.pushInfo(
            self.tr("{n:,} sinks across {t} tiles, {w:,} hold water").format(
                n=sr.table.n, t=res.tiles, w=sr.flooded
            )
        )
        return sr, (wd_path, flooded_id, spill_id)


class CityScaleFlow(CityScalePath):
    """Mixin of smartplan:flowpaths: its city-scale path (``analysis.tiled_streams``)."""

    def run_flow_city_scale(self, parameters, context, feedback, tile_size, meta, min_ha, breaks):
        """The flow directions, upstream area (one GeoTIFF each, streamed from the tiles) and the
        flow-path network tile by tile. Returns (``FlowResult``, CRS, the raster outputs)."""
        from ..analysis.tiled_streams import TiledStreams

        start = self.city_scale_start(parameters, context, feedback, tile_size)
        fd_path = self.parameterAsOutputLayer(parameters, "FLOW_DIRECTION", context)
        acc_path = self.parameterAsOutputLayer(parameters, "ACCUMULATION", context)
        work = os.path.splitext(self.final_output(fd_path))[0] + "_tiles"  # kept for a resume
        res = self.city_scale_run(
            parameters, context, feedback, tile_size, start, work, meta, streams=TiledStreams(min_ha, breaks)
        )
        translate_to_geotiff(res.flow_direction_vrt, fd_path, paths.style("flow_direction"))
        translate_to_geotiff(res.accumulation_vrt, acc_path, paths.style("accumulation"))
        shutil.rmtree(work, ignore_errors=True)
        return res.flowpaths, start[0].crs(), {"FLOW_DIRECTION": fd_path, "ACCUMULATION": acc_path}
