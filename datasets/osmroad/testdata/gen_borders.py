#!/usr/bin/python3
"""Writes the country polygons used by the border-crossing tests, from the
admin_level=2 boundary relations of the committed extracts.

Run (python3-pyosmium): /usr/bin/python3 gen_borders.py

monaco-border.geojson: Monaco's land border (ways of relation 1124039 in
order) closed through the sea by two offshore points, because the maritime
part of the relation is not in the extract.
liechtenstein-border.geojson: the outer ring of the admin_level=2 relation
named "Liechtenstein" (the country's complete boundary), assembled by osmium.
"""
import json

import osmium


def ways_geometry(path, ids):
    class H(osmium.SimpleHandler):
        def __init__(self):
            super().__init__()
            self.g = {}

        def way(self, w):
            if w.id in ids:
                self.g[w.id] = [(n.lon, n.lat) for n in w.nodes]

    h = H()
    h.apply_file(path, locations=True)
    return h.g


def write(path, ring):
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    ring = [[round(x, 7), round(y, 7)] for x, y in ring]
    with open(path, "w") as f:
        json.dump({"type": "Polygon", "coordinates": [ring]}, f, separators=(",", ":"))
        f.write("\n")


def monaco():
    order = [37794470, 37794471, 37811853, 176533407, 212810311]
    g = ways_geometry("monaco-2015-04-28.osm.pbf", set(order))
    ring = []
    for wid in order:
        pts = g[wid]
        if ring and ring[-1] != pts[0]:
            raise SystemExit("monaco: ways not chained at %d" % wid)
        ring += pts if not ring else pts[1:]
    ring += [(7.4300, 43.7150), (7.4550, 43.7400)]  # offshore closure
    write("monaco-border.geojson", ring)


def liechtenstein():
    class A(osmium.SimpleHandler):
        def __init__(self):
            super().__init__()
            self.rings = []

        def area(self, a):
            if a.from_way() or a.tags.get("admin_level") != "2" or a.tags.get("name") != "Liechtenstein":
                return
            for outer in a.outer_rings():
                self.rings.append([(n.lon, n.lat) for n in outer])

    h = A()
    h.apply_file("liechtenstein-2013-08-03.osm.pbf", locations=True)
    if len(h.rings) != 1:
        raise SystemExit("liechtenstein: %d outer rings" % len(h.rings))
    write("liechtenstein-border.geojson", h.rings[0])


monaco()
liechtenstein()
