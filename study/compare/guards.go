package compare

import (
	"fmt"
	"math"

	"github.com/partons/partons/analysis/reportdiff"
	"github.com/partons/partons/study/usage"
)

// ParseGuards reads the conditions a diff checks on the change of an
// indicator ("post_median_m > 500"). A mistake is a *usage.Error naming
// the option {fail_if}.
func ParseGuards(exprs []string) ([]reportdiff.Guard, error) {
	var guards []reportdiff.Guard
	for _, e := range exprs {
		g, err := reportdiff.ParseGuard(e)
		if err != nil {
			return nil, usage.Errorf("{fail_if} %v", err)
		}
		guards = append(guards, g)
	}
	return guards, nil
}

// GuardVerdict is what the guards of a diff say: a line per guard, in
// order, and the guards tripped and those whose indicator is unknown
// (described with their change, or their old and new values).
type GuardVerdict struct {
	Lines            []string
	Tripped, Unknown []string
}

// Verdict sums up the evaluated guards.
func Verdict(results []reportdiff.GuardResult) GuardVerdict {
	var v GuardVerdict
	for _, r := range results {
		switch {
		case !r.Known:
			v.Lines = append(v.Lines, fmt.Sprintf("  %-45s change unknown  UNKNOWN (old %s, new %s)", r.Expr, indicator(r.Old), indicator(r.New)))
			v.Unknown = append(v.Unknown, fmt.Sprintf("%s (old %s, new %s)", r.Expr, indicator(r.Old), indicator(r.New)))
		case r.Tripped:
			v.Lines = append(v.Lines, fmt.Sprintf("  %-45s change %+.4g  TRIPPED", r.Expr, r.Change))
			v.Tripped = append(v.Tripped, fmt.Sprintf("%s (change %.4g)", r.Expr, r.Change))
		default:
			v.Lines = append(v.Lines, fmt.Sprintf("  %-45s change %+.4g  ok", r.Expr, r.Change))
		}
	}
	return v
}

// indicator prints an indicator's value, or "unknown".
func indicator(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "unknown"
	}
	return fmt.Sprintf("%.4g", v)
}
