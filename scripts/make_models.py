"""Build the shipped Processing model processing/starkregen_screening.model3 through the QGIS API
(run with Debian's python3 and QT_QPA_PLATFORM=offscreen). The .model3 file is committed.

Model "Starkregen-Screening": DEM + optional buildings + rain depth -> depression analysis, the
fill-and-spill scenario and the flow paths, with the sinks, pour points, water depth, flooded
sinks, spill network, HTML summary, flow paths, corridor and buildings near flow paths as model
outputs."""

import os
import sys

from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)
from qgis.PyQt.QtCore import QPointF

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main():
    app = QgsApplication([], False)
    app.initQgis()
    import smartplan

    plugin = smartplan.classFactory(None)
    plugin.initProcessing()
    ok = build(routing=False) and build(routing=True)
    plugin.unload()
    app.exitQgis()
    return 0 if ok else 1


def build(routing):
    """The screening model; with ``routing`` the emergency-routes step too (stations needed)."""
    name = "Starkregen-Screening mit Einsatzrouten" if routing else "Starkregen-Screening"
    m = QgsProcessingModelAlgorithm(name, "SmartPlan", "smartplan")
    m.setHelpContent(
        {
            "ALG_DESC": "Heavy-rain screening in one run: depression analysis (Senken), "
            "the fill-and-spill scenario for a rain depth (enter your local KOSTRA-DWD-2020 "
            "value), the flow paths and the affected buildings, roads, underpasses and "
            "critical sites"
            + (", and emergency routes around flooded roads from the stations" if routing else "")
            + ". Starkregen-Screening: Senkenanalyse, Füll-/Überlaufszenario, Fließwege und "
            "Betroffenheit" + (" sowie Einsatzrouten" if routing else "") + ".",
            "ALG_CREATOR": "SmartPlan",
        }
    )

    def param(defn, x):
        m.addModelParameter(defn, QgsProcessingModelParameter(defn.name()))
        m.parameterComponents()[defn.name()].setPosition(QPointF(x, 60))

    param(QgsProcessingParameterRasterLayer("DEM", "DGM (projected CRS in metres)"), 120)
    param(
        QgsProcessingParameterFeatureSource(
            "BUILDINGS", "Buildings / Gebäude", [QgsProcessing.TypeVectorPolygon], optional=True
        ),
        340,
    )
    param(
        QgsProcessingParameterNumber(
            "RAIN_MM",
            "Rain depth [mm] / Regenhöhe [mm]",
            QgsProcessingParameterNumber.Double,
            90.0,
            minValue=0,
        ),
        560,
    )
    param(
        QgsProcessingParameterFeatureSource(
            "ROADS", "Roads / Straßen", [QgsProcessing.TypeVectorLine], optional=not routing
        ),
        780,
    )
    if routing:
        param(
            QgsProcessingParameterFeatureSource(
                "STATIONS", "Fire and rescue stations / Wachen", [QgsProcessing.TypeVectorPoint]
            ),
            1220,
        )
        param(
            QgsProcessingParameterNumber(
                "TIME_LIMIT_MIN", "Hilfsfrist [min]", QgsProcessingParameterNumber.Double, 10.0, minValue=0
            ),
            1440,
        )
    param(
        QgsProcessingParameterFeatureSource(
            "CRITICAL",
            "Critical sites / Kritische Infrastruktur",
            [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon],
            optional=True,
        ),
        1000,
    )

    def src(name):
        return [QgsProcessingModelChildParameterSource.fromModelParameter(name)]

    def child(cid, alg, x, params, outputs):
        c = QgsProcessingModelChildAlgorithm(alg)
        c.setChildId(cid)
        c.setDescription(
            {
                "depressions": "Senkenanalyse",
                "rainscenario": "Starkregen-Szenario",
                "flowpaths": "Fließwege",
                "affected": "Betroffenheit",
                "emergencyroutes": "Einsatzrouten",
            }[cid]
        )
        c.setPosition(QPointF(x, 260))
        for k, v in params.items():
            c.addParameterSources(k, v)
        outs = {}
        for out_name, (short, label) in outputs.items():
            o = QgsProcessingModelOutput(short, label)
            o.setChildOutputName(out_name)
            o.setChildId(cid)
            outs[short] = o
        c.setModelOutputs(outs)
        m.addChildAlgorithm(c)

    common = {
        "DEM": src("DEM"),
        "BUILDINGS": src("BUILDINGS"),
        "BUILDING_RAISE": [QgsProcessingModelChildParameterSource.fromStaticValue(10.0)],
        "NODATA_DRAINS": [QgsProcessingModelChildParameterSource.fromStaticValue(True)],
    }
    child(
        "depressions",
        "smartplan:depressions",
        200,
        dict(common),
        {
            "SINKS": ("sinks", "Senken / Sinks"),
            "POUR_POINTS": ("pour_points", "Überlaufpunkte / Pour points"),
            "DEPTH": ("sink_depth", "Senkentiefe / Sink depth"),
            "FILLED": ("filled", "Gefüllte Oberfläche / Filled surface"),
        },
    )
    scen = dict(common)
    scen["SCENARIO"] = [QgsProcessingModelChildParameterSource.fromStaticValue(3)]
    scen["RAIN_MM"] = src("RAIN_MM")
    child(
        "rainscenario",
        "smartplan:rainscenario",
        480,
        scen,
        {
            "WATER_DEPTH": ("water_depth", "Wassertiefe / Water depth"),
            "FLOODED": ("flooded", "Überflutete Senken / Flooded sinks"),
            "SPILL_NETWORK": ("spill_network", "Überlaufnetz / Spill network"),
            "OUTPUT_HTML": ("summary", "Zusammenfassung / Summary"),
        },
    )
    flow = dict(common)
    flow["MIN_CATCHMENT_HA"] = [QgsProcessingModelChildParameterSource.fromStaticValue(1.0)]
    child(
        "flowpaths",
        "smartplan:flowpaths",
        760,
        flow,
        {
            "FLOWPATHS": ("flowpaths", "Fließwege / Flow paths"),
            "CORRIDOR": ("corridor", "Fließwegkorridor / Flow path corridor"),
            "BUILDINGS_NEAR": ("buildings_near", "Gebäude nahe Fließwegen / Buildings near flow paths"),
        },
    )
    aff = {
        "BUILDINGS": src("BUILDINGS"),
        "ROADS": src("ROADS"),
        "CRITICAL": src("CRITICAL"),
        "WATER_DEPTH": [
            QgsProcessingModelChildParameterSource.fromChildOutput("rainscenario", "WATER_DEPTH")
        ],
        "FLOWPATHS": [QgsProcessingModelChildParameterSource.fromChildOutput("flowpaths", "FLOWPATHS")],
        "CORRIDOR": [QgsProcessingModelChildParameterSource.fromChildOutput("flowpaths", "CORRIDOR")],
    }
    child(
        "affected",
        "smartplan:affected",
        1040,
        aff,
        {
            "BUILDINGS_AFFECTED": ("buildings_affected", "Betroffene Gebäude / Affected buildings"),
            "ROADS_AFFECTED": ("roads_affected", "Straßen im Wasser / Roads split at the water"),
            "UNDERPASSES": ("underpasses", "Unterführungen / Underpasses"),
            "CRITICAL_AFFECTED": (
                "critical_affected",
                "Betroffene kritische Infrastruktur / Affected critical sites",
            ),
            "OUTPUT_HTML": ("affected_report", "Betroffenheit (Bericht) / Affected objects (report)"),
        },
    )
    if routing:
        er = {
            "ROADS": [QgsProcessingModelChildParameterSource.fromChildOutput("affected", "ROADS_AFFECTED")],
            "STATIONS": src("STATIONS"),
            "DESTINATIONS": src("BUILDINGS"),
            "TIME_LIMIT_MIN": src("TIME_LIMIT_MIN"),
            "VEHICLE": [QgsProcessingModelChildParameterSource.fromStaticValue(0)],
        }
        child(
            "emergencyroutes",
            "smartplan:emergencyroutes",
            1320,
            er,
            {
                "BLOCKED": ("blocked", "Gesperrte Straßen / Blocked roads"),
                "ROUTES": ("routes", "Routen trocken und überflutet / Routes dry and flooded"),
                "SERVICE_AREA": ("service_area", "Erreichbarer Bereich / Service area"),
                "UNREACHABLE": ("unreachable", "Ziele ohne Hilfsfrist / Destinations losing coverage"),
                "OUTPUT_HTML": ("routes_report", "Einsatzrouten (Bericht) / Emergency routes (report)"),
            },
        )
    m.updateDestinationParameters()
    fname = "starkregen_screening_einsatzrouten.model3" if routing else "starkregen_screening.model3"
    out = os.path.join(ROOT, "processing", fname)
    ok = m.toFile(out)
    print("wrote" if ok else "FAILED", out)
    return ok


if __name__ == "__main__":
    sys.exit(main())
