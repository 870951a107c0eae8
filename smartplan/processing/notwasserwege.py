"""smartplan:notwasserwege — Notwasserwege / Emergency flow routes."""

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsSpatialIndex,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .base import SmartPlanAlgorithm, feature_label


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
                5.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "SENSITIVE_DISTANCE_M",
                self.tr("Conflict with a sensitive site within [m]"),
                QgsProcessingParameterNumber.Type.Double,
                5.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "MIN_LENGTH_M",
                self.tr("Shortest route part kept [m]"),
                QgsProcessingParameterNumber.Type.Double,
                5.0,
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
    def _read(self, source, crs, context, feedback):
        """[(feature, geometry in crs)] of a source (None -> [])."""
        return [
            (f, g if g.isGeosValid() else g.makeValid())
            for f, g in self.features_in(source, crs, context, feedback)
        ]

    @staticmethod
    def _index(items):
        idx = QgsSpatialIndex()
        for i, (_f, g) in enumerate(items):
            idx.addFeature(i, g.boundingBox())
        return idx

    def _run(self, parameters, context, feedback):
        flow_src = self.parameterAsSource(parameters, "FLOWPATHS", context)
        if flow_src is None:
            self.fail(self.tr("No flow paths were given."))
        names = flow_src.fields().names()
        for need in ("seg_id", "downstream_seg", "upstream_ha"):
            if need not in names:
                self.fail(
                    self.tr(
                        "The flow path layer lacks the field '{f}': use the FLOWPATHS output "
                        "of smartplan:flowpaths."
                    ).format(f=need)
                )
        crs = flow_src.sourceCrs()
        flows = self._read(flow_src, crs, context, feedback)

        def read(name):
            return self._read(self.parameterAsSource(parameters, name, context), crs, context, feedback)

        roads, opens, targets = read("ROADS"), read("OPEN_SPACE"), read("TARGETS")
        tname = self.parameterAsString(parameters, "TARGET_NAME_FIELD", context)
        if not targets:
            targets, tname = opens, ""
        if not targets:
            self.fail(
                self.tr(
                    "Give target areas (green spaces, retention areas) or open space: "
                    "emergency flow routes must end in a safe target."
                )
            )
        buildings, unders, sens = read("BUILDINGS"), read("UNDERPASSES"), read("SENSITIVE")
        buf = self.parameterAsDouble(parameters, "ROAD_BUFFER_M", context)
        sdist = self.parameterAsDouble(parameters, "SENSITIVE_DISTANCE_M", context)
        min_len = self.parameterAsDouble(parameters, "MIN_LENGTH_M", context)
        feedback.setProgress(10)

        guide_parts = [g.buffer(buf, 4) for _f, g in roads] + [g for _f, g in opens]
        guide = QgsGeometry.unaryUnion(guide_parts) if guide_parts else QgsGeometry()
        t_index = self._index(targets)
        # every segment leads the water on (a path that enters a filled sink lying in a green space
        # has reached it); only segments outside filled sinks can be route parts or conflicts
        chain, segs = {}, {}
        for f, g in flows:
            chain[int(f["seg_id"])] = (f, g)
            if not ("in_sink" in names and f["in_sink"] in (True, 1, "true")):
                segs[int(f["seg_id"])] = (f, g)
        down = {}
        for sid, (f, _g) in chain.items():
            d = f["downstream_seg"]
            down[sid] = int(d) if d is not None and str(d) != "NULL" else None
        feedback.setProgress(25)

        def target_of(geom):
            for i in t_index.intersects(geom.boundingBox()):
                if geom.intersects(targets[i][1]):
                    f = targets[i][0]
                    return str(f[tname]) if tname and f[tname] not in (None, "") else f"#{f.id()}"
            return None

        # conflicts per segment
        cfields = self.fields_of(
            (
                ("type", QVariant.String),
                ("seg_id", QVariant.Int),
                ("upstream_ha", QVariant.Double),
                ("object", QVariant.String),
            )
        )
        csink, conf_id = self.parameterAsSink(
            parameters, "CONFLICTS", context, cfields, QgsWkbTypes.Type.Point, crs
        )
        conflicts = {}
        n_conf = 0
        for kind, items, near in (
            ("building", buildings, 0.0),
            ("underpass", unders, 0.0),
            ("sensitive site", sens, sdist),
        ):
            if not items:
                continue
            idx = self._index(items)
            for sid, (f, g) in segs.items():
                self.check(feedback)
                for i in idx.intersects(g.boundingBox().buffered(near)):
                    og = items[i][1]
                    if near > 0:
                        hit = g.distance(og) <= near
                    else:
                        hit = g.intersects(og)
                    if not hit:
                        continue
                    inter = g.intersection(og) if near == 0 else g.nearestPoint(og)
                    pt = inter.pointOnSurface() if not inter.isEmpty() else g.nearestPoint(og)
                    of = items[i][0]
                    label = feature_label(of)
                    feat = QgsFeature(cfields)
                    feat.setGeometry(pt)
                    feat.setAttributes([kind, sid, float(f["upstream_ha"]), label])
                    csink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
                    conflicts.setdefault(sid, set()).add(kind)
                    n_conf += 1
        feedback.setProgress(55)

        # downstream: the first target reached, and conflicts on the way there
        reach = {}

        def downstream_target(sid):
            """(first target reached downstream, conflicts on the way there incl. the target's
            own segment); memoised along the path."""
            path = []
            s = sid
            while s is not None and s in chain and s not in reach:
                t = target_of(chain[s][1])
                if t is not None:
                    reach[s] = (t, set(conflicts.get(s, set())))
                    break
                path.append(s)
                s = down.get(s)
            tgt, conf = reach.get(s, (None, set())) if s is not None else (None, set())
            for s2 in reversed(path):
                conf = conf | conflicts.get(s2, set())
                reach[s2] = (tgt, conf)
            return reach.get(sid, (tgt, conf))

        rfields = self.fields_of(
            (
                ("route_id", QVariant.Int),
                ("seg_id", QVariant.Int),
                ("status", QVariant.String),
                ("target", QVariant.String),
                ("upstream_ha", QVariant.Double),
                ("length_m", QVariant.Double),
                ("along", QVariant.String),
                ("conflict", QVariant.String),
                ("note", QVariant.String),
            )
        )
        rsink, route_id = self.parameterAsSink(
            parameters, "ROUTES", context, rfields, QgsWkbTypes.Type.MultiLineString, crs
        )
        n_routes = 0
        for sid, (f, g) in sorted(segs.items()):
            self.check(feedback)
            if guide.isEmpty() or not g.intersects(guide):
                continue
            tgt, conf = downstream_target(sid)
            if tgt is None:
                continue
            part = g.intersection(guide)
            if part.isEmpty() or part.length() < min_len:
                continue
            along = []
            if roads and any(
                part.intersects(r.buffer(buf, 4))
                for _rf, r in roads
                if r.boundingBox().buffered(buf).intersects(part.boundingBox())
            ):
                along.append("road")
            if opens and any(part.intersects(o) for _of, o in opens):
                along.append("open space")
            part.convertToMultiType()
            n_routes += 1
            feat = QgsFeature(rfields)
            feat.setGeometry(part)
            feat.setAttributes(
                [
                    n_routes,
                    sid,
                    "candidate",
                    tgt,
                    float(f["upstream_ha"]),
                    part.length(),
                    ", ".join(along),
                    ", ".join(sorted(conf)) if conf else None,
                    None,
                ]
            )
            rsink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        self.style_output(context, route_id, "notwasserwege", self.tr("Emergency flow routes"))
        self.style_output(context, conf_id, "conflicts", self.tr("Conflicts"))
        self._styled = [(route_id, "notwasserwege"), (conf_id, "conflicts")]
        feedback.setProgress(100)
        return {"ROUTES": route_id, "CONFLICTS": conf_id, "ROUTE_COUNT": n_routes, "CONFLICT_COUNT": n_conf}
