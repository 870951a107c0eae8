"""The participation record model (no QGIS): schema, values, cleaned text, records."""

import html
import json
import math
import re
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
