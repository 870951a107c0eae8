"""Writing outputs so that nobody ever sees half a file."""

import os
import re
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
