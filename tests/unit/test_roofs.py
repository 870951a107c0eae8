"""Green-roof core: plane fit, classes, segmentation of synthetic roofs with known slopes, noise,
superstructures, minimum area/width, stale-DSM test and effect formulas against hand values."""

import math

import numpy as np
import pytest

from smartplan.core import roofs as R
from tests.roof_scenes import scene

ROOFS = [  # (kind, slope, superstructures (u0, v0, width, depth, height))
    ("shed", 0, []),
    ("shed", 3, []),
    ("shed", 10, []),
    ("shed", 20, []),
    ("shed", 35, []),
    ("shed", 50, []),
    ("gable", 20, []),
    ("gable", 35, []),
    ("gable", 50, []),
    ("hip", 20, []),
    ("hip", 35, []),
    ("shed", 0, [(3, 3, 1, 1, 1.5), (10, 5, 3, 2, 1.2)]),
    ("shed", 3, [(12, 2, 2, 2, 1.0)]),
]


def test_plane_fit_exact():
    x, y = np.meshgrid(np.arange(5.0), np.arange(4.0))
    a, b, c, rmse = R.fit_plane(x.ravel(), y.ravel(), (0.25 * x - 0.5 * y + 3).ravel())
    assert (a, b, c) == pytest.approx((0.25, -0.5, 3.0))
    assert rmse == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError):
        R.fit_plane([0, 1, 2], [0, 1, 2], [1, 2, 3])  # collinear


def test_slope_and_aspect_conventions():
    # z rises to the south (y = row grows southwards): the face looks north
    s, pct, asp = R.roof_face_slope(0.0, math.tan(math.radians(30)))
    assert s == pytest.approx(30.0) and pct == pytest.approx(57.735, abs=1e-3) and asp == pytest.approx(0.0)
    assert R.roof_face_slope(0.0, -1.0)[2] == pytest.approx(180.0)  # rises to the north: looks south
    assert R.roof_face_slope(-1.0, 0.0)[2] == pytest.approx(90.0)  # rises to the west: looks east
    assert R.roof_face_slope(1.0, 0.0)[2] == pytest.approx(270.0)
    assert R.roof_face_slope(0.001, 0.0)[2] == -1.0  # flat: no aspect


def test_classes_follow_muenster_limits():
    assert list(R.slope_class([0, 5, 5.01, 15, 15.2, 30, 30.5, 45, 45.1, 80])) == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
    ]
    assert R.parse_breaks("5, 15,30,45") == (5.0, 15.0, 30.0, 45.0)
    for bad in ("5,15,30", "15,5,30,45", "a,b,c,d"):
        with pytest.raises(ValueError):
            R.parse_breaks(bad)


def faces_by_building(faces):
    out = {}
    for f in faces:
        out.setdefault(f["building"], []).append(f)
    return out


@pytest.mark.parametrize("cell", [1.0, 0.5])
def test_noisy_roofs_slope_within_one_degree(cell, engine):
    """σ = 0.1 m noise: face count right, slope within 1° and class right on >= 95 % of faces."""
    good = total = 0
    for seed in range(3):
        dsm, ids, truth = scene(ROOFS, cell=cell, sigma=0.1, seed=seed)
        _, faces, _ = R.analyse_tile(dsm.astype(float), ids, cell)
        fb = faces_by_building(faces)
        for i, t in enumerate(truth):
            got = fb.get(i, [])
            assert len(got) == t["faces"], (t, [f["slope_deg"] for f in got])
            for f in got:
                total += 1
                ok = abs(f["slope_deg"] - t["slope"]) <= 1.0
                ok &= f["class"] == R.slope_class(t["slope"])
                good += ok
    assert good / total >= 0.95, (good, total)


def test_per_cell_slope_would_misclassify_flat_roofs():
    """The reason for the plane fit: Horn per-cell slope of a flat roof with σ = 0.1 m at 0.5 m
    cells averages about 6° (methods A3), so the per-cell mean lands in class 2."""
    dsm, ids, _ = scene([("shed", 0, [])], cell=0.5, sigma=0.1, seed=4)
    z = dsm.astype(float)
    p = np.pad(z, 1, mode="edge")
    dzdx = ((p[:-2, 2:] + 2 * p[1:-1, 2:] + p[2:, 2:]) - (p[:-2, :-2] + 2 * p[1:-1, :-2] + p[2:, :-2])) / 4.0
    dzdy = ((p[2:, :-2] + 2 * p[2:, 1:-1] + p[2:, 2:]) - (p[:-2, :-2] + 2 * p[:-2, 1:-1] + p[:-2, 2:])) / 4.0
    inner = (
        (ids > 0)
        & np.roll(ids > 0, 1, 0)
        & np.roll(ids > 0, -1, 0)
        & np.roll(ids > 0, 1, 1)
        & np.roll(ids > 0, -1, 1)
    )
    cellwise = np.degrees(np.arctan(np.hypot(dzdx, dzdy)))[inner].mean()
    assert 5.0 < cellwise < 7.5
    _, faces, _ = R.analyse_tile(z, ids, 0.5)
    assert faces[0]["slope_deg"] < 0.5 and faces[0]["class"] == 1


def test_superstructures_found_and_subtracted(engine):
    dsm, ids, truth = scene([ROOFS[11], ROOFS[12]], cell=0.5, sigma=0.05, seed=1)
    _, faces, _ = R.analyse_tile(dsm.astype(float), ids, 0.5)
    fb = faces_by_building(faces)
    for i, t in enumerate(truth):
        (f,) = fb[i]
        # chimney 1 m² + HVAC 6 m² (and 4 m² on the second roof), measured on the 0.5 m grid
        assert f["occupied_m2"] == pytest.approx(t["occupied_m2"], abs=1.0)
        assert f["usable_m2"] < (f["area_m2"] - t["occupied_m2"]) * 0.85 + 1e-6


def test_small_and_narrow_faces_dropped(engine):
    # 4 x 2 m garage (8 m² < 10 m²) and a 1.5 m wide, 12 m long strip (18 m², narrower than 2 m)
    dsm, ids, _ = scene([("shed", 0, [])], cell=0.5, sigma=0.0, w=4, d=2)
    _, faces, _ = R.analyse_tile(dsm.astype(float), ids, 0.5)
    assert faces == []
    dsm, ids, _ = scene([("shed", 0, [])], cell=0.5, sigma=0.0, w=12, d=1.5)
    _, faces, _ = R.analyse_tile(dsm.astype(float), ids, 0.5)
    assert faces == []
    dsm, ids, _ = scene([("shed", 0, [])], cell=0.5, sigma=0.0, w=12, d=2.5)
    _, faces, _ = R.analyse_tile(dsm.astype(float), ids, 0.5)
    assert len(faces) == 1 and faces[0]["area_m2"] == pytest.approx(30.0)


def test_numba_kernel_and_numpy_fallback_segment_alike(monkeypatch):
    from smartplan.core import accel

    assert accel.has_numba()
    dsm, ids, _ = scene(ROOFS, cell=0.5, sigma=0.1, seed=7)
    lab_nb, faces_nb, _ = R.analyse_tile(dsm.astype(float), ids, 0.5)
    monkeypatch.setenv("SMARTPLAN_NO_NUMBA", "1")
    lab_np, faces_np, _ = R.analyse_tile(dsm.astype(float), ids, 0.5)
    assert (lab_nb == lab_np).mean() > 0.999
    assert [round(f["slope_deg"], 1) for f in faces_nb] == [round(f["slope_deg"], 1) for f in faces_np]


def test_stale_dsm_detected():
    dsm, ids, _ = scene([("shed", 0, []), ("shed", 0, [])], cell=1.0, sigma=0.05, seed=2)
    dsm = dsm.astype(float)
    new_house = ids == 2
    dsm[new_house] = 100.0 + np.random.default_rng(0).normal(0, 0.05, new_house.sum())  # ground only
    bad, tested = R.stale_share(dsm, ids, 1.0)
    assert [R.is_stale(b, t) for b, t in zip(bad, tested)] == [False, True]
    assert R.is_stale(0, 0, median_ndsm=1.2) is True and R.is_stale(0, 0, median_ndsm=6.0) is False
    assert R.is_stale(0, 0) is None


def test_effects_equal_hand_computed_values():
    co = R.coefficients()
    # 204 m² net (240 m² flat roof x 0.85), Hamburg 773 mm, r(5,5) = 300 l/(s·ha), 0.86 €/m², 50 %
    e = R.face_effects(204.0, 0.0, 1, "extensive_10", co, 773.0, 300.0, 0.86, 0.5)
    assert e["retention_m3_a"] == pytest.approx(204 * 0.773 * 0.50)  # 78.846
    assert e["sewer_saved_m3_a"] == pytest.approx(204 * 0.773 * (0.9 - 0.50))
    assert e["peak_reduction_ls"] == pytest.approx((1.0 - 0.4) * 300 * 204 / 10000)  # 3.672
    assert e["cooling_kwh_a"] == pytest.approx(204 * 0.773 * 0.50 * 680)
    assert e["co2_kg_a"] == pytest.approx(204 * 0.59) and e["dust_g_a"] == pytest.approx(204 * 9.8)
    assert e["fee_saving_eur_a"] == pytest.approx(204 * 0.86 * 0.5)  # 87.72 €
    # methods A7.3 example: Hamburg, 100 m², ret 0.55 (15 cm) -> 42.5 m³/a; A7.9: 43 €/a
    e = R.face_effects(100.0, 0.0, 1, "extensive_15", co, 773.0, 300.0, 0.86, 0.5)
    assert e["retention_m3_a"] == pytest.approx(42.515) and e["fee_saving_eur_a"] == pytest.approx(43.0)
    # sloped roof (> 5 %): C_s 0.7; A7.4: 100 m² at r = 300 -> hard 3.0 l/s
    assert R.face_effects(100.0, 36.4, 3, "extensive_10", co, 773, 300)["peak_reduction_ls"] == pytest.approx(
        0.9
    )
    # thin extensive (6 cm): C_s 0.5; intensive 30 cm on class 1: C_s 0.2 and retention 0.70
    assert R.face_effects(100.0, 1.0, 1, "extensive_6", co, 773, 300)["peak_reduction_ls"] == pytest.approx(
        1.5
    )
    e = R.face_effects(100.0, 1.0, 1, "intensive_30", co, 773, 300)
    assert e["peak_reduction_ls"] == pytest.approx(2.4) and e["retention_m3_a"] == pytest.approx(
        100 * 0.773 * 0.7
    )
    # intensive is not possible on class 2: extensive 10 cm instead; class 5: nothing
    assert R.face_effects(100.0, 15.0, 2, "intensive_30", co, 773, 300)["buildup"] == "extensive_10"
    assert R.face_effects(100.0, 100.0, 5, "extensive_10", co, 773, 300)["green_area_m2"] == 0.0
    # coefficients table overrides
    co2 = R.coefficients({"co2_kg_m2a": 0.18, "retention_extensive_10": 0.55})
    e = R.face_effects(100.0, 0.0, 1, "extensive_10", co2, 773.0, 300.0)
    assert e["co2_kg_a"] == pytest.approx(18.0) and e["retention_m3_a"] == pytest.approx(42.515)
    with pytest.raises(KeyError):
        R.coefficients({"nonsense": 1})


def test_building_summary_dominant_class_and_weights():
    faces = [
        {"class": 1, "area_m2": 50, "usable_m2": 40.0, "buildup": "intensive_30", "green_area_m2": 40.0},
        {"class": 3, "area_m2": 80, "usable_m2": 60.0, "buildup": "extensive_10", "green_area_m2": 60.0},
        {"class": 5, "area_m2": 30, "usable_m2": 0.0, "buildup": None},
    ]
    s = R.building_summary(faces)
    assert s["dominant_class"] == 3 and s["area_c1_m2"] == 40 and s["intensive_m2"] == 40
    assert s["green_area_m2"] == 100.0
    assert (s["weight_min_kg_m2"], s["weight_max_kg_m2"]) == (90, 500)
    assert R.building_summary([{"class": 5, "area_m2": 30, "usable_m2": 0.0}])["dominant_class"] == 5
    assert R.building_summary([])["dominant_class"] == 0
