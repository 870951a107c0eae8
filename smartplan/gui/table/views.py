"""The planning table's bar and side panel: goals, live figures, scenarios, variants, legend
and filter chips."""

from qgis.core import (
    QgsSymbolLayerUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...analysis import workshop
from ...core.defaults import SCENARIOS
from ...i18n import group_digits
from .layers import THEMES
from .navigation import TOOLS
from .widgets import clear_layout, plain

SCENARIO_RAIN = tuple((k, v) for k, v in SCENARIOS if v is not None)


class TableViews:
    """Mixin of :class:`smartplan.gui.table_mode.TableMode`."""

    def build_ui(self):
        canvas = self.iface.mapCanvas()
        self.scale = self.ui_scale()
        self.rubber = None
        # -------- control bar
        bar = QFrame(canvas)
        bar.setObjectName("TableBar")
        bar.setStyleSheet(self.stylesheet())  # before the children exist, so they get it scaled
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(self.px(12), self.px(10), self.px(12), self.px(10))
        lay.setSpacing(self.px(8))
        labels = {
            "sinks": self.tr("Sinks"),
            "flowpaths": self.tr("Flow paths"),
            "greenroofs": self.tr("Green roofs"),
            "feedback": self.tr("Feedback"),
            "base": self.tr("Base map"),
        }
        self.theme_buttons = {}
        for key in THEMES:
            b = self.button(labels[key], bar, True, "theme_" + key)
            b.setEnabled(
                bool(self.theme_layers.get(key)) or (key == "sinks" and self.dem_layer() is not None)
            )
            b.setChecked(b.isEnabled() and key in ("sinks", "base", "feedback", "greenroofs"))
            b.toggled.connect(lambda on, k=key: self.set_theme(k, on))
            lay.addWidget(b)
            self.theme_buttons[key] = b
        lay.addSpacing(self.px(16))
        tlabels = {
            "info": self.tr("Info"),
            "note": self.tr("Note"),
            "green_roof": self.tr("Green roof"),
            "retention": self.tr("Retention"),
            "unsealing": self.tr("Unseal"),
        }
        self.tool_group = QButtonGroup(bar)
        self.tool_group.setExclusive(True)
        self.tool_buttons = {}
        for key in TOOLS:
            b = self.button(tlabels[key], bar, True, "tool_" + key)
            b.clicked.connect(lambda _c=False, k=key: self.set_tool(k))
            self.tool_group.addButton(b)
            lay.addWidget(b)
            self.tool_buttons[key] = b
        self.tool_buttons["info"].setChecked(True)
        self.done_btn = self.button(self.tr("Done ✓"), bar, name="tool_done")
        # not connected directly: clicked(bool) would pass False as the storage depth
        self.done_btn.clicked.connect(lambda _c=False: self.finish_polygon())
        self.undo_btn = self.button(self.tr("Undo"), bar, name="tool_undo")
        self.undo_btn.clicked.connect(self.undo)
        lay.addWidget(self.done_btn)
        lay.addWidget(self.undo_btn)
        lay.addStretch(1)
        self.export_btn = self.button(self.tr("Export"), bar, name="table_export")
        self.export_btn.clicked.connect(lambda: self.export_workshop())
        self.exit_btn = self.button(self.tr("Exit"), bar, name="table_exit")
        self.exit_btn.clicked.connect(self.leave)
        lay.addWidget(self.export_btn)
        lay.addWidget(self.exit_btn)
        self.bar = bar
        # -------- side panel
        panel = QFrame(canvas)
        panel.setObjectName("TablePanel")
        panel.setStyleSheet(self.stylesheet())
        pl = QVBoxLayout(panel)
        pl.setContentsMargins(self.px(16), self.px(14), self.px(16), self.px(14))
        pl.setSpacing(self.px(8))
        pl.addWidget(plain(self.tr("Planning table"), panel, self.px(30), True, "#101418"))
        self.message = plain("", panel, self.px(18), False, "#b71c1c")
        pl.addWidget(self.message)
        pl.addWidget(plain(self.tr("Goals"), panel, self.px(22), True))
        self.goal_bars = []
        for i in range(3):
            lab = plain("", panel, self.px(17))
            bar_ = QProgressBar(panel)
            bar_.setObjectName(f"goal_{i}")
            bar_.setRange(0, 100)
            bar_.setMinimumHeight(self.px(30))
            row = QHBoxLayout()
            minus = self.button("−", panel, name=f"goal_{i}_minus")
            plus = self.button("+", panel, name=f"goal_{i}_plus")
            minus.clicked.connect(lambda _c=False, i=i: self.adjust_goal(i, -1))
            plus.clicked.connect(lambda _c=False, i=i: self.adjust_goal(i, +1))
            row.addWidget(minus)
            row.addWidget(bar_, 1)
            row.addWidget(plus)
            pl.addWidget(lab)
            pl.addLayout(row)
            self.goal_bars.append((lab, bar_))
        srow = QHBoxLayout()
        self.scenario_buttons = {}
        sgroup = QButtonGroup(panel)
        for key, mm in SCENARIO_RAIN:
            b = self.button(f"{self.scenario_label(key)}\n{mm:g} mm", panel, True, "scenario_" + key)
            b.setMinimumHeight(self.px(64))
            b.setChecked(abs(mm - self.rain_mm()) < 1e-9)
            b.clicked.connect(lambda _c=False, mm=mm: self.set_rain(mm))
            sgroup.addButton(b)
            srow.addWidget(b)
            self.scenario_buttons[key] = b
        self.fig_heading = plain(
            self.tr("Figures (heavy rain {r:g} mm)").format(r=self.rain_mm()), panel, self.px(22), True
        )
        pl.addWidget(self.fig_heading)
        pl.addLayout(srow)
        grid = QGridLayout()
        grid.setHorizontalSpacing(self.px(12))
        self.fig_labels = {}
        for i, (key, label) in enumerate(self.figure_labels().items()):
            v = plain("–", panel, self.px(30), True, "#0d47a1")
            v.setObjectName("fig_" + key)
            grid.addWidget(v, i, 0)
            grid.addWidget(plain(label, panel, self.px(16)), i, 1)
            self.fig_labels[key] = v
        pl.addLayout(grid)
        vrow = QHBoxLayout()
        self.variant_row = vrow
        pl.addWidget(plain(self.tr("Variants"), panel, self.px(22), True))
        pl.addLayout(vrow)
        crow = QHBoxLayout()
        b = self.button(self.tr("+ Variant"), panel, name="variant_new")
        b.clicked.connect(lambda: self.new_variant())
        crow.addWidget(b)
        b = self.button(self.tr("Compare"), panel, name="variant_compare")
        b.clicked.connect(lambda: self.show_compare())
        crow.addWidget(b)
        pl.addLayout(crow)
        pl.addWidget(plain(self.tr("Legend"), panel, self.px(22), True))
        self.legend_box = QVBoxLayout()
        pl.addLayout(self.legend_box)
        self.chips_row = QGridLayout()
        pl.addLayout(self.chips_row)
        self.refresh_feedback_btn = self.button(
            self.tr("Update citizen feedback"), panel, name="feedback_refresh"
        )
        self.refresh_feedback_btn.setEnabled(bool(self.theme_layers.get("feedback")))
        self.refresh_feedback_btn.clicked.connect(lambda: self.refresh_feedback())
        pl.addWidget(self.refresh_feedback_btn)
        pl.addStretch(1)
        scroll = QScrollArea(canvas)
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        self.panel, self.panel_scroll = panel, scroll
        # map navigation floats on the map (bottom left of the free area), not in the full bar
        nav = QFrame(canvas)
        nav.setObjectName("TablePanel")
        nav.setStyleSheet(self.stylesheet())
        nl = QHBoxLayout(nav)
        nl.setContentsMargins(self.px(6), self.px(6), self.px(6), self.px(6))
        self.whole_btn = self.button("⤢ " + self.tr("Whole area"), nav, name="table_whole_area")
        self.whole_btn.clicked.connect(lambda _c=False: self.show_whole_area())
        nl.addWidget(self.whole_btn)
        self.nav = nav
        for w in (bar, scroll, nav):
            w.show()
            self.widgets.append(w)
        self.refresh_variant_buttons()
        self.refresh_legend()
        self.refresh_chips()
        for key, b in self.theme_buttons.items():
            self.set_theme(key, b.isChecked())
        self.update_panel()

    def drop_widgets(self):
        for w in self.widgets:
            w.hide()
            w.deleteLater()
        self.widgets = []
        self.card = None

    def layout_widgets(self):
        canvas = self.iface.mapCanvas()
        new_scale = self.ui_scale()
        if abs(new_scale - self.scale) > 0.01 and self.widgets:
            self.scale = new_scale
            self.drop_widgets()
            self.build_ui()
        w, h = canvas.width(), canvas.height()
        bh = self.bar.sizeHint().height()
        self.bar.setGeometry(0, h - bh, w, bh)
        pw = self.px(440)
        self.panel_scroll.setGeometry(w - pw - self.px(12), self.px(12), pw, h - bh - self.px(24))
        nav = self.nav.sizeHint()
        self.nav.setGeometry(self.px(12), h - bh - nav.height() - self.px(12), nav.width(), nav.height())
        if self.card is not None:
            self.place_card()

    def refresh_legend(self):
        clear_layout(self.legend_box)
        sz = self.px(28)
        groups = [self.theme_layers.get(k, []) for k in THEMES if self.theme_on(k)]
        if self.measures_layer is not None:
            groups.insert(0, [self.measures_layer])
        for layers in groups:
            for lyr in layers:
                if not isinstance(lyr, QgsVectorLayer) or lyr.renderer() is None:
                    continue
                items = lyr.renderer().legendSymbolItems()[:8]
                for it in items:
                    if it.symbol() is None:
                        continue
                    row = QWidget(self.panel)
                    rl = QHBoxLayout(row)
                    rl.setContentsMargins(0, 0, 0, 0)
                    sw = QLabel(row)
                    sw.setPixmap(QgsSymbolLayerUtils.symbolPreviewPixmap(it.symbol(), QSize(sz, sz)))
                    rl.addWidget(sw)
                    rl.addWidget(plain(it.label() or lyr.name(), row, self.px(17)), 1)
                    self.legend_box.addWidget(row)

    def refresh_chips(self):
        """Filter chips by feedback category (big toggles, two per row); a chip keeps its state
        when the feedback is updated, and a category the chips hide keeps its chip."""
        states = {c: b.isChecked() for c, b in getattr(self, "chips", {}).items()}
        clear_layout(self.chips_row)
        self.chips = {}
        cats = set(states)
        for lyr in self.theme_layers.get("feedback", []):
            cats |= self.feedback_categories(lyr)
        for i, c in enumerate(sorted(cats, key=str)):
            b = self.button(str(c), self.panel, True, "chip_" + str(c))
            b.setChecked(states.get(c, True))
            b.toggled.connect(self.apply_chips)
            self.chips_row.addWidget(b, i // 2, i % 2)
            self.chips[c] = b

    # ================================================================ panel
    def scenario_label(self, key):
        return {
            "selten": self.tr("rare"),
            "aussergewoehnlich": self.tr("exceptional"),
            "extrem": self.tr("extreme"),
        }.get(key, key)

    def figure_labels(self):
        """The figures shown per variant (panel, comparison, workshop PDF) and their labels."""
        labels = {
            "kept_by_measures_m3": self.tr("kept by measures m³"),
            "stored_m3": self.tr("water in sinks m³"),
            "left_map_m3": self.tr("runoff leaving the area m³"),
            "affected_buildings": self.tr("affected buildings"),
            "green_area_m2": self.tr("green roofs m²"),
            "green_retention_m3_a": self.tr("retention per year m³"),
        }
        return {k: labels[k] for k in workshop.FIGURE_KEYS}

    def goal_names(self):
        return {
            "store_m3": self.tr("Keep {t:,.0f} m³ of water"),
            "affected_reduction": self.tr("{t:,.0f} fewer affected buildings"),
            "green_m2": self.tr("Green {t:,.0f} m² of roofs"),
        }

    def update_panel(self):
        if not self.widgets:
            return
        if self.live_error == "no_dem":
            self.message.setText(
                self.tr(
                    "No analysis yet: add the DGM (its name containing DEM or DGM, or the project variable "
                    "smartplan_dem) and run 'Depression analysis', 'Heavy-rain scenario' and 'Green-roof "
                    "potential' first. Then the live figures of the measures appear here."
                )
            )
        elif self.live_error:
            self.message.setText(
                self.tr("The live figures could not be prepared: {e}").format(e=self.live_error)
            )
        elif self.live is None:
            self.message.setText(self.tr("Preparing the live figures …"))
        else:
            self.message.setText("")
        fig = self.figures.get(self.current)
        for key, lab in self.fig_labels.items():
            if fig is None:
                lab.setText("–")
                continue
            v = fig[key]
            if self.baseline is not None and key in workshop.BASELINE_KEYS:
                d = v - self.baseline[key]
                lab.setText(group_digits(f"{v:,.0f}  ({d:+,.0f})"))
            else:
                lab.setText(group_digits(f"{v:,.0f}"))
        names = self.goal_names()
        for (lab, bar), goal in zip(self.goal_bars, self.goals):
            lab.setText(group_digits(names[goal[0]].format(t=goal[1])))
            progress = self.ws.goal_progress(goal)
            if progress is not None:
                p, got = progress
                bar.setValue(int(round(100 * p)))
                bar.setFormat(group_digits(f"{got:,.0f} / {goal[1]:,.0f}"))
            else:
                bar.setValue(0)
                bar.setFormat("")

    def refresh_variant_buttons(self):
        clear_layout(self.variant_row)
        group = QButtonGroup(self.panel)
        self.variant_buttons = {}
        for name in self.variants:
            b = self.button(self.tr("Variant {n}").format(n=name), self.panel, True, "variant_" + name)
            b.setChecked(name == self.current)
            b.clicked.connect(lambda _c=False, n=name: self.switch_variant(n))
            group.addButton(b)
            self.variant_row.addWidget(b)
            self.variant_buttons[name] = b
