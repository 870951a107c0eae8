"""Outputs are written through a temporary file: never half a file, never a stray temporary."""

import os

import pytest

from smartplan_plugin.io.files import replacing


def test_replacing_renames_on_success_and_keeps_the_old_file_on_failure(tmp_path):
    out = tmp_path / "sub" / "summary.pdf"
    with replacing(str(out)) as tmp:
        assert tmp.endswith(".pdf") and os.path.dirname(tmp) == str(out.parent)
        with open(tmp, "w") as fh:
            fh.write("first")
    assert out.read_text() == "first"
    with pytest.raises(RuntimeError), replacing(str(out)) as tmp:
        with open(tmp, "w") as fh:
            fh.write("half")
        open(tmp + "-wal", "w").close()  # a sidecar SQLite may leave
        raise RuntimeError("cancelled")
    assert out.read_text() == "first"
    assert sorted(os.listdir(out.parent)) == ["summary.pdf"]
