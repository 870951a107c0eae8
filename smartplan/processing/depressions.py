"""smartplan:depressions — Senkenanalyse / Depression analysis."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterRasterDestination,
    QgsWkbTypes,
)

from .. import paths
from ..analysis import depressions as analysis
from ..analysis.tiled import DEFAULT_TILE_SIZE
from ..core import defaults
from ..io.raster import write_geotiff
from .base import SmartPlanAlgorithm
from .tiled_path import CityScaleDepressions

# peak memory per DEM cell, measured with make bench (with margin): with numba / scipy fallback
BYTES_PER_CELL = (64, 260)


class DepressionsAlgorithm(CityScaleDepressions, SmartPlanAlgorithm):
    _name = "depressions"
    _icon = "depressions"

    def displayName(self):  # noqa: N802
        return self.tr("Depression analysis (Senken)")

    def shortHelpString(self):  # noqa: N802
        return (
            self.tr(
                "<p>Finds depressions (Senken) in a terrain model where heavy-rain water collects: "
                "topographic hazard analysis, tier 2 of DWA-M 119.</p>"
                "<p><b>Method.</b> Buildings are raised as obstacles (default +{raise_m} m, or a height "
                "field). The DEM is filled exactly (Priority-Flood, Barnes et al. 2014, no epsilon); "
                "depth = filled − DEM; sinks are 8-connected cells with depth &gt; 0. Per sink: area, "
                "volume, max/mean depth, bottom and spill elevation, pour point, local catchment (D8 on "
                "the filled surface), the sink its overflow reaches (downstream_id) and the fill rain "
                "1000·V/A<sub>c</sub> [mm] at which it is full. Sink ids rank the sinks by volume "
                "(1 = largest) and are the same in the rain scenario.</p>"
                "<p><b>Nested sinks.</b> Inside a sink, basins around separate pits merge at saddles "
                "(depression hierarchy, Barnes et al. 2020): nested sinks (level 2, 3 …) are reported "
                "with parent_id and level up to the deepest level chosen; catchment, fill rain and "
                "downstream belong to the outermost sink (level 1) and stay empty for them.</p>"
                "<p><b>Edges and NoData.</b> Water reaching the raster edge or NoData connected to it "
                "leaves the map. Enclosed NoData holes drain or act as walls (parameter).</p>"
                "<p><b>Filters</b> (SENSARE Berlin): max depth ≥ {min_depth} m, area ≥ {min_area} m², "
                "volume ≥ {min_volume} m³, "
                "catchment ≥ {min_catchment} m². Lighter (Danish Bluespot): depth {blue_depth} m, area "
                "{blue_area} m², volume {blue_volume} m³. "
                "FILLED and DEPTH are unfiltered. Depth classes: {depth_classes} m "
                "(Ulm: from {depth_enter} m water can enter buildings).</p>"
                "<p><b>Limits.</b> A screening: no sewer, no culverts unless burned in, no time "
                "dimension; unreliable on slopes below {low_slope} %. Not a Starkregengefahrenkarte (2D "
                "simulation) in the sense of LUBW/NRW.</p>"
            ).format(**self.help_values())
            + self.city_scale_help()
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_terrain_parameters()
        self.add_sink_filter_parameters()
        self.add_max_level_parameter()
        self.addParameter(QgsProcessingParameterRasterDestination("FILLED", self.tr("Filled surface")))
        self.addParameter(QgsProcessingParameterRasterDestination("DEPTH", self.tr("Sink depth")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "SINKS", self.tr("Sinks"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "POUR_POINTS", self.tr("Pour points"), QgsProcessing.SourceType.TypeVectorPoint
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "CATCHMENTS",
                self.tr("Local catchments"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
                createByDefault=False,
            )
        )
        self.add_tile_size_parameter()
        self.addOutput(QgsProcessingOutputNumber("SINK_COUNT", self.tr("Number of sinks")))
        self.addOutput(QgsProcessingOutputNumber("NESTED_COUNT", self.tr("Number of nested sinks")))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_VOLUME_M3", self.tr("Total sink volume [m³]")))

    def _run(self, parameters, context, feedback):
        feedback.setProgress(1)
        tile = self.parameterAsInt(parameters, "TILE_SIZE", context)
        if tile > 0 or not self.fits_in_memory(parameters, context, BYTES_PER_CELL):
            return self.run_city_scale(parameters, context, feedback, tile or DEFAULT_TILE_SIZE)
        inp = self.load_terrain(parameters, context, feedback, BYTES_PER_CELL)
        grid = inp.grid
        self.check(feedback)
        feedback.pushInfo(self.tr("Filling depressions and routing flow …"))
        res = analysis.analyse(
            inp,
            self.sink_filters(parameters, context),
            progress=lambda p: feedback.setProgress(5 + p * 0.5),
            check=lambda: self.check(feedback),
        )
        feedback.setProgress(45)
        feedback.pushInfo(
            self.tr("{n:,} sinks found, {k:,} pass the filters").format(n=res.table.n, k=int(res.keep.sum()))
        )
        self.check(feedback)
        meta = {
            "smartplan_algorithm": "smartplan:depressions",
            "smartplan_parameters": self.params_text(parameters, context),
            "smartplan_disclaimer": defaults.DISCLAIMER,
        }
        # all computing is done: write the outputs
        results = {}
        filled_path = self.parameterAsOutputLayer(parameters, "FILLED", context)
        depth_path = self.parameterAsOutputLayer(parameters, "DEPTH", context)
        write_geotiff(filled_path, res.terrain.filled, grid, metadata=meta, style_qml=paths.style("filled"))
        results["FILLED"] = filled_path
        feedback.setProgress(55)
        write_geotiff(depth_path, res.terrain.depth, grid, metadata=meta, style_qml=paths.style("depth"))
        results["DEPTH"] = depth_path
        self.style_output(context, filled_path, "filled", self.tr("Filled surface"))
        self.style_output(context, depth_path, "depth", self.tr("Sink depth"))
        feedback.setProgress(60)

        crs = inp.dem_layer.crs()
        fields = self.fields_of(analysis.SINK_FIELDS)
        sink, sinks_id = self.parameterAsSink(
            parameters, "SINKS", context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        for wkb, attrs in analysis.sink_records(res, grid):
            self.add_wkb_feature(sink, fields, wkb, attrs)
        feedback.setProgress(75)
        n_nested = 0
        max_level = self.parameterAsInt(parameters, "MAX_LEVEL", context)
        for wkb, attrs in analysis.nested_records(res, grid, max_level):
            self.check(feedback)
            self.add_wkb_feature(sink, fields, wkb, attrs)
            n_nested += 1
        results["SINKS"] = sinks_id
        results["NESTED_COUNT"] = n_nested
        self.style_output(context, sinks_id, "sinks", self.tr("Sinks"))

        pfields = self.fields_of(analysis.POUR_FIELDS)
        psink, pour_id = self.parameterAsSink(
            parameters, "POUR_POINTS", context, pfields, QgsWkbTypes.Type.Point, crs
        )
        for wkb, attrs in analysis.pour_records(res, grid):
            self.add_wkb_feature(psink, pfields, wkb, attrs)
        results["POUR_POINTS"] = pour_id
        self.style_output(context, pour_id, "pour_points", self.tr("Pour points"))
        feedback.setProgress(85)

        if parameters.get("CATCHMENTS") is not None:
            cfields = self.fields_of(analysis.CATCHMENT_FIELDS)
            csink, catch_id = self.parameterAsSink(
                parameters, "CATCHMENTS", context, cfields, QgsWkbTypes.Type.MultiPolygon, crs
            )
            if csink is not None:
                for wkb, attrs in analysis.catchment_records(res, grid):
                    self.add_wkb_feature(csink, cfields, wkb, attrs)
                results["CATCHMENTS"] = catch_id
                self.style_output(context, catch_id, "catchments", self.tr("Local catchments"))
        results["SINK_COUNT"] = int(res.kept.size)
        results["TOTAL_VOLUME_M3"] = res.total_volume_m3
        self._styled = [
            (results.get(k), s)
            for k, s in (("SINKS", "sinks"), ("POUR_POINTS", "pour_points"), ("CATCHMENTS", "catchments"))
        ]
        for k in ("SINKS", "POUR_POINTS", "CATCHMENTS"):
            self.record(results.get(k), meta)
        feedback.setProgress(100)
        return results
