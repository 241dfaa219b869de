package reportdiff

import (
	"math"
	"strings"
	"testing"

	"github.com/partons/partons/analysis"
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
	if analysis.Crossing(900, 1300, 1200) != "lost" || analysis.Crossing(1300, 900, 1200) != "gained" ||
		analysis.Crossing(1200, 1200, 1200) != "" || analysis.Crossing(math.NaN(), 5, 1200) != "" || analysis.Crossing(100, math.Inf(1), 1200) != "lost" {
		t.Fatal("crossing")
	}
}

// TestCheckUnknown: a guard on an indicator that is unknown (empty cell)
// in either report is neither tripped nor passed.
func TestCheckUnknown(t *testing.T) {
	areas := func(share string) CSV {
		return CSV{Header: []string{"level", "code", "category", "basis", "share_within_3750m"},
			Rows: [][]string{{"country", "BE", "pharmacy", "nearest", "0.9"}, {"all", "", "pharmacy", "nearest", share}}}
	}
	g, err := ParseGuard("pharmacy_within_3750m_share < -0.02")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		old, new       string
		known, tripped bool
		change         float64
	}{
		{"0.5000", "0.4700", true, true, -0.03},
		{"0.5000", "0.4900", true, false, -0.01},
		{"", "0.4700", false, false, math.NaN()},
		{"0.5000", "", false, false, math.NaN()},
		{"", "", false, false, math.NaN()},
		{"0.5000", "+Inf", false, false, math.NaN()},
		{"0.5000", "garbage", false, false, math.NaN()},
	}
	for _, tc := range cases {
		d := &Diff{Old: &Report{Areas: areas(tc.old)}, New: &Report{Areas: areas(tc.new)}}
		r, err := d.Check(g)
		if err != nil {
			t.Fatalf("%q→%q: %v", tc.old, tc.new, err)
		}
		same := math.Abs(r.Change-tc.change) < 1e-12 || (math.IsNaN(r.Change) && math.IsNaN(tc.change))
		if r.Known != tc.known || r.Tripped != tc.tripped || !same {
			t.Errorf("%q→%q: %+v, want known %v tripped %v change %v", tc.old, tc.new, r, tc.known, tc.tripped, tc.change)
		}
	}
	d := &Diff{Old: &Report{Areas: areas("0.5")}, New: &Report{Areas: areas("0.5")}}
	if _, err := d.Check(Guard{Category: "post", Column: "share_within_3750m", Op: "<"}); err == nil {
		t.Error("a category without an overall row is accepted")
	}
	if _, err := d.Check(Guard{Category: "pharmacy", Column: "share_within_1200m", Op: "<"}); err == nil {
		t.Error("a missing column is accepted")
	}
}

// TestNewSkipsBadThresholds: a within column whose threshold
// does not parse to a finite number is not a threshold (it would be
// written as Inf, which JSON cannot hold).
func TestNewSkipsBadThresholds(t *testing.T) {
	huge := strings.Repeat("9", 400)
	v := CSV{Header: []string{"id", "post_nearest_m", "post_within_1200m", "post_within_" + huge + "m", "post_within_1.2.3m"}}
	d := New(&Report{Villages: v}, &Report{Villages: v})
	if len(d.Thresholds) != 1 || d.Thresholds[0] != 1200 || len(d.Categories) != 1 || d.Categories[0] != "post" {
		t.Errorf("thresholds %v categories %v, want [1200] [post]", d.Thresholds, d.Categories)
	}
}
