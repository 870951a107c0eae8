"""The contributions tab: filter, table, detail card, selection on the map."""

import os

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsCollapsibleGroupBox
from qgis.PyQt.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    Qt,
    QUrl,
)
from qgis.PyQt.QtGui import QColor, QDesktopServices, QIcon, QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import feedback as fb
from ...io import feedback_qgis
from .common import plain_label


class RecordsModel(QAbstractTableModel):
    """The filtered contributions as a table (plain-text cells; scales to 20,000 rows)."""

    # a narrow dock: title first and wide; rubric and comments are in the detail card
    COLUMNS = ("title", "category", "created", "rating")

    def __init__(self, headers, parent=None):
        super().__init__(parent)
        self.headers = headers
        self.rows = []
        self.styles = {}

    def set_rows(self, rows, styles):
        self.beginResetModel()
        self.rows = rows
        self.styles = styles
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return len(self.COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        r = self.rows[index.row()]
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            v = r.get(key)
            if key == "created":
                return f"{v[8:10]}.{v[5:7]}.{v[2:4]}" if v and len(v) >= 10 else ""
            if key == "title":
                return (v or "").replace("\n", " ")
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.DecorationRole and key == "category" and r.get("category"):
            return QColor((self.styles.get(r["category"]) or {}).get("colour") or feedback_qgis.OTHER)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("rating", "comments_count"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        key = self.COLUMNS[column]
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(
            key=lambda r: (r.get(key) is None, r.get(key) if r.get(key) is not None else 0),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()


class ContributionsTab:
    """Mixin of :class:`smartplan.gui.feedback_panel.FeedbackPanel`."""

    # ------------------------------------------------------------------ filter tab
    def _filter_tab(self):
        w = QWidget()
        lay = QVBoxLayout(w)
        # QGIS' collapsible box: folded, the list of contributions gets the whole height
        box = QgsCollapsibleGroupBox(self.tr("Filter"), w)
        box.setObjectName("FilterBox")
        box.setStyleSheet(
            "QgsCollapsibleGroupBox#FilterBox::title { padding-left: 16px; }"
        )  # beside the arrow
        fl = QFormLayout(box)
        self.cat_list = QListWidget(box)
        self.cat_list.setObjectName("CategoryFilter")
        self.cat_list.setMaximumHeight(96)
        self.cat_list.itemChanged.connect(self.apply_filter)
        fl.addRow(self.tr("Categories"), self.cat_list)
        self.rub_list = QListWidget(box)
        self.rub_list.setObjectName("RubricFilter")
        self.rub_list.setMaximumHeight(72)
        self.rub_list.itemChanged.connect(self.apply_filter)
        fl.addRow(self.tr("Rubrics"), self.rub_list)
        drow = QHBoxLayout()
        self.date_from = QDateEdit(box)
        self.date_to = QDateEdit(box)
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd.MM.yyyy")
            d.setMinimumDate(QDate(2000, 1, 1))
            d.setSpecialValueText("—")
            d.setDate(d.minimumDate())
            d.dateChanged.connect(self.apply_filter)
            drow.addWidget(d)
        self.date_from.setObjectName("DateFrom")
        self.date_to.setObjectName("DateTo")
        fl.addRow(self.tr("From / to"), drow)
        self.search = QLineEdit(box)
        self.search.setObjectName("Search")
        self.search.setPlaceholderText(self.tr("search in title, text, keywords"))
        self.search.textChanged.connect(self.apply_filter)
        fl.addRow(self.tr("Text"), self.search)
        self.min_votes = QSpinBox(box)
        self.min_votes.setObjectName("MinVotes")
        self.min_votes.setRange(-1001, 100000)
        self.min_votes.setSpecialValueText("—")
        self.min_votes.setValue(-1001)
        self.min_votes.valueChanged.connect(self.apply_filter)
        fl.addRow(self.tr("Rating at least"), self.min_votes)
        orow = QHBoxLayout()
        self.show_withdrawn = QCheckBox(self.tr("withdrawn too"), box)
        self.show_withdrawn.toggled.connect(self.apply_filter)
        self.show_labels = QCheckBox(self.tr("labels"), box)
        self.show_labels.toggled.connect(self.toggle_labels)
        orow.addWidget(self.show_withdrawn)
        orow.addWidget(self.show_labels)
        fl.addRow("", orow)
        lay.addWidget(box)
        split = QSplitter(Qt.Orientation.Vertical, w)
        self.model = RecordsModel(
            [self.tr("Title"), self.tr("Category"), self.tr("Date"), "+/−"],
            self,
        )
        self.table = QTableView(split)
        self.table.setObjectName("Contributions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        hdr = self.table.horizontalHeader()
        hdr.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_detail(cur.row()))
        # at least six rows of contributions (the table showed one and a half)
        self.table.setMinimumHeight(
            self.table.verticalHeader().defaultSectionSize() * 6 + hdr.sizeHint().height() + 4
        )
        split.addWidget(self.table)
        split.addWidget(self._detail_card(split))
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        self.count_label = plain_label("", w)
        lay.addWidget(self.count_label)
        return w

    def _detail_card(self, parent):
        w = QWidget(parent)
        w.setObjectName("DetailCard")
        lay = QVBoxLayout(w)
        lay.setContentsMargins(2, 2, 2, 2)
        self.d_title = plain_label("", w)
        self.d_title.setObjectName("DetailTitle")
        f = self.d_title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.d_title.setFont(f)
        self.d_meta = plain_label("", w)
        self.d_meta.setObjectName("DetailMeta")
        self.d_meta.setStyleSheet("color: #555;")
        self.d_text = QPlainTextEdit(w)  # plain text: citizens' text is never rendered as HTML
        self.d_text.setObjectName("DetailText")
        self.d_text.setReadOnly(True)
        self.d_comments = QTreeWidget(w)
        self.d_comments.setObjectName("DetailComments")
        self.d_comments.setHeaderLabels([self.tr("Comments")])
        self.d_comments.setMaximumHeight(110)
        self.d_link = QPushButton(self.tr("Open the original"), w)
        self.d_link.setObjectName("DetailLink")
        self.d_link.setEnabled(False)
        self.d_link.clicked.connect(self.open_link)
        for x in (self.d_title, self.d_meta, self.d_text, self.d_comments, self.d_link):
            lay.addWidget(x)
        self.current = None
        return w

    def fill_filter_lists(self):
        for lst, key in ((self.cat_list, "category"), (self.rub_list, "rubric")):
            lst.blockSignals(True)
            lst.clear()
            values = sorted({r.get(key) or "" for r in self.records})
            if key == "category":
                order = {
                    n: i
                    for i, n in enumerate(
                        sorted(self.styles, key=lambda n: ((self.styles[n] or {}).get("weight") or 10**6, n))
                    )
                }
                values.sort(key=lambda v: (order.get(v, 10**6), v))
            for v in values:
                n = sum(1 for r in self.records if (r.get(key) or "") == v and r.get("status") == "active")
                it = QListWidgetItem(f"{v or self.tr('(none)')}  ({n})")
                it.setData(Qt.ItemDataRole.UserRole, v)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                it.setCheckState(Qt.CheckState.Checked)
                if key == "category":
                    pm = QPixmap(14, 14)
                    pm.fill(QColor((self.styles.get(v) or {}).get("colour") or feedback_qgis.OTHER))
                    it.setIcon(QIcon(pm))
                lst.addItem(it)
            lst.blockSignals(False)
        self.fit_date_range()

    def fit_date_range(self):
        """The date pickers open at the participation's dates, not at January 2000: the empty
        value ("—") is the day before the first contribution, the calendars show its months."""
        days = sorted(
            d
            for d in (QDate.fromString((r.get("created") or "")[:10], "yyyy-MM-dd") for r in self.records)
            if d.isValid()
        )
        first = days[0].addDays(-1) if days else QDate.currentDate().addYears(-1)
        for d, page in (
            (self.date_from, days[0] if days else first),
            (self.date_to, days[-1] if days else first),
        ):
            d.blockSignals(True)
            keep = d.date() if d.date() != d.minimumDate() else None
            d.setMinimumDate(first)
            d.setDate(keep if keep is not None and keep >= first else first)
            d.calendarWidget().setCurrentPage(page.year(), page.month())
            d.blockSignals(False)

    def start_dir(self, name=""):
        """Where file dialogs open: the project's folder (else the home folder), with ``name``."""
        home = QgsProject.instance().homePath() or os.path.expanduser("~")
        return os.path.join(home, name) if name else home

    def _checked(self, lst):
        if lst.count() == 0:
            return None
        vals = {
            lst.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(lst.count())
            if lst.item(i).checkState() == Qt.CheckState.Checked
        }
        return None if len(vals) == lst.count() else vals

    def filter_params(self):
        def day(d):
            return None if d.date() == d.minimumDate() else d.date().toString("yyyy-MM-dd")

        return dict(
            categories=self._checked(self.cat_list),
            rubrics=self._checked(self.rub_list),
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            text=self.search.text().strip() or None,
            min_votes=None if self.min_votes.value() == self.min_votes.minimum() else self.min_votes.value(),
            include_withdrawn=self.show_withdrawn.isChecked(),
        )

    def apply_filter(self, *_args):
        flt = self.filter_params()
        self.filtered = [r for r in self.records if fb.matches(r, **flt)]
        self.model.set_rows(list(self.filtered), self.styles)
        sql = fb.filter_sql(**flt)  # the same rule as the table's, for the map layers
        for lyr in self.layers.values():
            lyr.setSubsetString(sql)
        located = sum(1 for r in self.filtered if r.get("located"))
        self.count_label.setText(
            self.tr("{n} of {t} contributions shown ({l} on the map).").format(
                n=len(self.filtered), t=sum(1 for r in self.records if r.get("status") == "active"), l=located
            )
        )
        self.refresh_stats()

    def toggle_labels(self, on):
        for kind, lyr in self.layers.items():
            feedback_qgis.style_layer(lyr, kind, self.styles, on)

    def show_detail(self, row):
        if row < 0 or row >= len(self.model.rows):
            return
        r = self.model.rows[row]
        self.current = r
        self.d_title.setText(r.get("title") or self.tr("(no title)"))
        meta = [
            r.get("category") or self.tr("(no category)"),
            r.get("rubric") or "",
            (r.get("created") or "")[:10],
            self.tr("{p} for, {c} against").format(p=r.get("votes_pro") or 0, c=r.get("votes_contra") or 0),
            self.tr("{n} comments").format(n=r.get("comments_count") or 0),
        ]
        if not r.get("located"):
            meta.append(self.tr("no location"))
        if r.get("status") == "withdrawn":
            meta.append(self.tr("withdrawn"))
        self.d_meta.setText(" · ".join(m for m in meta if m))
        self.d_text.setPlainText(r.get("text") or "")
        self.d_comments.clear()
        items = {}
        for c in self.comments:
            if c.get("contribution_uid") != r["uid"]:
                continue
            it = QTreeWidgetItem([(c.get("text") or "").replace("\n", " ")])
            it.setToolTip(0, "")  # no rich-text tooltips from citizens' text
            parent = items.get(c.get("parent_id"))
            (parent.addChild(it) if parent is not None else self.d_comments.addTopLevelItem(it))
            items[c.get("comment_id")] = it
        self.d_comments.expandAll()
        link = r.get("link") or ""
        self.d_link.setEnabled(link.lower().startswith(("http://", "https://")))
        kind = fb.geometry_kind(r.get("geometry"))
        lyr = self.layers.get(kind)
        if lyr is not None:
            ids = [
                f.id()
                for f in lyr.getFeatures(
                    QgsFeatureRequest().setFilterExpression(
                        f"\"uid\" = '{r['uid'].replace(chr(39), chr(39) * 2)}'"
                    )
                )
            ]
            # the layer's signals stay on (blocking them kept the map from drawing the selection);
            # the guard keeps map_selection_changed from answering our own selection
            self._selecting_from_table = True
            try:
                lyr.selectByIds(ids)
            finally:
                self._selecting_from_table = False
            self.show_on_map(lyr, ids)

    def show_on_map(self, lyr, ids):
        """Bring a contribution chosen in the table into view (when it is not) and flash it."""
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is None or not ids:
            return
        box = QgsRectangle()
        for f in lyr.getFeatures(QgsFeatureRequest().setFilterFids(ids)):
            if f.hasGeometry():
                box.combineExtentWith(f.geometry().boundingBox())
        if box.isNull():
            return
        xf = QgsCoordinateTransform(lyr.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())
        box = xf.transformBoundingBox(box)
        if not canvas.extent().contains(box):
            canvas.setCenter(box.center())
            canvas.refresh()
        canvas.flashFeatureIds(lyr, ids)

    def map_selection_changed(self, lyr):
        if getattr(self, "_selecting_from_table", False):
            return
        ids = lyr.selectedFeatureIds()
        if len(ids) != 1:
            return
        uid = lyr.getFeature(ids[0])["uid"]
        for i, r in enumerate(self.model.rows):
            if r["uid"] == uid:
                self.table.selectRow(i)
                self.show_detail(i)
                break

    def open_link(self):
        link = (self.current or {}).get("link") or ""
        if link.lower().startswith(("http://", "https://")):
            QDesktopServices.openUrl(QUrl(link))
