"""Check (f): partons' road routes against independent shortest paths.

Why: `partons run --roads` reads OSM with its own reader (datasets/osmroad),
builds a CSR graph and runs a multi-source Dijkstra on the reverse graph
(geo/road). Here the car network of each committed OSM extract is rebuilt
from scratch with pyosmium, following datasets/osmroad/PROFILES.md (the
same rules as datasets/osmroad/testdata/gen_oracle.py, plus speeds and
maxspeed parsing), with PROJ's WGS84 geodesic for edge lengths, and routed
with networkx on the reversed directed graph, so that one-way streets are
honoured village → service (multi_source_dijkstra_path_length from the
services of a category, and single-source Dijkstra from each service for
the service reached, domestic / abroad routes and route lengths) and, as a
second oracle, scipy.sparse.csgraph.dijkstra(min_only=True); the three
must agree.

Villages (60) and services (15 per category, pharmacy and post, split
between the home country and its neighbour) are placed exactly on junction
vertices of the largest component, so snapping is unambiguous (snap_m 0);
a few more villages sit on small disconnected components and one far from
any road. With --route-by length and --route-by time we compare, for every
village and category:

  {cat}_road_m          the oracle's shortest length (length) or the length
                        of the oracle's fastest path to the service partons
                        chose (time), within 0.15 m (1-decimal output and
                        float32 arcs);
  {cat}_road_min        the oracle's shortest time (time), within 0.01 min;
  {cat}_road_id         a service at that cost (ties allowed);
  {cat}_road_domestic_m / _abroad_m   the length of the best route to the
                        nearest home / foreign service (by the routing weight);
  {cat}_road_status     ok when the oracle reaches a service, unreachable
                        (with empty values, never 0) when it does not,
                        unsnapped for the village far from every road;
  invariant             road_m >= the geodesic straight line between the
                        village and the chosen service.

Road figures include the legs between village or service and its point on
the network (zero here); the same villages moved 40 m off their vertices
check that road_m stays above the geodesic to the chosen service.

On Liechtenstein, --border closed without --boundaries is checked too:
the extract's complete admin_level=2 relation assembled by pyosmium, a
ray-casting point-in-polygon per vertex, and networkx without the arcs
that join the country and the land outside it.

Usage: road_oracle.py --bin PARTONS [--extract FILE.osm.pbf ...]
"""

import argparse
import math
import os
import random
import tempfile
from collections import Counter

import networkx as nx
import numpy as np
import osmium
from pyproj import Geod
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from _common import Report, read_csv, run

GEOD = Geod(ellps="WGS84")
TOL_M = 0.15
TOL_MIN = 0.01
MAX_EXAMPLES = 8
N_VILLAGES = 60
N_SERVICES = 15
N_ISLANDS = 4
CATEGORIES = {"pharmacy": "amenity=pharmacy", "post": "amenity=post_office"}
# Extract → (home country, neighbour) codes given to villages and services.
COUNTRIES = {"monaco": ("MC", "FR"), "liechtenstein": ("LI", "CH")}
SEED = 20260

# --- PROFILES.md, car only ----------------------------------------------------
CAR_KMH = {"motorway": 110, "motorway_link": 60, "trunk": 90, "trunk_link": 50,
           "primary": 70, "primary_link": 40, "secondary": 60, "secondary_link": 40,
           "tertiary": 50, "tertiary_link": 30, "unclassified": 40, "residential": 30,
           "living_street": 10, "service": 15, "road": 30, "track": 15}
ALLOW = {"yes", "designated", "permissive", "destination", "delivery", "customers",
         "official", "discouraged", "use_sidepath", "dismount"}
DENY = {"no", "private", "agricultural", "forestry", "agricultural;forestry", "military",
        "emergency", "restricted", "permit"}
ZONE_KMH = {"BE:urban": 50, "BE-BRU:urban": 30, "BE:rural": 90, "BE-WAL:rural": 90,
            "BE-VLG:rural": 70, "BE:motorway": 120, "BE:trunk": 120,
            "FR:urban": 50, "FR:rural": 80, "FR:motorway": 130, "FR:trunk": 110,
            "NL:urban": 50, "NL:rural": 80, "NL:motorway": 130,
            "DE:urban": 50, "DE:rural": 100, "DE:motorway": 130,
            "LU:urban": 50, "LU:rural": 90, "LU:motorway": 130,
            "CH:urban": 50, "CH:rural": 80, "CH:motorway": 120, "CH:trunk": 100,
            "AT:urban": 50, "AT:rural": 100, "AT:motorway": 130}
SUFFIX_KMH = {"urban": 50, "rural": 80, "motorway": 120, "trunk": 100, "zone30": 30,
              "zone:30": 30, "zone20": 20, "zone:20": 20, "living_street": 20,
              "bicycle_road": 30, "walk": 5}
UNITS = (("km/h", 1.0), ("kmh", 1.0), ("kph", 1.0), ("mph", 1.609344), ("knots", 1.852))


def decide(tags, keys):
    """The most specific key with an interpreted value decides."""
    out = None
    for k in keys:
        v = tags.get(k)
        if v in ALLOW:
            out = True
        elif v in DENY:
            out = False
    return out


def maxspeed(v):
    """km/h of a maxspeed value, or None when it is not understood."""
    v = (v or "").strip()
    if not v:
        return None
    if ";" in v:
        got = [s for s in (maxspeed(p) for p in v.split(";")) if s is not None]
        return min(got) if got else None
    if v == "walk":
        return 5.0
    if v in ZONE_KMH:
        return float(ZONE_KMH[v])
    if ":" in v:
        s = SUFFIX_KMH.get(v.split(":", 1)[1])
        return None if s is None else float(s)
    factor, num = 1.0, v
    for unit, f in UNITS:
        if v.endswith(unit):
            factor, num = f, v[: -len(unit)]
            break
    try:
        x = float(num.strip())
    except ValueError:
        return None
    return x * factor if x > 0 and math.isfinite(x) else None


def car(tags):
    """(forward, backward, km/h) of a way for the car profile, or None."""
    hw = tags.get("highway")
    if not hw or tags.get("area") == "yes" or hw not in CAR_KMH:
        return None
    if hw == "track" and decide(tags, ["motor_vehicle", "motorcar"]) is not True:
        return None
    if decide(tags, ["access", "vehicle", "motor_vehicle", "motorcar"]) is False:
        return None
    implied = hw == "motorway" or tags.get("junction") in ("roundabout", "circular")
    ow = tags.get("oneway")
    if ow in ("yes", "true", "1"):
        fwd, bwd = True, False
    elif ow in ("-1", "reverse"):
        fwd, bwd = False, True
    elif ow in ("no", "false", "0", "alternating"):
        fwd, bwd = True, True
    elif ow == "reversible":
        return None
    else:
        fwd, bwd = True, not implied
    kmh = float(CAR_KMH[hw])
    ms = maxspeed(tags.get("maxspeed"))
    if ms is not None and ms < kmh:
        kmh = ms
    return fwd, bwd, kmh


class Ways(osmium.SimpleHandler):
    def __init__(self):
        super().__init__()
        self.ways = []  # (id, refs, (fwd, bwd, kmh))

    def way(self, w):
        a = car({t.k: t.v for t in w.tags})
        if a is None:
            return
        refs = []
        for n in w.nodes:
            if not refs or refs[-1] != n.ref:
                refs.append(n.ref)
        self.ways.append((w.id, refs, a))


class Nodes(osmium.SimpleHandler):
    def __init__(self, need):
        super().__init__()
        self.need, self.loc = need, {}

    def node(self, n):
        if n.id in self.need:
            self.loc[n.id] = (n.location.lon, n.location.lat)


def car_network(path):
    """Returns (loc, edges): node id → (lon, lat), and the list of edges
    (from, to, length m, time s, forward, backward) between vertices."""
    wh = Ways()
    wh.apply_file(path)
    nh = Nodes({r for _, refs, _ in wh.ways for r in refs})
    nh.apply_file(path)
    loc = nh.loc
    ways = sorted(wh.ways)
    pieces = []  # (refs, attr): split at node references missing from the file
    for _, refs, a in ways:
        cur = []
        for r in refs + [None]:
            if r is not None and r in loc:
                cur.append(r)
                continue
            if len(cur) >= 2:
                pieces.append((cur, a))
            cur = []
    uses = Counter(r for _, refs, _ in ways for r in refs if r in loc)
    vert = {r for r, n in uses.items() if n >= 2}
    for pc, _ in pieces:
        vert.update((pc[0], pc[-1]))
    segs = []
    for pc, a in pieces:
        s = 0
        for k in range(1, len(pc)):
            if pc[k] in vert:
                seg = pc[s:k + 1]
                if seg[0] == seg[-1]:  # self-loop: split at its middle node
                    m = len(seg) // 2
                    vert.add(seg[m])
                    segs += [(seg[:m + 1], a), (seg[m:], a)]
                else:
                    segs.append((seg, a))
                s = k
    edges = []
    for seg, (fwd, bwd, kmh) in segs:
        length = GEOD.line_length([loc[r][0] for r in seg], [loc[r][1] for r in seg])
        edges.append((seg[0], seg[-1], length, length / (kmh / 3.6), fwd, bwd, seg))
    return loc, edges


def directed(edges):
    """The directed multigraph of the network: arcs u→v with len and time."""
    g = nx.MultiDiGraph()
    for u, v, length, t, fwd, bwd, _ in edges:
        if fwd:
            g.add_edge(u, v, len=length, time=t)
        if bwd:
            g.add_edge(v, u, len=length, time=t)
    return g


def arc_min(g, u, v, key, then):
    """The parallel arc u→v minimising key (then the other quantity)."""
    return min(g[u][v].values(), key=lambda d: (d[key], d[then]))


def path_along(g, path, key, then):
    """Sums `then` along a node path taking the key-cheapest parallel arc."""
    return sum(arc_min(g, a, b, key, then)[then] for a, b in zip(path, path[1:]))


# --- placement ----------------------------------------------------------------
def place(loc, edges, rng):
    """Chooses village and service nodes: junctions (undirected degree ≥ 3)
    of the largest weak component whose position no other network node
    shares, and one node on each of a few small components."""
    at = Counter(loc[r] for r in {r for *_, seg in edges for r in seg})
    unique = {r for r in loc if at[loc[r]] == 1}
    und = nx.Graph()
    und.add_edges_from((u, v) for u, v, *_ in edges if u != v)
    comps = sorted(nx.connected_components(und), key=len, reverse=True)
    big = comps[0]
    junctions = sorted(v for v in big if und.degree(v) >= 3 and v in unique)
    picked = rng.sample(junctions, N_VILLAGES + 2 * N_SERVICES)
    villages, services = picked[:N_VILLAGES], picked[N_VILLAGES:]
    islands = [min(v for v in c if v in unique) for c in comps[1:] if len(c) >= 2
               and any(v in unique for v in c)]
    islands = sorted(rng.sample(islands, min(N_ISLANDS, len(islands))))
    return villages, services, islands, len(big), len(comps)


def fmt(x):
    return repr(float(x))


def write_points(d, loc, villages, services, country):
    """Writes villages.csv (village id, node) and services.csv (service
    dicts with id, cat, node), with country(node or service) per row."""
    with open(os.path.join(d, "villages.csv"), "w", encoding="utf-8") as f:
        f.write("id,name,country,population,lon,lat\n")
        for vid, n in villages:
            f.write(f"{vid},node {n},{country(n)},100,{fmt(loc[n][0])},{fmt(loc[n][1])}\n")
    with open(os.path.join(d, "services.csv"), "w", encoding="utf-8") as f:
        f.write("id,name,category,country,lon,lat\n")
        for s in services:
            n = s["node"]
            f.write(f"{s['id']},node {n},{CATEGORIES[s['cat']]},{country(s)},{fmt(loc[n][0])},{fmt(loc[n][1])}\n")


def write_inputs(d, loc, villages, islands, services, home, abroad, rng):
    vrows = [(f"v{i:02d}", n) for i, n in enumerate(villages)] + [(f"island{i}", n) for i, n in enumerate(islands)]
    svc = [{"id": f"{cat}{i:02d}", "cat": cat, "node": n, "country": home if rng.random() < 0.5 else abroad}
           for k, cat in enumerate(sorted(CATEGORIES))
           for i, n in enumerate(services[k * N_SERVICES:(k + 1) * N_SERVICES])]
    write_points(d, loc, vrows, svc, lambda x: x["country"] if isinstance(x, dict) else home)
    with open(os.path.join(d, "villages.csv"), "a", encoding="utf-8") as f:
        # About 30 km north of the extract: farther than --snap-m.
        lon = sum(p[0] for p in loc.values()) / len(loc)
        lat = max(p[1] for p in loc.values()) + 0.3
        f.write(f"far,Far from roads,{home},10,{lon:.7f},{lat:.7f}\n")
    with open(os.path.join(d, "config.yaml"), "w", encoding="utf-8") as f:
        f.write("coverage:\n")
        for cat in sorted(CATEGORIES):
            f.write(f"  {cat}: [{home}, {abroad}]\n")
    return vrows, svc


# --- oracles ------------------------------------------------------------------
def per_service(g, svc):
    """Dijkstra from every service on the reversed graph: for each service
    id, {node: (length of the shortest path, time of the fastest path,
    length of that fastest path)} from node to the service."""
    rg = g.reverse(copy=False)
    out = {}
    for s in svc:
        dl = nx.single_source_dijkstra_path_length(rg, s["node"], weight="len")
        dt, pt = nx.single_source_dijkstra(rg, s["node"], weight="time")
        out[s["id"]] = {n: (dl.get(n, math.inf), dt[n], path_along(g, list(reversed(pt[n])), "time", "len"))
                        for n in dt}
    return out


def scipy_min(nodes, edges, sources, key):
    """min over sources of the cost node → source with csgraph (min_only)."""
    idx = {n: i for i, n in enumerate(nodes)}
    best = {}
    for u, v, length, t, fwd, bwd, _ in edges:
        w = length if key == "len" else t
        # Reverse arcs: an arc a→b of the road graph becomes b→a.
        for a, b, ok in ((u, v, fwd), (v, u, bwd)):
            if ok and a != b:
                k = (idx[b], idx[a])
                best[k] = min(best.get(k, math.inf), w)
    rows, cols = zip(*best) if best else ((), ())
    m = csr_matrix((list(best.values()), (rows, cols)), shape=(len(nodes), len(nodes)))
    d = dijkstra(m, directed=True, indices=[idx[s] for s in sources], min_only=True)
    return {n: d[idx[n]] for n in nodes}


class Check:
    def __init__(self):
        self.n, self.bad, self.worst = 0, [], 0.0

    def add(self, ok, msg, err=0.0):
        self.n += 1
        if math.isfinite(err):
            self.worst = max(self.worst, err)
        if not ok:
            self.bad.append(msg)


def num(s):
    return None if s == "" else float(s)


def compare(rep, label, mode, rows, vrows, svc, loc, dist, nx_best, scipy_best, home):
    checks = {k: Check() for k in ("status", "road_m", "road_min", "road_id", "domestic_m",
                                   "abroad_m", "straight line", "oracles agree")}
    svc_by_id = {s["id"]: s for s in svc}
    for cat in sorted(CATEGORIES):
        cs = [s for s in svc if s["cat"] == cat]
        for vid, n in vrows:
            r = rows[vid]
            where = f"{label} {mode} village {vid} (node {n}) {cat}"
            status, got_m, got_min, got_id = (r[f"{cat}_road_status"], num(r[f"{cat}_road_m"]),
                                               num(r[f"{cat}_road_min"]), r[f"{cat}_road_id"])
            i = 0 if mode == "length" else 1
            cost = {s["id"]: dist[s["id"]].get(n, (math.inf,) * 3) for s in cs}
            want = nx_best[(cat, mode)].get(n, math.inf)
            per = min(c[i] for c in cost.values())
            sb = scipy_best[(cat, mode)][n]
            same = all(abs(x - want) <= 1e-6 * max(1.0, want) or (math.isinf(x) and math.isinf(want))
                       for x in (per, sb))
            checks["oracles agree"].add(same, f"{where}: networkx multi-source {want}, per service {per}, "
                                              f"scipy {sb}")
            if math.isinf(want):
                checks["status"].add(status == "unreachable" and got_m is None and got_min is None and got_id == "",
                                     f"{where}: expected unreachable with empty values, got {status!r} "
                                     f"m={r[f'{cat}_road_m']!r} min={r[f'{cat}_road_min']!r} id={got_id!r}")
                continue
            ok = status == "ok" and got_m is not None and got_id in cost
            checks["status"].add(ok, f"{where}: expected ok, got {status!r} m={got_m} id={got_id!r}")
            if not ok:
                continue
            c = cost[got_id]
            checks["road_id"].add(abs(c[i] - want) <= 1e-6 * max(1.0, want),
                                  f"{where}: {got_id} costs {c[i]:.3f}, nearest costs {want:.3f}")
            if mode == "length":
                exp_m = want
            else:
                exp_m = c[2]  # length of the fastest path to the chosen service
                err = abs(got_min - want / 60) if got_min is not None else math.inf
                checks["road_min"].add(err <= TOL_MIN, f"{where}: expected {want / 60:.4f} min, got {got_min}", err)
            err = abs(got_m - exp_m)
            checks["road_m"].add(err <= TOL_M, f"{where}: expected {exp_m:.3f} m, got {got_m}", err)
            s = svc_by_id[got_id]
            _, _, line = GEOD.inv(loc[n][0], loc[n][1], loc[s["node"]][0], loc[s["node"]][1])
            checks["straight line"].add(got_m >= line - 0.05, f"{where}: road {got_m} m < straight line {line:.2f} m")
            # Best route to the nearest home / foreign service: its length
            # (length routing) or the length of the fastest one (time).
            for col, sel in (("domestic_m", lambda s: s["country"] == home),
                             ("abroad_m", lambda s: s["country"] != home)):
                best = min((cost[s["id"]] for s in cs if sel(s)), key=lambda c: c[i], default=None)
                w = math.inf if best is None or math.isinf(best[i]) else best[0 if mode == "length" else 2]
                g = num(r[f"{cat}_road_{col}"])
                if math.isinf(w):
                    checks[col].add(g is None, f"{where}: {col} expected empty, got {g}")
                else:
                    e = abs(g - w) if g is not None else math.inf
                    checks[col].add(e <= TOL_M, f"{where}: {col} expected {w:.3f}, got {g}", e)
    for name, c in checks.items():
        if c.n == 0:
            continue
        worst = f", max |Δ| {c.worst:.4f}" if c.worst else ""
        rep.ok(not c.bad, f"{label} --route-by {mode}: {name} ({c.n} compared{worst})",
               f"{len(c.bad)} wrong; " + "; ".join(c.bad[:MAX_EXAMPLES]) if c.bad else "")


def check_extract(rep, binary, path, work):
    label = os.path.basename(path).split("-")[0]
    home, abroad = COUNTRIES.get(label, ("AA", "BB"))
    rng = random.Random(SEED)
    loc, edges = car_network(path)
    g = directed(edges)
    villages, services, islands, big, ncomp = place(loc, edges, rng)
    d = os.path.join(work, label)
    os.makedirs(d)
    vrows, svc = write_inputs(d, loc, villages, islands, services, home, abroad, rng)
    rep.info(f"{label}: car network {g.number_of_nodes()} vertices, {len(edges)} edges, {ncomp} components "
             f"(largest {big}); {len(vrows)} villages on vertices ({len(islands)} on small components), "
             f"{len(svc)} services")
    dist = per_service(g, svc)
    nodes = sorted(g.nodes)
    rg = g.reverse(copy=False)
    nx_best, scipy_best = {}, {}
    for cat in CATEGORIES:
        src = [s["node"] for s in svc if s["cat"] == cat]
        for mode, key in (("length", "len"), ("time", "time")):
            nx_best[(cat, mode)] = nx.multi_source_dijkstra_path_length(rg, src, weight=key)
            scipy_best[(cat, mode)] = scipy_min(nodes, edges, src, key)
    for mode in ("length", "time"):
        out = os.path.join(d, f"out-{mode}")
        p = run([binary, "run", "-q", "--config", os.path.join(d, "config.yaml"),
                 "--villages", os.path.join(d, "villages.csv"), "--services", os.path.join(d, "services.csv"),
                 "--roads", path, "--profile", "car", "--route-by", mode, "--snap-m", "1000", "--out", out])
        if not rep.ok(p.returncode == 0, f"{label} --route-by {mode}: partons run exits 0",
                      p.stderr.strip()[-300:]):
            continue
        _, rows = read_csv(os.path.join(out, "villages.csv"))
        rows = {r["id"]: r for r in rows}
        snapped = [rows[v]["snap_m"] for v, _ in vrows]
        rep.ok(all(s == "0.0" for s in snapped), f"{label} --route-by {mode}: villages on vertices have snap_m 0.0",
               f"got {sorted(set(snapped))[:5]}")
        far = rows["far"]
        rep.ok(all(far[f"{c}_road_status"] == "unsnapped" and far[f"{c}_road_m"] == "" for c in CATEGORIES),
               f"{label} --route-by {mode}: a village 30 km from any road is unsnapped with empty road_m",
               str({k: v for k, v in far.items() if "_road_" in k}))
        compare(rep, label, mode, rows, vrows, svc, loc, dist, nx_best, scipy_best, home)
    check_off_network(rep, binary, path, d, label, vrows, svc, loc)


def check_off_network(rep, binary, path, d, label, vrows, svc, loc):
    """The same villages moved 40 m north-east, off their vertices: road
    figures include the legs between village or service and the road, so
    road_m is never below pyproj's geodesic from the village to the service
    partons chose, and never below the village's own snap_m."""
    moved = os.path.join(d, "moved.csv")
    pos = {}
    with open(moved, "w", encoding="utf-8") as f:
        f.write("id,name,country,population,lon,lat\n")
        for vid, n in vrows:
            lon, lat, _ = GEOD.fwd(loc[n][0], loc[n][1], 45, 40)
            pos[vid] = (lon, lat)
            f.write(f"{vid},moved {n},{COUNTRIES.get(label, ('AA', 'BB'))[0]},100,{lon:.7f},{lat:.7f}\n")
    out = os.path.join(d, "out-moved")
    p = run([binary, "run", "-q", "--config", os.path.join(d, "config.yaml"), "--villages", moved,
             "--services", os.path.join(d, "services.csv"), "--roads", path, "--profile", "car", "--out", out])
    if not rep.ok(p.returncode == 0, f"{label} villages off the network: partons run exits 0", p.stderr.strip()[-300:]):
        return
    _, rows = read_csv(os.path.join(out, "villages.csv"))
    svc_by_id = {s["id"]: s for s in svc}
    c = Check()
    for r in rows:
        for cat in sorted(CATEGORIES):
            if r[f"{cat}_road_status"] != "ok":
                continue
            s = svc_by_id[r[f"{cat}_road_id"]]
            v = pos[r["id"]]
            _, _, line = GEOD.inv(v[0], v[1], loc[s["node"]][0], loc[s["node"]][1])
            got, snap = float(r[f"{cat}_road_m"]), float(r["snap_m"])
            c.add(got >= line - 0.1 and got >= snap - 0.05,
                  f"village {r['id']} {cat}: road {got} m, straight line {line:.2f} m, snap {snap} m")
    rep.ok(c.n > 0 and not c.bad, f"{label} villages off the network: road_m >= the geodesic to the chosen service "
           f"and >= snap_m ({c.n} compared)", "; ".join(c.bad[:MAX_EXAMPLES]))


# --- closed border, countries from the extract itself --------------------------
def country_areas(path):
    """The complete admin_level=2 relations of the extract, assembled by
    pyosmium's own area builder (osmium's multipolygon code): a list of
    (name, [(outer ring, [inner rings])])."""
    class H(osmium.SimpleHandler):
        def __init__(self):
            super().__init__()
            self.areas = []

        def area(self, a):
            t = a.tags
            if a.from_way() or t.get("boundary") != "administrative" or t.get("admin_level") != "2":
                return
            polys = []
            for outer in a.outer_rings():
                polys.append(([(n.lon, n.lat) for n in outer],
                              [[(n.lon, n.lat) for n in inner] for inner in a.inner_rings(outer)]))
            self.areas.append((t.get("name", ""), polys))

    h = H()
    h.apply_file(path, locations=True)
    return h.areas


def in_ring(p, ring):
    """Even-odd ray casting."""
    x, y = p
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def on_ring(p, ring, tol=1e-9):
    """Whether p lies within tol degrees of a ring edge (its side is then a
    matter of convention, which the comparison must avoid)."""
    x, y = p
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        dx, dy = x2 - x1, y2 - y1
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        if math.hypot(x - x1 - t * dx, y - y1 - t * dy) <= tol:
            return True
    return False


def check_closed_border(rep, binary, path, work):
    """--border closed without --boundaries: partons labels the roads with
    the extract's complete country relations and counts land outside them
    as one more country. Oracle: pyosmium's assembly of those relations, a
    ray-casting point-in-polygon per vertex, and networkx on the car graph
    without the arcs joining differently labelled vertices."""
    label = os.path.basename(path).split("-")[0]
    home, abroad = COUNTRIES[label]
    areas = country_areas(path)
    rep.info(f"{label} closed border: pyosmium assembles {len(areas)} complete admin_level=2 "
             f"relation(s): {', '.join(n for n, _ in areas)}")
    if not rep.ok(len(areas) == 1, f"{label} closed border: one complete country relation in the extract"):
        return
    polys = areas[0][1]
    loc, edges = car_network(path)
    nodes = {r for *_, seg in edges for r in seg}
    verts = {u for u, *_ in edges} | {v for _, v, *_ in edges}

    def inside(p):
        return any(in_ring(p, o) and not any(in_ring(p, h) for h in hs) for o, hs in polys)

    side = {n: (home if inside(loc[n]) else abroad) for n in verts}
    edgy = {n for n in verts if any(on_ring(loc[n], r) for o, hs in polys for r in [o] + hs)}
    rep.info(f"{label} closed border: {sum(1 for n in verts if side[n] == home)} of {len(verts)} vertices "
             f"inside, {len(edgy)} on the boundary line")
    g = nx.MultiDiGraph()
    for u, v, length, t, fwd, bwd, _ in edges:
        if side[u] != side[v]:
            continue  # crosses the border: closed
        if fwd:
            g.add_edge(u, v, len=length)
        if bwd:
            g.add_edge(v, u, len=length)
    g.add_nodes_from(verts)
    # Points on junctions whose every incident road stays in their country
    # (they then snap onto their own vertex), off the boundary line; their
    # country is the side they are on.
    und = nx.Graph()
    und.add_edges_from((u, v) for u, v, *_ in edges if u != v)
    at = Counter(loc[n] for n in nodes)

    def usable(n, min_degree):
        return (n not in edgy and at[loc[n]] == 1 and und.degree(n) >= min_degree
                and all(side[m] == side[n] for m in und.neighbors(n)))

    # Junctions inside; any road vertex outside, where there are few.
    ok_pts = sorted(n for n in verts if usable(n, 3 if side[n] == home else 1))
    # The extract holds little land outside the country: take every point
    # there, a third as villages and the rest as services, so that the
    # closed border matters.
    rng = random.Random(SEED + 1)
    out_pts = [n for n in ok_pts if side[n] == abroad]
    in_pts = rng.sample([n for n in ok_pts if side[n] == home], N_VILLAGES + 2 * N_SERVICES - len(out_pts))
    k = len(out_pts) // 3
    villages = sorted(out_pts[:k] + in_pts[:N_VILLAGES - k])
    services = out_pts[k:] + in_pts[N_VILLAGES - k:]
    rng.shuffle(services)
    rep.info(f"{label} closed border: {len(out_pts)} usable road vertices outside the country: "
             f"{k} villages, {len(out_pts) - k} services")
    d = os.path.join(work, label + "-closed")
    os.makedirs(d)
    svc = [{"id": f"{cat}{i:02d}", "cat": cat, "node": n}
           for k, cat in enumerate(sorted(CATEGORIES))
           for i, n in enumerate(services[k * N_SERVICES:(k + 1) * N_SERVICES])]
    write_points(d, loc, [(f"v{i:02d}", n) for i, n in enumerate(villages)], svc,
                 lambda x: side[x["node"] if isinstance(x, dict) else x])
    with open(os.path.join(d, "config.yaml"), "w", encoding="utf-8") as f:
        f.write("coverage:\n" + "".join(f"  {c}: [{home}, {abroad}]\n" for c in sorted(CATEGORIES)))
    out = os.path.join(d, "out")
    p = run([binary, "run", "-q", "--config", os.path.join(d, "config.yaml"),
             "--villages", os.path.join(d, "villages.csv"), "--services", os.path.join(d, "services.csv"),
             "--roads", path, "--profile", "car", "--route-by", "length", "--border", "closed", "--out", out])
    if not rep.ok(p.returncode == 0, f"{label} closed border: partons run exits 0", p.stderr.strip()[-300:]):
        return
    man = open(os.path.join(out, "manifest.json"), encoding="utf-8").read()
    rep.ok('"country_labels": "osm admin_level=2"' in man and "countries_cut_by_extract_edge" in man,
           f"{label} closed border: the manifest says the countries come from the extract and names the cut ones")
    _, rows = read_csv(os.path.join(out, "villages.csv"))
    rows = {r["id"]: r for r in rows}
    rg = g.reverse(copy=False)
    open_rg = directed(edges).reverse(copy=False)
    c = Check()
    crossing_lost, changed = 0, 0
    for cat in sorted(CATEGORIES):
        src = [s["node"] for s in svc if s["cat"] == cat]
        best = nx.multi_source_dijkstra_path_length(rg, src, weight="len")
        open_best = nx.multi_source_dijkstra_path_length(open_rg, src, weight="len")
        for i, n in enumerate(villages):
            r = rows[f"v{i:02d}"]
            want, got = best.get(n, math.inf), num(r[f"{cat}_road_m"])
            changed += want > open_best.get(n, math.inf) + 1e-6
            where = f"village v{i:02d} (node {n}, {side[n]}) {cat}"
            if math.isinf(want):
                crossing_lost += 1
                c.add(r[f"{cat}_road_status"] == "unreachable" and got is None,
                      f"{where}: expected unreachable, got {r[f'{cat}_road_status']!r} {got}")
            else:
                err = abs(got - want) if got is not None else math.inf
                c.add(err <= TOL_M, f"{where}: expected {want:.3f} m, got {got}", err)
    rep.ok(not c.bad, f"{label} closed border, countries from the extract: road_m and status of "
                      f"{c.n} village-category pairs against networkx without crossing arcs "
                      f"({crossing_lost} unreachable, max |Δ| {c.worst:.4f})",
           f"{len(c.bad)} wrong; " + "; ".join(c.bad[:MAX_EXAMPLES]) if c.bad else "")
    rep.ok(changed > 0, f"{label} closed border: the border changes {changed} of {c.n} village-category "
                        f"pairs in the oracle (else this check proves nothing)")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    testdata = os.path.join(here, "..", "..", "datasets", "osmroad", "testdata")
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--extract", action="append",
                    default=None, help="OSM extracts (default: the committed Monaco and Liechtenstein PBFs)")
    a = ap.parse_args()
    extracts = a.extract or [os.path.join(testdata, f) for f in
                             ("monaco-2015-04-28.osm.pbf", "liechtenstein-2013-08-03.osm.pbf")]
    rep = Report("roads")
    np.seterr(all="ignore")
    with tempfile.TemporaryDirectory(prefix="partons-roads.") as work:
        for path in extracts:
            check_extract(rep, a.bin, os.path.realpath(path), work)
            if os.path.basename(path).startswith("liechtenstein"):
                check_closed_border(rep, a.bin, os.path.realpath(path), work)
    rep.exit()


if __name__ == "__main__":
    main()
