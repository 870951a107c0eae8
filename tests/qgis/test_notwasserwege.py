"""smartplan:notwasserwege on a hand-built network: candidates along roads that reach a target,
conflicts with buildings, underpasses and sensitive sites, and the full chain on real data."""

import processing
import pytest
from qgis.core import QgsVectorLayer

from tests.qgis.test_affected import X0, Y0, layer


def P(x, y):  # noqa: N802 - a point in local metres
    return f"{X0 + x} {Y0 + y}"


@pytest.fixture()
def net(tmp_path):
    flows = layer(
        tmp_path / "fp.gpkg",
        "LineString",
        [
            ("seg_id", "integer"),
            ("downstream_seg", "integer"),
            ("upstream_ha", "double"),
            ("in_sink", "boolean"),
        ],
        [
            (f"LINESTRING({P(0, 50)},{P(50, 50)})", [1, 2, 2.0, False]),
            (f"LINESTRING({P(50, 50)},{P(100, 50)})", [2, None, 3.5, False]),
            (f"LINESTRING({P(20, 0)},{P(50, 50)})", [3, 2, 1.5, False]),
            (f"LINESTRING({P(0, 100)},{P(100, 100)})", [4, None, 1.0, False]),
            (f"LINESTRING({P(0, 120)},{P(100, 120)})", [5, None, 1.0, True]),
            # along a road into a filled sink that lies in a green space
            (f"LINESTRING({P(0, 80)},{P(60, 80)})", [6, 7, 0.8, False]),
            (f"LINESTRING({P(60, 80)},{P(100, 80)})", [7, None, 0.9, True]),
        ],
    )
    roads = layer(
        tmp_path / "roads.gpkg",
        "LineString",
        [("highway", "string")],
        [
            (f"LINESTRING({P(0, 52)},{P(100, 52)})", ["residential"]),
            (f"LINESTRING({P(0, 100)},{P(100, 100)})", ["residential"]),
            (f"LINESTRING({P(0, 120)},{P(100, 120)})", ["residential"]),
            (f"LINESTRING({P(0, 82)},{P(100, 82)})", ["residential"]),
        ],
    )
    park = layer(
        tmp_path / "park.gpkg",
        "Polygon",
        [("name", "string")],
        [
            (f"POLYGON(({P(90, 40)},{P(110, 40)},{P(110, 60)},{P(90, 60)},{P(90, 40)}))", ["Stadtpark"]),
            (f"POLYGON(({P(90, 110)},{P(110, 110)},{P(110, 130)},{P(90, 130)},{P(90, 110)}))", ["Teich"]),
            (f"POLYGON(({P(85, 70)},{P(110, 70)},{P(110, 90)},{P(85, 90)},{P(85, 70)}))", ["Mulde"]),
        ],
    )
    house = layer(
        tmp_path / "house.gpkg",
        "Polygon",
        [("name", "string")],
        [(f"POLYGON(({P(30, 15)},{P(40, 15)},{P(40, 25)},{P(30, 25)},{P(30, 15)}))", ["Haus"])],
    )
    under = layer(
        tmp_path / "under.gpkg",
        "LineString",
        [("name", "string")],
        [(f"LINESTRING({P(25, 40)},{P(25, 60)})", ["Bahnunterführung"])],
    )
    school = layer(
        tmp_path / "school.gpkg", "Point", [("kind", "string")], [(f"POINT({P(70, 53)})", ["Schule"])]
    )
    return dict(flows=flows, roads=roads, park=park, house=house, under=under, school=school, tmp=tmp_path)


def test_candidates_targets_and_conflicts(provider_only, net):
    t = net["tmp"]
    out = processing.run(
        "smartplan:notwasserwege",
        dict(
            FLOWPATHS=net["flows"],
            ROADS=net["roads"],
            TARGETS=net["park"],
            TARGET_NAME_FIELD="name",
            BUILDINGS=net["house"],
            UNDERPASSES=net["under"],
            SENSITIVE=net["school"],
            ROUTES=str(t / "routes.gpkg"),
            CONFLICTS=str(t / "conflicts.gpkg"),
        ),
    )
    routes = {f["seg_id"]: f for f in QgsVectorLayer(out["ROUTES"], "r").getFeatures()}
    # 1 and 2 run along the road into the park; 4 runs along a road but reaches no target;
    # 3 is no road; 5 crosses a filled sink; 6 runs along a road into a filled sink (7) that lies
    # in the green space 'Mulde': the water has reached it (7 itself is no route part)
    assert set(routes) == {1, 2, 6} and routes[6]["target"] == "Mulde"
    assert routes[1]["target"] == routes[2]["target"] == "Stadtpark"
    assert routes[1]["status"] == "candidate" and routes[1]["along"] == "road"
    assert routes[1]["length_m"] == pytest.approx(50.0)
    assert routes[2]["upstream_ha"] == pytest.approx(3.5)
    assert routes[2]["conflict"] == "sensitive site"
    assert routes[1]["conflict"] == "sensitive site, underpass"  # on its way to the park
    conf = sorted(
        (f["type"], f["seg_id"], f["object"]) for f in QgsVectorLayer(out["CONFLICTS"], "c").getFeatures()
    )
    assert conf == [
        ("building", 3, "Haus"),
        ("sensitive site", 2, "Schule"),
        ("underpass", 1, "Bahnunterführung"),
    ]
    assert out["ROUTE_COUNT"] == 3 and out["CONFLICT_COUNT"] == 3
    # the routes layer is editable and styled for planners
    lyr = QgsVectorLayer(out["ROUTES"], "r")
    assert lyr.renderer().type() == "RuleRenderer"
    assert lyr.startEditing()
    f = next(lyr.getFeatures())
    assert lyr.changeAttributeValue(f.id(), lyr.fields().indexOf("status"), "confirmed")
    assert lyr.commitChanges()


def test_open_space_serves_as_target_and_missing_targets_are_refused(provider_only, net):
    from qgis.core import QgsProcessingException

    t = net["tmp"]
    out = processing.run(
        "smartplan:notwasserwege",
        dict(
            FLOWPATHS=net["flows"],
            OPEN_SPACE=net["park"],
            ROUTES=str(t / "r2.gpkg"),
            CONFLICTS=str(t / "c2.gpkg"),
        ),
    )
    routes = list(QgsVectorLayer(out["ROUTES"], "r").getFeatures())
    assert {f["seg_id"] for f in routes} == {2} and routes[0]["along"] == "open space"
    with pytest.raises(QgsProcessingException, match="target"):
        processing.run(
            "smartplan:notwasserwege",
            dict(
                FLOWPATHS=net["flows"],
                ROADS=net["roads"],
                ROUTES=str(t / "r3.gpkg"),
                CONFLICTS=str(t / "c3.gpkg"),
            ),
        )
    bad = layer(
        t / "plain.gpkg", "LineString", [("id", "integer")], [(f"LINESTRING({P(0, 0)},{P(1, 1)})", [1])]
    )
    with pytest.raises(QgsProcessingException, match="seg_id"):
        processing.run(
            "smartplan:notwasserwege",
            dict(
                FLOWPATHS=bad, OPEN_SPACE=net["park"], ROUTES=str(t / "r4.gpkg"), CONFLICTS=str(t / "c4.gpkg")
            ),
        )
