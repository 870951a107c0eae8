"""Citizen feedback per analysis object (Bürgerhinweise je Objekt): the use case of
``smartplan:feedbacklink``.

For every analysis object (sink, flow path, flooded area, green-roof candidate …) the
contributions within ``distance_m`` are counted and listed; every contribution gets the nearest
object within that distance. Withdrawn contributions take no part. The contributions are given
back as they may be shared: without the personal fields (``core.feedback.PERSONAL``: author,
e-mail).

Inputs are plain records with shapely geometries in one metric CRS (the caller picks it:
``analysis.crs``); ``link_feedback`` gives the output features as ``(wkb, attributes)`` in the
order of the output schemas below."""

from collections import Counter
from dataclasses import dataclass

from ..core import defaults
from ..core import geometry as G
from ..core.feedback import PERSONAL

# the output schemas (the batch interface: do not rename or reorder). OUTPUT: the objects' own
# fields, then those of OBJECT_FIELDS they lack; OUTPUT_FEEDBACK: the contributions' shared
# fields, then NEAREST_FIELDS
OBJECT_FIELDS = (("feedback_count", int), ("feedback_ids", str), ("top_category", str), ("votes", int))
NEAREST_FIELDS = (("target_id", str), ("distance_m", float))

DEFAULT_DISTANCE_M = defaults.FEEDBACK_LINK_DISTANCE_M
MAX_IDS = 200  # contribution ids listed per object
NO_CATEGORY = "—"  # the category of contributions without one
WITHDRAWN = "withdrawn"  # the status of a contribution its author took back


@dataclass(frozen=True)
class LinkObject:
    """An analysis object."""

    object_id: object  # what target_id of the contributions names (its id field, or feature id)
    attributes: dict  # {field: value}, None for NULL
    geom: object  # shapely, in the metric CRS


@dataclass(frozen=True)
class Contribution:
    """A citizen contribution (a feature of ``smartplan:importfeedback``'s layer or alike)."""

    fid: int  # the feature id: the contribution's id when the layer has no contribution_id
    attributes: dict  # {field: value} of all its fields (personal ones included), None for NULL
    geom: object  # shapely, in the metric CRS


@dataclass
class FeedbackLinks:
    objects: list  # (wkb, attributes in object_fields(...) order), one per object
    contributions: list  # (wkb, attributes in shared_fields(...) + NEAREST_FIELDS order)
    linked: int  # contributions within the distance of an object


def added_object_fields(object_field_names):
    """The fields of ``OBJECT_FIELDS`` that the objects' own fields lack ((name, type), …)."""
    return tuple((n, t) for n, t in OBJECT_FIELDS if n not in object_field_names)


def object_fields(object_field_names):
    """The field names of OUTPUT: the objects' own, then the added ones."""
    return list(object_field_names) + [n for n, _ in added_object_fields(object_field_names)]


def shared_fields(contribution_field_names):
    """The contributions' fields that may be shared: all but the personal ones."""
    return [n for n in contribution_field_names if n.lower() not in PERSONAL]


def _text(value):
    """An id as text (NULL as QGIS writes it)."""
    return "NULL" if value is None else str(value)


def _votes(contributions):
    return sum(
        int(c.attributes["rating"] or 0)
        for c in contributions
        if c.attributes.get("rating") is not None and str(c.attributes["rating"]) != "NULL"
    )


def link_feedback(
    objects,
    contributions,
    distance_m=DEFAULT_DISTANCE_M,
    object_field_names=None,
    contribution_field_names=None,
    check=None,
    progress=None,
):
    """The objects with their contributions and the contributions with their nearest object
    (``FeedbackLinks``).

    ``objects``: ``LinkObject``s; ``contributions``: ``Contribution``s; the field names give the
    order of the output attributes (default: those of the first record). ``check()`` is called
    per contribution (raises on cancel), ``progress(percent)`` goes up to 90."""
    check = check or (lambda: None)
    progress = progress or (lambda p: None)
    objects = [o for o in objects if o.geom is not None]
    contributions = list(contributions)
    if object_field_names is None:
        object_field_names = list(objects[0].attributes) if objects else []
    if contribution_field_names is None:
        contribution_field_names = list(contributions[0].attributes) if contributions else []
    index = G.SpatialIndex([o.geom for o in objects])
    links = [[] for _ in objects]
    rows = []  # (contribution, (object position, distance) of the nearest or None)
    n = max(1, len(contributions))
    for k, c in enumerate(contributions):
        check()
        if c.geom is None or c.attributes.get("status") == WITHDRAWN:
            continue
        best = None
        for i in index.within_distance(c.geom, distance_m):
            d = c.geom.distance(objects[i].geom)
            links[i].append(c)
            if best is None or d < best[1]:
                best = (i, d)
        rows.append((c, best))
        progress(90.0 * k / n)

    out_names = object_fields(object_field_names)
    out_objects = []
    for obj, linked in zip(objects, links):
        cats = Counter(c.attributes.get("category") or NO_CATEGORY for c in linked)
        ids = [
            _text(c.attributes["contribution_id"]) if "contribution_id" in c.attributes else _text(c.fid)
            for c in linked
        ]
        values = {n: obj.attributes.get(n) for n in object_field_names}
        values.update(
            feedback_count=len(linked),
            feedback_ids=", ".join(ids[:MAX_IDS]) or None,
            top_category=cats.most_common(1)[0][0] if linked else None,
            votes=_votes(linked),
        )
        out_objects.append((G.to_wkb(obj.geom), [values[n] for n in out_names]))

    keep = shared_fields(contribution_field_names)
    out_contributions = [
        (
            G.to_wkb(c.geom),
            [c.attributes.get(n) for n in keep]
            + [
                None if best is None else _text(objects[best[0]].object_id),
                None if best is None else round(best[1], 2),
            ],
        )
        for c, best in rows
    ]
    return FeedbackLinks(out_objects, out_contributions, sum(1 for _, b in rows if b is not None))
