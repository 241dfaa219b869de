package crs

import "math"

// ellipsoid is an oblate ellipsoid of revolution.
type ellipsoid struct {
	a  float64 // semi-major axis, metres
	f  float64 // flattening
	e2 float64 // first eccentricity squared
	e  float64 // first eccentricity
}

func newEllipsoid(a, invf float64) ellipsoid {
	f := 1 / invf
	e2 := f * (2 - f)
	return ellipsoid{a: a, f: f, e2: e2, e: math.Sqrt(e2)}
}

var (
	wgs84    = newEllipsoid(6378137, 298.257223563) // EPSG:7030
	grs80    = newEllipsoid(6378137, 298.257222101) // EPSG:7019
	intl1924 = newEllipsoid(6378388, 297)           // EPSG:7022, Hayford
)

// toCartesian converts geodetic lam, phi (radians) and ellipsoidal height h
// (metres) to Earth-centred X, Y, Z in metres.
func (el ellipsoid) toCartesian(lam, phi, h float64) (x, y, z float64) {
	sphi, cphi := math.Sincos(phi)
	slam, clam := math.Sincos(lam)
	n := el.a / math.Sqrt(1-el.e2*sphi*sphi) // prime vertical radius
	return (n + h) * cphi * clam, (n + h) * cphi * slam, (n*(1-el.e2) + h) * sphi
}

// fromCartesian converts Earth-centred X, Y, Z (metres) to geodetic lam,
// phi in radians, ignoring the height. Bowring's (1976) formula is refined
// by two fixed-point steps, exact to rounding for points within a few
// kilometres of the ellipsoid.
func (el ellipsoid) fromCartesian(x, y, z float64) (lam, phi float64) {
	p := math.Hypot(x, y)
	b := el.a * (1 - el.f)
	ep2 := el.e2 / (1 - el.e2)
	su, cu := math.Sincos(math.Atan2(z*el.a, p*b)) // parametric latitude
	phi = math.Atan2(z+ep2*b*su*su*su, p-el.e2*el.a*cu*cu*cu)
	for i := 0; i < 2; i++ {
		s := math.Sin(phi)
		n := el.a / math.Sqrt(1-el.e2*s*s)
		phi = math.Atan2(z+el.e2*n*s, p)
	}
	return math.Atan2(y, x), phi
}

// helmert is a seven-parameter similarity transformation of Earth-centred
// coordinates from a local datum to WGS84 (EPSG method 9607, "coordinate
// frame rotation"), linearised in the rotation angles as EPSG defines it:
//
//	[X]            [ 1   rz  -ry] [Xs]   [tx]
//	[Y] = (1 + ds) [-rz   1   rx] [Ys] + [ty]
//	[Z]            [ ry -rx   1 ] [Zs]   [tz]
//
// The position-vector convention (EPSG 9606, PROJ's +towgs84, many
// libraries) uses the same formula with the rotation signs flipped.
// The transformation is defined in two dimensions: the local point is
// taken at height 0 and the WGS84 height is dropped. The reverse direction
// inverts that 2D map exactly (see fromWGS84), so round trips are exact.
type helmert struct {
	el  ellipsoid     // ellipsoid of the local datum
	t   [3]float64    // translation, metres
	m   [3][3]float64 // scaled rotation, local to WGS84
	inv [3][3]float64 // inverse of m
}

// newHelmert takes translations in metres, coordinate-frame rotations in
// arc-seconds and the scale difference in parts per million.
func newHelmert(el ellipsoid, tx, ty, tz, rx, ry, rz, ds float64) *helmert {
	const asec = math.Pi / (180 * 3600)
	rx, ry, rz = rx*asec, ry*asec, rz*asec
	k := 1 + ds*1e-6
	m := [3][3]float64{
		{k, k * rz, -k * ry},
		{-k * rz, k, k * rx},
		{k * ry, -k * rx, k},
	}
	return &helmert{el: el, t: [3]float64{tx, ty, tz}, m: m, inv: invert3(m)}
}

// toWGS84 maps geodetic lam, phi (radians, height 0) on the local datum to
// WGS84; the height produced by the shift is dropped, as in a 2D
// transformation.
func (hm *helmert) toWGS84(lam, phi float64) (float64, float64) {
	x, y, z := hm.el.toCartesian(lam, phi, 0)
	v := mul3(&hm.m, x, y, z)
	return wgs84.fromCartesian(v[0]+hm.t[0], v[1]+hm.t[1], v[2]+hm.t[2])
}

// fromWGS84 is the exact inverse of toWGS84. The reverse 3D similarity
// (exact inverse matrix) of the WGS84 point at height 0 lands at some height
// h ≠ 0 on the local ellipsoid; dropping h moves the point along the local
// normal, which is not quite the WGS84 normal, by up to about 1 mm for
// BD72 (this is what PROJ returns). Two fixed-point corrections, each
// shrinking the error by the Jacobian's distance from identity (~1e-5),
// remove it.
func (hm *helmert) fromWGS84(lam, phi float64) (float64, float64) {
	x, y, z := wgs84.toCartesian(lam, phi, 0)
	v := mul3(&hm.inv, x-hm.t[0], y-hm.t[1], z-hm.t[2])
	l, p := hm.el.fromCartesian(v[0], v[1], v[2])
	for i := 0; i < 2; i++ {
		l2, p2 := hm.toWGS84(l, p)
		l += math.Remainder(lam-l2, 2*math.Pi)
		p += phi - p2
	}
	return l, p
}

func mul3(m *[3][3]float64, x, y, z float64) [3]float64 {
	return [3]float64{
		m[0][0]*x + m[0][1]*y + m[0][2]*z,
		m[1][0]*x + m[1][1]*y + m[1][2]*z,
		m[2][0]*x + m[2][1]*y + m[2][2]*z,
	}
}

// invert3 inverts a 3×3 matrix by cofactors (m is near the identity, so
// this is well conditioned).
func invert3(m [3][3]float64) [3][3]float64 {
	var c [3][3]float64
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			i1, i2 := (i+1)%3, (i+2)%3
			j1, j2 := (j+1)%3, (j+2)%3
			// Transposed cofactor (adjugate).
			c[j][i] = m[i1][j1]*m[i2][j2] - m[i1][j2]*m[i2][j1]
		}
	}
	det := m[0][0]*c[0][0] + m[0][1]*c[1][0] + m[0][2]*c[2][0]
	for i := range c {
		for j := range c[i] {
			c[i][j] /= det
		}
	}
	return c
}
