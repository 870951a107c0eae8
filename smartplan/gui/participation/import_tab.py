"""The import tab: source, project, login, field mapping, background import."""

import json
import os

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProject,
    QgsSettings,
)
from qgis.gui import QgsAuthConfigSelect
from qgis.PyQt.QtCore import (
    QCoreApplication,
    Qt,
)
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import paths
from ...core import feedback as fb
from ...core.feedback import FeedbackError
from ...i18n import Translatable
from ...io import feedback_qgis
from ...io.crs_qgis import utm_hint
from ...io.feedback_sources import Importer, detect_source_type, format_labels
from ...io.http import without_secrets
from ..tasks import BackgroundTask
from .common import SETTINGS, plain_label


class FieldMappingDialog(Translatable, QDialog):
    """Map the columns of a generic file to the canonical fields; remembered per header set."""

    LABELS = None

    def __init__(self, headers, mapping, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Field mapping"))
        lay = QFormLayout(self)
        self.combos = {}
        labels = {
            "contribution_id": self.tr("Contribution id"),
            "title": self.tr("Title"),
            "text": self.tr("Text"),
            "category": self.tr("Category"),
            "rubric": self.tr("Rubric / type"),
            "created": self.tr("Date"),
            "votes_pro": self.tr("Votes for"),
            "votes_contra": self.tr("Votes against"),
            "comments_count": self.tr("Number of comments"),
            "keywords": self.tr("Keywords"),
            "link": self.tr("Link"),
            "author": self.tr("Author (personal data)"),
            "email": self.tr("E-mail (personal data)"),
            "x": self.tr("x / longitude"),
            "y": self.tr("y / latitude"),
        }
        for key, label in labels.items():
            cb = QComboBox(self)
            cb.addItem("—", "")
            for h in headers:
                cb.addItem(h, h)
            cb.setCurrentIndex(max(0, cb.findData(mapping.get(key, ""))))
            cb.setObjectName("map_" + key)
            lay.addRow(label, cb)
            self.combos[key] = cb
        bb = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        lay.addRow(bb)

    def mapping(self):
        return {k: cb.currentData() for k, cb in self.combos.items() if cb.currentData()}


class ImportTab:
    """Mixin of :class:`smartplan.gui.feedback_panel.FeedbackPanel`."""

    # ------------------------------------------------------------------ import tab
    def _import_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        form = QFormLayout()
        self.source_type = QComboBox(w)
        self.source_type.setObjectName("SourceType")
        for key, label in format_labels(lambda t: QCoreApplication.translate("SourceFormats", t)):
            self.source_type.addItem(label, key)
        form.addRow(self.tr("Source type"), self.source_type)
        row = QHBoxLayout()
        self.source = QLineEdit(w)
        self.source.setObjectName("Source")
        self.source.setPlaceholderText(self.tr("https://beteiligung.… or a file"))
        self.source.setText(QgsSettings().value(SETTINGS + "last_source", "", type=str))
        pick = QPushButton("…", w)
        pick.setToolTip(self.tr("Choose a file"))
        pick.clicked.connect(self.choose_source_file)
        row.addWidget(self.source, 1)
        row.addWidget(pick)
        form.addRow(self.tr("Address or file"), row)
        # a login saved in QGIS' authentication manager: the password stays in its encrypted store
        self.auth = QgsAuthConfigSelect(w)
        self.auth.setObjectName("AuthConfig")
        self.auth.setConfigId(QgsSettings().value(SETTINGS + "auth_config", "", type=str))
        form.addRow(self.tr("Saved login"), self.auth)
        self.projects_btn = QPushButton(self.tr("Load projects"), w)
        self.projects_btn.setObjectName("LoadProjects")
        self.projects_btn.clicked.connect(self.load_projects)
        form.addRow("", self.projects_btn)
        self.projects = QListWidget(w)
        self.projects.setObjectName("Projects")
        self.projects.setMaximumHeight(110)
        form.addRow(self.tr("Project"), self.projects)
        self.with_comments = QCheckBox(self.tr("with comments"), w)
        form.addRow("", self.with_comments)
        self.join_source = QLineEdit(w)
        self.join_source.setPlaceholderText(
            self.tr("for a CSV export: PDS address or file with the locations")
        )
        form.addRow(self.tr("Locations from"), self.join_source)
        out_row = QHBoxLayout()
        self.output = QLineEdit(w)
        self.output.setObjectName("Output")
        self.output.setPlaceholderText(self.tr("participation GeoPackage (.gpkg)"))
        out_pick = QPushButton("…", w)
        out_pick.clicked.connect(self.choose_output)
        out_row.addWidget(self.output, 1)
        out_row.addWidget(out_pick)
        form.addRow(self.tr("GeoPackage"), out_row)
        lay.addLayout(form)
        btns = QHBoxLayout()
        self.mapping_btn = QPushButton(self.tr("Field mapping…"), w)
        self.mapping_btn.setObjectName("FieldMapping")
        self.mapping_btn.clicked.connect(self.edit_mapping)
        self.import_btn = QPushButton(QIcon(paths.icon_path("feedback")), self.tr("Import"), w)
        self.import_btn.setObjectName("Import")
        self.import_btn.setMinimumHeight(34)
        self.import_btn.clicked.connect(self.start_import)
        self.open_btn = QPushButton(self.tr("Open GeoPackage…"), w)
        self.open_btn.clicked.connect(self.choose_store)
        btns.addWidget(self.mapping_btn)
        btns.addWidget(self.open_btn)
        btns.addWidget(self.import_btn, 1)
        lay.addLayout(btns)
        prow = QHBoxLayout()
        self.progress = QProgressBar(w)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.cancel_btn = QPushButton(self.tr("Cancel"), w)
        self.cancel_btn.setEnabled(False)
        self.cancel_btn.clicked.connect(self.cancel_task)
        prow.addWidget(self.progress, 1)
        prow.addWidget(self.cancel_btn)
        lay.addLayout(prow)
        self.import_info = plain_label(
            self.tr(
                "Import a participation procedure (DIPAS or another source) "
                "or open an existing participation GeoPackage."
            ),
            w,
        )
        lay.addWidget(self.import_info)
        lay.addStretch(1)
        return w

    def choose_source_file(self):
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Feedback file"),
            self.start_dir(),
            self.tr("Feedback files (*.geojson *.json *.csv *.gpkg *.txt)"),
        )
        if path:
            self.source.setText(path)

    def choose_output(self):
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Participation GeoPackage"),
            self.output.text() or self.start_dir("beteiligung.gpkg"),
            "GeoPackage (*.gpkg)",
        )
        if path:
            self.output.setText(path if path.lower().endswith(".gpkg") else path + ".gpkg")

    def choose_store(self):
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Participation GeoPackage"), self.start_dir(), "GeoPackage (*.gpkg)"
        )
        if path:
            self.open_store(path)

    def default_output(self, project_id):
        home = QgsProject.instance().homePath() or os.path.join(os.path.expanduser("~"), "SmartPlan")
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in str(project_id or "beteiligung"))[:60]
        return os.path.join(home, f"beteiligung_{safe}.gpkg")

    def _source_type(self):
        return self.source_type.currentData() or "auto"

    def edit_mapping(self):
        src = self.source.text().strip()
        try:
            st = detect_source_type(src) if self._source_type() == "auto" else self._source_type()
            imp = Importer(http=feedback_qgis.qgis_http(self.auth_config()))
            if st == "csv":
                data = open(src, "rb").read() if not src.lower().startswith("http") else imp.http.get(src)[0]
                _, headers = fb.read_csv_text(data)
            elif st in ("geojson", "gpkg", "ogcapi", "wfs"):
                headers = imp.run_source(src, st)["headers"]
            else:
                self.notify(self.tr("DIPAS sources need no field mapping."))
                return None
        except (FeedbackError, OSError) as exc:
            self.notify(
                self.msgs.message(exc) if isinstance(exc, FeedbackError) else str(exc),
                Qgis.MessageLevel.Warning,
            )
            return None
        key = SETTINGS + "mappings/" + fb.mapping_signature(headers)
        saved = QgsSettings().value(key, "", type=str)
        current = json.loads(saved) if saved else fb.guess_mapping(headers)
        dlg = FieldMappingDialog(headers, current, self)
        if dlg.exec():
            self.mapping = dlg.mapping()
            QgsSettings().setValue(key, json.dumps(self.mapping))
        return self.mapping

    def remembered_mapping(self, headers):
        saved = QgsSettings().value(SETTINGS + "mappings/" + fb.mapping_signature(headers), "", type=str)
        return json.loads(saved) if saved else None

    def load_projects(self):
        url = self.source.text().strip()
        if not url.lower().startswith("http"):
            self.notify(self.tr("Enter the address of a DIPAS site first."), Qgis.MessageLevel.Warning)
            return

        auth = self.auth_config()  # read in the GUI thread; the task runs in another

        def work(task):
            return Importer(http=feedback_qgis.qgis_http(auth), cancelled=task.isCanceled).dipas_projects(url)

        self._start_task(self.tr("Loading DIPAS projects"), work, self._projects_loaded)

    def _projects_loaded(self, projects):
        self.projects.clear()
        for p in projects:
            text = self.tr("{name} — {phase}, {start} to {end}, {n} contributions").format(
                name=p["name"],
                phase=p.get("phase") or "–",
                start=p.get("start") or "?",
                end=p.get("end") or "?",
                n="?" if p.get("count") is None else p["count"],
            )
            it = QListWidgetItem(text)
            it.setData(Qt.ItemDataRole.UserRole, p["id"])
            self.projects.addItem(it)
        if projects:
            self.projects.setCurrentRow(0)
        self.notify(self.tr("{n} projects found.").format(n=len(projects)))

    def auth_config(self):
        """The id of the QGIS login chosen for the source ('' for none), remembered (an id only)."""
        cid = self.auth.configId() if getattr(self, "auth", None) is not None else ""
        QgsSettings().setValue(SETTINGS + "auth_config", cid)
        return cid

    def start_import(self):
        src = self.source.text().strip()
        if not src:
            self.notify(self.tr("Enter an address or choose a file first."), Qgis.MessageLevel.Warning)
            return
        item = self.projects.currentItem()
        project = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        out = self.output.text().strip() or self.default_output(
            project or os.path.splitext(os.path.basename(src.rstrip("/")))[0]
        )
        self.output.setText(out)
        # remembered without passwords or tokens: QGIS3.ini is plain text
        QgsSettings().setValue(SETTINGS + "last_source", without_secrets(src))
        stype, comments = self._source_type(), self.with_comments.isChecked()
        join = self.join_source.text().strip() or None
        mapping = self.mapping
        cache = feedback_qgis.icon_cache_dir()
        http = feedback_qgis.qgis_http(self.auth_config())
        remembered = self.remembered_mapping
        other = self.tr("other / none")
        hint = utm_hint(QgsProject.instance())

        def style_fn(styles):  # default styles stored in the GeoPackage (memory layers only, no I/O)
            return feedback_qgis.style_qmls(styles, other)

        def work(task):
            imp = Importer(
                http=http,
                cancelled=task.isCanceled,
                progress=lambda f, t=None: task.setProgress(100 * f),
                icon_cache=cache,
                crs_hint=hint,
            )
            m = mapping
            if (
                m is None
                and stype in ("csv", "auto")
                and src.lower().endswith(".csv")
                and os.path.exists(src)
            ):
                with open(src, "rb") as fh:
                    _, headers = fb.read_csv_text(fh.read())
                m = remembered(headers)
            return imp.import_into(out, src, stype, project, comments, m, join)

        self._start_task(self.tr("Importing citizen feedback"), work, self._imported)

    def _imported(self, res):
        text = self.msgs.summary(res)
        warnings = self.msgs.warnings(res)
        self.import_info.setText("\n".join([text] + warnings))
        self.notify(text, Qgis.MessageLevel.Success)
        for w in warnings:
            self.notify(w, Qgis.MessageLevel.Warning)
        self.open_store(res["output"], res.get("project_name"))

    def _start_task(self, description, fn, on_success):
        if self.task is not None:
            self.notify(self.tr("Another import is still running."), Qgis.MessageLevel.Warning)
            return
        task = BackgroundTask(description, fn, pass_task=True)
        self.task = task
        self.progress.setValue(0)
        self.cancel_btn.setEnabled(True)
        self.import_btn.setEnabled(False)
        task.progressChanged.connect(lambda p: self.progress.setValue(int(p)))

        def done(ok, task=task):
            self.task = None
            self.cancel_btn.setEnabled(False)
            self.import_btn.setEnabled(True)
            self.progress.setValue(100 if ok else 0)
            if ok:
                on_success(task.result)
            else:
                err = task.error
                if err is None:
                    err = FeedbackError("cancelled")
                msg = self.msgs.message(err) if isinstance(err, FeedbackError) else str(err)
                self.notify(
                    msg,
                    Qgis.MessageLevel.Warning
                    if getattr(err, "code", "") == "cancelled"
                    else Qgis.MessageLevel.Critical,
                )

        task.taskCompleted.connect(lambda: done(True))
        task.taskTerminated.connect(lambda: done(False))
        QgsApplication.taskManager().addTask(task)

    def cancel_task(self):
        if self.task is not None:
            self.task.cancel()
