"""The accelerator install (io.accelerator) without a network: where it goes, what goes on the
path, a failed install leaves nothing behind, pip's wheel is checked by its SHA-256."""

import hashlib
import os
import sys

import numpy
import pytest

from smartplan.io import accelerator as acc


def test_folder_per_python_and_numpy_and_put_last_on_the_path(tmp_path, monkeypatch):
    tag = f"py{sys.version_info[0]}.{sys.version_info[1]}-numpy{'.'.join(numpy.__version__.split('.')[:2])}"
    assert acc.version_tag() == tag
    folder = os.path.join(tmp_path, "python", "smartplan-accelerator", tag)
    assert acc.accelerator_dir(str(tmp_path)) == folder
    monkeypatch.setattr(sys, "path", list(sys.path))
    assert acc.activate(str(tmp_path)) is None and folder not in sys.path  # nothing installed
    os.makedirs(folder)
    assert acc.activate(str(tmp_path)) == folder and sys.path[-1] == folder  # after QGIS' own numpy
    acc.activate(str(tmp_path))
    assert sys.path.count(folder) == 1


def test_a_failed_install_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)  # no extra index or wheel folder of this machine
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    monkeypatch.delenv("PIP_EXTRA_INDEX_URL", raising=False)
    logged = []
    with pytest.raises(acc.AcceleratorError) as err:
        acc.install(
            str(tmp_path),
            logged.append,
            python=sys.executable,
            index_url="http://127.0.0.1:9/simple",
            retries=0,
            timeout=5,
        )
    assert err.value.code == "pip_failed"
    assert logged[0].startswith("$ ") and "--target" in logged[0]
    base = os.path.join(tmp_path, "python", "smartplan-accelerator")
    assert os.listdir(base) == []  # no half-installed folder, no .part folder


def test_pip_wheel_checked_by_its_checksum(tmp_path):
    data = b"PK fake wheel"
    meta = {
        "urls": [
            {"packagetype": "sdist", "url": "x", "filename": "pip.tar.gz", "digests": {}},
            {
                "packagetype": "bdist_wheel",
                "url": "https://files/pip-26.0-py3-none-any.whl",
                "filename": "pip-26.0-py3-none-any.whl",
                "digests": {"sha256": hashlib.sha256(data).hexdigest()},
            },
        ]
    }
    path = acc.download_pip_wheel(str(tmp_path), lambda url: meta, lambda url: data)
    assert open(path, "rb").read() == data and path.endswith("pip-26.0-py3-none-any.whl")
    with pytest.raises(acc.AcceleratorError, match="checksum"):
        acc.download_pip_wheel(str(tmp_path), lambda url: meta, lambda url: data + b"tampered")


def test_the_python_to_run_pip_with_is_this_python(monkeypatch):
    # inside QGIS sys.executable is QGIS itself: the search must not pick it
    monkeypatch.setattr(sys, "executable", "/usr/bin/qgis")
    exe = acc.find_python()
    assert os.path.basename(exe).startswith("python")
    assert acc._python_version(exe)[:2] == tuple(sys.version_info[:2])
