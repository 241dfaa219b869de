package table

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

func TestCells(t *testing.T) {
	cases := []struct {
		name string
		c    Cell
		want string
		null bool
	}{
		{"one decimal", Float(1234.56789, 1), "1234.6", false},
		{"integer", Float(3, 0), "3", false},
		{"negative zero", Float(-0.00001, 1), "0.0", false},
		{"exact negative zero", Float(math.Copysign(0, -1), 2), "0.00", false},
		{"negative", Float(-12.25, 2), "-12.25", false},
		{"shortest", Float(35000, -1), "35000", false},
		{"shortest fraction", Float(0.1, -1), "0.1", false},
		{"nan", Float(math.NaN(), 1), "", true},
		{"inf is not null but infinite, and has no text", Float(math.Inf(1), 1), "", false},
		{"int", Int(42), "42", false},
		{"bool", Boolean(true), "true", false},
		{"false", Boolean(false), "false", false},
		{"string", Str("Ieper"), "Ieper", false},
		{"empty string", Str(""), "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.Text(); got != tc.want || tc.c.Null() != tc.null {
				t.Fatalf("Text = %q null %v, want %q null %v", got, tc.c.Null(), tc.want, tc.null)
			}
			if inf := math.IsInf(tc.c.f, 0); tc.c.Infinite() != inf {
				t.Errorf("Infinite() = %v, want %v", tc.c.Infinite(), inf)
			}
		})
	}
}

func TestFromRowsAndIndex(t *testing.T) {
	tb := FromRows([]Column{{Name: "a"}, {Name: "b"}}, [][]Cell{{Str("x"), Int(1)}, {Str("y"), Int(2)}})
	if tb.Len != 2 || tb.Index("b") != 1 || tb.Index("z") != -1 {
		t.Fatal("FromRows/Index")
	}
	row := tb.Row(1, nil)
	if row[0].Text() != "y" || row[1].Text() != "2" {
		t.Fatalf("row 1 = %v", row)
	}
}

// TestAppendTextWholeNumbers: the shortcut for whole numbers without
// decimals, or at the shortest (-1), writes what the fixed-point path
// and strconv write (negative zero as zero), for counts, big and
// negative values and non-integers.
func TestAppendTextWholeNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 200_000; i++ {
		var x float64
		switch i % 4 {
		case 0:
			x = float64(rng.IntN(200))
		case 1:
			x = math.Trunc(math.Pow(2, 60*rng.Float64()))
		case 2:
			x = 1000 * rng.Float64()
		default:
			x = -float64(rng.IntN(200))
		}
		for _, v := range []float64{x, math.Nextafter(x, 0), math.Nextafter(x, math.Inf(1)), math.Copysign(0, -1), 1 << 52, 1<<52 - 1, 1<<52 + 2, 1 << 53} {
			for _, dec := range []int{0, -1} {
				want := strconv.AppendFloat(nil, v, 'f', dec, 64)
				if isNegZero(want) {
					want = want[1:]
				}
				if got := Float(v, dec).AppendText(nil); string(got) != string(want) {
					t.Fatalf("Float(%v, %d) = %q, want %q", v, dec, got, want)
				}
			}
			want := strconv.AppendFloat(nil, v, 'f', 0, 64)
			if isNegZero(want) {
				want = want[1:]
			}
			if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
				if got := Int(int(v)).AppendText(nil); string(got) != string(want) {
					t.Fatalf("Int(%v) = %q, want %q", v, got, want)
				}
			}
		}
	}
}
