"""smartplan:affected — Betroffenheitsanalyse / Affected objects."""

import html

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsLineString,
    QgsPoint,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsSpatialIndex,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core import affected as core
from ..core.proximity import DISTANCE_CLASSES_M, distance_class
from ..io.raster import InputError, rasterize, read_depth
from .base import SmartPlanAlgorithm


class AffectedAlgorithm(SmartPlanAlgorithm):
    _name = "affected"
    _icon = "affected"

    def displayName(self):  # noqa: N802
        return self.tr("Affected objects (Betroffenheit)")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "<p>Which buildings, roads, underpasses and critical sites are hit by heavy-rain water: "
            "from a water-depth raster (smartplan:rainscenario or any imported 2D depth raster) "
            "and, optionally, the flow paths and their corridor.</p>"
            "<p><b>Buildings:</b> the largest water depth in or next to the footprint (the wall); "
            "flooded from 0.10 m (Ulm: water can enter), in the corridor, or by distance to a flow "
            "path (≤ 5 / 10 / 15 m, Hessen). <b>Roads</b> (OSM highway lines or ATKIS/ALKIS road "
            "lines) are split where they enter or leave the water; each piece has its maximum depth "
            "and whether cars (≤ 0.30 m) and emergency vehicles (≤ 0.60 m) can pass (Kramer et al. "
            "2016). <b>Underpasses:</b> OSM tunnel/covered/layer &lt; 0, or road pieces deeper than "
            "0.50 m (knee-deep, BWB Überstauatlas). <b>Critical sites</b> (hospital, fire station, "
            "school, kindergarten, care home, substation …; from a type field or OSM tags) with "
            "their water depth and corridor flag.</p>"
            "<p><b>Limits.</b> Depth only (no flow velocity); the depth raster's own limits apply "
            "(topographic screening: no sewer, no time dimension).</p>"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterRasterLayer("WATER_DEPTH", self.tr("Water depth raster [m]")))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "BUILDINGS", self.tr("Buildings"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "ROADS", self.tr("Roads (lines)"), [QgsProcessing.SourceType.TypeVectorLine], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "CRITICAL",
                self.tr("Critical sites (points or polygons)"),
                [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "CRITICAL_TYPE_FIELD",
                self.tr("Type field of the critical sites (else OSM tags)"),
                parentLayerParameterName="CRITICAL",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "FLOWPATHS",
                self.tr("Flow paths (smartplan:flowpaths)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "CORRIDOR",
                self.tr("Flow path corridor"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        for key, label, val in (
            ("WALL_DEPTH_M", self.tr("Building flooded from a wall depth of [m]"), core.WALL_DEPTH_M),
            ("CAR_DEPTH_M", self.tr("Cars cannot pass above [m]"), core.CAR_DEPTH_M),
            (
                "EMERGENCY_DEPTH_M",
                self.tr("Emergency vehicles cannot pass above [m]"),
                core.EMERGENCY_DEPTH_M,
            ),
            (
                "UNDERPASS_DEPTH_M",
                self.tr("Underpass (road sink) from a depth of [m]"),
                core.UNDERPASS_DEPTH_M,
            ),
        ):
            self.addParameter(
                QgsProcessingParameterNumber(
                    key, label, QgsProcessingParameterNumber.Type.Double, val, minValue=0.0
                )
            )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "BUILDINGS_AFFECTED",
                self.tr("Affected buildings"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "ROADS_AFFECTED",
                self.tr("Roads split at the water"),
                QgsProcessing.SourceType.TypeVectorLine,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "UNDERPASSES", self.tr("Underpasses"), QgsProcessing.SourceType.TypeVectorLine, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "CRITICAL_AFFECTED",
                self.tr("Affected critical sites"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT_HTML", self.tr("Summary"), self.tr("HTML files (*.html)"), optional=True
            )
        )
        for key, label in (
            ("BUILDINGS_FLOODED", self.tr("Flooded buildings")),
            ("ROADS_FLOODED_KM", self.tr("Flooded roads [km]")),
            ("ROADS_IMPASSABLE_EMERGENCY_KM", self.tr("Roads impassable for emergency vehicles [km]")),
            ("CRITICAL_AFFECTED_COUNT", self.tr("Affected critical sites")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    # ------------------------------------------------------------------ helpers
    def _source(self, parameters, name, context):
        src = self.parameterAsSource(parameters, name, context)
        return src

    def _index(self, source, crs, context, feedback, skip_in_sink=False):
        index, geoms, attrs = QgsSpatialIndex(), {}, {}
        if source is None:
            return None, geoms, attrs
        names = source.fields().names()
        for f, g in self.features_in(source, crs, context, feedback):
            if skip_in_sink and "in_sink" in names and f["in_sink"] in (True, 1, "true"):
                continue
            index.addFeature(f.id(), g.boundingBox())
            geoms[f.id()] = g
            attrs[f.id()] = f["upstream_ha"] if "upstream_ha" in names else None
        return index, geoms, attrs

    @staticmethod
    def _copy_fields(fields, source):
        for f in source.fields():
            if fields.indexOf(f.name()) < 0 and f.name().lower() != "fid":
                fields.append(f)
        return fields

    @staticmethod
    def _own_attrs(feat, fields, start):
        return [
            feat[fields.at(i).name()] if feat.fields().indexOf(fields.at(i).name()) >= 0 else None
            for i in range(start, fields.count())
        ]

    @staticmethod
    def _flush(sink, batch):
        if sink is not None and batch:
            sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
        batch.clear()

    # ------------------------------------------------------------------ run
    def _run(self, parameters, context, feedback):
        layer = self.parameterAsRasterLayer(parameters, "WATER_DEPTH", context)
        if layer is None or layer.providerType() != "gdal":
            self.fail(self.tr("The water depth must be a file-based raster (GeoTIFF)."))
        try:
            depth, grid = read_depth(layer.source(), bytes_per_cell=16)
        except InputError as exc:
            raise self.input_error(exc) from exc
        if not np.isfinite(depth).any():
            self.fail(self.tr("The water depth raster contains only NoData."))
        if np.nanmin(depth) < -1e-6:
            feedback.pushWarning(self.tr("The water depth raster has negative values; they count as dry."))
        depth = np.where(depth > 0, depth, np.where(np.isnan(depth), np.nan, 0)).astype(np.float32)
        crs = layer.crs()
        gt = grid.geotransform
        p = {
            k: self.parameterAsDouble(parameters, k, context)
            for k in ("WALL_DEPTH_M", "CAR_DEPTH_M", "EMERGENCY_DEPTH_M", "UNDERPASS_DEPTH_M")
        }

        flow_src = self._source(parameters, "FLOWPATHS", context)
        cor_src = self._source(parameters, "CORRIDOR", context)
        fl_index, fl_geoms, fl_area = self._index(flow_src, crs, context, feedback, skip_in_sink=True)
        co_index, co_geoms, _ = self._index(cor_src, crs, context, feedback)
        results = {
            "BUILDINGS_FLOODED": 0,
            "ROADS_FLOODED_KM": 0.0,
            "ROADS_IMPASSABLE_EMERGENCY_KM": 0.0,
            "CRITICAL_AFFECTED_COUNT": 0,
        }
        summary = {}
        feedback.setProgress(10)

        bsrc = self._source(parameters, "BUILDINGS", context)
        if bsrc is not None and parameters.get("BUILDINGS_AFFECTED") is not None:
            self.buildings(
                parameters,
                context,
                feedback,
                bsrc,
                crs,
                grid,
                depth,
                p,
                fl_index,
                fl_geoms,
                fl_area,
                co_index,
                co_geoms,
                results,
                summary,
            )
        feedback.setProgress(45)
        rsrc = self._source(parameters, "ROADS", context)
        if rsrc is not None:
            self.roads(parameters, context, feedback, rsrc, crs, grid, depth, p, results, summary)
        feedback.setProgress(80)
        csrc = self._source(parameters, "CRITICAL", context)
        if csrc is not None and parameters.get("CRITICAL_AFFECTED") is not None:
            self.critical(
                parameters, context, feedback, csrc, crs, grid, depth, p, co_index, co_geoms, results, summary
            )
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            with open(html_path, "w", encoding="utf-8") as fh:
                fh.write(self.summary_html(summary, p, gt))
            results["OUTPUT_HTML"] = html_path
        feedback.setProgress(100)
        return results

    def _nearest_path(self, g, fl_index, fl_geoms, fl_area, maxd):
        best, best_id = None, None
        if fl_index is None:
            return None, None
        for fid in fl_index.intersects(g.boundingBox().buffered(maxd)):
            d = g.distance(fl_geoms[fid])
            if best is None or d < best:
                best, best_id = d, fid
        if best is None or best > maxd:
            return None, None
        return best, fl_area.get(best_id)

    def _in_corridor(self, g, co_index, co_geoms):
        if co_index is None:
            return False
        return any(g.intersects(co_geoms[i]) for i in co_index.intersects(g.boundingBox()))

    def buildings(
        self,
        parameters,
        context,
        feedback,
        src,
        crs,
        grid,
        depth,
        p,
        fl_index,
        fl_geoms,
        fl_area,
        co_index,
        co_geoms,
        results,
        summary,
    ):
        feats, geoms = [], []
        for f, g in self.features_in(src, crs, context, feedback):
            feats.append(f)
            geoms.append(g)
        ids = rasterize(grid, [bytes(g.asWkb()) for g in geoms], all_touched=True) if geoms else None
        wall = core.ring_max(ids, depth, len(geoms)) if geoms else np.zeros(0)
        del ids
        fields = self.fields_of(
            (
                ("building_fid", QVariant.LongLong),
                ("wall_depth_m", QVariant.Double),
                ("flooded", QVariant.Bool),
                ("in_corridor", QVariant.Bool),
                ("dist_m", QVariant.Double),
                ("dist_class", QVariant.Int),
                ("upstream_ha", QVariant.Double),
                ("affected_by", QVariant.String),
            )
        )
        fields = self._copy_fields(fields, src)
        sink, dest = self.parameterAsSink(
            parameters, "BUILDINGS_AFFECTED", context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        classes = DISTANCE_CLASSES_M  # the default classes of smartplan:flowpaths
        counts = {"flooded": 0, "corridor": 0, 1: 0, 2: 0, 3: 0, "total": len(geoms)}
        for k, (f, g) in enumerate(zip(feats, geoms)):
            w = float(wall[k]) if np.isfinite(wall[k]) else None
            flooded = w is not None and core.at_least(w, p["WALL_DEPTH_M"])
            in_cor = self._in_corridor(g, co_index, co_geoms)
            dist, up = self._nearest_path(g, fl_index, fl_geoms, fl_area, classes[-1])
            dcls = distance_class(dist, classes)
            if not (flooded or in_cor or dcls):
                continue
            why = [t for t, on in (("flood", flooded), ("corridor", in_cor)) if on]
            if dcls:
                why.append(f"flow path ≤ {classes[dcls - 1]:g} m")
            out = QgsFeature(fields)
            g.convertToMultiType()
            out.setGeometry(g)
            out.setAttributes(
                [
                    int(f.id()),
                    w,
                    bool(flooded),
                    bool(in_cor),
                    dist,
                    dcls,
                    float(up) if up is not None else None,
                    ", ".join(why),
                ]
                + self._own_attrs(f, fields, 8)
            )
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            counts["flooded"] += flooded
            counts["corridor"] += in_cor
            if dcls:
                counts[dcls] += 1
        results["BUILDINGS_AFFECTED"] = dest
        results["BUILDINGS_FLOODED"] = counts["flooded"]
        summary["buildings"] = counts
        self.style_output(context, dest, "buildings_affected", self.tr("Affected buildings"))
        self._styled.append((dest, "buildings_affected"))

    def roads(self, parameters, context, feedback, src, crs, grid, depth, p, results, summary):
        names = src.fields().names()
        osm = "highway" in names
        fields = self.fields_of(
            (
                ("road_fid", QVariant.LongLong),
                ("piece", QVariant.Int),
                ("flooded", QVariant.Bool),
                ("max_depth_m", QVariant.Double),
                ("length_m", QVariant.Double),
                ("passable_car", QVariant.Bool),
                ("passable_emergency", QVariant.Bool),
                ("underpass", QVariant.Bool),
            )
        )
        fields = self._copy_fields(fields, src)
        want_roads = parameters.get("ROADS_AFFECTED") is not None
        want_under = parameters.get("UNDERPASSES") is not None
        rsink = usink = None
        if want_roads:
            rsink, rdest = self.parameterAsSink(
                parameters, "ROADS_AFFECTED", context, fields, QgsWkbTypes.Type.LineString, crs
            )
        ufields = self.fields_of(
            (
                ("road_fid", QVariant.LongLong),
                ("reason", QVariant.String),
                ("max_depth_m", QVariant.Double),
                ("flooded", QVariant.Bool),
                ("passable_emergency", QVariant.Bool),
            )
        )
        ufields = self._copy_fields(ufields, src)
        if want_under:
            usink, udest = self.parameterAsSink(
                parameters, "UNDERPASSES", context, ufields, QgsWkbTypes.Type.LineString, crs
            )
        step = min(grid.dx, grid.dy) / 2.0
        feats, tagged, attrs, attrs_u, line_of = [], [], [], [], []  # per road; per line: its road
        xs, ys, starts = [], [], [0]
        for f, g in self.features_in(src, crs, context, feedback):
            if osm and (f["highway"] is None or str(f["highway"]) in ("", "NULL")):
                continue  # OSM lines that are not roads (waterways, railways, …)
            tags = core.osm_tags(f["other_tags"]) if "other_tags" in names else {}
            for key in ("tunnel", "covered", "layer"):
                if key in names and f[key] not in (None, ""):
                    tags[key] = str(f[key])
            parts = [
                pts for pts in (g.asMultiPolyline() if g.isMultipart() else [g.asPolyline()]) if len(pts) >= 2
            ]
            if not parts:
                continue
            for pts in parts:
                xs.extend(q.x() for q in pts)
                ys.extend(q.y() for q in pts)
                starts.append(len(xs))
                line_of.append(len(feats))
            feats.append(int(f.id()))
            tagged.append(core.is_underpass(tags))
            attrs.append(self._own_attrs(f, fields, 8) if rsink is not None else None)
            attrs_u.append(self._own_attrs(f, ufields, 5) if usink is not None else None)
        km = {"total": 0.0, "flooded": 0.0, "car": 0.0, "emergency": 0.0}
        n_under = {"tagged": 0, "deep": 0}
        if feats:
            xs, ys, starts = np.asarray(xs), np.asarray(ys), np.asarray(starts, dtype=np.int64)
            line_road = np.asarray(line_of, dtype=np.int64)
            tagged = np.asarray(tagged, dtype=bool)
            totals = np.zeros(4)
            rbatch, ubatch = [], []
            for l0, l1 in core.line_chunks(xs, ys, starts, step):  # lines split many at once
                v0, v1 = starts[l0], starts[l1]
                pc = core.split_at_water(
                    xs[v0:v1], ys[v0:v1], starts[l0 : l1 + 1] - v0, depth, grid.geotransform, step
                )
                road = line_road[l0 + pc.part]
                mx = pc.max_depth
                car = core.at_most(mx, p["CAR_DEPTH_M"])
                emer = core.at_most(mx, p["EMERGENCY_DEPTH_M"])
                deep = ~core.at_most(mx, p["UNDERPASS_DEPTH_M"])
                tag = tagged[road]
                under = tag | deep
                km_len = pc.length / 1000
                totals += (km_len.sum(), km_len[pc.wet].sum(), km_len[~car].sum(), km_len[~emer].sum())
                n_under["tagged"] += int(tag.sum())
                n_under["deep"] += int((deep & ~tag).sum())
                for j in range(pc.part.size):  # one feature per piece
                    self.check(feedback)
                    if rsink is None and not (usink is not None and under[j]):
                        continue  # no output wants this piece (the totals are counted above)
                    r = int(road[j])
                    seg = QgsGeometry(
                        QgsLineString(
                            pc.x[pc.first[j] : pc.last[j] + 1].tolist(),
                            pc.y[pc.first[j] : pc.last[j] + 1].tolist(),
                        )
                    )
                    if rsink is not None:
                        out = QgsFeature(fields)
                        out.setGeometry(seg)
                        out.setAttributes(
                            [
                                feats[r],
                                int(pc.number[j]),
                                bool(pc.wet[j]),
                                float(mx[j]),
                                float(pc.length[j]),
                                bool(car[j]),
                                bool(emer[j]),
                                bool(under[j]),
                            ]
                            + attrs[r]
                        )
                        rbatch.append(out)
                    if usink is not None and under[j]:
                        out = QgsFeature(ufields)
                        out.setGeometry(seg)
                        out.setAttributes(
                            [
                                feats[r],
                                "tunnel/layer" if tag[j] else "road sink",
                                float(mx[j]),
                                bool(pc.wet[j]),
                                bool(emer[j]),
                            ]
                            + attrs_u[r]
                        )
                        ubatch.append(out)
                    if len(rbatch) >= 5000 or len(ubatch) >= 5000:
                        self._flush(rsink, rbatch)
                        self._flush(usink, ubatch)
                del pc
            self._flush(rsink, rbatch)
            self._flush(usink, ubatch)
            km = dict(zip(("total", "flooded", "car", "emergency"), totals.tolist()))
        if rsink is not None:
            results["ROADS_AFFECTED"] = rdest
            self.style_output(context, rdest, "roads_affected", self.tr("Roads split at the water"))
            self._styled.append((rdest, "roads_affected"))
        if usink is not None:
            results["UNDERPASSES"] = udest
            self.style_output(context, udest, "underpasses", self.tr("Underpasses"))
            self._styled.append((udest, "underpasses"))
        results["ROADS_FLOODED_KM"] = km["flooded"]
        results["ROADS_IMPASSABLE_EMERGENCY_KM"] = km["emergency"]
        summary["roads"] = km
        summary["underpasses"] = n_under

    def critical(
        self, parameters, context, feedback, src, crs, grid, depth, p, co_index, co_geoms, results, summary
    ):
        names = src.fields().names()
        tfield = self.parameterAsString(parameters, "CRITICAL_TYPE_FIELD", context)
        feats, geoms, types = [], [], []
        for f, g in self.features_in(src, crs, context, feedback):
            if tfield:
                t = f[tfield]
                t = None if t is None or str(t) in ("", "NULL") else str(t)
            else:
                tags = core.osm_tags(f["other_tags"]) if "other_tags" in names else {}
                for key in ("amenity", "power", "social_facility"):
                    if key in names and f[key] not in (None, ""):
                        tags[key] = str(f[key])
                t = core.critical_type(tags)
            if t is None:
                continue  # not a critical site (OSM amenity=bench, …)
            feats.append(f)
            geoms.append(g)
            types.append(t)
        ids = rasterize(grid, [bytes(g.asWkb()) for g in geoms], all_touched=True) if geoms else None
        wmax = core.ring_max(ids, depth, len(geoms)) if geoms else np.zeros(0)
        fields = self.fields_of(
            (
                ("site_fid", QVariant.LongLong),
                ("type", QVariant.String),
                ("max_depth_m", QVariant.Double),
                ("flooded", QVariant.Bool),
                ("in_corridor", QVariant.Bool),
            )
        )
        fields = self._copy_fields(fields, src)
        sink, dest = self.parameterAsSink(
            parameters, "CRITICAL_AFFECTED", context, fields, QgsWkbTypes.Type.Point, crs
        )
        by_type = {}
        for k, (f, g, t) in enumerate(zip(feats, geoms, types)):
            w = float(wmax[k]) if np.isfinite(wmax[k]) else None
            flooded = w is not None and core.at_least(w, p["WALL_DEPTH_M"])
            in_cor = self._in_corridor(g, co_index, co_geoms)
            if not (flooded or in_cor):
                continue
            pt = g.pointOnSurface() if g.type() != QgsWkbTypes.GeometryType.PointGeometry else g
            out = QgsFeature(fields)
            out.setGeometry(QgsGeometry(QgsPoint(pt.asPoint())))
            out.setAttributes(
                [int(f.id()), t, w, bool(flooded), bool(in_cor)] + self._own_attrs(f, fields, 5)
            )
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            by_type[t] = by_type.get(t, 0) + 1
        results["CRITICAL_AFFECTED"] = dest
        results["CRITICAL_AFFECTED_COUNT"] = int(sum(by_type.values()))
        summary["critical"] = {"by_type": by_type, "total": len(feats)}
        self.style_output(context, dest, "critical_affected", self.tr("Affected critical sites"))
        self._styled.append((dest, "critical_affected"))

    def summary_html(self, summary, p, gt):
        esc = html.escape
        rows = []
        b = summary.get("buildings")
        if b:
            rows += [
                (self.tr("Buildings checked"), b["total"]),
                (
                    self.tr("Buildings flooded (wall depth ≥ {v:g} m)").format(v=p["WALL_DEPTH_M"]),
                    b["flooded"],
                ),
                (self.tr("Buildings in the flow path corridor"), b["corridor"]),
                (self.tr("Buildings ≤ 5 / ≤ 10 / ≤ 15 m from a flow path"), f"{b[1]} / {b[2]} / {b[3]}"),
            ]
        r = summary.get("roads")
        if r:
            rows += [
                (self.tr("Roads checked [km]"), f"{r['total']:.2f}"),
                (self.tr("Roads under water [km]"), f"{r['flooded']:.2f}"),
                (self.tr("Impassable for cars [km]"), f"{r['car']:.2f}"),
                (self.tr("Impassable for emergency vehicles [km]"), f"{r['emergency']:.2f}"),
            ]
        u = summary.get("underpasses")
        if u:
            rows += [(self.tr("Underpass pieces (tagged / road sinks)"), f"{u['tagged']} / {u['deep']}")]
        c = summary.get("critical")
        if c:
            rows.append((self.tr("Critical sites checked"), c["total"]))
            for t, n in sorted(c["by_type"].items()):
                rows.append((self.tr("Affected: {t}").format(t=t), n))
        body = "".join(f"<tr><th>{esc(str(k))}</th><td>{esc(str(v))}</td></tr>" for k, v in rows)
        title = self.tr("Affected objects (Betroffenheit)")
        return (
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>SmartPlan</title>"
            "<style>body{font-family:sans-serif;max-width:50em;margin:2em}table{border-collapse:"
            "collapse}td,th{border:1px solid #bbb;padding:3px 8px;text-align:left}</style></head>"
            f"<body><h1>{esc(title)}</h1><table>{body}</table></body></html>"
        )
