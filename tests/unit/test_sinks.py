"""Sinks and the rain cascade on hand-built DEMs with hand-computed answers, and against a
connected-component reference on a real DEM."""

import os

import numpy as np
import pytest
from osgeo import gdal
from scipy import ndimage
from skimage.morphology import reconstruction

from smartplan.core.sinks import (
    build_terrain,
    depth_class,
    downstream_among,
    effective_rain_mm,
    filter_mask,
    public_ids,
    rain_cascade,
    sink_table,
)

BOWL = np.array(
    [
        [5, 5, 5, 5, 5],
        [5, 4, 4, 4, 5],
        [5, 4, 1, 4, 5],
        [5, 4, 4, 4, 5],
        [5, 5, 5, 5, 5],
    ],
    dtype=np.float32,
)

# sink A at (2,2) spills east over (2,3) into sink B at (2,6); B spills over (2,7) to the edge
# cell (2,8). Hand-worked D8 (ties E, SE, S, SW, W, NW, N, NE; flats towards the nearest lower
# edge): A's catchment = (2,0), (2,1), (2,2); B's = 20 cells (its own, (2,4), (2,5), the 6-ring
# except (2,1)/(2,2), and 10 border cells draining inwards); the other 22 cells leave the map.
TWO = np.array(
    [
        [9, 9, 9, 9, 9, 9, 9, 9, 9],
        [9, 6, 6, 6, 9, 5, 5, 5, 9],
        [9, 6, 2, 6, 5, 5, 3, 5, 4],
        [9, 6, 6, 6, 9, 5, 5, 5, 9],
        [9, 9, 9, 9, 9, 9, 9, 9, 9],
    ],
    dtype=np.float32,
)


def idx(r, c, ncols):
    return r * ncols + c


def test_bowl(engine):
    t = build_terrain(BOWL)
    st = sink_table(t)
    assert st.n == 1
    assert st.area_m2[0] == 9
    assert st.volume_m3[0] == pytest.approx(12.0)  # 8 cells x 1 m + 4 m at the bottom
    assert st.max_depth_m[0] == 4 and st.bottom_elev[0] == 1 and st.spill_elev[0] == 5
    assert st.mean_depth_m[0] == pytest.approx(12 / 9)
    assert st.catchment_m2[0] == 9  # the border cells drain off the map (no lower neighbour)
    assert st.fill_rain_mm[0] == pytest.approx(1000 * 12 / 9)
    assert st.pour_index[0] == idx(2, 4, 5)  # bottom -> E -> E reaches the edge
    assert st.downstream[0] == 0
    res = rain_cascade(st, t, 450.0)
    assert res.rain_m3 == pytest.approx(25 * 0.45)
    assert res.stored[0] == pytest.approx(9 * 0.45)
    assert res.left_map_m3 == pytest.approx(16 * 0.45)
    assert res.fill_pct[0] == pytest.approx(33.75)
    # V(z) = (z - 1) + 8 (z - 4) = 4.05  ->  z = 37.05 / 9
    assert res.water_level[0] == pytest.approx(37.05 / 9)
    assert res.water_depth[2, 2] == pytest.approx(37.05 / 9 - 1, abs=1e-5)
    assert res.water_depth[1, 1] == pytest.approx(37.05 / 9 - 4, abs=1e-5)
    assert res.water_depth[0, 0] == 0


def test_bowl_spilling_into_another(engine):
    t = build_terrain(TWO)
    st = sink_table(t)
    assert st.n == 2
    a = int(np.flatnonzero(st.bottom_elev == 2)[0])
    b = int(np.flatnonzero(st.bottom_elev == 3)[0])
    assert st.volume_m3[a] == 4 and st.volume_m3[b] == 2
    assert st.spill_elev[a] == 6 and st.spill_elev[b] == 5
    assert st.pour_index[a] == idx(2, 3, 9)
    assert st.pour_index[b] == idx(2, 7, 9)
    assert st.downstream[a] == b + 1 and st.downstream[b] == 0
    # local catchments counted cell by cell by hand (see the comment above TWO)
    assert st.catchment_m2[a] == 3
    assert st.catchment_m2[b] == 20
    assert st.fill_rain_mm[b] == pytest.approx(100.0)
    r1 = rain_cascade(st, t, 1000.0)
    assert r1.stored[a] == pytest.approx(3) and r1.spill_m3[a] == 0
    assert r1.stored[b] == pytest.approx(2) and r1.spill_m3[b] == pytest.approx(18)
    assert r1.left_map_m3 == pytest.approx(22 + 18)
    assert r1.water_level[a] == pytest.approx(5.0)
    r2 = rain_cascade(st, t, 2000.0)
    assert r2.stored[a] == 4 and r2.spill_m3[a] == pytest.approx(2)
    assert r2.inflow_m3[b] == pytest.approx(40 + 2)
    assert r2.left_map_m3 == pytest.approx(44 + 40)
    assert r2.balance_error_m3 == pytest.approx(0, abs=1e-9)


def test_sink_touching_the_edge_is_no_sink(engine):
    z = BOWL.copy()
    z[2, 3] = z[2, 4] = 1  # a channel opens the bowl to the map edge at its lowest level
    st = sink_table(build_terrain(z))
    assert st.n == 0
    z[2, 3] = 4  # closed again by a 4 m sill: the bottom cell alone ponds 3 m deep
    st = sink_table(build_terrain(z))
    assert st.n == 1 and st.volume_m3[0] == 3 and st.spill_elev[0] == 4


def test_buildings_blocking_a_valley(engine):
    z = np.full((5, 7), 20, dtype=np.float32)
    z[1, 1:6] = z[3, 1:6] = 8
    z[2, 1:6] = [6, 5, 4, 3, 2]
    z[2, 6] = 0  # outlet
    assert sink_table(build_terrain(z)).n == 0
    ids = np.zeros(z.shape, np.int32)
    ids[2, 4] = 1
    zb = z + 10 * (ids > 0)
    st = sink_table(build_terrain(zb), ids)
    assert st.n == 1
    # water rises behind the house to the bank level 8: depths 2, 3, 4
    assert st.volume_m3[0] == pytest.approx(9) and st.area_m2[0] == 3
    assert st.max_depth_m[0] == 4 and st.spill_elev[0] == 8
    assert st.buildings_affected[0] == 1


def test_nested_bowls_outer_volume(engine):
    """Two small bowls (bottoms 1 and 2, rims 3) inside a big bowl with rim 5."""
    from tests.unit.test_nesting import nested_bowls

    z = nested_bowls()
    st = sink_table(build_terrain(z))
    assert st.n == 1
    # all 35 interior cells fill to 5: 17 cells at 4 (1 m), 16 at 3 (2 m), bottoms 1 and 2
    assert st.volume_m3[0] == pytest.approx(17 * 1 + 16 * 2 + 4 + 3)
    assert st.area_m2[0] == 35
    res = rain_cascade(st, build_terrain(z), 1e6)
    np.testing.assert_array_equal(res.water_depth, np.nan_to_num(build_terrain(z).depth))


def test_filters_and_downstream_through_filtered_sinks():
    t = build_terrain(TWO)
    st = sink_table(t)
    a = int(np.flatnonzero(st.bottom_elev == 2)[0])
    b = int(np.flatnonzero(st.bottom_elev == 3)[0])
    keep = filter_mask(st, min_depth=0.2, min_area=1, min_volume=1, min_catchment=10)
    assert list(keep) == [i == b for i in range(2)]  # A's catchment (3 m²) is too small
    keep2 = np.array([True, True])
    keep2[b] = False
    ds = downstream_among(st, keep2)
    assert ds[a] == 0  # B is filtered out, and the water leaves the map after B
    assert list(depth_class(np.array([0.05, 0.1, 0.2, 0.4, 0.6]))) == [1, 2, 2, 3, 4]
    pid = public_ids(st)
    assert pid[a + 1] == 1 and pid[b + 1] == 2  # A holds the larger volume


def test_effective_rain():
    assert effective_rain_mm(40, 0.5, 5) == pytest.approx(15)
    assert effective_rain_mm(4, 0.5, 5) == 0
    np.testing.assert_allclose(effective_rain_mm(10, np.array([1.0, 0.2])), [10, 2])


def test_real_dem_against_connected_component_reference(real_data):
    ds = gdal.Open(os.path.join(real_data, "lidar_mn_1m_dem.tif"))
    z = ds.GetRasterBand(1).ReadAsArray().astype(np.float32)
    seed = z.copy()
    seed[1:-1, 1:-1] = z.max()
    ref_fill = reconstruction(seed, z, method="erosion")
    ref_depth = ref_fill - z
    lab, n = ndimage.label(ref_depth > 0, structure=np.ones((3, 3)))
    ref_area = np.bincount(lab.ravel())[1:]
    ref_vol = np.bincount(lab.ravel(), weights=ref_depth.ravel())[1:]
    ref_max = ndimage.maximum(ref_depth, lab, np.arange(1, n + 1))
    t = build_terrain(z, dx=1, dy=1)
    st = sink_table(t)
    assert st.n == n
    o1 = np.lexsort((ref_area, ref_vol))
    o2 = np.lexsort((st.area_m2, st.volume_m3))
    np.testing.assert_allclose(st.volume_m3[o2], ref_vol[o1], rtol=1e-6)
    np.testing.assert_array_equal(st.area_m2[o2], ref_area[o1])
    np.testing.assert_allclose(st.max_depth_m[o2], ref_max[o1], rtol=1e-6)
    assert st.volume_m3.max() == pytest.approx(450_000, rel=0.002)  # lidar/richdem: ~450,000 m³
    # every cell is in exactly one local catchment or drains off the map
    assert st.catchment_m2.sum() <= z.size
    assert (st.catchment_m2 >= st.area_m2).all()


@pytest.mark.parametrize("name", ["lidar_mn_1m_dem.tif", "bigtujunga_srtm30.tif"])
def test_mass_balance_and_full_rain_on_real_dems(real_data, name):
    ds = gdal.Open(os.path.join(real_data, name))
    z = ds.GetRasterBand(1).ReadAsArray().astype(np.float32)
    gt = ds.GetGeoTransform()
    t = build_terrain(z, dx=gt[1], dy=-gt[5])
    st = sink_table(t)
    for h in (10.0, 36.0, 90.0):
        res = rain_cascade(st, t, h)
        assert res.rain_m3 == pytest.approx(z.size * t.cell_area * h / 1000)
        assert abs(res.balance_error_m3) < 1e-6 * res.rain_m3
        assert (res.stored <= st.volume_m3 + 1e-6).all()
        wd = np.nan_to_num(res.water_depth)
        assert wd.sum() * t.cell_area == pytest.approx(res.stored_m3, rel=1e-4)
    big = rain_cascade(st, t, 1e7)
    np.testing.assert_array_equal(big.water_depth, np.nan_to_num(t.depth).astype(np.float32))


@pytest.mark.parametrize("cores", [1, 2, 3])
def test_sink_cells_sorted_by_sink_then_elevation(real_data, engine, monkeypatch, cores):
    """The cells of each sink from its lowest up (equal elevations in index order), sinks in
    label order: against numpy's lexicographic sort, with the sinks shared among 1-3 cores."""
    from smartplan.core import parallel, sinks

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(sinks, "SORT_SHARE", 1000)
    z = gdal.Open(os.path.join(real_data, "lidar_mn_1m_dem.tif")).ReadAsArray().astype(np.float32)
    z = np.round(z, 1)  # many equal elevations inside each sink: the tie order is tested too
    st = sink_table(build_terrain(z))
    lab = st.labels.ravel()
    ref = np.flatnonzero(lab)
    ref = ref[np.lexsort((ref, z.ravel()[ref], lab[ref]))]
    np.testing.assert_array_equal(st.cells_sorted, ref)
    np.testing.assert_array_equal(st.starts, np.searchsorted(lab[ref], np.arange(1, st.n + 2)))
    assert st.n > 20 and ref.size > 50_000, (st.n, ref.size)
