package table

import (
	"math"
	"math/bits"
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
	// The digits are written from the last, the point dec digits in,
	// straight into b: count them first (at least one before the point).
	neg := math.Signbit(x)
	nd := max(decimalLen(u), dec+1)
	size := nd
	if dec > 0 {
		size++
	}
	if neg {
		size++
	}
	start := len(b)
	if cap(b)-start < size {
		b = append(b, make([]byte, size)...)
	} else {
		b = b[:start+size]
	}
	out := b[start:]
	i := size
	for k := 0; k < dec; k++ {
		i--
		q := u / 10
		out[i] = byte('0' + u - q*10)
		u = q
	}
	if dec > 0 {
		i--
		out[i] = '.'
	}
	for u >= 100 {
		q := u / 100
		r := 2 * (u - q*100)
		i -= 2
		out[i], out[i+1] = digitPairs[r], digitPairs[r+1]
		u = q
	}
	if u >= 10 {
		i -= 2
		out[i], out[i+1] = digitPairs[2*u], digitPairs[2*u+1]
	} else {
		i--
		out[i] = byte('0' + u)
	}
	if neg {
		out[0] = '-'
	}
	return b
}

// digitPairs holds "00" to "99".
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

// decimalLen returns the number of decimal digits of u (1 for 0): from
// its bit length (log10(2) ≈ 1233/4096), corrected by one comparison.
func decimalLen(u uint64) int {
	n := bits.Len64(u|1) * 1233 >> 12 // ⌊log10(2^bitlen)⌋, u < 10^(n+1)
	if n < len(pow10u) && u >= pow10u[n] {
		n++
	}
	return max(n, 1)
}

// pow10u holds the powers of ten below 2^64.
var pow10u = func() (t [20]uint64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return t
}()
