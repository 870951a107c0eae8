"""Synthetic DIPAS-style citizen feedback (PDS format) over the demo area, for `make demo` and the
panel screenshots: 80 contributions in four categories, points, lines and areas, three without a
location, German texts. Writes demo/data/feedback_sample.geojson (run with any Python + GDAL)."""

import json
import os

import numpy as np
from osgeo import gdal, osr

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "demo", "data")
TEXTS = {
    "Wasser": [
        "Nach jedem Starkregen steht hier das Wasser knöcheltief.",
        "Der Keller ist 2021 vollgelaufen.",
        "Die Senke am Weg füllt sich sehr schnell, bitte Mulde anlegen.",
        "Gully ist oft verstopft &amp; läuft über.",
    ],
    "Grün": [
        "Hier wäre Platz für eine Versickerungsmulde mit Bäumen.",
        "Das Flachdach der Halle begrünen!",
        "Mehr Schatten und Grün auf dem Schulhof.",
        "Entsiegelung des Parkplatzes, bitte.",
    ],
    "Verkehr": [
        "Die Unterführung ist bei Regen nicht passierbar.",
        "Radweg steht regelmäßig unter Wasser.",
        "Feuerwehrzufahrt bei Starkregen blockiert.",
        "Bushaltestelle ohne Wetterschutz.",
    ],
    "Sonstiges": [
        "Gute Idee, den Bürgern die Karten zu zeigen.",
        "Bitte Infoabend zum Starkregen anbieten.",
        "Kontakt für Rückfragen: anwohner@example.org",
        "Mehr Sitzbänke im Park.",
    ],
}


def main():
    ds = gdal.Open(os.path.join(DATA, "lidar_mn_1m_dem.tif"))
    gt = ds.GetGeoTransform()
    src = osr.SpatialReference()
    src.ImportFromWkt(ds.GetProjection())
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(4326)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)
    rng = np.random.default_rng(21)

    def ll(c, r):
        x, y = gt[0] + c * gt[1], gt[3] + r * gt[5]
        lon, lat = ct.TransformPoint(x, y)[:2]
        return [round(lon, 7), round(lat, 7)]

    cats = list(TEXTS)
    feats = []
    for i in range(80):
        cat = cats[int(rng.choice(4, p=[0.4, 0.25, 0.2, 0.15]))]
        c, r = rng.uniform(40, 360, 2)
        if i % 17 == 5:
            geom = {"type": "LineString", "coordinates": [ll(c, r), ll(c + rng.uniform(-60, 60), r + 40)]}
        elif i % 23 == 7:
            geom = {
                "type": "Polygon",
                "coordinates": [[ll(c, r), ll(c + 30, r), ll(c + 30, r + 25), ll(c, r + 25), ll(c, r)]],
            }
        else:
            geom = {"type": "Point", "coordinates": ll(c, r)}
        located = i not in (11, 42, 64)
        if not located:
            geom = {"type": "Point", "coordinates": [0, 0]}
        day = 1 + int(rng.integers(0, 21))
        feats.append(
            {
                "type": "Feature",
                "geometry": geom,
                "properties": {
                    "id": str(5000 + i),
                    "dateCreated": f"2025-06-{day:02d}T{8 + i % 12:02d}:15:00Z",
                    "link": f"https://beteiligung.example.org/drupal/node/{5000 + i}",
                    "title": TEXTS[cat][i % 4].split(",")[0][:60],
                    "contributionType": ["Hinweis", "Idee", "Kritik"][i % 3],
                    "contributionContent": TEXTS[cat][i % 4],
                    "commentsNumber": int(rng.integers(0, 6)),
                    "category": cat,
                    "votingPro": str(int(rng.integers(0, 25))),
                    "votingContra": int(rng.integers(0, 6)),
                    "keywordSuggested": "Starkregen" if cat == "Wasser" else "",
                    "keywordPicked": "",
                    "belongToProject": "demo-starkregen",
                    "dipasLocated": located,
                },
            }
        )
    out = os.path.join(DATA, "feedback_sample.geojson")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": feats}, fh, ensure_ascii=False, indent=0)
    print("wrote", out)


if __name__ == "__main__":
    main()
