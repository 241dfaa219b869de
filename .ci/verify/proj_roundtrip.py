"""Check (c): partons' inverse projections against PROJ.

Why: villages often come as x/y in a national or European projection, and
partons converts them to WGS84 with its own closed-form formulas (geo/crs).
Here PROJ (through pyproj, always_xy=True) projects 30 WGS84 points spread
over the Westhoek box to each supported CRS; partons reads them back with
--villages-epsg, and the lon/lat it writes in villages.csv (7 decimals)
must be the original points:

  EPSG:3035, 2154, 32631   within 2e-7 degrees (rounding is 5e-8)
  EPSG:31370               within 2e-7 degrees when PROJ uses the same
                           BD72 -> WGS84 transformation as partons
                           ("BD72 to WGS 84 (3)", EPSG:15929, as documented
                           in geo/crs); within 1e-5 degrees (~1 m, the
                           accuracy of the BD72 transformations) otherwise.

Usage: proj_roundtrip.py --bin PARTONS
"""

import argparse
import csv
import os
import tempfile

from pyproj.transformer import TransformerGroup

from _common import Report, read_csv, run

CODES = [3035, 2154, 31370, 32631]
TIGHT = 2e-7
LOOSE = 1e-5
PARTONS_BD72 = "BD72 to WGS 84 (3)"


def points():
    """30 points on a jittered 6 x 5 grid over lon 2.0-3.3, lat 50.55-51.2."""
    pts = []
    for i in range(6):
        for j in range(5):
            lon = 2.0 + 1.3 * (i + 0.5) / 6 + 0.0123456 * ((i * 7 + j * 3) % 5 - 2)
            lat = 50.55 + 0.65 * (j + 0.5) / 5 + 0.0098765 * ((i * 5 + j * 11) % 7 - 3)
            pts.append((round(lon, 7), round(lat, 7)))
    return pts


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True)
    a = ap.parse_args()
    rep = Report("proj")
    pts = points()

    p = run(["projinfo", "-s", "EPSG:4326", "-t", "EPSG:31370",
             "--spatial-test", "intersects", "--summary"])
    cands = [ln for ln in p.stdout.splitlines() if "BD72" in ln]
    rep.info("projinfo EPSG:4326 -> EPSG:31370 candidates, best first:")
    for ln in cands:
        rep.info("  " + ln.strip())

    with tempfile.TemporaryDirectory() as tmp:
        svc = os.path.join(tmp, "services.csv")
        with open(svc, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "name", "category", "country", "lon", "lat"])
            w.writerow(["s1", "Pharmacy", "amenity=pharmacy", "BE", "2.885", "50.85"])
        for code in CODES:
            group = TransformerGroup(4326, code, always_xy=True)
            tr = group.transformers[0]
            desc = tr.description
            rep.info(f"EPSG:{code}: PROJ uses '{desc}'")
            tol = TIGHT
            if code == 31370:
                tol = TIGHT if PARTONS_BD72 in desc else LOOSE
                rep.info(f"EPSG:31370: tolerance {tol:g} deg "
                         f"({'same' if tol == TIGHT else 'different'} transformation as partons)")
            vil = os.path.join(tmp, f"villages_{code}.csv")
            with open(vil, "w", newline="") as f:
                w = csv.writer(f)
                w.writerow(["id", "name", "country", "population", "x", "y"])
                for k, (lon, lat) in enumerate(pts):
                    x, y = tr.transform(lon, lat)
                    w.writerow([f"p{k}", f"Point {k}", "BE", "100", repr(x), repr(y)])
            out = os.path.join(tmp, f"out_{code}")
            p = run([a.bin, "run", "-q", "--villages", vil, "--villages-epsg", str(code),
                     "--services", svc, "--out", out])
            if not rep.ok(p.returncode == 0, f"EPSG:{code}: partons run succeeds",
                          p.stderr.strip()[-300:] if p.returncode else ""):
                continue
            _, rows = read_csv(os.path.join(out, "villages.csv"))
            worst, where = 0.0, ""
            for (lon, lat), r in zip(pts, rows):
                d = max(abs(float(r["lon"]) - lon), abs(float(r["lat"]) - lat))
                if d > worst:
                    worst, where = d, f"{r['id']} ({lon}, {lat}) -> ({r['lon']}, {r['lat']})"
            rep.ok(len(rows) == len(pts) and worst <= tol,
                   f"EPSG:{code}: {len(rows)} points back to WGS84 within {tol:g} deg",
                   f"max |Δ| {worst:.1e} deg" + (f" at {where}" if where else ""))
            if code == 31370 and len(group.transformers) > 1:
                # How far apart the candidate BD72 transformations are: the
                # tight tolerance (2e-7 deg, ~2 cm) tells them apart.
                for alt in group.transformers:
                    dev = 0.0
                    for lon, lat in pts:
                        ax, ay = alt.transform(lon, lat)
                        bx, by = tr.transform(lon, lat)
                        dev = max(dev, abs(ax - bx), abs(ay - by))
                    rep.info(f"  '{alt.description}' differs from PROJ's choice by up to {dev:.3f} m here")
    rep.exit()


if __name__ == "__main__":
    main()
