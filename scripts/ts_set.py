"""Set translations in a Qt .ts file from a JSON object {source text: translation}.

Usage: python3 scripts/ts_set.py i18n/smartplan_de.ts translations.json
Messages whose source matches get the translation (the 'unfinished' mark is removed); the
script reports sources of the .ts that still have no translation.
"""

import json
import sys
import xml.etree.ElementTree as ET


def main(ts_path, json_path=None):
    mapping = {}
    if json_path:
        with open(json_path, encoding="utf-8") as fh:
            mapping = json.load(fh)
    tree = ET.parse(ts_path)
    missing = []
    for msg in tree.getroot().iter("message"):
        src = msg.find("source").text
        tr = msg.find("translation")
        if src in mapping:
            tr.text = mapping[src]
            tr.attrib.pop("type", None)
        elif tr.get("type") == "unfinished" or not (tr.text or "").strip():
            missing.append(src)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    for m in missing:
        print("untranslated:", m[:100])
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
