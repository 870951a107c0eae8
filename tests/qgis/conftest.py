import gc
import sys

import pytest

from tests.qgis_fixtures import german, plugin, provider_only, registry, write_dem  # noqa: F401


@pytest.fixture(autouse=True)
def _collect_qgis_garbage():
    """Collect reference cycles while QGIS is still running: a layer freed during interpreter
    shutdown, after QGIS has exited, crashes in the OGR connection pool. (A test frame that raised
    through a Processing algorithm can stay referenced from C++: keep no layer objects in such a
    test's locals — see the helpers that open, count and drop layers.)"""
    yield
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):  # set by PyErr_Print
        if hasattr(sys, name):
            setattr(sys, name, None)
    gc.collect()
