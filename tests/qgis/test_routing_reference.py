"""The routing core against QGIS' own native:shortestpathpointtopoint on the Helsinki OSM roads."""

import os

import numpy as np
import processing
import pytest
from qgis.core import (
    QgsVectorLayer,
)

from smartplan.core.routing import NOT_DRIVABLE, build_network, from_stations, graph, tie_points


@pytest.fixture()
def roads(qgis_processing, tmp_path, real_data):
    """Drivable OSM roads of Helsinki reprojected to ETRS-TM35FIN (metres), as a GeoPackage."""
    where = "highway IS NOT NULL AND highway NOT IN ('%s')" % "','".join(sorted(NOT_DRIVABLE))
    src = os.path.join(real_data, "helsinki.osm.pbf") + "|layername=lines|subset=" + where
    out = processing.run(
        "native:reprojectlayer",
        {"INPUT": src, "TARGET_CRS": "EPSG:3067", "OUTPUT": str(tmp_path / "roads_3067.gpkg")},
    )["OUTPUT"]
    assert QgsVectorLayer(out, "roads").featureCount() > 1000
    return out


def test_shortest_paths_equal_qgis(qgis_processing, roads, tmp_path):
    lines = []
    for f in QgsVectorLayer(roads, "roads").getFeatures():
        g = f.geometry()
        for part in g.asMultiPolyline() if g.isMultipart() else [g.asPolyline()]:
            lines.append(np.array([[p.x(), p.y()] for p in part]))
    net = build_network(lines, [50.0] * len(lines))
    # start/end points 3 m beside random nodes of the main connected part (QGIS raises for
    # unconnected points, which it would be unfair to compare)
    g0, _ = graph(net, net.length)
    reach = from_stations(g0, [int(np.argmin(net.nodes[:, 0]))]).time
    main = np.flatnonzero(np.isfinite(reach))
    rng = np.random.default_rng(11)
    picks = net.nodes[rng.choice(main, 12, replace=False)] + [3.0, 0.0]
    pairs = [(tuple(picks[2 * k]), tuple(picks[2 * k + 1])) for k in range(6)]
    tied, nodes, _ = tie_points(net, [p for pair in pairs for p in pair])
    g, _ = graph(tied, tied.length)
    for k, (a, b) in enumerate(pairs):
        ours = from_stations(g, [nodes[2 * k]]).time[nodes[2 * k + 1]]
        assert np.isfinite(ours)
        res = processing.run(
            "native:shortestpathpointtopoint",
            {
                "INPUT": roads,
                "STRATEGY": 0,
                "DEFAULT_DIRECTION": 2,
                "DEFAULT_SPEED": 50,
                "TOLERANCE": 0,
                "START_POINT": f"{a[0]},{a[1]} [EPSG:3067]",
                "END_POINT": f"{b[0]},{b[1]} [EPSG:3067]",
                "OUTPUT": str(tmp_path / f"sp{k}.gpkg"),
            },
        )
        feat = next(QgsVectorLayer(res["OUTPUT"], "sp").getFeatures())
        # QGIS' "cost" is measured on its default ellipsoid; the planar length of its path is what
        # our planar network (in the projected CRS) must equal
        assert ours == pytest.approx(feat.geometry().length(), rel=1e-9, abs=1e-6)
        assert ours == pytest.approx(feat["cost"], rel=2e-3)
