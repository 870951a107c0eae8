"""smartplan:depressions — Senkenanalyse / Depression analysis."""

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import paths
from ..analysis.tiled import DEFAULT_TILE_SIZE
from ..core import defaults
from ..core.nesting import nested_sinks
from ..core.sinks import (
    buildings_touching,
    depth_class,
    downstream_among,
    filter_mask,
    public_ids,
    sink_table,
)
from ..io.raster import polygonize, write_geotiff
from .base import SmartPlanAlgorithm
from .tiled_path import CityScaleDepressions

# peak memory per DEM cell, measured with make bench (with margin): with numba / scipy fallback
BYTES_PER_CELL = (64, 260)

# the output schemas (the batch interface: do not rename); also written by the city-scale path
SINK_FIELDS = (
    ("sink_id", QVariant.Int),
    ("area_m2", QVariant.Double),
    ("volume_m3", QVariant.Double),
    ("max_depth_m", QVariant.Double),
    ("mean_depth_m", QVariant.Double),
    ("bottom_elev", QVariant.Double),
    ("spill_elev", QVariant.Double),
    ("catchment_m2", QVariant.Double),
    ("fill_rain_mm", QVariant.Double),
    ("downstream_id", QVariant.Int),
    ("parent_id", QVariant.Int),
    ("level", QVariant.Int),
    ("depth_class", QVariant.Int),
    ("buildings_affected", QVariant.Int),
)
POUR_FIELDS = (("sink_id", QVariant.Int), ("spill_elev", QVariant.Double), ("downstream_id", QVariant.Int))
CATCHMENT_FIELDS = (("sink_id", QVariant.Int), ("catchment_m2", QVariant.Double))


class DepressionsAlgorithm(CityScaleDepressions, SmartPlanAlgorithm):
    _name = "depressions"
    _icon = "depressions"

    def displayName(self):  # noqa: N802
        return self.tr("Depression analysis (Senken)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Finds depressions (Senken) in a terrain model where heavy-rain water collects: "
            "topographic hazard analysis, tier 2 of DWA-M 119.</p>"
            "<p><b>Method.</b> Buildings are raised as obstacles (default +10 m, or a height "
            "field). The DEM is filled exactly (Priority-Flood, Barnes et al. 2014, no epsilon); "
            "depth = filled − DEM; sinks are 8-connected cells with depth &gt; 0. Per sink: area, "
            "volume, max/mean depth, bottom and spill elevation, pour point, local catchment (D8 on "
            "the filled surface), the sink its overflow reaches (downstream_id) and the fill rain "
            "1000·V/A<sub>c</sub> [mm] at which it is full. Sink ids rank the sinks by volume "
            "(1 = largest) and are the same in the rain scenario.</p>"
            "<p><b>Nested sinks.</b> Inside a sink, basins around separate pits merge at saddles "
            "(depression hierarchy, Barnes et al. 2020): nested sinks (level 2, 3 …) are reported "
            "with parent_id and level up to the deepest level chosen; catchment, fill rain and "
            "downstream belong to the outermost sink (level 1) and stay empty for them.</p>"
            "<p><b>Edges and NoData.</b> Water reaching the raster edge or NoData connected to it "
            "leaves the map. Enclosed NoData holes drain or act as walls (parameter).</p>"
            "<p><b>Filters</b> (SENSARE Berlin): max depth ≥ 0.20 m, area ≥ 4 m², volume ≥ 2 m³, "
            "catchment ≥ 200 m². Lighter (Danish Bluespot): depth 0.05 m, area 20 m², volume 0.5 m³. "
            "FILLED and DEPTH are unfiltered. Depth classes: &lt;0.1 / 0.1–0.3 / 0.3–0.5 / &gt;0.5 m "
            "(Ulm: from 0.1 m water can enter buildings).</p>"
            "<p><b>Limits.</b> A screening: no sewer, no culverts unless burned in, no time "
            "dimension; unreliable on slopes below 1 %. Not a Starkregengefahrenkarte (2D "
            "simulation) in the sense of LUBW/NRW.</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_terrain_parameters()
        self.add_sink_filter_parameters()
        self.addParameter(
            QgsProcessingParameterNumber(
                "MAX_LEVEL",
                self.tr("Deepest nesting level reported (1 = outermost sinks only)"),
                QgsProcessingParameterNumber.Type.Integer,
                3,
                minValue=1,
                maxValue=100,
            )
        )
        self.addParameter(QgsProcessingParameterRasterDestination("FILLED", self.tr("Filled surface")))
        self.addParameter(QgsProcessingParameterRasterDestination("DEPTH", self.tr("Sink depth")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "SINKS", self.tr("Sinks"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "POUR_POINTS", self.tr("Pour points"), QgsProcessing.SourceType.TypeVectorPoint
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "CATCHMENTS",
                self.tr("Local catchments"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
                createByDefault=False,
            )
        )
        self.add_tile_size_parameter()
        self.addOutput(QgsProcessingOutputNumber("SINK_COUNT", self.tr("Number of sinks")))
        self.addOutput(QgsProcessingOutputNumber("NESTED_COUNT", self.tr("Number of nested sinks")))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_VOLUME_M3", self.tr("Total sink volume [m³]")))

    def _run(self, parameters, context, feedback):
        feedback.setProgress(1)
        tile = self.parameterAsInt(parameters, "TILE_SIZE", context)
        if tile > 0 or not self.fits_in_memory(parameters, context, BYTES_PER_CELL):
            return self.run_city_scale(parameters, context, feedback, tile or DEFAULT_TILE_SIZE)
        inp = self.load_terrain(parameters, context, feedback, BYTES_PER_CELL)
        grid = inp.grid
        self.check(feedback)
        feedback.pushInfo(self.tr("Filling depressions and routing flow …"))
        terrain = inp.terrain_model(
            progress=lambda p: feedback.setProgress(5 + p * 0.5), check=lambda: self.check(feedback)
        )
        self.check(feedback)
        table = sink_table(terrain, inp.building_ids)
        terrain.rcv = terrain.code = None  # routing is not needed any more: free ~5 bytes/cell
        feedback.setProgress(45)
        min_f = self.sink_filters(parameters, context)
        keep = filter_mask(table, **min_f)
        feedback.pushInfo(
            self.tr("{n:,} sinks found, {k:,} pass the filters").format(n=table.n, k=int(keep.sum()))
        )
        self.check(feedback)
        meta = {
            "smartplan_algorithm": "smartplan:depressions",
            "smartplan_parameters": self.params_text(parameters, context),
            "smartplan_disclaimer": defaults.DISCLAIMER,
        }
        # all computing is done: write the outputs
        results = {}
        filled_path = self.parameterAsOutputLayer(parameters, "FILLED", context)
        depth_path = self.parameterAsOutputLayer(parameters, "DEPTH", context)
        write_geotiff(filled_path, terrain.filled, grid, metadata=meta, style_qml=paths.style("filled"))
        results["FILLED"] = filled_path
        feedback.setProgress(55)
        write_geotiff(depth_path, terrain.depth, grid, metadata=meta, style_qml=paths.style("depth"))
        results["DEPTH"] = depth_path
        self.style_output(context, filled_path, "filled", self.tr("Filled surface"))
        self.style_output(context, depth_path, "depth", self.tr("Sink depth"))
        feedback.setProgress(60)

        # sink ids are ranks by volume among all sinks (the same ids as smartplan:rainscenario)
        kept = np.flatnonzero(keep)  # 0-based internal indices
        kept = kept[np.argsort(-table.volume_m3[kept], kind="stable")]
        new_id = public_ids(table)
        ds_kept = downstream_among(table, keep)
        dcls = depth_class(table.max_depth_m)
        crs = inp.dem_layer.crs()

        fields = self.fields_of(SINK_FIELDS)
        sink, sinks_id = self.parameterAsSink(
            parameters, "SINKS", context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        polys = polygonize(table.labels, grid, ids=kept + 1)
        feedback.setProgress(75)
        for s in kept:
            f = QgsFeature(fields)
            g = QgsGeometry()
            g.fromWkb(polys[int(s + 1)])
            f.setGeometry(g)
            d = int(ds_kept[s])
            f.setAttributes(
                [
                    int(new_id[s + 1]),
                    float(table.area_m2[s]),
                    float(table.volume_m3[s]),
                    float(table.max_depth_m[s]),
                    float(table.mean_depth_m[s]),
                    float(table.bottom_elev[s]),
                    float(table.spill_elev[s]),
                    float(table.catchment_m2[s]),
                    float(table.fill_rain_mm[s]) if np.isfinite(table.fill_rain_mm[s]) else None,
                    int(new_id[d]) if d > 0 else None,
                    None,
                    1,
                    int(dcls[s]),
                    int(table.buildings_affected[s]),
                ]
            )
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        n_nested = 0
        max_level = self.parameterAsInt(parameters, "MAX_LEVEL", context)
        if max_level > 1 and kept.size:
            n_nested = self.write_nested(
                sink, fields, table, terrain, keep, new_id, inp, grid, min_f, max_level
            )
        results["SINKS"] = sinks_id
        results["NESTED_COUNT"] = n_nested
        self.style_output(context, sinks_id, "sinks", self.tr("Sinks"))

        pfields = self.fields_of(POUR_FIELDS)
        psink, pour_id = self.parameterAsSink(
            parameters, "POUR_POINTS", context, pfields, QgsWkbTypes.Type.Point, crs
        )
        xs, ys = grid.cell_center(table.pour_index[kept]) if kept.size else ([], [])
        for k, s in enumerate(kept):
            f = QgsFeature(pfields)
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(xs[k]), float(ys[k]))))
            d = int(ds_kept[s])
            f.setAttributes(
                [int(new_id[s + 1]), float(table.spill_elev[s]), int(new_id[d]) if d > 0 else None]
            )
            psink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        results["POUR_POINTS"] = pour_id
        self.style_output(context, pour_id, "pour_points", self.tr("Pour points"))
        feedback.setProgress(85)

        if parameters.get("CATCHMENTS") is not None:
            cfields = self.fields_of(CATCHMENT_FIELDS)
            csink, catch_id = self.parameterAsSink(
                parameters, "CATCHMENTS", context, cfields, QgsWkbTypes.Type.MultiPolygon, crs
            )
            if csink is not None:
                cpolys = polygonize(table.catchment, grid, ids=kept + 1)
                for s in kept:
                    f = QgsFeature(cfields)
                    g = QgsGeometry()
                    g.fromWkb(cpolys[int(s + 1)])
                    f.setGeometry(g)
                    f.setAttributes([int(new_id[s + 1]), float(table.catchment_m2[s])])
                    csink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
                results["CATCHMENTS"] = catch_id
                self.style_output(context, catch_id, "catchments", self.tr("Local catchments"))
        results["SINK_COUNT"] = int(kept.size)
        results["TOTAL_VOLUME_M3"] = float(table.volume_m3[kept].sum())
        self._styled = [
            (results.get(k), s)
            for k, s in (("SINKS", "sinks"), ("POUR_POINTS", "pour_points"), ("CATCHMENTS", "catchments"))
        ]
        for k in ("SINKS", "POUR_POINTS", "CATCHMENTS"):
            self.record(results.get(k), meta)
        feedback.setProgress(100)
        return results

    def write_nested(self, sink, fields, table, terrain, keep, new_id, inp, grid, min_f, max_level):
        """Nested sinks that pass the depth/area/volume filters inside a reported sink. Their ids
        follow the outermost sinks' ids (by volume); catchment, fill rain and downstream are
        properties of the outermost sink only and stay NULL."""
        ns = nested_sinks(table, terrain)
        ok = (
            (ns.max_depth_m >= min_f["min_depth"])
            & (ns.area_m2 >= min_f["min_area"])
            & (ns.volume_m3 >= min_f["min_volume"])
            & keep[ns.sink]
            & (ns.level <= max_level)
        )
        if not ok.any():
            return 0
        order = np.argsort(-ns.volume_m3, kind="stable")
        nid = np.zeros(ns.n, dtype=np.int64)
        nid[order] = table.n + 1 + np.arange(ns.n)
        dcls = depth_class(ns.max_depth_m)
        bids = inp.building_ids
        for lv, lab in ns.labels_by_level(int(ns.level[ok].max()), table.labels.shape, keep=ok):
            at = ok & (ns.level == lv)
            polys = polygonize(lab, grid)
            baff = buildings_touching(lab, bids, ns.n) if bids is not None else np.zeros(ns.n, dtype=np.int64)
            for i in np.flatnonzero(at):
                wkb = polys.get(int(i + 1))
                if wkb is None:
                    continue
                f = QgsFeature(fields)
                g = QgsGeometry()
                g.fromWkb(wkb)
                f.setGeometry(g)
                p = int(ns.parent[i])
                parent = int(nid[p]) if p >= 0 else int(new_id[ns.sink[i] + 1])
                f.setAttributes(
                    [
                        int(nid[i]),
                        float(ns.area_m2[i]),
                        float(ns.volume_m3[i]),
                        float(ns.max_depth_m[i]),
                        float(ns.mean_depth_m[i]),
                        float(ns.bottom_elev[i]),
                        float(ns.spill_elev[i]),
                        None,
                        None,
                        None,
                        parent,
                        int(ns.level[i]),
                        int(dcls[i]),
                        int(baff[i]),
                    ]
                )
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        return int(ok.sum())
