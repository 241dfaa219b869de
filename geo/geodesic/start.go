package geodesic

import "math"

// lambda12 evaluates, for a trial azimuth α1 at point 1, the longitude
// difference λ12 reached at the latitude of point 2 minus the wanted one
// (given by slam120, clam120), and when diffp its derivative dλ12/dα1
// (Karney 2013, eqs. 5–8, 38). It also returns the geometry of the trial
// geodesic needed to finish the solution.
func lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam120, clam120 float64, diffp bool) (
	v, dv, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps float64) {
	if sbet1 == 0 && calp1 == 0 {
		// Break the degeneracy of an equatorial start heading due east.
		calp1 = -tiny
	}
	// α0 is the azimuth where the geodesic crosses the equator.
	salp0 := salp1 * cbet1
	calp0 := math.Sqrt(sq(calp1) + sq(salp1*sbet1))

	// σ1 and ω1: arc length and longitude on the auxiliary sphere from the
	// equator crossing to point 1.
	ssig1 = sbet1
	somg1 := salp0 * sbet1
	csig1 = calp1 * cbet1
	comg1 := csig1
	ssig1, csig1 = norm2(ssig1, csig1)

	// Azimuth at point 2 from Clairaut's relation, taking care of the
	// symmetric case |β2| = |β1|.
	if cbet2 != cbet1 {
		salp2 = salp0 / cbet2
	} else {
		salp2 = salp1
	}
	if cbet2 != cbet1 || math.Abs(sbet2) != -sbet1 {
		var d float64
		if cbet1 < -sbet1 {
			d = (cbet2 - cbet1) * (cbet1 + cbet2)
		} else {
			d = (sbet1 - sbet2) * (sbet1 + sbet2)
		}
		calp2 = math.Sqrt(sq(calp1*cbet1)+d) / cbet2
	} else {
		calp2 = math.Abs(calp1)
	}

	ssig2 = sbet2
	somg2 := salp0 * sbet2
	csig2 = calp2 * cbet2
	comg2 := csig2
	ssig2, csig2 = norm2(ssig2, csig2)

	// σ12 in [0, π] and ω12 on the auxiliary sphere.
	sig12 = math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2), csig1*csig2+ssig1*ssig2)
	somg12 := math.Max(0, comg1*somg2-somg1*comg2)
	comg12 := comg1*comg2 + somg1*somg2
	// eta = ω12 − λ12 (wanted), computed as one angle to avoid cancellation.
	eta := math.Atan2(somg12*clam120-comg12*slam120, comg12*clam120+somg12*slam120)

	eps = epsOf(calp0)
	var ca series
	c3(eps, &ca)
	B312 := sinSeries(ssig2, csig2, &ca) - sinSeries(ssig1, csig1, &ca)
	domg12 := -F * a3(eps) * salp0 * (sig12 + B312) // λ12 − ω12, eq. 8
	v = eta + domg12

	if diffp {
		if calp2 == 0 {
			dv = -2 * f1 * dn1 / sbet1
		} else {
			_, m12b := lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, true)
			dv = m12b * f1 / (calp2 * cbet2) // eq. 46
		}
	}
	return v, dv, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps
}

// inverseStart returns a starting azimuth α1 for Newton's method (§5 of
// Karney 2013). For short lines the problem is solved on a sphere of the
// local mean radius; if that solution is already exact to rounding
// (σ12 < etol2) it returns σ12 >= 0 together with α2 and the radius factor
// dnm, otherwise σ12 = −1. For nearly antipodal points the astroid
// approximation (eqs. 55–57) replaces the spherical guess, which is poor
// there.
func inverseStart(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12, slam12, clam12 float64) (
	sig12, salp1, calp1, salp2, calp2, dnm float64) {
	sig12 = -1
	sbet12 := sbet2*cbet1 - cbet2*sbet1  // sin(β2 − β1)
	cbet12 := cbet2*cbet1 + sbet2*sbet1  // cos(β2 − β1)
	sbet12a := sbet2*cbet1 + cbet2*sbet1 // sin(β2 + β1)

	shortline := cbet12 >= 0 && sbet12 < 0.5 && cbet2*lam12 < 0.5
	somg12, comg12 := slam12, clam12
	if shortline {
		// ω12 on a sphere scaled to the mean reduced latitude.
		sbetm2 := sq(sbet1 + sbet2)
		sbetm2 /= sbetm2 + sq(cbet1+cbet2)
		dnm = math.Sqrt(1 + ep2*sbetm2)
		omg12 := lam12 / (f1 * dnm)
		somg12, comg12 = math.Sincos(omg12)
	}

	// Great-circle azimuth at point 1 (eq. 49), written to avoid
	// cancellation on either side of ω12 = π/2.
	salp1 = cbet2 * somg12
	if comg12 >= 0 {
		calp1 = sbet12 + cbet2*sbet1*sq(somg12)/(1+comg12)
	} else {
		calp1 = sbet12a - cbet2*sbet1*sq(somg12)/(1-comg12)
	}
	ssig12 := math.Sqrt(sq(salp1) + sq(calp1))
	csig12 := sbet1*sbet2 + cbet1*cbet2*comg12

	switch {
	case shortline && ssig12 < etol2:
		// Really short: the spherical solution is the answer.
		salp2 = cbet1 * somg12
		if comg12 >= 0 {
			calp2 = sbet12 - cbet1*sbet2*sq(somg12)/(1+comg12)
		} else {
			calp2 = sbet12 - cbet1*sbet2*(1-comg12)
		}
		salp2, calp2 = norm2(salp2, calp2)
		sig12 = math.Atan2(ssig12, csig12)
	case math.Abs(n3) > 0.1 || csig12 >= 0 || ssig12 >= 6*math.Abs(n3)*math.Pi*sq(cbet1):
		// Not nearly antipodal: keep the spherical guess.
	default:
		// Nearly antipodal (oblate ellipsoid): scale the offsets from the
		// antipode of point 1 and solve the astroid problem (eq. 55).
		lam12x := math.Atan2(-slam12, -clam12) // lam12 − π
		k2 := sq(sbet1) * ep2
		eps := k2 / (2*(1+math.Sqrt(1+k2)) + k2)
		lamscale := F * cbet1 * a3(eps) * math.Pi
		betscale := lamscale * cbet1
		x := lam12x / lamscale
		y := sbet12a / betscale
		if y > -tol1 && x > -1-xthresh {
			// Point 2 lies on (or very near) the cut through the
			// antipode: α1 follows from x alone (eq. 57 limit).
			salp1 = math.Min(1, -x)
			calp1 = -math.Sqrt(1 - sq(salp1))
		} else {
			k := astroid(x, y)
			omg12a := lamscale * (-x * k / (1 + k))
			somg12, comg12 = math.Sincos(omg12a)
			comg12 = -comg12
			// Azimuth of the great circle through the shifted point
			// (eq. 56).
			salp1 = cbet2 * somg12
			calp1 = sbet12a - cbet2*sbet1*sq(somg12)/(1-comg12)
		}
	}
	if !(salp1 <= 0) {
		salp1, calp1 = norm2(salp1, calp1)
	} else {
		salp1, calp1 = 1, 0
	}
	return sig12, salp1, calp1, salp2, calp2, dnm
}

// astroid returns the positive root k of
// k⁴ + 2k³ − (x² + y² − 1)k² − 2y²k − y² = 0 (Karney 2013, eq. 55),
// solving the resolvent cubic in closed form without cancellation.
func astroid(x, y float64) float64 {
	p := sq(x)
	q := sq(y)
	r := (p + q - 1) / 6
	if q == 0 && r <= 0 {
		// On the cut inside the astroid: k = 0.
		return 0
	}
	S := p * q / 4 // S = r³ + S has a discriminant S(S + 2r³)
	r2 := sq(r)
	r3 := r * r2
	disc := S * (S + 2*r3)
	u := r
	if disc >= 0 {
		T3 := S + r3
		// Pick the sign of the square root to avoid cancellation.
		if T3 < 0 {
			T3 -= math.Sqrt(disc)
		} else {
			T3 += math.Sqrt(disc)
		}
		T := math.Cbrt(T3)
		u += T
		if T != 0 {
			u += r2 / T
		}
	} else {
		// Three real roots: take the one from the trigonometric form.
		ang := math.Atan2(math.Sqrt(-disc), -(S + r3))
		u += 2 * r * math.Cos(ang/3)
	}
	v := math.Sqrt(sq(u) + q)
	var uv float64
	if u < 0 {
		uv = q / (v - u)
	} else {
		uv = u + v
	}
	w := (uv - q) / (2 * v)
	return uv / (math.Sqrt(uv+sq(w)) + w)
}

func sq(x float64) float64 { return x * x }
