// Package geo groups partons' geometry: geodesy (geodesic), coordinate
// reference systems (crs), the spatial index (index) and the road network
// (road). This package itself holds small planar helpers on WGS84 lon/lat
// polygons (point in polygon, a representative point guaranteed inside).
//
// geo and its sub-packages import only the standard library, orb, rtree and
// CRS maths; they know nothing of datasets or analysis.
package geo
