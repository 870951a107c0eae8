"""Citizen feedback (Bürgerbeteiligung): the canonical contribution schema, parsers for DIPAS and
other participation formats, text cleaning, coordinate detection, merging, statistics and the
privacy filter. Plain Python (no QGIS); geometries are GeoJSON-like dicts in lon/lat (EPSG:4326).

Formats, field by field: spec/feedback-formats.md. Every parser tolerates unknown and missing keys.
"""

import contextlib
import contextvars
import html
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone

# ------------------------------------------------------------------------------ schema
# The canonical fields of a contribution, in the order they are stored. Identity: (source_host,
# project_id, contribution_id) -> ``uid``.
FIELDS = (
    ("uid", "str"),
    ("source_host", "str"),
    ("source_type", "str"),
    ("project_id", "str"),
    ("contribution_id", "str"),
    ("title", "str"),
    ("text", "str"),
    ("text_raw", "str"),
    ("category", "str"),
    ("rubric", "str"),
    ("created", "str"),
    ("votes_pro", "int"),
    ("votes_contra", "int"),
    ("rating", "int"),
    ("comments_count", "int"),
    ("keywords", "str"),
    ("link", "str"),
    ("located", "bool"),
    ("geometry_type", "str"),
    ("original_geometry_type", "str"),
    ("status", "str"),
    ("origin", "str"),
    ("imported_at", "str"),
    ("updated_at", "str"),
    ("author", "str"),
    ("email", "str"),
    ("extra", "str"),
)
FIELD_NAMES = tuple(f for f, _ in FIELDS)
# identity and bookkeeping fields that do not count as a change on re-import
_BOOKKEEPING = {"uid", "imported_at", "updated_at", "status"}
# fields with personal data: never in the public view
PERSONAL = ("author", "email")
# the allow-list of the public view (planning table, exports)
PUBLIC_FIELDS = (
    "uid",
    "project_id",
    "contribution_id",
    "title",
    "text",
    "category",
    "rubric",
    "created",
    "votes_pro",
    "votes_contra",
    "rating",
    "comments_count",
    "keywords",
    "link",
    "located",
    "geometry_type",
    "status",
    "origin",
)
COMMENT_FIELDS = (
    "comment_id",
    "contribution_uid",
    "parent_id",
    "depth",
    "created",
    "title",
    "text",
    "text_raw",
)
SENTINELS = {"none", "-", "", "null", "n/a"}

# fallback palette when a project has no category colours (ColorBrewer Set1/Dark2, colour-blind aware)
PALETTE = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#377eb8",
    "#e41a1c",
    "#4daf4a",
    "#984ea3",
    "#ff7f00",
    "#666666",
)


class FeedbackError(Exception):
    """Bad or unexpected input; ``code`` selects the translated message in the QGIS layers."""

    def __init__(self, code, **info):
        self.code = code
        self.info = info
        super().__init__(f"{code}: {info}")


# ------------------------------------------------------------------------------ values
def clean_value(v):
    """Sentinels ('none', '-', '') -> None; strings stripped."""
    if v is None:
        return None
    if isinstance(v, str):
        s = v.strip()
        return None if s.lower() in SENTINELS else s
    return v


def to_int(v):
    """Counts may be ints, floats or numeric strings ('12', '12.0'); sentinels -> None."""
    v = clean_value(v)
    if v is None or isinstance(v, bool):
        return None
    try:
        f = float(str(v).replace(",", "."))
    except (TypeError, ValueError):
        return None
    # '1e400', 10**30: not a count anyone cast; kept out (an int beyond 64 bits breaks the store)
    return int(f) if math.isfinite(f) and abs(f) < 2**53 else None


def to_bool(v):
    if isinstance(v, bool):
        return v
    v = clean_value(v)
    if v is None:
        return None
    return str(v).lower() in ("1", "true", "yes", "ja", "wahr")


_TAG_BREAK = re.compile(r"<\s*(br|/p|/div|/li|p|div|li)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
# a tag left open at the end ('Keller voll <img src=x onerror="…"'): a browser still reads it as
# a tag, so it goes too; a '<' that cannot start a tag ('a < b', '<3') stays
_OPEN_TAG = re.compile(r"<[A-Za-z/!?][^<>]*$")
_SPACES = re.compile(r"[ \t\u00a0]+")
_NEWLINES = re.compile(r"\n{3,}")


def clean_text(raw, max_len=None):
    """Plain text from a contribution text that may hold a little HTML and undecoded entities:
    line-breaking tags become newlines, other tags go, entities are decoded (twice, for
    double-encoded '&amp;amp;'), whitespace is normalised. The result is never markup."""
    if raw is None:
        return None
    s = str(raw).replace("\r\n", "\n").replace("\r", "\n")
    s = _TAG_BREAK.sub("\n", s)
    s = _OPEN_TAG.sub("", _TAG.sub("", s))
    for _ in range(2):
        t = html.unescape(s)
        if t == s:
            break
        s = t
    s = _TAG.sub("", s)  # tags that were entity-encoded
    s = _OPEN_TAG.sub("", s)
    s = "\n".join(_SPACES.sub(" ", line).strip() for line in s.split("\n"))
    s = _NEWLINES.sub("\n\n", s).strip()
    if max_len and len(s) > max_len:
        s = s[: max_len - 1] + "…"
    return s or None


def parse_date(v):
    """ISO-8601 in UTC ('2022-06-01T14:03:22Z'), from DIPAS dates, '2022-06-01 14:03:22',
    German '01.06.2022 14:03' or epoch seconds; None when unreadable."""
    v = clean_value(v)
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return datetime.fromtimestamp(float(v), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    s = str(v)
    if s.isdigit():
        return parse_date(int(s))
    if re.match(r"\d{1,2}\.\d{1,2}\.\d{4}", s):  # German dates
        for fmt in ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y"):
            try:
                d = datetime.strptime(s, fmt).replace(tzinfo=timezone.utc)
                return d.strftime("%Y-%m-%dT%H:%M:%SZ")
            except ValueError:
                pass
        return None
    try:
        d = datetime.fromisoformat(s.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_iso():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------------------ coordinates
def _ranges(xs, ys):
    return min(xs), max(xs), min(ys), max(ys)


# Germany's extent in degrees, a little generous (for telling UTM zones 32 and 33 apart)
GERMANY_LONLAT = (5.5, 47.0, 15.5, 55.2)
_UTM_DE = (25832, 25833)
_CRS_CONTEXT = contextvars.ContextVar("smartplan_crs_context", default=None)


class CrsContext:
    """What the caller knows about unlabelled coordinates (``hint``: the EPSG code of the QGIS
    project or the analysis data, used when the extent fits both UTM zones) and, after parsing,
    the ``assumed`` CRS choices the user must be told about: [(code, info)]."""

    def __init__(self, hint=None):
        self.hint = hint
        self.assumed = []


@contextlib.contextmanager
def crs_context(hint=None):
    """``with crs_context(25833) as ctx: parse…``; then ``ctx.assumed`` names each assumption."""
    ctx = CrsContext(hint)
    token = _CRS_CONTEXT.set(ctx)
    try:
        yield ctx
    finally:
        _CRS_CONTEXT.reset(token)


def lonlat_transform(epsg):
    """An OSR transformation from ``epsg`` to lon/lat (x = lon, y = lat, both ways)."""
    from osgeo import osr

    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(epsg)
    dst.ImportFromEPSG(4326)
    for sr in (src, dst):
        sr.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(src, dst)


def _in_germany(epsg, x0, x1, y0, y1):
    tr = lonlat_transform(epsg)
    lo0, la0, lo1, la1 = GERMANY_LONLAT
    for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1)):
        lon, lat = tr.TransformPoint(x, y)[:2]
        if not (lo0 <= lon <= lo1 and la0 <= lat <= la1):
            return False
    return True


def utm_zone(x0, x1, y0, y1, label=None, hint=None):
    """EPSG:25832 or 25833 for unlabelled (or mislabelled) UTM coordinates: the zone in which the
    extent lies in Germany; when it does in both (x ≈ 280–520 km: the west in zone 32, the east
    in zone 33), the caller's hint, else 25832 — and then the assumption is recorded in the
    current ``crs_context`` for a warning. Returns the EPSG code."""
    if label in (25832, 25833, 32632, 32633):
        return label
    fits = [e for e in _UTM_DE if _in_germany(e, x0, x1, y0, y1)]
    if len(fits) == 1:
        return fits[0]
    ctx = _CRS_CONTEXT.get()
    hint = ctx.hint if ctx is not None and hint is None else hint
    epsg = hint if hint in _UTM_DE and (hint in fits or not fits) else 25832
    if ctx is not None:
        other = 25833 if epsg == 25832 else 25832
        info = {"epsg": epsg, "other": other, "from_project": epsg == hint, "in_germany": bool(fits)}
        if ("assumed_crs", info) not in ctx.assumed:
            ctx.assumed.append(("assumed_crs", info))
    return epsg


def detect_crs(xs, ys, label=None):
    """The CRS of coordinates by their ranges (labels are checked, not trusted).

    Returns (epsg, swapped): 4326 degrees (swapped when lat/lon order: x 47-55, y 5-16 in
    Germany), 25832/25833 UTM (x 160k-950k, y 5.1-6.2 M; the label, else the zone in which the
    extent lies in Germany, else the context's hint or 25832 with a recorded assumption:
    ``utm_zone``), 3146x Gauß-Krüger (zone from the x prefix). Raises
    FeedbackError('unknown_coordinates')."""
    xs = [float(x) for x in xs]
    ys = [float(y) for y in ys]
    if not xs:
        return 4326, False
    x0, x1, y0, y1 = _ranges(xs, ys)
    lab = None
    if label is not None:
        m = re.search(r"(\d{4,5})\s*$", str(label))
        lab = int(m.group(1)) if m else None
    if -180 <= x0 and x1 <= 180 and -90 <= y0 and y1 <= 90:
        if 47 <= x0 and x1 <= 56 and 5 <= y0 and y1 <= 16:
            return 4326, True
        return 4326, False
    if 5.1e6 <= y0 and y1 <= 6.2e6:
        if 1.6e5 <= x0 and x1 <= 9.5e5:
            return utm_zone(x0, x1, y0, y1, lab), False
        if 2.3e6 <= x0 and x1 < 6.0e6 and int(x0 // 1e6) == int(x1 // 1e6):
            return 31464 + int(x0 // 1e6), False
    if 5.1e6 <= x0 and x1 <= 6.2e6 and 1.6e5 <= y0 and y1 <= 9.5e5:  # swapped UTM (northing first)
        return utm_zone(y0, y1, x0, x1, lab if lab in _UTM_DE else None), True
    raise FeedbackError("unknown_coordinates", x=(x0, x1), y=(y0, y1))


def _coords_iter(geom):
    t, c = geom["type"], geom["coordinates"]
    if t == "Point":
        yield c
    elif t in ("LineString", "MultiPoint"):
        yield from c
    elif t in ("Polygon", "MultiLineString"):
        for ring in c:
            yield from ring
    elif t == "MultiPolygon":
        for poly in c:
            for ring in poly:
                yield from ring


def _map_coords(geom, fn):
    def rec(c):
        if c and isinstance(c[0], (int, float)):
            return list(fn(c[0], c[1]))
        return [rec(x) for x in c]

    return {"type": geom["type"], "coordinates": rec(geom["coordinates"])}


def to_lonlat(geoms, label=None):
    """Transform a list of geometries (None allowed) to lon/lat after detecting their CRS
    together. Returns (geometries, epsg, swapped)."""
    pts = [p for g in geoms if g for p in _coords_iter(g)]
    epsg, swapped = detect_crs([p[0] for p in pts], [p[1] for p in pts], label)
    if swapped:
        geoms = [_map_coords(g, lambda x, y: (y, x)) if g else None for g in geoms]
    if epsg == 4326:
        return geoms, epsg, swapped
    ct = lonlat_transform(epsg)
    return (
        [_map_coords(g, lambda x, y: ct.TransformPoint(x, y)[:2]) if g else None for g in geoms],
        epsg,
        swapped,
    )


def valid_geometry(geom):
    """A GeoJSON geometry dict of a supported type with coordinates, or None."""
    if not isinstance(geom, dict) or not geom.get("coordinates"):
        return None
    if geom.get("type") not in (
        "Point",
        "LineString",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
    ):
        return None
    try:
        pts = list(_coords_iter(geom))
        if not pts or any(len(p) < 2 for p in pts):
            return None
        if not all(math.isfinite(float(p[0]) + float(p[1])) for p in pts):
            return None
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    if any(not isinstance(c, (int, float)) or isinstance(c, bool) for p in pts for c in p[:2]):
        # numbers sent as strings ("53.5"): the same geometry with real numbers
        def num(c):
            return (
                [float(x) for x in c[:2]] + list(c[2:])
                if not isinstance(c[0], (list, tuple))
                else [num(x) for x in c]
            )

        geom = {"type": geom["type"], "coordinates": num(geom["coordinates"])}
    return geom


def is_null_island(geom):
    return (
        geom is not None
        and geom["type"] == "Point"
        and abs(float(geom["coordinates"][0])) < 1e-9
        and abs(float(geom["coordinates"][1])) < 1e-9
    )


def geometry_kind(geom):
    """'point', 'line' or 'area' (storage layer of a geometry), None without geometry."""
    if geom is None:
        return None
    t = geom["type"]
    return "point" if "Point" in t else "line" if "LineString" in t else "area"


def same_geometry(a, b, tol=1e-7):
    if a is None or b is None or a.get("type") != b.get("type"):
        return False
    pa, pb = list(_coords_iter(a)), list(_coords_iter(b))
    return len(pa) == len(pb) and all(
        abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol for p, q in zip(pa, pb)
    )


# ------------------------------------------------------------------------------ records
def new_record(**kw):
    rec = dict.fromkeys(FIELD_NAMES)
    rec.update(kw)
    rec["uid"] = make_uid(rec["source_host"], rec["project_id"], rec["contribution_id"])
    if rec.get("rating") is None and (
        rec.get("votes_pro") is not None or rec.get("votes_contra") is not None
    ):
        rec["rating"] = (rec.get("votes_pro") or 0) - (rec.get("votes_contra") or 0)
    rec.setdefault("status", "active")
    rec["status"] = rec["status"] or "active"
    rec["keywords"] = public_keywords(rec.get("keywords"), rec.get("author"), rec.get("email"))
    return rec


def public_keywords(keywords, author=None, email=None):
    """Keywords are public (exports, the keyword chart): a keyword that holds an e-mail address
    or a phone number, or that is the author's name, a part of it or a part of the e-mail
    address, is dropped. Returns the comma-separated rest, or None."""
    if not keywords:
        return keywords
    private = set()
    for v in (author, email):
        if v:
            private |= {p.lower() for p in re.split(r"[\s@.,;_+-]+", str(v)) if len(p) >= 3}
            private.add(str(v).strip().lower())
    keep = []
    for k in str(keywords).split(","):
        k = k.strip()
        if (
            not k
            or redact(k) != k
            or k.lower() in private
            or any(p in private for p in re.split(r"[\s@.]+", k.lower()) if len(p) >= 3)
        ):
            continue
        keep.append(k)
    return ", ".join(keep) or None


def make_uid(host, project, cid):
    return f"{host or ''}|{project or ''}|{cid}"


def _keywords(*vals):
    out = []
    for v in vals:
        v = clean_value(v)
        if not v:
            continue
        for k in v if isinstance(v, list) else str(v).split(","):
            k = str(k).strip()
            if k and k.lower() not in SENTINELS and k not in out:
                out.append(k)
    return ", ".join(out) or None


def _extra(props, known):
    rest = {k: v for k, v in props.items() if k not in known and k != "commentedBy"}
    return json.dumps(rest, ensure_ascii=False, default=str) if rest else None


PDS_KNOWN = {
    "id",
    "dateCreated",
    "link",
    "title",
    "contributionType",
    "contributionContent",
    "commentsNumber",
    "category",
    "votingPro",
    "votingContra",
    "keywordSuggested",
    "keywordPicked",
    "belongToProject",
    "dipasLocated",
    "customAttribute",
    "originalGeometryType",
}


def parse_pds_contributions(
    fc, host, project_id=None, project_geometry=None, source_type="dipas_pds", crs_label=None, max_text=None
):
    """Records (and comments) from a PDS contributions FeatureCollection (also the
    ``commentedcontributions`` answer and CoSI exports, which use the same property names).

    Unlocated items (``dipasLocated`` false, Point [0, 0], or the project area substituted by the
    server) get no geometry. Coordinates are detected (lon/lat, swapped, UTM, GK) and brought to
    lon/lat. Returns (records, comments)."""
    if not isinstance(fc, dict):
        raise FeedbackError("not_geojson")
    if fc.get("status") == "error":
        raise FeedbackError("api_error", message=str(fc.get("message", ""))[:300])
    feats = fc.get("features")
    if feats is None or fc.get("type", "FeatureCollection") != "FeatureCollection":
        raise FeedbackError("not_geojson")
    records, comments, geoms = [], [], []
    for f in feats:
        if not isinstance(f, dict):
            continue
        p = f.get("properties") if isinstance(f.get("properties"), dict) else {}
        cid = clean_value(p.get("id"))
        if cid is None:
            cid = clean_value(f.get("id"))
        if cid is None:
            continue
        cid = str(cid)
        geom = valid_geometry(f.get("geometry"))
        located = to_bool(p.get("dipasLocated"))
        if (
            located is False
            or is_null_island(geom)
            or (project_geometry is not None and same_geometry(geom, project_geometry))
        ):
            geom, located = None, False
        elif geom is not None:
            located = True
        else:
            located = False
        pro, contra = to_int(p.get("votingPro")), to_int(p.get("votingContra"))
        raw = p.get("contributionContent")
        rec = new_record(
            source_host=host,
            source_type=source_type,
            project_id=str(clean_value(p.get("belongToProject")) or project_id or ""),
            contribution_id=cid,
            title=clean_text(p.get("title"), 255),
            text=clean_text(raw, max_text),
            text_raw=None if raw is None else str(raw),
            category=clean_value(p.get("category")),
            rubric=clean_value(p.get("contributionType")),
            created=parse_date(p.get("dateCreated")),
            votes_pro=pro,
            votes_contra=contra,
            comments_count=to_int(p.get("commentsNumber")),
            keywords=_keywords(p.get("keywordPicked"), p.get("keywordSuggested")),
            link=clean_value(p.get("link")),
            located=located,
            original_geometry_type=clean_value(p.get("originalGeometryType")),
            extra=_extra(p, PDS_KNOWN),
        )
        if project_id and not p.get("belongToProject"):
            rec["project_id"] = str(project_id)
            rec["uid"] = make_uid(host, rec["project_id"], cid)
        records.append(rec)
        geoms.append(geom)
        if p.get("commentedBy"):
            comments += flatten_comments(p["commentedBy"], rec["uid"])
    if any(geoms):
        geoms, _, _ = to_lonlat(geoms, crs_label)
    for rec, g in zip(records, geoms):
        rec["geometry"] = g
        rec["geometry_type"] = g["type"] if g else None
    return records, comments


def flatten_comments(tree, contribution_uid, parent=None, depth=0):
    """Rows of a (recursive) DIPAS comment tree: comment_id, parent_id, depth, cleaned text."""
    out = []
    if isinstance(tree, dict):
        tree = tree.get("comments") or tree.get("commentedBy") or list(tree.values())
    for c in tree or []:
        if not isinstance(c, dict):
            continue
        cid = clean_value(c.get("id"))
        raw = c.get("commentContent")
        out.append(
            {
                "comment_id": None if cid is None else str(cid),
                "contribution_uid": contribution_uid,
                "parent_id": parent,
                "depth": depth,
                "created": parse_date(c.get("dateCreated")),
                "title": clean_text(c.get("title"), 255),
                "text": clean_text(raw),
                "text_raw": None if raw is None else str(raw),
            }
        )
        if c.get("commentedBy"):
            out += flatten_comments(c["commentedBy"], contribution_uid, out[-1]["comment_id"], depth + 1)
    return out


def parse_comments_answer(fc, contribution_uid):
    """The ``.../contributions/{nid}/comments`` answer: one feature whose property is ``comments``."""
    feats = (fc or {}).get("features") or []
    tree = feats[0].get("properties", {}).get("comments") if feats else []
    return flatten_comments(tree or [], contribution_uid)


def parse_projects(fc):
    """Projects from ``/dipas-pds/projects``: id, name, phase, dates, contribution count, area."""
    if isinstance(fc, dict) and fc.get("status") == "error":
        raise FeedbackError("api_error", message=str(fc.get("message", ""))[:300])
    if not isinstance(fc, dict) or "features" not in fc:
        raise FeedbackError("not_geojson")
    out = []
    for f in fc["features"] if isinstance(fc["features"], list) else []:
        if not isinstance(f, dict):  # junk in the list: skipped
            continue
        p = f.get("properties") if isinstance(f.get("properties"), dict) else {}
        pid = clean_value(p.get("id"))
        if pid is None:
            continue
        has = p.get("hasParticipatoryText")
        count = len(has) if isinstance(has, list) else to_int(has)
        out.append(
            {
                "id": str(pid),
                "name": clean_text(p.get("nameFull")) or str(pid),
                "phase": clean_value(p.get("dipasPhase")),
                "start": clean_value(p.get("dateStart")),
                "end": clean_value(p.get("dateEnd")),
                "count": count,
                "district": clean_value(p.get("dipasMainDistrict")),
                "website": clean_value(p.get("website")),
                "categories": standard_categories(p.get("standardCategories")),
                "geometry": valid_geometry(f.get("geometry")),
            }
        )
    return out


def standard_categories(v):
    """Category names from ``standardCategories`` in both shapes (before 2.2 {tid: name}, from 2.2
    {tid: {id, name, description, weight}}, possibly a JSON array), ordered by weight."""
    if isinstance(v, str):
        try:
            v = json.loads(v)
        except ValueError:
            return []
    items = v.values() if isinstance(v, dict) else v if isinstance(v, list) else []
    out = []
    for i, it in enumerate(items):
        if isinstance(it, dict):
            name = clean_value(it.get("name"))
            w = to_int(it.get("weight"))
        else:
            name, w = clean_value(it), None
        if name:
            out.append((w if w is not None else i, i, str(name)))
    return [n for _, _, n in sorted(out)]


def _colour(v):
    """'#rrggbb' from '#rgb', '#rrggbb', 'rgb(…)' or an [r, g, b(, a)] list."""
    if isinstance(v, (list, tuple)) and len(v) >= 3:
        try:
            return "#" + "".join(f"{max(0, min(255, int(float(c)))):02x}" for c in v[:3])
        except (TypeError, ValueError):
            return None
    if isinstance(v, str):
        s = v.strip()
        if re.fullmatch(r"#[0-9a-fA-F]{6}", s):
            return s.lower()
        if re.fullmatch(r"#[0-9a-fA-F]{3}", s):
            return "#" + "".join(c * 2 for c in s[1:]).lower()
        m = re.fullmatch(r"rgba?\(([^)]*)\)", s)
        if m:
            return _colour(m.group(1).split(","))
    return None


def categories_from_init(init):
    """Category styles from ``/drupal/dipas/init``: {name: {colour, icon, weight, description}}."""
    cats = ((init or {}).get("taxonomy") or {}).get("categories") or []
    out = {}
    for i, c in enumerate(cats):
        if not isinstance(c, dict) or not clean_value(c.get("name")):
            continue
        icon = clean_value(c.get("field_category_icon"))
        if isinstance(icon, dict):
            icon = icon.get("url")
        out[str(c["name"]).strip()] = {
            "colour": _colour(c.get("field_color")),
            "icon": icon,
            "weight": to_int(c.get("weight")) if to_int(c.get("weight")) is not None else i,
            "description": clean_text(c.get("description")),
        }
    return out


def rubrics_from_init(init):
    rub = ((init or {}).get("taxonomy") or {}).get("rubrics") or []
    return [str(r.get("name")).strip() for r in rub if isinstance(r, dict) and clean_value(r.get("name"))]


def categories_from_layerstyles(styles):
    """Category styles from Masterportal ``layerstyles.json`` (style ``contributions``: one rule
    per category on ``properties.Thema``)."""
    if isinstance(styles, dict):
        styles = styles.get("styles") or [styles]
    out = {}
    for st in styles or []:
        if not isinstance(st, dict) or st.get("styleId") not in ("contributions", None):
            continue
        for i, rule in enumerate(st.get("rules") or []):
            cond = ((rule or {}).get("conditions") or {}).get("properties") or {}
            name = clean_value(cond.get("Thema"))
            if not name:
                continue
            s = rule.get("style") or {}
            colour = None
            for k in (
                "lineStrokeColor",
                "polygonStrokeColor",
                "circleFillColor",
                "polygonFillColor",
                "circleStrokeColor",
            ):
                colour = colour or _colour(s.get(k))
            icon = s.get("imageName") or s.get("imagePath")
            out[str(name)] = {"colour": colour, "icon": clean_value(icon), "weight": i, "description": None}
    return out


def category_styles(names, known=None):
    """{name: style} for every category name, from the project's styles where known and the
    fallback palette otherwise (stable: ordered by weight, then name)."""
    known = dict(known or {})
    out = {}
    order = sorted(set(names) | set(known), key=lambda n: (known.get(n, {}).get("weight", 10**6), n))
    free = [c for c in PALETTE if c not in {k.get("colour") for k in known.values()}] or list(PALETTE)
    j = 0
    for n in order:
        st = dict(known.get(n) or {"icon": None, "weight": 10**6, "description": None})
        if not st.get("colour"):
            st["colour"] = free[j % len(free)]
            j += 1
        out[n] = st
    return out


def parse_masterportal_feed(fc, host, project_id):
    """The Masterportal layer feed: properties nid, name, description, link, Thema, Rubric."""
    if not isinstance(fc, dict) or "features" not in fc:
        raise FeedbackError("not_geojson")
    recs, geoms = [], []
    for f in fc["features"] if isinstance(fc["features"], list) else []:
        if not isinstance(f, dict):  # junk in the list: skipped
            continue
        p = f.get("properties") if isinstance(f.get("properties"), dict) else {}
        cid = clean_value(p.get("nid"))
        if cid is None:
            continue
        g = valid_geometry(f.get("geometry"))
        raw = p.get("description")
        recs.append(
            new_record(
                source_host=host,
                source_type="masterportal",
                project_id=str(project_id or ""),
                contribution_id=str(cid),
                title=clean_text(p.get("name"), 255),
                text=clean_text(raw),
                text_raw=None if raw is None else str(raw),
                category=clean_value(p.get("Thema")),
                rubric=clean_value(p.get("Rubric")),
                link=clean_value(p.get("link")),
                located=g is not None,
                extra=_extra(p, {"nid", "name", "description", "link", "Thema", "Rubric"}),
            )
        )
        geoms.append(g)
    if any(geoms):
        geoms, _, _ = to_lonlat(geoms)
    for r, g in zip(recs, geoms):
        r["geometry"], r["geometry_type"] = g, (g["type"] if g else None)
    return recs


def read_csv_text(data):
    """Decode CSV bytes/str (UTF-8 with or without BOM, else Windows-1252 — what Excel writes in
    Germany: „ “ – € — else Latin-1) and sniff ';' or ','."""
    import csv
    import io

    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d, …)
                text = data.decode("latin-1")
    else:
        text = data.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delim = (
        ";" if first.count(";") > first.count(",") else "\t" if first.count("\t") > first.count(",") else ","
    )
    # a contribution's text may be long (the csv module stops at 128 KB a field); 64 MB is a limit
    # no honest export reaches
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delim))
    return rows, [
        h for h in (rows[0].keys() if rows else next(csv.reader(io.StringIO(first), delimiter=delim), []))
    ]


def parse_dipas_csv(rows, host, project_id, located=None):
    """The DIPAS admin CSV export (no coordinates): joined on ``Node ID`` with ``located`` PDS
    records (uid -> record) where given; the others are unlocated contributions."""
    by_id = {r["contribution_id"]: r for r in (located or [])}
    out = []
    for row in rows:
        cid = clean_value(row.get("Node ID"))
        if cid is None:
            continue
        raw = row.get("Contributiontext")
        pro, contra = to_int(row.get("Upvotes")), to_int(row.get("Downvotes"))
        rec = new_record(
            source_host=host,
            source_type="dipas_csv",
            project_id=str(project_id or ""),
            contribution_id=str(cid),
            title=clean_text(row.get("Title"), 255),
            text=clean_text(raw),
            text_raw=raw,
            category=clean_value(row.get("Category")),
            rubric=clean_value(row.get("Rubric")),
            created=parse_date(row.get("Created (UTC)")),
            votes_pro=pro,
            votes_contra=contra,
            rating=to_int(row.get("Rating")),
            comments_count=to_int(row.get("Comments")),
            keywords=_keywords(row.get("Selected Keywords"), row.get("Suggested Keywords")),
            original_geometry_type=clean_value(row.get("Contribution Type")),
            located=False,
            extra=_extra(
                row,
                {
                    "Node ID",
                    "Category",
                    "Rubric",
                    "Created (UTC)",
                    "Rating",
                    "Upvotes",
                    "Downvotes",
                    "Comments",
                    "Title",
                    "Contributiontext",
                    "Selected Keywords",
                    "Suggested Keywords",
                    "Contribution Type",
                },
            ),
        )
        rec["geometry"] = None
        pds = by_id.get(str(cid))
        if pds is not None and pds.get("geometry"):
            rec["geometry"] = pds["geometry"]
            rec["geometry_type"] = pds["geometry"]["type"]
            rec["located"] = True
            rec["link"] = pds.get("link")
        out.append(rec)
    return out


# generic sources: canonical field -> candidates (case-insensitive) for the automatic mapping
MAPPING_CANDIDATES = {
    "contribution_id": ("id", "nid", "node id", "contribution_id", "service_request_id", "fid", "objectid"),
    "title": ("title", "titel", "name", "subject", "service_name"),
    "text": (
        "contributioncontent",
        "text",
        "description",
        "body",
        "beschreibung",
        "content",
        "kommentar",
        "comment",
        "contributiontext",
    ),
    "category": ("category", "kategorie", "thema", "topic", "service_name"),
    "rubric": ("contributiontype", "rubric", "rubrik", "type", "typ"),
    "created": (
        "datecreated",
        "created",
        "created (utc)",
        "date",
        "datum",
        "published_at",
        "requested_datetime",
        "timestamp",
    ),
    "votes_pro": ("votingpro", "upvotes", "votes_pro", "supports", "votes", "cached_votes_up", "likes"),
    "votes_contra": ("votingcontra", "downvotes", "votes_contra", "dislikes"),
    "comments_count": ("commentsnumber", "comments", "comments_count", "kommentare"),
    "keywords": ("keywordpicked", "keywords", "tags", "schlagworte"),
    "link": ("link", "url", "href"),
    "author": ("author", "user", "creator", "username", "name_author", "verfasser"),
    "email": ("email", "e-mail", "creator_email", "mail"),
    "x": ("lon", "lng", "longitude", "x", "long", "location_lon", "rechtswert", "easting"),
    "y": ("lat", "latitude", "y", "location_lat", "hochwert", "northing"),
}


def guess_mapping(headers):
    """Canonical field -> source column by name, for the field-mapping dialog's first proposal."""
    low = {h.lower().strip(): h for h in headers if h}
    out = {}
    for canon, cands in MAPPING_CANDIDATES.items():
        for c in cands:
            if c in low and low[c] not in out.values():
                out[canon] = low[c]
                break
    return out


def mapping_signature(headers):
    """A stable key of a header set, to remember a user's mapping for files of the same shape."""
    return "|".join(sorted(h.lower().strip() for h in headers if h))


def parse_mapped(rows, mapping, host, project_id, source_type, geometries=None, crs_label=None):
    """Records from generic rows (dicts) with a field mapping canonical -> source column.
    ``geometries``: GeoJSON geometries per row (GeoJSON/GeoPackage); else x/y columns. The key
    ``crs`` (not a column: e.g. ``"EPSG:25833"``) labels unlabelled coordinates."""
    crs_label = crs_label or mapping.get("crs")
    if not mapping.get("contribution_id") and not rows:
        return []
    recs, geoms = [], []
    for i, row in enumerate(rows):

        def get(k, row=row):
            col = mapping.get(k)
            return row.get(col) if col else None

        cid = clean_value(get("contribution_id"))
        cid = str(cid) if cid is not None else str(i + 1)
        g = None
        if geometries is not None:
            g = valid_geometry(geometries[i])
        elif mapping.get("x") and mapping.get("y"):
            try:
                x, y = float(str(get("x")).replace(",", ".")), float(str(get("y")).replace(",", "."))
                g = {"type": "Point", "coordinates": [x, y]}
            except (TypeError, ValueError):
                g = None
        if is_null_island(g):
            g = None
        if g is None and not any(clean_value(v) is not None for v in row.values()):
            continue  # an empty row or feature (junk): no contribution
        raw = get("text")
        pro, contra = to_int(get("votes_pro")), to_int(get("votes_contra"))
        known = {v for v in mapping.values() if v}
        recs.append(
            new_record(
                source_host=host,
                source_type=source_type,
                project_id=str(project_id or ""),
                contribution_id=cid,
                title=clean_text(get("title"), 255),
                text=clean_text(raw),
                text_raw=None if raw is None else str(raw),
                category=clean_value(get("category")),
                rubric=clean_value(get("rubric")),
                created=parse_date(get("created")),
                votes_pro=pro,
                votes_contra=contra,
                comments_count=to_int(get("comments_count")),
                keywords=_keywords(get("keywords")),
                link=clean_value(get("link")),
                located=g is not None,
                author=None if get("author") is None else str(get("author")),
                email=None if get("email") is None else str(get("email")),
                extra=_extra({k: v for k, v in row.items() if k}, known),
            )
        )
        geoms.append(g)
    if any(geoms):
        geoms, _, _ = to_lonlat(geoms, crs_label)
    for r, g in zip(recs, geoms):
        r["geometry"], r["geometry_type"] = g, (g["type"] if g else None)
    return recs


# ------------------------------------------------------------------------------ merge
def separate_duplicates(records):
    """Contributions of one answer that share an id. Rule: a copy with the same content (and
    location) is dropped; a contribution with other content is kept as a contribution of its own,
    its id suffixed '~2', '~3' … in the order of the source (stable over re-imports of the same
    answer). Nothing is merged silently. Returns (records, report) with report = {'identical':
    [ids], 'renamed': [(id, new id)]}."""
    first, out = {}, []
    report = {"identical": [], "renamed": []}
    seq = {}
    for r in records:
        uid = r["uid"]
        if uid not in first:
            first[uid] = [r]
            out.append(r)
            continue
        same = any(
            all(_norm(p.get(k)) == _norm(r.get(k)) for k in FIELD_NAMES if k not in _BOOKKEEPING)
            and (p.get("geometry") is None) == (r.get("geometry") is None)
            and (p.get("geometry") is None or same_geometry(p["geometry"], r["geometry"], 1e-9))
            for p in first[uid]
        )
        if same:
            report["identical"].append(r.get("contribution_id"))
            continue
        seq[uid] = seq.get(uid, 1) + 1
        cid = f"{r.get('contribution_id')}~{seq[uid]}"
        r = dict(r, contribution_id=cid, uid=make_uid(r.get("source_host"), r.get("project_id"), cid))
        first[uid].append(r)
        report["renamed"].append((records_id(r), cid))
        out.append(r)
    return out, report


def records_id(r):
    """The id a contribution had in its source (before a '~n' suffix for duplicates)."""
    return str(r.get("contribution_id")).rsplit("~", 1)[0]


def rehost(records, comments, old_host, new_host, project_id):
    """Records (and their comments) of (``old_host``, project) moved to ``new_host``: new uids,
    the same contributions. Returns (records, comments)."""
    moved = {}
    out = []
    for r in records:
        if (
            r.get("source_host") == old_host
            and str(r.get("project_id")) == str(project_id or "")
            and r.get("origin") != "table"
        ):
            r = dict(r, source_host=new_host)
            r["uid"] = make_uid(new_host, r.get("project_id"), r.get("contribution_id"))
            moved[records[len(out)]["uid"]] = r["uid"]
        out.append(r)
    if not moved:
        return records, comments
    comments = [
        dict(c, contribution_uid=moved.get(c.get("contribution_uid"), c.get("contribution_uid")))
        for c in comments
    ]
    return out, comments


def merge(old, new, host, project_id, expected=None):
    """Merge a fresh import ``new`` into the stored records ``old`` (both lists of dicts).

    Same uid: updated when any content field changed (``updated_at``), kept otherwise; new uids
    are added; stored records of this (host, project) missing from the answer are marked
    ``withdrawn`` (never deleted); other sources' records are kept untouched. Records added at the
    planning table (origin 'table') are never withdrawn by an import.
    An empty answer while the project says it has contributions (``expected`` > 0) or while
    active records are stored is suspicious: FeedbackError('suspicious_empty') and nothing changes.
    Returns (records, counts)."""
    mine = [
        r
        for r in old
        if r.get("source_host") == host
        and str(r.get("project_id")) == str(project_id or "")
        and r.get("origin") != "table"
    ]
    if not new and ((expected or 0) > 0 or any(r.get("status") == "active" for r in mine)):
        raise FeedbackError("suspicious_empty", expected=expected or len(mine))
    stamp = now_iso()
    by_uid = {r["uid"]: r for r in old}
    seen = set()
    counts = {"added": 0, "updated": 0, "unchanged": 0, "withdrawn": 0, "restored": 0}
    for r in new:
        seen.add(r["uid"])
        prev = by_uid.get(r["uid"])
        r = dict(r)
        if prev is None:
            r.update(status="active", imported_at=stamp, updated_at=stamp)
            r["origin"] = r.get("origin") or "import"
            counts["added"] += 1
        else:
            changed = any(
                _norm(prev.get(k)) != _norm(r.get(k))
                for k in FIELD_NAMES
                if k not in _BOOKKEEPING and k != "origin"
            )
            pg, ng = prev.get("geometry"), r.get("geometry")
            changed |= (pg is None) != (ng is None) or (pg is not None and not same_geometry(pg, ng, 1e-9))
            was_withdrawn = prev.get("status") == "withdrawn"
            r.update(
                status="active",
                imported_at=prev.get("imported_at") or stamp,
                origin=prev.get("origin") or "import",
                updated_at=stamp if changed or was_withdrawn else prev.get("updated_at"),
            )
            counts["restored" if was_withdrawn else "updated" if changed else "unchanged"] += 1
        by_uid[r["uid"]] = r
    for r in mine:
        if r["uid"] not in seen and r.get("status") != "withdrawn":
            w = dict(r)
            w.update(status="withdrawn", updated_at=stamp)
            by_uid[r["uid"]] = w
            counts["withdrawn"] += 1
    return list(by_uid.values()), counts


def _norm(v):
    if isinstance(v, dict):
        return json.dumps(v, sort_keys=True)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


# ------------------------------------------------------------------------------ privacy
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/])(\+|00)?\(?\d[\d ()/\-.]{6,}\d(?![\w/])")
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}[ -]\d{1,2}")
_PARCEL_WORDS = re.compile(r"(flurst(ü|ue)ck|flst|flur|gemarkung|parzelle)\W*(nr\.?)?\W*$", re.I)
_PHONE_WORDS = re.compile(r"(tel|telefon|phone|handy|mobil|ruf|fon|fax)\W*(nr\.?)?\W*$", re.I)


def redact(text):
    """E-mail addresses and phone numbers in free text replaced by placeholders."""
    if not text:
        return text
    text = _EMAIL.sub("[E-Mail entfernt]", text)

    def phone(m):
        s = m.group(0)
        digits = re.sub(r"\D", "", s)
        before = text[max(0, m.start() - 16) : m.start()]
        if len(digits) < 7 or _DATE.fullmatch(s.strip()) or _PARCEL_WORDS.search(before):
            return s  # short numbers, dates (01.06.2022, 2022-06-01), parcel numbers (Flurstück 117/2)
        if s.lstrip("(").startswith(("+", "0")) or _PHONE_WORDS.search(before):
            return "[Telefon entfernt]"  # German numbers start with 0, +49 or 0049; or 'Tel. 428 28-0'
        return s  # other numbers (Grundstück 12345/678, Aktenzeichen) stay

    return _PHONE.sub(phone, text)


def public_view(rec, redact_text=True):
    """Only allow-listed fields (never author or e-mail); texts optionally redacted."""
    out = {k: rec.get(k) for k in PUBLIC_FIELDS}
    if redact_text:
        out["title"] = redact(out.get("title"))
        out["text"] = redact(out.get("text"))
    return out


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
