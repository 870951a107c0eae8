"""QGIS 4 / Qt 6 readiness of the package, checked by introspection of the QGIS and PyQt the
checker runs in (QGIS 3.22+ bindings): every enum value is named through its enum
(``QgsProcessing.SourceType.TypeVectorPolygon``, ``Qt.AlignmentFlag.AlignLeft``) — PyQt6 knows
no other form, and the plugin repository marks a plugin that uses the short form as not
compatible with QGIS 4 — and no Qt 5-only API is used. QGIS' own migration script
(``scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py``) checks the Qt enums only without QGIS' Qt 6
bindings; this check covers QGIS' enums too. ``QVariant.<Type>`` stays (QGIS 4 accepts it).

    python scripts/check_qt6.py smartplan          # report, exit 1 when something is found
    python scripts/check_qt6.py --fix smartplan    # rewrite the enums in place
"""

import argparse
import ast
import importlib
import os
import re
import sys

QT5_ONLY = [
    (re.compile(r"\.exec_\("), "exec_() is gone in Qt 6: use exec()"),
    (re.compile(r"^\s*(from|import) PyQt5\b"), "import from qgis.PyQt, not PyQt5"),
    (re.compile(r"\bQRegExp\b"), "QRegExp is gone in Qt 6: use QRegularExpression"),
    (re.compile(r"\bQDesktopWidget\b|\.desktop\(\)"), "QDesktopWidget is gone in Qt 6: use QScreen"),
    (re.compile(r"\bQtWebKit\w*\b"), "QtWebKit is gone in Qt 6"),
]
SKIP_CLASSES = {"QVariant"}  # QVariant.Int … are accepted by QGIS 4; QVariant.Type.Int does not exist


def enum_type():
    """The metaclass of the bindings' enums (sip's ``enumtype``; on PyQt6 Python's EnumMeta)."""
    from qgis.PyQt.QtCore import Qt

    return type(type(Qt.AlignmentFlag.AlignLeft))


def imported_names(tree):
    """{local name: object} for names imported from qgis.* and qgis.PyQt.*."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "qgis":
            try:
                mod = importlib.import_module(node.module)
            except ImportError:
                continue
            for a in node.names:
                if hasattr(mod, a.name):
                    out[a.asname or a.name] = getattr(mod, a.name)
    return out


def unscoped_enums(path):
    """[(line, col, end col, 'X.Y', 'X.E.Y')] of enum values named without their enum."""
    src = open(path, encoding="utf-8").read()
    tree = ast.parse(src, path)
    names = imported_names(tree)
    etype = enum_type()
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
            continue
        owner = node.value.id
        if owner in SKIP_CLASSES or owner not in names or not isinstance(names[owner], type):
            continue
        try:
            value = getattr(names[owner], node.attr)
        except AttributeError:
            continue
        kind = type(value)
        if not isinstance(kind, etype) or kind.__name__ == node.attr:
            continue
        if getattr(names[owner], kind.__name__, None) is not kind:
            continue  # the enum lives elsewhere (a base class under another name): leave it
        found.append(
            (
                node.lineno,
                node.col_offset,
                node.end_col_offset,
                f"{owner}.{node.attr}",
                f"{owner}.{kind.__name__}.{node.attr}",
            )
        )
    return found


def qt5_only(path):
    out = []
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        code = line.split("#")[0]
        for rx, why in QT5_ONLY:
            if rx.search(code):
                out.append((i, why))
    return out


def fix(path, found):
    lines = open(path, encoding="utf-8").read().split("\n")
    for line, col, end, old, new in sorted(found, key=lambda f: (f[0], -f[1])):
        text = lines[line - 1].encode("utf-8")  # ast's column offsets count UTF-8 bytes
        assert text[col:end] == old.encode(), (path, line, text[col:end], old)
        lines[line - 1] = (text[:col] + new.encode() + text[end:]).decode("utf-8")
    open(path, "w", encoding="utf-8").write("\n".join(lines))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--fix", action="store_true")
    args = ap.parse_args(argv)
    from qgis.core import QgsApplication  # noqa: F401 - loads the bindings

    problems = 0
    for root, _dirs, files in os.walk(args.folder):
        for f in sorted(files):
            if not f.endswith(".py"):
                continue
            path = os.path.join(root, f)
            found = unscoped_enums(path)
            if found and args.fix:
                fix(path, found)
            elif found:
                for line, _c, _e, old, new in found:
                    print(f"{path}:{line}: {old} -> {new}")
                problems += len(found)
            for line, why in qt5_only(path):
                print(f"{path}:{line}: {why}")
                problems += 1
    print(f"{problems} Qt 6 problem(s)" if problems else "Qt 6 check: nothing found")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
