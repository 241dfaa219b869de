#!/usr/bin/python3
"""Reference WGS84 geodesic distances for the snapping metric test.

Regenerate with:  /usr/bin/python3 gen_geod_reference.py > geod_reference.csv
Needs python3-pyproj (Debian). Distances come from pyproj.Geod(ellps="WGS84"),
i.e. Karney's (2013) algorithm as implemented in GeographicLib.
"""
import random

from pyproj import Geod

geod = Geod(ellps="WGS84")
rng = random.Random(20240611)
print("lon1,lat1,lon2,lat2,s12_m")
for dist in [5, 20, 50, 100, 250, 500, 1000, 2000, 5000, 10000]:
    for _ in range(12):
        lon1 = rng.uniform(2.2, 3.3)
        lat1 = rng.uniform(50.6, 51.2)
        az = rng.uniform(-180, 180)
        lon2, lat2, _ = geod.fwd(lon1, lat1, az, dist)
        # Measure between the coordinates exactly as printed.
        lon1, lat1, lon2, lat2 = (round(v, 9) for v in (lon1, lat1, lon2, lat2))
        _, _, s12 = geod.inv(lon1, lat1, lon2, lat2)
        print(f"{lon1:.9f},{lat1:.9f},{lon2:.9f},{lat2:.9f},{s12:.7f}")
