"""smartplan:feedbacklink — Bürgerhinweise je Objekt / Citizen feedback per analysis object
(sinks, flow paths, flooded areas, green-roof candidates; the analysis: ``analysis.feedbacklink``)."""

from qgis.core import (
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
    QgsWkbTypes,
)

from ..analysis import feedbacklink as FL
from ..i18n import number
from ..io.crs_qgis import metric_crs
from ..io.features_qgis import attributes_of, plain, shapely_of
from .base import QVARIANT_OF, SmartPlanAlgorithm


class FeedbackLinkAlgorithm(SmartPlanAlgorithm):
    _name = "feedbacklink"
    _icon = "feedback"
    _group = "participation"

    def displayName(self):  # noqa: N802
        return self.tr("Citizen feedback per analysis object (Bürgerhinweise je Objekt)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Links citizen feedback to the analyses: for every object of TARGETS (sinks, flow paths, "
            "flooded areas, green-roof candidates …) the contributions within DISTANCE_M "
            "(default {distance} m) "
            "are counted and listed, e.g. 'Bürgerhinweise je Senke'. Distances are measured in metres "
            "(in the targets' CRS when it is projected, else in the UTM zone of the data).</p>"
            "<p>Outputs: OUTPUT — the targets with <i>feedback_count</i>, <i>feedback_ids</i>, "
            "<i>top_category</i>, <i>votes</i>; OUTPUT_FEEDBACK — the contributions with the nearest "
            "target within the distance (<i>target_id</i>, <i>distance_m</i>).</p>"
        ).format(distance=number(FL.DEFAULT_DISTANCE_M))

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
                FL.DEFAULT_DISTANCE_M,
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
        objects = [
            FL.LinkObject(plain(f[id_field]) if id_field else f.id(), attributes_of(f), shapely_of(g))
            for f, g in self.features_in(tsrc, crs, context, feedback)
        ]
        if not objects:
            self.fail(self.tr("The analysis layer has no objects."))
        contributions = [
            FL.Contribution(f.id(), attributes_of(f), shapely_of(g))
            for f, g in self.features_in(fsrc, crs, context, feedback)
        ]
        links = FL.link_feedback(
            objects,
            contributions,
            dist,
            tsrc.fields().names(),
            fsrc.fields().names(),
            check=lambda: self.check(feedback),
            progress=feedback.setProgress,
        )
        fields = QgsFields(tsrc.fields())
        for name, typ in FL.added_object_fields(tsrc.fields().names()):
            fields.append(QgsField(name, QVARIANT_OF[typ]))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, tsrc.wkbType(), crs)
        for wkb, attrs in links.objects:
            self.add_wkb_feature(sink, fields, wkb, attrs)
        geom = {
            QgsWkbTypes.GeometryType.PointGeometry: "point",
            QgsWkbTypes.GeometryType.LineGeometry: "line",
        }.get(QgsWkbTypes.geometryType(tsrc.wkbType()), "polygon")
        self.style_output(context, dest, f"feedback_objects_{geom}", self.tr("Objects with citizen feedback"))
        self._styled.append((dest, f"feedback_objects_{geom}"))
        results = {"OUTPUT": dest, "LINKED": links.linked}
        # the contributions as they may be shared: without the personal fields (author, e-mail)
        ffields = QgsFields()
        for name in FL.shared_fields(fsrc.fields().names()):
            ffields.append(fsrc.fields().field(name))
        for name, typ in FL.NEAREST_FIELDS:
            ffields.append(QgsField(name, QVARIANT_OF[typ]))
        fsink, fdest = self.parameterAsSink(
            parameters, "OUTPUT_FEEDBACK", context, ffields, QgsWkbTypes.multiType(fsrc.wkbType()), crs
        )
        if fsink is not None:
            for wkb, attrs in links.contributions:
                out = QgsFeature(ffields)
                g = QgsGeometry()
                g.fromWkb(wkb)
                g.convertToMultiType()
                out.setGeometry(g)
                out.setAttributes(attrs)
                fsink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            results["OUTPUT_FEEDBACK"] = fdest
        return results
