"""The real plugin loads, registers its provider and GUI, translates, and unloads cleanly."""

from qgis.core import QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QToolBar

import smartplan
from smartplan.i18n import install_translator, remove_translator

PANEL_ALGS = {
    "smartplan:depressions",
    "smartplan:rainscenario",
    "smartplan:flowpaths",
    "smartplan:notwasserwege",
    "smartplan:affected",
    "smartplan:emergencyroutes",
    "smartplan:greenroofs",
}
ALGS = PANEL_ALGS | {"smartplan:importfeedback", "smartplan:feedbacklink", "smartplan:installaccelerator"}


def test_provider_and_algorithms_registered(plugin, registry):
    prov = registry.providerById("smartplan")
    assert prov is not None and prov.name() == "SmartPlan"
    ids = {a.id() for a in prov.algorithms()}
    assert ALGS <= ids
    for a in prov.algorithms():
        assert a.shortHelpString(), a.id()
        assert a.displayName() and a.group()


def test_gui_has_dock_toolbar_and_action(plugin, qgis_iface):
    assert isinstance(plugin.dock, QDockWidget)
    assert plugin.dock.objectName() == "SmartPlanDock"
    assert plugin.toolbar is not None and plugin.actions
    act = plugin.actions[0]
    act.setChecked(True)
    assert not plugin.dock.isHidden()  # the main window itself is not shown in tests
    assert set(plugin.dock.alg_buttons) == PANEL_ALGS
    assert plugin.dock.feedback is not None  # the participation tab
    act.setChecked(False)
    assert plugin.dock.isHidden()


def test_panel_offers_the_accelerator_when_it_is_missing(plugin, monkeypatch):
    from smartplan.core import accel

    dock = plugin.dock
    opened = []
    monkeypatch.setattr(dock, "open_algorithm", opened.append)
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")  # as in a QGIS without numba
    dock.update_accelerator()
    assert "not installed" in dock.status_label.text() and not dock.accel_button.isHidden()
    dock.accel_button.click()
    assert opened == ["smartplan:installaccelerator"]  # the algorithm qgis_process runs
    monkeypatch.delenv("SMARTPLAN_NO_NUMBA")
    accel.refresh()
    dock.update_accelerator()
    assert ("active" in dock.status_label.text()) == dock.accel_button.isHidden() == accel.has_numba()


def test_unload_leaves_nothing_behind(qgis_iface, qgis_processing, registry):
    p = smartplan.classFactory(qgis_iface)
    p.initGui()
    dock, toolbar, action = p.dock, p.toolbar, p.actions[0]
    assert registry.providerById("smartplan") is not None
    p.unload()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert registry.providerById("smartplan") is None
    assert sip.isdeleted(dock) and sip.isdeleted(toolbar) and sip.isdeleted(action)
    main = qgis_iface.mainWindow()
    assert not [d for d in main.findChildren(QDockWidget) if d.objectName() == "SmartPlanDock"]
    assert not [t for t in main.findChildren(QToolBar) if t.objectName() == "SmartPlanToolbar"]
    assert not [a for a in main.findChildren(QAction) if a.objectName() == "SmartPlanPanelAction"]


def test_works_without_iface_like_qgis_process(provider_only, registry):
    assert provider_only.iface is None and provider_only.dock is None
    assert ALGS <= {a.id() for a in registry.providerById("smartplan").algorithms()}


def test_german_translation_loads_and_translates(qgis_app):
    tr = install_translator("de")
    try:
        assert tr is not None
        assert (
            QCoreApplication.translate("DepressionsAlgorithm", "Depression analysis (Senken)")
            == "Senkenanalyse"
        )
    finally:
        remove_translator(tr)
    assert (
        QCoreApplication.translate("DepressionsAlgorithm", "Depression analysis (Senken)")
        == "Depression analysis (Senken)"
    )


def test_plugin_follows_qgis_locale(german, qgis_processing, registry):
    p = smartplan.classFactory(None)
    p.initProcessing()
    try:
        alg = registry.algorithmById("smartplan:depressions")
        assert alg.displayName() == "Senkenanalyse"
        assert "Senken" in alg.shortHelpString() and "Methode" in alg.shortHelpString()
        scen = registry.algorithmById("smartplan:rainscenario")
        assert scen.group() == "Starkregen"
    finally:
        p.unload()
    assert QgsApplication.processingRegistry().providerById("smartplan") is None


def test_kiosk_start_by_project_variable(plugin, qgis_iface):
    """A project with smartplan_table_mode = 1 opens in the planning-table mode; the toolbar
    action starts it too; unloading leaves it."""
    from qgis.core import QgsExpressionContextUtils, QgsProject

    proj = QgsProject.instance()
    assert not plugin.table_mode.active
    QgsExpressionContextUtils.setProjectVariable(proj, "smartplan_table_mode", 1)
    try:
        plugin.check_kiosk()  # what QgsProject.readProject triggers
        assert plugin.table_mode.active
        plugin.table_mode.leave()
        assert not plugin.table_mode.active
        act = qgis_iface.mainWindow().findChild(QAction, "SmartPlanTableAction")
        act.trigger()
        assert plugin.table_mode.active
    finally:
        QgsExpressionContextUtils.removeProjectVariable(proj, "smartplan_table_mode")
        if plugin.table_mode.active:
            plugin.table_mode.leave()


def test_a_missing_required_package_is_named_instead_of_a_traceback(qgis_iface, registry, monkeypatch):
    """Debian/Ubuntu QGIS without python3-scipy (sid's QGIS does not pull it in): the plugin
    loads as a stub that says in both languages what to install and registers no algorithm."""
    from smartplan import missing

    monkeypatch.setattr(missing, "REQUIRED", (("numpy", "python3-numpy"), ("scipy_absent", "python3-scipy")))
    stub = smartplan.classFactory(qgis_iface)
    assert isinstance(stub, missing.MissingDependencies)
    stub.initProcessing()
    stub.initGui()
    from qgis.core import Qgis

    text = " ".join(qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Critical))
    assert "sudo apt install python3-scipy" in text and "scipy_absent" in text and "braucht" in text
    assert registry.providerById("smartplan") is None
    stub.unload()
