"""smartplan:flowpaths — Fließwege / Overland flow paths."""

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from .. import paths
from ..analysis import flowpaths as analysis
from ..analysis.tiled import DEFAULT_TILE_SIZE
from ..core import defaults
from ..core.proximity import parse_classes
from ..io.features_qgis import plain, shapely_of
from ..io.raster import write_geotiff
from .base import SmartPlanAlgorithm
from .records import output_fields
from .tiled_path import CityScaleFlow

# peak memory per DEM cell with numba / without (measured with make bench, with margin)
BYTES_PER_CELL = (64, 260)


class FlowPathsAlgorithm(CityScaleFlow, SmartPlanAlgorithm):
    _name = "flowpaths"
    _icon = "flowpaths"

    def displayName(self):  # noqa: N802
        return self.tr("Overland flow paths (Fließwege)")

    def shortHelpString(self):  # noqa: N802
        return (
            self.tr(
                "<p>Overland flow paths of heavy rain from the terrain model, like the Hessian "
                "Fließpfadkarten: topographic hazard analysis, tier 2 of DWA-M 119.</p>"
                "<p><b>Method.</b> Buildings are raised as obstacles, the DEM is filled exactly, and each "
                "cell drains to its steepest-descent neighbour (D8: drop divided by distance, diagonals "
                "√2; O'Callaghan &amp; Mark 1984). Flats, filled sinks included, drain towards their "
                "nearest lower edge (Barnes et al. 2014). ACCUMULATION is the upstream contributing area "
                "in m² (the cell included). Flow paths start where it reaches the minimum catchment "
                "(Hessen: {flow_min_ha} ha; 0.1 ha in dense urban areas) and are cut into segments between "
                "confluences with upstream area, class, Strahler order and mean slope on the filled "
                "surface. Segments that mostly cross a filled sink are flagged in_sink: the water ponds "
                "there first, the line only shows where the sink overflows to; the corridor and the "
                "building distances leave them out.</p>"
                "<p><b>FLOW_DIRECTION encoding</b> (ESRI): 1 E, 2 SE, 4 S, 8 SW, 16 W, 32 NW, 64 N, "
                "128 NE; 0 = drains off the map; 255 = NoData.</p>"
                "<p><b>Classes</b> by upstream area (proposal): {flow_classes} ha. "
                "Corridor: {corridor_m} m on each side (Hessen, Oppermann). Buildings by distance to a flow "
                "path: ≤ {dist_1} m red, ≤ {dist_2} m orange, ≤ {dist_3} m yellow (Hessen).</p>"
                "<p><b>Limits.</b> No sewer, no culverts unless burned in, no time dimension, single "
                "flow direction; paths on slopes below {low_slope} % are unreliable (low_slope, Hessen).</p>"
            ).format(**self.help_values())
            + self.city_scale_help()
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_terrain_parameters()
        self.addParameter(
            QgsProcessingParameterNumber(
                "MIN_CATCHMENT_HA",
                self.tr("Flow paths start at an upstream area of [ha]"),
                QgsProcessingParameterNumber.Type.Double,
                defaults.FLOWPATH_MIN_HA,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "CLASS_BREAKS_HA",
                self.tr("Class breaks of the upstream area [ha]"),
                defaults.FLOWPATH_CLASS_BREAKS_HA,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "CORRIDOR_M",
                self.tr("Hazard corridor on each side [m]"),
                QgsProcessingParameterNumber.Type.Double,
                defaults.CORRIDOR_M,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "DISTANCE_CLASSES_M",
                self.tr("Building distance classes [m]"),
                defaults.BUILDING_DISTANCE_CLASSES_M,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination("FLOW_DIRECTION", self.tr("Flow direction (D8)"))
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination("ACCUMULATION", self.tr("Upstream area [m²]"))
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "FLOWPATHS", self.tr("Flow paths"), QgsProcessing.SourceType.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "CORRIDOR",
                self.tr("Flow path corridor"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "BUILDINGS_NEAR",
                self.tr("Buildings near flow paths"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )
        )
        self.add_tile_size_parameter()
        self.addOutput(QgsProcessingOutputNumber("SEGMENT_COUNT", self.tr("Number of flow path segments")))
        self.addOutput(
            QgsProcessingOutputNumber("BUILDINGS_NEAR_COUNT", self.tr("Buildings near flow paths"))
        )

    def _run(self, parameters, context, feedback):
        try:
            breaks = list(parse_classes(self.parameterAsString(parameters, "CLASS_BREAKS_HA", context)))
            dist_classes = parse_classes(self.parameterAsString(parameters, "DISTANCE_CLASSES_M", context))
        except ValueError as exc:
            self.fail(
                self.tr(
                    "Class breaks must be increasing numbers separated by commas, e.g. "
                    "'0.5,2,10,50' (got '{v}')."
                ).format(v=exc.args[0])
            )
        min_ha = self.parameterAsDouble(parameters, "MIN_CATCHMENT_HA", context)
        meta = {
            "smartplan_algorithm": "smartplan:flowpaths",
            "smartplan_parameters": self.params_text(parameters, context),
            "smartplan_disclaimer": defaults.DISCLAIMER,
        }
        tile = self.parameterAsInt(parameters, "TILE_SIZE", context)
        if tile > 0 or not self.fits_in_memory(parameters, context, BYTES_PER_CELL):
            fr, crs, results = self.run_flow_city_scale(
                parameters, context, feedback, tile or DEFAULT_TILE_SIZE, meta, min_ha, breaks
            )
        else:
            fr, crs, results = self._run_in_memory(parameters, context, feedback, meta, min_ha, breaks)
        feedback.pushInfo(
            self.tr("{n:,} flow path segments from {ha:g} ha upstream area").format(n=fr.n, ha=min_ha)
        )
        self.style_output(
            context, results["FLOW_DIRECTION"], "flow_direction", self.tr("Flow direction (D8)")
        )
        self.style_output(context, results["ACCUMULATION"], "accumulation", self.tr("Upstream area [m²]"))
        feedback.setProgress(65)
        return self._vector_outputs(parameters, context, feedback, fr, crs, dist_classes, meta, results)

    def _run_in_memory(self, parameters, context, feedback, meta, min_ha, breaks):
        """The whole raster in memory: (``FlowResult``, CRS, the raster outputs)."""
        inp = self.load_terrain(parameters, context, feedback, BYTES_PER_CELL)
        grid = inp.grid
        feedback.pushInfo(self.tr("Filling depressions and routing flow …"))
        fr = analysis.run(
            inp,
            min_ha,
            breaks,
            progress=lambda p: feedback.setProgress(p * 0.5),
            check=lambda: self.check(feedback),
        )
        feedback.setProgress(55)
        self.check(feedback)
        terrain = fr.terrain
        results = {}
        fd_path = self.parameterAsOutputLayer(parameters, "FLOW_DIRECTION", context)
        from osgeo import gdal

        write_geotiff(
            fd_path,
            terrain.code,
            grid,
            nodata=255,
            dtype=gdal.GDT_Byte,
            metadata=meta,
            style_qml=paths.style("flow_direction"),
        )
        results["FLOW_DIRECTION"] = fd_path
        acc_path = self.parameterAsOutputLayer(parameters, "ACCUMULATION", context)
        write_geotiff(
            acc_path, fr.upstream_area_m2(), grid, metadata=meta, style_qml=paths.style("accumulation")
        )
        results["ACCUMULATION"] = acc_path
        return fr, inp.dem_layer.crs(), results

    def _vector_outputs(self, parameters, context, feedback, fr, crs, dist_classes, meta, results):
        """FLOWPATHS, CORRIDOR and BUILDINGS_NEAR of ``fr`` (both paths)."""
        fields = self.fields_of(analysis.FLOWPATH_FIELDS)
        sink, fp_id = self.parameterAsSink(
            parameters, "FLOWPATHS", context, fields, QgsWkbTypes.Type.LineString, crs
        )
        for wkb, attrs in analysis.flowpath_records(fr):
            self.add_wkb_feature(sink, fields, wkb, attrs)
        results["FLOWPATHS"] = fp_id
        self.style_output(context, fp_id, "flowpaths", self.tr("Flow paths"))
        styled = [(fp_id, "flowpaths")]
        feedback.setProgress(80)

        corridor_m = self.parameterAsDouble(parameters, "CORRIDOR_M", context)
        if parameters.get("CORRIDOR") is not None and corridor_m > 0:
            cfields = self.fields_of(analysis.CORRIDOR_FIELDS)
            csink, cor_id = self.parameterAsSink(
                parameters, "CORRIDOR", context, cfields, QgsWkbTypes.Type.MultiPolygon, crs
            )
            if csink is not None:
                for wkb, attrs in analysis.corridor_records(fr, corridor_m):
                    self.add_wkb_feature(csink, cfields, wkb, attrs)
                results["CORRIDOR"] = cor_id
                self.style_output(context, cor_id, "corridor", self.tr("Flow path corridor"))
                styled.append((cor_id, "corridor"))
        feedback.setProgress(88)

        results["BUILDINGS_NEAR_COUNT"] = 0
        source = self.parameterAsSource(parameters, "BUILDINGS", context)
        if source is not None and parameters.get("BUILDINGS_NEAR") is not None:
            n_near, near_id = self.buildings_near(
                parameters, context, feedback, source, fr, dist_classes, crs
            )
            if near_id is not None:
                results["BUILDINGS_NEAR"] = near_id
                results["BUILDINGS_NEAR_COUNT"] = n_near
                styled.append((near_id, "buildings_near"))
        results["SEGMENT_COUNT"] = fr.n
        self._styled = styled
        for dest, _style in styled:  # the run's parameters (smartplan:affected reads its classes)
            self.record(dest, meta)
        feedback.setProgress(100)
        return results

    def buildings_near(self, parameters, context, feedback, source, fr, dist_classes, crs):
        """Buildings within the largest distance class of a flow path (``analysis.flowpaths``),
        written with the source's own attributes (``analysis.records.copied_fields``)."""
        fields, copied = output_fields(analysis.BUILDINGS_NEAR_FIELDS, source)
        sink, dest = self.parameterAsSink(
            parameters, "BUILDINGS_NEAR", context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        if sink is None:
            return 0, None
        last = {}  # the building just read: the analysis yields a building before it reads the next

        def read():
            for feat, g in self.features_in(source, crs, context, feedback):
                last["fid"] = (feat, g)
                yield feat.id(), shapely_of(g)

        total = max(1, source.featureCount())
        count = 0
        near = analysis.buildings_near(
            fr,
            read(),
            dist_classes,
            check=lambda: self.check(feedback),
            progress=lambda i: feedback.setProgress(88 + 11 * i / total),
        )
        for fid, attrs in near:
            feat, g = last.pop("fid")
            out = QgsFeature(fields)
            g.convertToMultiType()
            out.setGeometry(g)
            out.setAttributes([int(fid), *attrs] + [plain(feat[name]) for name in copied])
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            count += 1
        self.style_output(context, dest, "buildings_near", self.tr("Buildings near flow paths"))
        return count, dest
