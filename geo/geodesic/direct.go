package geodesic

import "math"

// Direct solves the direct geodesic problem on WGS84: starting at (lat1,
// lon1) in degrees with azimuth azi1 (degrees clockwise from north) and
// travelling s12 metres (negative goes backwards), it returns the end point
// (lat2, lon2), with lon2 in [-180, 180], and the forward azimuth azi2 there.
// Any length is allowed (long geodesics wrap around the ellipsoid); the
// end point is accurate to about 15 nm.
//
// A latitude outside [-90, 90] or a NaN input yields NaN results. Cost:
// O(1), no iteration, no allocation.
func Direct(lat1, lon1, azi1, s12 float64) (lat2, lon2, azi2 float64) {
	salp1, calp1 := sincosd(angRound(angNormalize(azi1)))
	sbet1, cbet1 := sincosd(angRound(latFix(lat1)))
	sbet1, cbet1 = norm2(f1*sbet1, cbet1)
	cbet1 = math.Max(tiny, cbet1)

	// Equator crossing azimuth α0 and the arc σ1 / longitude ω1 of point 1
	// on the auxiliary sphere.
	salp0 := salp1 * cbet1
	calp0 := math.Sqrt(sq(calp1) + sq(salp1*sbet1))
	ssig1 := sbet1
	somg1 := salp0 * sbet1
	csig1 := 1.0
	if sbet1 != 0 || calp1 != 0 {
		csig1 = cbet1 * calp1
	}
	comg1 := csig1
	ssig1, csig1 = norm2(ssig1, csig1)

	eps := epsOf(calp0)
	var ca series
	c1(eps, &ca)
	A1m1 := a1m1(eps)
	B11 := sinSeries(ssig1, csig1, &ca)
	// τ1 = σ1 + B11 is the distance of point 1 from the equator crossing in
	// units of b·A1.
	sB, cB := math.Sincos(B11)
	stau1 := ssig1*cB + csig1*sB
	ctau1 := csig1*cB - ssig1*sB

	// σ12 from τ12 by the reverted series (eq. 20).
	tau12 := s12 / (B * (1 + A1m1))
	st, ct := math.Sincos(tau12)
	c1p(eps, &ca)
	B12 := -sinSeries(stau1*ct+ctau1*st, ctau1*ct-stau1*st, &ca)
	sig12 := tau12 - (B12 - B11)
	ssig12, csig12 := math.Sincos(sig12)

	ssig2 := ssig1*csig12 + csig1*ssig12
	csig2 := csig1*csig12 - ssig1*ssig12
	sbet2 := calp0 * ssig2
	cbet2 := math.Hypot(salp0, calp0*csig2)
	if cbet2 == 0 {
		// The geodesic ends at a pole: perturb to keep the azimuth defined.
		cbet2, csig2 = tiny, tiny
	}
	salp2 := salp0
	calp2 := calp0 * csig2
	somg2 := salp0 * ssig2
	comg2 := csig2

	// ω12, counting whole turns, then λ12 = ω12 − f sin α0 I3 (eq. 8).
	E := math.Copysign(1, salp0)
	omg12 := E * (sig12 -
		(math.Atan2(ssig2, csig2) - math.Atan2(ssig1, csig1)) +
		(math.Atan2(E*somg2, comg2) - math.Atan2(E*somg1, comg1)))
	c3(eps, &ca)
	B31 := sinSeries(ssig1, csig1, &ca)
	B32 := sinSeries(ssig2, csig2, &ca)
	lam12 := omg12 - F*salp0*a3(eps)*(sig12+(B32-B31))

	lon2 = angNormalize(angNormalize(lon1) + angNormalize(lam12/deg))
	lat2 = atan2d(sbet2, f1*cbet2)
	azi2 = atan2d(salp2, calp2)
	return lat2, lon2, azi2
}
