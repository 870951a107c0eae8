"""Road network routing for emergency vehicles (screening version of the SENSARE idea).

The network is built like QGIS' network analysis (QgsVectorLayerDirector with topology tolerance
0): every vertex of a road line is a node, identical coordinates are the same node, every segment
between consecutive vertices is an edge. Points (stations, destinations) are tied to the nearest
point of the nearest segment, which is split there. Travel time = length / speed; one-way roads
are honoured. Shortest paths come from scipy's Dijkstra, once per network and station set.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

from .defaults import OSM_SPEEDS_KMH

DEFAULT_SPEEDS_KMH = OSM_SPEEDS_KMH  # OSM highway class -> default speed (core.defaults)
NOT_DRIVABLE = {
    "footway",
    "path",
    "cycleway",
    "steps",
    "pedestrian",
    "bridleway",
    "corridor",
    "elevator",
    "platform",
    "proposed",
    "construction",
    "abandoned",
    "raceway",
}


def pregnolato_speed_factor(depth_m):
    """Speed reduction by water depth (Pregnolato et al. 2017, Transportation Research D 55): the
    safe speed v(w) = 0.0009 w² − 0.5529 w + 86.9448 km/h for w in mm, 0 from about 300 mm;
    returned as the factor v(w)/v(0) applied to the road's own speed."""
    w = np.clip(np.asarray(depth_m, dtype=np.float64) * 1000.0, 0, None)
    v = 0.0009 * w**2 - 0.5529 * w + 86.9448
    v = np.where(w >= 300.0, 0.0, np.clip(v, 0.0, None))
    return v / 86.9448


@dataclass
class Network:
    nodes: np.ndarray  # (n, 2) coordinates
    u: np.ndarray  # edge start node
    v: np.ndarray  # edge end node
    length: np.ndarray  # metres
    speed: np.ndarray  # km/h
    direction: np.ndarray  # 0 both ways, 1 only u->v, -1 only v->u
    feature: np.ndarray  # index of the road feature the edge belongs to
    extra: dict = field(default_factory=dict)

    @property
    def n(self):
        return self.nodes.shape[0]

    def seconds(self, factor=None):
        """Travel time of every edge [s]; ``factor`` multiplies the speed (0 = impassable)."""
        sp = self.speed if factor is None else self.speed * factor
        with np.errstate(divide="ignore"):
            return np.where(sp > 0, self.length / (sp / 3.6), np.inf)


def build_network(lines, speeds_kmh, directions=None):
    """``lines``: list of (k, 2) coordinate arrays (one per road part), ``speeds_kmh`` and
    ``directions`` (0 both, 1 forward, -1 backward) per line."""
    pts, u_idx, feat, sp, dr = [], [], [], [], []
    offset = 0
    for i, xy in enumerate(lines):
        xy = np.asarray(xy, dtype=np.float64)
        if xy.shape[0] < 2:
            continue
        pts.append(xy)
        k = xy.shape[0]
        u_idx.append(np.arange(offset, offset + k - 1))
        feat.append(np.full(k - 1, i))
        sp.append(np.full(k - 1, float(speeds_kmh[i])))
        dr.append(np.full(k - 1, 0 if directions is None else int(directions[i])))
        offset += k
    if not pts:
        raise ValueError("empty network")
    allpts = np.concatenate(pts)
    nodes, inverse = np.unique(allpts, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    ui = np.concatenate(u_idx)
    u, v = inverse[ui], inverse[ui + 1]
    length = np.hypot(*(allpts[ui + 1] - allpts[ui]).T)
    keep = u != v  # zero-length segments (duplicate vertices)
    return Network(
        nodes=nodes,
        u=u[keep],
        v=v[keep],
        length=length[keep],
        speed=np.concatenate(sp)[keep],
        direction=np.concatenate(dr)[keep],
        feature=np.concatenate(feat)[keep],
    )


def _segment_distances(q, a, ab, ab2):
    """Distance from points ``q`` (k, 2) to segments a → a + ab (k, 2), pairwise, and the
    position t (0..1) of the closest point along each segment."""
    t = np.clip(((q - a) * ab).sum(1) / ab2, 0.0, 1.0)
    proj = a + t[:, None] * ab
    return np.hypot(*(q - proj).T), t


def nearest_edges(net, points, piece_m=None):
    """Nearest edge of each point (ties: the lowest edge index), the position t (0..1) along it and
    the distance.

    A KD-tree (scipy) over the midpoints of short pieces of the edges (at most ``piece_m`` long,
    default: twice the median edge length) finds the candidates: an edge whose closest piece
    midpoint lies farther than d₀ + ``piece_m``/2 cannot beat the edge at d₀ of the nearest
    midpoint. Exact: the same distances as comparing every point with every edge."""
    from scipy.spatial import cKDTree

    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    a = net.nodes[net.u]
    b = net.nodes[net.v]
    ab = b - a
    ab2 = np.maximum((ab**2).sum(1), 1e-300)
    seg_len = np.sqrt((ab**2).sum(1))
    if piece_m is None:
        piece_m = max(float(np.median(seg_len)) * 2.0, 1e-9) if seg_len.size else 1.0
    pieces = np.maximum(1, np.ceil(seg_len / piece_m).astype(np.int64))
    owner = np.repeat(np.arange(len(a)), pieces)
    first = np.cumsum(pieces) - pieces
    k = np.arange(owner.size) - first[owner]
    frac = (k + 0.5) / pieces[owner]
    mids = a[owner] + frac[:, None] * ab[owner]
    half = 0.5 * seg_len[owner] / pieces[owner]  # a piece's points lie within this of its midpoint
    tree = cKDTree(mids)
    _d, nearest_piece = tree.query(p)
    e0 = owner[nearest_piece]
    d0, _t = _segment_distances(p, a[e0], ab[e0], ab2[e0])
    radius = d0 + float(half.max()) + 1e-9 * (1.0 + d0)
    best_e = np.empty(len(p), dtype=np.int64)
    best_t = np.empty(len(p))
    best_d = np.empty(len(p))
    for i, cand in enumerate(tree.query_ball_point(p, radius)):
        edges = np.unique(owner[np.asarray(cand, dtype=np.int64)]) if len(cand) else e0[i : i + 1]
        q = np.broadcast_to(p[i], (edges.size, 2))
        d, t = _segment_distances(q, a[edges], ab[edges], ab2[edges])
        j = int(np.argmin(d))  # edges are sorted: the first minimum is the lowest index
        best_e[i], best_t[i], best_d[i] = edges[j], t[j], d[j]
    return best_e, best_t, best_d


def tie_points(net, points):
    """Split the nearest edges at the projections of ``points``; returns (new network, node index
    of every point, distance of every point to the network)."""
    e, t, d = nearest_edges(net, points)
    nodes = [net.nodes]
    node_of = np.empty(len(e), dtype=np.int64)
    n0 = net.n
    new_xy = []
    splits = {}
    for i, (ei, ti) in enumerate(zip(e, t)):
        if ti <= 0.0:
            node_of[i] = net.u[ei]
        elif ti >= 1.0:
            node_of[i] = net.v[ei]
        else:
            key = (int(ei), float(ti))
            if key not in splits:
                a, b = net.nodes[net.u[ei]], net.nodes[net.v[ei]]
                new_xy.append(a + ti * (b - a))
                splits[key] = n0 + len(new_xy) - 1
            node_of[i] = splits[key]
    if not splits:
        return net, node_of, d
    nodes.append(np.asarray(new_xy))
    by_edge = {}
    for (ei, ti), nid in splits.items():
        by_edge.setdefault(ei, []).append((ti, nid))
    keep = np.ones(net.u.size, dtype=bool)
    add_u, add_v, add_len, add_sp, add_dir, add_feat = [], [], [], [], [], []
    for ei, lst in by_edge.items():
        keep[ei] = False
        lst.sort()
        chain = [(0.0, int(net.u[ei]))] + lst + [(1.0, int(net.v[ei]))]
        for (t0, n_a), (t1, n_b) in zip(chain, chain[1:]):
            add_u.append(n_a)
            add_v.append(n_b)
            add_len.append(net.length[ei] * (t1 - t0))
            add_sp.append(net.speed[ei])
            add_dir.append(net.direction[ei])
            add_feat.append(net.feature[ei])
    out = Network(
        nodes=np.concatenate(nodes),
        u=np.concatenate([net.u[keep], add_u]).astype(np.int64),
        v=np.concatenate([net.v[keep], add_v]).astype(np.int64),
        length=np.concatenate([net.length[keep], add_len]),
        speed=np.concatenate([net.speed[keep], add_sp]),
        direction=np.concatenate([net.direction[keep], add_dir]).astype(np.int64),
        feature=np.concatenate([net.feature[keep], add_feat]).astype(np.int64),
    )
    pieces = [len(v) + 1 for v in by_edge.values()]
    out.extra["parent_edge"] = np.concatenate([np.flatnonzero(keep), np.repeat(list(by_edge), pieces)])
    return out, node_of, d


def graph(net, cost):
    """Directed sparse graph (CSR) with ``cost`` per edge; impassable (inf) edges are left out.
    Parallel edges keep the cheapest."""
    ok = np.isfinite(cost)
    fwd = ok & (net.direction >= 0)
    bwd = ok & (net.direction <= 0)
    rows = np.concatenate([net.u[fwd], net.v[bwd]])
    cols = np.concatenate([net.v[fwd], net.u[bwd]])
    w = np.concatenate([cost[fwd], cost[bwd]])
    eid = np.concatenate([np.flatnonzero(fwd), np.flatnonzero(bwd)])
    # cheapest of parallel edges; scipy treats explicit zeros as missing edges: use a tiny cost
    order = np.lexsort((w, cols, rows))
    rows, cols, w, eid = rows[order], cols[order], w[order], eid[order]
    first = np.ones(rows.size, dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    rows, cols, w, eid = rows[first], cols[first], w[first], eid[first]
    w = np.maximum(w, 1e-9)
    g = coo_matrix((w, (rows, cols)), shape=(net.n, net.n)).tocsr()
    edge_of = coo_matrix((eid + 1, (rows, cols)), shape=(net.n, net.n)).tocsr()
    return g, edge_of


@dataclass
class Routes:
    time: np.ndarray  # seconds from the nearest station to every node (inf = unreachable)
    source: np.ndarray  # station index per node (-1 unreachable)
    pred: np.ndarray  # predecessor per node (-9999 at stations / unreachable)


def from_stations(g, station_nodes):
    """Fastest time from the nearest station to every node (one multi-source Dijkstra)."""
    station_nodes = np.asarray(station_nodes, dtype=np.int64)
    dist, pred, src = dijkstra(
        g, directed=True, indices=station_nodes, min_only=True, return_predecessors=True
    )
    src_idx = np.full(g.shape[0], -1, dtype=np.int64)
    ok = src >= 0
    lookup = {int(n): i for i, n in enumerate(station_nodes)}
    src_idx[ok] = [lookup[int(s)] for s in src[ok]]
    return Routes(time=dist, source=src_idx, pred=pred)


def path_edges(routes, edge_of, node):
    """Edge ids (into the network) of the fastest path from the nearest station to ``node``."""
    out = []
    n = int(node)
    while routes.pred[n] >= 0:
        p = int(routes.pred[n])
        out.append(int(edge_of[p, n]) - 1)
        n = p
    return out[::-1]
