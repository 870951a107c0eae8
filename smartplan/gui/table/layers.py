"""The planning table's layers: which project layer is which analysis output, themes, filter
chips, the live water depth and the measures layer."""

import os
import re
import tempfile

from qgis.core import (
    QgsCoordinateTransform,
    QgsDataProvider,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...analysis.outputs import role_of
from ...core import feedback as fb

THEMES = ("sinks", "flowpaths", "greenroofs", "feedback", "base")


def layer_role(layer):
    """What an analysis layer is, by its fields (outputs of the SmartPlan algorithms)."""
    if isinstance(layer, QgsRasterLayer):
        return "raster"
    if not isinstance(layer, QgsVectorLayer):
        return None
    role = role_of(layer.fields().names())
    if role is not None:
        return role
    if layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry and any(
        k in layer.name().lower() for k in ("build", "gebäude", "gebaeude", "haus")
    ):
        return "buildings"
    return None


class TableLayers:
    """Mixin of :class:`smartplan.gui.table_mode.TableMode`."""

    # ================================================================ layers and live model
    def find_layers(self):
        roles = {}
        for lyr in QgsProject.instance().mapLayers().values():
            r = layer_role(lyr)
            if r:
                roles.setdefault(r, []).append(lyr)
        self.roles = roles
        self.theme_layers = {
            "sinks": roles.get("flooded", []) + roles.get("sinks", []),
            "flowpaths": roles.get("flowpaths", []),
            "greenroofs": roles.get("roofs", []) + roles.get("faces", []),
            "feedback": roles.get("feedback", []),
            "base": [lyr for lyr in roles.get("raster", []) if not self._is_dem(lyr)]
            or roles.get("raster", []),
        }

    def hide_other_layers(self):
        """Vector layers that belong to no theme (roads, cadastre, …) would lie on top of the
        table's themes and catch taps: hidden while the table is up (restored on leaving)."""
        root = QgsProject.instance().layerTreeRoot()
        shown = {lyr.id() for layers in self.theme_layers.values() for lyr in layers}
        shown |= {lyr.id() for lyr in self.roles.get("buildings", [])}
        for node in root.findLayers():
            lyr = node.layer()
            if isinstance(lyr, QgsVectorLayer) and lyr.id() not in shown and node.isVisible():
                node.setItemVisibilityChecked(False)

    @staticmethod
    def _is_dem(lyr):
        n = (lyr.name() + " " + os.path.basename(lyr.source())).lower()
        return any(k in n for k in ("dem", "dgm", "dtm")) and not any(
            k in n for k in ("filled", "depth", "tiefe")
        )

    def dem_layer(self):
        proj = QgsProject.instance()
        var = QgsExpressionContextUtils.projectScope(proj).variable("smartplan_dem")
        if var:
            lyr = proj.mapLayer(var)
            if lyr is None and os.path.exists(str(var)):
                return QgsRasterLayer(str(var), "DEM")
            if lyr is not None:
                return lyr
        return next((lyr for lyr in self.roles.get("raster", []) if self._is_dem(lyr)), None)

    def show_depth(self, wd):
        """Show the live water depth. Each result is a new file the layer switches to: rewriting
        the file under a layer that is being drawn made the layer vanish now and then."""
        from ... import paths
        from ...io.raster import write_geotiff

        self._depth_files = getattr(self, "_depth_files", [])
        path = os.path.join(
            tempfile.gettempdir(),
            f"smartplan_live_depth_{os.getpid()}_{id(self)}_{len(self._depth_files)}.tif",
        )
        write_geotiff(path, wd, self.grid, style_qml=paths.style("water_depth"))
        self._depth_files.append(path)
        name = self.tr("Water depth (live)")
        if self.depth_layer is None or QgsProject.instance().mapLayer(self.depth_layer.id()) is None:
            self.depth_layer = QgsRasterLayer(path, name)
            self.depth_layer.loadNamedStyle(paths.style("water_depth"))
            self._add_to_project(self.depth_layer)
            self._show_on_canvas(self.depth_layer)
        else:
            self.depth_layer.setDataSource(path, name, "gdal", QgsDataProvider.ProviderOptions())
            self.depth_layer.loadNamedStyle(paths.style("water_depth"))
            self.depth_layer.triggerRepaint()
        self.remove_depth_files(keep=path)
        self.iface.mapCanvas().refresh()

    def remove_depth_files(self, keep=None):
        """Delete the live depth files no layer shows any more (Windows: the next time)."""
        left = []
        for f in getattr(self, "_depth_files", []):
            if f == keep:
                left.append(f)
                continue
            for part in (f, f + ".aux.xml", os.path.splitext(f)[0] + ".qml"):
                try:
                    if os.path.exists(part):
                        os.remove(part)
                except OSError:
                    left.append(f)
                    break
        self._depth_files = left

    # ================================================================ themes, legend, chips
    def theme_on(self, key):
        b = getattr(self, "theme_buttons", {}).get(key)
        return b is not None and b.isChecked()

    def set_theme(self, key, on):
        root = QgsProject.instance().layerTreeRoot()
        for lyr in self.theme_layers.get(key, []):
            node = root.findLayer(lyr.id())
            if node is not None:
                node.setItemVisibilityChecked(on)
        if key == "sinks" and self.depth_layer is not None:
            node = root.findLayer(self.depth_layer.id())
            if node is not None:
                node.setItemVisibilityChecked(on)
        if key == "sinks" and on and self.live is not None and self.depth_layer is None and self.widgets:
            self.recalc()
        if self.widgets:
            self.refresh_legend()
        self.iface.mapCanvas().refresh()

    def apply_chips(self):
        """Show the contributions of the ticked categories: the filter rule of the participation
        panel (``core.feedback.FeedbackFilter``), within the filter the layer had before."""
        flt = fb.FeedbackFilter(categories=frozenset(c for c, b in self.chips.items() if b.isChecked()))
        for lyr in self.theme_layers.get("feedback", []):
            before = self.saved["subsets"].get(lyr.id(), "") if self.saved else ""
            lyr.setSubsetString(f"({before}) AND ({flt.sql()})" if before else flt.sql())
        self.iface.mapCanvas().refresh()

    def feedback_categories(self, lyr):
        """The categories in a feedback layer, whatever the table's chips hide at the moment."""
        idx = lyr.fields().indexOf("category")
        if idx < 0:
            return set()
        before = self.saved["subsets"].get(lyr.id(), "") if self.saved else lyr.subsetString()
        probe = lyr
        if lyr.subsetString() != before and lyr.providerType() == "ogr":
            probe = QgsVectorLayer(re.sub(r"\|subset=.*$", "", lyr.source()), "probe", "ogr")
            probe.setSubsetString(before)
        return {v for v in probe.uniqueValues(idx) if v not in (None, "") and str(v) != "NULL"}

    def analysis_extent(self):
        """The analysis area (the DEM's extent) in the canvas CRS, or None."""
        dem = self.dem_layer()
        if dem is None:
            return None
        canvas = self.iface.mapCanvas()
        ext = dem.extent()
        if dem.crs().isValid() and dem.crs() != canvas.mapSettings().destinationCrs():
            ext = QgsCoordinateTransform(
                dem.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
            ).transformBoundingBox(ext)
        return ext

    def refresh_measures_layer(self):
        dem = self.dem_layer()
        if dem is None:
            return
        proj = QgsProject.instance()
        if self.measures_layer is None or proj.mapLayer(self.measures_layer.id()) is None:
            self.measures_layer = QgsVectorLayer(
                f"MultiPolygon?crs={dem.crs().authid()}&field=kind:string",
                self.tr("Measures (planning table)"),
                "memory",
            )
            from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory

            cats = [
                QgsRendererCategory(
                    "green_roof",
                    QgsFillSymbol.createSimple(
                        {"color": "67,160,71,220", "outline_color": "#ffffff", "outline_width": "1.0"}
                    ),
                    self.tr("green roof"),
                ),
                QgsRendererCategory(
                    "retention",
                    QgsFillSymbol.createSimple(
                        {"color": "0,188,212,190", "outline_color": "#ffffff", "outline_width": "1.2"}
                    ),
                    self.tr("retention area"),
                ),
                QgsRendererCategory(
                    "unsealing",
                    QgsFillSymbol.createSimple(
                        {
                            "color": "255,193,7,230",
                            "outline_color": "#ffffff",
                            "outline_width": "1.2",
                            "style": "b_diagonal",
                        }
                    ),
                    self.tr("unsealing"),
                ),
            ]
            self.measures_layer.setRenderer(QgsCategorizedSymbolRenderer("kind", cats))
            self._add_to_project(self.measures_layer)
        pr = self.measures_layer.dataProvider()
        pr.truncate()
        feats = []
        for e in self.variants[self.current]:
            f = QgsFeature(self.measures_layer.fields())
            g = QgsGeometry()
            g.fromWkb(e["wkb"])
            g.convertToMultiType()
            f.setGeometry(g)
            f.setAttributes([e["measure"].kind])
            feats.append(f)
        pr.addFeatures(feats)
        self.measures_layer.triggerRepaint()
        self._show_on_canvas(self.measures_layer)
        if self.widgets:
            self.refresh_legend()

    def _show_on_canvas(self, layer):
        """Draw the table's own layers in a fixed order: measures on top, the live water depth above
        the base rasters. (In QGIS the layer tree orders the canvas; a canvas with a fixed layer
        list, e.g. in a kiosk project, is ordered here.)"""
        canvas = self.iface.mapCanvas()
        own = [lyr for lyr in (self.measures_layer, self.depth_layer) if lyr is not None]
        others = [lyr for lyr in canvas.layers() if lyr not in own]
        vectors = [lyr for lyr in others if isinstance(lyr, QgsVectorLayer)]
        rasters = [lyr for lyr in others if not isinstance(lyr, QgsVectorLayer)]
        order = (
            ([self.measures_layer] if self.measures_layer is not None else [])
            + vectors
            + ([self.depth_layer] if self.depth_layer is not None else [])
            + rasters
        )
        if order != canvas.layers():
            canvas.setLayers(order)

    def _add_to_project(self, layer):
        """Add a layer of the table at the top of the layer tree (removed again on leaving)."""
        proj = QgsProject.instance()
        proj.addMapLayer(layer, False)
        proj.layerTreeRoot().insertLayer(0, layer)
