"""The participation GeoPackage: one file per participation project with the canonical schema.

Layers ``contributions_point`` / ``contributions_line`` / ``contributions_area`` (EPSG:4326, one
schema), tables ``contributions_unlocated``, ``comments``, ``categories`` and ``import_log``.
Writes are atomic: the new file is written beside the old one and renamed over it at the end, so a
failed or cancelled import leaves the previous data intact."""

import json
import os

from osgeo import ogr, osr

from ..core import feedback as fb
from .files import file_lock, replacing

ogr.UseExceptions()

LAYERS = {
    "point": ("contributions_point", ogr.wkbMultiPoint),
    "line": ("contributions_line", ogr.wkbMultiLineString),
    "area": ("contributions_area", ogr.wkbMultiPolygon),
    None: ("contributions_unlocated", ogr.wkbNone),
}
CONTRIBUTION_LAYERS = tuple(v[0] for v in LAYERS.values())
_OGR_TYPES = {"str": ogr.OFTString, "int": ogr.OFTInteger, "bool": ogr.OFTInteger}
CATEGORY_FIELDS = ("name", "colour", "icon_url", "icon_path", "weight", "description", "project_id")


def _create(ds, name, gtype, fields, srs=None):
    lyr = ds.CreateLayer(
        name,
        srs if gtype != ogr.wkbNone else None,
        gtype,
        ["FID=fid", "SPATIAL_INDEX=YES"] if gtype != ogr.wkbNone else ["FID=fid"],
    )
    for fname, ftype in fields:
        d = ogr.FieldDefn(fname, _OGR_TYPES.get(ftype, ogr.OFTString))
        if ftype == "bool":
            d.SetSubType(ogr.OFSTBoolean)
        lyr.CreateField(d)
    return lyr


def _multi(geom_json):
    g = ogr.CreateGeometryFromJson(json.dumps(geom_json))
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbPoint:
        return ogr.ForceToMultiPoint(g)
    if t == ogr.wkbLineString:
        return ogr.ForceToMultiLineString(g)
    if t == ogr.wkbPolygon:
        return ogr.ForceToMultiPolygon(g)
    return g


def _layer(ds, name, gtype, fields, srs):
    """An existing layer (emptied, missing fields added) or a new one."""
    lyr = ds.GetLayerByName(name)
    if lyr is None:
        return _create(ds, name, gtype, fields, srs)
    fids = [f.GetFID() for f in lyr]  # emptied through OGR, not through SQL text
    for fid in fids:
        lyr.DeleteFeature(fid)
    have = {lyr.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(lyr.GetLayerDefn().GetFieldCount())}
    for fname, ftype in fields:
        if fname not in have:
            d = ogr.FieldDefn(fname, _OGR_TYPES.get(ftype, ogr.OFTString))
            if ftype == "bool":
                d.SetSubType(ogr.OFSTBoolean)
            lyr.CreateField(d)
    return lyr


STYLE_NAME = "smartplan_feedback"
_STYLE_FIELDS = (
    ("f_table_catalog", ogr.OFTString),
    ("f_table_schema", ogr.OFTString),
    ("f_table_name", ogr.OFTString),
    ("f_geometry_column", ogr.OFTString),
    ("styleName", ogr.OFTString),
    ("styleQML", ogr.OFTString),
    ("styleSLD", ogr.OFTString),
    ("useAsDefault", ogr.OFTInteger),
    ("description", ogr.OFTString),
    ("owner", ogr.OFTString),
    ("ui", ogr.OFTString),
    ("update_time", ogr.OFTDateTime),
)


def _write_styles(ds, style_qml):
    """Default QGIS styles of the layers in the GeoPackage's ``layer_styles`` table (the table QGIS
    itself uses), written in the same transaction as the data."""
    if not style_qml:
        return
    lyr = ds.GetLayerByName("layer_styles")
    if lyr is None:
        lyr = ds.CreateLayer("layer_styles", None, ogr.wkbNone, ["FID=id"])
        for name, typ in _STYLE_FIELDS:
            lyr.CreateField(ogr.FieldDefn(name, typ))
    old = [f.GetFID() for f in lyr if f.GetField("f_table_name") in style_qml]
    for fid in old:
        lyr.DeleteFeature(fid)
    for table, qml in style_qml.items():
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("f_table_catalog", "")
        f.SetField("f_table_schema", "")
        f.SetField("f_table_name", table)
        f.SetField("f_geometry_column", "geom")
        f.SetField("styleName", STYLE_NAME)
        f.SetField("styleQML", qml)
        f.SetField("styleSLD", "")
        f.SetField("useAsDefault", 1)
        f.SetField("description", "SmartPlan")
        f.SetField("owner", "")
        lyr.CreateFeature(f)


def _fill(ds, records, comments, styles, log, cancelled, fields, style_qml=None):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    layers = {k: _layer(ds, name, gt, fields, srs) for k, (name, gt) in LAYERS.items()}
    idx = {k: [lyr.GetLayerDefn().GetFieldIndex(name) for name, _ in fields] for k, lyr in layers.items()}
    for i, r in enumerate(records):
        if cancelled is not None and i % 2000 == 0 and cancelled():
            raise fb.FeedbackError("cancelled")
        kind = fb.geometry_kind(r.get("geometry"))
        f = ogr.Feature(layers[kind].GetLayerDefn())
        # by field index: the GDAL bindings look names up in a slow Python loop
        for j, (name, typ) in zip(idx[kind], fields):
            v = r.get(name)
            if v is None or j < 0:
                continue
            if typ == "bool":
                f.SetFieldInteger64(j, 1 if v else 0)
            elif typ == "int":
                f.SetFieldInteger64(j, int(v))
            else:
                f.SetFieldString(j, str(v))
        if kind is not None:
            f.SetGeometry(_multi(r["geometry"]))
        layers[kind].CreateFeature(f)
    cl = _layer(
        ds, "comments", ogr.wkbNone, [(c, "int" if c == "depth" else "str") for c in fb.COMMENT_FIELDS], None
    )
    for c in comments or ():
        f = ogr.Feature(cl.GetLayerDefn())
        for k in fb.COMMENT_FIELDS:
            if c.get(k) is not None:
                f.SetField(k, c[k] if k == "depth" else str(c[k]))
        cl.CreateFeature(f)
    cat = _layer(
        ds, "categories", ogr.wkbNone, [(c, "int" if c == "weight" else "str") for c in CATEGORY_FIELDS], None
    )
    for name, st in (styles or {}).items():
        f = ogr.Feature(cat.GetLayerDefn())
        f.SetField("name", name)
        for k, col in (
            ("colour", "colour"),
            ("icon", "icon_url"),
            ("icon_path", "icon_path"),
            ("description", "description"),
            ("project_id", "project_id"),
        ):
            if st.get(k) is not None:
                f.SetField(col, str(st[k]))
        if st.get("weight") is not None:
            f.SetField("weight", int(st["weight"]))
        cat.CreateFeature(f)
    lg = _layer(
        ds,
        "import_log",
        ogr.wkbNone,
        [(c, "str") for c in ("time", "source", "source_type", "project_id", "counts")],
        None,
    )
    for entry in log or []:
        f = ogr.Feature(lg.GetLayerDefn())
        for k in ("time", "source", "source_type", "project_id", "counts"):
            if entry.get(k) is not None:
                f.SetField(k, entry[k] if isinstance(entry[k], str) else json.dumps(entry[k]))
        lg.CreateFeature(f)
    _write_styles(ds, style_qml)


def write_store(
    path, records, comments=(), styles=None, log=None, cancelled=None, fields=None, style_qml=None
):
    """Write the whole store to ``path`` atomically. ``fields``: a subset of the canonical fields
    (e.g. the public view), all by default.

    A new file is written beside the target and renamed at the end. An existing file (possibly
    open in QGIS, whose SQLite connection must stay valid) is rewritten in place inside one
    SQLite transaction: a failure or cancel rolls back to the previous content. ``style_qml``:
    {layer name: QML} stored as the layers' default styles."""
    fields = tuple(fields or fb.FIELDS)
    if os.path.exists(path):
        ds = ogr.Open(path, 1)
        ds.StartTransaction()
        try:
            _fill(ds, records, comments, styles, log, cancelled, fields, style_qml)
            ds.CommitTransaction()
        except BaseException:
            ds.RollbackTransaction()
            raise
        finally:
            ds = None
        return path
    with replacing(path) as tmp:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
        try:
            ds.StartTransaction()
            _fill(ds, records, comments, styles, log, cancelled, fields, style_qml)
            ds.CommitTransaction()
        finally:
            ds = None
    return path


def read_store(path):
    """(records, comments, styles, log) of a store; empty when the file does not exist."""
    if not path or not os.path.exists(path):
        return [], [], {}, []
    ds = ogr.Open(path)
    if ds is None:
        raise ValueError(f"GDAL cannot open {os.path.basename(path)} as a GeoPackage")
    records = []
    for name, _ in LAYERS.values():
        lyr = ds.GetLayerByName(name)
        if lyr is None:
            continue
        for f in lyr:
            r = {}
            for fname, typ in fb.FIELDS:
                idx = f.GetFieldIndex(fname)
                if idx < 0 or not f.IsFieldSetAndNotNull(idx):
                    r[fname] = None
                elif typ in ("int", "bool"):
                    r[fname] = f.GetFieldAsInteger(idx)
                    if typ == "bool":
                        r[fname] = bool(r[fname])
                else:
                    r[fname] = f.GetFieldAsString(idx)
            g = f.GetGeometryRef()
            r["geometry"] = _single(json.loads(g.ExportToJson())) if g is not None else None
            records.append(r)
    comments = []
    cl = ds.GetLayerByName("comments")
    if cl is not None:
        for f in cl:
            comments.append(
                {
                    k: (f.GetField(k) if f.IsFieldSetAndNotNull(f.GetFieldIndex(k)) else None)
                    for k in fb.COMMENT_FIELDS
                }
            )
    styles = {}
    cat = ds.GetLayerByName("categories")
    if cat is not None:
        for f in cat:

            def g(k, f=f):
                i = f.GetFieldIndex(k)
                return f.GetField(k) if i >= 0 and f.IsFieldSetAndNotNull(i) else None

            styles[g("name")] = {
                "colour": g("colour"),
                "icon": g("icon_url"),
                "icon_path": g("icon_path"),
                "weight": g("weight"),
                "description": g("description"),
                "project_id": g("project_id"),
            }
    log = []
    lg = ds.GetLayerByName("import_log")
    if lg is not None:
        for f in lg:
            log.append({k: f.GetField(k) for k in ("time", "source", "source_type", "project_id", "counts")})
    ds = None
    return records, comments, styles, log


def _single(g):
    """Multi geometries with one part back to the single type (as the sources deliver them)."""
    if g["type"].startswith("Multi") and len(g["coordinates"]) == 1:
        return {"type": g["type"][5:], "coordinates": g["coordinates"][0]}
    return g


def append_records(path, new_records):
    """Add records (e.g. notes placed at the planning table) to a store, atomically and under
    the store's lock (an import running meanwhile is not overwritten)."""
    with file_lock(path):
        records, comments, styles, log = read_store(path)
        have = {r["uid"] for r in records}
        records += [r for r in new_records if r["uid"] not in have]
        for r in new_records:
            if r.get("category") and r["category"] not in styles:
                styles = fb.category_styles(list(styles) + [r["category"]], styles)
        return write_store(path, records, comments, styles, log)
