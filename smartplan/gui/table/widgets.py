"""Controls of the planning table: scale to the screen, finger-sized buttons, the stylesheet
and the on-screen keyboard."""

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

BAR_BG = "#101418"


ACCENT = "#ffb300"


def plain(text="", parent=None, size=None, bold=False, colour=None):
    lab = QLabel(parent)
    lab.setTextFormat(Qt.TextFormat.PlainText)  # citizens' text is never rich text
    lab.setWordWrap(True)
    lab.setText(text)
    if size:
        f = lab.font()
        f.setPixelSize(int(size))
        f.setBold(bold)
        lab.setFont(f)
    if colour:
        lab.setStyleSheet(f"color: {colour};")
    return lab


def clear_layout(box):
    """Remove and delete every widget of a layout (rebuilt rows of legend, chips, variants)."""
    while box.count():
        w = box.takeAt(0).widget()
        if w is not None:
            w.hide()
            w.deleteLater()


class TableControls:
    """Mixin of :class:`smartplan.gui.table_mode.TableMode`."""

    # ================================================================ UI
    def ui_scale(self):
        c = self.iface.mapCanvas()
        dpi = max(1.0, c.logicalDpiX() / 96.0)
        return max(1.0, min(c.width() / 1920.0, c.height() / 1080.0)) * dpi

    def px(self, v):
        return int(round(v * self.scale))

    def button(self, text, parent, checkable=False, name=None, big=False):
        b = QPushButton(text, parent)
        b.setCheckable(checkable)
        b.setMinimumHeight(self.px(56 if big else 48))
        b.setMinimumWidth(self.px(48))
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)  # touch → synthesized click
        if name:
            b.setObjectName(name)
        return b

    def stylesheet(self):
        s = self.px
        return (
            f"QFrame#TableBar {{ background: {BAR_BG}; border-top: {s(3)}px solid {ACCENT}; }}"
            f"QFrame#TableBar QPushButton {{ background: #263238; color: white;"
            f" border: {s(2)}px solid #546e7a; border-radius: {s(8)}px; padding: 0 {s(10)}px;"
            f" font-size: {s(19)}px; font-weight: bold; }}"
            f"QFrame#TableBar QPushButton:checked {{ background: {ACCENT}; color: black;"
            f" border-color: white; }}"
            f"QFrame#TableBar QPushButton:disabled {{ color: #78909c; border-color: #37474f; }}"
            f"QFrame#TablePanel, QFrame#TableCard {{ background: rgba(255,255,255,245);"
            f" border: {s(2)}px solid #263238; border-radius: {s(12)}px; }}"
            f"QFrame#TablePanel QPushButton, QFrame#TableCard QPushButton {{ background: #eceff1;"
            f" color: black; border: {s(2)}px solid #37474f; border-radius: {s(8)}px; padding: 0 {s(12)}px;"
            f" font-size: {s(18)}px; }}"
            f"QFrame#TablePanel QPushButton:checked, QFrame#TableCard QPushButton:checked {{ background:"
            f" {ACCENT}; }}"
            f"QProgressBar {{ border: {s(2)}px solid #37474f; border-radius: {s(6)}px; background: #eceff1;"
            f" height: {s(26)}px; text-align: center; font-size: {s(16)}px; color: black; }}"
            f"QProgressBar::chunk {{ background: #2e7d32; border-radius: {s(4)}px; }}"
        )

    KEY_ROWS = ("1234567890", "qwertzuiopü", "asdfghjklöä", "yxcvbnmß,.-")

    def keyboard(self, parent, edit):
        """A finger-sized on-screen keyboard (German layout) for a line edit: no hardware keyboard
        is needed at the table."""
        box = QVBoxLayout()
        box.setSpacing(self.px(4))
        state = {"shift": False}
        keys = []

        def press(ch):
            edit.insert(ch.upper() if state["shift"] else ch)
            if state["shift"]:
                toggle_shift()

        def toggle_shift():
            state["shift"] = not state["shift"]
            shift.setChecked(state["shift"])
            for b, ch in keys:
                b.setText(ch.upper() if state["shift"] else ch)

        for row in self.KEY_ROWS:
            line = QHBoxLayout()
            line.setSpacing(self.px(4))
            for ch in row:
                b = self.button(ch, parent, name=f"key_{ord(ch)}")
                b.setMinimumWidth(self.px(48))
                b.clicked.connect(lambda _c=False, ch=ch: press(ch))
                line.addWidget(b)
                keys.append((b, ch))
            box.addLayout(line)
        line = QHBoxLayout()
        shift = self.button("⇧", parent, True, "key_shift")
        shift.clicked.connect(lambda _c=False: toggle_shift())
        space = self.button(self.tr("space"), parent, name="key_space")
        space.clicked.connect(lambda: edit.insert(" "))
        back = self.button("⌫", parent, name="key_back")
        back.clicked.connect(edit.backspace)
        line.addWidget(shift)
        line.addWidget(space, 1)
        line.addWidget(back)
        box.addLayout(line)
        return box
