"""Create the synthetic demo footprints that ship with SmartPlan (demo/data/demo_buildings.gpkg).

They are made up: 40 rectangular 'buildings' (8-20 m) on the bundled 1 m LiDAR DEM, some on the
slopes around its depressions, so the demo shows buildings as obstacles and affected buildings;
also demo_roads.gpkg (OSM-like highway classes, one underpass with layer=-1) and
demo_critical.gpkg (hospital, school, kindergarten, fire station, substation), and
demo_open_space.gpkg (green spaces around the three largest depressions: the safe targets of
emergency flow routes). Run with Debian's python3 (GDAL): python3 scripts/make_demo_data.py
(``python3 scripts/make_demo_data.py open_space`` writes only the last one).
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
    roads_and_sites(gt, w, h, srs)
    demo_dsm()


def demo_dsm():
    """A synthetic 1 m DSM for the green-roof demo: the DEM plus a roof on every demo building
    (by building number: flat, 10° shed, 35° gable, 25° hip, flat with a 2 x 2 m plant room),
    eaves 8 m above the highest ground of the footprint, 5 cm noise."""
    ds = gdal.Open(os.path.join(DATA, "lidar_mn_1m_dem.tif"))
    gt = ds.GetGeoTransform()
    dem = ds.GetRasterBand(1).ReadAsArray().astype(np.float64)
    nd = ds.GetRasterBand(1).GetNoDataValue()
    valid = dem != nd if nd is not None else np.ones(dem.shape, bool)
    vec = ogr.Open(os.path.join(DATA, "demo_buildings.gpkg"))
    lyr = vec.GetLayer(0)
    dsm = dem.copy()
    rows, cols = np.indices(dem.shape)
    xs, ys = gt[0] + (cols + 0.5) * gt[1], gt[3] + (rows + 0.5) * gt[5]
    lyr.ResetReading()
    for k, f in enumerate(lyr):
        one = gdal.GetDriverByName("MEM").Create("", ds.RasterXSize, ds.RasterYSize, 1, gdal.GDT_Byte)
        one.SetGeoTransform(gt)
        one.SetProjection(ds.GetProjection())
        tmp = ogr.GetDriverByName("Memory").CreateDataSource("")
        tl = tmp.CreateLayer("t", lyr.GetSpatialRef(), ogr.wkbPolygon)
        nf = ogr.Feature(tl.GetLayerDefn())
        nf.SetGeometry(f.GetGeometryRef().Clone())
        tl.CreateFeature(nf)
        gdal.RasterizeLayer(one, [1], tl, burn_values=[1])
        m = (one.GetRasterBand(1).ReadAsArray() > 0) & valid
        if not m.any():
            continue
        ring = f.GetGeometryRef().GetGeometryRef(0)
        p0, p1, p3 = (np.array(ring.GetPoint_2D(i)) for i in (0, 1, 3))
        e1, e2 = p1 - p0, p3 - p0
        l1, l2 = np.hypot(*e1), np.hypot(*e2)
        px, py = xs[m] - p0[0], ys[m] - p0[1]
        u, v = (px * e1[0] + py * e1[1]) / l1, (px * e2[0] + py * e2[1]) / l2
        if l2 > l1:  # u along the long side
            u, v, l1, l2 = v, u, l2, l1
        kind = k % 5
        t = np.tan(np.radians((0, 10, 35, 25, 0)[kind]))
        if kind == 1:
            h = t * v
        elif kind == 2:
            h = t * np.minimum(v, l2 - v)
        elif kind == 3:
            h = t * np.minimum(np.minimum(v, l2 - v), np.minimum(u, l1 - u))
        else:
            h = np.zeros(u.shape)
        if kind == 4:
            h += np.where((np.abs(u - l1 / 2) < 1) & (np.abs(v - l2 / 2) < 1), 2.5, 0.0)
        dsm[m] = dem[m].max() + 8.0 + h
    dsm += np.random.default_rng(11).normal(0, 0.05, dsm.shape)
    dsm[~valid] = nd
    out = os.path.join(DATA, "demo_dsm.tif")
    dst = gdal.GetDriverByName("GTiff").Create(
        out, ds.RasterXSize, ds.RasterYSize, 1, gdal.GDT_Float32, ["COMPRESS=DEFLATE", "PREDICTOR=3"]
    )
    dst.SetGeoTransform(gt)
    dst.SetProjection(ds.GetProjection())
    dst.GetRasterBand(1).SetNoDataValue(nd)
    dst.GetRasterBand(1).WriteArray(dsm.astype(np.float32))
    dst = None
    print("wrote", out)


def roads_and_sites(gt, w, h, srs):
    """Synthetic roads (OSM-like highway classes, one underpass) and critical sites."""
    x0, y0 = gt[0], gt[3]
    out = os.path.join(DATA, "demo_roads.gpkg")
    if os.path.exists(out):
        os.remove(out)
    dst = ogr.GetDriverByName("GPKG").CreateDataSource(out)
    lyr = dst.CreateLayer("roads", srs, ogr.wkbLineString)
    for name in ("name", "highway", "layer"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    # a connected street grid (vertices at every crossing, as OSM ways share nodes) every 80 m,
    # with a primary road, residential streets and one underpass (layer -1)
    roads = []
    ticks = [20, 100, 180, 260, 340, 380]
    for k, r in enumerate(ticks[:-1]):
        hw = "primary" if k == 2 else "residential"
        roads.append((f"Straße {k + 1}", hw, None, [(c, r) for c in ticks]))
    for k, c in enumerate(ticks[:-1]):
        hw = "secondary" if k == 2 else "residential"
        roads.append((f"Weg {k + 1}", hw, None, [(c, r) for r in ticks]))
    roads.append(("Unterführung", "tertiary", "-1", [(100, 260), (140, 300), (180, 340)]))
    for name, hw, layer, pts in roads:
        g = ogr.Geometry(ogr.wkbLineString)
        for c, r in pts:
            g.AddPoint_2D(x0 + c, y0 - r)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(g)
        f.SetField("name", name)
        f.SetField("highway", hw)
        if layer:
            f.SetField("layer", layer)
        lyr.CreateFeature(f)
    dst = None
    out = os.path.join(DATA, "demo_critical.gpkg")
    if os.path.exists(out):
        os.remove(out)
    dst = ogr.GetDriverByName("GPKG").CreateDataSource(out)
    lyr = dst.CreateLayer("critical", srs, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("kind", ogr.OFTString))
    for name, kind, c, r in (
        ("Kreiskrankenhaus", "hospital", 270, 175),
        ("Grundschule", "school", 60, 150),
        ("Kita Sonnenschein", "kindergarten", 296, 289),
        ("Feuerwache", "fire_station", 380, 30),
        ("Umspannwerk", "substation", 150, 320),
    ):
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(x0 + c, y0 - r)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(g)
        f.SetField("name", name)
        f.SetField("kind", kind)
        lyr.CreateFeature(f)
    dst = None
    out = os.path.join(DATA, "demo_stations.gpkg")
    if os.path.exists(out):
        os.remove(out)
    dst = ogr.GetDriverByName("GPKG").CreateDataSource(out)
    lyr = dst.CreateLayer("stations", srs, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    for name, c, r in (("Feuerwache Nord", 380, 20), ("Rettungswache Süd", 20, 380)):
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(x0 + c, y0 - r)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(g)
        f.SetField("name", name)
        lyr.CreateFeature(f)
    dst = None
    print("wrote demo roads, critical sites and stations")


def open_space():
    """Green spaces around the DEM's three largest depressions (where they hold more than 0.1 m,
    widened by 5 m): the low parks and retention areas a town lets emergency flow routes end in."""
    import sys

    from scipy import ndimage

    sys.path.insert(0, os.path.join(HERE, ".."))
    from smartplan.core.fill import fill_depressions

    ds = gdal.Open(os.path.join(DATA, "lidar_mn_1m_dem.tif"))
    z = ds.GetRasterBand(1).ReadAsArray().astype(np.float32)
    wet = (fill_depressions(z) - z) > 0.1
    lab, n = ndimage.label(wet)
    sizes = ndimage.sum(wet, lab, range(1, n + 1))
    keep = np.zeros(z.shape, np.uint8)
    for i, k in enumerate(np.argsort(sizes)[::-1][:3]):
        keep[lab == k + 1] = i + 1
    mem = gdal.GetDriverByName("MEM").Create("", ds.RasterXSize, ds.RasterYSize, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(ds.GetGeoTransform())
    mem.SetProjection(ds.GetProjection())
    mem.GetRasterBand(1).WriteArray(keep)
    out = os.path.join(DATA, "demo_open_space.gpkg")
    if os.path.exists(out):
        os.remove(out)
    srs = osr.SpatialReference()
    srs.ImportFromWkt(ds.GetProjection())
    tmp = ogr.GetDriverByName("Memory").CreateDataSource("")
    raw = tmp.CreateLayer("raw", srs, ogr.wkbPolygon)
    raw.CreateField(ogr.FieldDefn("k", ogr.OFTInteger))
    band = mem.GetRasterBand(1)
    gdal.Polygonize(band, band, raw, 0)
    dst = ogr.GetDriverByName("GPKG").CreateDataSource(out)
    lyr = dst.CreateLayer("open_space", srs, ogr.wkbMultiPolygon)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("kind", ogr.OFTString))
    for k in range(1, 4):
        geom = ogr.Geometry(ogr.wkbMultiPolygon)
        for f in raw:
            if f.GetField("k") == k:
                geom = geom.Union(f.GetGeometryRef())
        raw.ResetReading()
        geom = ogr.ForceToMultiPolygon(geom.Buffer(5.0, 4).SimplifyPreserveTopology(1.0))
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(geom)
        f.SetField("name", f"Grünfläche {k}")
        f.SetField("kind", "park")
        lyr.CreateFeature(f)
    dst = None
    print("wrote demo open space")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["open_space"]:
        open_space()
    else:
        main()
        open_space()
