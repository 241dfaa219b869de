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
	u := uint64(n)
	if f > 0.5 || (f == 0.5 && (l > 0 || (l == 0 && u&1 == 1))) {
		u++
	}
	// Digits from the last, the point dec digits in.
	var buf [24]byte
	i := len(buf)
	for k := 0; k < dec; k++ {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
	}
	if dec > 0 {
		i--
		buf[i] = '.'
	}
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if math.Signbit(x) {
		i--
		buf[i] = '-'
	}
	return append(b, buf[i:]...)
}
