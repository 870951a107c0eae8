"""The summary page of the affected-objects analysis (``analysis.affected``): its figures in one
table, translated (``i18n.Translatable``; this module needs Qt's translator, the analysis itself
does not)."""

from ..i18n import Translatable
from ..io import report


class AffectedReport(Translatable):
    """The summary page of smartplan:affected."""

    def page(self, summary, thresholds):
        """The HTML page of ``summary`` ({"buildings": counts, "roads": km, "underpasses":
        counts, "critical": counts} of ``analysis.affected``; parts that were not analysed are
        left out) with the ``thresholds`` (``analysis.affected.Thresholds``) used."""
        rows = []
        b = summary.get("buildings")
        if b:
            rows += [
                (self.tr("Buildings checked"), b["total"]),
                (
                    self.tr("Buildings flooded (wall depth ≥ {v:g} m)").format(v=thresholds.wall_depth_m),
                    b["flooded"],
                ),
                (self.tr("Buildings in the flow path corridor"), b["corridor"]),
                (
                    self.tr("Buildings within {limits} m of a flow path").format(
                        limits=" / ".join(f"≤ {c:g}" for c in b["classes"])
                    ),
                    " / ".join(str(b[k + 1]) for k in range(len(b["classes"]))),
                ),
            ]
        r = summary.get("roads")
        if r:
            rows += [
                (self.tr("Roads checked [km]"), f"{r['total']:.2f}"),
                (self.tr("Roads under water [km]"), f"{r['flooded']:.2f}"),
                (self.tr("Impassable for cars [km]"), f"{r['car']:.2f}"),
                (self.tr("Impassable for emergency vehicles [km]"), f"{r['emergency']:.2f}"),
            ]
        u = summary.get("underpasses")
        if u:
            rows += [(self.tr("Underpass pieces (tagged / road sinks)"), f"{u['tagged']} / {u['deep']}")]
        c = summary.get("critical")
        if c:
            rows.append((self.tr("Critical sites checked"), c["total"]))
            for t, n in sorted(c["by_type"].items()):
                rows.append((self.tr("Affected: {t}").format(t=t), n))
        return report.page(self.tr("Affected objects (Betroffenheit)"), [(None, report.rows_table(rows))])
