"""Writing outputs so that nobody ever sees half a file."""

import json
import os
import re
import shutil
import socket
import time
import uuid
from contextlib import contextmanager

# files SQLite and GDAL may leave beside a file they wrote
SIDECARS = ("-wal", "-shm", "-journal", ".aux.xml")


HOST = re.sub(r"[^A-Za-z0-9_]", "_", socket.gethostname())[:40] or "host"
STAGING_PREFIX = ".smartplan-part-"
# hidden temporaries: '.<name>.<pid>-<host>-<hex>.part<ext>' (this version) or
# '.<name>.<32 hex>.part<ext>' (earlier versions, no writer recorded)
_TEMP = re.compile(r"^\.(?P<base>.+)\.(?:(?P<pid>\d+)-(?P<host>\w+)-)?[0-9a-f]{8,32}\.part(?P<ext>\.[^.]+)")
_STAGING = re.compile(re.escape(STAGING_PREFIX) + r"(?P<pid>\d+)-(?P<host>\w+)-[0-9a-f]+$")
STALE_WITHOUT_WRITER = 3600.0  # seconds: a temporary whose writer is unknown is stale after this


def pid_alive(pid):
    """Whether process ``pid`` of this machine is running (no signal is sent; on Windows
    ``os.kill(pid, 0)`` would stop it, so the process table is asked instead)."""
    pid = int(pid)
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _writer_gone(pid, host, mtime, now=None):
    if pid is None:  # an earlier version's temporary: only its age tells
        return (now or time.time()) - mtime > STALE_WITHOUT_WRITER
    if host != HOST:  # another machine's run on a shared folder
        return (now or time.time()) - mtime > 24 * STALE_WITHOUT_WRITER
    return not pid_alive(pid)


_SWEPT = {}  # folder -> when this process last looked for stale temporaries in it
SWEEP_EVERY = 60.0  # seconds: a work folder with thousands of tiles is listed once a minute


def remove_stale_temporaries(folder, every=None):
    """Remove what killed runs left in ``folder``: hidden ``.part`` files and staging folders
    whose writing process is gone (or, without a recorded writer, older than an hour).
    With ``every`` (seconds), only when this process has not looked in the last ``every``
    seconds. Returns the names removed."""
    removed = []
    if every is not None:
        now = time.monotonic()
        key = os.path.abspath(folder)
        if now - _SWEPT.get(key, -every - 1) < every:
            return removed
        _SWEPT[key] = now
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        full = os.path.join(folder, name)
        m = _STAGING.match(name) or _TEMP.match(name)
        if not m:
            continue
        try:
            if not _writer_gone(m.group("pid"), m.group("host"), os.path.getmtime(full)):
                continue
            if os.path.isdir(full):
                shutil.rmtree(full)
            else:
                os.remove(full)
            removed.append(name)
        except OSError:
            pass
    return removed


def temporary_name(path):
    """A hidden name beside ``path`` with the same extension (so drivers and matplotlib pick the
    same format) that records the writing process, so a later run can tell it is stale."""
    folder = os.path.dirname(os.path.abspath(path))
    base, ext = os.path.splitext(os.path.basename(path))
    return os.path.join(folder, f".{base}.{os.getpid()}-{HOST}-{uuid.uuid4().hex[:12]}.part{ext}")


@contextmanager
def replacing(path):
    """Yield a hidden temporary path beside ``path``. When the block succeeds it is renamed to
    ``path``; when it fails or is cancelled, it and its sidecars are removed and ``path`` is left
    as it was. Temporaries of killed runs in that folder are removed first."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    remove_stale_temporaries(folder, SWEEP_EVERY)
    tmp = temporary_name(path)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        for f in (tmp, *(tmp + s for s in SIDECARS)):
            if os.path.exists(f):
                os.remove(f)


class Staging:
    """The outputs of one run are written into a hidden folder beside their final place
    (``.smartplan-part-<pid>-<host>-<hex>``, the file names unchanged, so a GeoPackage's
    table keeps its name) and moved to their final names only when the whole run succeeded
    (``commit``). A failed or cancelled run removes the folder (``rollback``); one that was
    killed leaves only that hidden folder, which the next run in the folder removes."""

    def __init__(self):
        self.folders = {}  # final folder -> staging folder
        self.files = {}  # final path -> staged path

    def path(self, final):
        final = os.path.abspath(final)
        if final in self.files:
            return self.files[final]
        folder = os.path.dirname(final)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            remove_stale_temporaries(folder)
            stage = os.path.join(folder, f"{STAGING_PREFIX}{os.getpid()}-{HOST}-{uuid.uuid4().hex[:12]}")
            os.mkdir(stage)
            self.folders[folder] = stage
        self.files[final] = os.path.join(self.folders[folder], os.path.basename(final))
        return self.files[final]

    def final(self, value):
        """``value`` (a path or data source string) with a staged file replaced by its final path."""
        if not isinstance(value, str):
            return value
        for final, staged in self.files.items():
            if value == staged:
                return final
            if value.startswith(staged + "|"):
                return final + value[len(staged) :]
        return value

    def commit(self):
        """Move every staged file (and what GDAL wrote beside it) to its final folder."""
        for folder, stage in list(self.folders.items()):
            for name in sorted(os.listdir(stage)):
                src, dst = os.path.join(stage, name), os.path.join(folder, name)
                if _TEMP.match(name):
                    continue  # a writer's own temporary: not an output
                if os.path.isdir(src) and os.path.isdir(dst):
                    shutil.rmtree(dst)
                os.replace(src, dst)
            shutil.rmtree(stage, ignore_errors=True)
            del self.folders[folder]

    def rollback(self):
        for stage in self.folders.values():
            shutil.rmtree(stage, ignore_errors=True)
        self.folders.clear()


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
            layer = p[len("layername=") :]
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
        return pid_alive(info.get("pid", 0))
    except (TypeError, ValueError):
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
