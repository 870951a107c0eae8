"""Charts and the one-page summary of citizen feedback (matplotlib Agg: works headless), and the
export of a (filtered) set of contributions to GeoPackage / CSV / GeoJSON. No QGIS import.
Texts from citizens are drawn as plain text (matplotlib does not interpret markup with usetex off)."""

import csv
import io
import json
import os

from ..core import feedback as fb
from .files import replacing
from .report import mpl_text

CHARTS = ("per_category", "per_rubric", "per_day", "top_rating", "top_comments", "keywords")


def _fig(w=6.0, h=3.0, dpi=100):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(w, h), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def _png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _short(s, n=38):
    s = (s or "—").replace("\n", " ")
    return mpl_text(s if len(s) <= n else s[: n - 1] + "…")  # no mathtext from citizens' text


def draw_chart(ax, name, st, labels):
    """One statistics chart on ``ax``; ``labels``: translated titles {name: text, 'empty': text}."""
    ax.set_title(labels.get(name, name), fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    if name == "per_category":
        items = st["per_category"]
        if items:
            ax.barh(
                [_short(c, 24) for c, _, _ in items][::-1],
                [n for _, n, _ in items][::-1],
                color=[col or "#999999" for _, _, col in items][::-1],
            )
    elif name == "per_rubric":
        items = st["per_rubric"]
        if items:
            ax.barh([_short(c, 24) for c, _ in items][::-1], [n for _, n in items][::-1], color="#4a78a8")
    elif name == "per_day":
        items = st["per_day"]
        if items:
            from datetime import date

            days = [date.fromisoformat(d) for d, _ in items]
            ax.bar(days, [n for _, n in items], color="#4a78a8", width=0.8)
            from matplotlib.dates import AutoDateLocator, DateFormatter

            ax.xaxis.set_major_locator(AutoDateLocator(maxticks=6))
            ax.xaxis.set_major_formatter(DateFormatter("%d.%m."))
    elif name in ("top_rating", "top_comments"):
        key = "rating" if name == "top_rating" else "comments_count"
        items = [r for r in st[name] if (r.get(key) or 0) > 0][:8]
        if items:
            # numeric positions: several contributions may share a title; titles are redacted
            pos = list(range(len(items)))[::-1]
            ax.barh(pos, [r.get(key) or 0 for r in items], color="#7a9a3a" if key == "rating" else "#a86a3a")
            ax.set_yticks(pos)
            ax.set_yticklabels([_short(fb.redact(r.get("title")), 28) for r in items])
    elif name == "keywords":
        items = st["keywords"][:12]
        if items:
            ax.barh([_short(k, 24) for k, _ in items][::-1], [n for _, n in items][::-1], color="#6a5aa8")
    if not ax.has_data():
        ax.text(
            0.5, 0.5, labels.get("empty", "—"), ha="center", va="center", transform=ax.transAxes, color="#777"
        )
        ax.set_xticks([])
        ax.set_yticks([])
    ax.tick_params(labelsize=8)


def chart_png(name, st, labels, w=5.0, h=2.8, dpi=100):
    """One chart as PNG, ``w`` × ``h`` inches at ``dpi`` (the panel draws it as wide as it is)."""
    fig = _fig(w, h, dpi)
    ax = fig.add_subplot(111)
    draw_chart(ax, name, st, labels)
    # the title over the whole figure, from its left edge: over the axes alone it was cut off
    # in a narrow panel when long tick labels pushed the axes to the right
    title = ax.get_title()
    ax.set_title("")
    fig.suptitle(title, x=0.02, ha="left", fontsize=10)
    fig.tight_layout()
    return _png(fig)


def charts_sheet_png(st, labels, path=None):
    """All six charts on one sheet (the panel's 'export as PNG')."""
    fig = _fig(12, 10)
    for i, name in enumerate(CHARTS):
        draw_chart(fig.add_subplot(3, 2, i + 1), name, st, labels)
    fig.tight_layout()
    data = _png(fig)
    if path:
        with open(path, "wb") as fh:
            fh.write(data)
    return data


def summary_page(st, labels, path, title, subtitle="", map_png=None, filter_text=""):
    """A one-page A4 summary (PDF or PNG by the file extension): totals, map, per-category chart,
    timeline and the top contributions (public view: titles only, no personal data)."""
    import matplotlib.image as mpimg

    fig = _fig(8.27, 11.69)
    fig.text(0.06, 0.965, _short(title, 80), fontsize=16, weight="bold")
    fig.text(0.06, 0.945, _short(subtitle, 110), fontsize=9, color="#555")
    totals = labels.get("totals", "{total} / {located} / {comments} / {pro} / {contra}").format(
        total=st["total"],
        located=st["located"],
        comments=st["comments"],
        pro=st["votes_pro"],
        contra=st["votes_contra"],
    )
    fig.text(0.06, 0.92, totals, fontsize=10)
    if filter_text:
        fig.text(0.06, 0.903, _short(filter_text, 130), fontsize=8, color="#555")
    if map_png:
        ax = fig.add_axes([0.06, 0.56, 0.88, 0.33])
        ax.imshow(mpimg.imread(io.BytesIO(map_png), format="png"))
        ax.set_axis_off()
    draw_chart(fig.add_axes([0.20, 0.33, 0.30, 0.18]), "per_category", st, labels)
    draw_chart(fig.add_axes([0.60, 0.33, 0.34, 0.18]), "per_day", st, labels)
    draw_chart(fig.add_axes([0.20, 0.06, 0.22, 0.2]), "keywords", st, labels)
    draw_chart(fig.add_axes([0.66, 0.06, 0.28, 0.2]), "top_rating", st, labels)
    with replacing(path) as tmp:
        fig.savefig(tmp, format="pdf" if path.lower().endswith(".pdf") else "png")
    return path


EXPORT_FORMATS = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON", ".csv": "CSV"}


def export_records(path, records, public=True, redact_text=True):
    """Write contributions to GeoPackage / GeoJSON / CSV (by extension). ``public``: only the
    allow-listed fields (never author/e-mail), texts redacted when ``redact_text``."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in EXPORT_FORMATS:
        raise fb.FeedbackError("export_format", ext=ext)
    names = list(fb.PUBLIC_FIELDS) if public else [n for n in fb.FIELD_NAMES]
    rows = []
    for r in records:
        v = fb.public_view(r, redact_text) if public else dict(r)
        if not public and redact_text:
            v["title"], v["text"] = fb.redact(v.get("title")), fb.redact(v.get("text"))
        rows.append(({k: v.get(k) for k in names}, r.get("geometry")))
    with replacing(path) as tmp:
        _write_export(tmp, ext, names, rows)
    return path


def _write_export(tmp, ext, names, rows):
    if ext == ".csv":
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(names + ["lon", "lat"])
            for props, g in rows:
                lon = lat = None
                if g:
                    pts = list(fb._coords_iter(g))
                    lon, lat = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
                w.writerow(["" if props[k] is None else props[k] for k in names] + [lon, lat])
    elif ext in (".geojson", ".json"):
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {"type": "Feature", "properties": props, "geometry": g} for props, g in rows
                    ],
                },
                fh,
                ensure_ascii=False,
            )
    else:
        from . import feedback_store as store

        recs = []
        for props, g in rows:
            rec = dict.fromkeys(fb.FIELD_NAMES)
            rec.update(props)
            rec["geometry"] = g
            recs.append(rec)
        types = dict(fb.FIELDS)
        store.write_store(tmp, recs, fields=[(k, types[k]) for k in names])
