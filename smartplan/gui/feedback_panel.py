"""The citizen-feedback panel (Bürgerbeteiligung): import, filter, statistics, detail card, link
to the analyses, privacy and export. The import runs the same importer as smartplan:importfeedback,
in a background QgsTask. Citizens' text is shown as plain text only (never rich text/HTML)."""

import json
import os
import shutil

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsRectangle,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import QgsAuthConfigSelect, QgsCollapsibleGroupBox, QgsMapLayerComboBox
from qgis.PyQt import sip
from qgis.PyQt.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    Qt,
    QTimer,
    QUrl,
    pyqtSignal,
)
from qgis.PyQt.QtGui import QColor, QDesktopServices, QIcon, QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import paths
from ..analysis.messages import FeedbackMessages
from ..core import feedback as fb
from ..core.feedback import FeedbackError
from ..i18n import Translatable
from ..io import feedback_qgis, feedback_report
from ..io import feedback_store as store
from ..io.crs_qgis import utm_hint
from ..io.feedback_sources import Importer, detect_source_type, format_labels
from ..io.http import without_secrets
from .tasks import BackgroundTask

SETTINGS = "SmartPlan/feedback/"


def plain_label(text="", parent=None, wrap=True):
    """A QLabel that never interprets its text as rich text."""
    lab = QLabel(parent)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    lab.setWordWrap(wrap)
    lab.setText(text)
    return lab


class RecordsModel(QAbstractTableModel):
    """The filtered contributions as a table (plain-text cells; scales to 20,000 rows)."""

    # a narrow dock: title first and wide; rubric and comments are in the detail card
    COLUMNS = ("title", "category", "created", "rating")

    def __init__(self, headers, parent=None):
        super().__init__(parent)
        self.headers = headers
        self.rows = []
        self.styles = {}

    def set_rows(self, rows, styles):
        self.beginResetModel()
        self.rows = rows
        self.styles = styles
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return len(self.COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        r = self.rows[index.row()]
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            v = r.get(key)
            if key == "created":
                return f"{v[8:10]}.{v[5:7]}.{v[2:4]}" if v and len(v) >= 10 else ""
            if key == "title":
                return (v or "").replace("\n", " ")
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.DecorationRole and key == "category" and r.get("category"):
            return QColor((self.styles.get(r["category"]) or {}).get("colour") or feedback_qgis.OTHER)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("rating", "comments_count"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        key = self.COLUMNS[column]
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(
            key=lambda r: (r.get(key) is None, r.get(key) if r.get(key) is not None else 0),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()


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


class FeedbackPanel(Translatable, QWidget):
    """Import → filter → statistics → detail → link to analyses → export."""

    storeLoaded = pyqtSignal(str)  # noqa: N815 (Qt signal name)

    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.msgs = FeedbackMessages()
        self.store_path = None
        self.records, self.comments, self.styles = [], [], {}
        self.filtered = []
        self.layers = {}
        self.task = None
        self.mapping = None
        self.link_task = None
        self.charts = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("FeedbackTabs")
        self.tabs.addTab(self._import_tab(), self.tr("Import"))
        self.tabs.addTab(self._filter_tab(), self.tr("Contributions"))
        self.tabs.addTab(self._stats_tab(), self.tr("Statistics"))
        self.tabs.addTab(self._link_tab(), self.tr("Analyses"))
        self.tabs.addTab(self._export_tab(), self.tr("Export"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self._stats_dirty = False
        self.stats = fb.statistics([])
        lay.addWidget(self.tabs)
        self.status = plain_label("", self)
        self.status.setObjectName("FeedbackStatus")
        self.status.setStyleSheet("color: #444;")
        lay.addWidget(self.status)
        # the panel follows the project: removed layers are let go (a deleted layer raised "wrapped
        # C/C++ object … has been deleted"), a reloaded project (Project → Revert) is found again
        prj = QgsProject.instance()
        prj.layersWillBeRemoved.connect(self._layers_removed)
        prj.cleared.connect(self._project_cleared)
        prj.readProject.connect(self._project_read)  # (PyQt disconnects them when the panel goes)

    # ------------------------------------------------------------------ the project
    def _layers_removed(self, ids):
        gone = set(ids)
        self.layers = {
            k: lyr for k, lyr in self.layers.items() if not sip.isdeleted(lyr) and lyr.id() not in gone
        }

    def _project_cleared(self):
        self.layers = {}

    def _project_read(self, *_args):
        """After a reload: the store's layers in the project become the panel's again."""
        if not self.store_path:
            return
        want = os.path.normcase(os.path.realpath(self.store_path))
        names = {name: kind for kind, (name, _g) in store.LAYERS.items() if kind is not None}
        found = {}
        for lyr in QgsProject.instance().mapLayers().values():
            if not isinstance(lyr, QgsVectorLayer) or lyr.providerType() != "ogr":
                continue
            path, _, rest = lyr.source().partition("|")
            layer = dict(p.split("=", 1) for p in rest.split("|") if "=" in p).get("layername")
            if os.path.normcase(os.path.realpath(path)) == want and layer in names:
                found[names[layer]] = lyr
        self.layers = found
        for lyr in found.values():
            lyr.selectionChanged.connect(lambda *_a, lyr=lyr: self.map_selection_changed(lyr))
        self.apply_filter()

    # ------------------------------------------------------------------ messages
    def notify(self, text, level=Qgis.MessageLevel.Info):
        self.status.setText(text)
        if self.iface is not None:
            self.iface.messageBar().pushMessage(self.tr("Citizen feedback"), text, level, 8)

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

    # ------------------------------------------------------------------ store
    def open_store(self, path, name=None):
        self.store_path = path
        self.records, self.comments, self.styles, _ = store.read_store(path)
        pid = next((r["project_id"] for r in self.records if r.get("project_id")), "")
        group = self.tr("Citizen feedback – {p}").format(p=name or pid or os.path.basename(path))
        names = {
            "point": self.tr("Contributions (points)"),
            "line": self.tr("Contributions (lines)"),
            "area": self.tr("Contributions (areas)"),
        }
        self.layers = feedback_qgis.load_into_project(
            path, group, self.styles, names, labels=self.show_labels.isChecked()
        )
        for lyr in self.layers.values():
            lyr.selectionChanged.connect(lambda *_a, lyr=lyr: self.map_selection_changed(lyr))
        self.fill_filter_lists()
        self.apply_filter()
        self.storeLoaded.emit(path)

    # ------------------------------------------------------------------ filter tab
    def _filter_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        # QGIS' collapsible box: folded, the list of contributions gets the whole height
        box = QgsCollapsibleGroupBox(self.tr("Filter"), w)
        box.setObjectName("FilterBox")
        box.setStyleSheet(
            "QgsCollapsibleGroupBox#FilterBox::title { padding-left: 16px; }"
        )  # beside the arrow
        fl = QFormLayout(box)
        self.cat_list = QListWidget(box)
        self.cat_list.setObjectName("CategoryFilter")
        self.cat_list.setMaximumHeight(96)
        self.cat_list.itemChanged.connect(self.apply_filter)
        fl.addRow(self.tr("Categories"), self.cat_list)
        self.rub_list = QListWidget(box)
        self.rub_list.setObjectName("RubricFilter")
        self.rub_list.setMaximumHeight(72)
        self.rub_list.itemChanged.connect(self.apply_filter)
        fl.addRow(self.tr("Rubrics"), self.rub_list)
        drow = QHBoxLayout()
        self.date_from = QDateEdit(box)
        self.date_to = QDateEdit(box)
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd.MM.yyyy")
            d.setMinimumDate(QDate(2000, 1, 1))
            d.setSpecialValueText("—")
            d.setDate(d.minimumDate())
            d.dateChanged.connect(self.apply_filter)
            drow.addWidget(d)
        self.date_from.setObjectName("DateFrom")
        self.date_to.setObjectName("DateTo")
        fl.addRow(self.tr("From / to"), drow)
        self.search = QLineEdit(box)
        self.search.setObjectName("Search")
        self.search.setPlaceholderText(self.tr("search in title, text, keywords"))
        self.search.textChanged.connect(self.apply_filter)
        fl.addRow(self.tr("Text"), self.search)
        self.min_votes = QSpinBox(box)
        self.min_votes.setObjectName("MinVotes")
        self.min_votes.setRange(-1001, 100000)
        self.min_votes.setSpecialValueText("—")
        self.min_votes.setValue(-1001)
        self.min_votes.valueChanged.connect(self.apply_filter)
        fl.addRow(self.tr("Rating at least"), self.min_votes)
        orow = QHBoxLayout()
        self.show_withdrawn = QCheckBox(self.tr("withdrawn too"), box)
        self.show_withdrawn.toggled.connect(self.apply_filter)
        self.show_labels = QCheckBox(self.tr("labels"), box)
        self.show_labels.toggled.connect(self.toggle_labels)
        orow.addWidget(self.show_withdrawn)
        orow.addWidget(self.show_labels)
        fl.addRow("", orow)
        lay.addWidget(box)
        split = QSplitter(Qt.Orientation.Vertical, w)
        self.model = RecordsModel(
            [self.tr("Title"), self.tr("Category"), self.tr("Date"), "+/−"],
            self,
        )
        self.table = QTableView(split)
        self.table.setObjectName("Contributions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        hdr = self.table.horizontalHeader()
        hdr.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_detail(cur.row()))
        # at least six rows of contributions (the table showed one and a half)
        self.table.setMinimumHeight(
            self.table.verticalHeader().defaultSectionSize() * 6 + hdr.sizeHint().height() + 4
        )
        split.addWidget(self.table)
        split.addWidget(self._detail_card(split))
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        self.count_label = plain_label("", w)
        lay.addWidget(self.count_label)
        return w

    def _detail_card(self, parent):
        w = QWidget(parent)
        w.setObjectName("DetailCard")
        lay = QVBoxLayout(w)
        lay.setContentsMargins(2, 2, 2, 2)
        self.d_title = plain_label("", w)
        self.d_title.setObjectName("DetailTitle")
        f = self.d_title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.d_title.setFont(f)
        self.d_meta = plain_label("", w)
        self.d_meta.setObjectName("DetailMeta")
        self.d_meta.setStyleSheet("color: #555;")
        self.d_text = QPlainTextEdit(w)  # plain text: citizens' text is never rendered as HTML
        self.d_text.setObjectName("DetailText")
        self.d_text.setReadOnly(True)
        self.d_comments = QTreeWidget(w)
        self.d_comments.setObjectName("DetailComments")
        self.d_comments.setHeaderLabels([self.tr("Comments")])
        self.d_comments.setMaximumHeight(110)
        self.d_link = QPushButton(self.tr("Open the original"), w)
        self.d_link.setObjectName("DetailLink")
        self.d_link.setEnabled(False)
        self.d_link.clicked.connect(self.open_link)
        for x in (self.d_title, self.d_meta, self.d_text, self.d_comments, self.d_link):
            lay.addWidget(x)
        self.current = None
        return w

    def fill_filter_lists(self):
        for lst, key in ((self.cat_list, "category"), (self.rub_list, "rubric")):
            lst.blockSignals(True)
            lst.clear()
            values = sorted({r.get(key) or "" for r in self.records})
            if key == "category":
                order = {
                    n: i
                    for i, n in enumerate(
                        sorted(self.styles, key=lambda n: ((self.styles[n] or {}).get("weight") or 10**6, n))
                    )
                }
                values.sort(key=lambda v: (order.get(v, 10**6), v))
            for v in values:
                n = sum(1 for r in self.records if (r.get(key) or "") == v and r.get("status") == "active")
                it = QListWidgetItem(f"{v or self.tr('(none)')}  ({n})")
                it.setData(Qt.ItemDataRole.UserRole, v)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                it.setCheckState(Qt.CheckState.Checked)
                if key == "category":
                    pm = QPixmap(14, 14)
                    pm.fill(QColor((self.styles.get(v) or {}).get("colour") or feedback_qgis.OTHER))
                    it.setIcon(QIcon(pm))
                lst.addItem(it)
            lst.blockSignals(False)
        self.fit_date_range()

    def fit_date_range(self):
        """The date pickers open at the participation's dates, not at January 2000: the empty
        value ("—") is the day before the first contribution, the calendars show its months."""
        days = sorted(
            d
            for d in (QDate.fromString((r.get("created") or "")[:10], "yyyy-MM-dd") for r in self.records)
            if d.isValid()
        )
        first = days[0].addDays(-1) if days else QDate.currentDate().addYears(-1)
        for d, page in (
            (self.date_from, days[0] if days else first),
            (self.date_to, days[-1] if days else first),
        ):
            d.blockSignals(True)
            keep = d.date() if d.date() != d.minimumDate() else None
            d.setMinimumDate(first)
            d.setDate(keep if keep is not None and keep >= first else first)
            d.calendarWidget().setCurrentPage(page.year(), page.month())
            d.blockSignals(False)

    def start_dir(self, name=""):
        """Where file dialogs open: the project's folder (else the home folder), with ``name``."""
        home = QgsProject.instance().homePath() or os.path.expanduser("~")
        return os.path.join(home, name) if name else home

    def _checked(self, lst):
        if lst.count() == 0:
            return None
        vals = {
            lst.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(lst.count())
            if lst.item(i).checkState() == Qt.CheckState.Checked
        }
        return None if len(vals) == lst.count() else vals

    def filter_params(self):
        def day(d):
            return None if d.date() == d.minimumDate() else d.date().toString("yyyy-MM-dd")

        return dict(
            categories=self._checked(self.cat_list),
            rubrics=self._checked(self.rub_list),
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            text=self.search.text().strip() or None,
            min_votes=None if self.min_votes.value() == self.min_votes.minimum() else self.min_votes.value(),
            include_withdrawn=self.show_withdrawn.isChecked(),
        )

    def apply_filter(self, *_args):
        flt = self.filter_params()
        self.filtered = [r for r in self.records if fb.matches(r, **flt)]
        self.model.set_rows(list(self.filtered), self.styles)
        sql = fb.filter_sql(**flt)  # the same rule as the table's, for the map layers
        for lyr in self.layers.values():
            lyr.setSubsetString(sql)
        located = sum(1 for r in self.filtered if r.get("located"))
        self.count_label.setText(
            self.tr("{n} of {t} contributions shown ({l} on the map).").format(
                n=len(self.filtered), t=sum(1 for r in self.records if r.get("status") == "active"), l=located
            )
        )
        self.refresh_stats()

    def toggle_labels(self, on):
        for kind, lyr in self.layers.items():
            feedback_qgis.style_layer(lyr, kind, self.styles, on)

    def show_detail(self, row):
        if row < 0 or row >= len(self.model.rows):
            return
        r = self.model.rows[row]
        self.current = r
        self.d_title.setText(r.get("title") or self.tr("(no title)"))
        meta = [
            r.get("category") or self.tr("(no category)"),
            r.get("rubric") or "",
            (r.get("created") or "")[:10],
            self.tr("{p} for, {c} against").format(p=r.get("votes_pro") or 0, c=r.get("votes_contra") or 0),
            self.tr("{n} comments").format(n=r.get("comments_count") or 0),
        ]
        if not r.get("located"):
            meta.append(self.tr("no location"))
        if r.get("status") == "withdrawn":
            meta.append(self.tr("withdrawn"))
        self.d_meta.setText(" · ".join(m for m in meta if m))
        self.d_text.setPlainText(r.get("text") or "")
        self.d_comments.clear()
        items = {}
        for c in self.comments:
            if c.get("contribution_uid") != r["uid"]:
                continue
            it = QTreeWidgetItem([(c.get("text") or "").replace("\n", " ")])
            it.setToolTip(0, "")  # no rich-text tooltips from citizens' text
            parent = items.get(c.get("parent_id"))
            (parent.addChild(it) if parent is not None else self.d_comments.addTopLevelItem(it))
            items[c.get("comment_id")] = it
        self.d_comments.expandAll()
        link = r.get("link") or ""
        self.d_link.setEnabled(link.lower().startswith(("http://", "https://")))
        kind = fb.geometry_kind(r.get("geometry"))
        lyr = self.layers.get(kind)
        if lyr is not None:
            ids = [
                f.id()
                for f in lyr.getFeatures(
                    QgsFeatureRequest().setFilterExpression(
                        f"\"uid\" = '{r['uid'].replace(chr(39), chr(39) * 2)}'"
                    )
                )
            ]
            # the layer's signals stay on (blocking them kept the map from drawing the selection);
            # the guard keeps map_selection_changed from answering our own selection
            self._selecting_from_table = True
            try:
                lyr.selectByIds(ids)
            finally:
                self._selecting_from_table = False
            self.show_on_map(lyr, ids)

    def show_on_map(self, lyr, ids):
        """Bring a contribution chosen in the table into view (when it is not) and flash it."""
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is None or not ids:
            return
        box = QgsRectangle()
        for f in lyr.getFeatures(QgsFeatureRequest().setFilterFids(ids)):
            if f.hasGeometry():
                box.combineExtentWith(f.geometry().boundingBox())
        if box.isNull():
            return
        xf = QgsCoordinateTransform(lyr.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())
        box = xf.transformBoundingBox(box)
        if not canvas.extent().contains(box):
            canvas.setCenter(box.center())
            canvas.refresh()
        canvas.flashFeatureIds(lyr, ids)

    def map_selection_changed(self, lyr):
        if getattr(self, "_selecting_from_table", False):
            return
        ids = lyr.selectedFeatureIds()
        if len(ids) != 1:
            return
        uid = lyr.getFeature(ids[0])["uid"]
        for i, r in enumerate(self.model.rows):
            if r["uid"] == uid:
                self.table.selectRow(i)
                self.show_detail(i)
                break

    def open_link(self):
        link = (self.current or {}).get("link") or ""
        if link.lower().startswith(("http://", "https://")):
            QDesktopServices.openUrl(QUrl(link))

    # ------------------------------------------------------------------ statistics tab
    def chart_labels(self):
        return {
            "per_category": self.tr("Contributions per category"),
            "per_rubric": self.tr("Per rubric"),
            "per_day": self.tr("Contributions per day"),
            "top_rating": self.tr("Top by rating"),
            "top_comments": self.tr("Top by comments"),
            "keywords": self.tr("Keywords"),
            "empty": self.tr("no data"),
            "totals": self.tr(
                "{total} contributions ({located} on the map), {comments} comments, "
                "{pro} votes for, {contra} against"
            ),
        }

    def _stats_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        self.stats_label = plain_label("", w)
        self.stats_label.setObjectName("StatsSummary")
        lay.addWidget(self.stats_label)
        area = QScrollArea(w)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_area = area
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(150)
        self._chart_timer.timeout.connect(self._redraw_charts_if_shown)
        area.viewport().installEventFilter(self)
        inner = QWidget()
        il = QVBoxLayout(inner)
        self.chart_labels_w = {}
        for name in feedback_report.CHARTS:
            lab = QLabel(inner)
            lab.setObjectName("chart_" + name)
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            il.addWidget(lab)
            self.chart_labels_w[name] = lab
        il.addStretch(1)
        area.setWidget(inner)
        lay.addWidget(area, 1)
        b = QPushButton(self.tr("Export charts as PNG…"), w)
        b.setObjectName("ExportCharts")
        b.clicked.connect(self.export_charts)
        lay.addWidget(b)
        return w

    def refresh_stats(self):
        st = fb.statistics(self.filtered, styles=self.styles)
        self.stats = st
        labels = self.chart_labels()
        self.stats_label.setText(
            labels["totals"].format(
                total=st["total"],
                located=st["located"],
                comments=st["comments"],
                pro=st["votes_pro"],
                contra=st["votes_contra"],
            )
        )
        if self.tabs.currentIndex() != 2 and self.isVisible():
            self._stats_dirty = True
            return
        self.draw_charts()

    def chart_width_px(self):
        """The width the charts get: the statistics tab's visible width (they were drawn 500 px
        wide and cut off in a narrower panel)."""
        if not self.chart_area.isVisible():  # not laid out yet (a panel drawn before it is shown)
            return max(240, self.width() - 60)
        return max(240, self.chart_area.viewport().width() - 12)

    def draw_charts(self):
        labels = self.chart_labels()
        dpr = max(1.0, float(self.devicePixelRatioF()))
        width = self.chart_width_px()
        w_in = width / 100.0
        for name, lab in self.chart_labels_w.items():
            png = feedback_report.chart_png(
                name, self.stats, labels, w=w_in, h=min(2.8, 0.62 * w_in + 0.6), dpi=100 * dpr
            )
            pm = QPixmap()
            pm.loadFromData(png, "PNG")
            pm.setDevicePixelRatio(dpr)
            lab.setPixmap(pm)
            self.charts[name] = png
        self._charts_width = width
        self._stats_dirty = False

    def eventFilter(self, obj, ev):  # noqa: N802
        # the charts follow the panel's width (drawn again once the resizing has stopped)
        if ev.type() == QEvent.Type.Resize and getattr(self, "stats", None):
            if abs(self.chart_width_px() - getattr(self, "_charts_width", 0)) > 16:
                self._chart_timer.start()
        return False

    def export_charts(self, path=None):
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Charts"), self.start_dir("beteiligung_statistik.png"), "PNG (*.png)"
            )
        if path:
            feedback_report.charts_sheet_png(
                fb.statistics(self.filtered, styles=self.styles), self.chart_labels(), path
            )
            self.notify(self.tr("Charts written to {p}").format(p=path), Qgis.MessageLevel.Success)
        return path

    def _redraw_charts_if_shown(self):
        if self.tabs.currentIndex() == 2 or not self.isVisible():
            self.draw_charts()
        else:
            self._stats_dirty = True

    def _tab_changed(self, index):
        if index == 2 and self._stats_dirty:
            self.draw_charts()

    # ------------------------------------------------------------------ analyses tab
    def _link_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(
            plain_label(
                self.tr(
                    "Count the contributions near the objects of an analysis layer: sinks, "
                    "flow paths, flooded areas, green-roof candidates."
                ),
                w,
            )
        )
        form = QFormLayout()
        self.target_combo = QgsMapLayerComboBox(w)
        self.target_combo.setObjectName("TargetLayer")
        self.target_combo.setFilters(
            QgsMapLayerProxyModel.Filter.PolygonLayer | QgsMapLayerProxyModel.Filter.LineLayer
        )
        form.addRow(self.tr("Analysis layer"), self.target_combo)
        self.link_distance = QDoubleSpinBox(w)
        self.link_distance.setObjectName("LinkDistance")
        self.link_distance.setRange(0, 10000)
        self.link_distance.setValue(25)
        self.link_distance.setSuffix(" m")
        form.addRow(self.tr("Distance"), self.link_distance)
        lay.addLayout(form)
        b = QPushButton(self.tr("Count citizen feedback per object"), w)
        b.setObjectName("RunLink")
        b.clicked.connect(self.run_link)
        lay.addWidget(b)
        self.link_table = QTableWidget(0, 3, w)
        self.link_table.setObjectName("LinkTable")
        self.link_table.setHorizontalHeaderLabels(
            [self.tr("Object"), self.tr("Contributions"), self.tr("Top category")]
        )
        self.link_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.link_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        lay.addWidget(self.link_table, 1)
        return w

    def run_link(self, blocking=False):
        target = self.target_combo.currentLayer()
        src = next((lyr for k, lyr in self.layers.items() if k == "point"), None) or next(
            iter(self.layers.values()), None
        )
        if target is None or src is None:
            self.notify(
                self.tr("Import feedback and choose an analysis layer first."), Qgis.MessageLevel.Warning
            )
            return None
        from qgis import processing

        id_field = next(
            (f for f in ("sink_id", "seg_id", "building_id", "id") if f in target.fields().names()), ""
        )
        params = {
            "FEEDBACK": src,
            "TARGETS": target,
            "TARGET_ID_FIELD": id_field,
            "DISTANCE_M": self.link_distance.value(),
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
        res = processing.run("smartplan:feedbacklink", params)
        lyr = res["OUTPUT"]
        if isinstance(lyr, str):
            from qgis.core import QgsVectorLayer

            lyr = QgsVectorLayer(lyr, "link", "ogr")
        lyr.setName(self.tr("Citizen feedback per object – {n}").format(n=target.name()))
        QgsProject.instance().addMapLayer(lyr)
        rows = sorted(lyr.getFeatures(), key=lambda f: -(f["feedback_count"] or 0))
        rows = [f for f in rows if (f["feedback_count"] or 0) > 0]
        self.link_table.setRowCount(len(rows))
        for i, f in enumerate(rows):
            oid = f[id_field] if id_field else f.id()
            for j, v in enumerate((str(oid), str(f["feedback_count"]), str(f["top_category"] or ""))):
                self.link_table.setItem(i, j, QTableWidgetItem(v))
        self.notify(
            self.tr("{n} objects have citizen feedback within {d:g} m.").format(
                n=len(rows), d=self.link_distance.value()
            ),
            Qgis.MessageLevel.Success,
        )
        return lyr

    def render_map_png(self):
        """The filtered contributions over the project's first raster (e.g. a hillshade), in that
        raster's CRS or the UTM zone of the data."""
        layers = [lyr for lyr in self.layers.values() if next(iter(lyr.getFeatures()), None) is not None]
        if not layers:
            return None
        import tempfile

        from qgis.core import QgsRasterLayer

        from ..analysis.messages import MapTexts
        from ..io.crs_qgis import metric_crs
        from ..io.maplayout import export_map

        extent = QgsRectangle()
        extent.setMinimal()
        for lyr in layers:  # the extent of the filtered features (a layer's extent ignores its filter)
            for f in lyr.getFeatures():
                if f.hasGeometry():
                    extent.combineExtentWith(f.geometry().boundingBox())
        base = [lyr for lyr in QgsProject.instance().mapLayers().values() if isinstance(lyr, QgsRasterLayer)][
            :1
        ]
        ctx = QgsProject.instance().transformContext()
        crs = base[0].crs() if base else metric_crs(layers[0].crs(), extent, ctx)
        ext = QgsCoordinateTransform(layers[0].crs(), crs, QgsProject.instance()).transformBoundingBox(extent)
        ext = ext.buffered(max(ext.width(), ext.height()) * 0.06 + 20)
        folder = tempfile.mkdtemp(prefix="smartplan-")
        tmp = os.path.join(folder, "map.png")
        try:  # a print layout: the categories' legend, scale bar, north arrow, date and sources
            # the categories once (points, lines and areas share their colours); a page of the
            # axes' aspect (1.89), large enough that symbols keep their size in proportion
            export_map(
                layers + base,
                tmp,
                "",
                extent=ext,
                crs=crs,
                legend_layers=layers[:1],
                page_mm=(260.0, 137.5),
                side_w=60.0,
                dpi=150,
                sources=MapTexts().sources(layers + base),
            )
            with open(tmp, "rb") as fh:
                return fh.read()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    # ------------------------------------------------------------------ export tab
    def _export_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        self.public_only = QCheckBox(
            self.tr("Public view: only allow-listed fields (never author or e-mail)"), w
        )
        self.public_only.setObjectName("PublicOnly")
        self.public_only.setChecked(True)
        self.redact = QCheckBox(self.tr("Hide e-mail addresses and phone numbers in texts"), w)
        self.redact.setObjectName("Redact")
        self.redact.setChecked(True)
        lay.addWidget(self.public_only)
        lay.addWidget(self.redact)
        lay.addWidget(plain_label(self.tr("Exports contain the contributions of the current filter."), w))
        for label, ext, name in (
            (self.tr("Export to GeoPackage…"), ".gpkg", "ExportGpkg"),
            (self.tr("Export to CSV…"), ".csv", "ExportCsv"),
            (self.tr("Export to GeoJSON…"), ".geojson", "ExportGeojson"),
        ):
            b = QPushButton(label, w)
            b.setObjectName(name)
            b.clicked.connect(lambda _c=False, e=ext: self.export_filtered(ext=e))
            lay.addWidget(b)
        b = QPushButton(self.tr("One-page summary (PDF/PNG)…"), w)
        b.setObjectName("ExportSummary")
        b.clicked.connect(lambda: self.export_summary())
        lay.addWidget(b)
        lay.addStretch(1)
        return w

    def export_filtered(self, path=None, ext=".gpkg"):
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export"), self.start_dir("beteiligung" + ext), f"*{ext}"
            )
            if not path:
                return None
        try:
            feedback_report.export_records(
                path, self.filtered, self.public_only.isChecked(), self.redact.isChecked()
            )
        except (FeedbackError, OSError) as exc:
            self.notify(
                self.msgs.message(exc) if isinstance(exc, FeedbackError) else str(exc),
                Qgis.MessageLevel.Critical,
            )
            return None
        self.notify(
            self.tr("{n} contributions exported to {p}").format(n=len(self.filtered), p=path),
            Qgis.MessageLevel.Success,
        )
        return path

    def export_summary(self, path=None):
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Summary"),
                self.start_dir("beteiligung_zusammenfassung.pdf"),
                "PDF (*.pdf);;PNG (*.png)",
            )
            if not path:
                return None
        map_png = self.render_map_png()
        st = fb.statistics(self.filtered, styles=self.styles)
        flt = self.filter_params()
        used = ", ".join(
            f"{k}={sorted(v) if isinstance(v, set) else v}" for k, v in flt.items() if v not in (None, False)
        )
        ftxt = self.tr("Filter: {f}").format(f=used) if used else ""
        feedback_report.summary_page(
            st,
            self.chart_labels(),
            path,
            self.tr("Citizen feedback – summary"),
            os.path.basename(self.store_path or ""),
            map_png,
            ftxt,
        )
        self.notify(self.tr("Summary written to {p}").format(p=path), Qgis.MessageLevel.Success)
        return path
