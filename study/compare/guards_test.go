package compare

import (
	"math"
	"strings"
	"testing"

	"github.com/partons/partons/analysis/reportdiff"
	"github.com/partons/partons/study/usage"
)

func TestVerdict(t *testing.T) {
	gs, err := ParseGuards([]string{"post_median_m > 500", "gp_median_m > 100", "pharmacy_median_m < 0"})
	if err != nil || len(gs) != 3 {
		t.Fatalf("ParseGuards = %v, %v", gs, err)
	}
	v := Verdict([]reportdiff.GuardResult{
		{Guard: gs[0], Old: 1000, New: 1600, Change: 600, Known: true, Tripped: true},
		{Guard: gs[1], Old: 50, New: 60, Change: 10, Known: true},
		{Guard: gs[2], Old: math.NaN(), New: 2000},
	})
	if len(v.Lines) != 3 || !strings.HasSuffix(v.Lines[0], "change +600  TRIPPED") || !strings.HasSuffix(v.Lines[1], "change +10  ok") ||
		!strings.HasSuffix(v.Lines[2], "change unknown  UNKNOWN (old unknown, new 2000)") {
		t.Errorf("lines %q", v.Lines)
	}
	if len(v.Tripped) != 1 || v.Tripped[0] != "post_median_m > 500 (change 600)" ||
		len(v.Unknown) != 1 || v.Unknown[0] != "pharmacy_median_m < 0 (old unknown, new 2000)" {
		t.Errorf("tripped %q, unknown %q", v.Tripped, v.Unknown)
	}
	if _, err := ParseGuards([]string{"post_median_m >> 1"}); usage.As(err) == nil || !strings.HasPrefix(usage.As(err).Text, "{fail_if} ") {
		t.Errorf("a bad guard: %v, want a usage error naming {fail_if}", err)
	}
}
