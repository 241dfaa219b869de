// Package osmarea assembles OpenStreetMap areas: the member ways of a
// multipolygon or boundary relation, as chains of node ids with their
// coordinates, joined end to end into rings and nested into polygons, as
// osmium's area assembler does; and their area on the sphere.
//
// Coordinates are WGS84 lon/lat degrees (orb.Point); SignedArea is in
// square degrees (for orientation only), SphericalAreaKm2 in km² on the
// sphere of mean radius MeanRadiusM. Functions are pure and safe for
// concurrent use; the chains given are not modified (rings are copies).
package osmarea
