"""smartplan:flowpaths — Fließwege / Overland flow paths."""

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsGeometry,
    QgsLineString,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
    QgsSpatialIndex,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import paths
from ..core import defaults
from ..core.proximity import distance_class, parse_classes
from ..core.streams import classify, d8_accumulation, stream_network, upstream_area_m2
from ..io.raster import write_geotiff
from .base import SKIP_VALIDITY, SmartPlanAlgorithm

# peak memory per DEM cell with numba / without (measured with make bench, with margin)
BYTES_PER_CELL = (64, 260)


class FlowPathsAlgorithm(SmartPlanAlgorithm):
    _name = "flowpaths"
    _icon = "flowpaths"

    def displayName(self):  # noqa: N802
        return self.tr("Overland flow paths (Fließwege)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Overland flow paths of heavy rain from the terrain model, like the Hessian "
            "Fließpfadkarten: topographic hazard analysis, tier 2 of DWA-M 119.</p>"
            "<p><b>Method.</b> Buildings are raised as obstacles, the DEM is filled exactly, and each "
            "cell drains to its steepest-descent neighbour (D8: drop divided by distance, diagonals "
            "√2; O'Callaghan &amp; Mark 1984). Flats, filled sinks included, drain towards their "
            "nearest lower edge (Barnes et al. 2014). ACCUMULATION is the upstream contributing area "
            "in m² (the cell included). Flow paths start where it reaches the minimum catchment "
            "(Hessen: 1 ha; 0.1 ha in dense urban areas) and are cut into segments between "
            "confluences with upstream area, class, Strahler order and mean slope on the filled "
            "surface. Segments that mostly cross a filled sink are flagged in_sink: the water ponds "
            "there first, the line only shows where the sink overflows to; the corridor and the "
            "building distances leave them out.</p>"
            "<p><b>FLOW_DIRECTION encoding</b> (ESRI): 1 E, 2 SE, 4 S, 8 SW, 16 W, 32 NW, 64 N, "
            "128 NE; 0 = drains off the map; 255 = NoData.</p>"
            "<p><b>Classes</b> by upstream area (proposal): 0.5–2 / 2–10 / 10–50 / ≥ 50 ha. "
            "Corridor: 10 m on each side (Hessen, Oppermann). Buildings by distance to a flow "
            "path: ≤ 5 m red, ≤ 10 m orange, ≤ 15 m yellow (Hessen).</p>"
            "<p><b>Limits.</b> No sewer, no culverts unless burned in, no time dimension, single "
            "flow direction; paths on slopes below 1 % are unreliable (low_slope, Hessen).</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_terrain_parameters()
        self.addParameter(
            QgsProcessingParameterNumber(
                "MIN_CATCHMENT_HA",
                self.tr("Flow paths start at an upstream area of [ha]"),
                QgsProcessingParameterNumber.Type.Double,
                defaults.FLOWPATH_MIN_HA,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "CLASS_BREAKS_HA",
                self.tr("Class breaks of the upstream area [ha]"),
                defaults.FLOWPATH_CLASS_BREAKS_HA,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "CORRIDOR_M",
                self.tr("Hazard corridor on each side [m]"),
                QgsProcessingParameterNumber.Type.Double,
                defaults.CORRIDOR_M,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "DISTANCE_CLASSES_M",
                self.tr("Building distance classes [m]"),
                defaults.BUILDING_DISTANCE_CLASSES_M,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination("FLOW_DIRECTION", self.tr("Flow direction (D8)"))
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination("ACCUMULATION", self.tr("Upstream area [m²]"))
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "FLOWPATHS", self.tr("Flow paths"), QgsProcessing.SourceType.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "CORRIDOR",
                self.tr("Flow path corridor"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "BUILDINGS_NEAR",
                self.tr("Buildings near flow paths"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("SEGMENT_COUNT", self.tr("Number of flow path segments")))
        self.addOutput(
            QgsProcessingOutputNumber("BUILDINGS_NEAR_COUNT", self.tr("Buildings near flow paths"))
        )

    def _run(self, parameters, context, feedback):
        try:
            breaks = list(parse_classes(self.parameterAsString(parameters, "CLASS_BREAKS_HA", context)))
            dist_classes = parse_classes(self.parameterAsString(parameters, "DISTANCE_CLASSES_M", context))
        except ValueError as exc:
            self.fail(
                self.tr(
                    "Class breaks must be increasing numbers separated by commas, e.g. "
                    "'0.5,2,10,50' (got '{v}')."
                ).format(v=exc.args[0])
            )
        inp = self.load_terrain(parameters, context, feedback, BYTES_PER_CELL)
        grid = inp.grid
        feedback.pushInfo(self.tr("Filling depressions and routing flow …"))
        terrain = inp.terrain_model(
            progress=lambda p: feedback.setProgress(p * 0.5), check=lambda: self.check(feedback)
        )
        self.check(feedback)
        acc = d8_accumulation(terrain.code).ravel()
        area = terrain.cell_area
        min_ha = self.parameterAsDouble(parameters, "MIN_CATCHMENT_HA", context)
        min_cells = max(1, int(np.ceil(min_ha * 10000.0 / area)))
        net = stream_network(terrain.rcv, acc, min_cells)
        feedback.setProgress(55)
        feedback.pushInfo(
            self.tr("{n:,} flow path segments from {ha:g} ha upstream area").format(n=net.n, ha=min_ha)
        )
        self.check(feedback)
        meta = {
            "smartplan_algorithm": "smartplan:flowpaths",
            "smartplan_parameters": self.params_text(parameters, context),
            "smartplan_disclaimer": defaults.DISCLAIMER,
        }
        results = {}
        fd_path = self.parameterAsOutputLayer(parameters, "FLOW_DIRECTION", context)
        from osgeo import gdal

        write_geotiff(
            fd_path,
            terrain.code,
            grid,
            nodata=255,
            dtype=gdal.GDT_Byte,
            metadata=meta,
            style_qml=paths.style("flow_direction"),
        )
        results["FLOW_DIRECTION"] = fd_path
        acc_path = self.parameterAsOutputLayer(parameters, "ACCUMULATION", context)
        acc_m2 = upstream_area_m2(acc, area, terrain.valid)
        write_geotiff(acc_path, acc_m2, grid, metadata=meta, style_qml=paths.style("accumulation"))
        del acc_m2
        results["ACCUMULATION"] = acc_path
        self.style_output(context, fd_path, "flow_direction", self.tr("Flow direction (D8)"))
        self.style_output(context, acc_path, "accumulation", self.tr("Upstream area [m²]"))
        feedback.setProgress(65)

        crs = inp.dem_layer.crs()
        up_ha = net.upstream_cells * area / 10000.0
        cls = classify(up_ha, breaks) - 1  # 0 = below the first break
        labels = (
            [f"< {breaks[0]:g} ha"]
            + [f"{a:g}–{b:g} ha" for a, b in zip(breaks, breaks[1:])]
            + [f"≥ {breaks[-1]:g} ha"]
        )
        f = terrain.filled.ravel()
        fields = self.fields_of(
            (
                ("seg_id", QVariant.Int),
                ("upstream_ha", QVariant.Double),
                ("class", QVariant.Int),
                ("class_label", QVariant.String),
                ("strahler", QVariant.Int),
                ("length_m", QVariant.Double),
                ("mean_slope_pct", QVariant.Double),
                ("low_slope", QVariant.Bool),
                ("in_sink", QVariant.Bool),
                ("downstream_seg", QVariant.Int),
            )
        )
        sink, fp_id = self.parameterAsSink(
            parameters, "FLOWPATHS", context, fields, QgsWkbTypes.Type.LineString, crs
        )
        lines = []
        in_sink = np.zeros(net.n, dtype=bool)
        zz = terrain.z.ravel()
        for k in range(net.n):
            cells = net.cells[net.starts[k] : net.starts[k + 1]]
            xs, ys = grid.line_through_cells(cells)
            step = np.hypot(np.diff(xs), np.diff(ys))
            length = float(step.sum())
            drop = float(f[cells[0]] - f[cells[-1]])
            slope = 100.0 * drop / length if length > 0 else 0.0
            # most of the segment crosses a filled sink: there the water ponds first, and the
            # straight line only says where the sink overflows to
            in_sink[k] = np.mean(f[cells] > zz[cells]) > 0.5
            geom = QgsGeometry(QgsLineString(xs.tolist(), ys.tolist()))
            lines.append(geom)
            feat = QgsFeature(fields)
            feat.setGeometry(geom)
            d = int(net.downstream[k])
            feat.setAttributes(
                [
                    k + 1,
                    float(up_ha[k]),
                    int(cls[k]),
                    labels[int(cls[k])],
                    int(net.strahler[k]),
                    length,
                    slope,
                    bool(slope < defaults.LOW_SLOPE_PCT),
                    bool(in_sink[k]),
                    d + 1 if d >= 0 else None,
                ]
            )
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        results["FLOWPATHS"] = fp_id
        self.style_output(context, fp_id, "flowpaths", self.tr("Flow paths"))
        styled = [(fp_id, "flowpaths")]
        feedback.setProgress(80)

        corridor_m = self.parameterAsDouble(parameters, "CORRIDOR_M", context)
        if parameters.get("CORRIDOR") is not None and corridor_m > 0:
            cfields = self.fields_of(
                (("class", QVariant.Int), ("class_label", QVariant.String), ("corridor_m", QVariant.Double))
            )
            csink, cor_id = self.parameterAsSink(
                parameters, "CORRIDOR", context, cfields, QgsWkbTypes.Type.MultiPolygon, crs
            )
            if csink is not None:
                # the corridor follows flowing water: not the lines across filled sinks
                for c in sorted(set(cls[~in_sink].tolist()), reverse=True):
                    merged = QgsGeometry.unaryUnion([lines[k] for k in np.flatnonzero((cls == c) & ~in_sink)])
                    poly = merged.buffer(corridor_m, 8)
                    feat = QgsFeature(cfields)
                    feat.setGeometry(poly)
                    feat.setAttributes([int(c), labels[int(c)], corridor_m])
                    csink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
                results["CORRIDOR"] = cor_id
                self.style_output(context, cor_id, "corridor", self.tr("Flow path corridor"))
                styled.append((cor_id, "corridor"))
        feedback.setProgress(88)

        results["BUILDINGS_NEAR_COUNT"] = 0
        source = self.parameterAsSource(parameters, "BUILDINGS", context)
        if source is not None and parameters.get("BUILDINGS_NEAR") is not None:
            n_near, near_id = self.buildings_near(
                parameters, context, feedback, source, lines, up_ha, dist_classes, crs, ~in_sink
            )
            if near_id is not None:
                results["BUILDINGS_NEAR"] = near_id
                results["BUILDINGS_NEAR_COUNT"] = n_near
                styled.append((near_id, "buildings_near"))
        results["SEGMENT_COUNT"] = int(net.n)
        self._styled = styled
        feedback.setProgress(100)
        return results

    def buildings_near(self, parameters, context, feedback, source, lines, up_ha, dist_classes, crs, use):
        """Buildings within the largest distance class of a flow path (segments where ``use``),
        with the distance, its class (1 = nearest, e.g. ≤ 5 m) and the upstream area of the
        nearest path. Lines across filled sinks do not count: ponding there is the sink analysis."""
        fields = self.fields_of(
            (
                ("building_fid", QVariant.LongLong),
                ("dist_m", QVariant.Double),
                ("dist_class", QVariant.Int),
                ("upstream_ha", QVariant.Double),
                ("seg_id", QVariant.Int),
            )
        )
        for f in source.fields():
            # the source's own attributes, except a GeoPackage 'fid' that would clash with ours
            if fields.indexOf(f.name()) < 0 and f.name().lower() != "fid":
                fields.append(f)
        sink, dest = self.parameterAsSink(
            parameters, "BUILDINGS_NEAR", context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        if sink is None:
            return 0, None
        index = QgsSpatialIndex()
        for k, g in enumerate(lines):
            if use[k]:
                index.addFeature(k, g.boundingBox())
        xform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
        maxd = dist_classes[-1]
        count = 0
        total = max(1, source.featureCount())
        for i, feat in enumerate(source.getFeatures(QgsFeatureRequest(), SKIP_VALIDITY)):
            if i % 500 == 0:
                self.check(feedback)
                feedback.setProgress(88 + 11 * i / total)
            g = feat.geometry()
            if g is None or g.isEmpty():
                continue
            g.transform(xform)
            box = g.boundingBox().buffered(maxd)
            best, best_k = None, -1
            for k in index.intersects(box):
                d = g.distance(lines[k])
                if best is None or d < best or (d == best and up_ha[k] > up_ha[best_k]):
                    best, best_k = d, k
            if best is None or best > maxd:
                continue
            out = QgsFeature(fields)
            g.convertToMultiType()
            out.setGeometry(g)
            attrs = [
                int(feat.id()),
                float(best),
                distance_class(best, dist_classes),
                float(up_ha[best_k]),
                best_k + 1,
            ]
            for f in source.fields():
                if fields.indexOf(f.name()) >= 5 and f.name().lower() != "fid":
                    attrs.append(feat[f.name()])
            out.setAttributes(attrs)
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            count += 1
        self.style_output(context, dest, "buildings_near", self.tr("Buildings near flow paths"))
        return count, dest
