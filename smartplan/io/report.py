"""Small HTML report helpers (no QGIS): escaped tables and charts embedded as PNG data URIs.
Every text that goes into a report is escaped here: names from user data are never markup."""

import base64
import html
import io

STYLE = (
    "body{font-family:sans-serif;max-width:64em;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #bbb;padding:3px 8px;"
    "text-align:right}th{background:#e8f0f8}td:first-child,th:first-child{text-align:left}"
    "img{max-width:100%}.note{color:#555;font-size:90%}"
)


def mpl_text(s):
    """``s`` for matplotlib as it is written: an unescaped '$' starts mathtext there (``a $x$ b``
    is typeset, ``$\\frac{1}{$`` raises), so every '$' of user data is escaped."""
    return str(s).replace("$", "\\$")


def table(head, rows):
    """An HTML table; cells are escaped (numbers formatted by the caller)."""
    h = "".join(f"<th>{html.escape(str(c))}</th>" for c in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{h}</tr>{body}</table>"


def escape(text):
    """``text`` as HTML text (user data is never markup)."""
    return html.escape(str(text))


def rows_table(rows):
    """A two-column table of (name, value) rows, the names as row headings; cells escaped."""
    body = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def page(title, parts, note=None):
    """A complete HTML page: ``parts`` is a list of (heading or None, html fragment)."""
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    for head, frag in parts:
        if head:
            out.append(f"<h2>{html.escape(head)}</h2>")
        out.append(frag)
    if note:
        out.append(f"<p class='note'>{html.escape(note)}</p>")
    out.append("</body></html>")
    return "".join(out)


def bar_chart_png(labels, values, colours=None, ylabel="", title="", width=6.0, height=3.0):
    """A bar chart as PNG bytes (matplotlib, Agg backend: works headless)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(111)
    ax.bar(range(len(values)), values, color=colours or "#4a8c3f")
    ax.set_xticks(range(len(values)))
    ax.set_xticklabels(
        [mpl_text(v) for v in labels],
        rotation=0 if len(labels) <= 6 else 45,
        ha="center" if len(labels) <= 6 else "right",
        fontsize=8,
    )
    ax.set_ylabel(mpl_text(ylabel))
    if title:
        ax.set_title(mpl_text(title), fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def img(png_bytes, alt=""):
    data = base64.b64encode(png_bytes).decode("ascii")
    return f"<img alt='{html.escape(alt)}' src='data:image/png;base64,{data}'>"
