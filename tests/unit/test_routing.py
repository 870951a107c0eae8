"""Road-network routing core on a hand-built street grid with known answers."""

import numpy as np
import pytest

from smartplan.core.routing import (
    build_network,
    from_stations,
    graph,
    path_edges,
    pregnolato_speed_factor,
    tie_points,
)


def grid_lines(n=3, step=100.0):
    """Streets of an n x n block grid: horizontal and vertical lines through all crossings."""
    lines = []
    for i in range(n):
        lines.append(np.array([[0, i * step], [(n - 1) * step, i * step]]))  # horizontal
        lines.append(np.array([[i * step, 0], [i * step, (n - 1) * step]]))  # vertical
    return lines


def test_grid_times_blocking_and_one_way():
    lines = grid_lines()
    # vertices only at the line ends: add the crossings as vertices (as OSM ways share nodes)
    lines = [np.array([ln[0], (ln[0] + ln[1]) / 2, ln[1]]) for ln in lines]
    net = build_network(lines, [36.0] * len(lines))  # 36 km/h = 10 m/s
    assert net.n == 9 and net.u.size == 12
    net, nodes, dist = tie_points(net, [(0, 0), (200, 200), (150, 0)])
    assert list(dist) == [0, 0, 0] and net.n == 10  # (150, 0) splits the bottom street
    g, edge_of = graph(net, net.seconds())
    r = from_stations(g, [nodes[0]])
    assert r.time[nodes[1]] == pytest.approx(40.0)  # 400 m Manhattan distance
    assert r.time[nodes[2]] == pytest.approx(15.0)
    assert sum(net.length[e] for e in path_edges(r, edge_of, nodes[1])) == pytest.approx(400)
    # block the two streets leaving the corner towards the east: the detour goes north first
    factor = np.ones(net.u.size)
    blocked = [
        i
        for i in range(net.u.size)
        if {tuple(net.nodes[net.u[i]]), tuple(net.nodes[net.v[i]])}
        in ({(0.0, 0.0), (100.0, 0.0)}, {(100.0, 0.0), (100.0, 100.0)})
    ]
    factor[blocked] = 0
    g2, edge_of2 = graph(net, net.seconds(factor))
    r2 = from_stations(g2, [nodes[0]])
    assert r2.time[nodes[1]] == pytest.approx(40.0)  # still 400 m via the west and north
    assert r2.time[nodes[2]] == pytest.approx(45.0)  # (0,0)-(0,100)-(200,100)-(200,0)-(150,0): 450 m
    assert not set(path_edges(r2, edge_of2, nodes[2])) & set(blocked)
    # a one-way street against the direction of travel is not used
    lines2 = [np.array([[0, 0], [100, 0]]), np.array([[100, 0], [200, 0]])]
    net2 = build_network(lines2, [36.0, 36.0], directions=[1, -1])
    g3, _ = graph(net2, net2.seconds())
    r3 = from_stations(g3, [0])
    assert np.isinf(r3.time[2])  # (200,0) only reachable against the one-way of the 2nd street


def test_nearest_station_wins_and_cut_off_nodes():
    lines = [np.array([[0, 0], [1000, 0]]), np.array([[5000, 0], [6000, 0]])]
    net = build_network(lines, [36.0, 36.0])
    net, nodes, _ = tie_points(net, [(0, 0), (1000, 0), (600, 0), (5500, 0)])
    g, _ = graph(net, net.seconds())
    r = from_stations(g, [nodes[0], nodes[1]])
    assert r.source[nodes[2]] == 1 and r.time[nodes[2]] == pytest.approx(40.0)
    assert np.isinf(r.time[nodes[3]]) and r.source[nodes[3]] == -1  # a separate network part


def test_pregnolato_depth_speed():
    f = pregnolato_speed_factor([0.0, 0.1, 0.2, 0.3, 0.5])
    assert f[0] == pytest.approx(1.0)
    assert f[1] == pytest.approx((0.0009 * 100**2 - 0.5529 * 100 + 86.9448) / 86.9448)
    assert f[1] > f[2] > 0 and f[3] == 0 and f[4] == 0


def test_nearest_edges_by_kd_tree_equal_comparing_every_edge():
    """The KD-tree search finds, for every point, the same edge (ties: the lowest index), position
    and distance as measuring every point against every edge — with long roads (which its pieces
    must cover) and points exactly between two parallel roads."""
    from smartplan.core.routing import build_network, nearest_edges

    rng = np.random.default_rng(0)
    lines = [
        np.cumsum(rng.normal(0, 800 if k % 5 == 0 else 30, (int(rng.integers(2, 6)), 2)), 0)
        + rng.uniform(0, 5000, 2)
        for k in range(1500)
    ]
    lines += [np.array([[0.0, y], [5000.0, y]]) for y in range(0, 5001, 500)]  # parallel roads
    net = build_network(lines, np.full(len(lines), 50.0))
    pts = np.concatenate([rng.uniform(-200, 5200, (600, 2)), [[250.0, 250.0], [1000.0, 750.0]]])
    a, b = net.nodes[net.u], net.nodes[net.v]
    ab = b - a
    t = np.clip(((pts[:, None] - a[None]) * ab[None]).sum(2) / (ab**2).sum(1)[None], 0, 1)
    d = np.hypot(*(pts[:, None] - (a[None] + t[..., None] * ab[None])).transpose(2, 0, 1))
    e_ref = np.argmin(d, axis=1)
    e, tt, dd = nearest_edges(net, pts)
    np.testing.assert_array_equal(e, e_ref)
    np.testing.assert_allclose(dd, d[np.arange(len(pts)), e_ref], rtol=0, atol=1e-9)
    np.testing.assert_allclose(tt, t[np.arange(len(pts)), e_ref], rtol=0, atol=1e-12)
    # a point exactly between two parallel roads goes to the lower index (the first road)
    two = build_network(
        [np.array([[0.0, 0.0], [100.0, 0.0]]), np.array([[0.0, 10.0], [100.0, 10.0]])], [50.0, 50.0]
    )
    e2, t2, d2 = nearest_edges(two, [[40.0, 5.0]])
    assert two.feature[e2[0]] == 0 and d2[0] == 5.0 and t2[0] == pytest.approx(0.4)
