# Reference projected coordinates for the x/y CSV tests.
# Regenerate with (Debian python3-pyproj):
#   /usr/bin/python3 gen_projected.py > projected.csv
# x is easting and y northing for every code (pyproj always_xy=True).
from pyproj import Transformer

POINTS = [  # lon, lat: Ypres market square, Bavinchove, Dunkirk, Poperinge
    (2.8850, 50.8503), (2.4527, 50.7731), (2.3768, 51.0343), (2.72659, 50.85386),
]
print("epsg,x,y,lon,lat")
for epsg in (31370, 2154, 3035, 32631):
    t = Transformer.from_crs("EPSG:4326", "EPSG:%d" % epsg, always_xy=True)
    for lon, lat in POINTS:
        x, y = t.transform(lon, lat)
        print("%d,%.4f,%.4f,%.6f,%.6f" % (epsg, x, y, lon, lat))
