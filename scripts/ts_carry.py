"""Carry translations over to strings that moved to another context (a class renamed or a method
moved into another class): every unfinished message whose source text has a finished translation
elsewhere in the same .ts, or in the .ts of a git revision, gets that translation.

    python scripts/ts_carry.py i18n/smartplan_de.ts [REV]
"""

import subprocess
import sys
import xml.etree.ElementTree as ET


def finished(root):
    out = {}
    for msg in root.iter("message"):
        src, tr = msg.find("source"), msg.find("translation")
        if (
            src is not None
            and tr is not None
            and tr.get("type") not in ("unfinished", "obsolete")
            and tr.text
        ):
            out.setdefault(src.text, tr.text)
    return out


def main(path, rev=None):
    tree = ET.parse(path)
    known = finished(tree.getroot())
    if rev:
        old = subprocess.run(["git", "show", f"{rev}:{path}"], capture_output=True, check=True).stdout
        for k, v in finished(ET.fromstring(old)).items():
            known.setdefault(k, v)
    n = left = 0
    for msg in tree.getroot().iter("message"):
        tr = msg.find("translation")
        if tr is not None and tr.get("type") == "unfinished":
            text = known.get(msg.find("source").text)
            if text:
                tr.text = text
                del tr.attrib["type"]
                n += 1
            else:
                left += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    print(f"{n} carried over, {left} still unfinished")


if __name__ == "__main__":
    main(*sys.argv[1:])
