"""smartplan:emergencyroutes — Einsatzrouten bei Starkregen / Emergency routes: the parameters,
the inputs as plain records and the outputs of ``analysis.emergencyroutes``."""

from functools import partial

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from ..analysis import emergencyroutes as analysis
from ..analysis.emergencyroutes_report import EmergencyRoutesReport
from ..core import defaults
from ..io.crs_qgis import metric_crs
from ..io.raster import InputError, read_depth
from .base import SmartPlanAlgorithm, feature_label
from .records import feature_records, output_fields, write_records

# the outputs in the order they are written: parameter, schema, geometry type, style
OUTPUT_LAYERS = (
    ("BLOCKED", analysis.BLOCKED_FIELDS, QgsWkbTypes.Type.LineString, "blocked_roads"),
    ("ROUTES", analysis.ROUTE_FIELDS, QgsWkbTypes.Type.LineString, "emergency_routes"),
    ("SERVICE_AREA", analysis.SERVICE_AREA_FIELDS, QgsWkbTypes.Type.LineString, "service_area"),
    ("SERVICE_HULL", analysis.SERVICE_HULL_FIELDS, QgsWkbTypes.Type.MultiPolygon, "service_hull"),
    ("UNREACHABLE", analysis.UNREACHABLE_FIELDS, QgsWkbTypes.Type.Point, "unreachable"),
)


class EmergencyRoutesAlgorithm(SmartPlanAlgorithm):
    _name = "emergencyroutes"
    _icon = "emergencyroutes"

    def displayName(self):  # noqa: N802
        return self.tr("Emergency routes in heavy rain (Einsatzrouten)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Which places can fire brigades and ambulances still reach in time when roads are "
            "flooded? The screening version of Berlin's SENSARE route recommendations: the fastest "
            "routes from the nearest station on the dry and on the flooded road network, detours, "
            "service areas within the response-time target and the destinations that lose "
            "coverage.</p>"
            "<p><b>Network.</b> Every vertex of a road line is a node, as in QGIS' network analysis; "
            "stations and destinations are tied to the nearest road. Speed from a field (km/h) or "
            "from the OSM highway class (documented default table: e.g. primary {speed_primary}, "
            "residential {speed_residential}, "
            "service {speed_service} km/h), else the default speed; footways, paths and steps are "
            "not driven; "
            "one-way streets (oneway=yes/-1) are honoured.</p>"
            "<p><b>Flooding.</b> The water depth on each road piece comes from a depth raster "
            "(largest depth along it) or from ROADS with a max_depth_m field (smartplan:affected). "
            "A piece is impassable above {emergency_depth} m for emergency vehicles and "
            "{car_depth} m for cars (Kramer, "
            "Terheiden &amp; Wieprecht 2016), or a custom depth. Optionally vehicles slow down with "
            "depth (Pregnolato et al. 2017: v(w) = 0.0009 w² − 0.5529 w + 86.9448 km/h, w in mm, 0 "
            "from 300 mm, applied as a factor to the road's speed).</p>"
            "<p><b>Time limit</b>: the response-time target (Hilfsfrist) of your Land's fire-service "
            "or rescue-service rules, e.g. 8–10 minutes for the fire brigade.</p>"
        ).format(**self.help_values())

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "ROADS",
                self.tr("Roads (lines; ROADS_AFFECTED of smartplan:affected carries the depth)"),
                [QgsProcessing.SourceType.TypeVectorLine],
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "SPEED_FIELD",
                self.tr("Speed field [km/h]"),
                parentLayerParameterName="ROADS",
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "DEFAULT_SPEED",
                self.tr("Default speed [km/h]"),
                QgsProcessingParameterNumber.Type.Double,
                defaults.ROUTE_DEFAULT_SPEED_KMH,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "STATIONS",
                self.tr("Fire and rescue stations (points)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "DESTINATIONS",
                self.tr("Destinations (points or polygons)"),
                [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer("WATER_DEPTH", self.tr("Water depth raster [m]"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "VEHICLE",
                self.tr("Vehicle"),
                options=[
                    self.tr("emergency vehicle (impassable above 0.6 m)"),
                    self.tr("car (impassable above 0.3 m)"),
                    self.tr("custom depth"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "MAX_DEPTH_M",
                self.tr("Custom: impassable above [m]"),
                QgsProcessingParameterNumber.Type.Double,
                defaults.ROUTE_CUSTOM_DEPTH_M,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "SLOW_BY_DEPTH", self.tr("Slow down in shallower water (Pregnolato et al. 2017)"), False
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "TIME_LIMIT_MIN",
                self.tr("Response-time target (Hilfsfrist) [min]"),
                QgsProcessingParameterNumber.Type.Double,
                defaults.RESPONSE_TIME_MIN,
                minValue=0.0,
            )
        )
        for key, label, typ in (
            ("BLOCKED", self.tr("Blocked roads"), QgsProcessing.SourceType.TypeVectorLine),
            ("ROUTES", self.tr("Routes dry and flooded"), QgsProcessing.SourceType.TypeVectorLine),
            ("SERVICE_AREA", self.tr("Service area (roads)"), QgsProcessing.SourceType.TypeVectorLine),
            (
                "UNREACHABLE",
                self.tr("Destinations losing coverage"),
                QgsProcessing.SourceType.TypeVectorPoint,
            ),
        ):
            self.addParameter(QgsProcessingParameterFeatureSink(key, label, typ, optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "SERVICE_HULL",
                self.tr("Service area (polygons, dry and flooded)"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT_HTML", self.tr("Summary"), self.tr("HTML files (*.html)"), optional=True
            )
        )
        for key, label in (
            ("BLOCKED_KM", self.tr("Blocked roads [km]")),
            ("LOST_COVERAGE", self.tr("Destinations losing coverage")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    # ------------------------------------------------------------------ input
    def _crs(self, src, context):
        """The metric CRS of the roads (``analysis.crs``: their own when projected in metres)."""
        return metric_crs(src.sourceCrs(), src.sourceExtent(), context.transformContext())

    def _sites(self, src, crs, context, feedback):
        """Stations or destinations as plain records, labelled as the report names them."""
        return list(feature_records(self, src, crs, context, feedback, label=feature_label))

    def _raster(self, parameters, context, crs):
        """``((depth, grid), to_raster_crs)`` of the WATER_DEPTH raster, ``(None, None)`` without."""
        layer = self.parameterAsRasterLayer(parameters, "WATER_DEPTH", context)
        if layer is None:
            return None, None
        try:
            raster = read_depth(layer.source())
        except InputError as exc:
            raise self.input_error(exc) from exc
        if layer.crs() == crs:
            return raster, None
        xf = QgsCoordinateTransform(crs, layer.crs(), context.transformContext())

        def to_raster_crs(xy):
            moved = [xf.transform(QgsPointXY(*p)) for p in xy]
            return np.array([[q.x(), q.y()] for q in moved])

        return raster, to_raster_crs

    # ------------------------------------------------------------------ run
    def _run(self, parameters, context, feedback):
        rsrc = self.parameterAsSource(parameters, "ROADS", context)
        ssrc = self.parameterAsSource(parameters, "STATIONS", context)
        if rsrc is None or ssrc is None:
            self.fail(self.tr("Roads and stations are needed."))
        crs = self._crs(rsrc, context)
        roads = analysis.road_lines(
            feature_records(self, rsrc, crs, context, feedback),
            self.parameterAsString(parameters, "SPEED_FIELD", context),
            self.parameterAsDouble(parameters, "DEFAULT_SPEED", context),
        )
        if not len(roads):
            self.fail(self.tr("The road layer has no drivable roads."))
        stations = self._sites(ssrc, crs, context, feedback)
        if not stations:
            self.fail(self.tr("The station layer has no points."))
        dsrc = self.parameterAsSource(parameters, "DESTINATIONS", context)
        destinations = self._sites(dsrc, crs, context, feedback) if dsrc else []
        feedback.setProgress(20)
        tied = analysis.tie(roads, stations, destinations)  # built once for all destinations
        far = tied.far_stations()
        if far:
            feedback.pushWarning(
                self.tr("{n} stations are more than 500 m from the nearest road.").format(n=far)
            )
        veh = self.parameterAsEnum(parameters, "VEHICLE", context)
        settings = analysis.RouteSettings(
            limit_depth_m=(
                analysis.VEHICLE_DEPTH[veh]
                if analysis.VEHICLE_DEPTH[veh] is not None
                else self.parameterAsDouble(parameters, "MAX_DEPTH_M", context)
            ),
            slow_by_depth=self.parameterAsBool(parameters, "SLOW_BY_DEPTH", context),
            time_limit_min=self.parameterAsDouble(parameters, "TIME_LIMIT_MIN", context),
        )
        raster, to_raster_crs = self._raster(parameters, context, crs)
        wanted = [name for name, *_ in OUTPUT_LAYERS if parameters.get(name) is not None]
        res = analysis.route(
            tied,
            settings,
            raster,
            to_raster_crs,
            wanted,
            check=partial(self.check, feedback),
            progress=feedback.setProgress,
        )
        results = {"BLOCKED_KM": res.summary["blocked_km"]}
        names = {
            "BLOCKED": self.tr("Blocked roads"),
            "ROUTES": self.tr("Routes dry and flooded"),
            "SERVICE_AREA": self.tr("Service area (roads)"),
            "SERVICE_HULL": self.tr("Service area (polygons, dry and flooded)"),
            "UNREACHABLE": self.tr("Destinations losing coverage"),
        }
        for name, schema, wkb_type, style in OUTPUT_LAYERS:
            if name not in res.records:
                continue
            fields, _copied = output_fields(schema)
            sink, dest = self.parameterAsSink(parameters, name, context, fields, wkb_type, crs)
            write_records(sink, fields, res.records[name])
            results[name] = dest
            self.style_output(context, dest, style, names[name])
            self._styled.append((dest, style))
        results["LOST_COVERAGE"] = res.summary["lost"]
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            with open(html_path, "w", encoding="utf-8") as fh:
                fh.write(EmergencyRoutesReport().page(res, settings))
            results["OUTPUT_HTML"] = html_path
        feedback.setProgress(100)
        return results
