"""QGIS features ↔ the analysis layer's plain records (``analysis.records``): features in as
``Feature``s (``io.features_qgis``: shapely geometry, NULL as None), ``(wkb, attributes)`` out
into feature sinks, the output's fields from its schema and the input fields it carries."""

from qgis.core import QgsFeature, QgsFeatureSink, QgsGeometry

from ..analysis.records import Feature, copied_fields
from ..io.features_qgis import attributes_of, shapely_of
from .base import SmartPlanAlgorithm


def feature_records(alg, source, crs, context, feedback, label=None):
    """The features of ``source`` in ``crs`` (``SmartPlanAlgorithm.features_in``) as
    ``analysis.records.Feature``s; ``label(feature)`` fills their label. Features whose geometry
    GEOS cannot read (a polygon ring of two points, a line of one vertex) are left out, as those
    without a geometry are."""
    if source is None:
        return
    for f, g in alg.features_in(source, crs, context, feedback):
        geom = shapely_of(g)
        if geom is None:
            continue
        yield Feature(int(f.id()), geom, attributes_of(f), label(f) if label is not None else "")


def output_fields(schema, source=None):
    """``(QgsFields, copied names)`` of an output: its ``schema`` (the analysis layer's plain
    types), then the fields of ``source`` it carries (``analysis.records.copied_fields``), with
    their own types."""
    fields = SmartPlanAlgorithm.fields_of(schema)
    copied = copied_fields(schema, source.fields().names()) if source is not None else []
    keep = set(copied)
    for f in source.fields() if keep else ():
        if f.name() in keep:
            fields.append(f)
    return fields, copied


def write_records(sink, fields, records):
    """Add ``(wkb, attributes)`` records to ``sink`` at once (a None wkb: a feature without
    geometry)."""
    if sink is None:
        return
    batch = []
    for wkb, attributes in records:
        f = QgsFeature(fields)
        if wkb is not None:
            g = QgsGeometry()
            g.fromWkb(wkb)
            f.setGeometry(g)
        f.setAttributes(list(attributes))
        batch.append(f)
    if batch:
        sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert)
