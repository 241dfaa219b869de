#!/usr/bin/python3
# Reference lengths for the town.osm fixture, from PROJ's WGS84 geodesic
# (Karney's algorithm), independent of the Go code.
# Run: /usr/bin/python3 gen_reference.py  (needs python3-pyproj)
from pyproj import Geod

g = Geod(ellps="WGS84")


def d(a, b):
    return g.inv(a[0], a[1], b[0], b[1])[2]


print("equator 0.001 deg      %.9f" % d((0, 0), (0.001, 0)))
print("meridian 0 to 0.001    %.9f" % d((0.002, 0), (0.002, 0.001)))
print("parallel 0.001 x 0.001 %.9f" % d((0.011, 0.001), (0.010, 0.001)))
# roundabout 200: 20->21 then 21->22->23->20
print("roundabout 21-22-23-20 %.9f" % (d((0.011, 0), (0.011, 0.001)) + d((0.011, 0.001), (0.010, 0.001)) + d((0.010, 0.001), (0.010, 0))))
