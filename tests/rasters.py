"""Test rasters written with GDAL alone (no QGIS): usable by the unit and the QGIS tests."""

import numpy as np
from osgeo import gdal, osr


def write_dem(path, z, epsg=25832, origin=(500000.0, 5800000.0), cell=1.0, nodata=-9999.0):
    drv = gdal.GetDriverByName("GTiff")
    ds = drv.Create(str(path), z.shape[1], z.shape[0], 1, gdal.GDT_Float32)
    ds.SetGeoTransform((origin[0], cell, 0, origin[1], 0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    b = ds.GetRasterBand(1)
    if nodata is not None:
        b.SetNoDataValue(nodata)
    b.WriteArray(np.where(np.isnan(z), nodata if nodata is not None else 0, z))
    ds = None
    return str(path)
