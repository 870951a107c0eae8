"""Background work for the panel and the planning table: a QgsTask that runs a function off the UI
thread and keeps its result or error for the finished signal."""

import traceback

from qgis.core import QgsTask


def without_frames(exc):
    """The exception without its traceback: the frames may hold GDAL/OGR datasets of the worker
    thread, which must not outlive the run (freed after QGIS exits they corrupt the heap)."""
    if exc.__traceback__ is not None:
        traceback.clear_frames(exc.__traceback__)
    return exc.with_traceback(None)


class BackgroundTask(QgsTask):
    """Runs ``fn`` off the UI thread; ``fn`` gets the task (for isCanceled/setProgress) when
    ``pass_task`` is true. The error is kept without frames and shown by the caller."""

    def __init__(self, description, fn, pass_task=False):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.fn = fn
        self.pass_task = pass_task
        self.result = None
        self.error = None

    def run(self):
        try:
            self.result = self.fn(self) if self.pass_task else self.fn()
            return True
        except Exception as exc:  # noqa: BLE001 - reported to the user by the caller, never swallowed
            self.error = without_frames(exc)
            return False
