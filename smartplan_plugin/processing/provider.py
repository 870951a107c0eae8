"""The SmartPlan Processing provider (id ``smartplan``)."""

import glob
import os

from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .. import paths
from ..i18n import Translatable
from .depressions import DepressionsAlgorithm
from .rainscenario import RainScenarioAlgorithm

ALGORITHMS = (DepressionsAlgorithm, RainScenarioAlgorithm)


class SmartPlanProvider(Translatable, QgsProcessingProvider):
    def id(self):
        return "smartplan"

    def name(self):
        return "SmartPlan"

    def longName(self):  # noqa: N802
        return self.tr("SmartPlan – heavy rain, green roofs, citizen feedback ({v})").format(
            v=paths.metadata().get("version", ""))

    def icon(self):
        return QIcon(paths.icon_path())

    def svgIconPath(self):  # noqa: N802
        return paths.icon_path()

    def loadAlgorithms(self):  # noqa: N802
        for cls in ALGORITHMS:
            self.addAlgorithm(cls())
        for model in self.model_files():
            alg = QgsProcessingModelAlgorithm()
            if alg.fromFile(model):
                self.addAlgorithm(alg)

    @staticmethod
    def model_files():
        folder = paths.plugin_file("processing")
        return sorted(glob.glob(os.path.join(folder, "*.model3")))
