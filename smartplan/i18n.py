"""Qt translations: the plugin's .qm is loaded for the QGIS user locale (German first)."""

import os

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .paths import plugin_file


def user_locale():
    """Two-letter language of QGIS (``locale/userLocale``, or the system locale when overridden
    is off)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        loc = settings.value("locale/userLocale", "", type=str)
    else:
        loc = settings.value("locale/userLocale", "", type=str) or QLocale.system().name()
    return (loc or "en")[:2]


def qm_path(lang):
    return plugin_file("i18n", f"smartplan_{lang}.qm")


_ACTIVE = []  # (translator, language) installed, newest last


def install_translator(lang=None):
    """Install the translator for ``lang`` (default: the QGIS locale). Returns it (or None)."""
    lang = lang or user_locale()
    path = qm_path(lang)
    if not os.path.exists(path):
        return None
    tr = QTranslator()
    if not tr.load(path):
        return None
    QCoreApplication.installTranslator(tr)
    _ACTIVE.append((tr, lang))
    return tr


def remove_translator(tr):
    if tr is not None:
        QCoreApplication.removeTranslator(tr)
        _ACTIVE[:] = [(t, lang) for t, lang in _ACTIVE if t is not tr]


def ui_language():
    """The language SmartPlan's texts are shown in: the installed translation's, else English."""
    return _ACTIVE[-1][1] if _ACTIVE else "en"


# languages whose thousands separator is a dot (12.676 m³); English and the rest: 12,676 m³
_DOT_GROUPS = {"de", "nl", "da", "it", "es", "pt", "id", "tr"}


def group_digits(text):
    """``text`` formatted with Python's ',' digit groups ('{:,.0f}') in the UI language's way."""
    return text.replace(",", ".") if ui_language() in _DOT_GROUPS else text


def number(value, spec="g"):
    """``value`` formatted with ``spec`` (Python's format mini-language, ',' groups) in the UI
    language's way: 0.3 → "0,3" and 1,234.5 → "1.234,5" in German."""
    text = format(value, spec)
    if ui_language() in _DOT_GROUPS:
        return text.translate(str.maketrans({",": ".", ".": ","}))
    return text


class Translatable:
    """Mixin: ``self.tr(text)`` looks the text up under the name of each class in the MRO, which is
    where pylupdate5 files strings from ``self.tr()`` calls (base-class strings included)."""

    def tr(self, text):  # noqa: D401
        for cls in type(self).__mro__:
            out = QCoreApplication.translate(cls.__name__, text)
            if out != text:
                return out
        return text
