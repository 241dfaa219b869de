package geodesic

import "math"

// sincosd returns sin and cos of x degrees, exact for multiples of 90° and
// with the argument reduced in degrees before conversion to radians, so that
// e.g. sincosd(180) is (+0, -1) rather than (1.2e-16, -1).
func sincosd(x float64) (s, c float64) {
	r := math.Remainder(x, 360)
	q := math.Round(r / 90)
	r -= 90 * q
	s, c = math.Sincos(r * deg)
	switch int(q) & 3 {
	case 1:
		s, c = c, -s
	case 2:
		s, c = -s, -c
	case 3:
		s, c = -c, s
	}
	c += 0 // turn -0 into +0
	if x == 0 {
		s = x // keep the sign of a zero argument
	}
	return s, c
}

// atan2d returns atan2(y, x) in degrees, in [-180, 180], exact for the axes
// and the diagonals.
func atan2d(y, x float64) float64 {
	q := 0
	if math.Abs(y) > math.Abs(x) {
		x, y = y, x
		q = 2
	}
	if math.Signbit(x) {
		x = -x
		q++
	}
	ang := math.Atan2(y, x) / deg // in [-45, 45]
	switch q {
	case 1:
		ang = math.Copysign(180, y) - ang
	case 2:
		ang = 90 - ang
	case 3:
		ang = -90 + ang
	}
	return ang
}

// angNormalize reduces x degrees to [-180, 180], keeping +180 for +180.
func angNormalize(x float64) float64 {
	y := math.Remainder(x, 360)
	if math.Abs(y) == 180 {
		return math.Copysign(180, x)
	}
	return y
}

// angDiff returns y − x in degrees reduced to [-180, 180]. A difference of
// exactly ±180 or 0 takes the sign of the unreduced y − x.
func angDiff(x, y float64) float64 {
	d := math.Remainder(math.Remainder(-x, 360)+math.Remainder(y, 360), 360)
	if d == 0 || math.Abs(d) == 180 {
		d = math.Copysign(d, y-x)
	}
	return d
}

// angRound snaps angles very close to zero onto a coarse grid (spacing
// 2^-57 degrees near zero) so that tiny latitudes and azimuths do not
// underflow into denormals in the series; the change is below 1e-17°.
func angRound(x float64) float64 {
	const z = 1.0 / 16
	w := math.Abs(x)
	if w < z {
		w = z - (z - w)
	}
	return math.Copysign(w, x)
}

// latFix returns NaN for latitudes outside [-90, 90] and lat otherwise.
func latFix(lat float64) float64 {
	if math.Abs(lat) > 90 {
		return math.NaN()
	}
	return lat
}

// norm2 scales (s, c) to unit length. The plain square root is safe for
// the sine/cosine-sized values used here; math.Hypot (three times slower)
// is kept for magnitudes whose squares would under- or overflow.
func norm2(s, c float64) (float64, float64) {
	h := math.Sqrt(s*s + c*c)
	if !(h > 1e-150 && h < 1e150) {
		h = math.Hypot(s, c)
	}
	return s / h, c / h
}
