"""The SmartPlan dock panel: entry point to the analyses (and, later, citizen feedback)."""

from qgis.core import QgsApplication
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import paths
from ..core.accel import accelerator_status
from ..i18n import Translatable


class SmartPlanDock(Translatable, QgsDockWidget):
    """Dock with one tab per domain; each button opens the Processing dialog of the algorithm,
    so the panel runs exactly what qgis_process runs."""

    def __init__(self, parent=None, iface=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("SmartPlan"))
        self.setWindowIcon(QIcon(paths.icon_path()))
        root = QWidget(self)
        lay = QVBoxLayout(root)
        intro = QLabel(
            self.tr(
                "Heavy-rain screening, green roofs and citizen feedback for municipal climate adaptation."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(intro)
        self.tabs = QTabWidget(root)
        self.tabs.setObjectName("SmartPlanTabs")
        self.tabs.addTab(self._analyses_tab(), QIcon(paths.icon_path("depressions")), self.tr("Heavy rain"))
        self.tabs.addTab(self._greenroof_tab(), QIcon(paths.icon_path("greenroofs")), self.tr("Green roofs"))
        from .feedback_panel import FeedbackPanel

        self.feedback = FeedbackPanel(iface, self.tabs)
        self.feedback.setObjectName("FeedbackPanel")
        self.tabs.addTab(self.feedback, QIcon(paths.icon_path("feedback")), self.tr("Participation"))
        lay.addWidget(self.tabs)
        self.table_button = QPushButton(QIcon(paths.icon_path("table")), self.tr("Planning table mode"), root)
        self.table_button.setObjectName("TableModeButton")
        self.table_button.setMinimumHeight(40)
        self.table_button.setToolTip(self.tr("Full-screen, touch-friendly workshop view (Planungstisch)"))
        lay.addWidget(self.table_button)
        self.status_label = QLabel(self._accel_text())
        self.status_label.setObjectName("SmartPlanAccelStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet("color: #555;")
        lay.addWidget(self.status_label)
        self.accel_button = QPushButton(self.tr("Install accelerator"), root)
        self.accel_button.setObjectName("InstallAccelerator")
        self.accel_button.setToolTip(
            self.tr(
                "Installs numba into this QGIS profile (runs 'Install accelerator (numba)'); "
                "active in QGIS and qgis_process, the system Python stays unchanged."
            )
        )
        self.accel_button.clicked.connect(self.install_accelerator)
        self.accel_button.setVisible(not accelerator_status()["active"])
        lay.addWidget(self.accel_button)
        lay.addStretch(1)
        # scrolls instead of growing: a panel taller than the screen made QGIS' window taller
        # than the screen, and leaving the full-screen table squeezed the other docks to 71 px
        scroll = QScrollArea(self)
        scroll.setObjectName("SmartPlanScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(root)
        self.setWidget(scroll)

    def _analyses_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        box = QGroupBox(self.tr("Analyses"), w)
        bl = QVBoxLayout(box)
        self.alg_buttons = {}
        reg = QgsApplication.processingRegistry()
        for alg_id, icon in (
            ("smartplan:depressions", "depressions"),
            ("smartplan:rainscenario", "rainscenario"),
            ("smartplan:flowpaths", "flowpaths"),
            ("smartplan:notwasserwege", "notwasserwege"),
            ("smartplan:affected", "affected"),
            ("smartplan:emergencyroutes", "emergencyroutes"),
        ):
            alg = reg.algorithmById(alg_id)
            text = alg.displayName() if alg else alg_id
            b = QPushButton(QIcon(paths.icon_path(icon)), text, box)
            b.setObjectName("run_" + alg_id.split(":")[1])
            b.setMinimumHeight(36)
            b.setToolTip(self.tr("Open the Processing dialog of this analysis"))
            b.clicked.connect(lambda _checked=False, a=alg_id: self.open_algorithm(a))
            bl.addWidget(b)
            self.alg_buttons[alg_id] = b
        lay.addWidget(box)
        lay.addStretch(1)
        return w

    def _greenroof_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        info = QLabel(
            self.tr(
                "Green-roof potential per roof face and building from a DSM (and LoD2 faces): "
                "suitability classes, usable area, retention, sewer relief, cooling, fee savings."
            )
        )
        info.setWordWrap(True)
        info.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(info)
        reg = QgsApplication.processingRegistry()
        alg = reg.algorithmById("smartplan:greenroofs")
        b = QPushButton(
            QIcon(paths.icon_path("greenroofs")), alg.displayName() if alg else "smartplan:greenroofs", w
        )
        b.setObjectName("run_greenroofs")
        b.setMinimumHeight(36)
        b.clicked.connect(lambda: self.open_algorithm("smartplan:greenroofs"))
        self.alg_buttons["smartplan:greenroofs"] = b
        lay.addWidget(b)
        lay.addStretch(1)
        return w

    def install_accelerator(self):
        """Runs smartplan:installaccelerator in its Processing dialog (progress, cancel, log)."""
        self.open_algorithm("smartplan:installaccelerator")
        self.update_accelerator()

    def update_accelerator(self):
        self.status_label.setText(self._accel_text())
        self.accel_button.setVisible(not accelerator_status()["active"])

    def _accel_text(self):
        st = accelerator_status()
        if st["active"]:
            return self.tr("Accelerator: numba {v} active (fast sink analysis).").format(v=st["version"])
        return self.tr(
            "Accelerator: numba not installed. Everything works; installing numba makes "
            "the raster analyses about 5-27 times faster on large DEMs."
        )

    def open_algorithm(self, alg_id):
        from qgis import processing

        processing.execAlgorithmDialog(alg_id, {})
