"""Python peer of partons' road routing, for benchmarks/run.sh.

The job of `partons run --roads EXTRACT.osm.pbf` (car, fastest route) done
the usual Python way, on the same files:

  1. read the village and service CSVs (csv module);
  2. read the PBF with pyosmium in one pass (node locations kept in
     libosmium's index) and build the car network by the rules of
     datasets/osmroad/PROFILES.md: routable highways, access tags, one-way
     streets (and implied ones), class speeds lowered by maxspeed; vertices
     are junctions and way ends, edge lengths WGS84 geodesics (pyproj.Geod,
     vectorised). Simplifications, none of which matters for the timing:
     self-loop edges are dropped instead of split;
  3. snap villages and services to their nearest vertex with scipy's cKDTree
     on UTM 31N metres (pyproj; partons snaps onto edges);
  4. per category, scipy.sparse.csgraph.dijkstra (C) seeded at the
     category's service vertices with min_only=True on the transposed
     (reverse) time matrix: the fastest village → service trip, the service
     reached and, following the predecessors, the route's length;
  5. write one CSV row per village.

It prints `roads_read_ms=… roads_search_ms=… roads_e2e_ms=…` (end to end in
process, imports excluded) and the number of vertices and edges.

Usage: roads_pyosmium_scipy.py --pbf FILE.osm.pbf --villages V.csv
       --services S.csv --out OUT.csv
Needs python3-pyosmium, python3-pyproj, python3-scipy, python3-numpy.
"""

import argparse
import csv
import time

import numpy as np
import osmium
from pyproj import Geod, Transformer
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

CAR_KMH = {"motorway": 110, "motorway_link": 60, "trunk": 90, "trunk_link": 50,
           "primary": 70, "primary_link": 40, "secondary": 60, "secondary_link": 40,
           "tertiary": 50, "tertiary_link": 30, "unclassified": 40, "residential": 30,
           "living_street": 10, "service": 15, "road": 30, "track": 15}
ALLOW = {"yes", "designated", "permissive", "destination", "delivery", "customers",
         "official", "discouraged", "use_sidepath", "dismount"}
DENY = {"no", "private", "agricultural", "forestry", "agricultural;forestry", "military",
        "emergency", "restricted", "permit"}
ZONE_KMH = {"urban": 50, "rural": 80, "motorway": 120, "trunk": 100, "zone30": 30, "zone:30": 30,
            "zone20": 20, "zone:20": 20, "living_street": 20, "bicycle_road": 30, "walk": 5}
COUNTRY_KMH = {"FR:rural": 80, "FR:motorway": 130, "FR:trunk": 110, "BE:rural": 90,
               "BE-WAL:rural": 90, "BE-VLG:rural": 70, "BE-BRU:urban": 30, "BE:motorway": 120, "BE:trunk": 120,
               "DE:rural": 100, "DE:motorway": 130, "AT:rural": 100, "AT:motorway": 130,
               "CH:motorway": 120, "NL:motorway": 130, "LU:rural": 90, "LU:motorway": 130}


def decide(tags, keys):
    out = None
    for k in keys:
        v = tags.get(k)
        if v in ALLOW:
            out = True
        elif v in DENY:
            out = False
    return out


def maxspeed(v):
    v = (v or "").strip()
    if not v:
        return None
    if ";" in v:
        got = [s for s in map(maxspeed, v.split(";")) if s is not None]
        return min(got) if got else None
    if v in COUNTRY_KMH:
        return COUNTRY_KMH[v]
    if ":" in v or v == "walk":
        return ZONE_KMH.get(v.split(":", 1)[-1])
    f = 1.0
    for unit, k in (("km/h", 1.0), ("kmh", 1.0), ("kph", 1.0), ("mph", 1.609344), ("knots", 1.852)):
        if v.endswith(unit):
            v, f = v[: -len(unit)], k
            break
    try:
        x = float(v)
    except ValueError:
        return None
    return x * f if x > 0 else None


def car(tags):
    """(forward, backward, km/h) for the car profile, or None."""
    hw = tags.get("highway")
    if hw not in CAR_KMH or tags.get("area") == "yes":
        return None
    if hw == "track" and decide(tags, ("motor_vehicle", "motorcar")) is not True:
        return None
    if decide(tags, ("access", "vehicle", "motor_vehicle", "motorcar")) is False:
        return None
    ow = tags.get("oneway")
    if ow in ("yes", "true", "1"):
        d = (True, False)
    elif ow in ("-1", "reverse"):
        d = (False, True)
    elif ow in ("no", "false", "0", "alternating"):
        d = (True, True)
    elif ow == "reversible":
        return None
    else:
        d = (True, not (hw == "motorway" or tags.get("junction") in ("roundabout", "circular")))
    kmh = CAR_KMH[hw]
    ms = maxspeed(tags.get("maxspeed"))
    return d[0], d[1], min(kmh, ms) if ms else kmh


class CarWays(osmium.SimpleHandler):
    """Collects car ways as pieces of valid node locations."""

    def __init__(self):
        super().__init__()
        self.refs, self.lon, self.lat = [], [], []
        self.piece = []  # (start, end, fwd, bwd, kmh) into the flat arrays

    def way(self, w):
        tags = w.tags
        if "highway" not in tags:
            return
        a = car({t.k: t.v for t in tags})
        if a is None:
            return
        start = len(self.refs)
        last = None
        for n in w.nodes:
            loc = n.location
            if not loc.valid():  # dangling reference: split the way here
                if len(self.refs) - start >= 2:
                    self.piece.append((start, len(self.refs)) + a)
                else:
                    del self.refs[start:], self.lon[start:], self.lat[start:]
                start, last = len(self.refs), None
                continue
            if n.ref == last:
                continue
            last = n.ref
            self.refs.append(n.ref)
            self.lon.append(loc.lon)
            self.lat.append(loc.lat)
        if len(self.refs) - start >= 2:
            self.piece.append((start, len(self.refs)) + a)
        else:
            del self.refs[start:], self.lon[start:], self.lat[start:]


def build(pbf):
    """Returns (vertex lon, vertex lat, reverse time CSR, reverse length
    CSR, edges) of the car network."""
    h = CarWays()
    h.apply_file(pbf, locations=True)
    refs = np.array(h.refs, dtype=np.int64)
    lon, lat = np.array(h.lon), np.array(h.lat)
    pc = np.array([p[:2] for p in h.piece], dtype=np.int64)
    attr = np.array([p[2:] for p in h.piece], dtype=float)
    # Segment lengths over the flat arrays (the piece boundaries masked off).
    _, _, seg = Geod(ellps="WGS84").inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    # Junctions: nodes used at least twice; plus every piece end.
    uniq, inv, count = np.unique(refs, return_inverse=True, return_counts=True)
    is_v = count[inv] >= 2
    is_v[pc[:, 0]] = True
    is_v[pc[:, 1] - 1] = True
    vpos = np.flatnonzero(is_v)
    piece_of = np.searchsorted(pc[:, 0], vpos, side="right") - 1
    same = piece_of[:-1] == piece_of[1:]
    a, b, p = vpos[:-1][same], vpos[1:][same], piece_of[:-1][same]
    length = cum[b] - cum[a]
    u, v = inv[a], inv[b]
    keep = u != v  # self-loops never shorten a route
    u, v, length, p = u[keep], v[keep], length[keep], p[keep]
    fwd, bwd, kmh = attr[p, 0] > 0, attr[p, 1] > 0, attr[p, 2]
    t = length / (kmh / 3.6)
    # Reverse arcs (to → from) of the allowed directions; dense vertex ids.
    rows = np.concatenate([v[fwd], u[bwd]])
    cols = np.concatenate([u[fwd], v[bwd]])
    ts = np.concatenate([t[fwd], t[bwd]])
    ls = np.concatenate([length[fwd], length[bwd]])
    used, dense = np.unique(np.concatenate([rows, cols]), return_inverse=True)
    rows, cols = dense[: len(rows)], dense[len(rows):]
    # Parallel arcs: keep the fastest (csr_matrix would sum duplicates).
    order = np.lexsort((ls, ts, cols, rows))
    rows, cols, ts, ls = rows[order], cols[order], ts[order], ls[order]
    first = np.ones(len(rows), bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    rows, cols, ts, ls = rows[first], cols[first], ts[first], ls[first]
    n = len(used)
    # Which flat position holds each vertex (for its coordinates).
    pos = np.empty(len(uniq), dtype=np.int64)
    pos[inv] = np.arange(len(inv))
    vl = pos[used]
    tm = csr_matrix((ts, (rows, cols)), shape=(n, n))
    lm = csr_matrix((ls, (rows, cols)), shape=(n, n))
    return lon[vl], lat[vl], tm, lm, len(u)


def read_points(path, cat=False):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = [r["id"] for r in rows]
    xy = (np.array([float(r["lon"]) for r in rows]), np.array([float(r["lat"]) for r in rows]))
    return ids, xy, ([r["category"] for r in rows] if cat else None)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pbf", required=True)
    ap.add_argument("--villages", required=True)
    ap.add_argument("--services", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    t0 = time.perf_counter()
    vid, (vlon, vlat), _ = read_points(a.villages)
    sid, (slon, slat), scat = read_points(a.services, cat=True)
    glon, glat, tm, lm, n_edges = build(a.pbf)
    t1 = time.perf_counter()

    utm = Transformer.from_crs(4326, 32631, always_xy=True)
    tree = cKDTree(np.column_stack(utm.transform(glon, glat)))
    vsnap_m, vnode = tree.query(np.column_stack(utm.transform(vlon, vlat)))
    _, snode = tree.query(np.column_stack(utm.transform(slon, slat)))
    cats = sorted(set(scat))
    out = {}
    for c in cats:
        idx = [i for i, x in enumerate(scat) if x == c]
        src = snode[idx]
        d, pred, origin = dijkstra(tm, directed=True, indices=src, min_only=True,
                                   return_predecessors=True)
        # Route length: walk every village's predecessors back to its seed.
        cur = vnode.copy()
        ln = np.zeros(len(cur))
        live = pred[cur] >= 0
        while live.any():
            c_live, p_live = cur[live], pred[cur[live]]
            ln[live] += np.asarray(lm[p_live, c_live]).ravel()
            cur[live] = p_live
            live = pred[cur] >= 0
        sid_of = {snode[i]: sid[i] for i in reversed(idx)}
        out[c] = [(sid_of.get(origin[v], ""), d[v] / 60, ln[k]) if np.isfinite(d[v]) else ("", "", "")
                  for k, v in enumerate(vnode)]
    t2 = time.perf_counter()

    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        head = ["id", "snap_m"]
        for c in cats:
            k = c.split("=")[-1]
            head += [f"{k}_road_id", f"{k}_road_min", f"{k}_road_m"]
        w.writerow(head)
        for i, v in enumerate(vid):
            row = [v, f"{vsnap_m[i]:.1f}"]
            for c in cats:
                s, tmin, lm_ = out[c][i]
                row += [s, f"{tmin:.2f}" if s else "", f"{lm_:.1f}" if s else ""]
            w.writerow(row)
    t3 = time.perf_counter()
    print(f"vertices={tm.shape[0]} edges={n_edges} villages={len(vid)} services={len(sid)} "
          f"categories={len(cats)}")
    print(f"roads_read_ms={(t1 - t0) * 1e3:.1f} roads_search_ms={(t2 - t1) * 1e3:.1f} "
          f"roads_e2e_ms={(t3 - t0) * 1e3:.1f}")


if __name__ == "__main__":
    main()
