"""Which SmartPlan output a layer is, by its fields: the planning table recognises the layers the
algorithms wrote by field names taken from the output schemas themselves (each ``*_KEYS`` set
sits next to its schema in the analysis module that writes it), so a renamed field cannot leave
the table behind."""

from ..core.feedback_model import FIELDS as FEEDBACK_FIELDS
from . import depressions, flowpaths, greenroofs, scenario

# a participation layer (io.feedback_store, core.feedback_model): its identity and category
FEEDBACK_KEYS = frozenset({"uid", "category"})

# (role, the fields a layer must have), tried in this order
ROLES = (
    ("sinks", depressions.SINK_KEYS),
    ("flooded", scenario.FLOODED_KEYS),
    ("flowpaths", flowpaths.FLOWPATH_KEYS),
    ("roofs", greenroofs.ROOF_KEYS),
    ("faces", greenroofs.FACE_KEYS),
    ("feedback", FEEDBACK_KEYS),
)

# the schema each role is recognised from (for the tests and for readers)
SCHEMAS = {
    "sinks": depressions.SINK_FIELDS,
    "flooded": scenario.FLOODED_FIELDS,
    "flowpaths": flowpaths.FLOWPATH_FIELDS,
    "roofs": greenroofs.ROOF_FIELDS,
    "faces": greenroofs.FACE_FIELDS,
    "feedback": FEEDBACK_FIELDS,
}


def role_of(field_names):
    """The role of a vector layer with these field names, or None."""
    names = set(field_names)
    return next((role for role, keys in ROLES if keys <= names), None)
