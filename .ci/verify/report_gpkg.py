"""Check (f): the GeoPackage and its QGIS styles open as QGIS users expect.

Why: partons writes GeoPackage files itself (pure-Go SQLite, hand-built
GeoPackage binary geometries, R-tree and layer_styles tables), so we ask
independent readers: GDAL's ogrinfo lists the layers with their geometry
type, feature count and CRS; Python's own sqlite3 module checks the
database (integrity, application id, R-tree against every geometry decoded
here from the specification); two runs give identical bytes; and, unless
VERIFY_QGIS=0, QGIS 3.22 itself (PyQGIS, offscreen) opens every layer with
its default style from layer_styles, and loads villages.qml onto a memory
layer: graduated classes, a symbol for a NULL distance ("no data"), labels
on the village name.

Usage: report_gpkg.py --bin PARTONS --villages V.geojson --services S.geojson --work DIR
(runs `PARTONS run -q --format gpkg --lang fr --out DIR/a` and `.../b`).
"""

import argparse
import csv
import os
import re
import sqlite3
import struct

from _common import Report, features, run, sha256


def ogr_layers(path):
    """Returns {layer: (geometry type, feature count, epsg)} from ogrinfo."""
    p = run(["ogrinfo", "-ro", "-so", "-al", path])
    out = {}
    for block in re.split(r"\nLayer name: ", "\n" + p.stdout)[1:]:
        name = block.split("\n", 1)[0].strip()
        gt = re.search(r"^Geometry: (.+)$", block, re.M)
        fc = re.search(r"^Feature Count: (\d+)$", block, re.M)
        epsg = re.findall(r'ID\["EPSG",(\d+)\]\]\s*$', block, re.M)
        out[name] = (gt.group(1) if gt else None, int(fc.group(1)) if fc else None,
                     int(epsg[-1]) if epsg else None)
    return p.returncode, out, p.stderr


def decode_gp(blob):
    """(minx, maxx, miny, maxy) of a GeoPackage binary geometry, decoded
    from the specification: header, then WKB points, polygons or
    multipolygons in either byte order."""
    assert blob[:2] == b"GP", "magic"
    flags = blob[3]
    env = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
    wkb = memoryview(blob)[8 + env:]
    xs, ys = [], []

    def geom(off):
        bo = "<" if wkb[off] == 1 else ">"
        (t,) = struct.unpack_from(bo + "I", wkb, off + 1)
        off += 5
        if t == 1:
            x, y = struct.unpack_from(bo + "dd", wkb, off)
            xs.append(x)
            ys.append(y)
            return off + 16
        if t == 3:
            (nr,) = struct.unpack_from(bo + "I", wkb, off)
            off += 4
            for _ in range(nr):
                (n,) = struct.unpack_from(bo + "I", wkb, off)
                off += 4
                for i in range(n):
                    x, y = struct.unpack_from(bo + "dd", wkb, off + 16 * i)
                    xs.append(x)
                    ys.append(y)
                off += 16 * n
            return off
        if t in (4, 6):
            (n,) = struct.unpack_from(bo + "I", wkb, off)
            off += 4
            for _ in range(n):
                off = geom(off)
            return off
        raise ValueError(f"WKB type {t}")

    geom(0)
    return min(xs), max(xs), min(ys), max(ys)


def sqlite_checks(rep, path, layers):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rep.ok(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "sqlite integrity_check")
    app = db.execute("PRAGMA application_id").fetchone()[0]
    rep.ok(app == 0x47504B47, "application_id is GPKG", hex(app))
    rep.ok(db.execute("PRAGMA journal_mode").fetchone()[0] != "wal", "not in WAL mode")
    dates = {r[0] for r in db.execute("SELECT last_change FROM gpkg_contents")}
    rep.ok(dates == {"2026-01-01T00:00:00.000Z"} or len(dates) == 1, "one fixed last_change for every table", str(sorted(dates)))
    for name in layers:
        row = db.execute("SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (name,)).fetchone()
        if row is None:
            continue
        rtree = {r[0]: r[1:] for r in db.execute(f'SELECT id, minx, maxx, miny, maxy FROM "rtree_{name}_geom"')}
        bad, n = 0, 0
        for fid, blob in db.execute(f'SELECT fid, geom FROM "{name}" WHERE geom IS NOT NULL'):
            n += 1
            b = decode_gp(blob)
            r = rtree.get(fid)
            # the R-tree stores float32 bounds rounded outwards
            if r is None or r[0] > b[0] or r[1] < b[1] or r[2] > b[2] or r[3] < b[3] or \
                    max(b[0] - r[0], r[1] - b[1], b[2] - r[2], r[3] - b[3]) > 1e-4:
                bad += 1
        rep.ok(bad == 0 and len(rtree) == n, f"{name}: R-tree holds the bounds of all {n} geometries", f"{bad} wrong, {len(rtree)} entries")
        styles = db.execute("SELECT count(*) FROM layer_styles WHERE f_table_name = ? AND useAsDefault", (name,)).fetchone()[0]
        rep.ok(styles == 1, f"{name}: one default style in layer_styles")
    db.close()


QGIS_SCRIPT = r'''
import os, sys
from qgis.core import (QgsGeometry, QgsPointXY, QgsApplication, QgsVectorLayer, QgsFeature, QgsRenderContext, QgsExpressionContext, QgsExpressionContextUtils,
                       QgsProviderRegistry, Qgis, QgsWkbTypes)
app = QgsApplication([], False)
app.initQgis()
gpkg, qml = sys.argv[1], sys.argv[2]
for spec in sys.argv[3:]:
    name, n, kind = spec.split(":")
    lyr = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    r = lyr.renderer()
    print(f"LAYER {name} valid={lyr.isValid()} count={lyr.featureCount()} crs={lyr.crs().authid()} renderer={r.type() if r else None} labels={lyr.labelsEnabled() and lyr.labeling() is not None and lyr.labeling().settings().fieldName}")
mem = QgsVectorLayer("Point?crs=EPSG:4326&field=name:string&field=post_nearest_m:double", "m", "memory")
msg, ok = mem.loadNamedStyle(qml)
r = mem.renderer()
ranges = len(r.ranges()) if r.type() == "graduatedSymbol" else len(r.legendSymbolItems())
def context(lyr):
    ctx = QgsRenderContext()
    ectx = QgsExpressionContext()
    ectx.appendScope(QgsExpressionContextUtils.layerScope(lyr))
    ctx.setExpressionContext(ectx)
    return ctx
ctx = context(mem)
r.startRender(ctx, mem.fields())
nulls = 0
for val in (None, 500.0, 5000.0, 50000.0):
    f = QgsFeature(mem.fields())
    f.setAttribute("name", "x")
    f.setAttribute("post_nearest_m", val)
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(2.9, 50.9)))
    ctx.expressionContext().setFeature(f)
    nulls += len(r.symbolsForFeature(f, ctx)) == 1
r.stopRender(ctx)
print(f"QML ok={ok} renderer={r.type()} ranges={ranges} symbols={nulls} labels={mem.labelsEnabled() and mem.labeling().settings().fieldName}")
geojson = os.path.join(os.path.dirname(qml), "villages.geojson")
want = {QgsWkbTypes.PointGeometry: Qgis.SymbolType.Marker, QgsWkbTypes.PolygonGeometry: Qgis.SymbolType.Fill}
for sub in QgsProviderRegistry.instance().querySublayers(geojson, Qgis.SublayerQueryFlags(Qgis.SublayerQueryFlag.ResolveGeometryType)):
    lyr = QgsVectorLayer(sub.uri(), "villages", "ogr")
    r = lyr.renderer()
    ctx = context(lyr)
    r.startRender(ctx, lyr.fields())
    n = drawn = 0
    for f in lyr.getFeatures():
        n += 1
        ctx.expressionContext().setFeature(f)
        syms = r.symbolsForFeature(f, ctx)
        drawn += len(syms) == 1 and syms[0].type() == want.get(lyr.geometryType())
    r.stopRender(ctx)
    print(f"SUBLAYER {sub.uri().split('|')[-1]} count={n} drawn={drawn} renderer={r.type()} style={os.path.basename(lyr.styleURI())}")
app.exitQgis()
'''


def qgis_checks(rep, work, gpkg, qml, expect):
    script = os.path.join(work, "qgis_check.py")
    with open(script, "w", encoding="utf-8") as f:
        f.write(QGIS_SCRIPT)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    specs = [f"{k}:{v[1]}:{v[2]}" for k, v in expect.items()]
    p = run(["/usr/bin/python3", script, gpkg, qml] + specs, env=env)
    lines = {l.split()[1]: l for l in p.stdout.splitlines() if l.startswith("LAYER ")}
    for name, (_, n, kind) in expect.items():
        l = lines.get(name, "")
        rep.ok(f"valid=True count={n} " in l and (kind == "-" or f"renderer={kind} " in l),
               f"QGIS opens {name}: {n} features, default style {kind}", l or p.stderr[-300:])
        if name == "villages":
            rep.ok("crs=EPSG:4326" in l and "labels=name" in l, "QGIS: villages in EPSG:4326, labelled by name", l)
    q = next((l for l in p.stdout.splitlines() if l.startswith("QML ")), "")
    m = re.search(r"ranges=(\d+) symbols=(\d+)", q)
    rep.ok("ok=True" in q and m and int(m.group(1)) >= 3 and m.group(2) == "4" and "labels=name" in q,
           "QGIS loads villages.qml: classes, a symbol for NULL ('no data') and each distance, labels", q or p.stderr[-300:])
    subs = [l for l in p.stdout.splitlines() if l.startswith("SUBLAYER ")]
    total = 0
    for l in subs:
        m = re.search(r"count=(\d+) drawn=(\d+)", l)
        total += int(m.group(1))
        rep.ok(m.group(1) == m.group(2) and "style=villages.qml" in l,
               "QGIS draws every feature of villages.geojson's sub-layer with villages.qml (a symbol of its geometry type)", l)
    rep.ok(total == expect["villages"][1], f"villages.geojson's sub-layers hold all {expect['villages'][1]} villages", f"{len(subs)} sub-layers, {total} features")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--villages", required=True)
    ap.add_argument("--services", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    rep = Report("report-gpkg")
    outs = []
    for d in ("a", "b"):
        out = os.path.join(a.work, d)
        p = run([a.bin, "run", "-q", "--format", "gpkg", "--lang", "fr", "--out", out])
        rep.ok(p.returncode == 0, f"partons run --format gpkg ({d})", p.stderr[-300:])
        outs.append(out)
    gpkg = os.path.join(outs[0], "partons.gpkg")
    if not rep.ok(os.path.exists(gpkg), "partons.gpkg written"):
        rep.exit()
    for f in ("partons.gpkg", "report.html", "villages.qml"):
        pa, pb = os.path.join(outs[0], f), os.path.join(outs[1], f)
        rep.ok(os.path.exists(pa) and os.path.exists(pb) and sha256(pa) == sha256(pb), f"{f}: two runs, identical bytes")

    nv = len(features(a.villages))
    ns = len(features(a.services))
    npoly = sum(1 for f in features(a.villages) if f["geometry"]["type"] in ("Polygon", "MultiPolygon"))
    rc, layers, err = ogr_layers(gpkg)
    rep.ok(rc == 0 and not err.strip(), "ogrinfo reads partons.gpkg without warnings", err.strip()[:300])
    vgeom = "Point" if npoly < nv else "Multi Polygon"
    expect = {"villages": (vgeom, nv, "graduatedSymbol"), "services": ("Point", ns, "categorizedSymbol")}
    if 0 < npoly < nv:
        expect["village_polygons"] = ("Multi Polygon", npoly, "graduatedSymbol")
    for name, (gt, n, _) in expect.items():
        got = layers.get(name)
        rep.ok(got == (gt, n, 4326), f"ogrinfo: {name} is {gt}, {n} features, EPSG:4326", str(got))
    rep.ok("areas" in layers and layers["areas"][0] == "None" and layers["areas"][1] > 0,
           "ogrinfo: areas is an attribute table with rows", str(layers.get("areas")))
    sqlite_checks(rep, gpkg, [k for k in expect])
    if os.environ.get("VERIFY_QGIS", "1") != "0":
        qgis_checks(rep, a.work, gpkg, os.path.join(outs[0], "villages.qml"), expect)
    else:
        rep.info("VERIFY_QGIS=0: QGIS checks skipped")
    transit_checks(rep, a, nv)
    rep.exit()


def transit_checks(rep, a, nv):
    """With public transport (the hand-built feed of the command's tests),
    one layer per category, every village as a point in EPSG:4326, its
    default style in layer_styles, and the statuses GDAL reads equal to
    villages.csv's."""
    feed = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "cmd", "partons", "testdata", "gtfs", "westhoek")
    out = os.path.join(a.work, "transit")
    p = run([a.bin, "run", "-q", "--format", "gpkg", "--transit", feed, "--out", out])
    if not rep.ok(p.returncode == 0, "partons run --transit --format gpkg", p.stderr[-300:]):
        return
    gpkg = os.path.join(out, "partons.gpkg")
    with open(os.path.join(out, "villages.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    cats = [c[:-len("_transit_status")] for c in rows[0] if c.endswith("_transit_status")]
    rc, layers, err = ogr_layers(gpkg)
    rep.ok(rc == 0 and not err.strip(), "ogrinfo reads the transit partons.gpkg without warnings", err.strip()[:300])
    bad = [c for c in cats if layers.get("transit_" + c) != ("Point", nv, 4326)]
    rep.ok(cats and not bad, f"ogrinfo: transit_{{category}} for all {len(cats)} categories, Point, {nv} features, EPSG:4326", str(bad[:3]))
    db = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    styled = {r[0] for r in db.execute("SELECT f_table_name FROM layer_styles WHERE f_table_name LIKE 'transit_%'")}
    rep.ok(styled == {"transit_" + c for c in cats}, "every transit layer has its default style", str(sorted(styled))[:200])
    for c in cats:
        p = run(["ogrinfo", "-ro", "-q", gpkg, "-sql",
                 f"SELECT {c}_transit_status AS s, count(*) AS n FROM transit_{c} GROUP BY {c}_transit_status"])
        got = dict(re.findall(r"s \(String\) = (\S+)\s+n \(Integer\) = (\d+)", p.stdout))
        want = {}
        for r in rows:
            want[r[c + "_transit_status"]] = want.get(r[c + "_transit_status"], 0) + 1
        rep.ok({k: int(v) for k, v in got.items()} == want, f"transit_{c}: statuses read by GDAL equal villages.csv's", f"{got} vs {want}")


if __name__ == "__main__":
    main()
