"""smartplan:greenroofs — Gründachpotenzial / Green-roof potential per building and roof face."""

import math
from collections import defaultdict

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsRectangle,
    QgsSpatialIndex,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core import greenroof_defaults as D
from ..core import roofs as core
from ..core.accel import has_numba
from ..io import report
from ..io.raster import (
    InputError,
    check_projected,
    grid_of,
    open_raster,
    polygonize,
    rasterize,
    read_window,
    resample_to_grid,
    window_grid,
)
from .base import SmartPlanAlgorithm

TILE_CELLS = 384  # buildings are processed in windows of about this size (bounded memory)

FACE_FIELDS = (
    ("face_id", QVariant.Int),
    ("building_id", QVariant.String),
    ("source", QVariant.String),
    ("dachform", QVariant.Int),
    ("slope_deg", QVariant.Double),
    ("slope_pct", QVariant.Double),
    ("aspect_deg", QVariant.Double),
    ("rmse_m", QVariant.Double),
    ("class", QVariant.Int),
    ("class_name", QVariant.String),
    ("area_m2", QVariant.Double),
    ("surface_m2", QVariant.Double),
    ("occupied_m2", QVariant.Double),
    ("usable_m2", QVariant.Double),
    ("shear_protection", QVariant.Bool),
    ("buildup", QVariant.String),
    ("retention_m3_a", QVariant.Double),
    ("peak_reduction_ls", QVariant.Double),
)
ROOF_FIELDS = (
    ("building_id", QVariant.String),
    ("footprint_m2", QVariant.Double),
    ("faces", QVariant.Int),
    ("area_c1_m2", QVariant.Double),
    ("area_c2_m2", QVariant.Double),
    ("area_c3_m2", QVariant.Double),
    ("area_c4_m2", QVariant.Double),
    ("green_area_m2", QVariant.Double),
    ("dominant_class", QVariant.Int),
    ("dominant_name", QVariant.String),
    ("intensive_m2", QVariant.Double),
    ("buildup", QVariant.String),
    ("retention_m3_a", QVariant.Double),
    ("sewer_saved_m3_a", QVariant.Double),
    ("peak_reduction_ls", QVariant.Double),
    ("cooling_kwh_a", QVariant.Double),
    ("co2_kg_a", QVariant.Double),
    ("dust_g_a", QVariant.Double),
    ("fee_saving_eur_a", QVariant.Double),
    ("weight_min_kg_m2", QVariant.Double),
    ("weight_max_kg_m2", QVariant.Double),
    ("monument", QVariant.Bool),
    ("pv_present", QVariant.Bool),
    ("existing_green", QVariant.Bool),
    ("stale_dsm", QVariant.Bool),
    ("dsm_coverage", QVariant.Double),
    ("partial_dsm", QVariant.Bool),
    ("repaired", QVariant.Bool),
    ("district", QVariant.String),
    ("note", QVariant.String),
)


def polygon_parts(g):
    """The polygon parts of a geometry (makeValid may return a collection with lines or points)."""
    if g is None or g.isEmpty():
        return None
    if (
        g.type() == QgsWkbTypes.GeometryType.PolygonGeometry
        and QgsWkbTypes.flatType(g.wkbType()) != QgsWkbTypes.Type.GeometryCollection
    ):
        return g
    parts = [p for p in g.asGeometryCollection() if p.type() == QgsWkbTypes.GeometryType.PolygonGeometry]
    return QgsGeometry.collectGeometry(parts) if parts else None


class GreenRoofsAlgorithm(SmartPlanAlgorithm):
    _name = "greenroofs"
    _icon = "greenroofs"
    _group = "greenroofs"

    def displayName(self):  # noqa: N802
        return self.tr("Green-roof potential (Gründachpotenzial)")

    def buildup_labels(self):
        return [
            self.tr("extensive 6 cm"),
            self.tr("extensive 8 cm"),
            self.tr("extensive 10 cm"),
            self.tr("extensive 15 cm"),
            self.tr("simple intensive 20 cm"),
            self.tr("intensive 30 cm"),
            self.tr("intensive 50 cm"),
        ]

    def shortHelpString(self):  # noqa: N802
        co = D.COEFFICIENTS
        coeff_rows = "".join(
            f"<tr><td>{k}</td><td>{v:g}</td><td>{D.COEFFICIENT_SOURCES.get(k.split('_')[0] if k.startswith('retention') else k, '')}</td></tr>"  # noqa: E501
            for k, v in co.items()
        )
        return self.tr(
            "<p>Which roofs can be greened, how well, and what it brings — per roof face and per "
            "building, like the green-roof cadastres of Münster, NRW (LANUV) and the Ruhr region.</p>"
            "<p><b>Method.</b> Footprints are repaired (invalid, multipart) and reprojected to the "
            "DSM. Inside each footprint the roof is split into planar faces by region growing on "
            "local planes (or the LoD2 faces are used), and <b>a plane is fitted to each face</b> "
            "(least squares, refitted without outliers): with 10 cm DSM noise a per-cell slope of a "
            "flat roof averages 3° (6° at 0.5 m cells) and would cross the 5° line, a plane fit is "
            "accurate to a few tenths of a degree. Cells more than SUPERSTRUCTURE_M (0.3 m) off the "
            "plane are superstructures (occupied). Faces under MIN_FACE_AREA (10 m²) or without a "
            "MIN_WIDTH × MIN_WIDTH (2 m) square are dropped; usable area = free area wider than 2 m × "
            "NET_FACTOR (0.85). With a DTM or nDSM, cells lower than 2 m above ground are not roof.</p>"
            "<p><b>Classes</b> (Münster, CLASS_BREAKS_DEG 5,15,30,45): 1 very good 0–5° (extensive "
            "and intensive), 2 good 5–15°, 3 suitable with shear protection 15–30°, 4 less suitable "
            "30–45°, 5 unsuitable &gt; 45°. Intensive build-ups (≥ 20 cm) only on class 1 faces; "
            "steeper faces get extensive 10 cm.</p>"
            "<p><b>Effects</b> (methods A7) for the chosen build-up, A = net green area (plan), "
            "P = annual precipitation: retention V = A·P·ret (FLL: 6 cm 0.45, 8–10 cm 0.50, 15 cm "
            "0.55, 20 cm 0.60, 30–50 cm 0.70); saved sewer volume A·P·(ψ_hard − (1 − ret)), "
            "ψ_hard 0.9 (DWA-M 153); peak reduction (C_hard − C_s)·r(5,5)·A/10000 l/s with DIN "
            "1986-100 C_s (extensive ≥ 10 cm 0.4, &lt; 10 cm 0.5, slope &gt; 5 % 0.7, intensive "
            "0.2; hard 1.0); evaporative cooling V·680 kWh/m³ (upper bound); CO₂ 0.59 kg/(m²·a) "
            "(Köhler 2012 via Münster) and fine dust 9.8 g/(m²·a) (Münster) — estimates; split-fee "
            "saving A·fee·reduction (e.g. Hamburg 0.86 €/m², 50 %; enter your statute's values).</p>"
            "<p><b>Enter your local values:</b> PRECIPITATION_MM (DWD normal 1991–2020; default: "
            "Hamburg 773 mm) and DESIGN_RAIN_LS_HA (r(5,5) from KOSTRA-DWD-2020; default 300 "
            "l/(s·ha)).</p>"
            "<p><b>Coefficients table</b> (optional, e.g. a CSV with columns key, value) overrides "
            "any of these defaults:</p><table><tr><th>key</th><th>default</th><th>source</th></tr>"
            "{rows}</table>"
            "<p><b>Flags:</b> monument and PV (intersecting polygons; PV is a flag, green roof and "
            "PV combine), existing green roof (NDVI &gt; 0.18 on ≥ 10 m²), stale DSM (nDSM median "
            "&lt; 2 m, or the footprint edge shows no height step to the ground on more than 52 % "
            "of the transects: building newer than the flight), partial DSM coverage.</p>"
            "<p><b>Structural capacity is never known: 'Statik ist individuell zu prüfen'.</b> "
            "Outputs: FACES, ROOFS (per building) and an HTML SUMMARY with charts.</p>"
        ).format(rows=coeff_rows)

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "BUILDINGS", self.tr("Building footprints"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "ID_FIELD",
                self.tr("Building id field (else the feature id)"),
                parentLayerParameterName="BUILDINGS",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "DSM", self.tr("Digital surface model (DOM), projected CRS in metres")
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "DTM", self.tr("Digital terrain model (DGM) for nDSM checks"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "NDSM", self.tr("Normalised DSM (height above ground)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "ROOF_FACES",
                self.tr("LoD2 roof faces (used instead of segmentation)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "ROOF_FORM_FIELD",
                self.tr("Roof form field of the LoD2 faces (Dachform)"),
                defaultValue="Dachform",
                parentLayerParameterName="ROOF_FACES",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "ROOF_SLOPE_FIELD",
                self.tr("Roof slope field of the LoD2 faces [°] (where the DSM has no data)"),
                parentLayerParameterName="ROOF_FACES",
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "MONUMENTS",
                self.tr("Listed monuments (Denkmäler)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "PV", self.tr("PV installations"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "NDVI", self.tr("NDVI raster (CIR orthophoto) for existing green roofs"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "DISTRICTS",
                self.tr("Districts for the summary"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "DISTRICT_FIELD",
                self.tr("District name field"),
                parentLayerParameterName="DISTRICTS",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "BUILDUP",
                self.tr("Build-up"),
                self.buildup_labels(),
                defaultValue=[b[0] for b in D.BUILDUPS].index(D.DEFAULT_BUILDUP),
            )
        )
        for key, label, val, lo, hi in (
            (
                "PRECIPITATION_MM",
                self.tr("Annual precipitation [mm] (your DWD normal)"),
                D.PRECIPITATION_MM,
                1,
                5000,
            ),
            (
                "DESIGN_RAIN_LS_HA",
                self.tr("Design rain r(5,5) [l/(s·ha)] (KOSTRA-DWD-2020)"),
                D.DESIGN_RAIN_LS_HA,
                1,
                2000,
            ),
            ("FEE_EUR_M2", self.tr("Rainwater fee [€/(m²·a)] (0: no fee output)"), D.FEE_EUR_M2, 0, 100),
            ("FEE_REDUCTION", self.tr("Fee reduction for green roofs (0–1)"), D.FEE_REDUCTION, 0, 1),
            ("MIN_FACE_AREA", self.tr("Minimum roof face [m²]"), D.MIN_FACE_AREA_M2, 0.5, 10000),
            ("MIN_WIDTH", self.tr("Minimum width [m]"), D.MIN_WIDTH_M, 0, 100),
            ("NET_FACTOR", self.tr("Net vegetation factor"), D.NET_FACTOR, 0.01, 1),
            (
                "SUPERSTRUCTURE_M",
                self.tr("Superstructure above the roof plane from [m]"),
                D.SUPERSTRUCTURE_M,
                0.05,
                10,
            ),
        ):
            self.addParameter(
                QgsProcessingParameterNumber(
                    key, label, QgsProcessingParameterNumber.Type.Double, val, minValue=lo, maxValue=hi
                )
            )
        self.addParameter(
            QgsProcessingParameterString("CLASS_BREAKS_DEG", self.tr("Class limits [°]"), D.CLASS_BREAKS_DEG)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "COEFFICIENTS",
                self.tr("Coefficients table (key, value) overriding the defaults"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "FACES", self.tr("Roof faces"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "ROOFS",
                self.tr("Green-roof potential per building"),
                QgsProcessing.SourceType.TypeVectorPolygon,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "SUMMARY", self.tr("Summary"), self.tr("HTML files (*.html)"), optional=True
            )
        )
        for key, label in (
            ("BUILDINGS_ANALYSED", self.tr("Buildings analysed")),
            ("GREEN_AREA_M2", self.tr("Green-roof potential [m²]")),
            ("RETENTION_M3_A", self.tr("Retention [m³/a]")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    # ------------------------------------------------------------------ inputs
    def read_coefficients(self, parameters, context):
        src = self.parameterAsSource(parameters, "COEFFICIENTS", context)
        if src is None:
            return core.coefficients()
        names = {f.name().lower(): f.name() for f in src.fields()}
        kf = next((names[n] for n in ("key", "name", "parameter", "schluessel") if n in names), None)
        vf = next((names[n] for n in ("value", "wert") if n in names), None)
        if kf is None or vf is None:
            self.fail(
                self.tr("The coefficients table needs the columns 'key' and 'value' (found: {f}).").format(
                    f=", ".join(names.values())
                )
            )
        table = {}
        for f in src.getFeatures():
            k = str(f[kf]).strip()
            if not k or k == "NULL":
                continue
            try:
                table[k] = float(str(f[vf]).replace(",", "."))
            except ValueError:
                self.fail(self.tr("Coefficient '{k}': '{v}' is not a number.").format(k=k, v=f[vf]))
        try:
            return core.coefficients(table)
        except KeyError as exc:
            self.fail(
                self.tr("Unknown coefficient '{k}'. Known keys: {keys}").format(
                    k=exc.args[0], keys=", ".join(D.COEFFICIENTS)
                )
            )

    def read_buildings(self, parameters, context, crs, feedback):
        source = self.parameterAsSource(parameters, "BUILDINGS", context)
        if source is None:
            self.fail(self.tr("No building footprints were given."))
        id_field = self.parameterAsString(parameters, "ID_FIELD", context)
        out = []
        for f, g in self.features_in(source, crs, context, feedback):
            repaired = False
            if not g.isGeosValid():
                g = polygon_parts(g.makeValid())
                repaired = True
            if g is None or g.isEmpty() or g.area() <= 0:
                continue
            bid = f[id_field] if id_field else f.id()
            out.append({"id": str(bid), "geom": g, "repaired": repaired, "area": g.area()})
        if not out:
            self.fail(
                self.tr(
                    "The building layer has no usable footprints (it is empty or all "
                    "geometries are empty). Check the layer and its selection."
                )
            )
        return out

    def polygons_index(self, parameters, name, context, crs, feedback, attr=None):
        """(spatial index, {fid: (geometry, attribute)}) of an optional polygon layer."""
        src = self.parameterAsSource(parameters, name, context)
        if src is None:
            return None, {}
        field = self.parameterAsString(parameters, attr, context) if attr else None
        idx, geoms = QgsSpatialIndex(), {}
        for f, g in self.features_in(src, crs, context, feedback):
            if not g.isGeosValid():
                g = polygon_parts(g.makeValid()) or g
            nf = QgsFeature(f.id())
            nf.setGeometry(g)
            idx.addFeature(nf)
            geoms[f.id()] = (g, f[field] if field else f.id())
        return idx, geoms

    @staticmethod
    def overlaps(idx, geoms, g):
        """Attribute of the first polygon that overlaps ``g`` (touching is not enough), or None."""
        if idx is None:
            return None
        for fid in idx.intersects(g.boundingBox()):
            other, val = geoms[fid]
            if g.intersects(other) and not g.touches(other):
                return val if val is not None else True
        return None

    def raster_path(self, parameters, name, context):
        lyr = self.parameterAsRasterLayer(parameters, name, context)
        if lyr is None:
            return None
        if lyr.providerType() != "gdal":
            self.fail(self.tr("The raster '{n}' must be a file-based raster (GDAL).").format(n=lyr.name()))
        return lyr.source()

    # ------------------------------------------------------------------ run
    def _run(self, parameters, context, feedback):
        dsm_path = self.raster_path(parameters, "DSM", context)
        if dsm_path is None:
            self.fail(self.tr("No DSM was given."))
        try:
            ds = open_raster(dsm_path)
            grid = grid_of(ds)
            check_projected(grid.wkt)
        except InputError as exc:
            raise self.input_error(exc) from exc
        dsm_layer = self.parameterAsRasterLayer(parameters, "DSM", context)
        crs = dsm_layer.crs()
        gt = grid.geotransform
        self._extent_geom = QgsGeometry.fromRect(
            QgsRectangle(gt[0], gt[3] + grid.nrows * gt[5], gt[0] + grid.ncols * gt[1], gt[3])
        )
        if gt[2] != 0 or gt[4] != 0:
            raise self.input_error(InputError("rotated"))
        cell = abs(gt[1])
        if abs(abs(gt[5]) - cell) > 1e-6 * cell:
            self.fail(
                self.tr("The DSM cells must be square ({dx:g} × {dy:g} m): resample it first.").format(
                    dx=cell, dy=abs(gt[5])
                )
            )
        try:
            params = core.RoofParams(
                breaks=core.parse_breaks(self.parameterAsString(parameters, "CLASS_BREAKS_DEG", context)),
                min_face_area_m2=self.parameterAsDouble(parameters, "MIN_FACE_AREA", context),
                min_width_m=self.parameterAsDouble(parameters, "MIN_WIDTH", context),
                net_factor=self.parameterAsDouble(parameters, "NET_FACTOR", context),
                superstructure_m=self.parameterAsDouble(parameters, "SUPERSTRUCTURE_M", context),
            )
        except ValueError:
            self.fail(self.tr("Class limits must be four ascending angles in degrees, e.g. '5,15,30,45'."))
        co = self.read_coefficients(parameters, context)
        buildup = D.BUILDUPS[self.parameterAsEnum(parameters, "BUILDUP", context)][0]
        precip = self.parameterAsDouble(parameters, "PRECIPITATION_MM", context)
        rain = self.parameterAsDouble(parameters, "DESIGN_RAIN_LS_HA", context)
        fee = self.parameterAsDouble(parameters, "FEE_EUR_M2", context)
        reduction = self.parameterAsDouble(parameters, "FEE_REDUCTION", context)
        dtm_path = self.raster_path(parameters, "DTM", context)
        ndsm_path = self.raster_path(parameters, "NDSM", context)
        ndvi_path = self.raster_path(parameters, "NDVI", context)

        buildings = self.read_buildings(parameters, context, crs, feedback)
        feedback.pushInfo(
            self.tr("{n} footprints, DSM {c} × {r} cells of {d:g} m").format(
                n=len(buildings), c=grid.ncols, r=grid.nrows, d=cell
            )
        )
        if not has_numba():
            feedback.pushInfo(
                self.tr(
                    "Tip: with numba installed the roof segmentation runs about "
                    "3 times faster (same results)."
                )
            )
        mon_idx, mon = self.polygons_index(parameters, "MONUMENTS", context, crs, feedback)
        pv_idx, pv = self.polygons_index(parameters, "PV", context, crs, feedback)
        dist_idx, dists = self.polygons_index(
            parameters, "DISTRICTS", context, crs, feedback, "DISTRICT_FIELD"
        )
        faces_src = self.parameterAsSource(parameters, "ROOF_FACES", context)
        lod2 = self.read_lod2(parameters, context, crs, feedback) if faces_src is not None else None

        face_fields = self.fields_of(FACE_FIELDS)
        roof_fields = self.fields_of(ROOF_FIELDS)
        face_sink, faces_id = self.parameterAsSink(
            parameters, "FACES", context, face_fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        roof_sink, roofs_id = self.parameterAsSink(
            parameters, "ROOFS", context, roof_fields, QgsWkbTypes.Type.MultiPolygon, crs
        )

        # group footprints into tiles of the DSM grid; footprints outside it get no faces
        tiles = defaultdict(list)
        outside = []
        for i, b in enumerate(buildings):
            bb = b["geom"].boundingBox()
            c0, c1 = (bb.xMinimum() - gt[0]) / gt[1], (bb.xMaximum() - gt[0]) / gt[1]
            r0, r1 = (bb.yMaximum() - gt[3]) / gt[5], (bb.yMinimum() - gt[3]) / gt[5]
            b["cells"] = (r0, r1, c0, c1)
            if c1 <= 0 or r1 <= 0 or c0 >= grid.ncols or r0 >= grid.nrows:
                outside.append(i)
                continue
            tiles[(int((r0 + r1) / 2 // TILE_CELLS), int((c0 + c1) / 2 // TILE_CELLS))].append(i)
        margin = int(math.ceil(3.0 / cell)) + 2
        face_no = 0
        records = []
        done = 0
        total = max(1, len(buildings))
        for key in sorted(tiles):
            self.check(feedback)
            members = tiles[key]
            r0 = max(0, int(math.floor(min(buildings[i]["cells"][0] for i in members))) - margin)
            r1 = min(grid.nrows, int(math.ceil(max(buildings[i]["cells"][1] for i in members))) + margin)
            c0 = max(0, int(math.floor(min(buildings[i]["cells"][2] for i in members))) - margin)
            c1 = min(grid.ncols, int(math.ceil(max(buildings[i]["cells"][3] for i in members))) + margin)
            wg = window_grid(grid, r0, c0, r1 - r0, c1 - c0)
            z = read_window(ds, r0, c0, r1 - r0, c1 - c0)
            ids = rasterize(wg, [bytes(buildings[i]["geom"].asWkb()) for i in members])
            ndsm = None
            if ndsm_path:
                ndsm = resample_to_grid(ndsm_path, wg).astype(np.float64)
            elif dtm_path:
                ndsm = z - resample_to_grid(dtm_path, wg)
            ndvi = resample_to_grid(ndvi_path, wg) if ndvi_path else None
            face_ids = face_building = fallback = lod2_members = None
            if lod2 is not None:
                face_ids, face_building, fallback, lod2_members = self.lod2_in_window(
                    lod2, wg, members, buildings
                )
            try:
                labels, faces, binfo = core.analyse_tile(
                    z,
                    ids,
                    cell,
                    params,
                    ndsm=ndsm,
                    ndvi=ndvi,
                    face_ids=face_ids,
                    face_building=face_building,
                    fallback_slopes=fallback,
                    face_offset=face_no,
                    cancelled=feedback.isCanceled,
                )
            except InterruptedError:
                self.check(feedback)
                raise
            face_no += len(faces)
            polys = polygonize(labels, wg, [f["face"] for f in faces]) if lod2 is None else {}
            by_building = defaultdict(list)
            for f in faces:
                by_building[f["building"]].append(f)
            for li, bi in enumerate(members):
                b = buildings[bi]
                bfaces = []
                for f in by_building.get(li, []):
                    if lod2 is None:
                        g = QgsGeometry()
                        g.fromWkb(polys[f["face"]])
                        g = polygon_parts(g.intersection(b["geom"]))
                        src, form = "dsm", None
                    else:
                        lf = lod2["faces"][lod2_members[f["lod2_face"]]]
                        g, src, form = lf["geom"], "lod2", lf["form"]
                    if g is None or g.isEmpty():
                        continue
                    area = g.area()
                    scale = area / f["area_m2"] if f["area_m2"] > 0 else 1.0
                    f.update(
                        area_m2=area,
                        usable_m2=f["usable_m2"] * scale,
                        occupied_m2=f["occupied_m2"] * scale,
                        surface_m2=area / math.cos(math.radians(f["slope_deg"])),
                    )
                    eff = core.face_effects(
                        f["usable_m2"], f["slope_pct"], f["class"], buildup, co, precip, rain, fee, reduction
                    )
                    f.update(eff)
                    bfaces.append(f)
                    feat = QgsFeature(face_fields)
                    feat.setGeometry(g)
                    cls = f["class"]
                    feat.setAttributes(
                        [
                            f["face"],
                            b["id"],
                            src,
                            form,
                            round(f["slope_deg"], 2),
                            round(f["slope_pct"], 2),
                            None if f["aspect_deg"] < 0 else round(f["aspect_deg"], 1),
                            None if not np.isfinite(f["rmse_m"]) else round(f["rmse_m"], 3),
                            cls,
                            self.class_name(cls),
                            area,
                            f["surface_m2"],
                            f["occupied_m2"],
                            f["usable_m2"],
                            bool(f["slope_deg"] > D.SHEAR_PROTECTION_DEG),
                            eff["buildup"],
                            eff["retention_m3_a"],
                            eff["peak_reduction_ls"],
                        ]
                    )
                    face_sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
                records.append(
                    self.write_roof(
                        roof_sink,
                        roof_fields,
                        b,
                        bfaces,
                        binfo.get(li),
                        cell,
                        (mon_idx, mon),
                        (pv_idx, pv),
                        (dist_idx, dists),
                        fee,
                    )
                )
            done += len(members)
            feedback.setProgress(95.0 * done / total)
        for i in outside:
            records.append(
                self.write_roof(
                    roof_sink,
                    roof_fields,
                    buildings[i],
                    [],
                    None,
                    cell,
                    (mon_idx, mon),
                    (pv_idx, pv),
                    (dist_idx, dists),
                    fee,
                )
            )
        results = {
            "FACES": faces_id,
            "ROOFS": roofs_id,
            "BUILDINGS_ANALYSED": len(records),
            "GREEN_AREA_M2": float(sum(r["green_area_m2"] for r in records)),
            "RETENTION_M3_A": float(sum(r["retention_m3_a"] for r in records)),
        }
        self.style_output(context, faces_id, "greenroof_faces", self.tr("Roof faces"))
        self.style_output(context, roofs_id, "greenroof_buildings", self.tr("Green-roof potential"))
        self._styled = [(faces_id, "greenroof_faces"), (roofs_id, "greenroof_buildings")]
        meta = {
            "DESCRIPTION": D.STATIC_DISCLAIMER_DE + " / " + D.STATIC_DISCLAIMER_EN,
            "SMARTPLAN_DISCLAIMER_DE": D.STATIC_DISCLAIMER_DE,
            "SMARTPLAN_DISCLAIMER_EN": D.STATIC_DISCLAIMER_EN,
            "SMARTPLAN_ALGORITHM": "smartplan:greenroofs",
            "SMARTPLAN_PARAMETERS": self.params_text(parameters, context),
        }
        self.record(roofs_id, meta)  # disclaimer and parameters in the GeoPackage layers' metadata
        self.record(faces_id, meta)
        html_path = self.parameterAsFileOutput(parameters, "SUMMARY", context)
        if html_path:
            with open(html_path, "w", encoding="utf-8") as fh:
                fh.write(
                    self.summary_html(
                        records, parameters, buildup, co, precip, rain, fee, reduction, dist_idx is not None
                    )
                )
            results["SUMMARY"] = html_path
        feedback.pushInfo(
            self.tr(
                "{n} buildings, {a:,.0f} m² green-roof potential, {r:,.0f} m³/a retention. "
                "Structural capacity must be checked for each roof."
            ).format(n=len(records), a=results["GREEN_AREA_M2"], r=results["RETENTION_M3_A"])
        )
        feedback.setProgress(100)
        return results

    def class_name(self, cls):
        names = {
            1: self.tr("very good"),
            2: self.tr("good"),
            3: self.tr("suitable (shear protection)"),
            4: self.tr("less suitable"),
            5: self.tr("unsuitable"),
            0: self.tr("no roof face"),
        }
        return names.get(int(cls), "")

    def write_roof(self, sink, fields, b, faces, info, cell, mon, pv, dists, fee):
        s = core.building_summary(faces)
        info = info or {"cells": 0, "dsm_cells": 0, "stale": None}
        # share of the footprint with DSM data: inside the raster (geometric) × cells with data
        inside = b["geom"].intersection(self._extent_geom).area() / b["area"] if b["area"] > 0 else 0.0
        with_data = info["dsm_cells"] / info["cells"] if info.get("cells") else 0.0
        coverage = min(1.0, inside * with_data)
        green = info.get("green_m2")
        notes = []
        if coverage == 0:
            notes.append(self.tr("no DSM data"))
        elif coverage < 0.9:
            notes.append(self.tr("footprint partly outside the DSM or on NoData"))
        if info.get("stale"):
            notes.append(self.tr("DSM shows no building (newer than the flight?)"))
        if not faces and coverage > 0:
            notes.append(self.tr("no roof face of the minimum size"))
        district = self.overlaps(dists[0], dists[1], b["geom"].pointOnSurface()) if dists[0] else None
        f = QgsFeature(fields)
        f.setGeometry(b["geom"])
        rec = {
            "id": b["id"],
            "district": None if district is None else str(district),
            "faces": len(faces),
            **s,
        }
        f.setAttributes(
            [
                b["id"],
                b["area"],
                len(faces),
                s["area_c1_m2"],
                s["area_c2_m2"],
                s["area_c3_m2"],
                s["area_c4_m2"],
                s["green_area_m2"],
                s["dominant_class"],
                self.class_name(s["dominant_class"]),
                s["intensive_m2"],
                next((x["buildup"] for x in faces if x.get("buildup")), None),
                s["retention_m3_a"],
                s["sewer_saved_m3_a"],
                s["peak_reduction_ls"],
                s["cooling_kwh_a"],
                s["co2_kg_a"],
                s["dust_g_a"],
                s["fee_saving_eur_a"] if fee > 0 else None,
                s["weight_min_kg_m2"],
                s["weight_max_kg_m2"],
                self.overlaps(*mon, b["geom"]) is not None,
                self.overlaps(*pv, b["geom"]) is not None,
                None if green is None else bool(green >= D.EXISTING_GREEN_MIN_M2),
                info.get("stale"),
                round(coverage, 3),
                coverage < 0.9,
                b["repaired"],
                rec["district"],
                "; ".join(notes) or None,
            ]
        )
        sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        rec.update(
            monument=bool(f["monument"]),
            pv=bool(f["pv_present"]),
            stale=bool(info.get("stale")),
            partial=coverage < 0.9,
        )
        return rec

    # ------------------------------------------------------------------ LoD2
    def read_lod2(self, parameters, context, crs, feedback):
        src = self.parameterAsSource(parameters, "ROOF_FACES", context)
        form_f = self.parameterAsString(parameters, "ROOF_FORM_FIELD", context)
        slope_f = self.parameterAsString(parameters, "ROOF_SLOPE_FIELD", context)
        names = [f.name() for f in src.fields()]
        form_f = form_f if form_f in names else None
        faces, idx = [], QgsSpatialIndex()
        for f, g in self.features_in(src, crs, context, feedback):
            if not g.isGeosValid():
                g = polygon_parts(g.makeValid()) or g
            form = f[form_f] if form_f else None
            try:
                form = int(form) if form is not None and str(form) != "NULL" else None
            except (TypeError, ValueError):
                form = None
            slope = None
            if slope_f:
                try:
                    slope = float(f[slope_f])
                except (TypeError, ValueError):
                    slope = None
            if slope is None and form == 1000:  # Flachdach
                slope = 0.0
            nf = QgsFeature(len(faces))
            nf.setGeometry(g)
            idx.addFeature(nf)
            faces.append({"geom": g, "form": form, "slope": slope, "point": g.pointOnSurface()})
        return {"faces": faces, "index": idx}

    def lod2_in_window(self, lod2, wg, members, buildings):
        gt = wg.geotransform
        rect = QgsRectangle(gt[0], gt[3] + wg.nrows * gt[5], gt[0] + wg.ncols * gt[1], gt[3])
        chosen, owner = [], []
        member_idx = QgsSpatialIndex()
        for li, bi in enumerate(members):
            nf = QgsFeature(li)
            nf.setGeometry(buildings[bi]["geom"])
            member_idx.addFeature(nf)
        for j in lod2["index"].intersects(rect):
            p = lod2["faces"][j]["point"]
            for li in member_idx.intersects(p.boundingBox()):
                if buildings[members[li]]["geom"].intersects(p):
                    chosen.append(j)
                    owner.append(li)
                    break
        face_ids = (
            rasterize(wg, [bytes(lod2["faces"][j]["geom"].asWkb()) for j in chosen])
            if chosen
            else np.zeros((wg.nrows, wg.ncols), np.int32)
        )
        fallback = [lod2["faces"][j]["slope"] for j in chosen]
        return face_ids, np.asarray(owner, dtype=np.int64), fallback, chosen

    # ------------------------------------------------------------------ report
    def summary_html(self, records, parameters, buildup, co, precip, rain, fee, reduction, with_districts):
        n = len(records)
        pot = [r for r in records if r["green_area_m2"] > 0]
        tot = {k: sum(r[k] for r in records) for k in core.EFFECT_KEYS}
        per_class = [sum(r[f"area_c{c}_m2"] for r in records) for c in range(1, 5)]
        labels = [f"{c} {self.class_name(c)}" for c in range(1, 5)]
        colours = [D.CLASS_COLOURS[c] for c in range(1, 5)]
        chart1 = report.img(
            report.bar_chart_png(labels, per_class, colours, "m²", self.tr("Net green-roof area per class")),
            "area per class",
        )
        parts = []
        totals = [
            (self.tr("Buildings analysed"), f"{n:,}"),
            (self.tr("Buildings with green-roof potential"), f"{len(pot):,}"),
            (self.tr("Net green-roof area"), f"{tot['green_area_m2']:,.0f} m²"),
            (self.tr("Retention"), f"{tot['retention_m3_a']:,.0f} m³/a"),
            (self.tr("Less water to the sewer"), f"{tot['sewer_saved_m3_a']:,.0f} m³/a"),
            (self.tr("Peak runoff reduction at r(5,5)"), f"{tot['peak_reduction_ls']:,.0f} l/s"),
            (self.tr("Evaporative cooling (upper bound)"), f"{tot['cooling_kwh_a'] / 1000:,.0f} MWh/a"),
            (self.tr("CO₂ binding (estimate)"), f"{tot['co2_kg_a'] / 1000:,.1f} t/a"),
            (self.tr("Fine dust binding (estimate)"), f"{tot['dust_g_a'] / 1000:,.1f} kg/a"),
        ]
        if fee > 0:
            totals.append((self.tr("Rainwater fee savings"), f"{tot['fee_saving_eur_a']:,.0f} €/a"))
        flags = [
            (self.tr("Listed monuments"), sum(r["monument"] for r in records)),
            (self.tr("PV present"), sum(r["pv"] for r in records)),
            (self.tr("Stale DSM (no building visible)"), sum(r["stale"] for r in records)),
            (self.tr("Partly outside the DSM / NoData"), sum(r["partial"] for r in records)),
        ]
        parts.append((self.tr("Totals"), report.table([self.tr("figure"), self.tr("value")], totals)))
        parts.append(
            (
                self.tr("Net area per class"),
                chart1
                + report.table(
                    [self.tr("class"), "m²"], [(lab, f"{v:,.0f}") for lab, v in zip(labels, per_class)]
                ),
            )
        )
        if with_districts:
            groups = defaultdict(list)
            for r in records:
                groups[r["district"] or self.tr("(outside the districts)")].append(r)
            names = sorted(groups)
            ret = [sum(r["retention_m3_a"] for r in groups[k]) for k in names]
            chart2 = report.img(
                report.bar_chart_png(names, ret, None, "m³/a", self.tr("Retention per district")),
                "retention per district",
            )
            rows = [
                (
                    k,
                    len(groups[k]),
                    f"{sum(r['green_area_m2'] for r in groups[k]):,.0f}",
                    *[f"{sum(r[f'area_c{c}_m2'] for r in groups[k]):,.0f}" for c in range(1, 5)],
                    f"{v:,.0f}",
                )
                for k, v in zip(names, ret)
            ]
            parts.append(
                (
                    self.tr("Districts"),
                    chart2
                    + report.table(
                        [
                            self.tr("district"),
                            self.tr("buildings"),
                            self.tr("green m²"),
                            "c1 m²",
                            "c2 m²",
                            "c3 m²",
                            "c4 m²",
                            self.tr("retention m³/a"),
                        ],
                        rows,
                    ),
                )
            )
        else:
            ret = [sum(r["retention_m3_a"] for r in records if r["dominant_class"] == c) for c in range(1, 5)]
            parts.append(
                (
                    self.tr("Retention by dominant class"),
                    report.img(
                        report.bar_chart_png(
                            labels, ret, colours, "m³/a", self.tr("Retention by dominant class")
                        ),
                        "retention",
                    ),
                )
            )
        top = sorted(records, key=lambda r: -r["green_area_m2"])[:20]
        parts.append(
            (
                self.tr("Buildings with the largest potential"),
                report.table(
                    [
                        self.tr("building"),
                        self.tr("green m²"),
                        self.tr("class"),
                        self.tr("retention m³/a"),
                        self.tr("district"),
                    ],
                    [
                        (
                            r["id"],
                            f"{r['green_area_m2']:,.0f}",
                            r["dominant_class"],
                            f"{r['retention_m3_a']:,.1f}",
                            r["district"] or "",
                        )
                        for r in top
                    ],
                ),
            )
        )
        parts.append((self.tr("Flags"), report.table([self.tr("flag"), self.tr("buildings")], flags)))
        used = [
            (self.tr("build-up"), buildup),
            (self.tr("annual precipitation"), f"{precip:g} mm"),
            (self.tr("design rain r(5,5)"), f"{rain:g} l/(s·ha)"),
            (self.tr("fee / reduction"), f"{fee:g} €/(m²·a) / {reduction:g}"),
        ]
        used += [(k, f"{v:g}") for k, v in co.items()]
        used += [(k, str(v)) for k, v in sorted(parameters.items()) if isinstance(v, (int, float, str))]
        parts.append(
            (self.tr("Parameters used"), report.table([self.tr("parameter"), self.tr("value")], used))
        )
        return report.page(
            self.tr("Green-roof potential"), parts, D.STATIC_DISCLAIMER_DE + " " + D.STATIC_DISCLAIMER_EN
        )
