"""What a SmartPlan run records in its outputs, and reading it back.

GeoTIFF outputs carry ``smartplan_algorithm`` / ``smartplan_parameters`` (JSON of the parameter
set) as dataset metadata (``io.raster.write_geotiff``); GeoPackage layers carry the same as layer
metadata (``SMARTPLAN_ALGORITHM`` / ``SMARTPLAN_PARAMETERS``, GDAL's ``gpkg_metadata``). The planning
table reads them to rebuild the terrain of the run whose layers it shows."""

from osgeo import gdal, ogr

PARAMETERS_KEY = "smartplan_parameters"
ALGORITHM_KEY = "smartplan_algorithm"


def _gpkg_parts(source):
    path, _, rest = str(source).partition("|")
    layer = ""
    for part in rest.split("|"):
        if part.startswith("layername="):
            layer = part[len("layername=") :]
    return path, layer


def write_layer_metadata(dest, items):
    """Set ``items`` (key → text) as metadata of the GeoPackage layer ``dest``
    (``path.gpkg`` or ``path.gpkg|layername=x``). Keys are stored upper-case. Other outputs
    (memory layers, shapefiles) are left as they are; returns whether it was written."""
    if not isinstance(dest, str) or ".gpkg" not in dest.lower():
        return False
    path, layer = _gpkg_parts(dest)
    try:
        ds = ogr.Open(path, 1)
        if ds is None:
            return False
        lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
        if lyr is None:
            return False
        for k, v in items.items():
            lyr.SetMetadataItem(k.upper(), "" if v is None else str(v))
        ds = None
    except RuntimeError:
        return False
    return True


def recorded(source):
    """``{algorithm, parameters}`` (texts; empty when absent) recorded in the output ``source``:
    a GeoTIFF path or a GeoPackage layer source."""
    out = {"algorithm": "", "parameters": ""}
    path, layer = _gpkg_parts(source)
    try:
        if path.lower().endswith(".gpkg"):
            ds = ogr.Open(path, 0)
            lyr = None if ds is None else (ds.GetLayerByName(layer) if layer else ds.GetLayer(0))
            meta = (lyr.GetMetadata() or {}) if lyr is not None else {}
            meta = {k.lower(): v for k, v in meta.items()}
        else:
            ds = gdal.Open(path)
            meta = (ds.GetMetadata() or {}) if ds is not None else {}
    except RuntimeError:
        return out
    out["algorithm"] = meta.get(ALGORITHM_KEY, "")
    out["parameters"] = meta.get(PARAMETERS_KEY, "")
    return out
