package speccheck

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/geo/crs"
	"github.com/partons/partons/render/files"
)

// Error is a bad value in a run spec, named by its key as in the "run"
// section of manifest.json and in a scenario's base ("thresholds_m[1]").
// Callers turn it into an error naming where the value came from: a flag
// (usage), a manifest or a scenario file (invalid input).
type Error struct{ Key, Reason string }

func (e *Error) Error() string { return e.Key + ": " + e.Reason }

// Validate checks every value of a run spec before any work starts.
// O(size of the spec).
func Validate(s *reportdir.Run) *Error {
	reportFiles := files.Defaults()
	bad := func(key, format string, args ...any) *Error {
		return &Error{Key: key, Reason: fmt.Sprintf(format, args...)}
	}
	for i, t := range s.ThresholdsM {
		if err := datasets.ValidateThreshold(t, s.ThresholdsM[:i], "m"); err != nil {
			return bad(fmt.Sprintf("thresholds_m[%d]", i), "%v", err)
		}
	}
	for i, t := range s.TimeThresholdsMin {
		if !finite(t) || t <= 0 || (i > 0 && t <= s.TimeThresholdsMin[i-1]) {
			return bad(fmt.Sprintf("time_thresholds_min[%d]", i), "%v: thresholds must be positive, finite and strictly ascending", t)
		}
	}
	for _, f := range []struct {
		key      string
		v        float64
		positive bool
	}{{"snap_m", s.SnapM, true}, {"max_road_m", s.MaxRoadM, false}, {"max_time_min", s.MaxTimeMin, false}, {"catchment", s.Catchment, false}} {
		switch {
		case !finite(f.v):
			return bad(f.key, "%v is not a finite number", f.v)
		case f.positive && f.v <= 0:
			return bad(f.key, "%v must be greater than 0", f.v)
		case f.v < 0:
			return bad(f.key, "%v must be 0 or more", f.v)
		}
	}
	seen := map[string]bool{}
	for i, m := range s.Basket {
		switch {
		case m.Name == "" || len(m.Categories) == 0:
			return bad(fmt.Sprintf("basket[%d]", i), "a member needs a name and at least one category")
		case seen[m.Name]:
			return bad(fmt.Sprintf("basket[%d].name", i), "member %q appears twice", m.Name)
		}
		seen[m.Name] = true
	}
	seen = map[string]bool{}
	for i, c := range s.Categories {
		if c == "" || seen[c] {
			return bad(fmt.Sprintf("categories[%d]", i), "empty or repeated category %q", c)
		}
		seen[c] = true
	}
	seen = map[string]bool{}
	for i, o := range s.Outputs {
		if !slices.Contains(reportFiles, o) && o != "partons.gpkg" || seen[o] {
			return bad(fmt.Sprintf("outputs[%d]", i), "%q is not one of %s (or is repeated)", o, strings.Join(reportFiles, ", "))
		}
		seen[o] = true
	}
	for _, cat := range sortedKeys(s.Coverage) {
		for i, c := range s.Coverage[cat] {
			if len(c) != 2 || strings.ToUpper(c) != c {
				return bad(fmt.Sprintf("coverage.%s[%d]", cat, i), "%q is not an ISO 3166-1 alpha-2 code in upper case", c)
			}
		}
	}
	for _, e := range []struct {
		key  string
		code int
	}{{"village_schema.coords.epsg", s.VillageSchema.Coords.EPSG}, {"service_schema.coords.epsg", s.ServiceSchema.Coords.EPSG}} {
		if _, err := crs.Name(e.code); e.code != 0 && err != nil {
			return bad(e.key, "%v", err)
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
