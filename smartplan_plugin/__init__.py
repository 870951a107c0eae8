"""SmartPlan QGIS plugin: heavy-rain screening, green roofs and citizen feedback.

Nothing here imports QGIS at module level, so ``smartplan_plugin.core`` stays importable (and
testable) without QGIS, and ``classFactory(None)`` under qgis_process touches no GUI.
"""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    from .plugin import SmartPlanPlugin

    return SmartPlanPlugin(iface)
