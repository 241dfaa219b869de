package index

import (
	"math"

	"github.com/paulmach/orb"
)

// WGS84 ellipsoid.
const (
	wgs84A = 6378137.0                // semi-major axis, metres
	wgs84F = 1 / 298.257223563        // flattening
	wgs84B = wgs84A * (1 - wgs84F)    // semi-minor axis, metres
	deg    = math.Pi / 180            // radians per degree
	minRho = wgs84B * wgs84B / wgs84A // b²/a ≈ 6 335 439.327 m
)

// The lower bound used to order the search.
//
// Claim: for any two points P, Q on the WGS84 ellipsoid with geodetic
// coordinates (φ1, λ1), (φ2, λ2), the ellipsoidal geodesic distance satisfies
//
//	s(P, Q) ≥ (b²/a) · σ
//
// where σ is the great-circle angle between (φ1, λ1) and (φ2, λ2) on the unit
// sphere.
//
// Proof: the Gauss map sends a point of the ellipsoid to its unit outward
// normal, a point of the unit sphere; in geodetic coordinates the normal at
// (φ, λ) is exactly the unit vector with spherical coordinates (φ, λ). Let c
// be the geodesic from P to Q, of length s. Its Gauss image N∘c joins the
// two unit vectors, so its length is at least σ. The derivative of the Gauss
// map is the shape operator, a symmetric map whose eigenvalues are the
// principal curvatures, hence |dN(v)| ≤ κmax·|v| and len(N∘c) ≤ κmax·s. The
// principal radii of curvature of an oblate ellipsoid are the meridional
// M = a(1−e²)/(1−e² sin²φ)^{3/2} ≥ a(1−e²) = b²/a (equality on the equator)
// and the prime-vertical N = a/(1−e² sin²φ)^{1/2} ≥ a, so κmax = a/b² and
// s ≥ σ·b²/a. ∎
//
// Minimising over Q in a lon/lat rectangle B, min_Q s(P, Q) ≥ (b²/a)·σ(P, B)
// where σ(P, B) is the spherical point-to-rectangle angle computed by
// boxAngle. b²/a is 0.56 % below the mean Earth radius, so the bound stays
// tight.
//
// Floating-point and implementation slack: the bound is used with the radius
// shrunk by a relative 1e-6 and an absolute 1 µm subtracted. The relative term
// dominates rounding in σ (about 1e-15 relative); the absolute term dominates
// the documented error of Karney's geodesic solution (15 nm) and any rounding
// of distances up to 20 000 km (about 4 nm). Keys may therefore be slightly
// negative for boxes containing the query point; only their order matters.
const (
	lbRadiusM = minRho * (1 - 1e-6)
	lbSlackM  = 1e-6
)

// lowerBoundM turns a spherical angle in radians into a distance in metres
// that never exceeds the WGS84 geodesic distance it stands for.
// Non-decreasing in sigma.
func lowerBoundM(sigma float64) float64 { return sigma*lbRadiusM - lbSlackM }

// query holds the precomputed trigonometry of a query point.
type query struct {
	lon, lat       float64 // degrees; lon in [-180, 180]
	sinLat, cosLat float64
	ecef           [3]float64 // the query on the ellipsoid, metres
}

// newQuery validates and prepares p. ok is false for non-finite coordinates
// or a latitude outside [-90, 90].
func newQuery(p orb.Point) (q query, ok bool) {
	lon, lat, ok := normalise(p)
	if !ok {
		return query{}, false
	}
	q = query{lon: lon, lat: lat}
	q.sinLat, q.cosLat = math.Sincos(lat * deg)
	q.ecef = toECEF(lon, lat)
	return q, true
}

// normalise returns p's longitude in [-180, 180] and its latitude; ok is
// false when p cannot be a WGS84 position.
func normalise(p orb.Point) (lon, lat float64, ok bool) {
	lon, lat = p[0], p[1]
	if math.IsNaN(lon) || math.IsInf(lon, 0) || math.IsNaN(lat) || lat < -90 || lat > 90 {
		return 0, 0, false
	}
	if lon < -180 || lon > 180 {
		lon = math.Remainder(lon, 360)
	}
	return lon, lat, true
}

// lonDiff returns the absolute longitude difference of a and b in degrees,
// wrapped into [0, 180]. Both must be in [-180, 180].
func lonDiff(a, b float64) float64 {
	d := math.Abs(a - b)
	if d > 180 {
		d = 360 - d
	}
	return d
}

// angle converts a haversine h = sin²(σ/2) into the angle σ in radians.
// Non-decreasing in h, so keys compared in h order as in σ order.
func angle(h float64) float64 {
	if h > 1 {
		h = 1
	}
	return 2 * math.Asin(math.Sqrt(h))
}

// haversine returns h = sin²(σ/2) for the great-circle angle σ between the
// query point and (lat, lon) where cosLat = cos(lat) and dLon = lon − q.lon,
// in degrees (any multiple of 360° may be added to dLon).
func (q *query) haversine(lat, cosLat, dLon float64) float64 {
	sLat := math.Sin((lat - q.lat) * deg / 2)
	sLon := math.Sin(dLon * deg / 2)
	return sLat*sLat + q.cosLat*cosLat*sLon*sLon
}

// boxAngle returns the great-circle angle in radians from the query point to
// the nearest point of the box [min, max]; see boxHaversine.
func (q *query) boxAngle(min, max [2]float64) float64 { return angle(q.boxHaversine(min, max)) }

// boxHaversine returns h = sin²(σ/2) for the great-circle angle σ from the
// query point to the nearest point of the lon/lat rectangle [min, max]
// (meridians and parallels as sides, min[0] ≤ max[0] within [-180, 180]): 0
// inside, the point's own value for a degenerate box. After Schubert, Zimek
// & Kriegel (2013), "Geodetic distance queries on R-trees for indexing
// geographic data". Working in h spares an arcsine per box.
//
// Cases:
//   - the query longitude is within the box's: the nearest point is on the
//     same meridian, at σ = |Δφ| (moving in longitude only adds distance);
//   - otherwise every point of the box is at least as far as the point of
//     the same latitude on the meridian side nearer in longitude (for a fixed
//     latitude, σ grows with |Δλ| ≤ 180°, and the box's longitude arc, which
//     excludes the query's, is nearest at an end). On that side
//     cos σ = sinφ sinφ' + cosφ cosΔλ cosφ' = C·cos(φ' − φ*) with
//     φ* = atan2(sinφ, cosφ cosΔλ), so the minimum is at the foot φ* when it
//     lies on the side (cross-track sin σ = cosφ sinΔλ) or else at one of the
//     two corners.
//
// O(1): at most six trigonometric calls.
func (q *query) boxHaversine(min, max [2]float64) float64 {
	if q.lon >= min[0] && q.lon <= max[0] {
		var dLat float64
		switch {
		case q.lat < min[1]:
			dLat = min[1] - q.lat
		case q.lat > max[1]:
			dLat = q.lat - max[1]
		default:
			return 0
		}
		s := math.Sin(dLat * deg / 2)
		return s * s
	}
	dl := lonDiff(q.lon, min[0])
	if d := lonDiff(q.lon, max[0]); d < dl {
		dl = d
	}
	sinDl, cosDl := math.Sincos(dl * deg)
	if cosDl > 0 {
		foot := math.Atan2(q.sinLat, q.cosLat*cosDl) / deg
		if foot >= min[1] && foot <= max[1] {
			// sin σ = x, h = (1 − cos σ)/2 = x²/(2(1 + √(1−x²))), stable.
			x := q.cosLat * sinDl
			return x * x / (2 * (1 + math.Sqrt(1-x*x)))
		}
	}
	h0 := q.haversine(min[1], math.Cos(min[1]*deg), dl)
	h1 := q.haversine(max[1], math.Cos(max[1]*deg), dl)
	if h1 < h0 {
		return h1
	}
	return h0
}

// toECEF returns the geocentric Cartesian coordinates, in metres, of the
// point at (lon, lat) degrees on the WGS84 ellipsoid (height 0).
func toECEF(lon, lat float64) [3]float64 {
	const e2 = wgs84F * (2 - wgs84F)
	sinLat, cosLat := math.Sincos(lat * deg)
	sinLon, cosLon := math.Sincos(lon * deg)
	n := wgs84A / math.Sqrt(1-e2*sinLat*sinLat)
	return [3]float64{n * cosLat * cosLon, n * cosLat * sinLon, n * (1 - e2) * sinLat}
}

// chordLowerBoundM is the straight-line (chord) distance through space
// between two points of the ellipsoid, less a rounding margin. A geodesic
// is a path between the same two points, so it is never shorter than the
// chord: this is a lower bound of the geodesic distance that costs a few
// multiplications, used as the item key. For points 10 km apart it falls
// short of the geodesic by about 3 mm (s − c ≈ s³/24ρ²), so it is also
// tight: the exact geodesic is computed for hardly any item beyond those
// returned.
func chordLowerBoundM(a, b *[3]float64) float64 {
	dx, dy, dz := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	c := math.Sqrt(dx*dx + dy*dy + dz*dz)
	// ECEF coordinates are ~6.4e6 m: relative rounding of a few 1e-16
	// gives absolute errors of ~1e-8 m in c; subtract far more.
	return c*(1-1e-12) - 1e-6
}
