"""smartplan:installaccelerator — install numba into the QGIS profile (QGIS and qgis_process)."""

from qgis.core import (
    QgsApplication,
    QgsProcessingOutputString,
    QgsProcessingParameterString,
)

from ..core import accel
from ..io import accelerator
from ..io.feedback_qgis import qgis_http, qgis_proxies
from .base import SmartPlanAlgorithm


class InstallAcceleratorAlgorithm(SmartPlanAlgorithm):
    _name = "installaccelerator"
    _group = "setup"

    def displayName(self):  # noqa: N802
        return self.tr("Install accelerator (numba)")

    def shortHelpString(self):  # noqa: N802
        return (
            self.tr(
                "Installs numba, which compiles SmartPlan's sequential hydrology kernels (Priority-Flood, "
                "flats, flow paths): the raster algorithms run about 5-27 times faster with the same "
                "results. pip installs a numba that fits the numpy of this QGIS into a folder of the "
                "QGIS profile ({folder}), one per Python and numpy version; the system Python is not "
                "changed, and deleting the folder undoes it. Active at once in this QGIS and in "
                "qgis_process. Needs access to PyPI or to the package index given below; the proxy of "
                "QGIS' network settings is used."
            ).format(folder=accelerator.FOLDER)
            + "\n\n"
            + self.tr("Headless: qgis_process run smartplan:installaccelerator")
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterString(
                "INDEX_URL",
                self.tr("Package index (empty: PyPI; e.g. the municipality's mirror)"),
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputString("NUMBA_VERSION", self.tr("numba version")))
        self.addOutput(QgsProcessingOutputString("FOLDER", self.tr("Accelerator folder")))

    def _run(self, parameters, context, feedback):
        index_url = self.parameterAsString(parameters, "INDEX_URL", context) or None
        proxies = qgis_proxies()
        http = qgis_http()

        def download_pip(folder):
            feedback.pushInfo(self.tr("This Python has no pip: fetching pip's wheel from PyPI."))
            return accelerator.download_pip_wheel(
                folder, http.get_json, lambda url: http.get(url, cancelled=feedback.isCanceled)[0]
            )

        try:
            python = accelerator.find_python()
            feedback.pushInfo(self.tr("Python of this QGIS: {p}").format(p=python))
            version, folder = accelerator.install(
                QgsApplication.qgisSettingsDirPath(),
                feedback.pushConsoleInfo,
                python=python,
                proxy=(proxies or {}).get("https"),
                index_url=index_url,
                download_pip=download_pip,
                is_cancelled=feedback.isCanceled,
            )
        except accelerator.AcceleratorError as exc:
            self.fail(self.accelerator_error(exc))
        except Exception as exc:  # network errors of the pip download (FeedbackError) and OSError
            self.fail(self.tr("The accelerator could not be installed: {e}").format(e=exc))
        accelerator.activate(QgsApplication.qgisSettingsDirPath())
        accel.refresh()
        st = accel.accelerator_status()
        if st["active"]:
            feedback.pushInfo(
                self.tr(
                    "numba {v} is installed and active; the raster algorithms now "
                    "run compiled (also in qgis_process)."
                ).format(v=st["version"])
            )
        else:
            feedback.pushWarning(
                self.tr("numba {v} is installed in {f}; restart QGIS to use it.").format(v=version, f=folder)
            )
        return {"NUMBA_VERSION": version, "FOLDER": folder}

    def accelerator_error(self, exc):
        msgs = {
            "no_python": self.tr(
                "No Python {version} with numpy {numpy} (the Python of this QGIS) was found to run "
                "pip with. On Windows use the OSGeo4W Shell; on Linux install python3-pip."
            ),
            "no_pip": self.tr("{python} has no pip and pip could not be fetched."),
            "pip_failed": self.tr(
                "pip could not install numba (is PyPI or the package index reachable?). Its last lines:"
            )
            + "\n{tail}",
            "broken": self.tr(
                "numba was installed but does not work with this QGIS' numpy: {error}. Nothing was changed."
            ),
            "checksum": self.tr("The download of {url} is damaged (checksum). Try again."),
            "cancelled": self.tr("Cancelled: no outputs were written."),
        }
        text = msgs.get(exc.code, str(exc))
        try:
            return text.format(**exc.info)
        except (KeyError, IndexError, ValueError):
            return text
