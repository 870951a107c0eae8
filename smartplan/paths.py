"""Where the plugin's resources live: inside the installed plugin folder (zip layout) or beside
the package in a source checkout."""

import configparser
import os

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _first_existing(*candidates):
    for c in candidates:
        if os.path.exists(c):
            return c
    return candidates[0]


def plugin_file(*parts):
    """A file shipped at the plugin root (metadata.txt, resources/, i18n/, processing/)."""
    return _first_existing(
        os.path.join(PACKAGE_DIR, *parts), os.path.join(os.path.dirname(PACKAGE_DIR), *parts)
    )


def resource(*parts):
    return plugin_file("resources", *parts)


def style(name):
    """Path of the QML style ``name`` (without extension)."""
    return resource("styles", name + ".qml")


def icon_path(name="smartplan"):
    return resource("icons", name + ".svg")


def metadata():
    """metadata.txt as a dict of the [general] section."""
    cp = configparser.ConfigParser(interpolation=None)
    cp.read(plugin_file("metadata.txt"), encoding="utf-8")
    return dict(cp["general"]) if cp.has_section("general") else {}
