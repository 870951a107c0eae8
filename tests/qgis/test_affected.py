"""smartplan:affected on hand-built rasters/layers with hand-checked answers, and on the Helsinki
OSM roads, buildings and amenities with a synthetic depth raster."""

import os

import numpy as np
import processing
import pytest
from osgeo import gdal, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from tests.qgis_fixtures import write_dem
from tests.qgis_fixtures import write_layer as layer

X0, Y0 = 500000.0, 5800000.0


def rect(c0, r0, c1, r1):
    """Polygon over cells [c0, c1) x [r0, r1) of the 1 m test grid."""
    x0, x1, y0, y1 = X0 + c0, X0 + c1, Y0 - r1, Y0 - r0
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def pt(c, r):
    return f"POINT({X0 + c + 0.5} {Y0 - r - 0.5})"


@pytest.fixture()
def scene(tmp_path):
    depth = np.zeros((20, 20), np.float32)
    depth[:, 8:12] = 0.40  # a flooded street crossing
    depth[5, 4] = 0.25  # water at the east wall of house A (cells 0-3 x 3-6)
    depth[14, 14] = 0.30  # exactly the car threshold
    depth[16, 2] = 0.15  # under the hospital
    dem = write_dem(tmp_path / "depth.tif", depth, origin=(X0, Y0))
    houses = layer(
        tmp_path / "b.gpkg",
        "Polygon",
        [("name", "string")],
        [
            (rect(0, 3, 4, 7), ["A"]),  # wet wall (0.25 m)
            (rect(14, 2, 18, 5), ["B"]),  # dry, far from everything
            (rect(14, 8, 18, 11), ["C"]),  # dry, inside the corridor below
        ],
    )
    roads = layer(
        tmp_path / "r.gpkg",
        "LineString",
        [("highway", "string"), ("layer", "string")],
        [
            (f"LINESTRING({X0 + 0.5} {Y0 - 10.5},{X0 + 19.5} {Y0 - 10.5})", ["residential", None]),
            (f"LINESTRING({X0 + 12.5} {Y0 - 14.5},{X0 + 16.5} {Y0 - 14.5})", ["service", None]),
            (f"LINESTRING({X0 + 0.5} {Y0 - 18.5},{X0 + 6.5} {Y0 - 18.5})", ["primary", "-1"]),
            (f"LINESTRING({X0 + 0.5} {Y0 - 1.5},{X0 + 6.5} {Y0 - 1.5})", [None, None]),  # not a road
        ],
    )
    critical = layer(
        tmp_path / "c.gpkg",
        "Point",
        [("kind", "string")],
        [(pt(2, 16), ["Krankenhaus"]), (pt(17, 17), ["Schule"])],
    )
    corridor = layer(tmp_path / "cor.gpkg", "Polygon", [("class", "integer")], [(rect(13, 7, 19, 12), [2])])
    return dict(depth=dem, houses=houses, roads=roads, critical=critical, corridor=corridor, tmp=tmp_path)


def run(scene, **extra):
    t = scene["tmp"]
    params = dict(
        WATER_DEPTH=scene["depth"],
        BUILDINGS=scene["houses"],
        ROADS=scene["roads"],
        CRITICAL=scene["critical"],
        CRITICAL_TYPE_FIELD="kind",
        CORRIDOR=scene["corridor"],
        BUILDINGS_AFFECTED=str(t / "ba.gpkg"),
        ROADS_AFFECTED=str(t / "ra.gpkg"),
        UNDERPASSES=str(t / "u.gpkg"),
        CRITICAL_AFFECTED=str(t / "ca.gpkg"),
        OUTPUT_HTML=str(t / "s.html"),
    )
    params.update(extra)
    return processing.run("smartplan:affected", params)


def test_hand_built_scene(provider_only, scene):
    out = run(scene)
    b = {f["name"]: f for f in QgsVectorLayer(out["BUILDINGS_AFFECTED"], "b").getFeatures()}
    assert set(b) == {"A", "C"}  # B is dry and outside the corridor
    assert b["A"]["wall_depth_m"] == pytest.approx(0.25) and b["A"]["flooded"]
    assert not b["C"]["flooded"] and b["C"]["in_corridor"] and b["C"]["affected_by"] == "corridor"
    assert out["BUILDINGS_FLOODED"] == 1
    roads = list(QgsVectorLayer(out["ROADS_AFFECTED"], "r").getFeatures())
    main = sorted((f for f in roads if f["road_fid"] == 1), key=lambda f: f["piece"])
    assert [f["flooded"] for f in main] == [False, True, False]
    wet = main[1]
    assert wet["max_depth_m"] == pytest.approx(0.40)
    assert not wet["passable_car"] and wet["passable_emergency"]
    assert sum(f["length_m"] for f in main) == pytest.approx(19.0)
    assert 3.5 <= wet["length_m"] <= 5.0  # the 4 m wide flooded strip (split at half-cell steps)
    # the pieces connect: each starts where the one before ends
    for a, c in zip(main, main[1:]):
        assert a.geometry().constGet().endPoint() == c.geometry().constGet().startPoint()
    service = [f for f in roads if f["road_fid"] == 2]
    assert max(f["max_depth_m"] for f in service) == pytest.approx(0.30)
    assert all(f["passable_car"] for f in service)  # 0.30 m is still passable (≤)
    assert not [f for f in roads if f["road_fid"] == 4]  # highway NULL: not a road
    under = list(QgsVectorLayer(out["UNDERPASSES"], "u").getFeatures())
    assert {f["road_fid"] for f in under} == {3} and under[0]["reason"] == "tunnel/layer"
    assert {(f["highway"], f["layer"]) for f in under} == {("primary", "-1")}  # the road's own fields
    assert {f["highway"] for f in roads if f["road_fid"] == 2} == {"service"}
    crit = list(QgsVectorLayer(out["CRITICAL_AFFECTED"], "c").getFeatures())
    assert len(crit) == 1 and crit[0]["type"] == "Krankenhaus"
    assert crit[0]["max_depth_m"] == pytest.approx(0.15) and crit[0]["flooded"]
    assert out["ROADS_FLOODED_KM"] == pytest.approx(
        wet["length_m"] / 1000
        + sum(f["length_m"] for f in service if f["flooded"]) / 1000
        + sum(f["length_m"] for f in roads if f["road_fid"] == 3 and f["flooded"]) / 1000
    )
    text = open(out["OUTPUT_HTML"], encoding="utf-8").read()
    assert "Krankenhaus" in text and "Buildings flooded" in text


def test_rotated_depth_raster_is_refused(provider_only, scene):
    """A rotated depth raster was read as if north-up (12 instead of 15 flooded buildings): it is
    refused as the DEM algorithms refuse one, and nothing is written."""
    from osgeo import gdal
    from qgis.core import QgsProcessingException

    rot = str(scene["tmp"] / "rotated.tif")
    gdal.Translate(rot, scene["depth"])
    ds = gdal.Open(rot, gdal.GA_Update)
    ds.SetGeoTransform((X0, 0.98, 0.17, Y0, 0.17, -0.98))  # about 10° rotated
    ds = None
    with pytest.raises(QgsProcessingException, match="rotated"):
        run(scene, WATER_DEPTH=rot)
    assert not (scene["tmp"] / "ba.gpkg").exists()


def test_thresholds_are_parameters(provider_only, scene):
    out = run(scene, WALL_DEPTH_M=0.3, CAR_DEPTH_M=0.5, EMERGENCY_DEPTH_M=0.35)
    b = {f["name"]: f for f in QgsVectorLayer(out["BUILDINGS_AFFECTED"], "b").getFeatures()}
    assert "A" not in b  # 0.25 m < 0.3 m: no longer affected (and not in the corridor)
    wet = [
        f
        for f in QgsVectorLayer(out["ROADS_AFFECTED"], "r").getFeatures()
        if f["road_fid"] == 1 and f["flooded"]
    ][0]
    assert wet["passable_car"] and not wet["passable_emergency"]


def test_helsinki_osm_with_synthetic_depth(provider_only, real_data, tmp_path):
    pbf = os.path.join(real_data, "helsinki.osm.pbf")

    def to_gpkg(layername, subset, name):
        src = QgsVectorLayer(f"{pbf}|layername={layername}", name, "ogr")
        if subset:
            src.setSubsetString(subset)
        path = str(tmp_path / f"{name}.gpkg")
        QgsVectorFileWriter.writeAsVectorFormat(src, path, "utf-8", src.crs(), "GPKG")
        return QgsVectorLayer(path, name)

    roads = to_gpkg("lines", "highway IS NOT NULL", "roads")
    bld = to_gpkg("multipolygons", "building IS NOT NULL", "buildings")
    pts = to_gpkg("points", "other_tags LIKE '%amenity%'", "amenities")
    assert roads.featureCount() > 1000 and bld.featureCount() > 100 and pts.featureCount() > 10
    # a synthetic 2 m depth raster in ETRS-TM35FIN over the data: a pond, deepest 1.2 m
    crs = QgsCoordinateReferenceSystem("EPSG:3067")
    ext = QgsCoordinateTransform(bld.crs(), crs, QgsProject.instance()).transformBoundingBox(bld.extent())
    cell = 2.0
    nc, nr = int(ext.width() / cell) + 1, int(ext.height() / cell) + 1
    yy, xx = np.mgrid[0:nr, 0:nc]
    r2 = ((xx - nc / 2) / (nc / 4)) ** 2 + ((yy - nr / 2) / (nr / 4)) ** 2
    depth = np.clip(1.2 * (1 - r2), 0, None).astype(np.float32)
    path = str(tmp_path / "d.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, nc, nr, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((ext.xMinimum(), cell, 0, ext.yMaximum(), 0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3067)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(depth)
    ds = None
    out = processing.run(
        "smartplan:affected",
        dict(
            WATER_DEPTH=path,
            BUILDINGS=bld,
            ROADS=roads,
            CRITICAL=pts,
            BUILDINGS_AFFECTED=str(tmp_path / "b.gpkg"),
            ROADS_AFFECTED=str(tmp_path / "r.gpkg"),
            UNDERPASSES=str(tmp_path / "u.gpkg"),
            CRITICAL_AFFECTED=str(tmp_path / "c.gpkg"),
        ),
    )
    pieces = list(QgsVectorLayer(out["ROADS_AFFECTED"], "r").getFeatures())
    assert len(pieces) > 1000
    for f in pieces:
        assert f["passable_car"] == (f["max_depth_m"] <= 0.30 + 1e-6)
        assert f["passable_emergency"] == (f["max_depth_m"] <= 0.60 + 1e-6)
        assert (f["max_depth_m"] > 0) == f["flooded"]
        assert f["highway"] not in (None, "")
    # split pieces add up to the whole road (in the raster's CRS)
    xf = QgsCoordinateTransform(roads.crs(), crs, QgsProject.instance())
    lengths = {}
    for f in pieces:
        lengths[f["road_fid"]] = lengths.get(f["road_fid"], 0.0) + f["length_m"]
    for fid in list(lengths)[:200]:
        g = roads.getFeature(fid).geometry()
        g.transform(xf)
        assert lengths[fid] == pytest.approx(g.length(), rel=1e-6, abs=1e-6)
    assert out["ROADS_IMPASSABLE_EMERGENCY_KM"] > 0
    flooded_b = [f for f in QgsVectorLayer(out["BUILDINGS_AFFECTED"], "b").getFeatures() if f["flooded"]]
    assert out["BUILDINGS_FLOODED"] == len(flooded_b) > 10
    # a flooded building's wall depth is the pond depth near it: centre distance check
    for f in flooded_b[:50]:
        c = f.geometry().centroid().asPoint()
        col, row = (c.x() - ext.xMinimum()) / cell, (ext.yMaximum() - c.y()) / cell
        r2c = ((col - nc / 2) / (nc / 4)) ** 2 + ((row - nr / 2) / (nr / 4)) ** 2
        assert r2c < 1.5 and f["wall_depth_m"] <= 1.2 + 1e-6
    crit = list(QgsVectorLayer(out["CRITICAL_AFFECTED"], "c").getFeatures())
    assert all(f["type"] for f in crit)


def test_without_shapely_the_vector_analysis_says_what_to_install(provider_only, scene, monkeypatch):
    """Debian's python3-qgis does not pull in shapely: the algorithm stops with the package to
    install (in the user's language), before it writes anything."""
    from qgis.core import QgsProcessingException

    from smartplan.core import geometry

    monkeypatch.setattr(geometry, "shapely", None)
    out = scene["tmp"] / "ba_noshapely.gpkg"
    with pytest.raises(QgsProcessingException, match="python3-shapely"):
        processing.run(
            "smartplan:affected",
            dict(WATER_DEPTH=scene["depth"], BUILDINGS=scene["houses"], BUILDINGS_AFFECTED=str(out)),
        )
    assert not out.exists()
