"""The summary page of the rain scenario (``analysis.scenario``), translated (``i18n.Translatable``;
this module needs Qt's translator, the analysis itself does not), on ``io.report`` (every cell
escaped)."""

import numpy as np

from ..core import defaults
from ..i18n import Translatable
from ..io import report


class ScenarioReport(Translatable):
    """The summary page of smartplan:rainscenario."""

    def page(self, sr, scenario_label, parameters):
        """The page of ``sr`` (``analysis.scenario.ScenarioResult``) for the scenario named
        ``scenario_label``, with the run's ``parameters``."""
        t, res, pid = sr.table, sr.cascade, sr.public_id
        full = int((res.fill_pct >= 99.999).sum())
        part = int(((res.fill_pct > 0) & (res.fill_pct < 99.999)).sum())
        top = [s for s in np.argsort(-res.stored)[:15] if res.stored[s] > 0]
        balance = [
            (self.tr("Effective rain on the area"), f"{res.rain_m3:,.1f} m³"),
            (self.tr("Stored in sinks"), f"{res.stored_m3:,.1f} m³"),
            (self.tr("Left the map"), f"{res.left_map_m3:,.1f} m³"),
            (self.tr("Areas without outlet"), f"{res.unrouted_m3:,.1f} m³"),
            (self.tr("Balance difference"), f"{res.balance_error_m3:.3g} m³"),
            (self.tr("Sinks full / partly filled / total"), f"{full} / {part} / {t.n}"),
        ]
        head = [
            self.tr("sink"),
            self.tr("volume m³"),
            self.tr("stored m³"),
            self.tr("fill %"),
            self.tr("spill m³"),
            self.tr("buildings"),
        ]
        rows = [
            (
                int(pid[s + 1]),
                f"{t.volume_m3[s]:,.1f}",
                f"{res.stored[s]:,.1f}",
                f"{res.fill_pct[s]:.0f}",
                f"{res.spill_m3[s]:,.1f}",
                int(sr.buildings_affected[s]),
            )
            for s in top
        ]
        rain_txt = self.tr("rain depth {v:g} mm").format(v=sr.rain_mm)
        return report.page(
            self.tr("Heavy-rain scenario (fill and spill)"),
            [
                (None, f"<p>{report.escape(scenario_label)} — {report.escape(rain_txt)}</p>"),
                (self.tr("Water balance"), report.rows_table(balance)),
                (self.tr("Sinks storing the most water"), report.table(head, rows)),
                (self.tr("Parameters"), report.rows_table(sorted(parameters.items()))),
            ],
            defaults.DISCLAIMER,
        )
