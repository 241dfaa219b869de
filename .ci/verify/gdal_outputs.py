"""Check (a): the reports open in GDAL the way QGIS will read them.

Why: partons writes GeoJSON by hand-rolled encoders, and GDAL does not
reject bad geometry (an unknown type or a one-number coordinate becomes a
NULL geometry with exit status 0). So we ask GDAL itself: the layer loads,
it has one feature per input village, its CRS is WGS 84 (RFC 7946), no
geometry is NULL, its fields are the columns of villages.csv, and the layer
survives a GeoPackage round trip with identical ids and geometries.

Usage: gdal_outputs.py --out DEMO_OUT_DIR --villages INPUT_VILLAGES.geojson
"""

import argparse
import json
import os
import re
import tempfile

from _common import Report, features, read_csv, run


def ogrinfo_summary(path):
    p = run(["ogrinfo", "-ro", "-so", "-al", path])
    return p.returncode, p.stdout + p.stderr


def null_geometries(path, layer):
    p = run(["ogrinfo", "-ro", "-q", path, "-dialect", "SQLite", "-sql",
             f'SELECT count(*) AS n FROM "{layer}" WHERE geometry IS NULL'])
    m = re.search(r"\bn \(Integer\) = (\d+)", p.stdout)
    return int(m.group(1)) if m else None, p.stdout + p.stderr


def as_geojson(src, dst):
    """Converts any OGR source to GeoJSON (full precision) and loads it."""
    p = run(["ogr2ogr", "-f", "GeoJSON", "-lco", "COORDINATE_PRECISION=15",
             dst, src])
    if p.returncode != 0:
        raise RuntimeError(p.stderr)
    with open(dst, encoding="utf-8") as f:
        return json.load(f)["features"]


def flat_coords(g):
    """All coordinates of a GeoJSON geometry, flattened to (x, y) pairs."""
    out = []

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            out.append((float(c[0]), float(c[1])))
        else:
            for x in c:
                walk(x)
    if g:
        walk(g["coordinates"])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True)
    ap.add_argument("--villages", required=True)
    a = ap.parse_args()
    rep = Report("gdal")

    want = len(features(a.villages))
    rep.info(f"input villages: {want} (counted with python json)")
    vg = os.path.join(a.out, "villages.geojson")

    rc, info = ogrinfo_summary(vg)
    rep.ok(rc == 0, "ogrinfo opens villages.geojson", f"exit {rc}" if rc else "")
    m = re.search(r"^Layer name: (.+)$", info, re.M)
    layer = m.group(1).strip() if m else "villages"
    m = re.search(r"^Feature Count: (\d+)$", info, re.M)
    got = int(m.group(1)) if m else None
    rep.ok(got == want, "GDAL feature count equals input villages",
           f"GDAL {got}, input {want}")
    rep.ok('GEOGCRS["WGS 84"' in info and 'ID["EPSG",4326]' in info,
           "layer CRS is WGS 84 (EPSG:4326)")

    n, raw = null_geometries(vg, layer)
    rep.ok(n == 0, "no NULL geometry (SQLite dialect count)",
           f"{n} NULL" if n is not None else raw.strip()[:200])

    header, rows = read_csv(os.path.join(a.out, "villages.csv"))
    rep.ok(len(rows) == want, "villages.csv has one row per input village",
           f"{len(rows)} rows, input {want}")
    tail = info.split("Data axis to CRS axis mapping", 1)[-1]
    fields = re.findall(r"^(\S+): \S+ \(\d", tail, re.M)
    missing = [c for c in header if c not in fields]
    extra = [c for c in fields if c not in header]
    rep.ok(not missing and not extra,
           "GDAL fields are the villages.csv columns",
           f"missing {missing[:5]} extra {extra[:5]}" if missing or extra else "")

    with tempfile.TemporaryDirectory() as tmp:
        gpkg = os.path.join(tmp, "villages.gpkg")
        p = run(["ogr2ogr", "-f", "GPKG", gpkg, vg])
        rep.ok(p.returncode == 0, "ogr2ogr -f GPKG succeeds", p.stderr.strip()[:200])
        if p.returncode != 0:
            rep.exit()
        rc, ginfo = ogrinfo_summary(gpkg)
        m = re.search(r"^Feature Count: (\d+)$", ginfo, re.M)
        rep.ok(m is not None and int(m.group(1)) == want,
               "GeoPackage feature count equals input villages",
               m.group(1) if m else ginfo.strip()[:200])
        back = as_geojson(gpkg, os.path.join(tmp, "back.geojson"))
        orig = features(vg)
        ids_ok = [f["properties"]["id"] for f in back] == [f["properties"]["id"] for f in orig]
        rep.ok(ids_ok, "GeoPackage round trip keeps ids in order")
        worst, bad = 0.0, None
        for fo, fb in zip(orig, back):
            co, cb = flat_coords(fo["geometry"]), flat_coords(fb["geometry"])
            if len(co) != len(cb) or fo["geometry"]["type"] != fb["geometry"]["type"]:
                bad = fo["properties"]["id"]
                break
            for (x1, y1), (x2, y2) in zip(co, cb):
                worst = max(worst, abs(x1 - x2), abs(y1 - y2))
        rep.ok(bad is None and worst <= 1e-12,
               "GeoPackage round trip keeps geometries",
               f"first differing feature {bad}" if bad else f"max |Δ| {worst:.1e} deg")
    rep.exit()


if __name__ == "__main__":
    main()
