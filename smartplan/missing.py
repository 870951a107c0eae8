"""What SmartPlan does when the Python packages it needs are missing from this QGIS: it loads as
a stub that says which package to install, instead of failing at load with a traceback (scipy
and numpy come with QGIS on Windows and macOS; on Debian/Ubuntu they are packages of their own).
Shapely is only needed by the vector analyses, which say so themselves (``core.geometry``)."""

import importlib

REQUIRED = (("numpy", "python3-numpy"), ("scipy", "python3-scipy"))

# the message is shown before SmartPlan's translator is installed: both languages at once
MESSAGE = (
    "SmartPlan braucht die Python-Pakete {names}, die diesem QGIS fehlen — "
    "SmartPlan needs the Python packages {names}, which this QGIS lacks. "
    "Debian/Ubuntu: sudo apt install {debs}; Windows (OSGeo4W Setup): {debs}. "
    "Then restart QGIS / Danach QGIS neu starten."
)


def missing_packages():
    """[(module, Debian package)] of the required packages that cannot be imported."""
    out = []
    for module, deb in REQUIRED:
        try:
            importlib.import_module(module)
        except ImportError:
            out.append((module, deb))
    return out


def message(missing):
    return MESSAGE.format(names=", ".join(m for m, _d in missing), debs=" ".join(d for _m, d in missing))


class MissingDependencies:
    """The plugin object QGIS gets when a required package is missing: it registers nothing and
    says what to install (the message bar in QGIS, the log under qgis_process)."""

    def __init__(self, iface, missing):
        self.iface = iface
        self.text = message(missing)

    def initProcessing(self):  # noqa: N802 (QGIS API)
        from qgis.core import Qgis, QgsMessageLog

        QgsMessageLog.logMessage(self.text, "SmartPlan", Qgis.MessageLevel.Critical)

    def initGui(self):  # noqa: N802 (QGIS API)
        self.initProcessing()
        if self.iface is not None:
            from qgis.core import Qgis

            self.iface.messageBar().pushMessage("SmartPlan", self.text, Qgis.MessageLevel.Critical, 0)

    def unload(self):
        pass
