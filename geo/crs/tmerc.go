package crs

import "math"

// tm is the transverse Mercator projection by Krüger's series to sixth
// order in the third flattening n (Krüger 1912; Karney 2011, "Transverse
// Mercator with an accuracy of a few nanometers", J. Geodesy 85, 475–485,
// eqs. 7–11, 35–36), the algorithm PROJ uses for UTM. Accurate to a few
// nanometres within 3.5° of the central meridian.
type tm struct {
	el     ellipsoid
	lam0   float64    // central meridian, radians
	k0A    float64    // k0 times the rectifying radius A, metres
	alpha  [7]float64 // α1..α6, forward (conformal → rectifying)
	beta   [7]float64 // β1..β6, reverse
	y0     float64    // northing of the latitude of origin (unscaled by fn)
	fe, fn float64    // false easting and northing, metres
}

// newTM takes degrees for the origin, the scale factor on the central
// meridian k0, and metres for the false easting/northing.
func newTM(el ellipsoid, lat0, lon0, k0, fe, fn float64) *tm {
	n := el.f / (2 - el.f)
	n2 := n * n
	n3, n4, n5, n6 := n2*n, n2*n2, n2*n2*n, n2*n2*n2
	p := &tm{el: el, lam0: lon0 * deg, fe: fe, fn: fn}
	A := el.a / (1 + n) * (1 + n2/4 + n4/64 + n6/256)
	p.k0A = k0 * A
	p.alpha = [7]float64{0,
		n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
		13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
		61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
		49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
		34729*n5/80640 - 3418889*n6/1995840,
		212378941 * n6 / 319334400,
	}
	p.beta = [7]float64{0,
		n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
		n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
		17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
		4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
		4583*n5/161280 - 108847*n6/3991680,
		20648693 * n6 / 638668800,
	}
	_, p.y0 = p.project(0, lat0*deg)
	return p
}

// conformalTau returns τ' = tan χ, the tangent of the conformal latitude,
// from τ = tan φ (Karney 2011, eq. 7).
func (el ellipsoid) conformalTau(tau float64) float64 {
	tau1 := math.Hypot(1, tau)
	sig := math.Sinh(el.e * math.Atanh(el.e*tau/tau1))
	return math.Hypot(1, sig)*tau - sig*tau1
}

// project returns the unscaled, unshifted coordinates k0·A·(η, ξ).
func (p *tm) project(dlam, phi float64) (x, y float64) {
	taup := p.el.conformalTau(math.Tan(phi))
	sl, cl := math.Sincos(dlam)
	xip := math.Atan2(taup, cl)                   // ξ'
	etap := math.Asinh(sl / math.Hypot(taup, cl)) // η'
	xi, eta := xip, etap
	for j := 1; j <= 6; j++ {
		s, c := math.Sincos(2 * float64(j) * xip)
		xi += p.alpha[j] * s * math.Cosh(2*float64(j)*etap)
		eta += p.alpha[j] * c * math.Sinh(2*float64(j)*etap)
	}
	return p.k0A * eta, p.k0A * xi
}

func (p *tm) forward(lam, phi float64) (x, y float64) {
	x, y = p.project(lonDiff(lam, p.lam0), phi)
	return p.fe + x, p.fn + y - p.y0
}

// inverse applies the reverse Krüger series, then recovers τ = tan φ from
// τ' by Newton's method (Karney 2011, eqs. 19–21).
func (p *tm) inverse(x, y float64) (lam, phi float64) {
	eta := (x - p.fe) / p.k0A
	xi := (y - p.fn + p.y0) / p.k0A
	xip, etap := xi, eta
	for j := 1; j <= 6; j++ {
		s, c := math.Sincos(2 * float64(j) * xi)
		xip -= p.beta[j] * s * math.Cosh(2*float64(j)*eta)
		etap -= p.beta[j] * c * math.Sinh(2*float64(j)*eta)
	}
	sxp, cxp := math.Sincos(xip)
	shp := math.Sinh(etap)
	taup := sxp / math.Hypot(shp, cxp)
	lam = p.lam0 + math.Atan2(shp, cxp)
	return lam, math.Atan(p.el.tauFromConformal(taup))
}

// tauFromConformal inverts conformalTau by Newton's method on τ.
func (el ellipsoid) tauFromConformal(taup float64) float64 {
	tau := taup / (1 - el.e2) // good start: exact in the limit of large τ
	for i := 0; i < 5; i++ {
		t := el.conformalTau(tau)
		// dτ'/dτ = (1 − e²)·√(1+τ'²)·√(1+τ²) / (1 + (1 − e²)τ²)
		d := (taup - t) / ((1 - el.e2) * math.Hypot(1, t) * math.Hypot(1, tau) / (1 + (1-el.e2)*tau*tau))
		tau += d
		if !(math.Abs(d) >= 1e-15*math.Max(1, math.Abs(tau))) {
			break
		}
	}
	return tau
}
