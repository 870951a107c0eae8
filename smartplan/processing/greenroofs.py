"""smartplan:greenroofs — Gründachpotenzial / Green-roof potential per building and roof face.

The analysis is ``analysis.greenroofs`` (and ``analysis.greenroofs_report`` for the summary page):
this wrapper reads the parameters and the input features, runs it and writes its rows."""

from qgis.core import (
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
    QgsWkbTypes,
)

from ..analysis import greenroofs as analysis
from ..analysis.greenroofs_report import GreenRoofReport
from ..core import greenroof_defaults as D
from ..core import roofs as core
from ..core.accel import has_numba
from ..i18n import Translatable, number
from ..io.features_qgis import shapely_of
from ..io.raster import InputError
from .base import SmartPlanAlgorithm


class GreenRoofTextsTr(Translatable, GreenRoofReport):
    """The analysis' class names, notes and summary page in the user's language (contexts
    GreenRoofReport and GreenRoofTexts)."""


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
            "building, like the green-roof cadastres of Münster, NRW (LANUV) and the Ruhr "
            "region.</p><p><b>Method.</b> Footprints are repaired (invalid, multipart) and reprojected "
            "to the DSM. Inside each footprint the roof is split into planar faces by region growing on "
            "local planes (or the LoD2 faces are used), and <b>a plane is fitted to each face</b> (least "
            "squares, refitted without outliers): with 10 cm DSM noise a per-cell slope of a flat roof "
            "averages 3° (6° at 0.5 m cells) and would cross the {b1}° line, a plane fit is accurate to "
            "a few tenths of a degree. Cells more than SUPERSTRUCTURE_M ({superstructure} m) off the "
            "plane are superstructures (occupied). Faces under MIN_FACE_AREA ({min_face} m²) or without "
            "a MIN_WIDTH × MIN_WIDTH ({min_width} m) square are dropped; usable area = free area wider "
            "than {min_width} m × NET_FACTOR ({net_factor}). With a DTM or nDSM, cells lower than "
            "{min_height} m above ground are not roof.</p><p><b>Classes</b> (Münster, CLASS_BREAKS_DEG "
            "{class_breaks}): 1 very good 0–{b1}° (extensive and intensive), 2 good {b1}–{b2}°, 3 "
            "suitable with shear protection {b2}–{b3}°, 4 less suitable {b3}–{b4}°, 5 unsuitable &gt; "
            "{b4}°. Intensive build-ups (≥ {intensive_cm} cm) only on class 1 faces; steeper faces get "
            "extensive {default_cm} cm.</p><p><b>Effects</b> (methods A7) for the chosen build-up, A = "
            "net green area (plan), P = annual precipitation: retention V = A·P·ret (FLL: {fll}); saved "
            "sewer volume A·P·(ψ_hard − (1 − ret)), ψ_hard {psi_hard} (DWA-M 153); peak reduction "
            "(C_hard − C_s)·r(5,5)·A/10000 l/s with DIN 1986-100 C_s (extensive ≥ 10 cm {cs_thick}, &lt; "
            "10 cm {cs_thin}, slope &gt; 5 % {cs_sloped}, intensive {cs_intensive}; hard {cs_hard}); "
            "evaporative cooling V·{cooling} kWh/m³ (upper bound); CO₂ {co2} kg/(m²·a) (Köhler 2012 via "
            "Münster) and fine dust {dust} g/(m²·a) (Münster) — estimates; split-fee saving "
            "A·fee·reduction (e.g. Hamburg 0.86 €/m², {fee_reduction_pct} %; enter your statute's "
            "values).</p><p><b>Enter your local values:</b> PRECIPITATION_MM (DWD normal 1991–2020; "
            "default: Hamburg {precip} mm) and DESIGN_RAIN_LS_HA (r(5,5) from KOSTRA-DWD-2020; default "
            "{design_rain} l/(s·ha)).</p><p><b>Coefficients table</b> (optional, e.g. a CSV with columns "
            "key, value) overrides any of these "
            "defaults:</p><table><tr><th>key</th><th>default</th><th>source</th></tr>{rows}</table><p><b>"
            "Flags:</b> monument and PV (intersecting polygons; PV is a flag, green roof and PV "
            "combine), existing green roof (NDVI &gt; {ndvi} on ≥ {green_min} m²), stale DSM (nDSM "
            "median &lt; {min_height} m, or the footprint edge shows no height step to the ground on "
            "more than {stale_share} % of the transects: building newer than the flight), partial DSM "
            "coverage.</p><p><b>Structural capacity is never known: 'Statik ist individuell zu "
            "prüfen'.</b> Outputs: FACES, ROOFS (per building) and an HTML SUMMARY with charts.</p>"
        ).format(rows=coeff_rows, **D.help_values(number))

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
        out = analysis.buildings_from(
            (f[id_field] if id_field else f.id(), shapely_of(g))
            for f, g in self.features_in(source, crs, context, feedback)
        )
        if not out:
            self.fail(
                self.tr(
                    "The building layer has no usable footprints (it is empty or all "
                    "geometries are empty). Check the layer and its selection."
                )
            )
        return out

    def read_polygons(self, parameters, name, context, crs, feedback, attr=None):
        """``analysis.greenroofs.Polygons`` of an optional polygon layer (values: the field
        ``attr``, else the feature ids), or None."""
        src = self.parameterAsSource(parameters, name, context)
        if src is None:
            return None
        field = self.parameterAsString(parameters, attr, context) if attr else None
        return analysis.Polygons(
            (shapely_of(g), f[field] if field else f.id())
            for f, g in self.features_in(src, crs, context, feedback)
        )

    def read_lod2(self, parameters, context, crs, feedback):
        src = self.parameterAsSource(parameters, "ROOF_FACES", context)
        if src is None:
            return None
        form_f = self.parameterAsString(parameters, "ROOF_FORM_FIELD", context)
        slope_f = self.parameterAsString(parameters, "ROOF_SLOPE_FIELD", context)
        names = [f.name() for f in src.fields()]
        form_f = form_f if form_f in names else None
        return analysis.lod2_faces(
            (shapely_of(g), f[form_f] if form_f else None, f[slope_f] if slope_f else None)
            for f, g in self.features_in(src, crs, context, feedback)
        )

    def raster_path(self, parameters, name, context):
        lyr = self.parameterAsRasterLayer(parameters, name, context)
        if lyr is None:
            return None
        if lyr.providerType() != "gdal":
            self.fail(self.tr("The raster '{n}' must be a file-based raster (GDAL).").format(n=lyr.name()))
        return lyr.source()

    def read_settings(self, parameters, context):
        """``analysis.greenroofs.GreenRoofSettings`` from the parameters."""
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
        return analysis.GreenRoofSettings(
            params=params,
            buildup=D.BUILDUPS[self.parameterAsEnum(parameters, "BUILDUP", context)][0],
            coefficients=self.read_coefficients(parameters, context),
            precipitation_mm=self.parameterAsDouble(parameters, "PRECIPITATION_MM", context),
            design_rain_ls_ha=self.parameterAsDouble(parameters, "DESIGN_RAIN_LS_HA", context),
            fee_eur_m2=self.parameterAsDouble(parameters, "FEE_EUR_M2", context),
            fee_reduction=self.parameterAsDouble(parameters, "FEE_REDUCTION", context),
        )

    # ------------------------------------------------------------------ run
    def _run(self, parameters, context, feedback):
        dsm_path = self.raster_path(parameters, "DSM", context)
        if dsm_path is None:
            self.fail(self.tr("No DSM was given."))
        try:
            dsm = analysis.open_dsm(dsm_path)
        except InputError as exc:
            raise self.input_error(exc) from exc
        except analysis.CellsNotSquare as exc:
            self.fail(
                self.tr("The DSM cells must be square ({dx:g} × {dy:g} m): resample it first.").format(
                    dx=exc.dx, dy=exc.dy
                )
            )
        crs = self.parameterAsRasterLayer(parameters, "DSM", context).crs()
        settings = self.read_settings(parameters, context)
        dtm_path = self.raster_path(parameters, "DTM", context)
        ndsm_path = self.raster_path(parameters, "NDSM", context)
        ndvi_path = self.raster_path(parameters, "NDVI", context)

        buildings = self.read_buildings(parameters, context, crs, feedback)
        feedback.pushInfo(
            self.tr("{n} footprints, DSM {c} × {r} cells of {d:g} m").format(
                n=len(buildings), c=dsm.grid.ncols, r=dsm.grid.nrows, d=dsm.cell
            )
        )
        if not has_numba():
            feedback.pushInfo(
                self.tr(
                    "Tip: with numba installed the roof segmentation runs about "
                    "3 times faster (same results)."
                )
            )
        monuments = self.read_polygons(parameters, "MONUMENTS", context, crs, feedback)
        pv = self.read_polygons(parameters, "PV", context, crs, feedback)
        districts = self.read_polygons(parameters, "DISTRICTS", context, crs, feedback, "DISTRICT_FIELD")
        lod2 = self.read_lod2(parameters, context, crs, feedback)

        fields = {
            analysis.FACES: self.fields_of(analysis.FACE_FIELDS),
            analysis.ROOFS: self.fields_of(analysis.ROOF_FIELDS),
        }
        sinks, ids = {}, {}
        for layer in (analysis.FACES, analysis.ROOFS):
            sinks[layer], ids[layer] = self.parameterAsSink(
                parameters, layer, context, fields[layer], QgsWkbTypes.Type.MultiPolygon, crs
            )
        faces_id, roofs_id = ids[analysis.FACES], ids[analysis.ROOFS]
        texts = GreenRoofTextsTr()
        records = []
        for row in analysis.run(
            dsm,
            buildings,
            settings,
            ndsm=ndsm_path,
            dtm=dtm_path,
            ndvi=ndvi_path,
            lod2=lod2,
            monuments=monuments,
            pv=pv,
            districts=districts,
            texts=texts,
            check=lambda: self.check(feedback),
            progress=feedback.setProgress,
        ):
            self.add_wkb_feature(sinks[row.layer], fields[row.layer], row.wkb, row.attributes)
            if row.record is not None:
                records.append(row.record)
        tot = analysis.totals(records)
        results = {
            "FACES": faces_id,
            "ROOFS": roofs_id,
            "BUILDINGS_ANALYSED": tot["buildings"],
            "GREEN_AREA_M2": tot["green_area_m2"],
            "RETENTION_M3_A": tot["retention_m3_a"],
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
                fh.write(texts.summary_html(records, settings, parameters, districts is not None))
            results["SUMMARY"] = html_path
        feedback.pushInfo(
            self.tr(
                "{n} buildings, {a:,.0f} m² green-roof potential, {r:,.0f} m³/a retention. "
                "Structural capacity must be checked for each roof."
            ).format(n=len(records), a=results["GREEN_AREA_M2"], r=results["RETENTION_M3_A"])
        )
        feedback.setProgress(100)
        return results
