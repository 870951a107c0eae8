"""Broken files and places through Processing: a truncated GeoTIFF and an output folder that
cannot exist end in plain words (no Python traceback) and leave no outputs."""

import os

import processing
import pytest
from qgis.core import QgsProcessingException


def run(tmp_path, dem, **outs):
    p = {
        "DEM": dem,
        "FILLED": str(tmp_path / "f.tif"),
        "DEPTH": str(tmp_path / "d.tif"),
        "SINKS": str(tmp_path / "s.gpkg"),
        "POUR_POINTS": str(tmp_path / "p.gpkg"),
    }
    p.update(outs)
    return processing.run("smartplan:depressions", p)


def test_truncated_geotiff_is_named_without_traceback(provider_only, real_data, tmp_path):
    full = open(os.path.join(real_data, "lidar_mn_1m_dem.tif"), "rb").read()
    trunc = tmp_path / "abgebrochen.tif"
    trunc.write_bytes(full[:200000])  # a download that stopped
    with pytest.raises(QgsProcessingException) as err:
        run(tmp_path, str(trunc))
    msg = str(err.value)
    assert "Traceback" not in msg and "abgebrochen.tif" in msg and "truncated" in msg
    assert not any((tmp_path / n).exists() for n in ("f.tif", "d.tif", "s.gpkg", "p.gpkg"))


def test_output_folder_that_cannot_exist(provider_only, real_data, tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(QgsProcessingException) as err:
        run(
            tmp_path, os.path.join(real_data, "lidar_mn_1m_dem.tif"), FILLED=str(tmp_path / "afile" / "f.tif")
        )
    msg = str(err.value)
    assert "Traceback" not in msg and "output folder exists and is writable" in msg
    assert not any((tmp_path / n).exists() for n in ("d.tif", "s.gpkg", "p.gpkg"))
