"""smartplan:feedbacklink — Bürgerhinweise je Objekt / Citizen feedback per analysis object
(sinks, flow paths, flooded areas, green-roof candidates)."""

from collections import Counter

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
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

from ..core.feedback import PERSONAL
from ..io.crs_qgis import metric_crs
from .base import SmartPlanAlgorithm


class FeedbackLinkAlgorithm(SmartPlanAlgorithm):
    _name = "feedbacklink"
    _icon = "feedback"
    _group = "participation"

    def displayName(self):  # noqa: N802
        return self.tr("Citizen feedback per analysis object (Bürgerhinweise je Objekt)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Links citizen feedback to the analyses: for every object of TARGETS (sinks, flow paths, "
            "flooded areas, green-roof candidates …) the contributions within DISTANCE_M (default 25 m) "
            "are counted and listed, e.g. 'Bürgerhinweise je Senke'. Distances are measured in metres "
            "(in the targets' CRS when it is projected, else in the UTM zone of the data).</p>"
            "<p>Outputs: OUTPUT — the targets with <i>feedback_count</i>, <i>feedback_ids</i>, "
            "<i>top_category</i>, <i>votes</i>; OUTPUT_FEEDBACK — the contributions with the nearest "
            "target within the distance (<i>target_id</i>, <i>distance_m</i>).</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "FEEDBACK",
                self.tr("Citizen feedback (contributions)"),
                [QgsProcessing.SourceType.TypeVectorAnyGeometry],
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "TARGETS",
                self.tr("Analysis objects (sinks, flow paths, flooded areas, roofs)"),
                [QgsProcessing.SourceType.TypeVectorAnyGeometry],
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "TARGET_ID_FIELD",
                self.tr("Id field of the objects (else the feature id)"),
                parentLayerParameterName="TARGETS",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "DISTANCE_M",
                self.tr("Distance [m]"),
                QgsProcessingParameterNumber.Type.Double,
                25.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Objects with citizen feedback"))
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT_FEEDBACK", self.tr("Feedback with the nearest object"), optional=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber("LINKED", self.tr("Contributions near an object")))

    def _run(self, parameters, context, feedback):
        fsrc = self.parameterAsSource(parameters, "FEEDBACK", context)
        tsrc = self.parameterAsSource(parameters, "TARGETS", context)
        if fsrc is None or tsrc is None:
            self.fail(self.tr("Feedback and analysis objects are needed."))
        dist = self.parameterAsDouble(parameters, "DISTANCE_M", context)
        id_field = self.parameterAsString(parameters, "TARGET_ID_FIELD", context)
        if id_field and tsrc.fields().indexOf(id_field) < 0:
            names = ", ".join(tsrc.fields().names()) or "–"
            self.fail(
                self.tr("The analysis layer has no field '{f}'. Its fields: {all}.").format(
                    f=id_field, all=names
                )
            )
        crs = metric_crs(tsrc.sourceCrs(), tsrc.sourceExtent(), context.transformContext())
        targets, index = {}, QgsSpatialIndex()
        for f, g in self.features_in(tsrc, crs, context, feedback):
            nf = QgsFeature(f.id())
            nf.setGeometry(g)
            index.addFeature(nf)
            targets[f.id()] = (f, g, f[id_field] if id_field else f.id())
        if not targets:
            self.fail(self.tr("The analysis layer has no objects."))
        links = {fid: [] for fid in targets}
        fb_rows = []
        n = max(1, fsrc.featureCount())
        for k, (f, g) in enumerate(self.features_in(fsrc, crs, context, feedback)):
            status = f["status"] if "status" in f.fields().names() else None
            if status == "withdrawn":
                continue
            box = g.boundingBox().buffered(dist)
            best = None
            for tid in index.intersects(box):
                d = g.distance(targets[tid][1])
                if d <= dist:
                    links[tid].append(f)
                    if best is None or d < best[1]:
                        best = (tid, d)
            fb_rows.append((f, best))
            feedback.setProgress(90.0 * k / n)
        fields = QgsFields(tsrc.fields())
        for name, typ in (
            ("feedback_count", QVariant.Int),
            ("feedback_ids", QVariant.String),
            ("top_category", QVariant.String),
            ("votes", QVariant.Int),
        ):
            if fields.indexOf(name) < 0:
                fields.append(QgsField(name, typ))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, tsrc.wkbType(), crs)
        for tid, (f, g, _) in targets.items():
            fs = links[tid]
            cats = Counter((x["category"] if "category" in x.fields().names() else None) or "—" for x in fs)
            ids = [
                str(x["contribution_id"] if "contribution_id" in x.fields().names() else x.id()) for x in fs
            ]
            votes = sum(
                int(x["rating"] or 0)
                for x in fs
                if "rating" in x.fields().names() and str(x["rating"]) != "NULL"
            )
            out = QgsFeature(fields)
            out.setGeometry(g)
            attrs = list(f.attributes()) + [None] * (fields.count() - len(f.attributes()))
            out.setAttributes(attrs)
            out["feedback_count"] = len(fs)
            out["feedback_ids"] = ", ".join(ids[:200]) or None
            out["top_category"] = cats.most_common(1)[0][0] if fs else None
            out["votes"] = votes
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        geom = {
            QgsWkbTypes.GeometryType.PointGeometry: "point",
            QgsWkbTypes.GeometryType.LineGeometry: "line",
        }.get(QgsWkbTypes.geometryType(tsrc.wkbType()), "polygon")
        self.style_output(context, dest, f"feedback_objects_{geom}", self.tr("Objects with citizen feedback"))
        self._styled.append((dest, f"feedback_objects_{geom}"))
        results = {"OUTPUT": dest, "LINKED": sum(1 for _, b in fb_rows if b is not None)}
        # the contributions as they may be shared: without the personal fields (author, e-mail)
        keep = [i for i, fd in enumerate(fsrc.fields()) if fd.name().lower() not in PERSONAL]
        ffields = QgsFields()
        for i in keep:
            ffields.append(fsrc.fields().at(i))
        ffields.append(QgsField("target_id", QVariant.String))
        ffields.append(QgsField("distance_m", QVariant.Double))
        fsink, fdest = self.parameterAsSink(
            parameters, "OUTPUT_FEEDBACK", context, ffields, QgsWkbTypes.multiType(fsrc.wkbType()), crs
        )
        if fsink is not None:
            for f, best in fb_rows:
                out = QgsFeature(ffields)
                g = QgsGeometry(f.geometry())
                g.transform(QgsCoordinateTransform(fsrc.sourceCrs(), crs, context.transformContext()))
                g.convertToMultiType()
                out.setGeometry(g)
                attrs = f.attributes()
                out.setAttributes(
                    [attrs[i] for i in keep]
                    + [
                        None if best is None else str(targets[best[0]][2]),
                        None if best is None else round(best[1], 2),
                    ]
                )
                fsink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            results["OUTPUT_FEEDBACK"] = fdest
        return results
