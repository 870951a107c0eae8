"""smartplan:rainscenario — Starkregen-Szenario (Füllen und Überlaufen) / fill-and-spill."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from .. import paths
from ..analysis import scenario as analysis
from ..analysis.scenario_report import ScenarioReport
from ..analysis.tiled import DEFAULT_TILE_SIZE
from ..core import defaults
from ..io.raster import InputError, resample_to_grid, write_geotiff
from .base import SmartPlanAlgorithm
from .tiled_path import CityScaleRain

# peak memory per DEM cell, measured with make bench (with margin): with numba / scipy fallback
BYTES_PER_CELL = (72, 260)


class RainScenarioAlgorithm(CityScaleRain, SmartPlanAlgorithm):
    _name = "rainscenario"
    _icon = "rainscenario"

    def displayName(self):  # noqa: N802
        return self.tr("Heavy-rain scenario (fill and spill)")

    def scenario_labels(self):
        return [
            self.tr("rare (selten): T = 30 a, D = 1 h"),
            self.tr("exceptional (außergewöhnlich): T = 100 a, D = 1 h"),
            self.tr("extreme (extrem): {rain_extrem} mm in 1 h").format(**self.help_values()),
            self.tr("user-defined (benutzerdefiniert)"),
        ]

    def shortHelpString(self):  # noqa: N802
        return (
            self.tr(
                "<p>Fills the sinks of a terrain model with a block rain and lets full sinks spill "
                "into the next sink downstream (Arc-Malstrøm / Bluespot cascade, Balstrøm &amp; "
                "Crawford 2018), upstream first.</p>"
                "<p><b>Rain.</b> Enter the local KOSTRA-DWD-2020 depth for D = 1 h in <i>Rain depth</i> "
                "(NRW Arbeitshilfe: selten T = 30 a, außergewöhnlich T = 100 a; extrem {rain_extrem} "
                "mm/1 h). "
                "Without a value the scenario uses an example: Hamburg {rain_selten} mm (SRI 5), "
                "{rain_aussergewoehnlich} mm (SRI 7), "
                "{rain_extrem} mm (NRW). Effective rain h<sub>eff</sub> = ψ·h<sub>N</sub> − "
                "h<sub>sewer</sub>; ψ = {psi} "
                "is the conservative default, a ψ raster overrides it per cell.</p>"
                "<p><b>Cascade.</b> V<sub>in</sub> = rain on the local catchment + spill of upstream "
                "sinks; stored = min(V<sub>in</sub>, V); spill = V<sub>in</sub> − stored. The water level "
                "follows the sink's hypsometric curve (level pool from the lowest cell). Mass balance: "
                "rain = stored + left the map (both reported).</p>"
                "<p><b>Limits.</b> Final state after the rain, no time dimension, no sewer unless "
                "h<sub>sewer</sub> &gt; 0, D8 single flow direction. A screening, not a 2D simulation.</p>"
            ).format(**self.help_values())
            + self.city_scale_help()
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_terrain_parameters()
        self.addParameter(
            QgsProcessingParameterEnum(
                "SCENARIO",
                self.tr("Scenario"),
                options=self.scenario_labels(),
                defaultValue=defaults.scenario_index(),
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "RAIN_MM",
                self.tr("Rain depth [mm] (local KOSTRA-DWD-2020 value)"),
                QgsProcessingParameterNumber.Type.Double,
                None,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "RUNOFF_COEFF",
                self.tr("Runoff coefficient ψ"),
                QgsProcessingParameterNumber.Type.Double,
                defaults.RUNOFF_COEFF,
                minValue=0.0,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "RUNOFF_RASTER",
                self.tr("Runoff coefficient raster ψ (optional, overrides the constant)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "SEWER_MM",
                self.tr("Sewer capacity deduction [mm]"),
                QgsProcessingParameterNumber.Type.Double,
                defaults.SEWER_MM,
                minValue=0.0,
            )
        )
        self.addParameter(QgsProcessingParameterRasterDestination("WATER_DEPTH", self.tr("Water depth")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "FLOODED", self.tr("Flooded sinks"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "SPILL_NETWORK", self.tr("Spill network"), QgsProcessing.SourceType.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT_HTML", self.tr("Summary"), self.tr("HTML files (*.html)"), optional=True
            )
        )
        for key, label in (
            ("RAIN_M3", self.tr("Effective rain volume [m³]")),
            ("STORED_M3", self.tr("Water stored in sinks [m³]")),
            ("LEFT_MAP_M3", self.tr("Water leaving the map [m³]")),
            ("RAIN_MM_USED", self.tr("Rain depth used [mm]")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))
        self.add_tile_size_parameter()

    def rain_depth(self, parameters, context, feedback):
        scen = self.parameterAsEnum(parameters, "SCENARIO", context)
        rain = parameters.get("RAIN_MM")
        if rain is not None and str(rain) not in ("", "None", "NULL"):
            return self.parameterAsDouble(parameters, "RAIN_MM", context), scen
        default = defaults.SCENARIOS[scen][1]
        if default is None:
            self.fail(self.tr("The user-defined scenario needs a rain depth: enter RAIN_MM in mm."))
        if defaults.SCENARIOS[scen][0] in defaults.EXAMPLE_SCENARIOS:
            feedback.pushWarning(
                self.tr(
                    "No rain depth given: using the example value {v:g} mm (Hamburg). Enter your local "
                    "KOSTRA-DWD-2020 value for D = 1 h."
                ).format(v=default)
            )
        return default, scen

    def _run(self, parameters, context, feedback):
        rain_mm, scen = self.rain_depth(parameters, context, feedback)
        psi = self.parameterAsDouble(parameters, "RUNOFF_COEFF", context)
        psi_layer = self.parameterAsRasterLayer(parameters, "RUNOFF_RASTER", context)
        sewer = self.parameterAsDouble(parameters, "SEWER_MM", context)
        meta = {
            "smartplan_algorithm": "smartplan:rainscenario",
            "rain_mm": rain_mm,
            "smartplan_parameters": self.params_text(parameters, context),
            "smartplan_disclaimer": defaults.DISCLAIMER,
        }
        tile = self.parameterAsInt(parameters, "TILE_SIZE", context)
        if tile > 0 or not self.fits_in_memory(parameters, context, BYTES_PER_CELL):
            sr, outs = self.run_rain_city_scale(
                parameters, context, feedback, tile or DEFAULT_TILE_SIZE, meta, rain_mm, psi, psi_layer, sewer
            )
        else:
            sr, outs = self._run_in_memory(
                parameters, context, feedback, meta, rain_mm, psi, psi_layer, sewer
            )
        return self._finish(parameters, context, feedback, sr, outs, meta, scen, rain_mm)

    def scenario_outputs(self, parameters, context, crs):
        """The FLOODED and SPILL_NETWORK sinks: (add flooded (wkb, attributes), its id, add spill
        path (wkb, attributes), its id) — both paths write them alike."""
        fields = self.fields_of(analysis.FLOODED_FIELDS)
        sink, flooded_id = self.parameterAsSink(
            parameters, "FLOODED", context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        lfields = self.fields_of(analysis.SPILL_FIELDS)
        lsink, spill_id = self.parameterAsSink(
            parameters, "SPILL_NETWORK", context, lfields, QgsWkbTypes.Type.LineString, crs
        )
        return (
            lambda wkb, attrs: self.add_wkb_feature(sink, fields, wkb, attrs),
            flooded_id,
            lambda wkb, attrs: self.add_wkb_feature(lsink, lfields, wkb, attrs),
            spill_id,
        )

    def _run_in_memory(self, parameters, context, feedback, meta, rain_mm, psi, psi_layer, sewer):
        inp = self.load_terrain(parameters, context, feedback, BYTES_PER_CELL)
        grid = inp.grid
        if psi_layer is not None:
            try:
                psi = analysis.runoff_coefficients(resample_to_grid(psi_layer.source(), grid), psi)
            except InputError as exc:
                raise self.input_error(exc) from exc
        self.check(feedback)
        feedback.pushInfo(self.tr("Filling depressions and routing flow …"))
        sr = analysis.run(
            inp,
            rain_mm,
            psi,
            sewer,
            progress=lambda p: feedback.setProgress(p * 0.5),
            check=lambda: self.check(feedback),
        )
        feedback.setProgress(55)
        self.check(feedback)
        wd_path = self.parameterAsOutputLayer(parameters, "WATER_DEPTH", context)
        write_geotiff(
            wd_path, sr.cascade.water_depth, grid, metadata=meta, style_qml=paths.style("water_depth")
        )
        add_flooded, flooded_id, add_spill, spill_id = self.scenario_outputs(
            parameters, context, inp.dem_layer.crs()
        )
        for wkb, attrs in analysis.flooded_records(sr, grid):
            add_flooded(wkb, attrs)
        feedback.setProgress(75)
        for wkb, attrs in analysis.spill_records(sr, grid):
            add_spill(wkb, attrs)
        return sr, (wd_path, flooded_id, spill_id)

    def _finish(self, parameters, context, feedback, sr, outs, meta, scen, rain_mm):
        res = sr.cascade
        wd_path, flooded_id, spill_id = outs
        feedback.pushInfo(
            self.tr(
                "Rain {r:,.1f} m³ = stored {s:,.1f} m³ + left the map {o:,.1f} m³ + no outlet {u:,.1f} m³ "
                "(difference {e:.3g} m³)"
            ).format(
                r=res.rain_m3, s=res.stored_m3, o=res.left_map_m3, u=res.unrouted_m3, e=res.balance_error_m3
            )
        )
        self.style_output(context, wd_path, "water_depth", self.tr("Water depth"))
        self.style_output(context, flooded_id, "flooded", self.tr("Flooded sinks"))
        self.style_output(context, spill_id, "spill_network", self.tr("Spill network"))
        feedback.setProgress(90)
        results = {"WATER_DEPTH": wd_path, "FLOODED": flooded_id, "SPILL_NETWORK": spill_id}
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            with open(html_path, "w", encoding="utf-8") as fh:
                fh.write(ScenarioReport().page(sr, self.scenario_labels()[scen], parameters))
            results["OUTPUT_HTML"] = html_path
        results.update(
            RAIN_M3=float(res.rain_m3),
            STORED_M3=float(res.stored_m3),
            LEFT_MAP_M3=float(res.left_map_m3),
            RAIN_MM_USED=float(rain_mm),
        )
        self._styled = [(flooded_id, "flooded"), (spill_id, "spill_network")]
        self.record(flooded_id, meta)
        self.record(spill_id, meta)
        feedback.setProgress(100)
        return results
