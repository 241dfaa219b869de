package table

import "testing"

func TestFloat(t *testing.T) {
	cases := []struct {
		name string
		v    float64
		dec  int
		want Cell
	}{
		{"round half even-ish", 1234.56789, 1, Cell{Text: "1234.6"}},
		{"integer", 3, 0, Cell{Text: "3"}},
		{"negative zero", -0.00001, 1, Cell{Text: "0.0"}},
		{"negative", -12.25, 2, Cell{Text: "-12.25"}},
		{"nan", nan(), 1, NullCell},
		{"inf", inf(), 1, NullCell},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Float(tc.v, tc.dec); got != tc.want {
				t.Fatalf("Float(%v, %d) = %+v, want %+v", tc.v, tc.dec, got, tc.want)
			}
		})
	}
}

func TestStrEmptyIsNull(t *testing.T) {
	if !Str("").Null || Str("x").Null || Str("x").Text != "x" {
		t.Fatal("Str: empty must be null, non-empty must keep its text")
	}
}

func TestIndex(t *testing.T) {
	tb := Table{Columns: []Column{{Name: "a"}, {Name: "b"}}}
	if tb.Index("b") != 1 || tb.Index("z") != -1 {
		t.Fatal("Index")
	}
}

func nan() float64 { z := 0.0; return z / z }
func inf() float64 { z := 0.0; return 1 / z }
