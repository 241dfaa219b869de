#!/usr/bin/python3
"""Writes the fixtures of package index from the OpenStreetMap extracts.

    /usr/bin/python3 gen_reference.py be-services-osm2015.geojson be-places-osm2015.geojson

(run from this directory, the two GeoJSON files from the project's regional
data; needs python3-pyproj). Outputs:
  pharmacies.csv       osm_id,lon,lat,name   amenity=pharmacy nodes
  villages.csv         osm_id,lon,lat,name   place=town|village nodes
  nearest_pharmacy.csv village_id,pharmacy_id,dist_m,second_dist_m
      brute-force nearest pharmacy of every village by WGS84 geodesic
      (pyproj.Geod, Karney 2013), and the distance to the second nearest.
"""
import csv
import json
import sys

from pyproj import Geod


def load(path, keep):
    out = []
    for f in json.load(open(path, encoding="utf-8"))["features"]:
        p = f["properties"]
        if keep(p):
            lon, lat = f["geometry"]["coordinates"][:2]
            out.append((p["osm_id"], lon, lat, p.get("name") or ""))
    out.sort(key=lambda r: int(r[0]))
    return out


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    services, places = sys.argv[1], sys.argv[2]
    ph = load(services, lambda p: p.get("type") == "pharmacy")
    vi = load(places, lambda p: p.get("type") in ("town", "village"))
    write("pharmacies.csv", ["osm_id", "lon", "lat", "name"], ph)
    write("villages.csv", ["osm_id", "lon", "lat", "name"], vi)
    g = Geod(ellps="WGS84")
    rows = []
    for vid, vlon, vlat, _ in vi:
        d = sorted(
            (g.inv(vlon, vlat, plon, plat)[2], i) for i, (_, plon, plat, _) in enumerate(ph)
        )
        rows.append((vid, ph[d[0][1]][0], "%.4f" % d[0][0], "%.4f" % d[1][0]))
    write("nearest_pharmacy.csv", ["village_id", "pharmacy_id", "dist_m", "second_dist_m"], rows)


if __name__ == "__main__":
    main()
