"""smartplan:notwasserwege — Notwasserwege / Emergency flow routes (the analysis:
``analysis.notwasserwege``)."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..analysis import notwasserwege as NW
from ..io.features_qgis import shapely_of
from .base import SmartPlanAlgorithm, feature_label


def target_label(feat, name_field):
    """What the routes call a target: its ``name_field`` value, else '#<id>'."""
    if name_field and feat[name_field] not in (None, ""):
        return str(feat[name_field])
    return f"#{feat.id()}"


def _number(value):
    return None if value is None or str(value) == "NULL" else value


class NotwasserwegeAlgorithm(SmartPlanAlgorithm):
    _name = "notwasserwege"
    _icon = "notwasserwege"

    def displayName(self):  # noqa: N802
        return self.tr("Emergency flow routes (Notwasserwege)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Candidate emergency flow routes (Notwasserwege): stretches of the flow paths that run "
            "along roads or open space and lead the water to a safe target (green space, retention "
            "area) — as Essen puts it, water masses are guided over roads and emergency flow routes "
            "into green areas and open spaces. The result is an editable line layer for planners "
            "(status 'candidate'; set it to 'confirmed' or 'rejected').</p>"
            "<p><b>Method.</b> A flow-path segment (smartplan:flowpaths, not across filled sinks) is "
            "split into the parts inside the guide area (roads buffered by ROAD_BUFFER_M, and open "
            "space) and outside it. A part is a candidate when the flow path, followed downstream "
            "segment by segment (also into and across filled sinks), reaches a target area; target "
            "names the first target reached. "
            "Without targets, open space serves as target. Conflicts are where flow paths cross "
            "buildings, underpasses or come within SENSITIVE_DISTANCE_M of sensitive sites; they are "
            "returned as points and flagged on the routes upstream of them.</p>"
            "<p><b>Limits.</b> A planning aid from the topographic screening: check kerbs, gradients "
            "and inlets on site.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "FLOWPATHS",
                self.tr("Flow paths (smartplan:flowpaths)"),
                [QgsProcessing.SourceType.TypeVectorLine],
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "ROADS", self.tr("Roads (lines)"), [QgsProcessing.SourceType.TypeVectorLine], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "OPEN_SPACE",
                self.tr("Open space (polygons)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "TARGETS",
                self.tr("Safe target areas (green spaces, retention areas)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "TARGET_NAME_FIELD",
                self.tr("Name field of the targets"),
                parentLayerParameterName="TARGETS",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "BUILDINGS", self.tr("Buildings"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "UNDERPASSES",
                self.tr("Underpasses (lines)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "SENSITIVE",
                self.tr("Sensitive sites (points or polygons)"),
                [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "ROAD_BUFFER_M",
                self.tr("A flow path runs along a road within [m]"),
                QgsProcessingParameterNumber.Type.Double,
                NW.RouteSettings.road_buffer_m,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "SENSITIVE_DISTANCE_M",
                self.tr("Conflict with a sensitive site within [m]"),
                QgsProcessingParameterNumber.Type.Double,
                NW.RouteSettings.sensitive_distance_m,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "MIN_LENGTH_M",
                self.tr("Shortest route part kept [m]"),
                QgsProcessingParameterNumber.Type.Double,
                NW.RouteSettings.min_length_m,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "ROUTES", self.tr("Emergency flow routes"), QgsProcessing.SourceType.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "CONFLICTS", self.tr("Conflicts"), QgsProcessing.SourceType.TypeVectorPoint
            )
        )
        self.addOutput(QgsProcessingOutputNumber("ROUTE_COUNT", self.tr("Candidate routes")))
        self.addOutput(QgsProcessingOutputNumber("CONFLICT_COUNT", self.tr("Conflicts")))

    # ------------------------------------------------------------------ helpers
    def _read(self, source, crs, context, feedback, label=None):
        """``analysis.notwasserwege.Site``s of a source in ``crs`` (None -> []), called
        ``label(feature)``."""
        return [
            NW.Site(label(f) if label else "", shapely_of(g))
            for f, g in self.features_in(source, crs, context, feedback)
        ]

    def _run(self, parameters, context, feedback):
        flow_src = self.parameterAsSource(parameters, "FLOWPATHS", context)
        if flow_src is None:
            self.fail(self.tr("No flow paths were given."))
        names = flow_src.fields().names()
        for need in NW.FLOW_FIELDS:
            if need not in names:
                self.fail(
                    self.tr(
                        "The flow path layer lacks the field '{f}': use the FLOWPATHS output "
                        "of smartplan:flowpaths."
                    ).format(f=need)
                )
        crs = flow_src.sourceCrs()
        has_sink = "in_sink" in names
        flows = []
        for f, g in self.features_in(flow_src, crs, context, feedback):
            down, up = _number(f["downstream_seg"]), _number(f["upstream_ha"])
            flows.append(
                NW.FlowSegment(
                    int(f["seg_id"]),
                    None if down is None else int(down),
                    None if up is None else float(up),
                    has_sink and f["in_sink"] in (True, 1, "true"),
                    shapely_of(g),
                )
            )

        def read(name, label=None):
            source = self.parameterAsSource(parameters, name, context)
            return self._read(source, crs, context, feedback, label)

        tname = self.parameterAsString(parameters, "TARGET_NAME_FIELD", context)
        roads = read("ROADS")
        opens = read("OPEN_SPACE", lambda f: target_label(f, ""))  # the targets when none are given
        targets = read("TARGETS", lambda f: target_label(f, tname))
        buildings = read("BUILDINGS", feature_label)
        unders = read("UNDERPASSES", feature_label)
        sens = read("SENSITIVE", feature_label)
        settings = NW.RouteSettings(
            road_buffer_m=self.parameterAsDouble(parameters, "ROAD_BUFFER_M", context),
            sensitive_distance_m=self.parameterAsDouble(parameters, "SENSITIVE_DISTANCE_M", context),
            min_length_m=self.parameterAsDouble(parameters, "MIN_LENGTH_M", context),
        )
        feedback.setProgress(10)
        try:
            result = NW.emergency_flow_routes(
                flows,
                targets=targets,
                roads=roads,
                open_space=opens,
                buildings=buildings,
                underpasses=unders,
                sensitive=sens,
                settings=settings,
                check=lambda: self.check(feedback),
                progress=feedback.setProgress,
            )
        except NW.MissingTargets:
            self.fail(
                self.tr(
                    "Give target areas (green spaces, retention areas) or open space: "
                    "emergency flow routes must end in a safe target."
                )
            )
        cfields = self.fields_of(NW.CONFLICT_FIELDS)
        csink, conf_id = self.parameterAsSink(
            parameters, "CONFLICTS", context, cfields, QgsWkbTypes.Type.Point, crs
        )
        for wkb, attrs in result.conflicts:
            self.add_wkb_feature(csink, cfields, wkb, attrs)
        rfields = self.fields_of(NW.ROUTE_FIELDS)
        rsink, route_id = self.parameterAsSink(
            parameters, "ROUTES", context, rfields, QgsWkbTypes.Type.MultiLineString, crs
        )
        for wkb, attrs in result.routes:
            self.add_wkb_feature(rsink, rfields, wkb, attrs)
        self.style_output(context, route_id, "notwasserwege", self.tr("Emergency flow routes"))
        self.style_output(context, conf_id, "conflicts", self.tr("Conflicts"))
        self._styled = [(route_id, "notwasserwege"), (conf_id, "conflicts")]
        feedback.setProgress(100)
        return {
            "ROUTES": route_id,
            "CONFLICTS": conf_id,
            "ROUTE_COUNT": len(result.routes),
            "CONFLICT_COUNT": len(result.conflicts),
        }
