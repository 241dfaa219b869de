#!/usr/bin/python3
"""Generate geod_wgs84.csv: inverse geodesic reference values on WGS84.

Oracle: pyproj.Geod(ellps="WGS84").inv, i.e. PROJ's geodesic routines
(GeographicLib's C implementation). Debian packages: python3-pyproj.

Regenerate with (from this directory):

    /usr/bin/python3 gen_reference.py > geod_wgs84.csv

The random cases use a fixed seed, so the output is reproducible for a given
PROJ version. Columns: name, lat1, lon1, lat2, lon2 (degrees), s12 (metres),
azi1, azi2 (forward azimuths in degrees; azi2 = back azimuth - 180,
normalised to [-180, 180]).
"""
import math
import random

import pyproj

geod = pyproj.Geod(ellps="WGS84")
rng = random.Random(20240521)
cases = []


def add(name, lat1, lon1, lat2, lon2):
    cases.append((name, lat1, lon1, lat2, lon2))


# Westhoek box: lon 2.0-3.3, lat 50.55-51.2.
def box():
    return rng.uniform(50.55, 51.2), rng.uniform(2.0, 3.3)


for i in range(100):
    lat1, lon1 = box()
    lat2, lon2 = box()
    add("westhoek", lat1, lon1, lat2, lon2)
# Very short pairs: < 1 m and 1-100 m (1 deg of latitude is about 111 km).
for i in range(25):
    lat1, lon1 = box()
    d = rng.uniform(1e-9, 9e-6)
    b = rng.uniform(0, 2 * math.pi)
    add("submetre", lat1, lon1, lat1 + d * math.cos(b), lon1 + d * math.sin(b) / math.cos(math.radians(lat1)))
for i in range(25):
    lat1, lon1 = box()
    d = rng.uniform(9e-6, 9e-4)
    b = rng.uniform(0, 2 * math.pi)
    add("short", lat1, lon1, lat1 + d * math.cos(b), lon1 + d * math.sin(b) / math.cos(math.radians(lat1)))
# Worldwide random pairs, uniform on the sphere.
for i in range(100):
    lat1 = math.degrees(math.asin(rng.uniform(-1, 1)))
    lat2 = math.degrees(math.asin(rng.uniform(-1, 1)))
    add("world", lat1, rng.uniform(-180, 180), lat2, rng.uniform(-180, 180))
# Nearly antipodal: random perturbations of the antipode.
for i in range(20):
    lat1 = rng.uniform(-60, 60)
    lon1 = rng.uniform(-180, 180)
    add("antipodal", lat1, lon1, -lat1 + rng.uniform(-0.5, 0.5), lon1 + 180 + rng.uniform(-0.5, 0.5))

# Hard cases.
hard = [
    ("coincident", 50.8503, 2.8850, 50.8503, 2.8850),
    ("coincident", 0, 0, 0, 0),
    ("coincident", -90, 0, -90, 0),
    ("equator", 0, 0, 0, 1),
    ("equator", 0, 0, 0, 90),
    ("equator", 0, -10, 0, 170),
    ("equator", 0, 0, 0, 179.4),
    ("equator", 0, 0, 0, 179.5),
    ("equator", 0, 0, 0, 179.9),
    ("equator", 0, 0, 0, 180),
    ("equator", 0, 20, 0, -160.3),
    ("meridian", 10, 5, 50, 5),
    ("meridian", -30, 5, 60, 5),
    ("meridian", 50.8503, 2.885, 50.0, 2.885),
    ("meridian", 30, 0, 40, 180),
    ("meridian", 30, 0, -29.9, 180),
    ("meridian", 0, 0, 0.5, 180),
    ("pole", 90, 0, 50.85, 2.885),
    ("pole", -90, 0, 50.85, 2.885),
    ("pole", 90, 0, -90, 0),
    ("pole", 89.999, 0, 89.999, 180),
    ("pole", 90, 0, 89, 45),
    ("antipodal", 0, 0, 0.5, 179.7),
    ("antipodal", -30, 0, 29.9, 179.8),
    ("antipodal", -30, 0, 30, 180),
    ("antipodal", 0, 0, 0, 179.7),
    ("antipodal", 10, 0, -10, 179.995),
    ("antipodal", 45, 10, -45.0001, -169.9999),
    ("antipodal", 0.001, 0, -0.001, 179.999),
    ("antipodal", 0, 0, 0.01, 179.5),
    ("antipodal", -41.41, 0, 41.41, 179.5),
    ("lonwrap", 50.85, 179.9, 50.85, -179.9),
    ("lonwrap", 50.85, 540.1, 51.0, -359.5),
    ("ieper-poperinge", 50.8503, 2.8850, 50.8556, 2.7272),
]
for h in hard:
    add(*h)

print("name,lat1,lon1,lat2,lon2,s12,azi1,azi2")
for name, lat1, lon1, lat2, lon2 in cases:
    az12, az21, dist = geod.inv(lon1, lat1, lon2, lat2)
    azi2 = math.remainder(az21 - 180, 360)
    if azi2 == -180:
        azi2 = 180.0
    print(f"{name},{lat1!r},{lon1!r},{lat2!r},{lon2!r},{dist!r},{az12!r},{azi2!r}")
