"""Hostile and broken participation data through the importer (no QGIS): every case ends in the
correct result or a clear FeedbackError, never a raw traceback, and a store that was there is
never damaged."""

import json
import os

import pytest

from smartplan.analysis.messages import FeedbackMessages
from smartplan.core.feedback import FeedbackError
from smartplan.io import feedback_store as store
from smartplan.io.feedback_sources import Importer


def fc(features):
    return json.dumps({"type": "FeatureCollection", "features": features})


def feat(props, geom=None):
    return {
        "type": "Feature",
        "geometry": geom or {"type": "Point", "coordinates": [10.0, 53.5]},
        "properties": props,
    }


def imp(tmp_path, name, content, out="s.gpkg"):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return Importer().import_into(str(tmp_path / out), str(path))


def test_vote_counts_beyond_any_integer_are_no_counts(tmp_path):
    res = imp(
        tmp_path,
        "v.geojson",
        fc(
            [
                feat({"id": 1, "title": "a", "votes_pro": "1e400"}),
                feat({"id": 2, "title": "b", "votes_pro": 10**30}),
            ]
        ),
    )
    assert res["total"] == 2
    recs = store.read_store(str(tmp_path / "s.gpkg"))[0]
    assert all(r["votes_pro"] is None for r in recs)


def test_coordinates_sent_as_strings_are_numbers(tmp_path):
    point = {"type": "Point", "coordinates": ["10", "53.5"]}
    imp(tmp_path, "c.geojson", fc([feat({"id": 1, "title": "a"}, point)]))
    (r,) = store.read_store(str(tmp_path / "s.gpkg"))[0]
    assert r["geometry"]["coordinates"] == [10.0, 53.5] and r["located"]


def test_junk_features_are_skipped(tmp_path):
    junk = [None, 1, "a", {"type": "Feature"}, feat({"id": 7, "title": "echt"})]
    res = imp(tmp_path, "j.geojson", fc(junk))
    assert res["total"] == 1


def test_non_finite_coordinates_make_an_unlocated_contribution(tmp_path):
    text = fc([feat({"id": 1, "title": "a"}, {"type": "Point", "coordinates": [0, 0]})]).replace(
        "[0, 0]", "[NaN, 53.5]"
    )
    res = imp(tmp_path, "n.geojson", text)
    assert res["total"] == 1 and res["unlocated"] == 1


def test_deeply_nested_json_is_broken_json(tmp_path):
    with pytest.raises(FeedbackError) as err:
        imp(tmp_path, "deep.geojson", "[" * 100000 + "]" * 100000)
    assert err.value.code == "not_json" and not (tmp_path / "s.gpkg").exists()


def test_a_csv_field_over_128_kb_is_read(tmp_path):
    long = "Wasser " * 40000  # 280 KB of text in one field
    res = imp(tmp_path, "l.csv", f"id,title,text,x,y\n1,Keller,{long},10,53.5\n")
    (r,) = store.read_store(str(tmp_path / "s.gpkg"))[0]
    assert res["total"] == 1 and len(r["text_raw"]) > 131072


def test_a_damaged_store_is_named_and_kept(tmp_path):
    bad = tmp_path / "s.gpkg"
    bad.write_bytes(b"this is no geopackage" * 100)
    before = bad.read_bytes()
    with pytest.raises(FeedbackError) as err:
        imp(tmp_path, "a.geojson", fc([feat({"id": 1, "title": "a"})]))
    assert err.value.code == "store_unreadable" and bad.read_bytes() == before
    assert "cannot be read" in FeedbackMessages().message(err.value)


def test_an_output_folder_that_cannot_exist_is_a_clear_error(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(FeedbackError) as err:
        imp(tmp_path, "a.geojson", fc([feat({"id": 1, "title": "a"})]), out=os.path.join("afile", "s.gpkg"))
    assert err.value.code == "store_write"
    assert "cannot be written" in FeedbackMessages().message(err.value)


@pytest.mark.parametrize("lock", ["BEGIN EXCLUSIVE", "BEGIN IMMEDIATE"])
def test_a_store_held_by_another_program_gets_a_clear_message_and_stays(tmp_path, lock):
    import sqlite3

    out = str(tmp_path / "s.gpkg")
    imp(tmp_path, "a.geojson", fc([feat({"id": 1, "title": "a"})]))
    before = store.read_store(out)[0]
    holder = sqlite3.connect(out, timeout=0)  # e.g. QGIS with an edit session, DB Browser
    holder.execute(lock)
    try:
        with pytest.raises(FeedbackError) as e:
            imp(tmp_path, "b.geojson", fc([feat({"id": 2, "title": "b"})]))
    finally:
        holder.rollback()
        holder.close()
    assert e.value.code == "store_busy"
    assert "in use by another program" in FeedbackMessages().message(e.value)
    assert store.read_store(out)[0] == before


def test_an_unknown_layer_name_lists_the_layers(tmp_path):
    imp(tmp_path, "a.geojson", fc([feat({"id": 1, "title": "a"})]))  # a GeoPackage store to read from
    src = str(tmp_path / "s.gpkg") + "|layername=beitraege"
    with pytest.raises(FeedbackError) as e:
        Importer().import_into(str(tmp_path / "t.gpkg"), src, source_type="gpkg")
    text = FeedbackMessages().message(e.value)
    assert e.value.code == "unknown_layer" and "'beitraege'" in text and "contributions_point" in text
    assert not os.path.exists(tmp_path / "t.gpkg")


def test_a_store_killed_mid_write_is_whole_at_the_next_import(tmp_path):
    """A process killed while it rewrites the store (in its SQLite transaction) leaves a hot
    journal: the next import reads the store as it was before and updates it."""
    import subprocess
    import sys

    out = str(tmp_path / "s.gpkg")
    imp(tmp_path, "a.geojson", fc([feat({"id": i, "title": f"t{i}"}) for i in range(5)]))
    before = store.read_store(out)[0]
    code = (
        f"from osgeo import ogr; import os\nds = ogr.Open({out!r}, 1); ds.StartTransaction()\n"
        "lyr = ds.GetLayerByName('contributions_point')\n"
        "[lyr.DeleteFeature(f.GetFID()) for f in list(lyr)]\nds.ExecuteSQL('PRAGMA cache_size=1')\n"
        "os._exit(9)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    assert os.path.exists(out + "-journal")  # killed inside the transaction
    assert store.read_store(out)[0] == before
    res = imp(tmp_path, "a.geojson", fc([feat({"id": i, "title": f"t{i}"}) for i in range(6)]))
    assert res["counts"]["added"] == 1 and res["counts"]["unchanged"] == 5
