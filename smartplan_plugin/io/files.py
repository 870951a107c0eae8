"""Writing outputs so that nobody ever sees half a file."""

import os
import uuid
from contextlib import contextmanager

# files SQLite and GDAL may leave beside a file they wrote
SIDECARS = ("-wal", "-shm", "-journal", ".aux.xml")


@contextmanager
def replacing(path):
    """Yield a hidden temporary path beside ``path`` (same extension, so drivers and matplotlib
    pick the same format). When the block succeeds it is renamed to ``path``; when it fails or
    is cancelled, it and its sidecars are removed and ``path`` is left as it was."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    base, ext = os.path.splitext(os.path.basename(path))
    tmp = os.path.join(folder, f".{base}.{uuid.uuid4().hex}.part{ext}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        for f in (tmp, *(tmp + s for s in SIDECARS)):
            if os.path.exists(f):
                os.remove(f)
