"""The filter rule (table and map) and the statistics of participation (no QGIS)."""

import re
from collections import Counter
from dataclasses import dataclass

from .feedback_model import clean_text, clean_value, new_record, now_iso

# ------------------------------------------------------------------------------ filter and statistics
# The panel's filter is one rule with two renderings: a predicate on records (the table) and an
# SQLite subset string (the map layers). Text is compared after one case folding that both sides
# compute alike: SQLite's lower() folds only A-Z, so the other capitals (Ä Ö Ü, À-Þ, …) are
# mapped by the same table in Python and as replace() calls in SQL, and a word is found as a plain
# substring (instr, no LIKE wildcards) — 'überflutung' finds 'Überflutung' on the map too.
SEARCH_FIELDS = ("title", "text", "keywords", "category")
# German capitals and the French ones common in German text; SQLite's parser allows some 20
# nested calls, so the table stays short (a capital outside it matches only as written)
_FOLD = {c: c.lower() for c in "ÄÖÜẞÀÂÇÈÉÊËÎÏÔÙÛ"}


def fold(text):
    """The case folding of the filter (see above): A-Z and the capitals of ``_FOLD``."""
    return "".join(_FOLD.get(c, c.lower() if "A" <= c <= "Z" else c) for c in text)


def _fold_sql(expr):
    """``fold`` in SQLite of an expression that is already ``lower()``-ed (A-Z)."""
    for upper, lower in _FOLD.items():
        expr = f"replace({expr}, '{upper}', '{lower}')"
    return expr


def _sql_quote(v):
    return "'" + str(v).replace("'", "''") + "'"


def _hay(rec):
    return fold(" ".join(str(rec.get(k) or "") for k in SEARCH_FIELDS))


@dataclass(frozen=True)
class FeedbackFilter:
    """The panel's filter: category and rubric sets (None = all; '' matches records without one),
    date range (inclusive, 'YYYY-MM-DD'), every word of ``text`` in title/text/keywords/category
    (case folded: ``fold``), minimum rating (up − down votes); withdrawn contributions only on
    request. ``matches`` is the rule for records (the table), ``sql`` the same rule for the map
    layers (an SQLite subset string)."""

    categories: frozenset = None
    rubrics: frozenset = None
    date_from: str = None
    date_to: str = None
    text: str = None
    min_votes: float = None
    include_withdrawn: bool = False

    def matches(self, rec):
        if not self.include_withdrawn and (rec.get("status") or "active") == "withdrawn":
            return False
        if self.categories is not None and (rec.get("category") or "") not in self.categories:
            return False
        if self.rubrics is not None and (rec.get("rubric") or "") not in self.rubrics:
            return False
        day = (rec.get("created") or "")[:10]
        if self.date_from and (not day or day < self.date_from):
            return False
        if self.date_to and (not day or day > self.date_to):
            return False
        if self.text:
            hay = _hay(rec)
            if not all(fold(w) in hay for w in self.text.split()):
                return False
        return self.min_votes is None or (rec.get("rating") or 0) >= self.min_votes

    def sql(self):
        parts = [] if self.include_withdrawn else ["coalesce(\"status\", 'active') <> 'withdrawn'"]

        def in_set(field, values):
            if not values:
                return "0"
            return f"coalesce(\"{field}\", '') IN ({', '.join(_sql_quote(v) for v in sorted(values))})"

        if self.categories is not None:
            parts.append(in_set("category", self.categories))
        if self.rubrics is not None:
            parts.append(in_set("rubric", self.rubrics))
        day = "substr(coalesce(\"created\", ''), 1, 10)"
        if self.date_from:
            parts.append(f"{day} >= {_sql_quote(self.date_from)} AND {day} <> ''")
        if self.date_to:
            parts.append(f"{day} <= {_sql_quote(self.date_to)} AND {day} <> ''")
        words = (self.text or "").split()
        if words:
            cols = " || ' ' || ".join(f"coalesce(\"{c}\", '')" for c in SEARCH_FIELDS)
            hay = _fold_sql(f"lower({cols})")
            parts += [f"instr({hay}, {_sql_quote(fold(w))}) > 0" for w in words]
        if self.min_votes is not None:
            parts.append(f'coalesce("rating", 0) >= {float(self.min_votes)!r}')
        return " AND ".join(parts)


def matches(rec, **flt):
    """``FeedbackFilter(**flt).matches(rec)``."""
    return FeedbackFilter(**flt).matches(rec)


def filter_sql(**flt):
    """``FeedbackFilter(**flt).sql()``."""
    return FeedbackFilter(**flt).sql()


STOPWORDS = set(
    (
        "der die das und oder ist sind ein eine einer eines einem einen nicht mit auf für von zu im in "
        "den dem des am an als auch bei bis da dass durch es hier ich wir sie er man noch nur so um "
        "unter über was wie wird werden wo zum zur sehr mehr kann können soll sollte sollten gibt hat "
        "haben habe sein war wäre aber mal schon doch ja nein dort diese dieser dieses diesem diesen "
        "ganz immer viel viele wenn weil the and of to a in is for on that this with be are it as at "
    ).split()
)


def statistics(records, top_n=10, styles=None):
    """Figures like the DIPAS navigator and beyond: totals, per category (with colours), per
    rubric, per day, top by rating and by comments, keywords (picked/suggested, else words of the
    texts). ``records``: the filtered contributions."""
    total = len(records)
    comments = sum(r.get("comments_count") or 0 for r in records)
    per_cat = Counter(r.get("category") or "—" for r in records)
    per_rub = Counter(r.get("rubric") or "—" for r in records)
    per_day = Counter((r.get("created") or "")[:10] for r in records if r.get("created"))
    kw = Counter()
    for r in records:
        if r.get("keywords"):
            kw.update(k.strip() for k in r["keywords"].split(",") if k.strip())
    if not kw:
        for r in records:
            words = re.findall(
                r"[A-Za-zÄÖÜäöüß]{4,}", " ".join(str(r.get(k) or "") for k in ("title", "text"))
            )
            kw.update(w.lower() for w in words if w.lower() not in STOPWORDS)
    styles = styles or {}
    return {
        "total": total,
        "located": sum(1 for r in records if r.get("located")),
        "comments": comments,
        "votes_pro": sum(r.get("votes_pro") or 0 for r in records),
        "votes_contra": sum(r.get("votes_contra") or 0 for r in records),
        "per_category": [(c, n, (styles.get(c) or {}).get("colour")) for c, n in per_cat.most_common()],
        "per_rubric": per_rub.most_common(),
        "per_day": sorted(per_day.items()),
        "top_rating": sorted(records, key=lambda r: (-(r.get("rating") or 0), r.get("uid") or ""))[:top_n],
        "top_comments": sorted(records, key=lambda r: (-(r.get("comments_count") or 0), r.get("uid") or ""))[
            :top_n
        ],
        "keywords": kw.most_common(30),
    }


def table_contribution(text, category, lon, lat, project_id, rubric=None, title=None):
    """A note placed at the planning table (origin 'table'), ready to store."""
    import uuid

    stamp = now_iso()
    rec = new_record(
        source_host="planungstisch",
        source_type="table",
        project_id=str(project_id or ""),
        contribution_id=uuid.uuid4().hex[:12],
        title=clean_text(title or text, 80),
        text=clean_text(text),
        text_raw=text,
        category=clean_value(category),
        rubric=clean_value(rubric),
        created=stamp,
        votes_pro=0,
        votes_contra=0,
        comments_count=0,
        located=True,
        origin="table",
        imported_at=stamp,
        updated_at=stamp,
    )
    rec["geometry"] = {"type": "Point", "coordinates": [float(lon), float(lat)]}
    rec["geometry_type"] = "Point"
    return rec
