"""The SmartPlan plugin class: Processing provider, toolbar/menu entry and dock panel."""

from qgis.core import QgsApplication

from .i18n import Translatable, install_translator, remove_translator


class SmartPlanPlugin(Translatable):
    MENU = "&SmartPlan"

    def __init__(self, iface):
        # iface is None under qgis_process: nothing here may touch it or create widgets
        self.iface = iface
        self.provider = None
        self.translator = None
        self.actions = []
        self.toolbar = None
        self.dock = None
        self.table_mode = None

    # ---------------------------------------------------------------- Processing
    def initProcessing(self):  # noqa: N802 (QGIS API)
        if self.translator is None:
            self.translator = install_translator()
        if self.provider is None:
            from .processing.provider import SmartPlanProvider

            self.provider = SmartPlanProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)
            self.provider.refreshAlgorithms()  # now the shipped models find smartplan:* algorithms

    # ---------------------------------------------------------------- GUI
    def initGui(self):  # noqa: N802
        self.initProcessing()
        if self.iface is None:
            return
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtGui import QIcon
        from qgis.PyQt.QtWidgets import QAction

        from . import paths
        from .gui.dock import SmartPlanDock

        main = self.iface.mainWindow()
        self.dock = SmartPlanDock(main, self.iface)
        self.dock.setObjectName("SmartPlanDock")
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

        act = QAction(QIcon(paths.icon_path()), self.tr("SmartPlan panel"), main)
        act.setObjectName("SmartPlanPanelAction")
        act.setCheckable(True)
        act.setToolTip(self.tr("Show or hide the SmartPlan panel"))
        act.toggled.connect(self.dock.setVisible)
        self.dock.visibilityChanged.connect(act.setChecked)
        self.actions.append(act)

        self.toolbar = self.iface.addToolBar(self.tr("SmartPlan"))
        self.toolbar.setObjectName("SmartPlanToolbar")
        self.toolbar.addAction(act)
        self.iface.addPluginToMenu(self.MENU, act)

        from .gui.table_mode import TableMode

        self.table_mode = TableMode(self.iface)
        tact = QAction(QIcon(paths.icon_path("table")), self.tr("Planning table mode"), main)
        tact.setObjectName("SmartPlanTableAction")
        tact.setToolTip(self.tr("Full-screen, touch-friendly workshop view (Planungstisch)"))
        tact.triggered.connect(lambda: self.table_mode.enter())
        self.actions.append(tact)
        self.toolbar.addAction(tact)
        self.iface.addPluginToMenu(self.MENU, tact)
        self.dock.table_button.clicked.connect(lambda: self.table_mode.enter())
        # kiosk start: environment variable or project variable smartplan_table_mode = 1
        from qgis.core import QgsProject

        QgsProject.instance().readProject.connect(self.check_kiosk)
        # at QGIS' start, plugins load before QGIS has restored its window and opened the project
        # given on the command line: the kiosk waits for both (initializationCompleted)
        from qgis.PyQt.QtCore import pyqtBoundSignal

        started = getattr(self.iface, "initializationCompleted", None)
        self._started = not isinstance(started, pyqtBoundSignal) or main.isVisible()
        if not self._started:
            started.connect(self._initialization_completed)
        self.check_kiosk()

    def _initialization_completed(self):
        self._started = True
        from qgis.PyQt.QtCore import QTimer

        QTimer.singleShot(0, self.check_kiosk)  # after QGIS' own slots of the same signal

    def check_kiosk(self, *_args):
        """Enter the planning-table mode when SMARTPLAN_TABLE_MODE=1 is set (command line:
        ``SMARTPLAN_TABLE_MODE=1 qgis project.qgz``) or the project variable smartplan_table_mode is 1."""
        import os

        from qgis.core import QgsExpressionContextUtils, QgsProject

        var = QgsExpressionContextUtils.projectScope(QgsProject.instance()).variable("smartplan_table_mode")
        want = os.environ.get("SMARTPLAN_TABLE_MODE", "") in ("1", "true") or str(var).lower() in (
            "1",
            "true",
        )
        if want and self.table_mode is not None and getattr(self, "_started", True):
            if self.table_mode.active:  # a project was opened while the table is up: re-read it
                self.table_mode.leave()
            self.table_mode.enter(frame=True)

    def unload(self):
        if self.table_mode is not None:
            from qgis.core import QgsProject

            if self.table_mode.active:
                self.table_mode.leave()
            try:
                QgsProject.instance().readProject.disconnect(self.check_kiosk)
            except TypeError:
                pass
            started = getattr(self.iface, "initializationCompleted", None)
            if started is not None and not getattr(self, "_started", True):
                try:
                    started.disconnect(self._initialization_completed)
                except TypeError:
                    pass
            self.table_mode = None
        if self.iface is not None:
            for act in self.actions:
                self.iface.removePluginMenu(self.MENU, act)
                if self.toolbar is not None:
                    self.toolbar.removeAction(act)
                act.deleteLater()
            self.actions = []
            if self.toolbar is not None:
                self.toolbar.deleteLater()
                self.toolbar = None
            if self.dock is not None:
                self.iface.removeDockWidget(self.dock)
                self.dock.close()
                self.dock.deleteLater()
                self.dock = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator(self.translator)
        self.translator = None
