"""Citizen feedback: parsers, cleaning, coordinates, merge, statistics, privacy — and the importer
against a local fake DIPAS / OGC API / WFS server with the edge cases of feedback-formats.md."""

import json
import os

import pytest

from smartplan.core import feedback as fb
from smartplan.io import feedback_store as store
from smartplan.io.feedback_sources import Importer, detect_source_type, source_identity
from smartplan.io.http import Http, proxies_from_settings, safe_url
from tests.fake_dipas import LONG_TEXT, FakeDipas, realistic_contributions


@pytest.fixture()
def server():
    with FakeDipas() as s:
        yield s


def fast_http(**kw):
    return Http(timeout=kw.pop("timeout", (2.0, 2.0)), retries=kw.pop("retries", 1), backoff=0.05, **kw)


# ------------------------------------------------------------------ core
def test_clean_text_strips_markup_and_decodes_entities():
    raw = (
        "<p>Radweg &amp;amp; Gehweg &uuml;berflutet</p><br>Zweite Zeile &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert fb.clean_text(raw) == "Radweg & Gehweg überflutet\n\nZweite Zeile alert(1)"
    assert fb.clean_text("a\r\n\r\n\r\n\r\nb  c") == "a\n\nb c"
    assert fb.clean_text("x" * 300, 255).endswith("…") and len(fb.clean_text("x" * 300, 255)) == 255
    assert fb.clean_text("  ") is None and fb.clean_text(None) is None


def test_clean_text_drops_a_tag_left_open():
    # a browser reads an unclosed '<img …' at the end as a tag: it must not survive
    assert fb.clean_text('Keller voll <img src=x onerror="alert(1)" ') == "Keller voll"
    assert fb.clean_text("Keller &lt;img src=x onerror=alert(1)") == "Keller"
    # a '<' that cannot open a tag is text
    assert fb.clean_text("Pegel < 5 cm, ich <3 Bäume") == "Pegel < 5 cm, ich <3 Bäume"


def test_values_and_sentinels():
    assert (
        fb.to_int("12") == 12
        and fb.to_int(" 3.0") == 3
        and fb.to_int("-") is None
        and fb.to_int("none") is None
    )
    assert fb.clean_value("none") is None and fb.clean_value(" Verkehr ") == "Verkehr"
    assert fb.parse_date("2022-06-01T14:03:22Z") == "2022-06-01T14:03:22Z"
    assert fb.parse_date("01.06.2022 14:03") == "2022-06-01T14:03:00Z"
    assert fb.parse_date("2022-06-01T16:03:22+02:00") == "2022-06-01T14:03:22Z"
    assert fb.parse_date("gestern") is None


@pytest.mark.parametrize(
    "xs,ys,label,expected",
    [
        ([9.99, 10.01], [53.55, 53.56], None, (4326, False)),  # lon/lat
        ([53.55, 53.56], [9.99, 10.01], None, (4326, True)),  # swapped lat/lon (Hamburg)
        ([565000, 566000], [5933000, 5934000], None, (25832, False)),  # UTM 32
        ([390000, 391000], [5819000, 5820000], "EPSG:25833", (25833, False)),  # UTM 33 by its label
        ([390000, 391000], [5819000, 5820000], "4326", (25832, False)),  # a wrong label is not trusted
        ([3565000, 3566000], [5933000, 5934000], None, (31467, False)),  # Gauß-Krüger zone 3
        ([4590000, 4591000], [5820000, 5821000], None, (31468, False)),  # GK zone 4
    ],
)
def test_coordinate_detection(xs, ys, label, expected):
    assert fb.detect_crs(xs, ys, label) == expected


BERLIN_33 = (392000.0, 5820000.0)  # Alexanderplatz in EPSG:25833
BERLIN_32 = (798000.0, 5828000.0)  # the same place in EPSG:25832


def berlin_rows(xy):
    return [
        {"Nr": str(i), "Betreff": "Pfütze", "X": str(xy[0] + 10 * i), "Y": str(xy[1] + 5 * i)}
        for i in range(3)
    ]


MAP = {"contribution_id": "Nr", "title": "Betreff", "x": "X", "y": "Y"}


def lonlat(recs):
    return recs[0]["geometry"]["coordinates"]


def test_utm_zone_33_told_apart_from_the_context_and_the_assumption_said():
    # Berlin's EPSG:25833 coordinates also lie in Germany read as zone 32 (near Dortmund): with no
    # label and no hint they are taken as 25832, and the assumption is recorded for a warning
    with fb.crs_context() as crs:
        recs = fb.parse_mapped(berlin_rows(BERLIN_33), MAP, "h", "p", "csv")
    assert lonlat(recs)[0] == pytest.approx(7.4, abs=0.1)
    assert crs.assumed == [
        ("assumed_crs", {"epsg": 25832, "other": 25833, "from_project": False, "in_germany": True})
    ]
    # the QGIS project in EPSG:25833 (a Berlin user) decides it: Alexanderplatz, 13.41 °E 52.52 °N
    with fb.crs_context(25833) as crs:
        recs = fb.parse_mapped(berlin_rows(BERLIN_33), MAP, "h", "p", "csv")
    assert lonlat(recs) == [pytest.approx(13.41, abs=0.01), pytest.approx(52.52, abs=0.01)]
    assert crs.assumed[0][1]["from_project"] is True and crs.assumed[0][1]["epsg"] == 25833
    # a CRS given in the mapping is used and nothing is assumed
    with fb.crs_context() as crs:
        recs = fb.parse_mapped(berlin_rows(BERLIN_33), dict(MAP, crs="EPSG:25833"), "h", "p", "csv")
    assert lonlat(recs)[0] == pytest.approx(13.41, abs=0.01) and crs.assumed == []
    # the same place in zone 32 coordinates fits only zone 32 in Germany (zone 33: Poland): no doubt
    with fb.crs_context(25833) as crs:
        recs = fb.parse_mapped(berlin_rows(BERLIN_32), MAP, "h", "p", "csv")
    assert lonlat(recs) == [pytest.approx(13.41, abs=0.02), pytest.approx(52.52, abs=0.02)]
    assert crs.assumed == []
    # Gauß-Krüger zone 4 (Berlin in EPSG:31468) by the x prefix
    assert fb.detect_crs([4596000, 4597000], [5821000, 5822000]) == (31468, False)


def test_coordinates_brought_to_lonlat():
    (g,), epsg, _ = fb.to_lonlat([{"type": "Point", "coordinates": [566253.46, 5933921.42]}])
    assert epsg == 25832 and g["coordinates"] == [
        pytest.approx(10.0, abs=1e-4),
        pytest.approx(53.55, abs=1e-4),
    ]
    (g,), _, swapped = fb.to_lonlat([{"type": "Point", "coordinates": [53.55, 10.0]}])
    assert swapped and g["coordinates"] == [10.0, 53.55]
    with pytest.raises(fb.FeedbackError):
        fb.detect_crs([1e9], [1e9])


def test_pds_parser_edge_cases():
    fc = {"type": "FeatureCollection", "features": realistic_contributions()}
    recs, _ = fb.parse_pds_contributions(
        fc,
        "beteiligung.example.org",
        "p1",
        {"type": "Polygon", "coordinates": fc["features"][3]["geometry"]["coordinates"]},
    )
    by = {r["contribution_id"]: r for r in recs}
    assert len(recs) == 24 and by["1001"]["votes_pro"] == 12 and by["1001"]["votes_contra"] == 3
    assert by["1001"]["rating"] == 9 and by["1001"]["comments_count"] == 2
    assert by["1002"]["category"] is None and by["1002"]["rubric"] is None
    assert not by["1003"]["located"] and by["1003"]["geometry"] is None  # project area substituted
    assert not by["1004"]["located"] and by["1004"]["geometry"] is None  # [0, 0]
    assert by["1005"]["geometry_type"] == "LineString" and by["1006"]["geometry_type"] == "Polygon"
    assert "<" not in by["1007"]["text"] and "&" in by["1007"]["text"] and "<p>" in by["1007"]["text_raw"]
    assert by["1008"]["text"] == LONG_TEXT.strip()
    assert by["1010"]["title"] == "Unterführung voll"
    assert by["1000"]["uid"] == "beteiligung.example.org|p1|1000"  # numeric and string ids alike
    assert "someNewServerField" in by["1000"]["extra"]  # unknown keys kept, not lost
    assert by["1001"]["keywords"] == "Starkregen, Keller"


def test_both_category_shapes_and_styles():
    assert fb.standard_categories({"1": "Verkehr", "2": "Grün"}) == ["Verkehr", "Grün"]
    assert fb.standard_categories(
        {"1": {"name": "Verkehr", "weight": 5}, "2": {"name": "Grün", "weight": 1}}
    ) == ["Grün", "Verkehr"]
    assert fb.standard_categories(json.dumps([{"name": "A", "weight": 2}, {"name": "B", "weight": 1}])) == [
        "B",
        "A",
    ]
    st = fb.category_styles(["Verkehr", "Neu"], {"Verkehr": {"colour": "#e10019", "weight": 1}})
    assert st["Verkehr"]["colour"] == "#e10019" and st["Neu"]["colour"].startswith("#")
    ls = fb.categories_from_layerstyles(
        [
            {
                "styleId": "contributions",
                "rules": [
                    {
                        "conditions": {"properties": {"Thema": "Wasser"}},
                        "style": {"polygonFillColor": [10, 90, 180, 0.3]},
                    }
                ],
            }
        ]
    )
    assert ls["Wasser"]["colour"] == "#0a5ab4"


def test_merge_updates_adds_withdraws_and_refuses_suspicious_empty():
    def rec(cid, title, host="h", project="p"):
        r = fb.new_record(
            source_host=host, project_id=project, contribution_id=cid, title=title, located=False
        )
        r["geometry"] = None
        return r

    old, c = fb.merge([], [rec("1", "a"), rec("2", "b"), rec("9", "x", project="other")], "h", "p")
    assert c["added"] == 3
    new, c = fb.merge(old, [rec("1", "a"), rec("2", "B!"), rec("3", "c")], "h", "p")
    assert (c["added"], c["updated"], c["unchanged"], c["withdrawn"]) == (1, 1, 1, 0)
    new, c = fb.merge(new, [rec("1", "a")], "h", "p")
    assert c["withdrawn"] == 2
    by = {r["uid"]: r for r in new}
    assert by["h|p|2"]["status"] == "withdrawn" and by["h|p|2"]["title"] == "B!"  # kept, marked
    assert by["h|other|9"]["status"] == "active"  # another project is untouched
    assert len(new) == 4  # never duplicated
    with pytest.raises(fb.FeedbackError) as e:
        fb.merge(new, [], "h", "p")
    assert e.value.code == "suspicious_empty"
    with pytest.raises(fb.FeedbackError):
        fb.merge([], [], "h", "p", expected=12)
    again, c = fb.merge(new, [rec("1", "a"), rec("2", "B!")], "h", "p")
    assert c["restored"] == 1 and {r["uid"]: r for r in again}["h|p|2"]["status"] == "active"


def test_privacy_public_view_and_redaction():
    text = (
        "Bitte melden: max.mustermann@example.org oder 040 123 456 78, seit 2021 jedes Jahr. +49 (40) 1234567"
    )
    red = fb.redact(text)
    assert "example.org" not in red and "123 456" not in red and "1234567" not in red
    assert "2021" in red and "[E-Mail entfernt]" in red and red.count("[Telefon entfernt]") == 2
    r = fb.new_record(
        source_host="h",
        project_id="p",
        contribution_id="1",
        title="t",
        text=text,
        author="Max",
        email="m@x.de",
    )
    pub = fb.public_view(r)
    assert "author" not in pub and "email" not in pub and "extra" not in pub and "text_raw" not in pub
    assert "example.org" not in pub["text"]


def test_filter_and_statistics():
    fc = {"type": "FeatureCollection", "features": realistic_contributions()}
    recs, _ = fb.parse_pds_contributions(fc, "h", "p1")
    wasser = [r for r in recs if fb.matches(r, categories={"Wasser"})]
    assert len(wasser) == 7 and all(r["category"] == "Wasser" for r in wasser)
    assert all(
        fb.matches(r, text="unterführung")
        for r in recs
        if "Unterführung" in (r["title"] or "") + (r["text"] or "")
    )
    assert not any(
        fb.matches(r, date_from="2024-05-10", date_to="2024-05-12")
        for r in recs
        if r["created"][:10] not in ("2024-05-10", "2024-05-11", "2024-05-12")
    )
    assert all((r["rating"] or 0) >= 5 for r in recs if fb.matches(r, min_votes=5))
    st = fb.statistics(recs, styles={"Wasser": {"colour": "#0a5ab4"}})
    assert st["total"] == 24 and st["comments"] == sum(r["comments_count"] or 0 for r in recs)
    assert dict((c, n) for c, n, _ in st["per_category"]) == {"Verkehr": 8, "Grün": 8, "Wasser": 7, "—": 1}
    assert ("Wasser", 7, "#0a5ab4") in st["per_category"]
    assert st["top_rating"][0]["rating"] == max(r["rating"] for r in recs)
    assert sum(n for _, n in st["per_day"]) == 24 and st["keywords"][0][0] == "Starkregen"


def test_mapping_guess_and_generic_csv(tmp_path):
    csv = tmp_path / "meinberlin.csv"
    csv.write_text(
        "id;title;description;category;location_lon;location_lat;creator;creator_email\n"
        "1;Baum;Mehr Schatten;Grün;13.40;52.52;Erika;erika@example.org\n"
        "2;Pfütze;Wasser steht;Wasser;13.41;52.53;Max;max@example.org\n",
        encoding="utf-8-sig",
    )
    imp = Importer(http=fast_http())
    res = imp.import_into(str(tmp_path / "out.gpkg"), str(csv))
    assert res["source_type"] == "csv" and res["total"] == 2 and res["unlocated"] == 0
    assert res["mapping"]["x"] == "location_lon" and res["mapping"]["author"] == "creator"
    recs, _, styles, _ = store.read_store(str(tmp_path / "out.gpkg"))
    r = {x["contribution_id"]: x for x in recs}["1"]
    assert r["geometry"]["coordinates"] == [13.40, 52.52] and r["author"] == "Erika"
    assert set(styles) == {"Grün", "Wasser"}


def geojson_export(folder, ids):
    folder.mkdir(exist_ok=True)
    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [10.0 + i / 1000, 53.5]},
            "properties": {"id": i, "title": f"Hinweis {i}", "text": "x"},
        }
        for i in ids
    ]
    path = folder / "export.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    return str(path)


def test_two_files_of_one_name_are_two_sources(tmp_path):
    """b/export.geojson imported after a/export.geojson overwrote a's contributions (same file
    name = same source): the source is the file, not its name."""
    out = str(tmp_path / "store.gpkg")
    a = geojson_export(tmp_path / "a", [1, 2, 3])
    b = geojson_export(tmp_path / "b", [1, 2])
    Importer().import_into(out, a)
    res = Importer().import_into(out, b)
    assert res["counts"]["added"] == 2 and res["counts"]["withdrawn"] == 0 and res["total"] == 5
    res = Importer().import_into(out, os.path.join(str(tmp_path), "a", ".", "export.geojson"))
    assert res["counts"]["unchanged"] == 3 and res["counts"]["added"] == 0  # same file, other spelling
    recs, _, _, _ = store.read_store(out)
    assert all(str(tmp_path) not in r["uid"] for r in recs)  # the uid does not reveal the folder


def test_a_store_of_an_earlier_version_is_taken_over(tmp_path):
    """Records stored under a file's bare name (earlier versions) belong to that file at its
    next import: updated, not duplicated."""
    out = str(tmp_path / "store.gpkg")
    a = geojson_export(tmp_path / "a", [1, 2, 3])
    Importer().import_into(out, a)
    recs, comments, styles, log = store.read_store(out)
    old = [
        dict(
            r,
            source_host="file:export.geojson",
            uid=fb.make_uid("file:export.geojson", r["project_id"], r["contribution_id"]),
        )
        for r in recs
    ]
    store.write_store(out, old, comments, styles, log)
    res = Importer().import_into(out, a)
    assert res["counts"]["added"] == 0 and res["counts"]["unchanged"] == 3 and res["total"] == 3
    assert {r["source_host"] for r in store.read_store(out)[0]} == {source_identity(a)}


def test_duplicate_ids_are_reported_and_never_merged(tmp_path):
    """Duplicate ids were merged silently (a located contribution replaced by an unlocated one,
    a first import reporting 'updated'). An identical copy is stored once; a differing one is
    kept as '<id>~2'; the summary says so."""
    path = tmp_path / "dups.geojson"
    pt = {"type": "Point", "coordinates": [10.0, 53.5]}
    feats = [
        {"type": "Feature", "geometry": pt, "properties": {"id": 1, "title": "Keller voll", "text": "a"}},
        {"type": "Feature", "geometry": pt, "properties": {"id": 1, "title": "Keller voll", "text": "a"}},
        {"type": "Feature", "geometry": None, "properties": {"id": 1, "title": "Anderes", "text": "b"}},
        {"type": "Feature", "geometry": pt, "properties": {"id": 2, "title": "Pfütze", "text": "c"}},
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    out = str(tmp_path / "s.gpkg")
    res = Importer().import_into(out, str(path))
    assert res["counts"]["added"] == 3 and res["counts"]["updated"] == 0
    recs = {r["contribution_id"]: r for r in store.read_store(out)[0]}
    assert set(recs) == {"1", "1~2", "2"}
    assert recs["1"]["title"] == "Keller voll" and recs["1"]["located"]  # the located one keeps its id
    assert recs["1~2"]["title"] == "Anderes" and not recs["1~2"]["located"]
    (dup,) = [w[1] for w in res["warnings"] if isinstance(w, tuple) and w[0] == "duplicate_ids"]
    assert dup == {"identical": ["1"], "renamed": [("1", "1~2")]}
    from smartplan.analysis.messages import FeedbackMessages

    texts = FeedbackMessages().warnings(res)
    assert any("sent twice" in t for t in texts) and any("1~2" in t or "~2" in t for t in texts)
    res = Importer().import_into(out, str(path))  # the same answer again: nothing changes
    assert res["counts"]["unchanged"] == 3 and res["total"] == 3


def test_concurrent_imports_into_one_store_lose_nothing(tmp_path, monkeypatch):
    """Two imports into one new GeoPackage at once both reported success and one's records
    vanished (both read the empty store, the later write won). Under the store's lock the
    second waits: both sets are there. The write is slowed down to make the race certain."""
    import threading
    import time

    real = store.write_store

    def slow_write(*a, **kw):
        time.sleep(0.4)
        return real(*a, **kw)

    monkeypatch.setattr(store, "write_store", slow_write)
    out = str(tmp_path / "one.gpkg")
    srcs = [geojson_export(tmp_path / "a", [1, 2, 3]), geojson_export(tmp_path / "b", [4, 5])]
    results, errors = [], []

    def run(src):
        try:
            results.append(Importer().import_into(out, src))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(src,)) for src in srcs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and len(results) == 2
    assert len(store.read_store(out)[0]) == 5 and not os.path.exists(out + ".lock")


def test_a_held_lock_is_a_clear_error_and_a_dead_ones_lock_is_taken_over(tmp_path):
    import subprocess
    import sys

    out = str(tmp_path / "s.gpkg")
    src = geojson_export(tmp_path / "a", [1, 2])
    with open(out + ".lock", "w") as fh:  # held by a live process: this one
        json.dump(
            {
                "pid": os.getpid(),
                "host": __import__("socket").gethostname(),
                "since": __import__("time").time(),
            },
            fh,
        )
    imp = Importer()
    imp.lock_timeout = 0.3
    with pytest.raises(fb.FeedbackError) as err:
        imp.import_into(out, src)
    assert err.value.code == "store_locked" and not os.path.exists(out)
    from smartplan.analysis.messages import FeedbackMessages

    assert "Another import is writing" in FeedbackMessages().message(err.value)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    with open(out + ".lock", "w") as fh:  # left by a killed run
        json.dump({"pid": int(dead), "host": __import__("socket").gethostname(), "since": 0}, fh)
    assert Importer().import_into(out, src)["total"] == 2 and not os.path.exists(out + ".lock")


def test_privacy_keywords_dates_parcels_and_remembered_urls():
    from smartplan.io.http import without_secrets

    # e-mail addresses, phone numbers and the author's name never become (public) keywords
    rec = fb.new_record(
        source_host="h",
        project_id="p",
        contribution_id="1",
        author="Max Mustermann",
        email="max.mustermann@web.de",
        keywords="Starkregen, max@example.org, Mustermann, Keller, 0176 1234567",
    )
    assert rec["keywords"] == "Starkregen, Keller"
    assert fb.statistics([rec])["keywords"] == [("Starkregen", 1), ("Keller", 1)]
    # dates and parcel numbers are no phone numbers; phone numbers are
    assert (
        fb.redact("Am 01.06.2022 stand Flurstück 1234-567/8 unter Wasser")
        == "Am 01.06.2022 stand Flurstück 1234-567/8 unter Wasser"
    )
    assert (
        fb.redact("Ruf 0176 12345678 oder Tel. 428 28 10, +49 40 123456")
        == "Ruf [Telefon entfernt] oder Tel. [Telefon entfernt], [Telefon entfernt]"
    )
    # a source address is remembered without password or token
    url = "https://max:geheim@dipas.stadt.de/drupal?token=abc123&project=7"
    assert without_secrets(url) == "https://dipas.stadt.de/drupal?project=7"


def test_source_identity_of_urls():
    wfs = "https://geo.stadt.de/wfs?service=WFS&request=GetFeature&typeNames=app:hinweise&token=geheim"
    assert source_identity(wfs) == "geo.stadt.de/wfs?typenames=app:hinweise"
    assert (
        source_identity("https://user:pw@geo.stadt.de:8443/ogc/collections/a/items?f=json")
        == "geo.stadt.de:8443/ogc/collections/a/items"
    )
    assert source_identity("https://geo.stadt.de/ogc/collections/b/items") != source_identity(
        "https://geo.stadt.de/ogc/collections/a/items"
    )


# ------------------------------------------------------------------ importer against the fake server
def test_dipas_pds_import_and_reimport(server, tmp_path):
    out = str(tmp_path / "beteiligung.gpkg")
    imp = Importer(http=fast_http(), icon_cache=str(tmp_path / "icons"))
    projects = imp.dipas_projects(server.url)
    assert [(p["id"], p["count"]) for p in projects] == [("p1", 24), ("p2", 5), ("p3", 0)]
    assert projects[0]["categories"] == ["Grün", "Verkehr", "Wasser"]  # 2.2 shape, by weight
    assert projects[2]["categories"] == ["Verkehr", "Grün", "Wasser"]  # old shape
    res = imp.import_into(out, server.url + "/drupal/dipas-pds/projects", project="p1", with_comments=True)
    assert res["counts"]["added"] == 24 and res["total"] == 24 and res["unlocated"] == 2
    recs, comments, styles, log = store.read_store(out)
    assert styles["Verkehr"]["colour"] == "#e10019" and os.path.exists(styles["Verkehr"]["icon_path"])
    assert [c["depth"] for c in comments] == [0, 1] and comments[0]["text"] == "Stimmt & zwar oft"
    kinds = {fb.geometry_kind(r["geometry"]) for r in recs}
    assert kinds == {"point", "line", "area", None}
    assert server.state.icon_requests == 3
    # re-import: one changed, one new, one vanished; icons come from the cache
    c = server.state.contributions
    c[0]["properties"]["title"] = "Geändert"
    from tests.fake_dipas import contribution

    server.state.contributions = c[:-1] + [contribution(29)]
    res = imp.import_into(out, server.url, project="p1")
    assert (res["counts"]["added"], res["counts"]["updated"], res["counts"]["withdrawn"]) == (1, 1, 1)
    assert server.state.icon_requests == 3
    recs, _, _, log = store.read_store(out)
    assert len(recs) == 25 and sum(r["status"] == "withdrawn" for r in recs) == 1 and len(log) == 2


def test_maintenance_mode_changes_nothing(server, tmp_path):
    out = str(tmp_path / "b.gpkg")
    imp = Importer(http=fast_http())
    imp.import_into(out, server.url, project="p1")
    before = open(out, "rb").read()
    server.state.maintenance = True
    with pytest.raises(fb.FeedbackError) as e:
        imp.import_into(out, server.url, project="p1")
    assert e.value.code == "suspicious_empty"
    assert open(out, "rb").read() == before
    with pytest.raises(fb.FeedbackError) as e:  # p2 says it has 5 contributions but answers none
        imp.import_into(str(tmp_path / "p2.gpkg"), server.url, project="p2")
    assert e.value.code == "suspicious_empty" and not os.path.exists(tmp_path / "p2.gpkg")


@pytest.mark.parametrize(
    "path,code",
    [
        ("/broken.json", "not_json"),
        ("/page.html", "wrong_content_type"),
        ("/fail500.json", "http_status"),
        ("/drupal/dipas-pds/projects/nope/contributions", "api_error"),
        ("/slow.json?s=3", "timeout"),
    ],
)
def test_bad_answers_give_clear_errors(server, path, code):
    http = fast_http(timeout=(1.0, 1.0), retries=0)
    with pytest.raises(fb.FeedbackError) as e:
        http.get_json(server.url + path)
    assert e.value.code == code
    if code == "api_error":
        assert e.value.info["message"] == "Project not found"


def test_unreachable_and_retry(server):
    with pytest.raises(fb.FeedbackError) as e:
        fast_http(timeout=(0.5, 0.5)).get_json("http://127.0.0.1:9/nothing")
    assert e.value.code == "unreachable"
    assert fast_http(retries=2).get_json(server.url + "/flaky.json")["features"] == []  # 503 once, then OK


def test_cancel_keeps_previous_data(server, tmp_path):
    out = str(tmp_path / "b.gpkg")
    Importer(http=fast_http()).import_into(out, server.url, project="p1")
    before = open(out, "rb").read()
    with pytest.raises(fb.FeedbackError) as e:
        Importer(http=fast_http(), cancelled=lambda: True).import_into(out, server.url, project="p1")
    assert e.value.code == "cancelled" and open(out, "rb").read() == before
    assert not [f for f in os.listdir(tmp_path) if ".tmp." in f]


def test_ogcapi_follows_next_links_and_wfs_pages(server, tmp_path):
    imp = Importer(http=fast_http())
    res = imp.import_into(str(tmp_path / "o.gpkg"), server.url + "/ogc/collections/beitraege/items")
    assert res["source_type"] == "ogcapi" and res["total"] == 23
    res = imp.import_into(str(tmp_path / "w.gpkg"), server.url + "/wfs?service=WFS&typeNames=app:hinweise")
    assert res["source_type"] == "wfs" and res["total"] == 10
    recs, _, _, _ = store.read_store(str(tmp_path / "w.gpkg"))
    lon, lat = recs[0]["geometry"]["coordinates"]
    assert 9 < lon < 11 and 53 < lat < 54  # lat/lon axis order of WFS 2.0 detected and swapped
    assert recs[0]["category"] == "Verkehr"


def test_masterportal_feed_csv_export_join_and_cosi(server, tmp_path):
    imp = Importer(http=fast_http())
    res = imp.import_into(str(tmp_path / "m.gpkg"), server.url + "/drupal/masterportal/layer/contributions")
    assert res["source_type"] == "masterportal" and res["total"] == 1
    # admin CSV export (';', UTF-8 with BOM) joined with PDS data on Node ID
    rows = [
        "Node ID;Category;Rubric;Created (UTC);Rating;Total votes;Upvotes;Downvotes;Comments;Title;"
        "Contributiontext;Location;Contribution Type;Selected Keywords;Suggested Keywords"
    ]
    rows += [
        f"{1000 + i};Verkehr;Hinweis;2024-05-0{1 + i} 10:00:00;{i};{i};{i};0;0;CSV {i};"
        '"Text &amp; mehr";;Point;;'
        for i in range(3)
    ] + ["9999;Wasser;Idee;2024-05-09 10:00:00;0;0;0;0;0;Ohne Ort;x;;Point;;"]
    csv = tmp_path / "export.csv"
    csv.write_bytes(("\ufeff" + "\n".join(rows) + "\n").encode("utf-8"))
    assert detect_source_type(str(csv)) == "dipas_csv"
    res = imp.import_into(str(tmp_path / "c.gpkg"), str(csv), join_source=server.url, project="p1")
    recs = {r["contribution_id"]: r for r in store.read_store(str(tmp_path / "c.gpkg"))[0]}
    assert recs["1000"]["located"] and recs["1000"]["geometry"]["type"] == "Point"
    assert not recs["9999"]["located"] and recs["1001"]["text"] == "Text & mehr"
    # CoSI export: PDS names, EPSG:25832, lines collapsed to points, counts as strings
    cosi = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [566253.46, 5933921.42]},
                "properties": {
                    "id": "77",
                    "title": "CoSI",
                    "contributionContent": "x",
                    "votingPro": "4",
                    "votingContra": "1",
                    "commentsNumber": "2",
                    "category": "Wasser",
                    "originalGeometryType": "LineString",
                    "belongToProject": "p1",
                },
            }
        ],
    }
    path = tmp_path / "cosi.geojson"
    path.write_text(json.dumps(cosi), encoding="utf-8")
    assert detect_source_type(str(path)) == "cosi"
    res = imp.import_into(str(tmp_path / "cosi.gpkg"), str(path))
    r = store.read_store(str(tmp_path / "cosi.gpkg"))[0][0]
    assert r["votes_pro"] == 4 and r["original_geometry_type"] == "LineString"
    assert r["geometry"]["coordinates"][0] == pytest.approx(10.0, abs=1e-4)


def test_20000_contributions_import(tmp_path):
    """Scale: 20,000 contributions import completely (the time is measured in make bench)."""
    from tests.fake_dipas import contribution

    feats = [contribution(i % 24) for i in range(20000)]
    for i, f in enumerate(feats):
        f["properties"] = dict(f["properties"], id=str(i), title=f"Beitrag {i}")
        f["geometry"] = {"type": "Point", "coordinates": [9.9 + (i % 200) * 0.001, 53.5 + (i // 200) * 0.001]}
    path = tmp_path / "big.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    res = Importer().import_into(str(tmp_path / "big.gpkg"), str(path))
    assert res["total"] == 20000 and res["counts"]["added"] == 20000
    recs = store.read_store(str(tmp_path / "big.gpkg"))[0]
    assert len({r["uid"] for r in recs}) == 20000


def test_helpers_never_leak_secrets():
    assert (
        safe_url("https://user:pw@host.de/x?token=abc&project=1")
        == "https://host.de/x?token=%2A%2A%2A&project=1"
    )
    p = proxies_from_settings(
        {
            "proxy/proxyEnabled": "true",
            "proxy/proxyType": "HttpProxy",
            "proxy/proxyHost": "proxy.stadt.de",
            "proxy/proxyPort": "8080",
            "proxy/proxyUser": "u",
            "proxy/proxyPassword": "p@ss",
        }
    )
    assert p["https"] == "http://u:p%40ss@proxy.stadt.de:8080"
    assert proxies_from_settings({"proxy/proxyEnabled": "false", "proxy/proxyHost": "x"}) is None


def test_table_filter_equals_the_map_filter_on_german_text(tmp_path):
    """core.feedback.matches (the table) and filter_sql applied by SQLite to a GeoPackage (the
    map) select the same contributions — umlauts and capitals, words with % and _, empty
    categories, withdrawn ones, dates, fractional vote limits."""
    from osgeo import ogr

    recs = [
        dict(
            uid="1",
            title="Überflutung am Markt",
            text="Keller voll",
            keywords="Straße",
            category="Wasser",
            rubric="",
            created="2022-06-01T10:00:00",
            rating=3,
            status="active",
        ),
        dict(
            uid="2",
            title="überflutung",
            text="ÄRGER mit Gully",
            keywords=None,
            category=None,
            rubric="R1",
            created="2022-06-05",
            rating=0,
            status="active",
        ),
        dict(
            uid="3",
            title="Baum",
            text="100% nass_kalt",
            keywords="ÖKO",
            category="",
            rubric=None,
            created=None,
            rating=-1,
            status="withdrawn",
        ),
        dict(
            uid="4",
            title="GRÜNDACH",
            text="Zisterne",
            keywords="Wasser",
            category="Grün",
            rubric="R1",
            created="2022-07-01",
            rating=2,
            status="active",
        ),
        dict(
            uid="5",
            title="SCHÖN",
            text="Ärger über Pfützen",
            keywords="straße",
            category="Wasser",
            rubric="R2",
            created="2022-06-30T23:59:59",
            rating=1,
            status="active",
        ),
    ]
    path = str(tmp_path / "f.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    lyr = ds.CreateLayer("contributions_point", None, ogr.wkbPoint)
    for name, typ in (
        ("uid", ogr.OFTString),
        ("title", ogr.OFTString),
        ("text", ogr.OFTString),
        ("keywords", ogr.OFTString),
        ("category", ogr.OFTString),
        ("rubric", ogr.OFTString),
        ("created", ogr.OFTString),
        ("rating", ogr.OFTInteger),
        ("status", ogr.OFTString),
    ):
        lyr.CreateField(ogr.FieldDefn(name, typ))
    for r in recs:
        f = ogr.Feature(lyr.GetLayerDefn())
        for k, v in r.items():
            if v is not None:
                f.SetField(k, v)
        f.SetGeometry(ogr.CreateGeometryFromWkt("POINT (0 0)"))
        lyr.CreateFeature(f)
    ds = None
    filters = [
        dict(text="überflutung"),
        dict(text="ÜBERFLUTUNG markt"),
        dict(text="ärger"),
        dict(text="STRASSE"),
        dict(text="straße"),
        dict(text="100%"),
        dict(text="nass_"),
        dict(text="öko", include_withdrawn=True),
        dict(categories={"Wasser", ""}),
        dict(categories={""}, include_withdrawn=True),
        dict(categories=set()),
        dict(rubrics={"", "R2"}),
        dict(date_from="2022-06-02"),
        dict(date_to="2022-06-30"),
        dict(min_votes=1.5),
        dict(min_votes=0, text="grün"),
        dict(),
    ]
    ds = ogr.Open(path)
    lyr = ds.GetLayer(0)
    for flt in filters:
        expected = {r["uid"] for r in recs if fb.matches(r, **flt)}
        lyr.SetAttributeFilter(fb.filter_sql(**flt) or None)
        got = {f.GetField("uid") for f in lyr}
        assert got == expected, (flt, got, expected)
    # not vacuous: the folded search finds the capitalised umlaut, and 'ß' is not 'ss'
    assert {r["uid"] for r in recs if fb.matches(r, text="überflutung")} == {"1", "2"}
    assert not any(fb.matches(r, text="STRASSE") for r in recs)


def test_csv_from_excel_in_windows_1252():
    """A CSV as German Excel saves it (Windows-1252: „quotes“, –, €, ß) is read as written, not as
    Latin-1 control characters; undefined cp1252 bytes fall back to Latin-1."""
    text = "id;titel;text\n1;Keller „voll“ – 5 €;Straße\n"
    rows = fb.read_csv_text(text.encode("cp1252"))
    flat = json.dumps(rows, ensure_ascii=False)
    assert "„voll“ – 5 €" in flat and "Straße" in flat
    assert "\x84" not in flat and "\x80" not in flat
    odd = fb.read_csv_text(b"id;t\n1;a\x81b\n")  # 0x81 is undefined in cp1252
    assert "a\x81b" in json.dumps(odd, ensure_ascii=False)


def test_source_formats_are_one_registry():
    """#17: a format is one entry: the Processing enum, the panel's list and the importer's
    dispatch come from it, in the documented order (batch scripts pass SOURCE_TYPE indices)."""
    from smartplan.io import feedback_sources as S

    assert S.SOURCE_TYPES == (
        "auto",
        "dipas_pds",
        "masterportal",
        "dipas_csv",
        "cosi",
        "ogcapi",
        "wfs",
        "geojson",
        "csv",
        "gpkg",
    )
    for long in (False, True):
        labels = S.format_labels(lambda t: t.upper(), long=long)
        assert [k for k, _ in labels] == list(S.SOURCE_TYPES)
        assert all(label and label == label.upper() for _, label in labels)  # all translated
    called = []

    class Probe(S.Importer):
        def from_csv(self, source, project, mapping):
            called.append((source, project, mapping))
            return {"records": []}

    res = Probe().run_source("x.csv", "csv", project="p", mapping={"x": "lon"})
    assert called == [("x.csv", "p", {"x": "lon"})] and res["source_type"] == "csv"
    with pytest.raises(S.fb.FeedbackError):
        Probe().run_source("x.csv", "shapefile")
