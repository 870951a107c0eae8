"""The workshop summary of the planning table (matplotlib, headless): goals with progress per
variant, figures of every variant beside the state without measures, the notes collected at the
table (plain text) and a map per variant. PDF (several pages) or PNG (one page)."""

import textwrap
from datetime import date

from ..core.measures import goal_progress
from ..i18n import group_digits
from .files import replacing
from .report import mpl_text


def _fmt(v):
    return group_digits(f"{v:,.0f}") if isinstance(v, (int, float)) else str(v)


def _table(ax, head, rows, fontsize=10):
    ax.set_axis_off()
    t = ax.table(
        cellText=[[mpl_text(c) for c in r] for r in rows] or [[""] * len(head)],
        colLabels=[mpl_text(h) for h in head],
        loc="upper left",
        cellLoc="right",
        colLoc="right",
    )
    t.auto_set_font_size(False)
    t.set_fontsize(fontsize)
    t.scale(1.0, 1.4)
    for (r, c), cell in t.get_celld().items():
        if c == 0:
            cell.set_text_props(ha="left")
            cell._loc = "left"
        if r == 0:
            cell.set_facecolor("#e8f0f8")
    return t


def workshop_report(path, labels, goals, goal_names, baseline, figures, rows, notes, maps):
    """``figures``: {variant: figure dict}; ``rows``: [(key, label)]; ``notes``: feedback records
    from the table; ``maps``: {variant: PNG path}."""
    import matplotlib.image as mpimg
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    variants = list(figures)

    def page1():
        fig = Figure(figsize=(11.69, 8.27))
        FigureCanvasAgg(fig)
        fig.text(0.04, 0.95, labels["title"], fontsize=18, weight="bold")
        fig.text(0.04, 0.92, date.today().strftime("%d.%m.%Y"), fontsize=10, color="#555")
        head = [labels["goals"]] + [f"{labels['variant']} {v}" for v in variants]
        grows = []
        for g in goals:
            cells = [group_digits(goal_names[g[0]].format(t=g[1]))]
            for v in variants:
                p, got = goal_progress(g, baseline, figures[v])
                cells.append(f"{_fmt(got)} ({100 * p:.0f} %)")
            grows.append(cells)
        _table(fig.add_axes([0.04, 0.70, 0.92, 0.18]), head, grows)
        head = [labels["figures"], labels["baseline"]] + [f"{labels['variant']} {v}" for v in variants]
        frows = [[lab, _fmt(baseline[k])] + [_fmt(figures[v][k]) for v in variants] for k, lab in rows]
        _table(fig.add_axes([0.04, 0.38, 0.92, 0.28]), head, frows)
        fig.text(0.04, 0.33, labels["notes"] + f" ({len(notes)})", fontsize=12, weight="bold")
        y = 0.30
        for n in notes[:14]:
            line = f"• [{n.get('category') or '–'}] " + (n.get("text") or "").replace("\n", " ")
            for part in textwrap.wrap(line, 150)[:2]:
                fig.text(0.05, y, mpl_text(part), fontsize=9)
                y -= 0.02
        return fig

    def map_page(v, png):
        fig = Figure(figsize=(11.69, 8.27))
        FigureCanvasAgg(fig)
        ax = fig.add_axes([0.03, 0.03, 0.94, 0.94])
        ax.imshow(mpimg.imread(png))
        ax.set_axis_off()
        return fig

    with replacing(path) as tmp:  # no half-written summary on failure
        if path.lower().endswith(".pdf"):
            with PdfPages(tmp) as pdf:
                pdf.savefig(page1())
                for v in variants:
                    if maps.get(v):
                        pdf.savefig(map_page(v, maps[v]))
        else:
            fig = page1()
            for i, v in enumerate(variants[:2]):
                if maps.get(v):
                    ax = fig.add_axes([0.55 + 0.22 * i, 0.03, 0.21, 0.3])
                    ax.imshow(mpimg.imread(maps[v]))
                    ax.set_axis_off()
            fig.savefig(tmp, dpi=150)
    return path
