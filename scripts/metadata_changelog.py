"""Set ``changelog=`` of a packaged metadata.txt from CHANGELOG.md (what the QGIS plugin
repository and the plugin manager show): per version its date and the first sentence of each
entry, newest version first, as indented continuation lines.

    python3 scripts/metadata_changelog.py CHANGELOG.md build/smartplan/metadata.txt
"""

import re
import sys

MAX_PER_KIND = 12  # entries per kind (Added, Changed, Fixed) and version: the repository shows
# the text in a small box, and a long "Added" list must not hide the fixes


def first_sentence(text, limit=110):
    """The entry's first sentence; a short heading ("Privacy: …") keeps its first sentence."""
    text = re.sub(r"\*\*([^*]*)\*\*", r"\1", re.sub(r"`([^`]*)`", r"\1", re.sub(r"\s+", " ", text))).strip()
    m = re.match(r"(.+?)([.:])(\s|$)", text)
    s = m.group(1) if m else text
    if m and m.group(2) == ":" and len(s) < 40:
        rest = re.match(r"(.+?)\.(\s|$)", text[m.end() :])
        s = f"{s}: {rest.group(1) if rest else text[m.end() :]}"
    return s if len(s) <= limit else s[: limit - 1].rsplit(" ", 1)[0] + " …"


def changelog_lines(markdown):
    lines, version, kind, entry = [], None, None, None

    def flush():
        if entry is None or version is None:
            return
        prefix = f"{kind}: " if kind else ""
        if sum(e.startswith(prefix) for e in version[1]) < MAX_PER_KIND:
            version[1].append(prefix + first_sentence(entry))

    versions = []
    for line in markdown.splitlines():
        if line.startswith("## "):
            flush()
            entry = None
            version = (line[3:].strip(), [])
            versions.append(version)
        elif line.startswith("### "):
            flush()
            entry = None
            kind = line[4:].strip()
        elif line.startswith("- "):
            flush()
            entry = line[2:]
        elif entry is not None and line.startswith("  "):
            entry += " " + line.strip()
    flush()
    for head, entries in versions:
        lines.append(head)
        lines += [f"- {e}" for e in entries]
    return lines


def main(changelog, metadata):
    lines = changelog_lines(open(changelog, encoding="utf-8").read())
    meta = open(metadata, encoding="utf-8").read()
    # QGIS reads metadata.txt with configparser's interpolation: a bare % would break it
    value = "changelog=" + "\n    ".join(line.replace("%", "%%") for line in lines) + "\n"
    meta, n = re.subn(r"^changelog=.*\n(?:[ \t]+.*\n)*", lambda _m: value, meta, flags=re.M)
    if n != 1:
        raise SystemExit(f"{metadata}: no changelog= line")
    open(metadata, "w", encoding="utf-8").write(meta)


if __name__ == "__main__":
    main(*sys.argv[1:3])
