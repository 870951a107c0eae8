"""smartplan:emergencyroutes on a hand-built street grid with a flooded street: detours, blocked
roads, lost coverage and a destination cut off entirely."""

import numpy as np
import processing
import pytest
from qgis.core import QgsVectorLayer

from tests.qgis.test_affected import X0, Y0, layer
from tests.qgis_fixtures import write_dem


def P(x, y):  # noqa: N802
    return f"{X0 + x} {Y0 - y}"


@pytest.fixture()
def town(tmp_path):
    # a 3 x 3 street grid, 100 m blocks, all streets 36 km/h (10 m/s); plus a dead-end spur
    rows = []
    for i in range(3):
        rows.append((f"LINESTRING({P(0, i * 100)},{P(100, i * 100)},{P(200, i * 100)})", ["residential", 36]))
        rows.append((f"LINESTRING({P(i * 100, 0)},{P(i * 100, 100)},{P(i * 100, 200)})", ["residential", 36]))
    rows.append((f"LINESTRING({P(200, 200)},{P(300, 200)})", ["service", 36]))  # spur to the east
    roads = layer(tmp_path / "roads.gpkg", "LineString", [("highway", "string"), ("speed", "double")], rows)
    station = layer(tmp_path / "st.gpkg", "Point", [("name", "string")], [(f"POINT({P(0, 0)})", ["Wache 1"])])
    dests = layer(
        tmp_path / "d.gpkg",
        "Point",
        [("name", "string")],
        [
            (f"POINT({P(200, 200)})", ["Schule"]),
            (f"POINT({P(300, 200)})", ["Hof"]),
            (f"POINT({P(100, 0)})", ["Kita"]),
        ],
    )
    # depth raster (1 m cells, y down from Y0): 0.8 m on the spur and on the street x=100..200, y=0
    depth = np.zeros((320, 320), np.float32)
    depth[195:206, 240:260] = 0.8  # spur (east of the grid) -> the 'Hof' is cut off
    depth[0:6, 120:180] = 0.8  # bottom street between x=100 and x=200
    ras = write_dem(tmp_path / "depth.tif", depth, origin=(X0 - 10, Y0 + 5))
    return dict(roads=roads, station=station, dests=dests, depth=ras, tmp=tmp_path)


def run(t, **extra):
    p = dict(
        ROADS=t["roads"],
        SPEED_FIELD="speed",
        STATIONS=t["station"],
        DESTINATIONS=t["dests"],
        WATER_DEPTH=t["depth"],
        VEHICLE=0,
        TIME_LIMIT_MIN=0.6,
        BLOCKED=str(t["tmp"] / "b.gpkg"),
        ROUTES=str(t["tmp"] / "r.gpkg"),
        SERVICE_AREA=str(t["tmp"] / "s.gpkg"),
        UNREACHABLE=str(t["tmp"] / "u.gpkg"),
        OUTPUT_HTML=str(t["tmp"] / "s.html"),
    )
    p.update(extra)
    return processing.run("smartplan:emergencyroutes", p)


def test_detours_blocked_and_cut_off(provider_only, town):
    out = run(town)
    routes = {f["dest_fid"]: f for f in QgsVectorLayer(out["ROUTES"], "r").getFeatures()}
    school, farm, kita = routes[1], routes[2], routes[3]
    assert school["dry_min"] == pytest.approx(40 / 60)  # 400 m at 10 m/s
    assert school["flood_min"] == pytest.approx(40 / 60) and school["detour_min"] == pytest.approx(0)
    assert school["station"] == "Wache 1" and school["dry_km"] == pytest.approx(0.4)
    assert farm["dry_min"] == pytest.approx(50 / 60) and not farm["reachable"]
    assert farm["flood_min"] is None or str(farm["flood_min"]) == "NULL"
    assert kita["dry_min"] == pytest.approx(10 / 60) and kita["flood_min"] == pytest.approx(10 / 60)
    blocked = list(QgsVectorLayer(out["BLOCKED"], "b").getFeatures())
    assert blocked and all(f["max_depth_m"] == pytest.approx(0.8) for f in blocked)
    assert out["BLOCKED_KM"] == pytest.approx(0.2)  # the spur (100 m) and the street (100 m)
    # within 0.6 min (360 m) nothing reachable in time when dry is lost when flooded
    assert out["LOST_COVERAGE"] == 0
    out2 = run(town, TIME_LIMIT_MIN=1.0)
    assert out2["LOST_COVERAGE"] == 1  # the farm: 50 s dry, cut off when flooded
    lost = list(QgsVectorLayer(out2["UNREACHABLE"], "u").getFeatures())
    assert [f["dest_fid"] for f in lost] == [2]
    text = open(out2["OUTPUT_HTML"], encoding="utf-8").read()
    # the report names the farm as cut off (with its dry time) and lists no 0.0-minute detours
    cut = text.split("Cut off when flooded")[1].split("</table>")[0]
    assert "<td>Hof</td><td>Wache 1</td><td>0.8</td>" in cut and "Schule" not in cut
    assert "No destination needs a detour." in text


def test_report_lists_real_detours_by_name(provider_only, town):
    # 'Markt' at (200, 0): dry 200 m along the bottom street (20 s); flooded, that street is
    # blocked between x=100 and 200: up, across and down again, 400 m (40 s) -> 0.33 min detour
    dests = layer(
        town["tmp"] / "d2.gpkg",
        "Point",
        [("name", "string")],
        [(f"POINT({P(200, 0)})", ["Markt"]), (f"POINT({P(100, 0)})", ["Kita"])],
    )
    out = run(town, DESTINATIONS=dests)
    text = open(out["OUTPUT_HTML"], encoding="utf-8").read()
    det = text.split("Longest detours")[1]
    assert "<td>Markt</td><td>Wache 1</td><td>0.3</td><td>0.7</td><td>0.3</td>" in det
    assert "Kita" not in det  # no detour, not listed
    assert "No destination is cut off." in text


def test_blocked_streets_are_never_used(provider_only, town):
    out = run(town, TIME_LIMIT_MIN=5)
    blocked = [f.geometry() for f in QgsVectorLayer(out["BLOCKED"], "b").getFeatures()]
    for f in QgsVectorLayer(out["ROUTES"], "r").getFeatures():
        if f["geometry_of"] == "flooded":
            for b in blocked:
                inter = f.geometry().intersection(b)
                assert inter.isEmpty() or inter.length() < 1e-6
    area = list(QgsVectorLayer(out["SERVICE_AREA"], "s").getFeatures())
    assert any(f["blocked"] for f in area) and any(f["in_time_flood"] for f in area)


def test_service_hull_shrinks_when_flooded(provider_only, town):
    out = run(town, TIME_LIMIT_MIN=5, SERVICE_HULL=str(town["tmp"] / "hull.gpkg"))
    hull = {f["network"]: f for f in QgsVectorLayer(out["SERVICE_HULL"], "h").getFeatures()}
    assert set(hull) == {"dry", "flooded"}
    assert hull["dry"]["road_km"] == pytest.approx(1.3)  # the whole grid (1.2 km) and the spur
    assert hull["flooded"]["road_km"] == pytest.approx(1.1)  # without the two blocked pieces
    assert hull["flooded"]["area_km2"] < hull["dry"]["area_km2"]
    assert hull["dry"].geometry().contains(hull["flooded"].geometry().pointOnSurface())


def test_car_threshold_and_slowing(provider_only, town):
    out = run(town, VEHICLE=2, MAX_DEPTH_M=1.0, SLOW_BY_DEPTH=True, TIME_LIMIT_MIN=5)
    routes = {f["dest_fid"]: f for f in QgsVectorLayer(out["ROUTES"], "r").getFeatures()}
    # 0.8 m is passable for a 1 m vehicle, but Pregnolato's speed is 0 from 0.3 m: crawling
    assert out["BLOCKED_KM"] == 0
    assert routes[2]["reachable"] and routes[2]["flood_min"] > 100


def test_helsinki_osm_in_geographic_crs(provider_only, real_data, tmp_path):
    """OSM roads in EPSG:4326 are routed in a metric UTM CRS; the depth raster is in ETRS-TM35FIN;
    blocked roads are exactly those deeper than 0.6 m and no flooded route uses them."""
    import os

    from osgeo import gdal, osr
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    pbf = os.path.join(real_data, "helsinki.osm.pbf")
    roads = processing.run(
        "native:extractbyexpression",
        {
            "INPUT": pbf + "|layername=lines",
            "EXPRESSION": '"highway" IS NOT NULL',
            "OUTPUT": str(tmp_path / "roads.gpkg"),
        },
    )["OUTPUT"]
    lyr = QgsVectorLayer(roads, "r")
    ext = lyr.extent()
    c = ext.center()
    stations = layer(
        tmp_path / "st.gpkg",
        "Point",
        [("name", "string")],
        [(f"POINT({c.x()} {c.y()})", ["Keskuspaloasema"])],
        crs="EPSG:4326",
    )
    rng = np.random.default_rng(5)
    dests = layer(
        tmp_path / "d.gpkg",
        "Point",
        [("name", "string")],
        [
            (
                f"POINT({ext.xMinimum() + rng.random() * ext.width()} "
                f"{ext.yMinimum() + rng.random() * ext.height()})",
                [f"d{i}"],
            )
            for i in range(40)
        ],
        crs="EPSG:4326",
    )
    tm = QgsCoordinateTransform(lyr.crs(), QgsCoordinateReferenceSystem("EPSG:3067"), QgsProject.instance())
    e3 = tm.transformBoundingBox(ext)
    cell = 5.0
    nc, nr = int(e3.width() / cell) + 1, int(e3.height() / cell) + 1
    yy, xx = np.mgrid[0:nr, 0:nc]
    r2 = ((xx - nc * 0.3) / (nc / 8)) ** 2 + ((yy - nr * 0.6) / (nr / 8)) ** 2
    depth = np.clip(1.5 * (1 - r2), 0, None)  # a 1.5 m deep pond
    path = str(tmp_path / "d.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, nc, nr, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((e3.xMinimum(), cell, 0, e3.yMaximum(), 0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3067)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(depth.astype(np.float32))
    ds = None
    out = processing.run(
        "smartplan:emergencyroutes",
        dict(
            ROADS=roads,
            STATIONS=stations,
            DESTINATIONS=dests,
            WATER_DEPTH=path,
            TIME_LIMIT_MIN=8,
            BLOCKED=str(tmp_path / "b.gpkg"),
            ROUTES=str(tmp_path / "r.gpkg"),
        ),
    )
    blocked = QgsVectorLayer(out["BLOCKED"], "b")
    assert blocked.crs().authid().startswith("EPSG:326")  # routed in UTM, metres
    assert blocked.featureCount() > 0 and all(f["max_depth_m"] > 0.6 for f in blocked.getFeatures())
    routes = list(QgsVectorLayer(out["ROUTES"], "r").getFeatures())
    assert len(routes) == 40 and sum(1 for f in routes if f["dry_min"] is not None) >= 30
    bl = [f.geometry() for f in blocked.getFeatures()]
    for f in routes:
        if f["geometry_of"] == "flooded" and f["flood_min"] is not None:
            assert f["flood_min"] >= f["dry_min"] - 1e-9  # flooding never makes a route faster
            for b in bl:
                inter = f.geometry().intersection(b)
                assert inter.isEmpty() or inter.length() < 1e-6
