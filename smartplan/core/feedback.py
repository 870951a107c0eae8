"""Citizen feedback (Bürgerbeteiligung): the canonical contribution schema, parsers for DIPAS and
other participation formats, text cleaning, coordinate detection, merging, statistics and the
privacy filter. Plain Python (no QGIS); geometries are GeoJSON-like dicts in lon/lat (EPSG:4326).

Formats, field by field: spec/feedback-formats.md. Every parser tolerates unknown and missing keys.

The rules live in five modules (this one gathers them, so ``core.feedback`` stays the one name to
import): ``feedback_model`` (schema, values, records), ``feedback_geo`` (coordinates),
``feedback_parse`` (the source formats), ``feedback_merge`` (merge and privacy) and
``feedback_filter`` (the filter rule and statistics)."""

# ruff: noqa: F401, F403
from .feedback_filter import *
from .feedback_geo import *
from .feedback_geo import _coords_iter
from .feedback_merge import *
from .feedback_model import *
from .feedback_parse import *
