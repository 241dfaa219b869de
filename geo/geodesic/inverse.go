package geodesic

import (
	"math"

	"github.com/paulmach/orb"
)

// Distance returns the geodesic distance in metres on the WGS84 ellipsoid
// between two orb.Points given as [lon, lat] in degrees. It is the length
// of the shortest path on the ellipsoid, accurate to about 15 nm.
//
// A latitude outside [-90, 90] or a NaN coordinate yields NaN. Cost: O(1),
// no allocation; regional lines converge after one Newton step, nearly
// antipodal ones in a handful.
func Distance(a, b orb.Point) float64 {
	s12, _, _, _, _ := inverse(a[1], a[0], b[1], b[0])
	return s12
}

// Inverse solves the inverse geodesic problem on WGS84: given two points
// (lat, lon in degrees) it returns the shortest distance s12 in metres and
// the forward azimuths azi1 at the first point and azi2 at the second, in
// degrees clockwise from north in [-180, 180]. azi2 is the direction of
// travel at point 2, not the back azimuth.
//
// Where the azimuth is not unique (coincident points, a pole, or exactly
// antipodal points) the conventions of Karney (2013) apply: a pole is the
// limit of a point approaching it along its meridian.
//
// A latitude outside [-90, 90] or a NaN input yields NaN results. Cost:
// O(1), no allocation.
func Inverse(lat1, lon1, lat2, lon2 float64) (s12, azi1, azi2 float64) {
	s12, salp1, calp1, salp2, calp2 := inverse(lat1, lon1, lat2, lon2)
	return s12, atan2d(salp1, calp1), atan2d(salp2, calp2)
}

// inverse returns the distance and the sines and cosines of both azimuths.
// The structure follows Karney (2013) §4: reduce the problem by symmetry
// to lat1 <= 0, |lat2| <= |lat1|, 0 <= lon12 <= 180; solve meridional and
// equatorial geodesics in closed form; otherwise start from the short-line
// or astroid estimate of α1 and solve λ12(α1) = lon12 by Newton's method,
// safeguarded by bisection.
func inverse(lat1, lon1, lat2, lon2 float64) (s12, salp1, calp1, salp2, calp2 float64) {
	lon12 := angDiff(lon1, lon2)
	lonsign := 1.0
	if math.Signbit(lon12) {
		lonsign = -1
	}
	lon12 = math.Abs(lon12)
	// The longitude difference in radians and its sine and cosine. Rounding
	// lon12 first makes eastward and westward problems mirror images.
	lon12 = angRound(lon12)
	lam12 := lon12 * deg
	slam12, clam12 := sincosd(lon12)

	lat1 = angRound(latFix(lat1))
	lat2 = angRound(latFix(lat2))
	// Make |lat1| >= |lat2| (swap the points; a NaN goes first so that it
	// propagates) ...
	swapp := 1.0
	if math.Abs(lat1) < math.Abs(lat2) || math.IsNaN(lat2) {
		swapp = -1
		lonsign = -lonsign
		lat1, lat2 = lat2, lat1
	}
	// ... and lat1 <= 0 (reflect in the equator).
	latsign := 1.0
	if !math.Signbit(lat1) {
		latsign = -1
	}
	lat1 *= latsign
	lat2 *= latsign

	// Reduced latitudes β on the auxiliary sphere, tan β = (1-f) tan φ.
	sbet1, cbet1 := sincosd(lat1)
	sbet1, cbet1 = norm2(f1*sbet1, cbet1)
	cbet1 = math.Max(tiny, cbet1) // a pole is the limit along its meridian
	sbet2, cbet2 := sincosd(lat2)
	sbet2, cbet2 = norm2(f1*sbet2, cbet2)
	cbet2 = math.Max(tiny, cbet2)
	// Make the symmetric cases |β2| = |β1| exact despite rounding.
	if cbet1 < -sbet1 {
		if cbet2 == cbet1 {
			sbet2 = math.Copysign(sbet1, sbet2)
		}
	} else if math.Abs(sbet2) == -sbet1 {
		cbet2 = cbet1
	}
	dn1 := math.Sqrt(1 + ep2*sbet1*sbet1)
	dn2 := math.Sqrt(1 + ep2*sbet2*sbet2)

	var s12x float64
	meridian := lat1 == -90 || slam12 == 0
	if meridian {
		// Along a meridian (or through the pole): α1 = lon12, α2 = 0.
		calp1, salp1 = clam12, slam12
		calp2, salp2 = 1, 0
		ssig1, csig1 := sbet1, calp1*cbet1
		ssig2, csig2 := sbet2, calp2*cbet2
		sig12 := math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2), csig1*csig2+ssig1*ssig2)
		s12b, m12b := lengths(n3, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, true)
		// The meridian is the shortest path unless it passes a point
		// conjugate to point 1 (negative reduced length), which happens
		// only for nearly antipodal points across a pole.
		if sig12 < tol0 || m12b >= 0 {
			if sig12 < 3*tiny || (sig12 < tol0 && (s12b < 0 || m12b < 0)) {
				s12b = 0
			}
			s12x = B * s12b
		} else {
			meridian = false
		}
	}

	switch {
	case meridian:
	case sbet1 == 0 && lon12 <= 180*(1-F):
		// Both points on the equator, and not so far apart that the
		// shortest path leaves it: distance along the equator.
		calp1, calp2 = 0, 0
		salp1, salp2 = 1, 1
		s12x = A * lam12
	default:
		s12x, salp1, calp1, salp2, calp2 = general(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12, slam12, clam12)
	}

	// Undo the symmetry reductions.
	if swapp < 0 {
		salp1, salp2 = salp2, salp1
		calp1, calp2 = calp2, calp1
	}
	salp1 *= swapp * lonsign
	calp1 *= swapp * latsign
	salp2 *= swapp * lonsign
	calp2 *= swapp * latsign
	return 0 + s12x, salp1, calp1, salp2, calp2
}

// general solves the inverse problem for points that are neither on one
// meridian nor both on the equator, returning the distance in metres and
// the azimuths as sine/cosine pairs.
func general(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12, slam12, clam12 float64) (s12, salp1, calp1, salp2, calp2 float64) {
	sig12, salp1, calp1, salp2, calp2, dnm := inverseStart(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12, slam12, clam12)
	if sig12 >= 0 {
		// Short line: the starting guess is already accurate; the distance
		// is the great-circle arc on a sphere of radius b·dnm.
		return sig12 * B * dnm, salp1, calp1, salp2, calp2
	}

	// Newton's method on α1 for λ12(α1) = lam12. [α1a, α1b] brackets the
	// root, as cot α1 (λ12 decreases with cot α1); bisect when Newton
	// misbehaves.
	var (
		ssig1, csig1, ssig2, csig2, eps float64
		salp1a, calp1a                  = tiny, 1.0
		salp1b, calp1b                  = tiny, -1.0
		tripn, tripb                    bool
	)
	for it := 0; ; it++ {
		var v, dv float64
		v, dv, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps = lambda12(
			sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12, it < maxNewton)
		tol := tol0
		if tripn {
			tol = 8 * tol0
		}
		if tripb || !(math.Abs(v) >= tol) || it == maxIter {
			break
		}
		// Update the bracket.
		if v > 0 && (it > maxNewton || calp1/salp1 > calp1b/salp1b) {
			salp1b, calp1b = salp1, calp1
		} else if v < 0 && (it > maxNewton || calp1/salp1 < calp1a/salp1a) {
			salp1a, calp1a = salp1, calp1
		}
		if it < maxNewton && dv > 0 {
			dalp1 := -v / dv
			if math.Abs(dalp1) < math.Pi {
				sdalp1, cdalp1 := math.Sincos(dalp1)
				nsalp1 := salp1*cdalp1 + calp1*sdalp1
				if nsalp1 > 0 {
					calp1 = calp1*cdalp1 - salp1*sdalp1
					salp1, calp1 = norm2(nsalp1, calp1)
					// Near convergence Newton may oscillate in the last
					// bit: then accept a slightly larger residual.
					tripn = math.Abs(v) <= 16*tol0
					continue
				}
			}
		}
		// Bisection.
		salp1, calp1 = norm2((salp1a+salp1b)/2, (calp1a+calp1b)/2)
		tripn = false
		tripb = math.Abs(salp1a-salp1)+(calp1a-calp1) < tolb ||
			math.Abs(salp1-salp1b)+(calp1-calp1b) < tolb
	}
	s12b, _ := lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, false)
	return B * s12b, salp1, calp1, salp2, calp2
}

// lengths returns the distance s12/b and, when wantM12, the reduced length
// m12/b between two points of a geodesic given by their arcs σ1, σ2 on the
// auxiliary sphere (Karney 2013, eqs. 7, 38).
func lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2 float64, wantM12 bool) (s12b, m12b float64) {
	var ca series
	c1(eps, &ca)
	A1m1 := a1m1(eps)
	B1 := sinSeries(ssig2, csig2, &ca) - sinSeries(ssig1, csig1, &ca)
	s12b = (1 + A1m1) * (sig12 + B1)
	if !wantM12 {
		return s12b, 0
	}
	c2(eps, &ca)
	A2m1 := a2m1(eps)
	B2 := sinSeries(ssig2, csig2, &ca) - sinSeries(ssig1, csig1, &ca)
	J12 := (A1m1-A2m1)*sig12 + ((1+A1m1)*B1 - (1+A2m1)*B2)
	m12b = dn2*(csig1*ssig2) - dn1*(ssig1*csig2) - csig1*csig2*J12
	return s12b, m12b
}
