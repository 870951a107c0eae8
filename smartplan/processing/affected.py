"""smartplan:affected — Betroffenheitsanalyse / Affected objects: the parameters, the inputs as
plain records and the outputs of ``analysis.affected``."""

from functools import partial

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from ..analysis import affected as analysis
from ..analysis.affected_report import AffectedReport
from ..analysis.flowpaths import distance_classes_of
from ..core import affected as core
from ..core.proximity import DISTANCE_CLASSES_M
from ..io.metadata import recorded
from ..io.raster import InputError
from .base import SmartPlanAlgorithm
from .records import feature_records, output_fields, write_records

# the threshold parameters and the fields of analysis.affected.Thresholds they set
THRESHOLD_PARAMS = (
    ("WALL_DEPTH_M", "wall_depth_m"),
    ("CAR_DEPTH_M", "car_depth_m"),
    ("EMERGENCY_DEPTH_M", "emergency_depth_m"),
    ("UNDERPASS_DEPTH_M", "underpass_depth_m"),
)


class AffectedAlgorithm(SmartPlanAlgorithm):
    _name = "affected"
    _icon = "affected"

    def displayName(self):  # noqa: N802
        return self.tr("Affected objects (Betroffenheit)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Which buildings, roads, underpasses and critical sites are hit by heavy-rain water: "
            "from a water-depth raster (smartplan:rainscenario or any imported 2D depth raster) "
            "and, optionally, the flow paths and their corridor.</p>"
            "<p><b>Buildings:</b> the largest water depth in or next to the footprint (the wall); "
            "flooded from {wall_depth} m (Ulm: water can enter), in the corridor, or by distance to a flow "
            "path (the classes of the flow paths' run, by default ≤ {dist_1} / {dist_2} / {dist_3} "
            "m, Hessen). <b>Roads</b> (OSM highway lines or ATKIS/ALKIS road "
            "lines) are split where they enter or leave the water; each piece has its maximum depth "
            "and whether cars (≤ {car_depth} m) and emergency vehicles (≤ {emergency_depth} m) can "
            "pass (Kramer et al. "
            "2016). <b>Underpasses:</b> OSM tunnel/covered/layer &lt; 0, or road pieces deeper than "
            "{underpass_depth} m (knee-deep, BWB Überstauatlas). <b>Critical sites</b> (hospital, "
            "fire station, "
            "school, kindergarten, care home, substation …; from a type field or OSM tags) with "
            "their water depth and corridor flag.</p>"
            "<p><b>Limits.</b> Depth only (no flow velocity); the depth raster's own limits apply "
            "(topographic screening: no sewer, no time dimension).</p>"
        ).format(**self.help_values())

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterRasterLayer("WATER_DEPTH", self.tr("Water depth raster [m]")))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "BUILDINGS", self.tr("Buildings"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "ROADS", self.tr("Roads (lines)"), [QgsProcessing.SourceType.TypeVectorLine], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "CRITICAL",
                self.tr("Critical sites (points or polygons)"),
                [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "CRITICAL_TYPE_FIELD",
                self.tr("Type field of the critical sites (else OSM tags)"),
                parentLayerParameterName="CRITICAL",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "FLOWPATHS",
                self.tr("Flow paths (smartplan:flowpaths)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "CORRIDOR",
                self.tr("Flow path corridor"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        for key, label, val in (
            ("WALL_DEPTH_M", self.tr("Building flooded from a wall depth of [m]"), core.WALL_DEPTH_M),
            ("CAR_DEPTH_M", self.tr("Cars cannot pass above [m]"), core.CAR_DEPTH_M),
            (
                "EMERGENCY_DEPTH_M",
                self.tr("Emergency vehicles cannot pass above [m]"),
                core.EMERGENCY_DEPTH_M,
            ),
            (
                "UNDERPASS_DEPTH_M",
                self.tr("Underpass (road sink) from a depth of [m]"),
                core.UNDERPASS_DEPTH_M,
            ),
        ):
            self.addParameter(
                QgsProcessingParameterNumber(
                    key, label, QgsProcessingParameterNumber.Type.Double, val, minValue=0.0
                )
            )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "BUILDINGS_AFFECTED",
                self.tr("Affected buildings"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "ROADS_AFFECTED",
                self.tr("Roads split at the water"),
                QgsProcessing.SourceType.TypeVectorLine,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "UNDERPASSES", self.tr("Underpasses"), QgsProcessing.SourceType.TypeVectorLine, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "CRITICAL_AFFECTED",
                self.tr("Affected critical sites"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT_HTML", self.tr("Summary"), self.tr("HTML files (*.html)"), optional=True
            )
        )
        for key, label in (
            ("BUILDINGS_FLOODED", self.tr("Flooded buildings")),
            ("ROADS_FLOODED_KM", self.tr("Flooded roads [km]")),
            ("ROADS_IMPASSABLE_EMERGENCY_KM", self.tr("Roads impassable for emergency vehicles [km]")),
            ("CRITICAL_AFFECTED_COUNT", self.tr("Affected critical sites")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    # ------------------------------------------------------------------ run
    def _records(self, parameters, name, crs, context, feedback):
        """The features of the source ``name`` in ``crs`` as plain records (None: not given)."""
        src = self.parameterAsSource(parameters, name, context)
        return None if src is None else list(feature_records(self, src, crs, context, feedback))

    def distance_classes(self, parameters, context, feedback):
        """The building distance classes of the smartplan:flowpaths run that wrote FLOWPATHS (its
        recorded parameters), so a building gets the same class here as in its BUILDINGS_NEAR."""
        layer = self.parameterAsVectorLayer(parameters, "FLOWPATHS", context)
        if layer is None:
            return DISTANCE_CLASSES_M
        classes = distance_classes_of(recorded(layer.source())["parameters"])
        feedback.pushInfo(
            self.tr("Distance classes of the flow paths: {c} m").format(
                c=" / ".join(f"{c:g}" for c in classes)
            )
        )
        return classes

    def _run(self, parameters, context, feedback):
        layer = self.parameterAsRasterLayer(parameters, "WATER_DEPTH", context)
        if layer is None or layer.providerType() != "gdal":
            self.fail(self.tr("The water depth must be a file-based raster (GeoTIFF)."))
        try:
            water = analysis.read_water_depth(layer.source())
        except InputError as exc:
            raise self.input_error(exc) from exc
        if water.empty:
            self.fail(self.tr("The water depth raster contains only NoData."))
        if water.negative:
            feedback.pushWarning(self.tr("The water depth raster has negative values; they count as dry."))
        crs = layer.crs()
        thresholds = analysis.Thresholds(
            **{attr: self.parameterAsDouble(parameters, key, context) for key, attr in THRESHOLD_PARAMS}
        )
        check = partial(self.check, feedback)
        flow = analysis.FlowContext(
            self._records(parameters, "FLOWPATHS", crs, context, feedback),
            self._records(parameters, "CORRIDOR", crs, context, feedback),
            self.distance_classes(parameters, context, feedback),
        )
        results = {
            "BUILDINGS_FLOODED": 0,
            "ROADS_FLOODED_KM": 0.0,
            "ROADS_IMPASSABLE_EMERGENCY_KM": 0.0,
            "CRITICAL_AFFECTED_COUNT": 0,
        }
        summary = {}
        feedback.setProgress(10)

        bsrc = self.parameterAsSource(parameters, "BUILDINGS", context)
        if bsrc is not None and parameters.get("BUILDINGS_AFFECTED") is not None:
            fields, copied = output_fields(analysis.BUILDING_FIELDS, bsrc)
            sink, dest = self.parameterAsSink(
                parameters, "BUILDINGS_AFFECTED", context, fields, QgsWkbTypes.Type.MultiPolygon, crs
            )
            records, counts = analysis.buildings(
                feature_records(self, bsrc, crs, context, feedback), water, thresholds, flow, copied, check
            )
            write_records(sink, fields, records)
            results["BUILDINGS_AFFECTED"] = dest
            results["BUILDINGS_FLOODED"] = counts["flooded"]
            summary["buildings"] = counts
            self.styled(context, dest, "buildings_affected", self.tr("Affected buildings"))
        feedback.setProgress(45)
        rsrc = self.parameterAsSource(parameters, "ROADS", context)
        if rsrc is not None:
            self.roads(parameters, context, feedback, rsrc, crs, water, thresholds, results, summary)
        feedback.setProgress(80)
        csrc = self.parameterAsSource(parameters, "CRITICAL", context)
        if csrc is not None and parameters.get("CRITICAL_AFFECTED") is not None:
            fields, copied = output_fields(analysis.CRITICAL_FIELDS, csrc)
            sink, dest = self.parameterAsSink(
                parameters, "CRITICAL_AFFECTED", context, fields, QgsWkbTypes.Type.Point, crs
            )
            records, counts = analysis.critical_sites(
                feature_records(self, csrc, crs, context, feedback),
                water,
                thresholds,
                flow,
                self.parameterAsString(parameters, "CRITICAL_TYPE_FIELD", context),
                copied,
                check,
            )
            write_records(sink, fields, records)
            results["CRITICAL_AFFECTED"] = dest
            results["CRITICAL_AFFECTED_COUNT"] = int(sum(counts["by_type"].values()))
            summary["critical"] = counts
            self.styled(context, dest, "critical_affected", self.tr("Affected critical sites"))
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            with open(html_path, "w", encoding="utf-8") as fh:
                fh.write(AffectedReport().page(summary, thresholds))
            results["OUTPUT_HTML"] = html_path
        feedback.setProgress(100)
        return results

    def styled(self, context, dest, style, display_name):
        self.style_output(context, dest, style, display_name)
        self._styled.append((dest, style))

    def roads(self, parameters, context, feedback, src, crs, water, thresholds, results, summary):
        fields, copied = output_fields(analysis.ROAD_FIELDS, src)
        ufields, ucopied = output_fields(analysis.UNDERPASS_FIELDS, src)
        rsink = usink = None
        if parameters.get("ROADS_AFFECTED") is not None:
            rsink, rdest = self.parameterAsSink(
                parameters, "ROADS_AFFECTED", context, fields, QgsWkbTypes.Type.LineString, crs
            )
        if parameters.get("UNDERPASSES") is not None:
            usink, udest = self.parameterAsSink(
                parameters, "UNDERPASSES", context, ufields, QgsWkbTypes.Type.LineString, crs
            )
        km, n_under = analysis.roads(
            feature_records(self, src, crs, context, feedback),
            water,
            thresholds,
            copied,
            ucopied,
            pieces=(lambda batch: write_records(rsink, fields, batch)) if rsink is not None else None,
            underpasses=(lambda batch: write_records(usink, ufields, batch)) if usink is not None else None,
            check=partial(self.check, feedback),
        )
        if rsink is not None:
            results["ROADS_AFFECTED"] = rdest
            self.styled(context, rdest, "roads_affected", self.tr("Roads split at the water"))
        if usink is not None:
            results["UNDERPASSES"] = udest
            self.styled(context, udest, "underpasses", self.tr("Underpasses"))
        results["ROADS_FLOODED_KM"] = km["flooded"]
        results["ROADS_IMPASSABLE_EMERGENCY_KM"] = km["emergency"]
        summary["roads"] = km
        summary["underpasses"] = n_under
