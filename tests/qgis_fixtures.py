
import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsSettings,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

import smartplan_plugin


@pytest.fixture()
def plugin(qgis_iface, qgis_processing):
    """The real plugin, loaded like QGIS does: classFactory + initProcessing + initGui."""
    p = smartplan_plugin.classFactory(qgis_iface)
    p.initProcessing()
    p.initGui()
    yield p
    p.unload()


@pytest.fixture()
def provider_only(qgis_processing):
    """The plugin as qgis_process loads it (iface None, no initGui)."""
    p = smartplan_plugin.classFactory(None)
    p.initProcessing()
    yield p
    p.unload()


@pytest.fixture()
def german(qgis_app):
    s = QgsSettings()
    old = (s.value("locale/overrideFlag"), s.value("locale/userLocale"))
    s.setValue("locale/overrideFlag", True)
    s.setValue("locale/userLocale", "de_DE")
    yield
    s.setValue("locale/overrideFlag", old[0] if old[0] is not None else False)
    s.setValue("locale/userLocale", old[1] or "")


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


@pytest.fixture()
def registry():
    return QgsApplication.processingRegistry()


def write_layer(path, geom, fields, rows, crs="EPSG:25832"):
    """A GeoPackage of ``rows`` [(WKT or QgsGeometry, [attributes])] with ``fields``
    [(name, type)]; returns its path. (No layer object is kept: see conftest.py.)"""
    spec = "&".join(f"field={n}:{t}" for n, t in fields)
    lyr = QgsVectorLayer(f"{geom}?crs={crs}&{spec}", "l", "memory")
    feats = []
    for g, attrs in rows:
        f = QgsFeature(lyr.fields())
        f.setGeometry(g if isinstance(g, QgsGeometry) else QgsGeometry.fromWkt(g))
        f.setAttributes(attrs)
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    QgsVectorFileWriter.writeAsVectorFormat(lyr, str(path), "utf-8", lyr.crs(), "GPKG")
    return str(path)
