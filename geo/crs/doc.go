// Package crs converts coordinates between WGS84 longitude/latitude and the
// projected coordinate reference systems found in Belgian and French open
// data, identified by EPSG code:
//
//	4326   WGS 84 geographic: x is longitude, y latitude, in degrees
//	3035   ETRS89 / LAEA Europe (Lambert azimuthal equal-area, GRS80)
//	2154   RGF93 / Lambert-93 (Lambert conformal conic 2SP, GRS80)
//	32631  WGS 84 / UTM zone 31N (transverse Mercator, Krüger series)
//	31370  BD72 / Belgian Lambert 72 (Lambert conformal conic 2SP on the
//	       International 1924 ellipsoid) with the datum transformation
//	       "BD72 to WGS 84 (3)", EPSG:15929, accurate to about 1 m
//
// Projected coordinates are easting x and northing y in metres; geographic
// coordinates are longitude and latitude in degrees (x = lon, y = lat,
// whatever the axis order of the EPSG definition).
//
// ETRS89 and RGF93 are taken as identical to WGS84, as EPSG's default
// transformations and PROJ do: the frames have drifted apart by well under
// a metre since 1989. The formulas follow IOGP Guidance Note 7-2; the
// transverse Mercator uses the sixth-order Krüger series (as PROJ's
// default algorithm), which is accurate to a few nanometres within a UTM
// zone. Inverse projections are solved to full double precision, so a
// round trip through any projected system returns the input to within
// micrometres. See testdata/README.md for the PROJ reference values the
// tests compare against.
//
// Results for points far outside a system's area of use are computed but
// are not meaningful; NaN or infinite input gives NaN output, never a
// panic. AreaOfUse gives each system's EPSG area of use (31370 Belgium,
// 2154 metropolitan France and Corsica, 32631 0°E–6°E north of the
// equator, 3035 the EU and candidate countries); Fits and Fitting say
// whether x, y lie in it, widened by AreaMarginDeg (2°) on each side, so
// that readers can reject coordinates given in the wrong system and name
// the system they do fit.
//
// Concurrency: the conversion functions are pure and safe for concurrent
// use; they do not allocate.
package crs
