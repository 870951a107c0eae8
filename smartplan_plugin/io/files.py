"""Writing outputs so that nobody ever sees half a file."""

import json
import os
import re
import socket
import time
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


def same_file_key(path):
    """A key under which two spellings of one file compare equal (relative/absolute, symlinks,
    case on Windows); None for what is not a file path (temporary outputs, memory layers)."""
    if not path or not isinstance(path, str) or path.startswith(("memory:", "TEMPORARY_OUTPUT")):
        return None
    return os.path.normcase(os.path.realpath(os.path.abspath(path)))


def split_layer_spec(spec):
    """(file, layer name or None) of a data source string: ``x.gpkg|layername=a``,
    ``ogr:dbname='x.gpkg' table="a" (geom)`` or a plain path."""
    if not isinstance(spec, str):
        return None, None
    s = spec.strip()
    if s.startswith("ogr:"):
        db = re.search(r"dbname='((?:[^'\\]|\\.)*)'", s) or re.search(r"dbname=(\S+)", s)
        table = re.search(r'table="((?:[^"\\]|\\.)*)"', s) or re.search(r"table=(\S+)", s)
        return (db.group(1) if db else None), (table.group(1) if table else None)
    parts = s.split("|")
    layer = None
    for p in parts[1:]:
        if p.startswith("layername="):
            layer = p[len("layername="):]
    return parts[0], layer


def path_clashes(inputs, outputs):
    """Outputs that would destroy an input or another output: ``inputs`` and ``outputs`` are
    {parameter name: data source string}. Returns [(output, other parameter, file)]: an output
    on an input's file (unless both name different layers of one GeoPackage), or two outputs
    on one file and layer."""
    def keyed(items):
        out = []
        for name, spec in items.items():
            path, layer = split_layer_spec(spec)
            key = same_file_key(path)
            if key is not None:
                out.append((name, key, layer, path))
        return out

    ins, outs = keyed(inputs), keyed(outputs)
    clashes = []
    for name, key, layer, path in outs:
        for other, okey, olayer, _ in ins:
            if key == okey and (layer is None or olayer is None or layer == olayer):
                clashes.append((name, other, path))
    for i, (name, key, layer, path) in enumerate(outs):
        for other, okey, olayer, _ in outs[:i]:
            if key == okey and (layer is None or olayer is None or layer == olayer):
                clashes.append((name, other, path))
    return clashes


class Locked(Exception):
    """Another run holds the lock of a file; ``info`` tells who and since when."""

    def __init__(self, path, info):
        super().__init__(f"{path} is locked by {info}")
        self.path = path
        self.info = info


def _alive(info):
    if info.get("host") != socket.gethostname():
        return True  # another machine's run (a shared folder): only its age tells
    try:
        os.kill(int(info.get("pid", 0)), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, ValueError):
        return True
    return True


@contextmanager
def file_lock(path, timeout=30.0, stale_after=3600.0, poll=0.1):
    """Hold ``<path>.lock`` while reading, merging and writing ``path``: a second run (another
    import, QGIS and qgis_process at once) waits up to ``timeout`` seconds, then raises
    ``Locked``. A lock left by a killed run (its process is gone, or it is older than
    ``stale_after``) is taken over. Works on Windows too (exclusive create)."""
    lock = path + ".lock"
    os.makedirs(os.path.dirname(os.path.abspath(lock)), exist_ok=True)
    me = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            with os.fdopen(fd, "w") as fh:
                json.dump(me, fh)
            break
        except FileExistsError:
            try:
                with open(lock) as fh:
                    info = json.load(fh)
            except (OSError, ValueError):
                info = {}
            old = time.time() - float(info.get("since", time.time()))
            if info and (not _alive(info) or old > stale_after):
                try:
                    os.remove(lock)
                except FileNotFoundError:
                    pass
                continue
            if time.monotonic() >= deadline:
                raise Locked(path, info) from None
            time.sleep(poll)
    try:
        yield
    finally:
        try:
            os.remove(lock)
        except FileNotFoundError:
            pass
