#!/usr/bin/python3
"""Generate proj_reference.csv: PROJ reference coordinates for package crs.

Oracle: PROJ through pyproj (Debian packages python3-pyproj, proj-bin).
Regenerate with (from this directory):

    /usr/bin/python3 gen_reference.py > proj_reference.csv

Points: Ieper, Poperinge, the corners of the Westhoek box (lon 2.0-3.3,
lat 50.55-51.2) and random points inside it (fixed seed). For each WGS84
lon/lat (degrees) the file gives x/y (metres) in EPSG:3035, 2154, 32631 and
31370, computed with the explicit pipelines below. Each pipeline is checked
against PROJ's own EPSG:4326 -> EPSG:code choice (to 0.1 mm), so the
fixture is what `cs2cs EPSG:4326 EPSG:code` gives. For 31370 the datum
shift is EPSG:15929 "BD72 to WGS 84 (3)" (coordinate frame rotation).

The last two columns, lon_bd72/lat_bd72, are PROJ's transformation of the
31370 x/y back to WGS84 in the defining direction (BD72 -> WGS 84), which
differs from the input lon/lat by the sub-millimetre error of PROJ's
approximate reverse Helmert.
"""
import random

import pyproj

LAEA = "+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80"
LAMB93 = ("+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 "
          "+x_0=700000 +y_0=6600000 +ellps=GRS80")
UTM31 = "+proj=utm +zone=31 +ellps=WGS84"
BL72 = ("+proj=lcc +lat_0=90 +lon_0=4.36748666666667 +lat_1=51.1666672333333 "
        "+lat_2=49.8333339 +x_0=150000.013 +y_0=5400088.438 +ellps=intl")
BD72_TO_WGS84 = ("+proj=helmert +x=-106.8686 +y=52.2978 +z=-103.7239 "
                 "+rx=-0.3366 +ry=0.457 +rz=-1.8422 +s=-1.2747 "
                 "+convention=coordinate_frame")


def pipeline(*steps):
    return pyproj.Transformer.from_pipeline(
        "+proj=pipeline " + " ".join("+step " + s for s in steps))


deg2rad = "+proj=unitconvert +xy_in=deg +xy_out=rad"
rad2deg = "+proj=unitconvert +xy_in=rad +xy_out=deg"
forward = {
    3035: pipeline(deg2rad, LAEA),
    2154: pipeline(deg2rad, LAMB93),
    32631: pipeline(deg2rad, UTM31),
    # WGS84 -> BD72 is the inverse of the BD72 -> WGS84 pipeline.
    31370: pipeline(deg2rad, "+proj=push +v_3", "+proj=cart +ellps=WGS84",
                    "+inv " + BD72_TO_WGS84, "+inv +proj=cart +ellps=intl",
                    "+proj=pop +v_3", BL72),
}
bd72_to_wgs84 = pipeline("+inv " + BL72, "+proj=push +v_3", "+proj=cart +ellps=intl",
                         BD72_TO_WGS84, "+inv +proj=cart +ellps=WGS84",
                         "+proj=pop +v_3", rad2deg)

points = [("ieper", 2.8850, 50.8503), ("poperinge", 2.7272, 50.8556),
          ("corner-sw", 2.0, 50.55), ("corner-se", 3.3, 50.55),
          ("corner-nw", 2.0, 51.2), ("corner-ne", 3.3, 51.2)]
rng = random.Random(31370)
for i in range(44):
    points.append((f"random-{i:02d}", round(rng.uniform(2.0, 3.3), 7),
                   round(rng.uniform(50.55, 51.2), 7)))

codes = [3035, 2154, 32631, 31370]
print("name,lon,lat," + ",".join(f"x{c},y{c}" for c in codes) + ",lon_bd72,lat_bd72")
for name, lon, lat in points:
    row = [name, repr(lon), repr(lat)]
    for c in codes:
        x, y = forward[c].transform(lon, lat)
        ex, ey = pyproj.Transformer.from_crs("EPSG:4326", f"EPSG:{c}", always_xy=True).transform(lon, lat)
        assert abs(x - ex) < 1e-4 and abs(y - ey) < 1e-4, (c, name, x - ex, y - ey)
        row += [f"{x:.6f}", f"{y:.6f}"]
    blon, blat = bd72_to_wgs84.transform(float(row[-2]), float(row[-1]))
    row += [f"{blon:.12f}", f"{blat:.12f}"]
    print(",".join(row))
