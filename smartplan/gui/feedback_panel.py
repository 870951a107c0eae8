"""The citizen-feedback panel (Bürgerbeteiligung): import, filter, statistics, detail card, link
to the analyses, privacy and export. The import runs the same importer as smartplan:importfeedback,
in a background QgsTask. Citizens' text is shown as plain text only (never rich text/HTML)."""

import os

from qgis.core import (
    Qgis,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import (
    pyqtSignal,
)
from qgis.PyQt.QtWidgets import (
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..analysis.messages import FeedbackMessages
from ..core import feedback as fb
from ..i18n import Translatable
from ..io import feedback_qgis
from ..io import feedback_store as store
from .participation.common import plain_label  # noqa: F401
from .participation.contributions_tab import ContributionsTab
from .participation.import_tab import ImportTab
from .participation.link_export_tabs import LinkExportTabs
from .participation.stats_tab import StatsTab


class FeedbackPanel(ImportTab, ContributionsTab, StatsTab, LinkExportTabs, Translatable, QWidget):
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
