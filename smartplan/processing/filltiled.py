"""smartplan:filltiled — Senkenfüllung stadtweit / City-scale depression filling (tiled, exact)."""

import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputRasterLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from .. import paths
from ..analysis import tiled
from ..analysis.depressions import CATCHMENT_FIELDS
from ..analysis.terrain import PARAM_NODATA_DRAINS
from ..core import defaults
from ..io.raster import InputError
from ..io.tiles import raster_grid, tile_files
from .base import CancelledError, SmartPlanAlgorithm


class FillTiledAlgorithm(SmartPlanAlgorithm):
    _name = "filltiled"
    _icon = "depressions"

    def displayName(self):  # noqa: N802
        return self.tr("Depression filling, city scale (tiled, exact)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Fills the depressions (Senken) of a whole city's DGM1 — a folder of 1 km² tiles, a "
            "VRT or one large GeoTIFF — in bounded memory: the filled surface and the sink depth "
            "(filled − DEM), identical cell for cell to <i>Depression analysis</i> on the whole "
            "raster.</p>"
            "<p><b>Method</b> (Barnes 2016, Parallel Priority-Flood for trillion-cell DEMs): per "
            "tile a Priority-Flood that labels the areas draining to the tile's edge and records "
            "where they spill into each other; one pass over the small graph of all tiles' edges "
            "finds each edge cell's spill level; per tile a final pass raises every cell to it. "
            "Peak memory is set by the tile size ({ts} cells per side: about 0.2 GB per worker), "
            "not by the size of the map.</p>"
            "<p><b>Tiles.</b> A folder is checked before any work: one CRS, one cell size, one "
            "grid, one NoData value, overlapping tiles with equal values. Missing tiles are "
            "NoData. Outputs: one GeoTIFF per tile in <i>filled/</i> and <i>depth/</i> of the "
            "output folder and a VRT over each, loaded styled.</p>"
            "<p><b>Engine.</b> With Dask installed the tiles run on all cores; with a "
            "dask.distributed scheduler address (parameter or SMARTPLAN_DASK_SCHEDULER) on the "
            "workers of a cluster that see the same folders. Without Dask they run one after the "
            "other (same result). A cancelled run is resumed by starting it again with the same "
            "input, settings and output folder: finished tiles are kept.</p>"
            "<p><b>Buildings</b> are raised as obstacles as in <i>Depression analysis</i> (by "
            "their height field, else by the raise).</p>"
            "<p><b>Sinks</b> (optional output): the sinks across tiles with the ids (rank by "
            "volume), area, volume, depths, bottom and spill elevation, depth class and affected "
            "buildings of <i>Depression analysis</i>; with flow routing also the local catchment, "
            "fill rain, downstream sink and pour point (pour_x, pour_y). Filtered by depth, area, "
            "volume and (with flow routing) catchment.</p>"
            "<p><b>Flow routing</b> (optional): D8 flow directions with flats resolved towards "
            "their nearest lower edge and the upstream area, identical to <i>Overland flow "
            "paths</i> (FLOW_DIRECTION, ACCUMULATION): flats that cross tiles are resolved by "
            "tiles exchanging the distances on their edges, the flow between tiles by the links "
            "of their exit cells (Barnes 2017).</p>"
            "<p><b>Nested sinks</b> down to MAX_LEVEL (as in <i>Depression analysis</i>): the "
            "merge tree of every sink on its tile, or on its bounding window for a sink across "
            "tiles.</p>"
            "<p><b>Rain scenario and flow paths</b> of a whole city: <i>Heavy-rain scenario</i> and "
            "<i>Overland flow paths</i> on a VRT of the tiles take this path by themselves when it "
            "does not fit in memory (or with their TILE_SIZE).</p><p>{d}</p>"
        ).format(ts=tiled.DEFAULT_TILE_SIZE, d=defaults.DISCLAIMER)

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_terrain_parameters(dem_optional=True)
        self.addParameter(
            QgsProcessingParameterFile(
                "DEM_FOLDER",
                self.tr("… or a folder of DEM tiles"),
                behavior=QgsProcessingParameterFile.Behavior.Folder,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "TILE_SIZE",
                self.tr("Tile size [cells per side]"),
                QgsProcessingParameterNumber.Type.Integer,
                tiled.DEFAULT_TILE_SIZE,
                minValue=16,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "DASK_SCHEDULER",
                self.tr("dask.distributed scheduler address (empty: this machine)"),
                defaultValue="",
                optional=True,
            )
        )
        self.add_sink_filter_parameters()
        self.add_max_level_parameter()
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", self.tr("Output folder")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "SINKS", self.tr("Sinks"), QgsProcessing.SourceType.TypeVectorPolygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "FLOW_ROUTING", self.tr("Also D8 flow directions and flow accumulation"), False
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "CATCHMENTS",
                self.tr("Local catchments of the sinks (with flow routing)"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputRasterLayer("FILLED", self.tr("Filled surface (VRT)")))
        self.addOutput(QgsProcessingOutputRasterLayer("DEPTH", self.tr("Sink depth (VRT)")))
        self.addOutput(
            QgsProcessingOutputRasterLayer(
                "FLOW_DIRECTION", self.tr("Flow direction, D8 (VRT; with flow routing)")
            )
        )
        self.addOutput(
            QgsProcessingOutputRasterLayer(
                "ACCUMULATION", self.tr("Upstream area [m²] (VRT; with flow routing)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber("TILES", self.tr("Number of tiles")))
        self.addOutput(QgsProcessingOutputNumber("CELLS", self.tr("Number of cells")))
        self.addOutput(QgsProcessingOutputNumber("SINK_COUNT", self.tr("Number of sinks")))
        self.addOutput(QgsProcessingOutputNumber("NESTED_COUNT", self.tr("Number of nested sinks")))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_VOLUME_M3", self.tr("Total sink volume [m³]")))

    def tile_error(self, exc):
        tiles = ", ".join(os.path.basename(t) for t in exc.info.get("tiles", []))
        msgs = {
            "no_tiles": self.tr("The folder holds no raster tiles (.tif, .asc, .xyz, .vrt, .img)."),
            "tile_no_crs": self.tr("Tile {t} has no coordinate reference system: assign it first."),
            "tile_rotated": self.tr("Tile {t} is rotated: warp it to a north-up grid first."),
            "tile_crs": self.tr(
                "The tiles are in different coordinate systems ({t}): reproject "
                "them to one CRS (e.g. EPSG:25832 or EPSG:25833) first."
            ),
            "tile_cell_size": self.tr(
                "The tiles have different cell sizes ({t}): resample them to one cell size first."
            ),
            "tile_grid": self.tr(
                "The tiles are not on one grid ({t}): their origins are not a whole "
                "number of cells apart. Resample them onto one grid first."
            ),
            "tile_overlap": self.tr(
                "Tiles {t} overlap with different values ({c:,} cells): remove the duplicate or older tile."
            ),
            "tile_nodata": self.tr(
                "The tiles use different NoData values ({t}): set one NoData "
                "value for all (gdal_edit -a_nodata) first."
            ),
        }
        if exc.code in msgs:
            return QgsProcessingException(msgs[exc.code].format(t=tiles, c=exc.info.get("cells", 0)))
        return self.input_error(exc)

    def _run(self, parameters, context, feedback):
        layer = self.parameterAsRasterLayer(parameters, "DEM", context)
        folder = self.parameterAsFile(parameters, "DEM_FOLDER", context)
        if layer is None and not folder:
            self.fail(self.tr("Give a DEM (GeoTIFF or VRT) or a folder of DEM tiles."))
        if folder and not os.path.isdir(folder):
            self.fail(self.tr("The DEM folder does not exist: {f}").format(f=folder))
        source = folder or layer.source()
        out_dir = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        if folder and os.path.join(os.path.abspath(out_dir), "").startswith(
            os.path.join(os.path.abspath(folder), "")
        ):  # the tile folder itself or inside it
            self.fail(
                self.tr(
                    "Choose an output folder outside the folder of the DEM tiles (the "
                    "outputs would be read as tiles next time)."
                )
            )
        scheduler = self.parameterAsString(parameters, "DASK_SCHEDULER", context) or None
        nodata_drains = self.parameterAsBool(parameters, PARAM_NODATA_DRAINS, context)
        if not tiled.dask_available() and not scheduler:
            feedback.pushInfo(
                self.tr(
                    "Dask is not installed: the tiles run one after the other on one core (same "
                    "result). With Dask (pip install dask) they run on all cores, with "
                    "dask.distributed on a cluster."
                )
            )
        settings = self.terrain_settings(parameters, context)
        dem_crs = (
            layer.crs()
            if layer is not None
            else QgsCoordinateReferenceSystem.fromWkt(
                raster_grid(tile_files(folder)[0]).wkt if tile_files(folder) else ""
            )
        )
        footprints = self.terrain_footprints(parameters, context, feedback, dem_crs, None, settings)
        meta = {
            "smartplan_algorithm": "smartplan:filltiled",
            "smartplan_parameters": self.params_text(parameters, context),
            "smartplan_disclaimer": defaults.DISCLAIMER,
        }
        sink, sinks_id, writer, volume = None, None, None, [0.0]
        if parameters.get("SINKS") is not None:
            fields = self.fields_of(tiled.SINK_FIELD_TYPES)
            crs = dem_crs
            sink, sinks_id = self.parameterAsSink(
                parameters, "SINKS", context, fields, QgsWkbTypes.Type.MultiPolygon, crs
            )

            def writer(rec, wkb):
                self.add_wkb_feature(sink, fields, wkb, (rec[name] for name in tiled.SINK_FIELDS))
                if rec["level"] == 1:
                    volume[0] += rec["volume_m3"]

        catch_id, catchment_writer = None, None
        routing = self.parameterAsBool(parameters, "FLOW_ROUTING", context)
        if parameters.get("CATCHMENTS") not in (None, ""):
            if sink is None or not routing:
                self.fail(
                    self.tr("Local catchments need the sinks (SINKS) and the flow routing (FLOW_ROUTING).")
                )
            cfields = self.fields_of(CATCHMENT_FIELDS)
            csink, catch_id = self.parameterAsSink(
                parameters, "CATCHMENTS", context, cfields, QgsWkbTypes.Type.MultiPolygon, crs
            )

            def catchment_writer(sink_id, area, wkb):
                self.add_wkb_feature(csink, cfields, wkb, (sink_id, area))

        try:
            res = tiled.fill_tiled(
                source,
                out_dir,
                tile_size=self.parameterAsInt(parameters, "TILE_SIZE", context),
                nodata_drains=nodata_drains,
                scheduler=scheduler,
                progress=feedback.setProgress,
                check=lambda: self.check(feedback),
                log=feedback.pushInfo,
                metadata=meta,
                styles=(
                    paths.style("filled"),
                    paths.style("depth"),
                    paths.style("flow_direction"),
                    paths.style("accumulation"),
                ),
                routing=routing,
                catchment_writer=catchment_writer,
                footprints=footprints,
                settings=settings,
                sink_writer=writer,
                sink_filters=self.sink_filters(parameters, context),
                max_level=self.parameterAsInt(parameters, "MAX_LEVEL", context),
            )
        except CancelledError:
            raise QgsProcessingException(
                self.tr(
                    "Cancelled: no VRT was written. Start the run again with the same input, settings "
                    "and output folder to resume it; finished tiles are kept."
                )
            ) from None
        except tiled.TileSetError as exc:
            raise self.tile_error(exc) from exc
        except InputError as exc:
            raise self.input_error(exc) from exc
        except (ImportError, OSError) as exc:
            if scheduler:
                raise QgsProcessingException(
                    self.tr(
                        "The Dask scheduler at {a} cannot be used: {e}. Check the address and that "
                        "dask.distributed is installed, or leave the address empty."
                    ).format(a=scheduler, e=exc)
                ) from exc
            raise
        self.warn_terrain_notes(feedback, res.notes)
        if res.resumed_tiles:
            feedback.pushInfo(
                self.tr("Resumed: {n} of {t} tiles were already done.").format(
                    n=res.resumed_tiles, t=res.tiles
                )
            )
        rasters = [
            ("FILLED", res.filled_vrt, self.tr("Filled surface"), "filled"),
            ("DEPTH", res.depth_vrt, self.tr("Sink depth"), "depth"),
        ]
        if res.flow_direction_vrt:
            rasters += [
                ("FLOW_DIRECTION", res.flow_direction_vrt, self.tr("Flow direction (D8)"), "flow_direction"),
                ("ACCUMULATION", res.accumulation_vrt, self.tr("Upstream area"), "accumulation"),
            ]
        for key, path, name, style in rasters:
            context.addLayerToLoadOnCompletion(
                path, QgsProcessingContext.LayerDetails(name, context.project(), key)
            )
            self.style_output(context, path, style, name)
        out = {
            "FILLED": res.filled_vrt,
            "DEPTH": res.depth_vrt,
            "TILES": res.tiles,
            "CELLS": res.cells,
            "OUTPUT_FOLDER": out_dir,
        }
        if res.flow_direction_vrt:
            out.update(FLOW_DIRECTION=res.flow_direction_vrt, ACCUMULATION=res.accumulation_vrt)
        if sinks_id is not None:
            feedback.pushInfo(
                self.tr("{n:,} sinks found, {k:,} pass the filters").format(n=res.sinks, k=res.sinks_kept)
            )
            self.style_output(context, sinks_id, "sinks", self.tr("Sinks"))
            self._styled.append((sinks_id, "sinks"))
            self.record(sinks_id, meta)
            out.update(
                SINKS=sinks_id, SINK_COUNT=res.sinks_kept, NESTED_COUNT=res.nested, TOTAL_VOLUME_M3=volume[0]
            )
        if catch_id is not None:
            self.style_output(context, catch_id, "catchments", self.tr("Local catchments"))
            self._styled.append((catch_id, "catchments"))
            self.record(catch_id, meta)
            out["CATCHMENTS"] = catch_id
        return out
