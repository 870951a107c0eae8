"""smartplan:emergencyroutes — Einsatzrouten bei Starkregen / Emergency routes."""

import html

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsLineString,
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
from qgis.PyQt.QtCore import QVariant

from ..core import affected as aff
from ..core import routing
from ..io import report
from ..io.crs_qgis import metric_crs
from ..io.raster import InputError, read_depth
from .base import SmartPlanAlgorithm, feature_label

VEHICLE_DEPTH = (aff.EMERGENCY_DEPTH_M, aff.CAR_DEPTH_M, None)


def edge_geometry(net, e):
    """The straight segment of network edge ``e``."""
    (x0, y0), (x1, y1) = net.nodes[net.u[e]], net.nodes[net.v[e]]
    return QgsGeometry(QgsLineString([x0, x1], [y0, y1]))


def oneway_of(value):
    """OSM oneway tag -> 1 (with the line), -1 (against it), 0 (both ways)."""
    v = str(value).strip().lower() if value is not None else ""
    if v in ("yes", "true", "1"):
        return 1
    if v in ("-1", "reverse"):
        return -1
    return 0


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
            "from the OSM highway class (documented default table: e.g. primary 50, residential 30, "
            "service 15 km/h), else the default speed; footways, paths and steps are not driven; "
            "one-way streets (oneway=yes/-1) are honoured.</p>"
            "<p><b>Flooding.</b> The water depth on each road piece comes from a depth raster "
            "(largest depth along it) or from ROADS with a max_depth_m field (smartplan:affected). "
            "A piece is impassable above 0.6 m for emergency vehicles and 0.3 m for cars (Kramer, "
            "Terheiden &amp; Wieprecht 2016), or a custom depth. Optionally vehicles slow down with "
            "depth (Pregnolato et al. 2017: v(w) = 0.0009 w² − 0.5529 w + 86.9448 km/h, w in mm, 0 "
            "from 300 mm, applied as a factor to the road's speed).</p>"
            "<p><b>Time limit</b>: the response-time target (Hilfsfrist) of your Land's fire-service "
            "or rescue-service rules, e.g. 8–10 minutes for the fire brigade.</p>"
        )

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
                30.0,
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
                0.45,
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
                10.0,
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

    def _points(self, src, crs, context, feedback):
        feats, xy = [], []
        for f, g in self.features_in(src, crs, context, feedback):
            p = (
                g.asPoint()
                if g.type() == QgsWkbTypes.GeometryType.PointGeometry and not g.isMultipart()
                else g.pointOnSurface().asPoint()
            )
            feats.append(f)
            xy.append((p.x(), p.y()))
        return feats, np.asarray(xy, dtype=np.float64).reshape(-1, 2)

    def _roads(self, src, crs, parameters, context, feedback):
        names = src.fields().names()
        sfield = self.parameterAsString(parameters, "SPEED_FIELD", context)
        default = self.parameterAsDouble(parameters, "DEFAULT_SPEED", context)
        lines, speeds, dirs, depth, fids = [], [], [], [], []
        for f, g in self.features_in(src, crs, context, feedback):
            hw = str(f["highway"]) if "highway" in names and f["highway"] not in (None, "") else None
            not_road = hw is None and "highway" in names and "max_depth_m" not in names
            if hw in routing.NOT_DRIVABLE or not_road:  # OSM lines that are no (drivable) roads
                continue
            tags = aff.osm_tags(f["other_tags"]) if "other_tags" in names else {}
            speed = None
            if sfield and f[sfield] not in (None, ""):
                try:
                    speed = float(f[sfield])
                except (TypeError, ValueError):
                    speed = None
            if speed is None or speed <= 0:
                speed = routing.DEFAULT_SPEEDS_KMH.get(hw, default) if hw else default
            ow = f["oneway"] if "oneway" in names else tags.get("oneway")
            d = oneway_of(ow)
            if d == 0 and tags.get("junction") == "roundabout":
                d = 1
            dep = f["max_depth_m"] if "max_depth_m" in names else None
            for part in g.asMultiPolyline() if g.isMultipart() else [g.asPolyline()]:
                if len(part) < 2:
                    continue
                lines.append(np.array([[p.x(), p.y()] for p in part]))
                speeds.append(speed)
                dirs.append(d)
                depth.append(float(dep) if dep not in (None, "") and str(dep) != "NULL" else 0.0)
                fids.append(f.id())
        if not lines:
            self.fail(self.tr("The road layer has no drivable roads."))
        return lines, speeds, dirs, np.asarray(depth), fids

    def _edge_depth(self, net, parameters, context, crs, line_depth):
        layer = self.parameterAsRasterLayer(parameters, "WATER_DEPTH", context)
        depth = line_depth[net.feature].astype(np.float64)
        if layer is None:
            return depth
        try:
            arr, grid = read_depth(layer.source())
        except InputError as exc:
            raise self.input_error(exc) from exc
        a = net.nodes[net.u]
        b = net.nodes[net.v]
        if layer.crs() != crs:
            xf = QgsCoordinateTransform(crs, layer.crs(), context.transformContext())
            moved = [xf.transform(QgsPointXY(*p)) for p in net.nodes]
            tr = np.array([[q.x(), q.y()] for q in moved])
            a, b = tr[net.u], tr[net.v]
        step = min(grid.dx, grid.dy) / 2.0
        seg = np.hypot(*(b - a).T)
        k = np.maximum(1, np.ceil(seg / step).astype(np.int64)) + 1
        e = np.repeat(np.arange(seg.size), k)
        first = np.cumsum(k) - k
        t = (np.arange(e.size) - first[e]) / (k[e] - 1)
        x = a[e, 0] + t * (b[e, 0] - a[e, 0])
        y = a[e, 1] + t * (b[e, 1] - a[e, 1])
        vals = np.nan_to_num(aff.sample(arr, grid.geotransform, x, y), nan=0.0)
        return np.maximum(depth, np.maximum.reduceat(vals, first))

    # ------------------------------------------------------------------ run
    def _run(self, parameters, context, feedback):
        rsrc = self.parameterAsSource(parameters, "ROADS", context)
        ssrc = self.parameterAsSource(parameters, "STATIONS", context)
        if rsrc is None or ssrc is None:
            self.fail(self.tr("Roads and stations are needed."))
        crs = self._crs(rsrc, context)
        lines, speeds, dirs, line_depth, fids = self._roads(rsrc, crs, parameters, context, feedback)
        st_feats, st_xy = self._points(ssrc, crs, context, feedback)
        if len(st_xy) == 0:
            self.fail(self.tr("The station layer has no points."))
        dsrc = self.parameterAsSource(parameters, "DESTINATIONS", context)
        de_feats, de_xy = self._points(dsrc, crs, context, feedback) if dsrc else ([], np.zeros((0, 2)))
        feedback.setProgress(20)
        net = routing.build_network(lines, speeds, dirs)  # built once for all destinations
        net, tied, dist = routing.tie_points(net, np.vstack([st_xy, de_xy]))
        st_nodes, de_nodes = tied[: len(st_xy)], tied[len(st_xy) :]
        far = dist[: len(st_xy)] > 500
        if far.any():
            feedback.pushWarning(
                self.tr("{n} stations are more than 500 m from the nearest road.").format(n=int(far.sum()))
            )
        veh = self.parameterAsEnum(parameters, "VEHICLE", context)
        limit_depth = (
            VEHICLE_DEPTH[veh]
            if VEHICLE_DEPTH[veh] is not None
            else self.parameterAsDouble(parameters, "MAX_DEPTH_M", context)
        )
        depth = self._edge_depth(net, parameters, context, crs, line_depth)
        blocked = ~aff.at_most(depth, limit_depth)
        factor = np.where(blocked, 0.0, 1.0)
        if self.parameterAsBool(parameters, "SLOW_BY_DEPTH", context):
            factor = np.where(blocked, 0.0, np.maximum(routing.pregnolato_speed_factor(depth), 0.0))
            factor = np.where(~blocked & (factor == 0), 1e-6, factor)  # passable but crawling
        feedback.setProgress(40)
        self.check(feedback)
        g_dry, e_dry = routing.graph(net, net.seconds())
        g_fl, e_fl = routing.graph(net, net.seconds(factor))
        dry = routing.from_stations(g_dry, st_nodes)
        fl = routing.from_stations(g_fl, st_nodes)
        feedback.setProgress(60)
        limit_s = self.parameterAsDouble(parameters, "TIME_LIMIT_MIN", context) * 60.0
        results = {}
        summary = {"blocked_km": float(net.length[blocked].sum() / 1000), "destinations": len(de_feats)}
        results["BLOCKED_KM"] = summary["blocked_km"]

        def line_geom(edge_ids):
            if not edge_ids:
                return QgsGeometry()
            pts = [net.nodes[net.u[edge_ids[0]]]]
            for e in edge_ids:
                a, b = net.nodes[net.u[e]], net.nodes[net.v[e]]
                pts.append(b if np.allclose(a, pts[-1]) else a)
            xs, ys = zip(*pts)
            return QgsGeometry(QgsLineString(list(xs), list(ys)))

        if parameters.get("BLOCKED") is not None:
            f = self.fields_of(
                (
                    ("road_fid", QVariant.LongLong),
                    ("max_depth_m", QVariant.Double),
                    ("length_m", QVariant.Double),
                )
            )
            sink, dest = self.parameterAsSink(
                parameters, "BLOCKED", context, f, QgsWkbTypes.Type.LineString, crs
            )
            for e in np.flatnonzero(blocked):
                feat = QgsFeature(f)
                feat.setGeometry(edge_geometry(net, e))
                feat.setAttributes([int(fids[net.feature[e]]), float(depth[e]), float(net.length[e])])
                sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            results["BLOCKED"] = dest
            self.style_output(context, dest, "blocked_roads", self.tr("Blocked roads"))
            self._styled.append((dest, "blocked_roads"))

        lost = []
        st_name = [feature_label(x) for x in st_feats]
        rows = []  # (destination, station, dry min, flooded min) for the report
        for feat0, node in zip(de_feats, de_nodes):
            src_i = fl.source[node] if np.isfinite(fl.time[node]) else dry.source[node]
            rows.append(
                (
                    feature_label(feat0),
                    st_name[src_i] if src_i >= 0 else "",
                    dry.time[node] / 60.0,
                    fl.time[node] / 60.0,
                )
            )
        if len(de_feats) and parameters.get("ROUTES") is not None:
            f = self.fields_of(
                (
                    ("dest_fid", QVariant.LongLong),
                    ("station", QVariant.String),
                    ("dry_min", QVariant.Double),
                    ("flood_min", QVariant.Double),
                    ("detour_min", QVariant.Double),
                    ("dry_km", QVariant.Double),
                    ("flood_km", QVariant.Double),
                    ("reachable", QVariant.Bool),
                    ("in_time_dry", QVariant.Bool),
                    ("in_time_flood", QVariant.Bool),
                    ("geometry_of", QVariant.String),
                )
            )
            sink, dest = self.parameterAsSink(
                parameters, "ROUTES", context, f, QgsWkbTypes.Type.LineString, crs
            )
            for i, (feat0, node) in enumerate(zip(de_feats, de_nodes)):
                if i % 200 == 0:
                    self.check(feedback)
                pd = routing.path_edges(dry, e_dry, node) if np.isfinite(dry.time[node]) else []
                pf = routing.path_edges(fl, e_fl, node) if np.isfinite(fl.time[node]) else []
                t_d, t_f = dry.time[node] / 60.0, fl.time[node] / 60.0
                reach = bool(np.isfinite(t_f))
                out = QgsFeature(f)
                out.setGeometry(line_geom(pf if reach else pd))
                src_i = fl.source[node] if reach else dry.source[node]
                out.setAttributes(
                    [
                        int(feat0.id()),
                        st_name[src_i] if src_i >= 0 else None,
                        float(t_d) if np.isfinite(t_d) else None,
                        float(t_f) if reach else None,
                        float(t_f - t_d) if reach and np.isfinite(t_d) else None,
                        float(net.length[pd].sum() / 1000) if pd else (0.0 if np.isfinite(t_d) else None),
                        float(net.length[pf].sum() / 1000) if pf else (0.0 if reach else None),
                        reach,
                        bool(dry.time[node] <= limit_s),
                        bool(fl.time[node] <= limit_s),
                        "flooded" if reach else "dry",
                    ]
                )
                sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
                if dry.time[node] <= limit_s < fl.time[node]:
                    lost.append(i)
            results["ROUTES"] = dest
            self.style_output(context, dest, "emergency_routes", self.tr("Routes dry and flooded"))
            self._styled.append((dest, "emergency_routes"))
        else:
            lost = [i for i, n in enumerate(de_nodes) if dry.time[n] <= limit_s < fl.time[n]]
        feedback.setProgress(80)

        if parameters.get("SERVICE_AREA") is not None:
            f = self.fields_of(
                (
                    ("dry_min", QVariant.Double),
                    ("flood_min", QVariant.Double),
                    ("in_time_dry", QVariant.Bool),
                    ("in_time_flood", QVariant.Bool),
                    ("blocked", QVariant.Bool),
                )
            )
            sink, dest = self.parameterAsSink(
                parameters, "SERVICE_AREA", context, f, QgsWkbTypes.Type.LineString, crs
            )
            tu_d = np.minimum(dry.time[net.u], dry.time[net.v]) / 60.0
            tu_f = np.minimum(fl.time[net.u], fl.time[net.v]) / 60.0
            for e in np.flatnonzero(np.isfinite(tu_d) & (tu_d * 60 <= limit_s)):
                feat = QgsFeature(f)
                feat.setGeometry(edge_geometry(net, e))
                ok_f = bool(np.isfinite(tu_f[e]) and tu_f[e] * 60 <= limit_s and not blocked[e])
                feat.setAttributes(
                    [
                        float(tu_d[e]),
                        float(tu_f[e]) if np.isfinite(tu_f[e]) else None,
                        True,
                        ok_f,
                        bool(blocked[e]),
                    ]
                )
                sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            results["SERVICE_AREA"] = dest
            self.style_output(context, dest, "service_area", self.tr("Service area (roads)"))
            self._styled.append((dest, "service_area"))

        if parameters.get("SERVICE_HULL") is not None:
            self.service_hull(parameters, context, net, dry, fl, blocked, limit_s, crs, results)

        if parameters.get("UNREACHABLE") is not None and len(de_feats):
            f = self.fields_of(
                (
                    ("dest_fid", QVariant.LongLong),
                    ("dry_min", QVariant.Double),
                    ("flood_min", QVariant.Double),
                )
            )
            sink, dest = self.parameterAsSink(
                parameters, "UNREACHABLE", context, f, QgsWkbTypes.Type.Point, crs
            )
            for i in lost:
                n = de_nodes[i]
                feat = QgsFeature(f)
                feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*de_xy[i])))
                tf = fl.time[n] / 60.0
                feat.setAttributes(
                    [int(de_feats[i].id()), float(dry.time[n] / 60.0), float(tf) if np.isfinite(tf) else None]
                )
                sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            results["UNREACHABLE"] = dest
            self.style_output(context, dest, "unreachable", self.tr("Destinations losing coverage"))
            self._styled.append((dest, "unreachable"))
        results["LOST_COVERAGE"] = len(lost)
        summary["lost"] = len(lost)
        summary["cut_off"] = int(
            sum(1 for n in de_nodes if np.isfinite(dry.time[n]) and np.isinf(fl.time[n]))
        )
        # the report: real detours (longest first) and every destination cut off, by name
        detours = sorted(
            (
                (t_f - t_d, name, st, t_d, t_f)
                for name, st, t_d, t_f in rows
                if np.isfinite(t_f) and np.isfinite(t_d) and t_f - t_d > 1e-6
            ),
            key=lambda r: -r[0],
        )[:20]
        cut_off = sorted(
            ((name, st, t_d) for name, st, t_d, t_f in rows if np.isfinite(t_d) and not np.isfinite(t_f)),
            key=lambda r: r[2],
        )
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            with open(html_path, "w", encoding="utf-8") as fh:
                fh.write(self.summary_html(summary, detours, cut_off, limit_s / 60.0, limit_depth))
            results["OUTPUT_HTML"] = html_path
        feedback.setProgress(100)
        return results

    def service_hull(self, parameters, context, net, dry, fl, blocked, limit_s, crs, results, buf=25.0):
        """The area within ``buf`` metres of the roads reachable in time, dry and flooded."""
        f = self.fields_of(
            (
                ("network", QVariant.String),
                ("time_limit_min", QVariant.Double),
                ("road_km", QVariant.Double),
                ("area_km2", QVariant.Double),
            )
        )
        sink, dest = self.parameterAsSink(
            parameters, "SERVICE_HULL", context, f, QgsWkbTypes.Type.MultiPolygon, crs
        )
        for label, r, ok_edges in (("dry", dry, np.ones(net.u.size, bool)), ("flooded", fl, ~blocked)):
            reach = ok_edges & (np.maximum(r.time[net.u], r.time[net.v]) <= limit_s)
            idx = np.flatnonzero(reach)
            if not idx.size:
                continue
            lines = [edge_geometry(net, e) for e in idx]
            poly = QgsGeometry.unaryUnion(lines).buffer(buf, 4)
            poly.convertToMultiType()
            feat = QgsFeature(f)
            feat.setGeometry(poly)
            feat.setAttributes(
                [label, limit_s / 60.0, float(net.length[idx].sum() / 1000), poly.area() / 1e6]
            )
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        results["SERVICE_HULL"] = dest
        self.style_output(context, dest, "service_hull", self.tr("Service area (polygons, dry and flooded)"))
        self._styled.append((dest, "service_hull"))

    def summary_html(self, s, detours, cut_off, limit_min, limit_depth):
        """The report page (io.report: every cell escaped)."""
        figures = [
            (self.tr("Blocked roads [km]"), f"{s['blocked_km']:.2f}"),
            (self.tr("Impassable above [m]"), f"{limit_depth:g}"),
            (self.tr("Response-time target [min]"), f"{limit_min:g}"),
            (self.tr("Destinations"), s["destinations"]),
            (self.tr("Destinations losing coverage"), s["lost"]),
            (self.tr("Destinations cut off entirely"), s["cut_off"]),
        ]

        def table_or(head, rows, empty):
            return report.table(head, rows) if rows else f"<p>{html.escape(empty)}</p>"

        c_dest, c_st = self.tr("destination"), self.tr("station")
        det = table_or(
            [c_dest, c_st, self.tr("dry min"), self.tr("flooded min"), self.tr("detour min")],
            [(n, st, f"{td:.1f}", f"{tf:.1f}", f"{d:.1f}") for d, n, st, td, tf in detours],
            self.tr("No destination needs a detour."),
        )
        cut = table_or(
            [c_dest, self.tr("station (dry)"), self.tr("dry min")],
            [(n, st, f"{td:.1f}") for n, st, td in cut_off],
            self.tr("No destination is cut off."),
        )
        return report.page(
            self.tr("Emergency routes in heavy rain"),
            [
                (None, report.table([self.tr("figure"), self.tr("value")], figures)),
                (self.tr("Cut off when flooded (no route at all)"), cut),
                (self.tr("Longest detours"), det),
            ],
        )
