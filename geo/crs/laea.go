package crs

import "math"

// laea is the Lambert azimuthal equal-area projection, oblique aspect, on
// an ellipsoid (EPSG method 9820, IOGP GN 7-2 §3.3.2), via the authalic
// latitude β.
type laea struct {
	el       ellipsoid
	lam0     float64 // longitude of the natural origin, radians
	qp       float64 // q at the pole
	rq       float64 // radius of the authalic sphere, metres
	d        float64 // scale correction D along the meridian of origin
	sb0, cb0 float64 // sine and cosine of the origin's authalic latitude
	fe, fn   float64 // false easting and northing, metres
}

// newLAEA takes degrees for the natural origin and metres for the false
// easting/northing.
func newLAEA(el ellipsoid, lat0, lon0, fe, fn float64) *laea {
	p := &laea{el: el, lam0: lon0 * deg, fe: fe, fn: fn}
	p.qp = el.authalicQ(math.Pi / 2)
	p.rq = el.a * math.Sqrt(p.qp/2)
	phi0 := lat0 * deg
	p.sb0 = el.authalicQ(phi0) / p.qp
	p.cb0 = math.Sqrt(1 - p.sb0*p.sb0)
	p.d = el.a * el.lccM(phi0) / (p.rq * p.cb0)
	return p
}

// authalicQ is q(φ) = (1 − e²)(sin φ/(1 − e² sin² φ) + atanh(e sin φ)/e).
func (el ellipsoid) authalicQ(phi float64) float64 {
	s := math.Sin(phi)
	return (1 - el.e2) * (s/(1-el.e2*s*s) + math.Atanh(el.e*s)/el.e)
}

func (p *laea) forward(lam, phi float64) (x, y float64) {
	sb := p.el.authalicQ(phi) / p.qp
	sb = math.Max(-1, math.Min(1, sb))
	cb := math.Sqrt(1 - sb*sb)
	sl, cl := math.Sincos(lonDiff(lam, p.lam0))
	b := p.rq * math.Sqrt(2/(1+p.sb0*sb+p.cb0*cb*cl))
	return p.fe + b*p.d*cb*sl, p.fn + (b/p.d)*(p.cb0*sb-p.sb0*cb*cl)
}

// inverse recovers β, then φ from q = q_P sin β by Newton's method on q(φ)
// (Snyder 1987, eq. 3-16), converged to 1e-15 rad.
func (p *laea) inverse(x, y float64) (lam, phi float64) {
	dx, dy := x-p.fe, y-p.fn
	rho := math.Hypot(dx/p.d, p.d*dy)
	if rho == 0 {
		return p.lam0, p.el.latFromAuthalic(p.qp * p.sb0) // the origin
	}
	c := 2 * math.Asin(math.Min(1, rho/(2*p.rq)))
	sc, cc := math.Sincos(c)
	sb := cc*p.sb0 + p.d*dy*sc*p.cb0/rho
	lam = p.lam0 + math.Atan2(dx*sc, p.d*rho*p.cb0*cc-p.d*p.d*dy*p.sb0*sc)
	return lam, p.el.latFromAuthalic(p.qp * sb)
}

// latFromAuthalic solves q(φ) = q for φ by Newton's method.
func (el ellipsoid) latFromAuthalic(q float64) float64 {
	phi := math.Asin(math.Max(-1, math.Min(1, q/2)))
	for i := 0; i < 10; i++ {
		s, c := math.Sincos(phi)
		w := 1 - el.e2*s*s
		if c == 0 {
			break
		}
		d := w * w / (2 * c) * (q/(1-el.e2) - s/w - math.Atanh(el.e*s)/el.e)
		phi += d
		if math.Abs(d) < 1e-15 {
			break
		}
	}
	return phi
}
