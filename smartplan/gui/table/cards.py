"""Cards of the planning table: sink, roof, feedback and flow-path info, choices, the variant
comparison and notes."""

from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import feedback as fb
from ...i18n import group_digits
from ...io import feedback_store
from .widgets import plain


class TableCards:
    """Mixin of :class:`smartplan.gui.table_mode.TableMode`."""

    def show_choice_card(self, title, options):
        """Big buttons for a choice; side by side when their texts fit the card, else one per row
        (German labels such as "ψ 0,5 – Pflaster mit offenen Fugen" were clipped)."""
        card = self.new_card(title)
        buttons = []
        for text, kw in options:
            b = self.button(text, card, big=True)
            b.clicked.connect(lambda _c=False, kw=kw: self._choose(kw))
            buttons.append(b)
        m = card.layout().contentsMargins()
        inner = self.card_width() - m.left() - m.right()
        gap = card.layout().spacing()
        side_by_side = sum(b.sizeHint().width() for b in buttons) + gap * (len(buttons) - 1) <= inner
        box = QHBoxLayout() if side_by_side else QVBoxLayout()
        for b in buttons:
            box.addWidget(b)
        card.layout().addLayout(box)
        self.place_card()
        return None

    def show_compare(self, names=None):
        """All variants side by side, and each one's difference to the first (A)."""
        names = [n for n in (names or self.variants) if n in self.variants]
        if self.live is None or len(names) < 2:
            return None
        rows = self.compare_table(names)
        base, others = names[0], names[1:]
        title = self.tr("Variants {names}").format(names=", ".join(names))
        card = self.new_card(title)
        cols = ["", *names, *(f"{n} − {base}" for n in others)]
        t = QTableWidget(len(rows), len(cols), card)
        t.setObjectName("CompareTable")
        t.setHorizontalHeaderLabels(cols)
        f = QFont()
        f.setPixelSize(self.px(18))
        t.setFont(f)
        for i, (label, values) in enumerate(rows):
            cells = [label, *(values[n] for n in names), *(values[n] - values[base] for n in others)]
            for j, v in enumerate(cells):
                it = QTableWidgetItem(v if isinstance(v, str) else group_digits(f"{v:,.0f}"))
                if j:
                    it.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                t.setItem(i, j, it)
        t.resizeColumnsToContents()
        t.verticalHeader().hide()
        t.setMinimumHeight(self.px(40) * (len(rows) + 1))
        t.setMinimumWidth(
            min(self.iface.mapCanvas().width() - self.px(80), t.horizontalHeader().length() + self.px(8))
        )
        card.layout().addWidget(t)
        self.place_card()
        return rows

    # ================================================================ cards
    def new_card(self, title):
        self.close_card()
        canvas = self.iface.mapCanvas()
        card = QFrame(canvas)
        card.setObjectName("TableCard")
        card.setStyleSheet(self.stylesheet())
        lay = QVBoxLayout(card)
        lay.setContentsMargins(self.px(18), self.px(14), self.px(18), self.px(14))
        head = QHBoxLayout()
        head.addWidget(plain(title, card, self.px(26), True), 1)
        x = self.button("✕", card, name="card_close")
        x.setMinimumWidth(self.px(56))
        x.clicked.connect(self.close_card)
        head.addWidget(x)
        lay.addLayout(head)
        card.show()
        self.card = card
        self.widgets.append(card)
        self.place_card()
        return card

    def place_card(self):
        """Top left over the map (the side panel is on the right), as tall as its wrapped text."""
        if self.card is None:
            return
        w = self.card_width()
        for child in self.card.findChildren(QWidget):  # added after the card was shown: show now
            child.show()
        lay = self.card.layout()
        lay.activate()
        m = lay.contentsMargins()
        inner = w - m.left() - m.right()
        h = m.top() + m.bottom()
        for i in range(lay.count()):
            item = lay.itemAt(i)
            wid = item.widget()
            if wid is not None and isinstance(wid, QLabel):
                hh = wid.heightForWidth(inner)
                h += hh if hh > 0 else wid.sizeHint().height()
            else:
                h += item.sizeHint().height()
            h += lay.spacing()
        self.card.setFixedSize(w, h)
        self.card.move(self.px(24), self.px(24))
        self.card.raise_()

    def card_width(self):
        return self.px(620)

    def close_card(self):
        if self.card is not None:
            if self.card in self.widgets:
                self.widgets.remove(self.card)
            self.card.hide()
            self.card.deleteLater()
            self.card = None

    def add_line(self, card, text, size=22, bold=False):
        card.layout().addWidget(plain(text, card, self.px(size), bold))

    def identify(self, pos, roles):
        """(role, layer, feature) of the first feature under ``pos`` in visible layers of ``roles``."""
        canvas = self.iface.mapCanvas()
        p = self.to_map(pos)
        tol = canvas.mapUnitsPerPixel() * self.px(14)
        root = QgsProject.instance().layerTreeRoot()
        for role in roles:
            for lyr in self.roles.get(role, []):
                node = root.findLayer(lyr.id())
                if node is None or not node.isVisible():
                    continue
                xf = QgsCoordinateTransform(
                    canvas.mapSettings().destinationCrs(), lyr.crs(), QgsProject.instance()
                )
                rect = xf.transformBoundingBox(
                    QgsRectangle(p.x() - tol, p.y() - tol, p.x() + tol, p.y() + tol)
                )
                pt = QgsGeometry.fromPointXY(xf.transform(p))
                best = None
                for f in lyr.getFeatures(QgsFeatureRequest().setFilterRect(rect)):
                    d = f.geometry().distance(pt)
                    if best is None or d < best[0]:
                        best = (d, f)
                if best is not None:
                    return role, lyr, best[1]
        return None, None, None

    def show_info(self, pos):
        role, lyr, f = self.identify(pos, ("feedback", "flooded", "sinks", "roofs", "faces", "flowpaths"))
        if f is None:
            return None
        fields = f.fields().names()
        if role in ("sinks", "flooded"):
            sid = f["sink_id"]
            card = self.new_card(self.tr("Sink {i}").format(i=sid))
            sink_feat = f
            if role == "flooded":
                sink_feat = next(
                    (
                        s
                        for sl in self.roles.get("sinks", [])
                        for s in sl.getFeatures(
                            QgsFeatureRequest().setFilterExpression(f'"sink_id" = {int(sid)}')
                        )
                    ),
                    f,
                )
            sf = sink_feat.fields().names()
            if "volume_m3" in sf:
                self.add_line(
                    card, group_digits(self.tr("Volume: {v:,.0f} m³").format(v=sink_feat["volume_m3"]))
                )
            if "fill_rain_mm" in sf and str(sink_feat["fill_rain_mm"]) != "NULL":
                self.add_line(
                    card,
                    group_digits(
                        self.tr("Filled by {v:,.0f} mm of rain").format(v=sink_feat["fill_rain_mm"])
                    ),
                )
            fill = self.live_fill_pct(f)
            if fill is not None:
                self.add_line(
                    card,
                    self.tr("Scenario {r:g} mm: {p:.0f} % full").format(r=self.rain_mm(), p=fill),
                    bold=True,
                )
            elif "fill_pct" in fields:
                self.add_line(card, self.tr("Scenario: {p:.0f} % full").format(p=f["fill_pct"]), bold=True)
            if "buildings_affected" in fields or "buildings_affected" in sf:
                v = (
                    f["buildings_affected"]
                    if "buildings_affected" in fields
                    else sink_feat["buildings_affected"]
                )
                self.add_line(card, self.tr("Buildings at the sink: {n}").format(n=v))
        elif role in ("roofs", "faces"):
            card = self.new_card(
                self.tr("Building {i}").format(i=f["building_id"] if "building_id" in fields else f.id())
            )
            cls = f["dominant_class"] if "dominant_class" in fields else f["class"]
            self.add_line(card, self.tr("Green-roof class {c}").format(c=cls), bold=True)
            if "green_area_m2" in fields:
                self.add_line(
                    card,
                    group_digits(self.tr("Green roof possible: {a:,.0f} m²").format(a=f["green_area_m2"])),
                )
                self.add_line(
                    card,
                    group_digits(self.tr("Retention: {v:,.0f} m³ per year").format(v=f["retention_m3_a"])),
                )
            if "slope_deg" in fields:
                self.add_line(card, self.tr("Roof slope {s:.0f}°").format(s=f["slope_deg"]))
        elif role == "feedback":
            card = self.new_card(f["title"] or self.tr("Contribution"))
            self.add_line(card, f["category"] or "", 20, True)
            self.add_line(card, fb.clean_text(f["text"]) or "", 22)  # plain text only
            pro = f["votes_pro"] if str(f["votes_pro"]) != "NULL" else 0
            con = f["votes_contra"] if str(f["votes_contra"]) != "NULL" else 0
            self.add_line(card, self.tr("{p} for, {c} against").format(p=pro, c=con))
        else:
            card = self.new_card(self.tr("Flow path"))
            self.add_line(card, self.tr("Upstream area {a:.1f} ha").format(a=f["upstream_ha"]))
        self.place_card()
        return role, f

    def live_fill_pct(self, feature):
        """Fill % of the sink under a feature in the current variant's live scenario."""
        res = getattr(self, "last_result", None)
        if res is None or self.live is None:
            return None
        dem = self.dem_layer()
        lyr_crs = feature.geometry()
        p = lyr_crs.pointOnSurface().asPoint()
        for lyr in self.roles.get("sinks", []) + self.roles.get("flooded", []):
            if lyr.fields() == feature.fields():
                p = QgsCoordinateTransform(lyr.crs(), dem.crs(), QgsProject.instance()).transform(p)
                break
        cell = self.grid.cell_of(p.x(), p.y())
        if cell is None:
            return None
        s = int(self.live.table.labels[cell])
        return float(res.fill_pct[s - 1]) if s > 0 else None

    # ================================================================ notes at the table
    def phrases(self):
        return (
            self.tr("Here water often stands"),
            self.tr("Green is missing here"),
            self.tr("Good place for a swale"),
            self.tr("Danger for pedestrians"),
            self.tr("Cellar flooded before"),
            self.tr("Shade needed"),
        )

    def show_note_card(self, pos):
        p = self.to_map(pos)
        card = self.new_card(self.tr("New note"))
        cats = (
            sorted(self.chips)
            if getattr(self, "chips", None)
            else [self.tr("Water"), self.tr("Green"), self.tr("Traffic"), self.tr("Other")]
        )
        row = QHBoxLayout()
        group = QButtonGroup(card)
        self.note_category = cats[0]
        for i, c in enumerate(cats[:5]):
            b = self.button(c, card, True, "note_cat_" + str(c))
            b.setChecked(i == 0)
            b.clicked.connect(lambda _c=False, c=c: setattr(self, "note_category", c))
            group.addButton(b)
            row.addWidget(b)
        card.layout().addLayout(row)
        grid = QGridLayout()
        self.note_text = QLineEdit(card)
        self.note_text.setObjectName("note_text")
        f = self.note_text.font()
        f.setPixelSize(self.px(22))
        self.note_text.setFont(f)
        self.note_text.setMinimumHeight(self.px(52))
        self.note_text.setPlaceholderText(self.tr("tap a phrase or type"))
        for i, ph in enumerate(self.phrases()):
            b = self.button(ph, card, name=f"phrase_{i}")
            b.clicked.connect(lambda _c=False, t=ph: self.note_text.setText(t))
            grid.addWidget(b, i // 2, i % 2)
        card.layout().addLayout(grid)
        card.layout().addWidget(self.note_text)
        card.layout().addLayout(self.keyboard(card, self.note_text))
        save = self.button(self.tr("Save note"), card, name="note_save", big=True)
        save.clicked.connect(lambda: self.save_note(p, self.note_text.text(), self.note_category))
        card.layout().addWidget(save)
        self.place_card()
        return card

    def save_note(self, map_point, text, category):
        """Store a note as a table-sourced contribution in the participation GeoPackage."""
        text = (text or "").strip()
        if not text:
            return None
        from qgis.core import QgsCoordinateReferenceSystem

        ll = QgsCoordinateTransform(
            self.iface.mapCanvas().mapSettings().destinationCrs(),
            QgsCoordinateReferenceSystem("EPSG:4326"),
            QgsProject.instance(),
        ).transform(map_point)
        pid = "planungstisch"
        rec = fb.table_contribution(text, category, ll.x(), ll.y(), pid)
        feedback_store.append_records(self.feedback_path, [rec])
        for lyr in self.theme_layers.get("feedback", []):
            lyr.dataProvider().reloadData()
            lyr.triggerRepaint()
        self.close_card()
        if self.iface is not None:
            self.iface.messageBar().pushMessage(
                self.tr("Planning table"), self.tr("Note saved."), Qgis.MessageLevel.Success, 3
            )
        return rec
