"""Ctrl+C and ``kill`` stop a headless run cleanly: while an algorithm runs in the main thread
(``qgis_process``, a script), SIGINT and SIGTERM cancel its feedback, so the run stops at the
next check, removes what it had started to write and ends with an error (exit code 1 in
``qgis_process``) instead of finishing, or being killed mid-write. A second signal interrupts
at once. In QGIS' GUI the algorithms run in a background task: nothing is changed there."""

import signal
import threading
from contextlib import contextmanager

SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s)


@contextmanager
def cancel_on_signals(feedback):
    """Yields a list that receives the name of the signal that cancelled the run."""
    received = []
    if feedback is None or threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handler(signum, frame):
        if received:  # asked twice: stop now
            raise KeyboardInterrupt
        received.append(signal.Signals(signum).name)
        feedback.cancel()

    previous = {}
    for sig in SIGNALS:
        try:
            previous[sig] = signal.signal(sig, handler)
        except (ValueError, OSError):  # not the main interpreter, or not allowed here
            pass
    try:
        yield received
    finally:
        for sig, old in previous.items():
            try:
                signal.signal(sig, old if old is not None else signal.SIG_DFL)
            except (ValueError, OSError, TypeError):
                pass
