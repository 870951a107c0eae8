"""SmartPlan QGIS plugin: heavy-rain screening, green roofs and citizen feedback.

Nothing here imports QGIS at module level, so ``smartplan.core`` stays importable (and
testable) without QGIS, and ``classFactory(None)`` under qgis_process touches no GUI.
"""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    # the accelerator installed into the QGIS profile (smartplan:installaccelerator), if any:
    # on the path before anything asks for numba, in QGIS and in qgis_process alike
    from qgis.core import QgsApplication

    from .io.accelerator import activate

    activate(QgsApplication.qgisSettingsDirPath())
    from .missing import MissingDependencies, missing_packages

    missing = missing_packages()
    if missing:
        return MissingDependencies(iface, missing)
    from .plugin import SmartPlanPlugin

    return SmartPlanPlugin(iface)
