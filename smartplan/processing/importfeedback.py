"""smartplan:importfeedback — Bürgerbeteiligung importieren / Import citizen feedback, and the
translated messages of the feedback importer (shared with the dock panel)."""

import json

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..analysis.messages import FeedbackMessages
from ..core.feedback import FeedbackError
from ..i18n import number
from ..io import feedback_qgis, http
from ..io.crs_qgis import utm_hint
from ..io.feedback_sources import SOURCE_TYPES, Importer, format_labels
from .base import SmartPlanAlgorithm


class ImportFeedbackAlgorithm(SmartPlanAlgorithm):
    MERGED_OUTPUTS = ("OUTPUT",)  # merged into under a lock and written atomically by the importer
    _name = "importfeedback"
    _icon = "feedback"
    _group = "participation"

    def displayName(self):  # noqa: N802
        return self.tr("Import citizen feedback (Bürgerbeteiligung importieren)")

    def source_labels(self):
        return [
            label
            for _key, label in format_labels(
                lambda t: QCoreApplication.translate("SourceFormats", t), long=True
            )
        ]

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Imports contributions of a participation procedure into a GeoPackage with one schema: "
            "point, line and area layers, a table of contributions without location, comments, category "
            "colours and icons, and an import log. The same importer runs in the SmartPlan panel and the "
            "planning-table mode.</p>"
            "<p><b>Sources:</b> DIPAS PDS API (site address, e.g. https://beteiligung.hamburg, and "
            "PROJECT; with WITH_COMMENTS the comment threads), DIPAS Masterportal layer feed, DIPAS admin "
            "CSV export (JOIN_SOURCE: PDS address or file to get the locations on 'Node ID'), CoSI exports, "
            "OGC API – Features (follows next links), WFS 2.0 (paging), GeoJSON, GeoPackage, CSV. "
            'FIELD_MAPPING (JSON, e.g. {{"title": "Betreff", "x": "lon", "y": "lat"}}) maps '
            "other files' columns; without it the columns are guessed.</p>"
            "<p><b>Re-import</b> into the same GeoPackage merges on (server, project, contribution id): "
            "changed contributions are updated, new ones added, vanished ones marked 'withdrawn' — never "
            "duplicated, never silently dropped. An empty answer where contributions are expected "
            "(DIPAS maintenance mode) changes nothing. A failed or cancelled import leaves the previous "
            "file intact.</p>"
            "<p><b>Privacy:</b> author and e-mail fields of other sources are stored but never shown in "
            "the public view or public exports. Texts are stored raw and as cleaned plain text.</p>"
            "<p>Coordinates are recognised by their ranges (degrees, swapped lat/lon, UTM 32/33, "
            "Gauß-Krüger) and stored in EPSG:4326. UTM coordinates without a CRS that lie in Germany in "
            "both zones (x about 280–520 km) are taken in the zone of the QGIS project's CRS "
            '(EPSG:25832 or 25833), else in zone 32, and the log warns; "crs": "EPSG:25833" in '
            "FIELD_MAPPING sets it.</p>"
            "<p><b>Network.</b> Requests go through QGIS' network stack: its proxy settings (also "
            "the system proxy and exclusions), its SSL settings and certificate authorities. "
            "AUTH_CONFIG: a login saved in QGIS' authentication manager (Settings → Options → "
            "Authentication: basic login, API key header …); its password never appears in the "
            "project, the log or the store. Each request has {request_s} s in all (retries included), "
            "the whole import {import_s} s.</p>"
        ).format(request_s=number(http.REQUEST_DEADLINE), import_s=number(http.IMPORT_DEADLINE))

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterString("SOURCE", self.tr("Source (address or file)")))
        self.addParameter(
            QgsProcessingParameterEnum(
                "SOURCE_TYPE", self.tr("Source type"), self.source_labels(), defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterString("PROJECT", self.tr("Project id (DIPAS) or name"), optional=True)
        )
        self.addParameter(QgsProcessingParameterBoolean("WITH_COMMENTS", self.tr("With comments"), False))
        self.addParameter(
            QgsProcessingParameterString(
                "JOIN_SOURCE", self.tr("PDS address or file for the locations of a CSV export"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "FIELD_MAPPING", self.tr("Field mapping (JSON)"), optional=True, multiLine=True
            )
        )
        self.addParameter(
            QgsProcessingParameterAuthConfig(
                "AUTH_CONFIG", self.tr("Saved login (QGIS authentication)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT", self.tr("Participation GeoPackage"), self.tr("GeoPackage (*.gpkg)")
            )
        )
        for key, label in (
            ("ADDED", self.tr("Added")),
            ("UPDATED", self.tr("Updated")),
            ("WITHDRAWN", self.tr("Withdrawn")),
            ("TOTAL", self.tr("Active contributions")),
            ("UNLOCATED", self.tr("Without location")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def _run(self, parameters, context, feedback):
        source = self.parameterAsString(parameters, "SOURCE", context).strip()
        if not source:
            self.fail(self.tr("No source was given."))
        stype = SOURCE_TYPES[self.parameterAsEnum(parameters, "SOURCE_TYPE", context)]
        project = self.parameterAsString(parameters, "PROJECT", context).strip() or None
        mapping_text = self.parameterAsString(parameters, "FIELD_MAPPING", context).strip()
        mapping = None
        msgs = FeedbackMessages()
        if mapping_text:
            try:
                mapping = json.loads(mapping_text)
            except ValueError as exc:
                self.fail(msgs.message(FeedbackError("bad_mapping", error=str(exc))))
            if not isinstance(mapping, dict):
                self.fail(msgs.message(FeedbackError("bad_mapping", error="not an object")))
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        imp = Importer(
            http=feedback_qgis.qgis_http(self.parameterAsString(parameters, "AUTH_CONFIG", context)),
            cancelled=feedback.isCanceled,
            progress=lambda f, t=None: feedback.setProgress(100.0 * f),
            icon_cache=feedback_qgis.icon_cache_dir(),
            log=feedback.pushInfo,
            style_fn=lambda st: feedback_qgis.style_qmls(st, self.tr("other / none")),
            crs_hint=utm_hint(context.project()),
        )
        try:
            res = imp.import_into(
                output,
                source,
                stype,
                project,
                self.parameterAsBoolean(parameters, "WITH_COMMENTS", context),
                mapping,
                self.parameterAsString(parameters, "JOIN_SOURCE", context).strip() or None,
            )
        except FeedbackError as exc:
            self._new_files = []  # the importer never leaves a partial file; keep the old one
            self.fail(msgs.message(exc))
        feedback.pushInfo(msgs.summary(res))
        c = res["counts"]
        for text in msgs.warnings(res):
            feedback.pushWarning(text)
        for name, label in {
            "contributions_point": self.tr("Contributions (points)"),
            "contributions_line": self.tr("Contributions (lines)"),
            "contributions_area": self.tr("Contributions (areas)"),
        }.items():
            uri = f"{output}|layername={name}"
            context.addLayerToLoadOnCompletion(
                uri, QgsProcessingContext.LayerDetails(label, context.project(), "OUTPUT")
            )
        return {
            "OUTPUT": output,
            "ADDED": c["added"],
            "UPDATED": c["updated"] + c["restored"],
            "WITHDRAWN": c["withdrawn"],
            "TOTAL": res["total"],
            "UNLOCATED": res["unlocated"],
        }
