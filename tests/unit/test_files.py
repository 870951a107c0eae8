"""Outputs are written through a temporary file: never half a file, never a stray temporary."""

import os

import pytest

from smartplan_plugin.io.files import path_clashes, replacing, split_layer_spec


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
        ("DEPTH", "FILLED", "./filled.tif")]
    store = str(tmp_path / "b.gpkg")
    # a layer of a GeoPackage read, the whole GeoPackage written: the store would be replaced
    assert path_clashes({"FEEDBACK": store + "|layername=contributions_point"}, {"OUT": store})
    # other layers of one GeoPackage, temporary outputs and unset parameters are fine
    assert not path_clashes({"FEEDBACK": store + "|layername=contributions_point"},
                            {"OUT": f"ogr:dbname='{store}' table=\"linked\" (geom)"})
    assert not path_clashes({"DEM": dem}, {"A": "TEMPORARY_OUTPUT", "B": "TEMPORARY_OUTPUT", "C": None})
    assert split_layer_spec(f"ogr:dbname='{store}' table=\"a b\" (geom)") == (store, "a b")
