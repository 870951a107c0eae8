"""Install the optional accelerator (numba) where QGIS and qgis_process can use it.

QGIS and ``qgis_process`` run on the system's (or OSGeo4W's) Python, not on a venv, and on
Debian 12 ``pip install numba`` is refused there (``externally-managed-environment``). So
SmartPlan installs numba with pip's ``--target`` into a folder of its own inside the QGIS
profile, one folder per Python and numpy version (``py3.11-numpy1.24``), and puts that folder at
the *end* of ``sys.path`` when the plugin loads: QGIS' own numpy always wins, nothing of the
system Python is changed, and removing the folder undoes the install.

pip resolves a numba that fits the numpy QGIS has (a constraint pins numpy to that version);
the numpy pip copies into the folder alongside is removed again before the folder is used, and
the install is checked by importing numba with QGIS' numpy in a fresh interpreter before the
folder gets its final name (never a half-installed accelerator).

No QGIS import here: the Processing algorithm and the panel pass the profile folder, the proxy
and a log callback.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid

FOLDER = "smartplan-accelerator"
PACKAGES = ("numba",)
# what pip copies besides numba and llvmlite that QGIS must not take from the folder
_SHADOWING = ("numpy", "numpy.libs", "bin")  # plus numpy-*.dist-info (by prefix)


class AcceleratorError(Exception):
    """An install that did not work; ``code`` selects the translated message, ``info`` fills it."""

    def __init__(self, code, **info):
        super().__init__(f"{code}: {info}")
        self.code = code
        self.info = info


def version_tag(numpy_version=None, python=sys.version_info):
    """``py3.11-numpy1.24``: a numba build fits one Python minor and a numpy range."""
    if numpy_version is None:
        import numpy

        numpy_version = numpy.__version__
    major_minor = ".".join(str(numpy_version).split(".")[:2])
    return f"py{python[0]}.{python[1]}-numpy{major_minor}"


def accelerator_dir(profile_dir, numpy_version=None):
    """The folder for this Python and numpy inside a QGIS profile's settings folder."""
    return os.path.join(profile_dir, "python", FOLDER, version_tag(numpy_version))


def activate(profile_dir):
    """Put the accelerator folder of this Python/numpy on ``sys.path`` (at the end) when it exists;
    returns the folder or None. Called when the plugin loads, in QGIS and in qgis_process."""
    if not profile_dir:
        return None
    folder = accelerator_dir(profile_dir)
    if os.path.isdir(folder) and folder not in sys.path:
        sys.path.append(folder)
    return folder if os.path.isdir(folder) else None


def _python_version(exe, env=None):
    try:
        out = subprocess.run(
            [
                exe,
                "-c",
                "import sys, numpy; print(sys.version_info[0], sys.version_info[1], numpy.__version__)",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.stdout.split()
    return (int(parts[0]), int(parts[1]), parts[2]) if out.returncode == 0 and len(parts) == 3 else None


def find_python(numpy_version=None):
    """The interpreter QGIS runs on, as a program pip can be run with: inside QGIS
    ``sys.executable`` is QGIS itself (qgis, qgis-bin.exe), so look beside it and on the PATH for
    the Python of the same version that sees the same numpy."""
    import numpy

    want = (sys.version_info[0], sys.version_info[1], numpy_version or numpy.__version__)
    name = f"python{want[0]}.{want[1]}"
    candidates = [
        sys.executable,
        getattr(sys, "_base_executable", None),
        os.path.join(sys.exec_prefix, "python.exe"),  # OSGeo4W, QGIS' Windows installers
        os.path.join(sys.exec_prefix, "bin", name),
        os.path.join(sys.exec_prefix, "bin", "python3"),
        shutil.which(name),
        shutil.which("python3"),
        shutil.which("python"),
    ]
    seen = set()
    for exe in candidates:
        if not exe or exe in seen or not os.path.isfile(exe):
            continue
        seen.add(exe)
        if os.path.basename(exe).lower().startswith(("qgis", "qgis_process")):
            continue
        if _python_version(exe) == want:
            return exe
    raise AcceleratorError("no_python", version=f"{want[0]}.{want[1]}", numpy=want[2])


def pip_command(python, download_pip=None):
    """[python, -m, pip] when that Python has pip; otherwise pip run from its wheel, fetched by
    ``download_pip()`` (returns the wheel's path): Debian's QGIS has no pip unless python3-pip
    is installed, and ``ensurepip`` is disabled there."""
    try:
        ok = subprocess.run([python, "-m", "pip", "--version"], capture_output=True, timeout=120)
        if ok.returncode == 0:
            return [python, "-m", "pip"]
    except (OSError, subprocess.SubprocessError):
        pass
    if download_pip is None:
        raise AcceleratorError("no_pip", python=python)
    wheel = download_pip()
    return [python, os.path.join(wheel, "pip")]


def download_pip_wheel(folder, get_json, get_bytes):
    """Fetch pip's newest wheel from PyPI into ``folder`` with the given HTTP functions (the
    caller's, so proxy, timeouts and retries are QGIS'); checks the SHA-256 PyPI lists."""
    import hashlib

    meta = get_json("https://pypi.org/pypi/pip/json")
    wheel = next(u for u in meta["urls"] if u["packagetype"] == "bdist_wheel")
    data = get_bytes(wheel["url"])
    if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
        raise AcceleratorError("checksum", url=wheel["url"])
    path = os.path.join(folder, wheel["filename"])
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def _clean_env(env=None):
    env = dict(os.environ if env is None else env)
    # the child Python must see QGIS' numpy, not a folder that shadows it
    env.pop("PYTHONHOME", None)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PYTHONNOUSERSITE"] = "1"
    return env


def verify(python, folder, env=None):
    """Import numba from ``folder`` beside QGIS' numpy in a new interpreter and compile one small
    function; returns numba's version or raises."""
    code = (
        "import sys; sys.path.append(sys.argv[1]); import numpy, numba; "
        "f = numba.njit(lambda a: a.sum()); f(numpy.arange(3.0)); "
        "assert not numpy.__file__.startswith(sys.argv[1]), numpy.__file__; "
        "print(numba.__version__)"
    )
    out = subprocess.run(
        [python, "-c", code, folder], capture_output=True, text=True, timeout=600, env=_clean_env(env)
    )
    if out.returncode != 0:
        raise AcceleratorError("broken", error=(out.stderr or out.stdout).strip().splitlines()[-1:])
    return out.stdout.strip().splitlines()[-1]


def install(
    profile_dir,
    log,
    python=None,
    proxy=None,
    index_url=None,
    download_pip=None,
    is_cancelled=lambda: False,
    packages=PACKAGES,
    retries=3,
    timeout=60,
):
    """Install numba for this Python and numpy into the profile; returns (version, folder).

    ``log(text)`` gets pip's output line by line (no secrets: a proxy's password is not logged).
    Installs into a temporary folder, removes numpy, verifies, then renames: a failed or
    cancelled install leaves the previous accelerator (or none) as it was."""
    import numpy

    python = python or find_python()
    final = accelerator_dir(profile_dir, numpy.__version__)
    parent = os.path.dirname(final)
    os.makedirs(parent, exist_ok=True)
    tmp = os.path.join(parent, f".{os.path.basename(final)}.{uuid.uuid4().hex}.part")
    with tempfile.TemporaryDirectory() as work:
        pip = pip_command(python, None if download_pip is None else (lambda: download_pip(work)))
        constraints = os.path.join(work, "constraints.txt")
        with open(constraints, "w") as fh:
            fh.write(f"numpy=={numpy.__version__}\n")
        cmd = [
            *pip,
            "install",
            "--target",
            tmp,
            "--no-input",
            "--only-binary",
            ":all:",
            "--constraint",
            constraints,
            "--progress-bar",
            "off",
            "--retries",
            str(retries),
            "--timeout",
            str(timeout),
            *packages,
        ]
        if proxy:
            cmd += ["--proxy", proxy]
        if index_url:
            cmd += ["--index-url", index_url]
        shown = [c if c != proxy else "<proxy>" for c in cmd]
        log("$ " + " ".join(shown))
        try:
            lines = []
            with subprocess.Popen(
                cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_clean_env()
            ) as proc:
                for line in proc.stdout:
                    line = line.rstrip()
                    if proxy and proxy in line:
                        line = line.replace(proxy, "<proxy>")
                    lines.append(line)
                    log(line)
                    if is_cancelled():
                        proc.kill()
                        raise AcceleratorError("cancelled")
            if proc.returncode != 0:
                raise AcceleratorError("pip_failed", tail="\n".join(lines[-5:]))
            for name in os.listdir(tmp):
                if name in _SHADOWING or name.startswith(("numpy-", "numpy.")):
                    path = os.path.join(tmp, name)
                    shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
            version = verify(python, tmp)
            if os.path.isdir(final):
                shutil.rmtree(final)
            os.replace(tmp, final)
        finally:
            if os.path.isdir(tmp):
                shutil.rmtree(tmp, ignore_errors=True)
    with open(os.path.join(final, "smartplan-accelerator.json"), "w") as fh:
        json.dump({"numba": version, "numpy": numpy.__version__, "python": sys.version.split()[0]}, fh)
    return version, final
