"""analysis.feedbacklink without QGIS: hand-made sinks and contributions in local metres,
expectations worked out by hand in the comments."""

import pytest

from smartplan.analysis import feedbacklink as FL
from smartplan.core.geometry import LineString, Point, Polygon, from_wkb

SINK_FIELDS = ["sink_id", "depth_m"]
FB_FIELDS = ["contribution_id", "category", "status", "rating", "author", "Email", "text"]


def square(x0, y0, size=20):
    return Polygon([(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size)])


def sink(sid, x0, depth=0.5):
    return FL.LinkObject(sid, {"sink_id": sid, "depth_m": depth}, square(x0, 0))


def contribution(fid, x, y, cid=None, category=None, status="active", rating=None, author=None):
    email = f"{author}@example.org" if author else None
    values = [cid, category, status, rating, author, email, f"text {fid}"]
    return FL.Contribution(fid, dict(zip(FB_FIELDS, values)), Point(x, y))


@pytest.fixture()
def case():
    # S1: x 0..20, y 0..20; S2: x 100..120, y 0..20
    objects = [sink("S1", 0), sink("S2", 100)]
    contributions = [
        contribution(1, 10, 10, "1", "Wasser", rating=3, author="Erika"),  # inside S1: 0 m
        contribution(2, 45, 10, "2", "Wasser", author="Max"),  # 45 - 20 = 25 m from S1: at the limit
        contribution(3, 60, 10, "3", "Verkehr", rating=1),  # 40 m from S1 and from S2
        contribution(4, 110, 30, "4", "Wasser", status="withdrawn", rating=5),  # 10 m from S2, withdrawn
        contribution(5, 110, 25, "5", None, rating=2),  # 5 m above S2, no category
        contribution(6, 5, 25, "6", "Verkehr", rating=4, author="Erika"),  # 5 m above S1
    ]
    return objects, contributions


def run(case, distance=25.0):
    objects, contributions = case
    return FL.link_feedback(objects, contributions, distance, SINK_FIELDS, FB_FIELDS)


def named(names, rows):
    return [dict(zip(names, attrs), geom=from_wkb(wkb)) for wkb, attrs in rows]


def test_feedback_per_sink(case):
    res = run(case)
    names = FL.object_fields(SINK_FIELDS)
    assert names == ["sink_id", "depth_m", "feedback_count", "feedback_ids", "top_category", "votes"]
    s1, s2 = named(names, res.objects)
    # S1: contributions 1 (0 m), 2 (25 m, exactly the distance) and 6 (5 m); 3 is 40 m away
    assert (s1["sink_id"], s1["depth_m"], s1["feedback_count"]) == ("S1", 0.5, 3)
    assert s1["feedback_ids"] == "1, 2, 6"
    assert s1["top_category"] == "Wasser"  # 2 × Wasser, 1 × Verkehr
    assert s1["votes"] == 3 + 0 + 4  # contribution 2 has no rating
    # S2: only 5 (4 is withdrawn); without a category it counts as '—'
    assert (s2["feedback_count"], s2["feedback_ids"], s2["top_category"], s2["votes"]) == (1, "5", "—", 2)
    assert s1["geom"].equals(square(0, 0))
    assert res.linked == 4  # 1, 2, 5, 6


def test_a_contribution_just_beyond_the_distance_is_not_linked(case):
    res = run(case, distance=24.99)
    s1 = named(FL.object_fields(SINK_FIELDS), res.objects)[0]
    assert s1["feedback_ids"] == "1, 6" and res.linked == 3


def test_the_contributions_with_their_nearest_sink_and_without_personal_fields(case):
    res = run(case)
    shared = FL.shared_fields(FB_FIELDS)
    assert shared == ["contribution_id", "category", "status", "rating", "text"]  # 'Email' too
    rows = named(shared + [n for n, _ in FL.NEAREST_FIELDS], res.contributions)
    got = {r["contribution_id"]: (r["target_id"], r["distance_m"]) for r in rows}
    # 4 is withdrawn: left out
    assert got == {"1": ("S1", 0.0), "2": ("S1", 25.0), "3": (None, None), "5": ("S2", 5.0), "6": ("S1", 5.0)}
    assert all(r["geom"].geom_type == "Point" for r in rows)
    # nothing personal reaches any output: no author names, no e-mail addresses
    values = [v for _, attrs in res.objects + res.contributions for v in attrs]
    assert not any(isinstance(v, str) and ("Erika" in v or "Max" in v or "@" in v) for v in values)


def test_linked_to_every_sink_within_the_distance_and_named_by_the_nearest(case):
    objects, _ = case
    # at x = 70: 50 m from S1, 30 m from S2
    res = FL.link_feedback(objects, [contribution(9, 70, 10, "9")], 60.0, SINK_FIELDS, FB_FIELDS)
    counts = [attrs[2] for _, attrs in res.objects]
    assert counts == [1, 1]
    assert res.contributions[0][1][-2:] == ["S2", 30.0]


def test_own_fields_are_kept_and_a_present_count_field_is_updated():
    fields = ["seg_id", "feedback_count"]
    assert FL.added_object_fields(fields) == (("feedback_ids", str), ("top_category", str), ("votes", int))
    line = FL.LinkObject(7, {"seg_id": 7, "feedback_count": 99}, LineString([(0, 0), (100, 0)]))
    # a layer without contribution_id: its feature ids name the contributions; 10 m from the line
    fb = [FL.Contribution(41, {"status": "active"}, Point(50, 10))]
    res = FL.link_feedback([line], fb, 10.0, fields, ["status"])
    assert res.objects[0][1] == [7, 1, "41", "—", 0]
    assert res.contributions[0][1] == ["active", "7", 10.0]


def test_no_contributions(case):
    objects, _ = case
    res = FL.link_feedback(objects, [], 25.0, SINK_FIELDS, FB_FIELDS)
    assert [attrs[2:] for _, attrs in res.objects] == [[0, None, None, 0]] * 2
    assert res.contributions == [] and res.linked == 0
