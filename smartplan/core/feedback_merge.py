"""Merging imports and protecting personal data (no QGIS): duplicates, re-hosting, merge, redaction."""

import json

from .feedback_geo import same_geometry
from .feedback_model import _BOOKKEEPING, FIELD_NAMES, PUBLIC_FIELDS, FeedbackError, make_uid, now_iso, redact


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
def public_view(rec, redact_text=True):
    """Only allow-listed fields (never author or e-mail); texts optionally redacted."""
    out = {k: rec.get(k) for k in PUBLIC_FIELDS}
    if redact_text:
        out["title"] = redact(out.get("title"))
        out["text"] = redact(out.get("text"))
    return out
