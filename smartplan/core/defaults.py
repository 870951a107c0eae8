"""Default parameters of the heavy-rain (Starkregen) tools, each with its source.

The help texts and output metadata show these values; every one is a parameter users can change.
"""

# Sink filter: SENSARE Berlin (sensare.infralab.berlin/ergebnisse): depth >= 0.20 m,
# area >= 4 m², volume >= 2 m³, catchment >= 200 m² (153,819 sinks on DGM1 Berlin).
SINK_FILTER = {"min_depth": 0.2, "min_area": 4.0, "min_volume": 2.0, "min_catchment": 200.0}

# Lighter filter, Danish Bluespot / malstroem docs: depth > 0.05 m and (area > 20 m² or vol > 0.5 m³)
SINK_FILTER_BLUESPOT = {"min_depth": 0.05, "min_area": 20.0, "min_volume": 0.5}

# Buildings burned in as obstacles: +10 m (convention, not a norm; SENSARE used ATKIS buildings)
BUILDING_RAISE_M = 10.0

# Depth classes for styling [m]: Ulm (from 0.1 m water can enter buildings)
DEPTH_CLASS_BREAKS_M = (0.1, 0.3, 0.5)

# Rain scenarios (1 h block rain). The first two are examples (Hamburg, KOSTRA-DWD-2020, SRI 5 and
# SRI 7): users must enter their local KOSTRA-DWD-2020 value. "extrem": 90 mm/1 h (NRW Arbeitshilfe
# 2018); BKG/Hamburg use 100 mm.
SCENARIOS = (
    ("selten", 29.0),  # T = 30 a, D = 1 h (NRW Arbeitshilfe); Hamburg SRI 5 = 29 mm
    ("aussergewoehnlich", 36.0),  # T = 100 a, D = 1 h; Hamburg SRI 7 = 36 mm
    ("extrem", 90.0),  # NRW Arbeitshilfe: 90 mm in 1 h
    ("benutzerdefiniert", None),
)

# the scenarios whose depth is only an example (Hamburg): a run without RAIN_MM warns
EXAMPLE_SCENARIOS = ("selten", "aussergewoehnlich")

# Effective rain h_eff = psi * h_N - h_sewer: psi = 1 (conservative, malstroem), h_sewer = 0
# (Münster practice for extreme events).
RUNOFF_COEFF = 1.0
SEWER_MM = 0.0

DISCLAIMER = (
    "Topographic screening (tier 2, DWA-M 119): no sewer, no culverts unless burned in, no time "
    "dimension, D8 single flow direction, unreliable on slopes below 1 %. Not a "
    "Starkregengefahrenkarte (2D simulation) in the sense of LUBW/NRW."
)

# Flow paths (Fließwege): start at 1 ha upstream area (Hessen Fließpfadkarten; 0.1 ha in dense
# urban grids), classes by upstream area 0.5-2 / 2-10 / 10-50 / >= 50 ha (proposal, no published
# German class limits), corridor 10 m per side (Hessen, Oppermann), buildings by distance to a flow
# path <= 5 / 10 / 15 m (Hessen: red / orange / yellow), low slope < 1 % unreliable (Hessen).
FLOWPATH_MIN_HA = 1.0
FLOWPATH_CLASS_BREAKS_HA = "0.5,2,10,50"
CORRIDOR_M = 10.0
BUILDING_DISTANCE_CLASSES_M = "5,10,15"
LOW_SLOPE_PCT = 1.0


# Affected objects (smartplan:affected) and emergency routes (smartplan:emergencyroutes)
WALL_DEPTH_M = 0.10  # a building is flooded from this depth at its wall (Ulm: water can enter)
# Kramer, Terheiden & Wieprecht 2016 (IJDRR): impassable above 0.3 m for cars, 0.6 m for
# emergency vehicles
CAR_DEPTH_M = 0.30
EMERGENCY_DEPTH_M = 0.60
UNDERPASS_DEPTH_M = 0.50  # BWB Überstauatlas (knee-deep); closures elsewhere at 0.25 m
ROUTE_CUSTOM_DEPTH_M = 0.45  # the 'custom' vehicle: between car and fire engine (a choice)
ROUTE_DEFAULT_SPEED_KMH = 30.0  # roads without a speed and an unknown class (StVO zone 30)
# the response-time target (Hilfsfrist): enter the local value from the Land's fire-service or
# rescue-service rules; literature uses 5/10/15 min for fire brigades (methods-full §5)
RESPONSE_TIME_MIN = 10.0
# OSM highway class -> default speed [km/h] for emergency vehicles in towns (screening values;
# the speed field of the road layer overrides them). Sources: urban speed limits (StVO: 50 km/h in
# towns, 30 km/h zones), typical fire-brigade approach speeds of 40-60 km/h in towns.
OSM_SPEEDS_KMH = {
    "motorway": 80,
    "motorway_link": 50,
    "trunk": 70,
    "trunk_link": 40,
    "primary": 50,
    "primary_link": 40,
    "secondary": 50,
    "secondary_link": 40,
    "tertiary": 40,
    "tertiary_link": 30,
    "unclassified": 30,
    "residential": 30,
    "living_street": 10,
    "service": 15,
    "road": 30,
    "track": 15,
    "busway": 40,
}

# Notwasserwege (smartplan:notwasserwege): a flow path runs along a road within ROAD_BUFFER_M, a
# conflict with a sensitive site lies within SENSITIVE_DISTANCE_M, route parts shorter than
# MIN_LENGTH_M are dropped (choices for 1 m DGM: about one road half-width and a few cells)
NW_ROAD_BUFFER_M = 5.0
NW_SENSITIVE_DISTANCE_M = 5.0
NW_MIN_LENGTH_M = 5.0

# Citizen feedback linked to analysis objects (smartplan:feedbacklink): contributions within this
# distance of an object (a map pin lands a few metres off the place it means)
FEEDBACK_LINK_DISTANCE_M = 25.0

# Nested sinks reported down to this level by default (depression hierarchy, Barnes et al. 2020;
# a choice: deeper levels are rarely read on a map)
MAX_NESTING_LEVEL = 3

# The scenario chosen when none is given (the NRW Arbeitshilfe's "extrem" event)
DEFAULT_SCENARIO = "extrem"


def scenario_index(key=DEFAULT_SCENARIO):
    """Position of the scenario ``key`` in ``SCENARIOS`` (the Processing enum's value)."""
    return [k for k, _v in SCENARIOS].index(key)


def _dash_classes(breaks, number):
    return " / ".join(f"{number(a)}–{number(b)}" for a, b in zip(breaks, breaks[1:]))


def help_values(number=lambda v, spec="g": format(v, spec)):
    """The defaults above as the algorithms' help texts show them: the help texts are templates
    with these names, so a value is typed once (here). ``number(value, spec)`` formats a number in
    the UI language (``i18n.number``: decimal comma in German)."""
    f, b = SINK_FILTER, SINK_FILTER_BLUESPOT
    d = DEPTH_CLASS_BREAKS_M
    rain = dict(SCENARIOS)
    breaks = [float(v) for v in FLOWPATH_CLASS_BREAKS_HA.split(",")]
    dist = [float(v) for v in BUILDING_DISTANCE_CLASSES_M.split(",")]
    return {
        "raise_m": number(BUILDING_RAISE_M),
        "min_depth": number(f["min_depth"], ".2f"),
        "min_area": number(f["min_area"]),
        "min_volume": number(f["min_volume"]),
        "min_catchment": number(f["min_catchment"]),
        "blue_depth": number(b["min_depth"]),
        "blue_area": number(b["min_area"]),
        "blue_volume": number(b["min_volume"]),
        "depth_classes": f"&lt;{number(d[0])} / {_dash_classes(d, number)} / &gt;{number(d[-1])}",
        "depth_enter": number(d[0]),
        "low_slope": number(LOW_SLOPE_PCT),
        "rain_selten": number(rain["selten"]),
        "rain_aussergewoehnlich": number(rain["aussergewoehnlich"]),
        "rain_extrem": number(rain["extrem"]),
        "psi": number(RUNOFF_COEFF),
        "flow_min_ha": number(FLOWPATH_MIN_HA),
        "flow_classes": f"{_dash_classes(breaks, number)} / ≥ {number(breaks[-1])}",
        "corridor_m": number(CORRIDOR_M),
        "dist_1": number(dist[0]),
        "dist_2": number(dist[1]),
        "dist_3": number(dist[2]),
        "wall_depth": number(WALL_DEPTH_M, ".2f"),
        "car_depth": number(CAR_DEPTH_M, ".2f"),
        "emergency_depth": number(EMERGENCY_DEPTH_M, ".2f"),
        "underpass_depth": number(UNDERPASS_DEPTH_M, ".2f"),
        "speed_primary": number(OSM_SPEEDS_KMH["primary"]),
        "speed_residential": number(OSM_SPEEDS_KMH["residential"]),
        "speed_service": number(OSM_SPEEDS_KMH["service"]),
    }
