"""SmartPlan benchmark: writes bench-output/bench.md (+ bench.json), quoted in the README.

Side by side in one process, interleaved rounds, median of the rounds:
* depression filling on real-terrain DEMs (the 1 m LiDAR DEM mirrored to 2000 x 2000 = 4 M cells,
  and the 30 m SRTM DEM): SmartPlan with numba, SmartPlan's scipy fallback, scikit-image's
  reconstruction by erosion and WhiteboxTools' compiled Wang & Liu fill (whitebox-workflows);
* the core stages of the sink analysis (fill, routing, sink table, nesting, rain cascade).
Then whole runs through Processing in fresh subprocesses, with peak memory (ru_maxrss):
* smartplan:depressions on 5000 x 5000 = 25 M cells (mirrored LiDAR DEM, 1 m) and on 4 M cells,
* smartplan:depressions on 4 M cells without numba.
The reference tools are installed in the benchmark environment only (requirements-bench.txt).
"""

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
from osgeo import gdal, osr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
SHARED = os.path.join(ROOT, "tests", "data")  # the real data sets (see its README)
LOCAL = os.path.join(ROOT, "demo", "data")
OUT = os.path.join(ROOT, "bench-output")
ROUNDS = int(os.environ.get("SMARTPLAN_BENCH_ROUNDS", "5"))


def lidar():
    p = os.path.join(SHARED, "lidar_mn_1m_dem.tif")
    if not os.path.exists(p):
        p = os.path.join(LOCAL, "lidar_mn_1m_dem.tif")
    return gdal.Open(p).ReadAsArray().astype(np.float32)


def mirrored(n):
    """The real 1 m LiDAR DEM mirrored into an n x n mosaic (continuous real terrain)."""
    z = lidar()
    zz = np.concatenate([z, z[::-1]], 0)
    zz = np.concatenate([zz, zz[:, ::-1]], 1)
    reps = n // zz.shape[0] + 1
    return np.ascontiguousarray(np.tile(zz, (reps, reps))[:n, :n])


def write_tif(path, z, cell=1.0, epsg=25832):
    ds = gdal.GetDriverByName("GTiff").Create(
        path, z.shape[1], z.shape[0], 1, gdal.GDT_Float32, ["TILED=YES", "BIGTIFF=IF_SAFER"]
    )
    ds.SetGeoTransform((400000.0, cell, 0, 5700000.0, 0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(z)
    ds = None
    return path


def cpu_probe():
    """Milliseconds to sort 500,000 floats on one core (median of 7): how busy the shared host is
    at that moment (these machines run up to twice as slow when it is busy)."""
    a = np.random.default_rng(0).random(500_000)
    return 1e3 * median_time(lambda: np.sort(a), 7)[0]


def median_time(fn, rounds):
    ts = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return float(np.median(ts)), ts


def fill_comparison(name, z, tif, rounds):
    from skimage.morphology import reconstruction

    from smartplan.core.fill import fill_depressions

    tools = {}

    def ours():
        os.environ.pop("SMARTPLAN_NO_NUMBA", None)
        return fill_depressions(z)

    def ours_scipy():
        os.environ["SMARTPLAN_NO_NUMBA"] = "1"
        try:
            return fill_depressions(z)
        finally:
            os.environ.pop("SMARTPLAN_NO_NUMBA", None)

    def skimage_rec():
        seed = z.copy()
        seed[1:-1, 1:-1] = z.max()
        return reconstruction(seed, z, method="erosion")

    tools["SmartPlan (numba Priority-Flood)"] = ours
    tools["SmartPlan fallback (scipy, no numba)"] = ours_scipy
    tools["scikit-image reconstruction"] = skimage_rec
    try:
        import whitebox_workflows as wbw

        wbe = wbw.WbEnvironment()
        wdem = wbe.read_raster(tif)

        def whitebox():
            return wbe.hydrology.fill_depressions_wang_and_liu(dem=wdem, fix_flats=False)

        tools["WhiteboxTools Wang & Liu (compiled, whitebox-workflows)"] = whitebox
    except Exception as exc:  # noqa: BLE001 - the peer is optional in the bench env
        print("whitebox-workflows unavailable:", exc)
    ours()  # compile / warm up
    ref = ours()
    assert np.array_equal(ours_scipy(), ref)
    assert np.array_equal(skimage_rec().astype(np.float32), ref)
    times = {k: [] for k in tools}
    for _ in range(rounds):  # interleaved rounds: noise hits all tools alike
        for k, fn in tools.items():
            t0 = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t0)
    rows = []
    base = float(np.median(times["SmartPlan (numba Priority-Flood)"]))
    for k, ts in times.items():
        med = float(np.median(ts))
        rows.append(
            {
                "dataset": name,
                "tool": k,
                "cells": int(z.size),
                "seconds": med,
                "best": float(min(ts)),
                "cells_per_s": z.size / med,
                "ratio_to_smartplan": med / base,
            }
        )
    return rows


def routing_comparison(z, tif, rounds):
    """D8 directions + accumulation on the filled surface: SmartPlan vs WhiteboxTools' compiled
    d8_pointer + d8_flow_accum (same filled input; WhiteboxTools leaves flats unresolved)."""
    from smartplan.core.fill import fill_depressions
    from smartplan.core.flow import flow_directions
    from smartplan.core.streams import d8_accumulation

    valid = np.ones(z.shape, bool)
    filled = fill_depressions(z, valid)
    ftif = write_tif(tif.replace(".tif", "_filled.tif"), filled)

    def ours():
        code, _rcv = flow_directions(filled, valid)
        return d8_accumulation(code)

    tools = {"SmartPlan D8 (flats resolved) + accumulation": ours}
    try:
        import whitebox_workflows as wbw

        wbe = wbw.WbEnvironment()
        wf = wbe.read_raster(ftif)

        def whitebox():
            ptr = wbe.hydrology.d8_pointer(dem=wf)
            return wbe.hydrology.d8_flow_accum(raster=ptr, out_type="cells", input_is_pointer=True)

        tools["WhiteboxTools d8_pointer + d8_flow_accum (compiled)"] = whitebox
    except Exception as exc:  # noqa: BLE001
        print("whitebox-workflows unavailable:", exc)
    ours()
    times = {k: [] for k in tools}
    for _ in range(rounds):
        for k, fn in tools.items():
            t0 = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t0)
    base = float(np.median(times["SmartPlan D8 (flats resolved) + accumulation"]))
    return [
        {
            "dataset": "LiDAR 1 m mirrored, 2000 x 2000 (filled)",
            "tool": k,
            "cells": int(z.size),
            "seconds": float(np.median(ts)),
            "best": float(min(ts)),
            "cells_per_s": z.size / float(np.median(ts)),
            "ratio_to_smartplan": float(np.median(ts)) / base,
        }
        for k, ts in times.items()
    ]


def stages(z, rounds):
    from smartplan.core.fill import fill_depressions
    from smartplan.core.flow import flow_directions
    from smartplan.core.nesting import nested_sinks
    from smartplan.core.sinks import build_terrain, rain_cascade, sink_table

    valid = np.ones(z.shape, bool)
    t = build_terrain(z)
    st = sink_table(t)
    out = {}
    out["fill"] = median_time(lambda: fill_depressions(z, valid), rounds)[0]
    out["flow directions + flats"] = median_time(lambda: flow_directions(t.filled, valid), rounds)[0]
    out["sink table (labels, catchments, pour points)"] = median_time(lambda: sink_table(t), rounds)[0]
    out["nested sinks"] = median_time(lambda: nested_sinks(st, t), rounds)[0]
    out["rain cascade (90 mm)"] = median_time(lambda: rain_cascade(st, t, 90.0), rounds)[0]
    from smartplan.core.streams import d8_accumulation, stream_network

    out["flow accumulation"] = median_time(lambda: d8_accumulation(t.code), rounds)[0]
    acc = d8_accumulation(t.code).ravel()
    out["flow-path network (1 ha)"] = median_time(lambda: stream_network(t.rcv, acc, 10000), rounds)[0]
    return out


RUN_ALG = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
from qgis.core import QgsApplication
app = QgsApplication([], False); app.initQgis()
sys.path.append('/usr/share/qgis/python/plugins')
from processing.core.Processing import Processing
Processing.initialize()
import smartplan
p = smartplan.classFactory(None); p.initProcessing()
import processing
def hwm_kb():  # peak RSS of this process (VmHWM; ru_maxrss is inherited across fork/exec)
    with open('/proc/self/status') as fh:
        return int(next(l for l in fh if l.startswith('VmHWM')).split()[1])
base = hwm_kb()
t0 = time.perf_counter()
r = processing.run(sys.argv[2], json.loads(sys.argv[3]))
dt = time.perf_counter() - t0
print(json.dumps({"seconds": dt, "peak_kb": hwm_kb(), "base_kb": base}))
p.unload()
"""

OUTPUTS = {
    "smartplan:depressions": ("FILLED=f.tif", "DEPTH=d.tif", "SINKS=s.gpkg", "POUR_POINTS=p.gpkg"),
    "smartplan:rainscenario": (
        "WATER_DEPTH=wd.tif",
        "FLOODED=fl.gpkg",
        "SPILL_NETWORK=sp.gpkg",
        "OUTPUT_HTML=s.html",
    ),
    "smartplan:flowpaths": (
        "FLOW_DIRECTION=fd.tif",
        "ACCUMULATION=acc.tif",
        "FLOWPATHS=fp.gpkg",
        "CORRIDOR=cor.gpkg",
    ),
    "smartplan:affected": (
        "BUILDINGS_AFFECTED=b.gpkg",
        "ROADS_AFFECTED=r.gpkg",
        "UNDERPASSES=u.gpkg",
        "OUTPUT_HTML=s.html",
    ),
    "smartplan:greenroofs": ("FACES=f.gpkg", "ROOFS=r.gpkg", "SUMMARY=s.html"),
    "smartplan:filltiled": ("OUTPUT_FOLDER=city",),
    "smartplan:emergencyroutes": (
        "BLOCKED=b.gpkg",
        "ROUTES=r.gpkg",
        "SERVICE_AREA=s.gpkg",
        "UNREACHABLE=u.gpkg",
        "OUTPUT_HTML=s.html",
    ),
}


def routing_inputs(tmp, n_segments=50_000, n_stations=10, n_destinations=1000):
    """A street grid of 50 m blocks plus diagonals (50,000 segments), 10 stations, 1000
    destinations and a 1 m depth raster with 30 ponds."""
    from osgeo import ogr

    rng = np.random.default_rng(1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    drv = ogr.GetDriverByName("GPKG")
    n, step, x0, y0 = 126, 50.0, 400000.0, 5700000.0
    ds = drv.CreateDataSource(os.path.join(tmp, "roads.gpkg"))
    lyr = ds.CreateLayer("r", srs, ogr.wkbLineString)
    lyr.CreateField(ogr.FieldDefn("highway", ogr.OFTString))
    lyr.StartTransaction()
    segs = []
    for i in range(n):
        for j in range(n - 1):
            segs += [
                (j * step, i * step, (j + 1) * step, i * step, "residential"),
                (i * step, j * step, i * step, (j + 1) * step, "residential"),
            ]
    for i, j in rng.integers(0, n - 1, (n_segments - len(segs), 2)):
        segs.append((j * step, i * step, (j + 1) * step, (i + 1) * step, "tertiary"))
    for ax, ay, bx, by, hw in segs:
        g = ogr.Geometry(ogr.wkbLineString)
        g.AddPoint_2D(x0 + ax, y0 + ay)
        g.AddPoint_2D(x0 + bx, y0 + by)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(g)
        f.SetField("highway", hw)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    paths = {}
    for name, k in (("STATIONS", n_stations), ("DESTINATIONS", n_destinations)):
        path = os.path.join(tmp, name.lower() + ".gpkg")
        ds = drv.CreateDataSource(path)
        lyr = ds.CreateLayer("p", srs, ogr.wkbPoint)
        for x, y in rng.uniform(0, (n - 1) * step, (k, 2)):
            g = ogr.Geometry(ogr.wkbPoint)
            g.AddPoint_2D(x0 + x, y0 + y)
            f = ogr.Feature(lyr.GetLayerDefn())
            f.SetGeometry(g)
            lyr.CreateFeature(f)
        ds = None
        paths[name] = path
    m = int((n - 1) * step) + 10
    yy, xx = np.mgrid[0:m, 0:m]
    d = np.zeros((m, m), np.float32)
    for cx, cy in rng.uniform(0, m, (30, 2)):
        d = np.maximum(d, (0.9 * (1 - ((xx - cx) ** 2 + (yy - cy) ** 2) / 150**2)).astype(np.float32))
    tif = os.path.join(tmp, "roads_depth.tif")
    r = gdal.GetDriverByName("GTiff").Create(tif, m, m, 1, gdal.GDT_Float32)
    r.SetGeoTransform((x0 - 5, 1, 0, y0 + m - 5, 0, -1))
    r.SetProjection(srs.ExportToWkt())
    r.GetRasterBand(1).WriteArray(d[::-1])
    r = None
    return dict(paths, ROADS=os.path.join(tmp, "roads.gpkg"), WATER_DEPTH=tif)


def whole_run(inputs, cells, numba=True, alg="smartplan:depressions"):
    """Run ``alg`` in a fresh process; ``inputs``: a DEM path or a dict of input parameters."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if not numba:
        env["SMARTPLAN_NO_NUMBA"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        params = dict(inputs) if isinstance(inputs, dict) else {"DEM": inputs}
        for item in OUTPUTS[alg]:
            k, v = item.split("=")
            params[k] = os.path.join(tmp, v)
        r = subprocess.run(
            [sys.executable, "-c", RUN_ALG, ROOT, alg, json.dumps(params)],
            env=env,
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            raise RuntimeError(r.stderr[-2000:])
        res = json.loads(r.stdout.strip().splitlines()[-1])
    res["cells"] = cells
    res["cells_per_s"] = cells / res["seconds"]
    res["peak_bytes_per_cell"] = res["peak_kb"] * 1024 / cells
    res["alg_bytes_per_cell"] = (res["peak_kb"] - res["base_kb"]) * 1024 / cells
    return res


def affected_inputs(tmp, n_buildings=100_000, n_roads=20_000):
    """A 5 x 5 km, 1 m water-depth raster with ponds, 100,000 footprints and 20,000 road lines."""
    from osgeo import ogr

    rng = np.random.default_rng(7)
    n = 5000
    yy, xx = np.mgrid[0:n:10, 0:n:10]
    coarse = np.zeros(yy.shape, np.float32)
    for _ in range(60):
        cy, cx, rad = rng.uniform(0, n, 2).tolist() + [rng.uniform(30, 200)]
        coarse = np.maximum(coarse, 0.9 * (1 - ((yy - cy) ** 2 + (xx - cx) ** 2) / rad**2))
    depth = np.repeat(np.repeat(np.clip(coarse, 0, None), 10, 0), 10, 1)[:n, :n]
    tif = write_tif(os.path.join(tmp, "water_depth.tif"), depth)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    x0, y0 = 400000.0, 5700000.0
    drv = ogr.GetDriverByName("GPKG")
    bpath = os.path.join(tmp, "buildings.gpkg")
    ds = drv.CreateDataSource(bpath)
    lyr = ds.CreateLayer("b", srs, ogr.wkbPolygon)
    lyr.StartTransaction()
    for cx, cy in rng.uniform(10, n - 10, (n_buildings, 2)):
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for dx, dy in ((-5, -4), (5, -4), (5, 4), (-5, 4), (-5, -4)):
            ring.AddPoint_2D(x0 + cx + dx, y0 - cy + dy)
        g = ogr.Geometry(ogr.wkbPolygon)
        g.AddGeometry(ring)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(g)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    rpath = os.path.join(tmp, "roads.gpkg")
    ds = drv.CreateDataSource(rpath)
    lyr = ds.CreateLayer("r", srs, ogr.wkbLineString)
    lyr.CreateField(ogr.FieldDefn("highway", ogr.OFTString))
    lyr.StartTransaction()
    for cx, cy, ang, ln in zip(*rng.uniform([0, 0, 0, 50], [n, n, np.pi, 250], (n_roads, 4)).T):
        g = ogr.Geometry(ogr.wkbLineString)
        g.AddPoint_2D(x0 + cx, y0 - cy)
        ex = min(n - 1, max(0, cx + ln * np.cos(ang)))
        ey = min(n - 1, max(0, cy + ln * np.sin(ang)))
        g.AddPoint_2D(x0 + ex, y0 - ey)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(g)
        f.SetField("highway", "residential")
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    return {"WATER_DEPTH": tif, "BUILDINGS": bpath, "ROADS": rpath}


def live_figures(z, rounds):
    """Planning table: figures of a variant (retention area + unsealing) on 4 M cells — one
    effective-rain raster, one bincount, the cascade — with and without the water-depth raster."""
    from smartplan.core import measures as M
    from smartplan.core.sinks import build_terrain, sink_table

    t = build_terrain(z)
    st = sink_table(t)
    live = M.LiveModel(t, st, 90.0)
    cells = np.arange(500 * z.shape[1], 600 * z.shape[1])
    ms = [
        M.Measure("retention", cells[:5000], area_m2=5000, depth_m=0.5),
        M.Measure("unsealing", cells[5000:20000], area_m2=15000, psi=0.3),
    ]
    return {
        "cells": int(z.size),
        "sinks": int(st.n),
        "figures only": median_time(lambda: live.run(ms), rounds)[0],
        "figures + water-depth raster": median_time(lambda: live.run(ms, with_depth=True), rounds)[0],
    }


def feedback_import(tmp, n=20_000):
    """Citizen feedback: 20,000 PDS contributions imported into a participation GeoPackage, then
    imported again (the merge path: every contribution compared, none changed)."""
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    from fake_dipas import contribution

    from smartplan.io.feedback_sources import Importer

    feats = []
    for i in range(n):
        f = contribution(i % 24)
        f["properties"] = dict(f["properties"], id=str(i), title=f"Beitrag {i}")
        f["geometry"] = {"type": "Point", "coordinates": [9.9 + (i % 200) * 0.001, 53.5 + (i // 200) * 0.001]}
        feats.append(f)
    src = os.path.join(tmp, "feedback_20k.geojson")
    with open(src, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": feats}, fh)
    out = os.path.join(tmp, "feedback_20k.gpkg")
    t0 = time.perf_counter()
    Importer().import_into(out, src)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    Importer().import_into(out, src)
    again = time.perf_counter() - t0
    return {"contributions": n, "first import": first, "re-import (merge)": again}


def greenroof_inputs(tmp, n_side=224, n_buildings=50_000, pitch=22):
    """A 1 m DSM of a town of 50,000 buildings (14 x 10 m; flat, flat with a chimney, 10° shed,
    35° gable, 30° hip; σ = 0.1 m noise) on a 22 m grid, and its footprints."""
    from osgeo import ogr

    n = n_side * pitch
    rng = np.random.default_rng(5)
    rows = np.arange(n)[:, None]
    cols = np.arange(n)[None, :]
    bi, bj = rows // pitch, cols // pitch
    u = (cols % pitch - 4) + 0.5  # along the 14 m side
    v = (rows % pitch - 6) + 0.5  # along the 10 m side
    inside = (u > 0) & (u < 14) & (v > 0) & (v < 10) & (bi * n_side + bj < n_buildings)
    kind = (bi * 7 + bj * 3) % 5
    t = np.tan(np.radians([0, 0, 10, 35, 30]))[kind]
    dist_gable = np.minimum(v, 10 - v)
    dist_hip = np.minimum(np.minimum(v, 10 - v), np.minimum(u, 14 - u))
    h = np.where(
        kind == 2, t * v, np.where(kind == 3, t * dist_gable, np.where(kind == 4, t * dist_hip, 0.0))
    )
    h = h + np.where((kind == 1) & (np.abs(u - 4) < 1) & (np.abs(v - 4) < 1), 1.5, 0.0)
    dsm = np.where(inside, 108.0 + h, 100.0) + rng.normal(0, 0.1, (n, n))
    del h, dist_gable, dist_hip, t, kind, inside, u, v
    tif = write_tif(os.path.join(tmp, "dsm_town.tif"), dsm.astype(np.float32))
    del dsm
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    x0, y0 = 400000.0, 5700000.0  # the DSM's top-left corner (write_tif)
    path = os.path.join(tmp, "town_buildings.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    lyr = ds.CreateLayer("b", srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("bid", ogr.OFTInteger))
    lyr.StartTransaction()
    for k in range(n_buildings):
        i, j = divmod(k, n_side)
        ax, ay = x0 + j * pitch + 4, y0 - i * pitch - 6
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for dx, dy in ((0, 0), (14, 0), (14, -10), (0, -10), (0, 0)):
            ring.AddPoint_2D(ax + dx, ay + dy)
        g = ogr.Geometry(ogr.wkbPolygon)
        g.AddGeometry(ring)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(g)
        f.SetField("bid", k + 1)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    return {"DSM": tif, "BUILDINGS": path}


def percell_reference(inputs):
    """The per-cell method many cadastres started from, as a speed reference: GDAL's Horn slope
    (gdaldem slope) on the whole DSM plus the mean slope per footprint (rasterise + bincount)."""
    from osgeo import ogr

    t0 = time.perf_counter()
    slope = gdal.DEMProcessing("/vsimem/slope.tif", inputs["DSM"], "slope").ReadAsArray()
    src = gdal.Open(inputs["DSM"])
    mem = gdal.GetDriverByName("MEM").Create("", src.RasterXSize, src.RasterYSize, 1, gdal.GDT_Int32)
    mem.SetGeoTransform(src.GetGeoTransform())
    mem.SetProjection(src.GetProjection())
    vec = ogr.Open(inputs["BUILDINGS"])
    gdal.RasterizeLayer(mem, [1], vec.GetLayer(0), options=["ATTRIBUTE=bid"])
    ids = mem.GetRasterBand(1).ReadAsArray().ravel()
    m = ids > 0
    sums = np.bincount(ids[m], slope.ravel()[m])
    cnt = np.bincount(ids[m])
    _ = sums[1:] / np.maximum(cnt[1:], 1)
    gdal.Unlink("/vsimem/slope.tif")
    return time.perf_counter() - t0


def main():
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="smartplan-bench-")
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "numpy": np.__version__,
        "rounds": ROUNDS,
    }
    try:
        import numba

        report["numba"] = numba.__version__
    except ImportError:
        report["numba"] = None
    z4 = mirrored(2000)
    t4 = write_tif(os.path.join(tmp, "dem_4M.tif"), z4)
    srtm = gdal.Open(os.path.join(SHARED, "bigtujunga_srtm30.tif")).ReadAsArray().astype(np.float32)
    ts = write_tif(os.path.join(tmp, "srtm.tif"), srtm, cell=30.0)
    print("fill comparison ...", flush=True)
    report["probe"] = {"before the fill comparison": cpu_probe()}
    rows = fill_comparison("LiDAR 1 m mirrored, 2000 x 2000", z4, t4, ROUNDS)
    rows += fill_comparison("SRTM 30 m Big Tujunga, 1197 x 643", srtm, ts, ROUNDS)
    report["fill"] = rows
    print("routing comparison ...", flush=True)
    report["probe"]["before the routing comparison"] = cpu_probe()
    report["routing_rounds"] = 3 * ROUNDS  # ~1.5 s a round: more rounds span the host's busy spells
    report["routing"] = routing_comparison(z4, t4, report["routing_rounds"])
    report["probe"]["after it"] = cpu_probe()
    print("stages ...", flush=True)
    report["stages_4M"] = stages(z4, ROUNDS)
    print("planning table ...", flush=True)
    report["live_4M"] = live_figures(z4, ROUNDS)
    print("whole runs ...", flush=True)
    del z4
    z25 = mirrored(5000)
    t25 = write_tif(os.path.join(tmp, "dem_25M.tif"), z25)
    del z25
    report["whole"] = {
        "depressions 25 M cells (numba)": whole_run(t25, 25_000_000),
        "depressions 4 M cells (numba)": whole_run(t4, 4_000_000),
        "depressions 4 M cells (no numba)": whole_run(t4, 4_000_000, numba=False),
        "flowpaths 25 M cells (numba)": whole_run(t25, 25_000_000, alg="smartplan:flowpaths"),
        "flowpaths 4 M cells (no numba)": whole_run(t4, 4_000_000, numba=False, alg="smartplan:flowpaths"),
        "affected: 100,000 buildings, 20,000 roads, 25 M-cell depth": whole_run(
            affected_inputs(tmp), 25_000_000, alg="smartplan:affected"
        ),
        "emergencyroutes: 50,000 segments, 10 stations, 1000 destinations": whole_run(
            routing_inputs(tmp), 50_000, alg="smartplan:emergencyroutes"
        ),
    }
    report["city"] = city_bench(tmp)
    report["greenroofs"] = greenroof_bench(tmp)
    print("feedback import ...", flush=True)
    report["feedback"] = feedback_import(tmp)
    with open(os.path.join(OUT, "bench.json"), "w") as fh:
        json.dump(report, fh, indent=2)
    md = render(report)
    with open(os.path.join(OUT, "bench.md"), "w") as fh:
        fh.write(md)
    print(md)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the benchmark process: {peak:.0f} MB")


ROUTING_MAX_M = float(os.environ.get("SMARTPLAN_BENCH_CITY_ROUTING", "400"))
# the rain scenario and the flow paths on the city-scale path, up to this size (million cells)
ANALYSES_MAX_M = float(os.environ.get("SMARTPLAN_BENCH_CITY_ANALYSES", "100"))
RAIN = {"SCENARIO": 3, "RAIN_MM": 36}
# the whole smartplan:depressions up to this size (million cells; 1000 for the 1 G row: ~12 min)
DEPRESSIONS_MAX_M = float(os.environ.get("SMARTPLAN_BENCH_CITY_DEPRESSIONS", "100"))
CITY_SIZES_M = [float(x) for x in os.environ.get("SMARTPLAN_BENCH_CITY", "25,100").split(",") if x]


def write_mosaic(path, n, seed=0, band=1000):
    """An n x n 1 m mosaic of the mirrored LiDAR terrain with 2 cm noise (so that sinks differ
    and cross tile edges), written band by band: memory stays small whatever n."""
    z = lidar()
    zz = np.concatenate([z, z[::-1]], 0)
    zz = np.concatenate([zz, zz[:, ::-1]], 1)
    period = zz.shape[0]
    row = np.tile(zz, (1, n // zz.shape[1] + 1))[:, :n]
    ds = gdal.GetDriverByName("GTiff").Create(
        path, n, n, 1, gdal.GDT_Float32, ["TILED=YES", "BIGTIFF=YES", "COMPRESS=NONE"]
    )
    ds.SetGeoTransform((400000.0, 1.0, 0, 5700000.0, 0, -1.0))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    ds.SetProjection(srs.ExportToWkt())
    b = ds.GetRasterBand(1)
    rng = np.random.default_rng(seed)
    for r0 in range(0, n, band):
        rows = np.arange(r0, min(n, r0 + band)) % period
        block = row[rows] + rng.normal(0, 0.02, (rows.size, n)).astype(np.float32)
        b.WriteArray(block, 0, r0)
    ds = None
    return path


def city_bench(tmp):
    """The exact tiled fill (smartplan:filltiled, fresh process, peak RSS) on mosaics of growing
    size, beside the in-memory fill + the same two GeoTIFF outputs on the smallest one."""
    out = {"runs": []}
    for size_m in CITY_SIZES_M:
        n = int(round((size_m * 1e6) ** 0.5))
        path = write_mosaic(os.path.join(tmp, f"city_{n}.tif"), n)
        cells = n * n
        print(f"city scale: {cells:,} cells ...", flush=True)
        row = {
            "cells": cells,
            "tiled": whole_run({"DEM": path, "TILE_SIZE": 2048}, cells, alg="smartplan:filltiled"),
        }
        if size_m <= ROUTING_MAX_M:
            row["tiled_routing"] = whole_run(
                {"DEM": path, "TILE_SIZE": 2048, "FLOW_ROUTING": True}, cells, alg="smartplan:filltiled"
            )
        if size_m <= ANALYSES_MAX_M:
            # smartplan:rainscenario and smartplan:flowpaths as a user runs them (all outputs)
            row["tiled_rain"] = whole_run(
                {"DEM": path, "TILE_SIZE": 2048, **RAIN}, cells, alg="smartplan:rainscenario"
            )
            row["tiled_flow"] = whole_run({"DEM": path, "TILE_SIZE": 2048}, cells, alg="smartplan:flowpaths")
        if size_m <= DEPRESSIONS_MAX_M:
            # the whole depression analysis (all outputs, nested sinks down to level 3)
            row["tiled_depressions"] = whole_run({"DEM": path, "TILE_SIZE": 2048, "MAX_LEVEL": 3}, cells)
        if size_m <= 30:
            row["in_memory"] = in_memory_fill(path, cells)
            row["in_memory_routing"] = in_memory_fill(path, cells, routing=True)
            row["in_memory_rain"] = whole_run({"DEM": path, **RAIN}, cells, alg="smartplan:rainscenario")
            row["in_memory_flow"] = whole_run({"DEM": path}, cells, alg="smartplan:flowpaths")
            row["in_memory_depressions"] = whole_run({"DEM": path, "MAX_LEVEL": 3}, cells)
        out["runs"].append(row)
        os.remove(path)
    return out


IN_MEMORY = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
def hwm_kb():
    with open('/proc/self/status') as fh:
        return int(next(l for l in fh if l.startswith('VmHWM')).split()[1])
from smartplan.core.fill import fill_depressions
from smartplan.io.raster import read_dem, write_geotiff
t0 = time.perf_counter()
z, valid, grid = read_dem(sys.argv[2])
if sys.argv[4] == "routing":
    from osgeo import gdal
    from smartplan.core.sinks import build_terrain
    from smartplan.core.streams import d8_accumulation, upstream_area_m2
    t = build_terrain(z, valid)
    f = t.filled
    write_geotiff(sys.argv[3] + '/fd.tif', t.code, grid, nodata=255, dtype=gdal.GDT_Byte)
    write_geotiff(sys.argv[3] + '/acc.tif', upstream_area_m2(d8_accumulation(t.code), 1.0, valid), grid)
else:
    f = fill_depressions(z, valid)
write_geotiff(sys.argv[3] + '/f.tif', f, grid)
write_geotiff(sys.argv[3] + '/d.tif', f - z, grid)
print(json.dumps({"seconds": time.perf_counter() - t0, "peak_kb": hwm_kb()}))
"""


def in_memory_fill(path, cells, routing=False):
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run(
            [sys.executable, "-c", IN_MEMORY, ROOT, path, d, "routing" if routing else "fill"],
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            raise RuntimeError(r.stderr[-2000:])
        res = json.loads(r.stdout.strip().splitlines()[-1])
    res["cells_per_s"] = cells / res["seconds"]
    return res


def render_city(c):
    lines = [
        "",
        "**City scale: exact tiled analysis** (smartplan:filltiled, tiles of 2048², Dask local "
        "threads, fresh process, peak RSS from VmHWM; in memory = read the DEM, fill (and route: "
        "build_terrain + d8_accumulation), write the same rasters, in a fresh process; the "
        "rainscenario, flowpaths and depressions rows run the algorithm with TILE_SIZE=2048 beside "
        "the same algorithm in one piece):",
        "",
        "| cells | run | tiled: seconds | cells/s | peak RSS | in memory: seconds | peak RSS "
        "| tiled / in memory |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for x in c["runs"]:
        for key, mkey, label in (
            ("tiled", "in_memory", "fill + depth"),
            ("tiled_routing", "in_memory_routing", "fill + depth + D8 + accumulation"),
            ("tiled_rain", "in_memory_rain", "smartplan:rainscenario (all outputs)"),
            ("tiled_flow", "in_memory_flow", "smartplan:flowpaths (all outputs)"),
            (
                "tiled_depressions",
                "in_memory_depressions",
                "smartplan:depressions (all outputs, MAX_LEVEL 3)",
            ),
        ):
            t, m = x.get(key), x.get(mkey)
            if t is None:
                continue
            mem = (
                f"{m['seconds']:.1f} | {m['peak_kb'] / 1024:.0f} MB | {t['seconds'] / m['seconds']:.2f}"
                if m
                else "– | – | –"
            )
            lines.append(
                f"| {x['cells']:,} | {label} | {t['seconds']:.1f} | "
                f"{t['cells_per_s'] / 1e6:.2f} M | {t['peak_kb'] / 1024:.0f} MB | {mem} |"
            )
    return "\n".join(lines) + "\n"


def greenroof_bench(tmp):
    print("green roofs ...", flush=True)
    gin = greenroof_inputs(tmp)
    cells = gdal.Open(gin["DSM"]).RasterXSize ** 2
    out = {"buildings": 50_000, "cells": cells}
    out["smartplan (numba)"] = whole_run(gin, cells, alg="smartplan:greenroofs")
    out["reference: gdaldem slope + zonal mean"] = {"seconds": percell_reference(gin)}
    out["smartplan (no numba)"] = whole_run(gin, cells, numba=False, alg="smartplan:greenroofs")
    return out


def render(r):
    lines = [
        f"Machine: {r['machine']}; numpy {r['numpy']}, numba {r['numba']}; median of {r['rounds']} "
        "interleaved rounds.",
        "",
        "CPU probe (ms to sort 500,000 floats on one core; lower = the shared host was quieter): "
        + ", ".join(f"{k} {v:.0f}" for k, v in r.get("probe", {}).items())
        + ".",
        "",
        "**Depression filling** (identical output checked before timing; ratio = time / SmartPlan's):",
        "",
        "| DEM | tool | cells | seconds (median) | best | cells/s | ratio |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for x in r["fill"]:
        lines.append(
            f"| {x['dataset']} | {x['tool']} | {x['cells']:,} | {x['seconds']:.3f} | {x['best']:.3f} | "
            f"{x['cells_per_s'] / 1e6:.1f} M | {x['ratio_to_smartplan']:.2f} |"
        )
    lines += [
        "",
        f"**D8 directions + flow accumulation** on the filled surface (median of "
        f"{r.get('routing_rounds', r['rounds'])} interleaved rounds):",
        "",
        "| DEM | tool | cells | seconds (median) | best | cells/s | ratio |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for x in r.get("routing", []):
        lines.append(
            f"| {x['dataset']} | {x['tool']} | {x['cells']:,} | {x['seconds']:.3f} | {x['best']:.3f} | "
            f"{x['cells_per_s'] / 1e6:.1f} M | {x['ratio_to_smartplan']:.2f} |"
        )
    lines += ["", "**Core stages on 4 M cells (numba):**", "", "| stage | seconds |", "|---|---:|"]
    for k, v in r["stages_4M"].items():
        lines.append(f"| {k} | {v:.3f} |")
    lv = r.get("live_4M")
    if lv:
        lines += [
            "",
            f"**Planning table, live figures of a variant** ({lv['cells']:,} cells, {lv['sinks']:,} sinks; "
            "target ≤ 1 s):",
            "",
            "| recalculation | seconds |",
            "|---|---:|",
        ]
        lines += [f"| {k} | {lv[k]:.3f} |" for k in ("figures only", "figures + water-depth raster")]
    lines += [
        "",
        "**Whole algorithm runs** (Processing, GeoTIFF + GeoPackage outputs, fresh process; "
        "peak RSS from VmHWM):",
        "",
        "| run | seconds | cells/s | peak RSS | bytes/cell (whole process) | bytes/cell (algorithm) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for k, x in r["whole"].items():
        if "segments" in k:  # a network, not a raster: per-cell figures do not apply
            lines.append(f"| {k} | {x['seconds']:.1f} | – | {x['peak_kb'] / 1024:.0f} MB | – | – |")
            continue
        lines.append(
            f"| {k} | {x['seconds']:.1f} | {x['cells_per_s'] / 1e6:.2f} M | "
            f"{x['peak_kb'] / 1024:.0f} MB | {x['peak_bytes_per_cell']:.0f} | "
            f"{x['alg_bytes_per_cell']:.0f} |"
        )
    g = r.get("greenroofs")
    if g:
        ref = g["reference: gdaldem slope + zonal mean"]["seconds"]
        lines += [
            "",
            f"**Green-roof potential**: {g['buildings']:,} buildings on a 1 m DSM of {g['cells']:,} cells "
            "(whole Processing run, fresh process; the reference computes only a per-cell slope and its "
            "mean per footprint, no faces, no effects):",
            "",
            "| run | seconds | buildings/s | peak RSS | ratio to the reference |",
            "|---|---:|---:|---:|---:|",
        ]
        for k in ("smartplan (numba)", "smartplan (no numba)"):
            x = g[k]
            lines.append(
                f"| {k} | {x['seconds']:.1f} | {g['buildings'] / x['seconds']:,.0f} | "
                f"{x['peak_kb'] / 1024:.0f} MB | {x['seconds'] / ref:.2f} |"
            )
        lines.append(
            f"| reference: gdaldem slope + zonal mean | {ref:.1f} | {g['buildings'] / ref:,.0f} | – | 1.00 |"
        )
    fbk = r.get("feedback")
    if fbk:
        lines += [
            "",
            f"**Citizen feedback import**: {fbk['contributions']:,} DIPAS PDS contributions into a "
            "participation GeoPackage (target ≤ 20 s):",
            "",
            "| run | seconds | contributions/s |",
            "|---|---:|---:|",
        ]
        for k in ("first import", "re-import (merge)"):
            lines.append(f"| {k} | {fbk[k]:.1f} | {fbk['contributions'] / fbk[k]:,.0f} |")
    if r.get("city"):
        lines.append(render_city(r["city"]))
    return "\n".join(lines) + "\n"


def main_city():
    """``run_bench.py city``: the city-scale section alone (bench-output/city.md)."""
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="smartplan-bench-") as tmp:
        c = city_bench(tmp)
    with open(os.path.join(OUT, "city.json"), "w") as fh:
        json.dump(c, fh, indent=2)
    md = render_city(c)
    with open(os.path.join(OUT, "city.md"), "w") as fh:
        fh.write(md)
    print(md)


if __name__ == "__main__":
    main_city() if sys.argv[1:] == ["city"] else main()
