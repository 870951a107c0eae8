"""The HTML summary of a green-roof run (``analysis.greenroofs``): totals, net area per class,
districts (or retention by dominant class), the buildings with the largest potential, flags and
the parameters used, with charts (``io.report``)."""

from collections import defaultdict

from ..core import greenroof_defaults as D
from ..core import roofs as core
from ..io import report
from .greenroofs import GreenRoofTexts


class GreenRoofReport(GreenRoofTexts):
    """The summary page in English; a caller that translates derives from this class and a
    ``tr`` that looks the text up (context ``GreenRoofReport``, class names ``GreenRoofTexts``)."""

    def summary_html(self, records, settings, parameters=None, with_districts=False):
        """The page of the ROOFS ``records`` (``Output.record``) of a run with ``settings``
        (``GreenRoofSettings``). ``parameters``: the run's parameter values (numbers and texts are
        listed); ``with_districts``: a district layer was given (a table per district)."""
        buildup, co = settings.buildup, settings.coefficients
        precip, rain = settings.precipitation_mm, settings.design_rain_ls_ha
        fee, reduction = settings.fee_eur_m2, settings.fee_reduction
        n = len(records)
        pot = [r for r in records if r["green_area_m2"] > 0]
        tot = {k: sum(r[k] for r in records) for k in core.EFFECT_KEYS}
        per_class = [sum(r[f"area_c{c}_m2"] for r in records) for c in range(1, 5)]
        labels = [f"{c} {self.class_name(c)}" for c in range(1, 5)]
        colours = [D.CLASS_COLOURS[c] for c in range(1, 5)]
        chart1 = report.img(
            report.bar_chart_png(labels, per_class, colours, "m²", self.tr("Net green-roof area per class")),
            "area per class",
        )
        parts = []
        totals = [
            (self.tr("Buildings analysed"), f"{n:,}"),
            (self.tr("Buildings with green-roof potential"), f"{len(pot):,}"),
            (self.tr("Net green-roof area"), f"{tot['green_area_m2']:,.0f} m²"),
            (self.tr("Retention"), f"{tot['retention_m3_a']:,.0f} m³/a"),
            (self.tr("Less water to the sewer"), f"{tot['sewer_saved_m3_a']:,.0f} m³/a"),
            (self.tr("Peak runoff reduction at r(5,5)"), f"{tot['peak_reduction_ls']:,.0f} l/s"),
            (self.tr("Evaporative cooling (upper bound)"), f"{tot['cooling_kwh_a'] / 1000:,.0f} MWh/a"),
            (self.tr("CO₂ binding (estimate)"), f"{tot['co2_kg_a'] / 1000:,.1f} t/a"),
            (self.tr("Fine dust binding (estimate)"), f"{tot['dust_g_a'] / 1000:,.1f} kg/a"),
        ]
        if fee > 0:
            totals.append((self.tr("Rainwater fee savings"), f"{tot['fee_saving_eur_a']:,.0f} €/a"))
        flags = [
            (self.tr("Listed monuments"), sum(r["monument"] for r in records)),
            (self.tr("PV present"), sum(r["pv"] for r in records)),
            (self.tr("Stale DSM (no building visible)"), sum(r["stale"] for r in records)),
            (self.tr("Partly outside the DSM / NoData"), sum(r["partial"] for r in records)),
        ]
        parts.append((self.tr("Totals"), report.table([self.tr("figure"), self.tr("value")], totals)))
        parts.append(
            (
                self.tr("Net area per class"),
                chart1
                + report.table(
                    [self.tr("class"), "m²"], [(lab, f"{v:,.0f}") for lab, v in zip(labels, per_class)]
                ),
            )
        )
        if with_districts:
            parts.append(self._districts(records))
        else:
            ret = [sum(r["retention_m3_a"] for r in records if r["dominant_class"] == c) for c in range(1, 5)]
            parts.append(
                (
                    self.tr("Retention by dominant class"),
                    report.img(
                        report.bar_chart_png(
                            labels, ret, colours, "m³/a", self.tr("Retention by dominant class")
                        ),
                        "retention",
                    ),
                )
            )
        top = sorted(records, key=lambda r: -r["green_area_m2"])[:20]
        parts.append(
            (
                self.tr("Buildings with the largest potential"),
                report.table(
                    [
                        self.tr("building"),
                        self.tr("green m²"),
                        self.tr("class"),
                        self.tr("retention m³/a"),
                        self.tr("district"),
                    ],
                    [
                        (
                            r["id"],
                            f"{r['green_area_m2']:,.0f}",
                            r["dominant_class"],
                            f"{r['retention_m3_a']:,.1f}",
                            r["district"] or "",
                        )
                        for r in top
                    ],
                ),
            )
        )
        parts.append((self.tr("Flags"), report.table([self.tr("flag"), self.tr("buildings")], flags)))
        used = [
            (self.tr("build-up"), buildup),
            (self.tr("annual precipitation"), f"{precip:g} mm"),
            (self.tr("design rain r(5,5)"), f"{rain:g} l/(s·ha)"),
            (self.tr("fee / reduction"), f"{fee:g} €/(m²·a) / {reduction:g}"),
        ]
        used += [(k, f"{v:g}") for k, v in co.items()]
        used += [
            (k, str(v)) for k, v in sorted((parameters or {}).items()) if isinstance(v, (int, float, str))
        ]
        parts.append(
            (self.tr("Parameters used"), report.table([self.tr("parameter"), self.tr("value")], used))
        )
        return report.page(
            self.tr("Green-roof potential"), parts, D.STATIC_DISCLAIMER_DE + " " + D.STATIC_DISCLAIMER_EN
        )

    def _districts(self, records):
        """(heading, html) of the per-district chart and table."""
        groups = defaultdict(list)
        for r in records:
            groups[r["district"] or self.tr("(outside the districts)")].append(r)
        names = sorted(groups)
        ret = [sum(r["retention_m3_a"] for r in groups[k]) for k in names]
        chart2 = report.img(
            report.bar_chart_png(names, ret, None, "m³/a", self.tr("Retention per district")),
            "retention per district",
        )
        rows = [
            (
                k,
                len(groups[k]),
                f"{sum(r['green_area_m2'] for r in groups[k]):,.0f}",
                *[f"{sum(r[f'area_c{c}_m2'] for r in groups[k]):,.0f}" for c in range(1, 5)],
                f"{v:,.0f}",
            )
            for k, v in zip(names, ret)
        ]
        return (
            self.tr("Districts"),
            chart2
            + report.table(
                [
                    self.tr("district"),
                    self.tr("buildings"),
                    self.tr("green m²"),
                    "c1 m²",
                    "c2 m²",
                    "c3 m²",
                    "c4 m²",
                    self.tr("retention m³/a"),
                ],
                rows,
            ),
        )
