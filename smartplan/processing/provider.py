"""The SmartPlan Processing provider (id ``smartplan``)."""

import glob
import os

from qgis.core import QgsApplication, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .. import paths
from ..i18n import Translatable
from .affected import AffectedAlgorithm
from .depressions import DepressionsAlgorithm
from .emergencyroutes import EmergencyRoutesAlgorithm
from .feedbacklink import FeedbackLinkAlgorithm
from .filltiled import FillTiledAlgorithm
from .flowpaths import FlowPathsAlgorithm
from .greenroofs import GreenRoofsAlgorithm
from .importfeedback import ImportFeedbackAlgorithm
from .installaccelerator import InstallAcceleratorAlgorithm
from .notwasserwege import NotwasserwegeAlgorithm
from .rainscenario import RainScenarioAlgorithm

ALGORITHMS = (
    DepressionsAlgorithm,
    FillTiledAlgorithm,
    RainScenarioAlgorithm,
    FlowPathsAlgorithm,
    NotwasserwegeAlgorithm,
    AffectedAlgorithm,
    EmergencyRoutesAlgorithm,
    GreenRoofsAlgorithm,
    ImportFeedbackAlgorithm,
    FeedbackLinkAlgorithm,
    InstallAcceleratorAlgorithm,
)


class SmartPlanProvider(Translatable, QgsProcessingProvider):
    def id(self):
        return "smartplan"

    def name(self):
        return "SmartPlan"

    def longName(self):  # noqa: N802
        return self.tr("SmartPlan – heavy rain, green roofs, citizen feedback ({v})").format(
            v=paths.metadata().get("version", "")
        )

    def icon(self):
        return QIcon(paths.icon_path())

    def svgIconPath(self):  # noqa: N802
        return paths.icon_path()

    def loadAlgorithms(self):  # noqa: N802
        for cls in ALGORITHMS:
            self.addAlgorithm(cls())
        # models call smartplan:* algorithms, which resolve only once the provider is registered
        # (the plugin refreshes the provider right after adding it)
        if QgsApplication.processingRegistry().providerById(self.id()) is not self:
            return
        for model in self.model_files():
            alg = QgsProcessingModelAlgorithm()
            if alg.fromFile(model):
                self.addAlgorithm(alg)

    @staticmethod
    def model_files():
        """Shipped .model3 files: in the installed plugin they sit in <plugin>/processing, in a
        source checkout in the top-level processing/ folder."""
        here = os.path.dirname(os.path.abspath(__file__))
        checkout = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
        folders = {
            here,
            os.path.join(os.path.dirname(paths.PACKAGE_DIR), "processing"),
            os.path.join(checkout, "processing"),
        }
        return sorted(
            {os.path.basename(f): f for d in folders for f in glob.glob(os.path.join(d, "*.model3"))}.values()
        )
