"""Check (b): every distance in villages.csv against a brute-force oracle.

Why: partons finds nearest services with a geodesic R-tree walk and a
Karney geodesic of its own. Here PROJ's geodesic (pyproj.Geod, WGS84, the
same Karney algorithm in an independent implementation) is evaluated for
every (village, service) pair with numpy, and the minimum taken by brute
force. For every village and category we compare:

  {cat}_nearest_m, _domestic_m, _abroad_m   within 0.05 m (1-decimal
      rounding) + 1 mm; {cat}_nearest_id equal, or a tie within 1 mm;
  {cat}_nearest_country                     the country of that service;
  {cat}_border_gain_m                       domestic - nearest (README);
  {cat}_within_{T}m                         exact counts, skipping pairs
      within 1 mm of a threshold;
  {cat}_status                              the status the manifest's
      documented meanings call for, given the coverage.

Which values must be present follows from the coverage, not from partons:
with --coverage all every (category, country) is covered (synthetic data);
with --coverage manifest the (category, country) pairs are taken from
manifest.json "coverage" (the embedded sample's own metadata). Raw service
categories are mapped with manifest.json "category_mapping".

Village positions: a Point village is taken from the input file; for an
area (Polygon, MultiPolygon) partons chooses a point on its surface, which
we read from villages.csv (7 decimals, up to 7 mm off) after checking it is
inside the polygon; the tolerances grow by those 7 mm for such villages.
An area village with a "point" property ([lon, lat], the embedded sample's
French communes) must be measured from exactly that point.

Usage: geodesic_oracle.py --label NAME --villages IN --services IN
       [--services IN ...] --out PARTONS_OUT_DIR --coverage all|manifest
"""

import argparse
import math
import os
from collections import Counter, defaultdict

import numpy as np
from pyproj import Geod

from _common import Report, load_points, read_csv, read_json, sha256

ROUND_M = 0.05 + 0.001  # half the last printed decimal, plus 1 mm
TIE_M = 0.001
POS_M = 0.007  # position rounding of a 7-decimal lon/lat at 51°N, rounded up
MAX_EXAMPLES = 8

GEOD = Geod(ellps="WGS84")


def inside_ring(x, y, ring):
    """Even-odd ray casting; True when (x, y) is inside the ring."""
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i][0], ring[i][1]
        x2, y2 = ring[(i + 1) % n][0], ring[(i + 1) % n][1]
        if (y1 > y) != (y2 > y):
            xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xc:
                inside = not inside
    return inside


def inside(x, y, geom):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    for rings in polys:
        if inside_ring(x, y, rings[0]) and not any(inside_ring(x, y, h) for h in rings[1:]):
            return True
    return False


def num(s):
    return None if s == "" else float(s)


class Mismatches:
    """Counts comparisons and keeps the first few failures of one metric."""

    def __init__(self):
        self.checked = 0
        self.bad = []
        self.worst = None  # largest |partons - oracle| seen, metres

    def add(self, ok, example, delta=None):
        self.checked += 1
        if delta is not None:
            self.worst = max(self.worst or 0.0, delta)
        if not ok:
            self.bad.append(example)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--label", required=True)
    ap.add_argument("--villages", required=True)
    ap.add_argument("--services", action="append", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--coverage", choices=["all", "manifest"], required=True)
    a = ap.parse_args()
    rep = Report(f"geodesic/{a.label}")

    man = read_json(os.path.join(a.out, "manifest.json"))
    hashes = {i["sha256"] for i in man["inputs"]}
    for f in [a.villages] + a.services:
        rep.ok(sha256(f) in hashes, f"input {os.path.basename(f)} is the one partons read (sha256)")
    thresholds = [float(t) for t in man["parameters"]["thresholds_m"]]
    cats = man["parameters"]["categories"]
    mapping = {m["raw"]: m["category"] for m in man["category_mapping"]}

    villages = load_points(a.villages)
    header, rows = read_csv(os.path.join(a.out, "villages.csv"))
    rep.ok(len(rows) == len(villages) and all(r["id"] == v["id"] for r, v in zip(rows, villages)),
           "villages.csv rows are the input villages, in input order",
           f"{len(rows)} rows, {len(villages)} villages")

    # Village positions and their tolerance.
    vlon = np.empty(len(villages))
    vlat = np.empty(len(villages))
    vpos = np.zeros(len(villages))
    off_point, outside = [], []
    for i, (v, r) in enumerate(zip(villages, rows)):
        clon, clat = float(r["lon"]), float(r["lat"])
        if v["lon"] is not None:
            vlon[i], vlat[i] = v["lon"], v["lat"]
            if abs(clon - v["lon"]) > 5.1e-8 or abs(clat - v["lat"]) > 5.1e-8:
                off_point.append(f"{v['id']}: input ({v['lon']}, {v['lat']}) csv ({clon}, {clat})")
        elif v["point"] is not None:
            vlon[i], vlat[i] = float(v["point"][0]), float(v["point"][1])
            if abs(clon - vlon[i]) > 5.1e-8 or abs(clat - vlat[i]) > 5.1e-8:
                off_point.append(f"{v['id']}: point property ({vlon[i]}, {vlat[i]}) csv ({clon}, {clat})")
            if not inside(clon, clat, v["geometry"]):
                outside.append(f"{v['id']}: ({clon}, {clat})")
        else:
            vlon[i], vlat[i], vpos[i] = clon, clat, POS_M
            if not inside(clon, clat, v["geometry"]):
                outside.append(f"{v['id']}: ({clon}, {clat})")
    rep.ok(not off_point, "villages.csv lon/lat of Point villages (and polygons with a point property) are the input coordinates",
           "; ".join(off_point[:MAX_EXAMPLES]))
    n_area = sum(1 for v in villages if v["lon"] is None)
    rep.ok(not outside, f"villages.csv lon/lat of the {n_area} area villages lie inside their polygons",
           "; ".join(outside[:MAX_EXAMPLES]))

    # Services, mapped raw -> category.
    services = []
    for f in a.services:
        services += load_points(f)
    raw_counts = Counter(s["category"] for s in services)
    unmapped = sorted(r for r in raw_counts if r not in mapping)
    rep.info(f"{len(villages)} villages, {len(services)} services; "
             f"raw categories not in the mapping (not analysed): {unmapped or 'none'}")
    man_counts = {m["raw"]: m["services"] for m in man["category_mapping"]}
    rep.ok(all(raw_counts.get(r, 0) == n for r, n in man_counts.items()),
           "category_mapping service counts match the input files")

    countries = sorted({v["country"] for v in villages} | {s["country"] for s in services})
    if a.coverage == "all":
        def covered(cat, c):
            return True
    else:
        pairs = {(p["category"], p["country"]): bool(p["covered"]) for p in man["coverage"]["pairs"]}

        def covered(cat, c):
            return pairs.get((cat, c), False)

    checks = defaultdict(Mismatches)
    tnames = [f"{int(t)}m" if t == int(t) else f"{t}m" for t in thresholds]
    for cat in cats:
        svc = [s for s in services if mapping.get(s["category"]) == cat]
        slon = np.array([s["lon"] for s in svc])
        slat = np.array([s["lat"] for s in svc])
        scountry = np.array([s["country"] for s in svc])
        sid = [s["id"] for s in svc]
        by_id = defaultdict(list)
        for j, x in enumerate(sid):
            by_id[x].append(j)
        if svc:
            lo1, lo2 = np.meshgrid(vlon, slon, indexing="ij")
            la1, la2 = np.meshgrid(vlat, slat, indexing="ij")
            _, _, dist = GEOD.inv(lo1, la1, lo2, la2)
            dist = np.asarray(dist).reshape(len(villages), len(svc))
        else:
            dist = np.empty((len(villages), 0))

        for i, (v, r) in enumerate(zip(villages, rows)):
            x = v["country"]
            home_ok = covered(cat, x)
            abroad_ok = all(covered(cat, y) for y in countries if y != x)
            d = dist[i]
            home = scountry == x
            tol = ROUND_M + vpos[i]
            where = f"village {v['id']} ({x}) {cat}"

            if not home_ok and not abroad_ok:
                want_status = "not_covered"
            elif not home_ok:
                want_status = "domestic_not_covered"
            elif not abroad_ok:
                want_status = "abroad_not_covered"
            elif not svc:
                want_status = "no_service"
            elif not home.any():
                want_status = "no_domestic_service"
            else:
                want_status = "ok"
            got_status = r[f"{cat}_status"]
            checks["status"].add(got_status == want_status,
                                 f"{where}: expected {want_status}, got {got_status}")

            def expect(name, mask, present):
                """Compares one distance column; returns the oracle value."""
                got = num(r[f"{cat}_{name}_m"])
                want = float(d[mask].min()) if present and mask.any() else None
                if want is None or got is None:
                    ok = want is None and got is None and got_status != "ok"
                    checks[f"{name}_m empty only where explained"].add(
                        ok, f"{where}: expected {want}, got {got!r} (status {got_status})")
                else:
                    checks[f"{name}_m"].add(abs(got - want) <= tol,
                                            f"{where}: expected {want:.4f}, got {got}", abs(got - want))
                return want

            all_ok = home_ok and abroad_ok
            nearest = expect("nearest", np.ones(len(svc), bool), all_ok)
            domestic = expect("domestic", home, home_ok)
            expect("abroad", ~home, abroad_ok)

            got_id = r[f"{cat}_nearest_id"]
            if nearest is not None and got_id:
                js = by_id.get(got_id, [])
                dj = min((d[j] for j in js), default=math.inf)
                ok = dj - nearest <= TIE_M + 2 * vpos[i]
                gotd = f"at {dj:.4f}" if js else f"(not a {cat} service)"
                checks["nearest_id"].add(ok, f"{where}: expected {sid[int(d.argmin())]} at {nearest:.4f}, "
                                             f"got {got_id} {gotd}")
                if js:
                    cs = {scountry[j] for j in js}
                    checks["nearest_country"].add(r[f"{cat}_nearest_country"] in cs,
                                                  f"{where}: {got_id} is in {cs}, got "
                                                  f"{r[f'{cat}_nearest_country']!r}")
            else:
                checks["nearest_id empty only where explained"].add((nearest is None) == (got_id == ""),
                                                  f"{where}: expected {nearest}, got id {got_id!r}")

            gain = num(r[f"{cat}_border_gain_m"])
            if nearest is not None and domestic is not None:
                checks["border_gain_m"].add(gain is not None and abs(gain - (domestic - nearest)) <= tol + vpos[i],
                                            f"{where}: expected {domestic - nearest:.4f}, got {gain!r}")
            else:
                checks["border_gain_m empty only where explained"].add(gain is None, f"{where}: expected empty, got {gain}")

            for t, tn in zip(thresholds, tnames):
                got = r[f"{cat}_within_{tn}"]
                if not all_ok:
                    checks["within empty only where explained"].add(got == "", f"{where} within {tn}: expected empty, got {got!r}")
                    continue
                if (np.abs(d - t) <= TIE_M + vpos[i]).any():
                    checks["within skipped (pair at a threshold)"].checked += 1
                    continue
                want = int((d <= t).sum())
                checks["within"].add(got != "" and int(got) == want,
                                     f"{where} within {tn}: expected {want}, got {got!r}")

    for name in sorted(checks):
        m = checks[name]
        if name.startswith("within skipped"):
            rep.info(f"{name}: {m.checked}")
            continue
        worst = f", max |Δ| {m.worst:.4f} m" if m.worst is not None else ""
        rep.ok(not m.bad, f"{name} ({m.checked} compared{worst})",
               f"{len(m.bad)} wrong; " + "; ".join(m.bad[:MAX_EXAMPLES]) if m.bad else "")
    rep.exit()


if __name__ == "__main__":
    main()
