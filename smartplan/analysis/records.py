"""The plain records the analysis layer reads and writes instead of QGIS features.

* In: :class:`Feature` — a feature's id, its shapely geometry (already in the analysis CRS: the
  Processing wrapper transforms it, as it always did) and its attributes by field name.
* Out: ``(wkb, attributes)`` — the attributes in the order of the output's schema (a module-level
  tuple of ``(name, type)`` in the analysis module: the batch interface, names and order fixed),
  followed by the input's own fields that the output carries (:func:`copied_fields`).

Schema types are Python's ``int``, ``float``, ``str`` and ``bool``, and :data:`INT64` for feature
ids (GeoPackage ids exceed 32 bits)."""

from dataclasses import dataclass, field

INT64 = "int64"  # schema type of a 64-bit integer field (feature ids)


@dataclass
class Feature:
    """An input feature: ``fid`` (its feature id), ``geometry`` (shapely, in the analysis CRS;
    None when it has none), ``attrs`` ({field name: value}, every field of its layer) and
    ``label`` (what a report calls it, e.g. its name)."""

    fid: int
    geometry: object
    attrs: dict = field(default_factory=dict)
    label: str = ""


def copied_fields(schema, names):
    """The input fields (of ``names``) an output carries after its own ``schema`` fields: every
    one whose name is not already an output field and that is not a GeoPackage ``fid`` (which
    would clash with the output's own)."""
    own = {n for n, _t in schema}
    return [n for n in names if n not in own and str(n).lower() != "fid"]


def copied_values(feature, names):
    """The values of the copied fields ``names`` of an input ``Feature``."""
    return [feature.attrs.get(n) for n in names]
