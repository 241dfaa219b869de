"""Peer baseline: nearest service per village and category with scipy.

What a careful analyst would write without partons: read the villages
GeoJSON and the services CSV with the standard json and csv modules,
project both to ETRS89-LAEA (EPSG:3035, metres) with pyproj, build one
scipy.spatial.cKDTree per category and query the nearest service of each
category for every village, then write a CSV of the nearest (planar)
distance per village and category.

It is deliberately less than partons computes (planar distances instead
of WGS84 geodesics, nearest only: no domestic/abroad split, threshold
counts, basket, aggregates or GeoJSON), so it is a lower bound on what a
Python pipeline costs.

Timings, each the median of --repeat runs inside one process (imports
excluded; the process wall time is measured by the caller):
  search_ms  building the trees and querying them (cKDTree, all cores)
  e2e_ms     GeoJSON + CSV in, CSV of nearest distances out

Usage:
  /usr/bin/python3 nearest_scipy.py --villages V.geojson --services S.csv \
      --out nearest.csv [--manifest manifest.json] [--repeat 3]
Prints one line: "peer search_ms=… e2e_ms=… villages=… services=… categories=…".
"""

import argparse
import csv
import json
import statistics
import time

import numpy as np
from pyproj import Transformer
from scipy.spatial import cKDTree

LAEA = Transformer.from_crs(4326, 3035, always_xy=True)


def read_villages(path):
    with open(path, encoding="utf-8") as f:
        feats = json.load(f)["features"]
    ids = [str(ft["properties"]["id"]) for ft in feats]
    lonlat = np.array([ft["geometry"]["coordinates"][:2] for ft in feats], dtype=float)
    return ids, lonlat


def read_services(path, mapping):
    by_cat = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cat = mapping.get(r["category"], r["category"])
            by_cat.setdefault(cat, []).append((float(r["lon"]), float(r["lat"])))
    return {c: np.array(v) for c, v in sorted(by_cat.items())}


def project(lonlat):
    x, y = LAEA.transform(lonlat[:, 0], lonlat[:, 1])
    return np.column_stack([x, y])


def search(vxy, sxy_by_cat):
    """Nearest planar distance per village (rows) and category (columns)."""
    out = np.empty((len(vxy), len(sxy_by_cat)))
    for k, sxy in enumerate(sxy_by_cat.values()):
        d, _ = cKDTree(sxy).query(vxy, k=1, workers=-1)
        out[:, k] = d
    return out


def pipeline(villages, services, out, mapping):
    ids, vll = read_villages(villages)
    s_by_cat = read_services(services, mapping)
    vxy = project(vll)
    sxy = {c: project(v) for c, v in s_by_cat.items()}
    t0 = time.perf_counter()
    dist = search(vxy, sxy)
    search_s = time.perf_counter() - t0
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id"] + [f"{c}_nearest_m" for c in sxy])
        for i, vid in enumerate(ids):
            w.writerow([vid] + [f"{x:.1f}" for x in dist[i]])
    return search_s, len(ids), sum(len(v) for v in s_by_cat.values()), len(s_by_cat)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--villages", required=True)
    ap.add_argument("--services", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--manifest", help="partons manifest.json: map raw categories as partons did")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    mapping = {}
    if a.manifest:
        with open(a.manifest, encoding="utf-8") as f:
            mapping = {m["raw"]: m["category"] for m in json.load(f)["category_mapping"]}
    searches, e2es = [], []
    for _ in range(max(1, a.repeat)):
        t0 = time.perf_counter()
        s, nv, ns, nc = pipeline(a.villages, a.services, a.out, mapping)
        e2es.append(time.perf_counter() - t0)
        searches.append(s)
    print(f"peer search_ms={statistics.median(searches) * 1e3:.1f} "
          f"e2e_ms={statistics.median(e2es) * 1e3:.1f} "
          f"villages={nv} services={ns} categories={nc}")


if __name__ == "__main__":
    main()
