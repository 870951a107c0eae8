"""Default parameters and coefficients of the green-roof potential (Gründachpotenzial), each with
its source. Every value is a parameter or an entry of the optional coefficients table; the help
text and the output metadata show them. Sources: spec methods §6 / methods-full Part A.
"""

# Slope classes (Münster green-roof cadastre; Hildesheim, Düsseldorf, ZinCo): 1 very good 0-5°
# (extensive and intensive), 2 good 5-15°, 3 suitable with shear protection 15-30°,
# 4 less suitable 30-45° (special systems), 5 unsuitable > 45°. Their names: the algorithm's
# translated texts (analysis.greenroofs.GreenRoofTexts).
CLASS_BREAKS_DEG = "5,15,30,45"
# colours of the cadastres (Münster / LANUV: dark green → red)
CLASS_COLOURS = {1: "#1a9641", 2: "#7fc97f", 3: "#ffd92f", 4: "#fd8d3c", 5: "#d7191c"}

MIN_FACE_AREA_M2 = 10.0  # Düsseldorf, Berlin Umweltatlas 06.11, Bonn thesis (20 m²: IFB Hamburg)
MIN_WIDTH_M = 2.0  # Wilhelmsburg green-roof atlas (drops eaves strips and slivers)
NET_FACTOR = 0.85  # Wilhelmsburg atlas: edge strips, maintenance paths (0.8-0.9) [rough]
SUPERSTRUCTURE_M = 0.3  # residual above the face plane marking superstructures (plugin proposal)
MIN_BUILDING_HEIGHT_M = 2.0  # nDSM >= 2 m (Bonn thesis)
NDVI_GREEN = 0.18  # vegetation in CIR NDVI (Bonn thesis); existing green roof from >= 10 m²
EXISTING_GREEN_MIN_M2 = 10.0  # Berlin Umweltatlas: a roof counts as green from 10 m² vegetated
STALE_HEIGHT_STEP_M = 0.5  # CSE Bristol solar model: inside-outside step < 0.5 m is a bad transect
STALE_BAD_SHARE = 0.52  # ... and more than 52 % bad transects means stale LiDAR
SHEAR_PROTECTION_DEG = 15.0  # Hildesheim / landschaftsgaertner: shear protection from 15°

# Climate and fee inputs: users enter their local values (the help says so).
PRECIPITATION_MM = 773.0  # example: Hamburg, DWD normal (as used by the Wilhelmsburg atlas)
DESIGN_RAIN_LS_HA = 300.0  # example r(5,5) [l/(s·ha)] (baunetzwissen); use the local KOSTRA-DWD-2020
FEE_EUR_M2 = 0.0  # split rainwater fee g_N [€/(m²·a)]; 0 disables the fee output (Hamburg 0.86)
FEE_REDUCTION = 0.5  # reduction for green roofs (Hamburg since 2012, ZV Frohnbach); statute-specific

# Build-ups: (key, depth cm, kind, annual retention share (FLL table after Liesecke, via Münster),
# saturated weight kg/m² (FLL weights via the Wilhelmsburg atlas)). ⚠ FLL middle rows to verify.
BUILDUPS = (
    ("extensive_6", 6, "extensive", 0.45, (90, 150)),
    ("extensive_8", 8, "extensive", 0.50, (90, 150)),
    ("extensive_10", 10, "extensive", 0.50, (90, 150)),
    ("extensive_15", 15, "extensive", 0.55, (150, 220)),  # between the extensive and simple-intensive rows
    ("simple_intensive_20", 20, "simple_intensive", 0.60, (180, 300)),
    ("intensive_30", 30, "intensive", 0.70, (300, 500)),
    ("intensive_50", 50, "intensive", 0.70, (500, 800)),  # FLL row > 25-50 cm; weight scaled by depth
)
DEFAULT_BUILDUP = "extensive_10"

# Effect coefficients (all overridable through the coefficients table, key → value).
COEFFICIENTS = {
    # annual retention share per build-up (FLL): retention_<buildup key>
    **{f"retention_{b[0]}": b[3] for b in BUILDUPS},
    "psi_hard": 0.9,  # mean runoff coefficient of a hard roof (DWA-M 153, membrane/flat roof)
    "cs_hard": 1.0,  # peak runoff coefficient of a hard roof (DIN 1986-100) ⚠
    "cs_extensive_thin": 0.5,  # extensive < 10 cm, slope <= 5 % (DIN 1986-100)
    "cs_extensive_thick": 0.4,  # extensive >= 10 cm, slope <= 5 % (DIN 1986-100)
    "cs_extensive_sloped": 0.7,  # extensive, slope > 5 % (DIN 1986-100)
    "cs_intensive": 0.2,  # intensive >= 30 cm, slope <= 5 % (DIN 1986-100)
    "cooling_kwh_m3": 680.0,  # latent heat 0.68 kWh/kg: upper bound (all retained water evaporates)
    "co2_kg_m2a": 0.59,  # Köhler 2012 via Münster: 23.6 kg/m² over 40 a (estimate)
    "dust_g_m2a": 9.8,  # Münster cadastre (estimate; sources span 60×)
}
COEFFICIENT_SOURCES = {
    "retention": "FLL Dachbegrünungsrichtlinie (Liesecke), endpoints confirmed by Münster",
    "psi_hard": "DWA-M 153",
    "cs_hard": "DIN 1986-100",
    "cs_extensive_thin": "DIN 1986-100",
    "cs_extensive_thick": "DIN 1986-100",
    "cs_extensive_sloped": "DIN 1986-100",
    "cs_intensive": "DIN 1986-100",
    "cooling_kwh_m3": "latent heat of vaporisation (upper bound)",
    "co2_kg_m2a": "Köhler 2012 via Münster (estimate)",
    "dust_g_m2a": "Münster green-roof cadastre (estimate)",
}

STATIC_DISCLAIMER_DE = (
    "Die Statik ist individuell zu prüfen: die Tragfähigkeit der Dächer ist "
    "nicht bekannt. CO₂- und Feinstaubwerte sind Schätzwerte."
)
STATIC_DISCLAIMER_EN = (
    "Structural capacity is unknown and must be checked for each roof. CO₂ and "
    "fine-dust figures are estimates."
)


def _fll_rows(number):
    """'6 cm 0.45, 8–10 cm 0.50, …': the retention shares of BUILDUPS, equal neighbours joined."""
    groups = []
    for _key, depth, _kind, ret, _w in BUILDUPS:
        if groups and groups[-1][2] == ret:
            groups[-1][1] = depth
        else:
            groups.append([depth, depth, ret])
    return ", ".join(f"{a if a == b else f'{a}–{b}'} cm {number(r, '.2f')}" for a, b, r in groups)


def help_values(number=lambda v, spec="g": format(v, spec)):
    """The defaults above as the green-roof help text shows them (a template with these names:
    each value is typed once, here). ``number(value, spec)`` formats in the UI language."""
    b = [float(v) for v in CLASS_BREAKS_DEG.split(",")]
    co = COEFFICIENTS
    by_key = {x[0]: x for x in BUILDUPS}
    return {
        "superstructure": number(SUPERSTRUCTURE_M),
        "min_face": number(MIN_FACE_AREA_M2),
        "min_width": number(MIN_WIDTH_M),
        "net_factor": number(NET_FACTOR),
        "min_height": number(MIN_BUILDING_HEIGHT_M),
        "class_breaks": CLASS_BREAKS_DEG,
        "b1": number(b[0]),
        "b2": number(b[1]),
        "b3": number(b[2]),
        "b4": number(b[3]),
        "intensive_cm": number(min(x[1] for x in BUILDUPS if x[2] != "extensive")),
        "default_cm": number(by_key[DEFAULT_BUILDUP][1]),
        "fll": _fll_rows(number),
        "psi_hard": number(co["psi_hard"]),
        "cs_thick": number(co["cs_extensive_thick"]),
        "cs_thin": number(co["cs_extensive_thin"]),
        "cs_sloped": number(co["cs_extensive_sloped"]),
        "cs_intensive": number(co["cs_intensive"]),
        "cs_hard": number(co["cs_hard"], ".1f"),
        "cooling": number(co["cooling_kwh_m3"]),
        "co2": number(co["co2_kg_m2a"]),
        "dust": number(co["dust_g_m2a"]),
        "fee_reduction_pct": number(100 * FEE_REDUCTION),
        "precip": number(PRECIPITATION_MM),
        "design_rain": number(DESIGN_RAIN_LS_HA),
        "ndvi": number(NDVI_GREEN),
        "green_min": number(EXISTING_GREEN_MIN_M2),
        "stale_share": number(100 * STALE_BAD_SHARE),
    }
