package analysis

import "math"

// Status says why a village's metric for a category is (partly) absent.
// Statuses are listed from the most to the least severe; a village and
// category get the most severe one that applies.
type Status uint8

// Statuses of a (village, category) pair.
const (
	// StatusOK: every metric for the pair was computed.
	StatusOK Status = iota
	// StatusNotCovered: the service data covers the category neither in
	// the village's country nor abroad; nothing can be said.
	StatusNotCovered
	// StatusDomesticNotCovered: the data does not cover the category in
	// the village's own country, so `_nearest_m` and `_domestic_m` are
	// absent (a missing service in the data is not a missing service).
	StatusDomesticNotCovered
	// StatusAbroadNotCovered: the data does not cover the category in
	// some other country, so `_nearest_m` and `_abroad_m` are absent; the
	// domestic distance is still given.
	StatusAbroadNotCovered
	// StatusNoService: the data covers the category but holds no service
	// of it at all.
	StatusNoService
	// StatusNoDomesticService: covered, but no service of the category in
	// the village's own country: `_domestic_m` and `_border_gain_m` are absent.
	StatusNoDomesticService
)

var statusNames = [...]string{
	StatusOK:                 "ok",
	StatusNotCovered:         "not_covered",
	StatusDomesticNotCovered: "domestic_not_covered",
	StatusAbroadNotCovered:   "abroad_not_covered",
	StatusNoService:          "no_service",
	StatusNoDomesticService:  "no_domestic_service",
}

// String returns the status code written in outputs.
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "unknown"
}

// StatusDoc documents each status for the README and manifest.
func StatusDoc() []struct{ Code, Meaning string } {
	return []struct{ Code, Meaning string }{
		{"ok", "every metric was computed"},
		{"not_covered", "the service data covers this category neither in the village's country nor abroad"},
		{"domestic_not_covered", "the data does not cover this category in the village's country: nearest and domestic distances are unknown, not absent services"},
		{"abroad_not_covered", "the data does not cover this category in another country: nearest and abroad distances are unknown; the domestic distance is given"},
		{"no_service", "the data covers this category but holds no service of it"},
		{"no_domestic_service", "no service of this category in the village's own country in the data; the nearest is abroad"},
	}
}

// Crossing says whether a village lost ("lost") or gained ("gained")
// coverage within t; "" when unchanged or unknown.
func Crossing(base, variant, t float64) string {
	if math.IsNaN(base) || math.IsNaN(variant) {
		return ""
	}
	switch {
	case base <= t && variant > t:
		return "lost"
	case base > t && variant <= t:
		return "gained"
	}
	return ""
}
