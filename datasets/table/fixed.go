package table

import (
	"math"
	"strconv"
)

// pow10 holds the exact powers of ten appendFixed uses.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// appendFixed appends x with dec decimals, the bytes of
// strconv.AppendFloat(b, x, 'f', dec, 64), without its general decimal
// conversion when x·10^dec is below 2^52 (distances, times, coordinates):
//
// The product x·10^dec (10^dec exact) is h + l exactly, with h the
// rounded product and l = fma(x, 10^dec, −h) its error, |l| ≤ ulp(h)/2.
// Below 2^52, ulp(h) ≤ 1/2, so the fraction f = h − ⌊h⌋ is exact and a
// multiple of ulp(h): l cannot carry f + l across 1/2 unless f is 1/2
// itself, when the sign of l decides, and a zero l is an exact tie,
// rounded to even as strconv does. Everything else (NaN, infinities,
// larger values, dec outside 0..9) goes to strconv.
func appendFixed(b []byte, x float64, dec int) []byte {
	if dec < 0 || dec >= len(pow10) {
		return strconv.AppendFloat(b, x, 'f', dec, 64)
	}
	p := pow10[dec]
	a := math.Abs(x)
	h := a * p
	if !(h < 1<<52) {
		return strconv.AppendFloat(b, x, 'f', dec, 64)
	}
	l := math.FMA(a, p, -h)
	n := math.Floor(h)
	f := h - n
	if f > 0.5 || (f == 0.5 && (l > 0 || (l == 0 && math.Mod(n, 2) == 1))) {
		n++
	}
	if math.Signbit(x) {
		b = append(b, '-')
	}
	u := uint64(n)
	if dec == 0 {
		return strconv.AppendUint(b, u, 10)
	}
	div := uint64(p)
	b = strconv.AppendUint(b, u/div, 10)
	b = append(b, '.')
	frac := u % div
	for k := dec - 1; k >= 0; k-- {
		b = append(b, '0')
	}
	for i := len(b) - 1; frac > 0; i-- {
		b[i] = byte('0' + frac%10)
		frac /= 10
	}
	return b
}
