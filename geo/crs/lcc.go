package crs

import "math"

// lcc is the Lambert conformal conic projection with two standard
// parallels on an ellipsoid (EPSG method 9802, IOGP GN 7-2 §3.2.1.1).
type lcc struct {
	el     ellipsoid
	lam0   float64 // longitude of the false origin, radians
	n      float64 // cone constant
	aF     float64 // a·F, scale of the isometric-latitude function
	rho0   float64 // radius at the latitude of the false origin
	fe, fn float64 // false easting and northing, metres
	signN  float64 // sign of n (+1 for a northern cone)
}

// newLCC takes degrees for the latitude/longitude of the false origin and
// the two standard parallels, and metres for the false easting/northing.
func newLCC(el ellipsoid, lat0, lon0, lat1, lat2, fe, fn float64) *lcc {
	p0, p1, p2 := lat0*deg, lat1*deg, lat2*deg
	m1, m2 := el.lccM(p1), el.lccM(p2)
	t1, t2 := el.lccT(p1), el.lccT(p2)
	var n float64
	if p1 == p2 {
		n = math.Sin(p1)
	} else {
		n = (math.Log(m1) - math.Log(m2)) / (math.Log(t1) - math.Log(t2))
	}
	aF := el.a * m1 / (n * math.Pow(t1, n))
	p := &lcc{el: el, lam0: lon0 * deg, n: n, aF: aF, fe: fe, fn: fn, signN: math.Copysign(1, n)}
	p.rho0 = p.rho(p0)
	return p
}

// lccM is m = cos φ / √(1 − e² sin² φ).
func (el ellipsoid) lccM(phi float64) float64 {
	s, c := math.Sincos(phi)
	return c / math.Sqrt(1-el.e2*s*s)
}

// lccT is t = tan(π/4 − φ/2) / ((1 − e sin φ)/(1 + e sin φ))^(e/2), the
// exponential of minus the isometric latitude. It is 0 at the north pole.
func (el ellipsoid) lccT(phi float64) float64 {
	if phi == math.Pi/2 {
		return 0
	}
	es := el.e * math.Sin(phi)
	return math.Tan(math.Pi/4-phi/2) / math.Pow((1-es)/(1+es), el.e/2)
}

func (p *lcc) rho(phi float64) float64 {
	t := p.el.lccT(phi)
	if t == 0 {
		return 0
	}
	return p.aF * math.Pow(t, p.n)
}

func (p *lcc) forward(lam, phi float64) (x, y float64) {
	r := p.rho(phi)
	s, c := math.Sincos(p.n * lonDiff(lam, p.lam0))
	return p.fe + r*s, p.fn + p.rho0 - r*c
}

// inverse solves the isometric latitude for φ by fixed-point iteration,
// which gains about two orders of e² per step; converged to 1e-15 rad.
func (p *lcc) inverse(x, y float64) (lam, phi float64) {
	dx := p.signN * (x - p.fe)
	dy := p.signN * (p.rho0 - (y - p.fn))
	r := p.signN * math.Hypot(dx, dy)
	theta := math.Atan2(dx, dy)
	t := math.Pow(r/p.aF, 1/p.n)
	phi = math.Pi/2 - 2*math.Atan(t)
	for i := 0; i < 20; i++ {
		es := p.el.e * math.Sin(phi)
		next := math.Pi/2 - 2*math.Atan(t*math.Pow((1-es)/(1+es), p.el.e/2))
		done := math.Abs(next-phi) < 1e-15
		phi = next
		if done {
			break
		}
	}
	return theta/p.n + p.lam0, phi
}
