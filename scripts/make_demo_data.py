"""Create the synthetic demo footprints that ship with SmartPlan (demo/data/demo_buildings.gpkg).

They are made up: 40 rectangular 'buildings' (8-20 m) on the bundled 1 m LiDAR DEM, some on the
slopes around its depressions, so the demo shows buildings as obstacles and affected buildings.
Run with Debian's python3 (GDAL): python3 scripts/make_demo_data.py
"""

import os

import numpy as np
from osgeo import gdal, ogr, osr

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "demo", "data")


def main():
    ds = gdal.Open(os.path.join(DATA, "lidar_mn_1m_dem.tif"))
    gt = ds.GetGeoTransform()
    w, h = ds.RasterXSize, ds.RasterYSize
    rng = np.random.default_rng(42)
    out = os.path.join(DATA, "demo_buildings.gpkg")
    if os.path.exists(out):
        os.remove(out)
    drv = ogr.GetDriverByName("GPKG")
    dst = drv.CreateDataSource(out)
    srs = osr.SpatialReference()
    srs.ImportFromWkt(ds.GetProjection())
    lyr = dst.CreateLayer("buildings", srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("height_m", ogr.OFTReal))
    for i in range(40):
        cx = gt[0] + rng.uniform(20, w - 20)
        cy = gt[3] - rng.uniform(20, h - 20)
        bw, bh = rng.uniform(8, 20), rng.uniform(8, 14)
        ang = rng.uniform(0, np.pi)
        corners = [(-bw / 2, -bh / 2), (bw / 2, -bh / 2), (bw / 2, bh / 2), (-bw / 2, bh / 2)]
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in corners + corners[:1]:
            ring.AddPoint_2D(cx + x * np.cos(ang) - y * np.sin(ang), cy + x * np.sin(ang) + y * np.cos(ang))
        poly = ogr.Geometry(ogr.wkbPolygon)
        poly.AddGeometry(ring)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(poly)
        f.SetField("name", f"Demo building {i + 1}")
        if i % 5 == 0:
            f.SetField("height_m", float(rng.uniform(6, 12)))
        lyr.CreateFeature(f)
    dst = None
    print("wrote", out)


if __name__ == "__main__":
    main()
