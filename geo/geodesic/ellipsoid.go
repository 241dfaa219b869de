package geodesic

import "math"

// WGS84 ellipsoid.
const (
	// A is the WGS84 semi-major (equatorial) axis in metres.
	A = 6378137.0
	// F is the WGS84 flattening (dimensionless), 1/298.257223563.
	F = 1 / 298.257223563
	// B is the WGS84 semi-minor (polar) axis in metres, A·(1−F),
	// about 6356752.314 m.
	B = A * (1 - F)
)

// Derived ellipsoid quantities.
const (
	f1  = 1 - F          // b/a
	e2  = F * (2 - F)    // first eccentricity squared
	ep2 = e2 / (f1 * f1) // second eccentricity squared
	n3  = F / (2 - F)    // third flattening
	deg = math.Pi / 180  // radians per degree
)

// Numerical tolerances (named after the quantities in Karney 2013).
var (
	tiny    = math.Sqrt(math.SmallestNonzeroFloat64 * (1 << 52)) // sqrt of the smallest normal
	tol0    = 0x1p-52                                            // machine epsilon
	tol1    = 200 * tol0                                         // astroid cut detection
	tol2    = math.Sqrt(tol0)                                    // Newton convergence scale
	tolb    = tol0 * tol2                                        // bisection convergence
	xthresh = 1000 * tol2                                        // astroid strip half-width
	// etol2 bounds the auxiliary-sphere arc below which the short-line
	// starting guess is already exact to rounding.
	etol2 = 0.1 * tol2 / math.Sqrt(math.Max(0.001, math.Abs(F))*math.Min(1, 1-F/2)/2)
)

// Iteration limits for the Newton/bisection solution of the inverse problem.
const (
	maxNewton = 20                  // Newton steps before falling back to bisection only
	maxIter   = maxNewton + 53 + 10 // hard cap; 53 bisections exhaust a float64
)

// order is the number of terms kept in the series for I1, I2 (distance and
// reduced length) and the number of terms plus one for I3 (longitude).
const order = 6

// series holds Fourier coefficients c[1..order]; c[0] is unused.
type series [order + 1]float64

// a3Coef[k] is the coefficient of eps^k in A3 (eq. 24), evaluated for the
// WGS84 n; c3Coef[l][k] the coefficient of eps^k in C3l (eq. 25).
var a3Coef, c3Coef = longitudeCoefficients(n3)

// longitudeCoefficients evaluates the n-dependent parts of A3 and C3l
// (Karney 2013, eqs. 24–25) once, leaving polynomials in eps.
func longitudeCoefficients(n float64) (a3 [order]float64, c3 [order][order]float64) {
	n2 := n * n
	a3 = [order]float64{
		1,
		-(1.0/2 - n/2),
		-(1.0/4 + n/8 - 3*n2/8),
		-(1.0/16 + 3*n/16 + n2/16),
		-(3.0/64 + n/32),
		-3.0 / 128,
	}
	c3[1][1] = 1.0/4 - n/4
	c3[1][2] = 1.0/8 - n2/8
	c3[1][3] = 3.0/64 + 3*n/64 - n2/64
	c3[1][4] = 5.0/128 + n/64
	c3[1][5] = 3.0 / 128
	c3[2][2] = 1.0/16 - 3*n/32 + n2/32
	c3[2][3] = 3.0/64 - n/32 - 3*n2/64
	c3[2][4] = 3.0/128 + n/128
	c3[2][5] = 5.0 / 256
	c3[3][3] = 5.0/192 - 3*n/64 + 5*n2/192
	c3[3][4] = 3.0/128 - 5*n/192
	c3[3][5] = 7.0 / 512
	c3[4][4] = 7.0/512 - 7*n/256
	c3[4][5] = 7.0 / 512
	c3[5][5] = 21.0 / 2560
	return a3, c3
}

// epsOf returns Karney's expansion parameter eps = k²/(√(1+k²)+1)² for
// k² = e'²·cos²α0 (eq. 16), written to avoid cancellation.
func epsOf(calp0 float64) float64 {
	k2 := calp0 * calp0 * ep2
	return k2 / (2*(1+math.Sqrt(1+k2)) + k2)
}

// a1m1 returns A1 − 1 (eq. 17): the distance scale minus one.
func a1m1(eps float64) float64 {
	e2 := eps * eps
	t := e2 * (e2*(e2+4) + 64) / 256 // eps²/4 + eps⁴/64 + eps⁶/256
	return (t + eps) / (1 - eps)
}

// c1 fills the coefficients C1l of the distance integral I1 (eq. 18).
func c1(eps float64, c *series) {
	e2 := eps * eps
	d := eps
	c[1] = d * (e2*(6-e2) - 16) / 32
	d *= eps
	c[2] = d * (e2*(64+e2*-9) - 128) / 2048
	d *= eps
	c[3] = d * (9*e2 - 16) / 768
	d *= eps
	c[4] = d * (3*e2 - 5) / 512
	d *= eps
	c[5] = -7 * d / 1280
	d *= eps
	c[6] = -7 * d / 2048
}

// c1p fills the coefficients C1'l of the reverted series σ(τ) (eq. 21).
func c1p(eps float64, c *series) {
	e2 := eps * eps
	d := eps
	c[1] = d * (e2*(205*e2-432) + 768) / 1536
	d *= eps
	c[2] = d * (e2*(4005*e2-4736) + 3840) / 12288
	d *= eps
	c[3] = d * (116 - 225*e2) / 384
	d *= eps
	c[4] = d * (2695 - 7173*e2) / 7680
	d *= eps
	c[5] = 3467 * d / 7680
	d *= eps
	c[6] = 38081 * d / 61440
}

// a2m1 returns A2 − 1 (eq. 42) for the reduced-length integral I2.
func a2m1(eps float64) float64 {
	e2 := eps * eps
	t := e2 * (e2*(25*e2+36) + 64) / 256 // eps²/4 + 9eps⁴/64 + 25eps⁶/256
	return t*(1-eps) - eps
}

// c2 fills the coefficients C2l of I2 (eq. 43).
func c2(eps float64, c *series) {
	e2 := eps * eps
	d := eps
	c[1] = d * (e2*(e2+2) + 16) / 32
	d *= eps
	c[2] = d * (e2*(35*e2+64) + 384) / 2048
	d *= eps
	c[3] = d * (15*e2 + 80) / 768
	d *= eps
	c[4] = d * (7*e2 + 35) / 512
	d *= eps
	c[5] = 63 * d / 1280
	d *= eps
	c[6] = 77 * d / 2048
}

// a3 returns A3 (eq. 24) for the WGS84 n.
func a3(eps float64) float64 {
	return a3Coef[0] + eps*(a3Coef[1]+eps*(a3Coef[2]+eps*(a3Coef[3]+eps*(a3Coef[4]+eps*a3Coef[5]))))
}

// c3 fills the coefficients C3l, l = 1..5, of I3 (eq. 25) by Horner's rule
// on the precomputed polynomials in eps; c[6] is zero.
func c3(eps float64, c *series) {
	k := &c3Coef
	e := eps
	c[1] = e * (k[1][1] + eps*(k[1][2]+eps*(k[1][3]+eps*(k[1][4]+eps*k[1][5]))))
	e *= eps
	c[2] = e * (k[2][2] + eps*(k[2][3]+eps*(k[2][4]+eps*k[2][5])))
	e *= eps
	c[3] = e * (k[3][3] + eps*(k[3][4]+eps*k[3][5]))
	e *= eps
	c[4] = e * (k[4][4] + eps*k[4][5])
	e *= eps
	c[5] = e * k[5][5]
	c[6] = 0
}

// sinSeries returns Σ_{l=1..6} c[l]·sin(2lσ) given sin σ and cos σ, by
// Clenshaw summation.
func sinSeries(sinx, cosx float64, c *series) float64 {
	ar := 2 * (cosx - sinx) * (cosx + sinx) // 2 cos 2σ
	var y0, y1 float64
	for k := order; k >= 1; k-- {
		y0, y1 = ar*y0-y1+c[k], y0
	}
	return 2 * sinx * cosx * y0
}
