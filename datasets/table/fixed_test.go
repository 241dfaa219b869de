package table

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendFixedMatchesStrconv: the fast fixed-point formatting gives the
// bytes of strconv.AppendFloat(…, 'f', dec, 64) on random values of every
// magnitude, exact ties (rounded to even), their neighbouring floats,
// negative values and zeros, and values around the 2^52 cut-over.
func TestAppendFixedMatchesStrconv(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	check := func(x float64, dec int) {
		t.Helper()
		want := strconv.AppendFloat([]byte("x,"), x, 'f', dec, 64)
		got := appendFixed([]byte("x,"), x, dec)
		if string(got) != string(want) {
			t.Fatalf("appendFixed(%v = %b, %d) = %q, want %q", x, x, dec, got, want)
		}
		// With room to spare: written in place, the prefix kept; with
		// just the 16 bytes the fixed move needs, and one short of them.
		for _, spare := range []int{62, 16, 15} {
			room := append(make([]byte, 0, 2+spare), "x,"...)
			got = appendFixed(room, x, dec)
			if string(got) != string(want) || (len(want) <= 2+spare && &got[0] != &room[:1][0]) {
				t.Fatalf("appendFixed(%v, %d) in a buffer with %d spare bytes = %q, want %q", x, dec, spare, got, want)
			}
		}
	}
	for i := 0; i < 2_000_000; i++ {
		dec := rng.IntN(11) - 1 // -1 and 10 go to strconv
		var x float64
		switch i % 6 {
		case 0: // any magnitude
			x = math.Pow(10, -12+30*rng.Float64())
		case 1: // distances and times as written
			x = 1e5 * rng.Float64()
		case 2: // an exact tie at dec decimals when representable
			k := float64(rng.Uint64N(1 << 20))
			x = (2*k + 1) / 2 / math.Pow(2, float64(rng.IntN(6)))
		case 3: // a decimal with dec+1 digits: the float next to a tie
			x = float64(rng.Uint64N(1<<30)*10+5) / math.Pow(10, float64(max(dec, 0)+1))
		case 4: // around the cut-over
			x = math.Ldexp(1, 52) / math.Pow(10, float64(max(dec, 0))) * (1 + (rng.Float64()-0.5)*1e-6)
		default: // small integers and coordinates
			x = float64(rng.IntN(2000)) / 8
		}
		if rng.IntN(3) == 0 {
			x = -x
		}
		check(x, dec)
		check(math.Nextafter(x, math.Inf(1)), dec)
		check(math.Nextafter(x, math.Inf(-1)), dec)
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 0.05, 0.15, 0.25, 0.35, 0.45, 2.5, 3.5, -2.5, 1e-300, math.SmallestNonzeroFloat64,
		math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 1 << 52, 1<<52 - 1, 4503599627370495.5} {
		for dec := -1; dec <= 10; dec++ {
			check(x, dec)
		}
	}
}

// Run: go test -run '^$' -bench Fixed ./datasets/table/
func benchFixed(b *testing.B, format func([]byte, float64, int) []byte) {
	rng := rand.New(rand.NewPCG(7, 8))
	xs := make([]float64, 4096)
	for i := range xs {
		xs[i] = 20000 * rng.Float64() // distances in metres
	}
	var buf []byte
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		buf = format(buf[:0], xs[i%len(xs)], 1)
	}
	if len(buf) < 3 {
		b.Fatalf("%q", buf)
	}
}

func BenchmarkAppendFixed(b *testing.B) { benchFixed(b, appendFixed) }

func BenchmarkAppendFixedStrconv(b *testing.B) {
	benchFixed(b, func(b []byte, x float64, dec int) []byte { return strconv.AppendFloat(b, x, 'f', dec, 64) })
}
