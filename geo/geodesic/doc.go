// Package geodesic solves geodesic problems on the WGS84 ellipsoid.
//
// The inverse problem (distance and azimuths between two points) and the
// direct problem (end point from a start point, azimuth and distance) follow
// C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 43–55 (2013),
// doi:10.1007/s00190-012-0578-z: the geodesic is mapped onto an auxiliary
// sphere, the distance and longitude integrals are expanded to sixth order in
// the third flattening n, the inverse problem is solved by Newton's method on
// the azimuth at the first point, and nearly antipodal points are started
// from the astroid approximation. The result is accurate to about 15 nm
// anywhere on the ellipsoid, including coincident, equatorial, meridional,
// polar and nearly antipodal pairs.
//
// Units: latitudes, longitudes and azimuths are in degrees (azimuths
// clockwise from north, in [-180, 180]); distances are in metres. orb.Point
// values are [lon, lat].
//
// Inputs are not validated beyond what the maths needs: a latitude outside
// [-90, 90] or a NaN input yields NaN results, never a panic. Longitudes may
// take any finite value.
//
// Concurrency: every function is pure and safe for concurrent use; nothing
// allocates.
package geodesic
