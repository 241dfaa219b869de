#!/usr/bin/python3
"""Independent counts of places and service categories with osmium-tool.

For every place value and every category of the default taxonomy, runs

    osmium tags-filter -O FILE nwr/KEY=VALUE[,VALUE…] … -o sel.osm.pbf
    osmium export -O sel.osm.pbf -f geojsonseq -u type_id \
        --geometry-types=point,polygon -o sel.geojsonseq

and counts the exported features that carry one of the tags (members pulled
in by tags-filter are exported too, hence the tag test): points are nodes,
(multi)polygons are closed ways (area id even) or relations (area id odd).
osmium's area assembler drops relations with missing members, as
osmextract does.

    cd datasets/osmextract/testdata
    /usr/bin/python3 gen_counts.py ../../osmroad/testdata/monaco-2015-04-28.osm.pbf \
        ../../osmroad/testdata/liechtenstein-2013-08-03.osm.pbf \
        ../../../benchmarks/testdata/andorra-2018-03-01.osm.pbf > counts.json

It also exports the country polygons (admin_level=2) osmium assembles, with
their rings, vertices and WGS84 ellipsoidal areas (pyproj.Geod).

Needs osmium-tool and python3-pyproj (Debian packages; osmium 1.15 here).
"""
import json
import os
import subprocess
import sys
import tempfile

# place=* values read as villages (osmextract.DefaultPlaces).
PLACES = ["city", "town", "village", "hamlet"]

# The OpenStreetMap entries of the default taxonomy
# (datasets/taxonomy/defaults.go), category -> key=value tags.
CATEGORIES = {
    "bakery": ["shop=bakery"],
    "butcher": ["shop=butcher"],
    "grocery": ["shop=supermarket", "shop=convenience", "shop=greengrocer", "shop=general"],
    "pharmacy": ["amenity=pharmacy", "healthcare=pharmacy"],
    "gp": ["amenity=doctors", "healthcare=doctor"],
    "dentist": ["amenity=dentist", "healthcare=dentist"],
    "hospital": ["amenity=hospital", "healthcare=hospital"],
    "post": ["amenity=post_office"],
    "bank": ["amenity=bank"],
    "atm": ["amenity=atm"],
    "kindergarten": ["amenity=kindergarten"],
    "school": ["amenity=school"],
    "library": ["amenity=library"],
}


def count(path, tags, work):
    """Counts features carrying any of tags ("k=v"), by OSM type."""
    sel = os.path.join(work, "sel.osm.pbf")
    seq = os.path.join(work, "sel.geojsonseq")
    subprocess.run(["osmium", "tags-filter", "-O", "-o", sel, path] + ["nwr/" + t for t in tags],
                   check=True, capture_output=True)
    subprocess.run(["osmium", "export", "-O", "-f", "geojsonseq", "-u", "type_id",
                    "--geometry-types=point,polygon", "-o", seq, sel],
                   check=True, capture_output=True)
    wanted = {tuple(t.split("=", 1)) for t in tags}
    c = {"nodes": 0, "ways": 0, "relations": 0}
    with open(seq, encoding="utf-8") as f:
        for line in f:
            line = line.strip("\x1e\n")
            if not line:
                continue
            feat = json.loads(line)
            props = feat["properties"]
            if not any(props.get(k) == v for k, v in wanted):
                continue
            fid = feat["id"]
            if fid[0] == "n":
                c["nodes"] += 1
            elif fid[0] == "a":
                c["ways" if int(fid[1:]) % 2 == 0 else "relations"] += 1
    return c


def countries(path, work):
    """Country polygons (admin_level=2, boundary=administrative) osmium
    assembles: relation id -> ISO code, rings, vertices (closing vertex
    included) and WGS84 ellipsoidal area in km² (pyproj), holes subtracted."""
    from pyproj import Geod
    geod = Geod(ellps="WGS84")
    sel = os.path.join(work, "adm.osm.pbf")
    seq = os.path.join(work, "adm.geojsonseq")
    subprocess.run(["osmium", "tags-filter", "-O", "-o", sel, path, "r/admin_level=2"], check=True, capture_output=True)
    subprocess.run(["osmium", "export", "-O", "-f", "geojsonseq", "-u", "type_id",
                    "--geometry-types=polygon", "-o", seq, sel], check=True, capture_output=True)
    out = {}
    with open(seq, encoding="utf-8") as f:
        for line in f:
            line = line.strip("\x1e\n")
            if not line:
                continue
            feat = json.loads(line)
            p = feat["properties"]
            fid = int(feat["id"][1:])
            if fid % 2 == 0 or p.get("boundary") != "administrative" or p.get("admin_level") != "2":
                continue
            rings = vertices = 0
            area = 0.0
            for poly in feat["geometry"]["coordinates"]:
                for k, ring in enumerate(poly):
                    lons, lats = zip(*ring)
                    a, _ = geod.polygon_area_perimeter(lons, lats)
                    area += abs(a) if k == 0 else -abs(a)
                    rings += 1
                    vertices += len(ring)
            code = (p.get("ISO3166-1:alpha2") or p.get("ISO3166-1") or "").upper()
            out[str(fid // 2)] = {"code": code, "rings": rings, "vertices": vertices, "area_km2": round(area / 1e6, 6)}
    return out


def counts_for(path, work):
    """Places, categories and countries of one extract (work: a scratch
    directory)."""
    r = {"places": {}, "categories": {}}
    for p in PLACES:
        c = count(path, ["place=" + p], work)
        if sum(c.values()):
            r["places"][p] = c
    for cat, tags in CATEGORIES.items():
        c = count(path, tags, work)
        if sum(c.values()):
            r["categories"][cat] = c
    r["countries"] = countries(path, work)
    return r


def main(paths):
    out = {}
    with tempfile.TemporaryDirectory() as work:
        for path in paths:
            out[os.path.basename(path)] = counts_for(path, work)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
