package analysis

import (
	"math"
	"testing"
)

func TestParseGuard(t *testing.T) {
	cases := []struct {
		in       string
		cat, col string
		op       string
		v        float64
		bad      bool
	}{
		{in: "pharmacy_within_3750m_share < -0.02", cat: "pharmacy", col: "share_within_3750m", op: "<", v: -0.02},
		{in: "primary_school_median_m >= 250", cat: "primary_school", col: "median_m", op: ">=", v: 250},
		{in: "post_p90_m>1e3", cat: "post", col: "p90_m", op: ">", v: 1000},
		{in: "pharmacy < 3", bad: true},
		{in: "pharmacy_within_3750m_share == 0", bad: true},
	}
	for _, tc := range cases {
		g, err := ParseGuard(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("%q accepted", tc.in)
			}
			continue
		}
		if err != nil || g.Category != tc.cat || g.Column != tc.col || g.Op != tc.op || g.Value != tc.v {
			t.Errorf("%q -> %+v, %v", tc.in, g, err)
		}
	}
}

func TestCrossing(t *testing.T) {
	if crossing(900, 1300, 1200) != "lost" || crossing(1300, 900, 1200) != "gained" ||
		crossing(1200, 1200, 1200) != "" || crossing(math.NaN(), 5, 1200) != "" || crossing(100, math.Inf(1), 1200) != "lost" {
		t.Fatal("crossing")
	}
}
