"""The planning-table GeoPackage: variants of measures (named sets), their measures with geometry
and parameters, the planning goals and the figures of each variant. Written atomically."""

import json
import os

from osgeo import ogr, osr

from .files import replacing

ogr.UseExceptions()

MEASURE_FIELDS = (
    ("variant", ogr.OFTString),
    ("kind", ogr.OFTString),
    ("depth_m", ogr.OFTReal),
    ("psi", ogr.OFTReal),
    ("building", ogr.OFTInteger),
    ("area_m2", ogr.OFTReal),
    ("name", ogr.OFTString),
    ("extra", ogr.OFTString),
)


def save_workshop(path, wkt, variants, goals, figures=None):
    """``variants``: {name: [measure dicts with 'wkb' (polygon in the DEM CRS), kind, depth_m, psi,
    building, area_m2, name, extra]}; ``goals``: [(kind, target)]; ``figures``: {name: dict}."""
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    with replacing(path) as tmp:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
        try:
            lyr = ds.CreateLayer("measures", srs, ogr.wkbMultiPolygon, ["FID=fid"])
            for name, typ in MEASURE_FIELDS:
                lyr.CreateField(ogr.FieldDefn(name, typ))
            vt = ds.CreateLayer("variants", None, ogr.wkbNone)
            for name in ("name", "figures"):
                vt.CreateField(ogr.FieldDefn(name, ogr.OFTString))
            gt = ds.CreateLayer("goals", None, ogr.wkbNone)
            gt.CreateField(ogr.FieldDefn("kind", ogr.OFTString))
            gt.CreateField(ogr.FieldDefn("target", ogr.OFTReal))
            ds.StartTransaction()
            for vname, measures in variants.items():
                f = ogr.Feature(vt.GetLayerDefn())
                f.SetField("name", vname)
                f.SetField("figures", json.dumps((figures or {}).get(vname) or {}))
                vt.CreateFeature(f)
                for m in measures:
                    f = ogr.Feature(lyr.GetLayerDefn())
                    f.SetField("variant", vname)
                    for k in ("kind", "name"):
                        if m.get(k) is not None:
                            f.SetField(k, str(m[k]))
                    for k in ("depth_m", "psi", "area_m2"):
                        if m.get(k) is not None:
                            f.SetField(k, float(m[k]))
                    if m.get("building"):
                        f.SetField("building", int(m["building"]))
                    f.SetField("extra", json.dumps(m.get("extra") or {}))
                    if m.get("wkb"):
                        g = ogr.CreateGeometryFromWkb(bytes(m["wkb"]))
                        f.SetGeometry(ogr.ForceToMultiPolygon(g))
                    lyr.CreateFeature(f)
            for kind, target in goals:
                f = ogr.Feature(gt.GetLayerDefn())
                f.SetField("kind", kind)
                f.SetField("target", float(target))
                gt.CreateFeature(f)
            ds.CommitTransaction()
        finally:
            ds = None
    return path


def load_workshop(path):
    """(variants, goals, figures) as written by :func:`save_workshop` (empty when missing)."""
    if not path or not os.path.exists(path):
        return {}, [], {}
    ds = ogr.Open(path)
    variants, figures = {}, {}
    vt = ds.GetLayerByName("variants")
    for f in vt:
        variants[f.GetField("name")] = []
        figures[f.GetField("name")] = json.loads(f.GetField("figures") or "{}")
    lyr = ds.GetLayerByName("measures")
    for f in lyr:
        g = f.GetGeometryRef()
        m = {k: f.GetField(k) for k, _ in MEASURE_FIELDS if k != "variant"}
        m["extra"] = json.loads(m.get("extra") or "{}")
        m["wkb"] = bytes(g.ExportToWkb()) if g is not None else None
        variants.setdefault(f.GetField("variant"), []).append(m)
    goals = [(f.GetField("kind"), f.GetField("target")) for f in ds.GetLayerByName("goals")]
    ds = None
    return variants, goals, figures
