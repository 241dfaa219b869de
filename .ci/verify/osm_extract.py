"""Check (osm): `partons extract` against osmium-tool, pyproj and GDAL.

Why: `partons extract` reads OpenStreetMap extracts with its own reader
(datasets/osmextract) and writes villages, services and boundaries. Here,
for each committed real extract (Monaco, Liechtenstein, Andorra):

  counts      for every place value and every category of the default
              taxonomy, the objects partons matched before node/area merging
              (manifest.json: extract.places / extract.categories, by OSM
              type) equal what `osmium tags-filter` + `osmium export` find
              for the same tags, computed live (gen_counts.py in
              datasets/osmextract/testdata), and equal the numbers pinned in
              datasets/osmextract/testdata/counts.json;
  countries   every country polygon osmium assembles is in boundaries.geojson
              with the same number of rings and vertices and the same WGS84
              area (pyproj.Geod on both polygons, within 1e-6 relative); the
              capitals of Liechtenstein and Andorra are inside theirs;
  taxonomy    every service's raw tag is one of its category's tags;
  written     villages = places − merged − unnamed, services = matched −
              merged (manifest);
  gdal        ogrinfo reads the three files with the same feature counts and
              no NULL geometry;
  merge       Andorra cut in two overlapping halves (osmium extract -b)
              gives byte-identical villages/services/boundaries files;
  run         `partons run --villages --services --boundaries` on the
              Liechtenstein output succeeds.

Usage: osm_extract.py --bin PARTONS
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

from pyproj import Geod

sys.path.insert(0, os.path.dirname(__file__))
from _common import Report  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TESTDATA = os.path.join(ROOT, "datasets", "osmextract", "testdata")
EXTRACTS = [
    os.path.join(ROOT, "datasets", "osmroad", "testdata", "monaco-2015-04-28.osm.pbf"),
    os.path.join(ROOT, "datasets", "osmroad", "testdata", "liechtenstein-2013-08-03.osm.pbf"),
    os.path.join(ROOT, "benchmarks", "testdata", "andorra-2018-03-01.osm.pbf"),
]
CAPITALS = {"LI": ("Vaduz", 9.5209, 47.1410), "AD": ("Andorra la Vella", 1.5218, 42.5063)}
GEOD = Geod(ellps="WGS84")


def load_gen_counts():
    spec = importlib.util.spec_from_file_location("gen_counts", os.path.join(TESTDATA, "gen_counts.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def polygons(geom):
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    return geom["coordinates"]


def area_km2(polys):
    a = 0.0
    for poly in polys:
        for k, ring in enumerate(poly):
            lons, lats = zip(*ring)
            r, _ = GEOD.polygon_area_perimeter(lons, lats)
            a += abs(r) if k == 0 else -abs(r)
    return a / 1e6


def ring_contains(ring, x, y):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def contains(polys, x, y):
    return any(ring_contains(p[0], x, y) and not any(ring_contains(h, x, y) for h in p[1:]) for p in polys)


def check(rep, cond, what, detail=""):
    """rep.ok, showing the detail only on failure."""
    return rep.ok(cond, what, "" if cond else detail)


def counts_of(rep_counts):
    return {k: {"nodes": v["nodes"], "ways": v["ways"], "relations": v["relations"]} for k, v in rep_counts.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    args = ap.parse_args()
    rep = Report("osm")
    gen = load_gen_counts()
    pinned = read_json(os.path.join(TESTDATA, "counts.json"))
    with tempfile.TemporaryDirectory() as work:
        for path in EXTRACTS:
            name = os.path.basename(path)
            if not check(rep, os.path.exists(path), f"{name} present"):
                continue
            live = gen.counts_for(path, work)
            check(rep, live == pinned.get(name), f"{name}: live osmium counts equal the pinned counts.json")
            out = os.path.join(work, name + ".out")
            r = run([args.bin, "extract", "-q", path, "--out", out])
            if not check(rep, r.returncode == 0, f"{name}: partons extract exits 0", r.stderr.strip()[-300:]):
                continue
            m = read_json(os.path.join(out, "manifest.json"))
            ex = m["extract"]
            for kind in ("places", "categories"):
                got = counts_of(ex[kind])
                diff = {k: (got.get(k), live[kind].get(k)) for k in set(got) | set(live[kind]) if got.get(k) != live[kind].get(k)}
                check(rep, not diff, f"{name}: {kind} by OSM type equal osmium tags-filter + export "
                       f"({sum(sum(v.values()) for v in got.values())} objects)", str(diff))
            feats = {}
            for f in ("villages", "services", "boundaries"):
                feats[f] = read_json(os.path.join(out, f + ".geojson"))["features"]
            places = sum(sum(v.values()) for v in ex["places"].values())
            matched = sum(sum(v.values()) for v in ex["categories"].values())
            check(rep, len(feats["villages"]) == places - ex["villages_merged"] - ex["places_unnamed"]
                   and len(feats["services"]) == matched - ex["services_merged"],
                   f"{name}: written = matched - merged - unnamed",
                   f"{len(feats['villages'])} villages, {len(feats['services'])} services")
            bad = [s["properties"]["id"] for s in feats["services"]
                   if s["properties"]["raw"] not in gen.CATEGORIES.get(s["properties"]["category"], [])]
            check(rep, not bad, f"{name}: every service's raw tag belongs to its category", ", ".join(bad[:5]))
            for rid, c in live["countries"].items():
                fs = [f for f in feats["boundaries"] if f["properties"]["id"] == "relation/" + rid]
                if not check(rep, len(fs) == 1, f"{name}: country relation/{rid} ({c['code']}) assembled"):
                    continue
                polys = polygons(fs[0]["geometry"])
                rings = sum(len(p) for p in polys)
                verts = sum(len(r) for p in polys for r in p)
                a = area_km2(polys)
                check(rep, rings == c["rings"] and verts == c["vertices"] and abs(a - c["area_km2"]) <= 1e-6 * c["area_km2"] + 1e-6,
                       f"{name}: {c['code']} polygon equals osmium's ({rings} rings, {verts} vertices, {a:.3f} km²)",
                       f"osmium {c['rings']} rings, {c['vertices']} vertices, {c['area_km2']:.3f} km²")
                if c["code"] in CAPITALS:
                    cap, x, y = CAPITALS[c["code"]]
                    check(rep, contains(polys, x, y), f"{name}: {cap} lies in the {c['code']} polygon")
            if name.startswith("liechtenstein"):
                for f in ("villages", "services", "boundaries"):
                    g = run(["ogrinfo", "-ro", "-q", os.path.join(out, f + ".geojson"), "-dialect", "SQLite", "-sql",
                             f"SELECT count(*) AS n, sum(geometry IS NULL) AS nulls FROM {f}"])
                    ok = g.returncode == 0 and f"n (Integer) = {len(feats[f])}" in g.stdout and "nulls (Integer) = 0" in g.stdout
                    check(rep, ok, f"{name}: GDAL reads {f}.geojson ({len(feats[f])} features, no NULL geometry)", g.stdout.strip()[-200:])
                # The extract's files state their data date: the run takes
                # its reference week of opening hours from it.
                rr = run([args.bin, "run", "-q", "--villages", os.path.join(out, "villages.geojson"),
                          "--services", os.path.join(out, "services.geojson"),
                          "--boundaries", os.path.join(out, "boundaries.geojson"), "--out", os.path.join(work, "li-report")])
                check(rep, rr.returncode == 0, f"{name}: partons run reads the three files with the default schemas", rr.stderr.strip()[-300:])
            if name.startswith("andorra"):
                west, east = os.path.join(work, "west.osm.pbf"), os.path.join(work, "east.osm.pbf")
                ok = run(["osmium", "extract", "-O", "-b", "1.40,42.40,1.60,42.70", path, "-o", west]).returncode == 0 and \
                    run(["osmium", "extract", "-O", "-b", "1.58,42.40,1.80,42.70", path, "-o", east]).returncode == 0
                halves = os.path.join(work, "halves.out")
                r2 = run([args.bin, "extract", "-q", west, east, "--out", halves])
                if check(rep, ok and r2.returncode == 0, "andorra: extract of two overlapping halves exits 0", r2.stderr.strip()[-300:]):
                    for f in ("villages", "services", "boundaries"):
                        with open(os.path.join(out, f + ".geojson"), "rb") as a, open(os.path.join(halves, f + ".geojson"), "rb") as b:
                            check(rep, a.read() == b.read(), f"andorra: {f}.geojson from two halves is byte-identical to the whole")
    rep.exit()


if __name__ == "__main__":
    main()
