import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsSettings,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

import smartplan
from tests.rasters import write_dem  # noqa: F401 - shared by the QGIS tests


@pytest.fixture()
def plugin(qgis_iface, qgis_processing):
    """The real plugin, loaded like QGIS does: classFactory + initProcessing + initGui."""
    p = smartplan.classFactory(qgis_iface)
    p.initProcessing()
    p.initGui()
    yield p
    p.unload()


@pytest.fixture()
def provider_only(qgis_processing):
    """The plugin as qgis_process loads it (iface None, no initGui)."""
    p = smartplan.classFactory(None)
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


def every_sink_outputs(folder):
    """smartplan:depressions parameters that keep every sink, with its four outputs in ``folder``."""
    return dict(
        MIN_DEPTH=0,
        MIN_AREA=0,
        MIN_VOLUME=0,
        MIN_CATCHMENT=0,
        FILLED=str(folder / "f.tif"),
        DEPTH=str(folder / "d.tif"),
        SINKS=str(folder / "s.gpkg"),
        POUR_POINTS=str(folder / "p.gpkg"),
    )
