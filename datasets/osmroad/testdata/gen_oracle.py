#!/usr/bin/python3
"""Independent oracle for the osmroad reader: reads an OSM file with
pyosmium, applies the rules of PROFILES.md, and prints the network counts,
total lengths (PROJ's WGS84 geodesic) and border-crossing edges as JSON.

Run (python3-pyosmium, python3-pyproj):
  /usr/bin/python3 gen_oracle.py monaco-2015-04-28.osm.pbf monaco-border.geojson MC > monaco.oracle.json
  /usr/bin/python3 gen_oracle.py liechtenstein-2013-08-03.osm.pbf liechtenstein-border.geojson LI > liechtenstein.oracle.json
The border file is a GeoJSON polygon; vertices inside are labelled with the
given code, all others "XX".
"""
import json
import sys

import osmium
from pyproj import Geod

CAR_KMH = {"motorway": 110, "motorway_link": 60, "trunk": 90, "trunk_link": 50,
           "primary": 70, "primary_link": 40, "secondary": 60, "secondary_link": 40,
           "tertiary": 50, "tertiary_link": 30, "unclassified": 40, "residential": 30,
           "living_street": 10, "service": 15, "road": 30}
COMMON = ["trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link",
          "tertiary", "tertiary_link", "unclassified", "residential", "living_street",
          "service", "road", "track", "cycleway", "path"]
BIKE = set(COMMON)
BIKE_IF_ALLOWED = {"footway", "pedestrian", "bridleway"}
FOOT = set(COMMON) | {"footway", "pedestrian", "steps", "bridleway"}
ALLOW = {"yes", "designated", "permissive", "destination", "delivery", "customers",
         "official", "discouraged", "use_sidepath", "dismount"}
DENY = {"no", "private", "agricultural", "forestry", "agricultural;forestry", "military",
        "emergency", "restricted", "permit"}


def decide(tags, keys):
    out = None
    for k in keys:
        v = tags.get(k)
        if v in ALLOW:
            out = True
        elif v in DENY:
            out = False
    return out


def direction(v, implied):
    if v in ("yes", "true", "1"):
        return (True, False)
    if v in ("-1", "reverse"):
        return (False, True)
    if v in ("no", "false", "0", "alternating"):
        return (True, True)
    if v == "reversible":
        return None
    return (True, False) if implied else (True, True)


def usable(tags, profile):
    """Returns (forward, backward) or None. Speeds are not checked here."""
    hw = tags.get("highway")
    if not hw or tags.get("area") == "yes":
        return None
    implied = hw == "motorway" or tags.get("junction") in ("roundabout", "circular")
    if profile == "car":
        if hw in CAR_KMH:
            pass
        elif hw == "track" and decide(tags, ["motor_vehicle", "motorcar"]) is True:
            pass
        else:
            return None
        if decide(tags, ["access", "vehicle", "motor_vehicle", "motorcar"]) is False:
            return None
        return direction(tags.get("oneway"), implied)
    if profile == "bicycle":
        if tags.get("motorroad") == "yes":
            return None
        if hw in BIKE:
            if decide(tags, ["access", "vehicle", "bicycle"]) is False:
                return None
        elif hw in BIKE_IF_ALLOWED:
            if decide(tags, ["bicycle"]) is not True:
                return None
        else:
            return None
        ob = tags.get("oneway:bicycle")
        if ob and ob != "alternating" and direction(ob, False) is not None:
            return direction(ob, False)
        for k in ("cycleway", "cycleway:left", "cycleway:right", "cycleway:both"):
            if tags.get(k, "").startswith("opposite"):
                return (True, True)
        return direction(tags.get("oneway"), implied) or (True, True)
    if profile == "foot":
        if hw not in FOOT or tags.get("motorroad") == "yes":
            return None
        if decide(tags, ["access", "foot"]) is False:
            return None
        return direction(tags.get("oneway:foot"), False)
    raise ValueError(profile)


class Ways(osmium.SimpleHandler):
    def __init__(self):
        super().__init__()
        self.ways = {}  # id -> (refs, {profile: dir})

    def way(self, w):
        tags = {t.k: t.v for t in w.tags}
        dirs = {p: usable(tags, p) for p in ("car", "bicycle", "foot")}
        if all(d is None for d in dirs.values()):
            return
        refs = []
        for n in w.nodes:
            if not refs or refs[-1] != n.ref:
                refs.append(n.ref)
        self.ways[w.id] = (refs, dirs)


class Nodes(osmium.SimpleHandler):
    def __init__(self, need):
        super().__init__()
        self.need, self.loc = need, {}

    def node(self, n):
        if n.id in self.need:
            self.loc[n.id] = (n.location.lon, n.location.lat)


def inside(pt, ring):
    """Crossing-number test on the 1e-7 degree grid of OSM coordinates, so
    that nodes lying on the border (common: roads are cut there) get the
    same answer here and in the Go test, whatever the float rounding."""
    x, y = round(pt[0] * 1e7), round(pt[1] * 1e7)
    c = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < float(xj - xi) * float(y - yi) / float(yj - yi) + xi:
            c = not c
        j = i
    return c


def main():
    path, border, code = sys.argv[1], sys.argv[2], sys.argv[3]
    ring = [(round(x * 1e7), round(y * 1e7)) for x, y in json.load(open(border))["coordinates"][0]]
    wh = Ways()
    wh.apply_file(path)
    need = {r for refs, _ in wh.ways.values() for r in refs}
    nh = Nodes(need)
    nh.apply_file(path)
    geod = Geod(ellps="WGS84")
    out = {"file": path}
    for p in ("car", "bicycle", "foot"):
        ways = sorted((i, refs, d[p]) for i, (refs, d) in wh.ways.items() if d[p] is not None)
        pieces = []
        for i, refs, d in ways:
            cur = []
            for r in refs + [None]:
                if r is not None and r in nh.loc:
                    cur.append(r)
                    continue
                if len(cur) >= 2:
                    pieces.append(cur)
                cur = []
        uses = {}
        for i, refs, d in ways:
            for r in refs:
                if r in nh.loc:
                    uses[r] = uses.get(r, 0) + 1
        vert = {r for r, n in uses.items() if n >= 2}
        for pc in pieces:
            vert.add(pc[0])
            vert.add(pc[-1])
        edges = []
        for pc in pieces:
            s = 0
            for k in range(1, len(pc)):
                if pc[k] in vert:
                    seg = pc[s:k + 1]
                    if seg[0] == seg[-1]:
                        m = len(seg) // 2
                        vert.add(seg[m])
                        edges += [seg[:m + 1], seg[m:]]
                    else:
                        edges.append(seg)
                    s = k
        length = 0.0
        border_edges = 0
        for e in edges:
            lons = [nh.loc[r][0] for r in e]
            lats = [nh.loc[r][1] for r in e]
            length += geod.line_length(lons, lats)
            a = inside(nh.loc[e[0]], ring)
            b = inside(nh.loc[e[-1]], ring)
            border_edges += a != b
        out[p] = {"ways": len(ways), "vertices": len(vert), "edges": len(edges),
                  "length_m": round(length, 6), "border_edges": border_edges,
                  "oneway_ways": sum(1 for i, refs, d in ways if d != (True, True))}
    out["dangling_nodes"] = len(need - set(nh.loc))
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


main()
