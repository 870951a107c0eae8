"""QGIS side of the citizen feedback: proxy settings, icon cache, category styles as DIPAS draws
them (points with the category icon or a coloured dot, lines in the category colour, areas with an
outline and 30 % fill), loading the participation GeoPackage as styled layers, filter expressions."""

import os

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLayerTreeGroup,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProject,
    QgsRasterMarkerSymbolLayer,
    QgsRendererCategory,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from .feedback_store import LAYERS
from .http import proxies_from_settings

OTHER = "#9e9e9e"


def qgis_proxies():
    """requests proxies from the proxy configured in QGIS (Settings → Options → Network), or None."""
    s = QgsSettings()
    keys = (
        "proxy/proxyEnabled",
        "proxy/proxyType",
        "proxy/proxyHost",
        "proxy/proxyPort",
        "proxy/proxyUser",
        "proxy/proxyPassword",
    )
    return proxies_from_settings({k: s.value(k) for k in keys})


def qgis_http(authcfg="", **kw):
    """An HTTP client over QGIS' network stack (``io.http_qgis``): QGIS' proxy settings, the
    saved login ``authcfg`` (an authentication configuration id), QGIS' SSL settings."""
    from .http_qgis import QgisHttp

    return QgisHttp(authcfg=authcfg, **kw)


def icon_cache_dir():
    return os.path.join(QgsApplication.qgisSettingsDirPath(), "smartplan", "icons")


def _symbol(kind, colour, icon_path=None, size=4.0):
    c = QColor(colour or OTHER)
    if kind == "point":
        if icon_path and os.path.exists(icon_path):
            sym = QgsMarkerSymbol()
            sym.changeSymbolLayer(0, QgsRasterMarkerSymbolLayer(icon_path, size * 1.6))
            return sym
        return QgsMarkerSymbol.createSimple(
            {
                "name": "circle",
                "color": c.name(),
                "outline_color": "#ffffff",
                "outline_width": "0.4",
                "size": str(size),
            }
        )
    if kind == "line":
        return QgsLineSymbol.createSimple({"color": c.name(), "width": "0.8", "capstyle": "round"})
    fill = QColor(c)
    fill.setAlphaF(0.3)
    return QgsFillSymbol.createSimple(
        {
            "color": f"{fill.red()},{fill.green()},{fill.blue()},{fill.alpha()}",
            "outline_color": c.name(),
            "outline_width": "0.8",
        }
    )


def category_renderer(kind, styles, other_label="—"):
    """Categorised renderer on ``category`` in the project's order (weight), DIPAS colours/icons."""
    cats = []
    order = sorted(styles, key=lambda n: ((styles[n] or {}).get("weight") or 10**6, n))
    for name in order:
        st = styles[name] or {}
        cats.append(QgsRendererCategory(name, _symbol(kind, st.get("colour"), st.get("icon_path")), name))
    cats.append(QgsRendererCategory(None, _symbol(kind, OTHER), other_label))
    return QgsCategorizedSymbolRenderer("category", cats)


def escaped_html_expression(field):
    """A QGIS expression giving ``field`` as text safe inside HTML (``& < > "`` escaped); built
    from ``replace`` and ``coalesce``, which exist from QGIS 3.0 to QGIS 4."""
    expr = f"coalesce(to_string(\"{field}\"), '')"
    for ch, ent in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        expr = f"replace({expr}, '{ch}', '{ent}')"
    return expr


PLAIN_TEXT_TIP = f"[% {escaped_html_expression('title')} %]"


def style_layer(layer, kind, styles, labels=False, other_label="—"):
    layer.setRenderer(category_renderer(kind, styles, other_label))
    if labels:
        from qgis.core import QgsPalLayerSettings, QgsTextFormat, QgsVectorLayerSimpleLabeling

        pal = QgsPalLayerSettings()
        pal.fieldName = "title"
        fmt = QgsTextFormat()
        fmt.setSize(8)
        pal.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(pal))
        layer.setLabelsEnabled(True)
    # citizens' text is untrusted: QGIS inserts a field value into the map tip's HTML as it is
    # (QGIS 3.22's web view runs scripts), so the template escapes it in the expression itself
    layer.setMapTipTemplate(PLAIN_TEXT_TIP)
    layer.triggerRepaint()


def store_layers(path):
    """{kind: QgsVectorLayer} of the located contribution layers of a store (unloaded)."""
    out = {}
    for kind, (name, _) in LAYERS.items():
        if kind is None:
            continue
        lyr = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if lyr.isValid():
            out[kind] = lyr
    return out


def style_qmls(styles, other_label="—"):
    """{layer name: QML} of the category styles of the three contribution layers (stored by the
    importer as default styles inside the GeoPackage, so the layers open styled anywhere)."""
    from qgis.PyQt.QtXml import QDomDocument

    out = {}
    for kind, (name, _) in LAYERS.items():
        if kind is None:
            continue
        geom = {"point": "MultiPoint", "line": "MultiLineString", "area": "MultiPolygon"}[kind]
        lyr = QgsVectorLayer(f"{geom}?crs=EPSG:4326&field=category:string&field=title:string", name, "memory")
        style_layer(lyr, kind, styles, other_label=other_label)
        doc = QDomDocument()
        lyr.exportNamedStyle(doc)
        out[name] = doc.toString()
    return out


def load_into_project(
    path, group_name, styles, names, project=None, labels=False, subset="\"status\" = 'active'"
):
    """Add the contribution layers of a store to the project (in a group), styled; returns them."""
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    group = root.findGroup(group_name)
    if group is None:
        group = root.insertGroup(0, group_name)
    if not isinstance(group, QgsLayerTreeGroup):  # never: findGroup/insertGroup return groups
        raise TypeError(f"not a layer tree group: {group_name}")
    out = {}
    for kind, lyr in store_layers(path).items():
        existing = [
            t.layer()
            for t in group.findLayers()
            if t.layer() is not None and t.layer().source() == lyr.source()
        ]
        if existing:
            lyr = existing[0]
            lyr.reload()
        else:
            lyr.setName(names.get(kind, kind))
            project.addMapLayer(lyr, False)
            group.addLayer(lyr)
        lyr.setSubsetString(subset or "")
        style_layer(lyr, kind, styles, labels)
        out[kind] = lyr
    return out
