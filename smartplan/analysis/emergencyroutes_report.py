"""The summary page of the emergency-routes analysis (``analysis.emergencyroutes``), translated
(``i18n.Translatable``; this module needs Qt's translator, the analysis itself does not)."""

import html

from ..i18n import Translatable
from ..io import report


class EmergencyRoutesReport(Translatable):
    """The report page of smartplan:emergencyroutes (io.report: every cell escaped)."""

    def page(self, result, settings):
        """The page of a ``RoutesResult`` routed with ``settings`` (``RouteSettings``)."""
        s = result.summary
        figures = [
            (self.tr("Blocked roads [km]"), f"{s['blocked_km']:.2f}"),
            (self.tr("Impassable above [m]"), f"{settings.limit_depth_m:g}"),
            (self.tr("Response-time target [min]"), f"{settings.time_limit_min:g}"),
            (self.tr("Destinations"), s["destinations"]),
            (self.tr("Destinations losing coverage"), s["lost"]),
            (self.tr("Destinations cut off entirely"), s["cut_off"]),
        ]

        def table_or(head, rows, empty):
            return report.table(head, rows) if rows else f"<p>{html.escape(empty)}</p>"

        c_dest, c_st = self.tr("destination"), self.tr("station")
        det = table_or(
            [c_dest, c_st, self.tr("dry min"), self.tr("flooded min"), self.tr("detour min")],
            [(n, st, f"{td:.1f}", f"{tf:.1f}", f"{d:.1f}") for d, n, st, td, tf in result.detours],
            self.tr("No destination needs a detour."),
        )
        cut = table_or(
            [c_dest, self.tr("station (dry)"), self.tr("dry min")],
            [(n, st, f"{td:.1f}") for n, st, td in result.cut_off],
            self.tr("No destination is cut off."),
        )
        return report.page(
            self.tr("Emergency routes in heavy rain"),
            [
                (None, report.table([self.tr("figure"), self.tr("value")], figures)),
                (self.tr("Cut off when flooded (no route at all)"), cut),
                (self.tr("Longest detours"), det),
            ],
        )
