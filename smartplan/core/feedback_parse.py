"""Readers of participation formats (no QGIS): DIPAS PDS, Masterportal, DIPAS CSV, CoSI, mapped files."""

import json
import re

from .feedback_geo import is_null_island, same_geometry, to_lonlat, valid_geometry
from .feedback_model import (
    PALETTE,
    FeedbackError,
    _extra,
    _keywords,
    clean_text,
    clean_value,
    make_uid,
    new_record,
    parse_date,
    to_bool,
    to_int,
)

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
