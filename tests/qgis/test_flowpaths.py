"""smartplan:flowpaths through Processing: paths around a raised building, classes, corridor,
buildings by distance, rasters and the real 30 m DEM."""

import os

import numpy as np
import processing
import pytest
from osgeo import gdal
from qgis.core import QgsFeature, QgsGeometry, QgsRasterLayer, QgsVectorFileWriter, QgsVectorLayer

from tests.qgis_fixtures import write_dem

ORIGIN = (500000.0, 5800000.0)


def slope_dem():
    """60 x 40 m plane falling east (2 %) with a gentle valley along row 20."""
    rows, cols = np.mgrid[0:40, 0:60]
    return (10.0 - 0.02 * cols + 0.01 * np.abs(rows - 20)).astype(np.float32)


def house(tmp_path, x0, y0, x1, y1, name="houses.gpkg"):
    lyr = QgsVectorLayer("Polygon?crs=EPSG:25832&field=name:string", "h", "memory")
    f = QgsFeature(lyr.fields())
    f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"))
    f.setAttributes(["Haus 1"])
    lyr.dataProvider().addFeatures([f])
    path = str(tmp_path / name)
    QgsVectorFileWriter.writeAsVectorFormat(lyr, path, "utf-8", lyr.crs(), "GPKG")
    return path


def run(tmp_path, dem, **extra):
    params = dict(
        DEM=dem,
        MIN_CATCHMENT_HA=0.02,
        CLASS_BREAKS_HA="0.05,0.1,0.15,0.2",
        FLOW_DIRECTION=str(tmp_path / "fd.tif"),
        ACCUMULATION=str(tmp_path / "acc.tif"),
        FLOWPATHS=str(tmp_path / "fp.gpkg"),
        CORRIDOR=str(tmp_path / "cor.gpkg"),
    )
    params.update(extra)
    return processing.run("smartplan:flowpaths", params)


def test_paths_go_around_a_raised_building(provider_only, tmp_path):
    dem = write_dem(tmp_path / "slope.tif", slope_dem(), origin=ORIGIN)
    # a 6 x 4 m house across the valley line, 30-36 m east of the west edge
    hx0, hx1 = ORIGIN[0] + 30, ORIGIN[0] + 36
    hy0, hy1 = ORIGIN[1] - 22, ORIGIN[1] - 18
    bld = house(tmp_path, hx0, hy0, hx1, hy1)
    out = run(tmp_path, dem, BUILDINGS=bld, BUILDINGS_NEAR=str(tmp_path / "near.gpkg"))
    paths = QgsVectorLayer(out["FLOWPATHS"], "p")
    assert paths.featureCount() == out["SEGMENT_COUNT"] > 0
    footprint = QgsGeometry.fromWkt(f"POLYGON(({hx0} {hy0},{hx1} {hy0},{hx1} {hy1},{hx0} {hy1},{hx0} {hy0}))")
    inner = footprint.buffer(-0.6, 2)  # the cell centres inside the house
    for f in paths.getFeatures():
        assert not f.geometry().intersects(inner), f["seg_id"]
        assert f["upstream_ha"] >= 0.02 and f["strahler"] >= 1
        assert f["class"] in (0, 1, 2, 3, 4) and f["class_label"]
    # the house touches the main valley path: distance class 1 (<= 5 m), with its attributes
    near = list(QgsVectorLayer(out["BUILDINGS_NEAR"], "n").getFeatures())
    assert len(near) == 1 and near[0]["dist_class"] == 1 and near[0]["dist_m"] <= 1.0
    assert near[0]["name"] == "Haus 1" and near[0]["upstream_ha"] > 0.02
    # accumulation in m²: the whole 2400 m² leave the map; raster has the documented codes
    fd = gdal.Open(out["FLOW_DIRECTION"]).ReadAsArray()
    assert set(np.unique(fd)) <= {0, 1, 2, 4, 8, 16, 32, 64, 128}
    acc = gdal.Open(out["ACCUMULATION"]).ReadAsArray()
    assert acc.max() <= 2400 and acc.min() >= 1
    assert (acc[fd == 0]).sum() == pytest.approx(2400)
    # styled outputs
    assert QgsRasterLayer(out["ACCUMULATION"], "a").renderer().type() == "singlebandpseudocolor"
    assert paths.renderer().type() == "RuleRenderer"
    cor = QgsVectorLayer(out["CORRIDOR"], "c")
    assert cor.featureCount() >= 1
    union = QgsGeometry.unaryUnion([f.geometry() for f in cor.getFeatures()])
    for f in paths.getFeatures():  # every path outside filled sinks lies inside the 10 m corridor
        assert not f["in_sink"]  # the plane has no sinks besides the pond behind the house
        assert union.buffer(0.01, 2).contains(f.geometry())


def test_bad_class_breaks_are_refused(provider_only, tmp_path):
    from qgis.core import QgsProcessingException

    dem = write_dem(tmp_path / "slope.tif", slope_dem(), origin=ORIGIN)
    with pytest.raises(QgsProcessingException, match="increasing"):
        run(tmp_path, dem, CLASS_BREAKS_HA="2,1")


def test_real_dem_network(provider_only, tmp_path, real_data):
    dem = os.path.join(real_data, "bigtujunga_srtm30.tif")
    out = run(tmp_path, dem, MIN_CATCHMENT_HA=100, CLASS_BREAKS_HA="0.5,2,10,50,1000")
    segs = {f["seg_id"]: f for f in QgsVectorLayer(out["FLOWPATHS"], "p").getFeatures()}
    assert len(segs) > 50
    for f in segs.values():
        d = f["downstream_seg"]
        if d is not None and str(d) != "NULL":
            below = segs[d]
            # the segment ends where the one below starts; order and area never decrease
            assert f.geometry().vertexAt(
                f.geometry().constGet().nCoordinates() - 1
            ) == below.geometry().vertexAt(0)
            assert below["strahler"] >= f["strahler"] and below["upstream_ha"] >= f["upstream_ha"]
    acc = gdal.Open(out["ACCUMULATION"]).ReadAsArray()
    fd = gdal.Open(out["FLOW_DIRECTION"]).ReadAsArray()
    assert acc[fd == 0].sum() == pytest.approx(1197 * 643 * 900, rel=1e-6)


def test_lines_across_filled_sinks_are_flagged(provider_only, tmp_path, real_data):
    dem = os.path.join(real_data, "lidar_mn_1m_dem.tif")
    out = run(tmp_path, dem, MIN_CATCHMENT_HA=0.1, CLASS_BREAKS_HA="0.5,2,10,50")
    feats = list(QgsVectorLayer(out["FLOWPATHS"], "p").getFeatures())
    crossing = [f for f in feats if f["in_sink"]]
    assert crossing and len(crossing) < len(feats)
    from smartplan.core.fill import fill_depressions

    gt = gdal.Open(dem).GetGeoTransform()
    z = gdal.Open(dem).ReadAsArray().astype(np.float32)
    filled_minus_dem = fill_depressions(z) - z
    for f in crossing[:20]:  # their middle vertex lies in a filled sink
        line = f.geometry().constGet()
        p = line.pointN(line.nCoordinates() // 2)
        c, r = int((p.x() - gt[0]) / gt[1]), int((p.y() - gt[3]) / gt[5])
        assert filled_minus_dem[r, c] > 0 or f["length_m"] < 5
    cor = QgsGeometry.unaryUnion([g.geometry() for g in QgsVectorLayer(out["CORRIDOR"], "c").getFeatures()])
    for f in feats:
        if not f["in_sink"]:
            assert cor.buffer(0.01, 2).contains(f.geometry())


class CancelAt:
    """A feedback that cancels once the progress reaches ``pct``."""

    def __new__(cls, pct):
        from qgis.core import QgsProcessingFeedback

        fb = QgsProcessingFeedback()
        fb.progressChanged.connect(lambda p: fb.cancel() if p >= pct else None)
        return fb


@pytest.mark.parametrize("pct", [60, 85])
def test_cancel_late_removes_written_outputs(provider_only, tmp_path, pct):
    """Cancelled after the rasters (60 %) or at the building distances (85 %): nothing stays."""
    from qgis.core import QgsProcessingContext, QgsProcessingException

    dem = write_dem(tmp_path / "slope.tif", slope_dem(), origin=ORIGIN)
    bld = house(tmp_path, ORIGIN[0] + 30, ORIGIN[1] - 22, ORIGIN[0] + 36, ORIGIN[1] - 18)
    before = set(os.listdir(tmp_path))
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        processing.run(
            "smartplan:flowpaths",
            dict(
                DEM=dem,
                BUILDINGS=bld,
                MIN_CATCHMENT_HA=0.02,
                CLASS_BREAKS_HA="0.05,0.1,0.15,0.2",
                FLOW_DIRECTION=str(tmp_path / "fd.tif"),
                ACCUMULATION=str(tmp_path / "acc.tif"),
                FLOWPATHS=str(tmp_path / "fp.gpkg"),
                CORRIDOR=str(tmp_path / "cor.gpkg"),
                BUILDINGS_NEAR=str(tmp_path / "near.gpkg"),
            ),
            feedback=CancelAt(pct),
            context=QgsProcessingContext(),
        )
    assert set(os.listdir(tmp_path)) == before  # inputs untouched, no output or sidecar left
