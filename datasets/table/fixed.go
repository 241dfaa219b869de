package table

import (
	"math"
	"strconv"
)

// pow10 holds the exact powers of ten appendFixed uses.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// appendFixed appends x with dec decimals, the bytes of
// strconv.AppendFloat(b, x, 'f', dec, 64), without its general decimal
// conversion when x·10^dec is below 2^52 (distances, times, coordinates).
// It may write up to 16 bytes into b's spare capacity, past what it
// appends (see Cell.AppendText).
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
	// into a buffer on the stack (at most 16 digits below 2^52, a point
	// and a sign: 18 bytes, ending at fixedEnd), then appended: the
	// usual number of at most 16 bytes as one fixed 16-byte move into
	// b's spare room, not a call to copy them.
	var buf [fixedEnd + 16]byte
	i := fixedEnd
	for k := 0; k < dec; k++ {
		i--
		q := u / 10
		buf[i] = byte('0' + u - q*10)
		u = q
	}
	if dec > 0 {
		i--
		buf[i] = '.'
	}
	for u >= 100 {
		q := u / 100
		r := 2 * (u - q*100)
		i -= 2
		buf[i], buf[i+1] = digitPairs[r], digitPairs[r+1]
		u = q
	}
	if u >= 10 {
		i -= 2
		buf[i], buf[i+1] = digitPairs[2*u], digitPairs[2*u+1]
	} else {
		i--
		buf[i] = byte('0' + u) // a zero before the point when u < 10^dec
	}
	if math.Signbit(x) {
		i--
		buf[i] = '-'
	}
	at := len(b)
	if size := fixedEnd - i; size <= 16 && cap(b)-at >= 16 {
		*(*[16]byte)(b[at : at+16]) = *(*[16]byte)(buf[i : i+16])
		return b[:at+size]
	}
	return append(b, buf[i:fixedEnd]...)
}

// fixedEnd is where appendFixed's digits end in its buffer.
const fixedEnd = 24

// digitPairs holds "00" to "99".
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
