"""Outputs are written through a temporary file: never half a file, never a stray temporary."""

import os
import subprocess
import sys
import time

import pytest

from smartplan.io.files import HOST, Staging, path_clashes, pid_alive, replacing, split_layer_spec


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


def test_an_output_on_an_input_or_on_another_output_is_a_clash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dem = str(tmp_path / "dgm.tif")
    assert path_clashes({"DEM": dem}, {"FILLED": "dgm.tif"}) == [("FILLED", "DEM", "dgm.tif")]
    assert path_clashes({"DEM": dem}, {"FILLED": "filled.tif", "DEPTH": "./filled.tif"}) == [
        ("DEPTH", "FILLED", "./filled.tif")
    ]
    store = str(tmp_path / "b.gpkg")
    # a layer of a GeoPackage read, the whole GeoPackage written: the store would be replaced
    assert path_clashes({"FEEDBACK": store + "|layername=contributions_point"}, {"OUT": store})
    # other layers of one GeoPackage, temporary outputs and unset parameters are fine
    assert not path_clashes(
        {"FEEDBACK": store + "|layername=contributions_point"},
        {"OUT": f"ogr:dbname='{store}' table=\"linked\" (geom)"},
    )
    assert not path_clashes({"DEM": dem}, {"A": "TEMPORARY_OUTPUT", "B": "TEMPORARY_OUTPUT", "C": None})
    assert split_layer_spec(f"ogr:dbname='{store}' table=\"a b\" (geom)") == (store, "a b")


def dead_pid():
    """The pid of a process that has just ended."""
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_pid_alive_without_sending_a_signal():
    assert pid_alive(os.getpid())
    assert not pid_alive(dead_pid())


def test_temporaries_of_killed_writers_are_removed_by_the_next_write(tmp_path):
    gone, old = dead_pid(), time.time() - 7200
    stale = [
        f".store.{gone}-{HOST}-0123456789ab.part.gpkg",  # its writer is gone
        f".store.{gone}-{HOST}-0123456789ab.part.gpkg-wal",
        ".store.0123456789abcdef0123456789abcdef.part.gpkg",  # an earlier version's, 2 h old
        f".smartplan-part-{gone}-{HOST}-0123456789ab",
    ]  # a killed algorithm's staging folder
    keep = [
        f".store.{os.getpid()}-{HOST}-0123456789ab.part.gpkg",  # a writer still at work
        ".other.fedcba9876543210fedcba9876543210.part.gpkg",  # unknown writer, recent
        "notes.txt",
    ]
    for name in stale + keep:
        if name.startswith(".smartplan-part-"):
            (tmp_path / name).mkdir()
            (tmp_path / name / "sinks.gpkg").write_bytes(b"half")
        else:
            (tmp_path / name).write_bytes(b"x" * 100)
    os.utime(tmp_path / stale[2], (old, old))
    with replacing(str(tmp_path / "store.gpkg")) as tmp:
        open(tmp, "w").close()
    assert sorted(os.listdir(tmp_path)) == sorted(keep + ["store.gpkg"])


def test_staging_moves_all_outputs_at_the_end_or_none(tmp_path):
    (tmp_path / "sinks.gpkg").write_text("earlier run")
    st = Staging()
    a, b = st.path(str(tmp_path / "sinks.gpkg")), st.path(str(tmp_path / "sub" / "filled.tif"))
    assert os.path.basename(a) == "sinks.gpkg"  # the same file name: a GeoPackage table keeps its name
    assert os.path.dirname(a) != str(tmp_path) and os.path.basename(os.path.dirname(a)).startswith(".")
    assert st.path(str(tmp_path / "sinks.gpkg")) == a
    for p in (a, b, b + ".aux.xml"):
        with open(p, "w") as fh:
            fh.write("new")
    assert st.final(a + "|layername=sinks") == str(tmp_path / "sinks.gpkg") + "|layername=sinks"
    assert (tmp_path / "sinks.gpkg").read_text() == "earlier run"  # nothing final before the end
    st.commit()
    assert (tmp_path / "sinks.gpkg").read_text() == "new"
    assert sorted(os.listdir(tmp_path / "sub")) == ["filled.tif", "filled.tif.aux.xml"]
    assert sorted(os.listdir(tmp_path)) == ["sinks.gpkg", "sub"]
    # a run that fails: its files vanish, the earlier outputs stay
    st = Staging()
    with open(st.path(str(tmp_path / "sinks.gpkg")), "w") as fh:
        fh.write("half")
    st.rollback()
    assert (tmp_path / "sinks.gpkg").read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["sinks.gpkg", "sub"]
