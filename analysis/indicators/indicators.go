// Package indicators reproduces official proximity indicators from a
// run's results, as named sets of service kinds, so that villages on both
// sides of the border can be read with both offices' yardsticks side by
// side, which neither office publishes.
//
// A Set lists members (a need, met by the nearest service of any of its
// categories), the source of its definition, and the distance thresholds
// it is read at. Every member of the official list is in its set: a
// member partons has no category for is "not measured", written as such
// in every output (its rows in the table, its name in Describe) and
// never dropped; a set with such members reads its farthest member over
// the measured ones only, with the status "partial". The definitions and
// their sources are in sets.go.
//
// Units: metres, minutes (road time, when the run was routed).
//
// Concurrency: sets are plain data; Table reads a finished Result.
package indicators

import (
	"math"
	"strconv"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/table"
)

// Lookup finds a built-in set by name.
func Lookup(name string) (Set, bool) {
	for _, s := range Builtin {
		if s.Name == name {
			return s, true
		}
	}
	return Set{}, false
}

// Names lists the built-in sets' names.
func Names() []string {
	var out []string
	for _, s := range Builtin {
		out = append(out, s.Name)
	}
	return out
}

// Member statuses in Table.
const (
	StatusOK         = "ok"
	StatusUnknown    = "unknown"     // the data does not tell (a country not covered, no road)
	StatusNotInData  = "not_in_data" // none of the member's categories is in the run
	StatusIncomplete = "incomplete"  // the set's "all" row when a member is unknown or not in the data
	// StatusNotMeasured is a member partons has no category for; it
	// leaves the set's "all" row partial, never incomplete.
	StatusNotMeasured = "not_measured"
	// StatusPartial is the set's "all" row when every measured member is
	// known but the set has members partons does not measure: the
	// farthest of the measured ones, a lower bound of the official figure.
	StatusPartial = "partial"
)

// Table is indicators.csv: per village (input order), set, basis and
// member the nearest distance (the nearest service of any of the member's
// categories: its id and country), the road time when routed, and for the
// set's thresholds whether it is within; then a row "all" per village,
// set and basis with the farthest member. A member partons does not
// measure has its row, status not_measured and empty values, and makes
// "all" partial: the farthest of the measured members. The basis is "nearest" (any
// country, what partons adds) or "domestic" (the village's own country,
// as each office measures within its territory). An unknown member leaves
// "all" empty (status incomplete), never computed from the others.
func Table(res *analysis.Result, sets []Set) table.Table {
	var ts []float64
	for _, s := range sets {
		for _, t := range s.ThresholdsM {
			if !containsF(ts, t) {
				ts = append(ts, t)
			}
		}
	}
	cols := []table.Column{{Name: "village_id"}, {Name: "name"}, {Name: "country"}, {Name: "indicator"}, {Name: "basis"}, {Name: "member"},
		{Name: "status"}, {Name: "nearest_m", Kind: table.Number, Decimals: 1, Unit: "m"}, {Name: "nearest_id"}, {Name: "nearest_country"},
		{Name: "road_min", Kind: table.Number, Decimals: 1, Unit: "min"}}
	for _, t := range ts {
		cols = append(cols, table.Column{Name: "within_" + strconv.FormatFloat(t, 'f', -1, 64) + "m", Kind: table.Bool})
	}
	catIdx := map[string]int{}
	for i, c := range res.Categories {
		catIdx[c] = i
	}
	rb, roadMin := res.RoadBlock(), -1
	if rb != nil {
		roadMin = rb.Schema.MetricIndex("min")
	}
	var rows [][]table.Cell
	for vi := range res.Villages {
		v := &res.Villages[vi]
		vr := &res.Rows[vi]
		for _, s := range sets {
			for _, basis := range []string{"nearest", "domestic"} {
				farthest, farMin, incomplete, measured := 0.0, 0.0, false, 0
				for _, m := range s.Members {
					if !m.Measured() {
						rows = append(rows, row(v, s, basis, m.Name, StatusNotMeasured, math.NaN(), "", "", math.NaN(), ts))
						continue
					}
					measured++
					best, bestMin, status := math.NaN(), math.NaN(), StatusNotInData
					bestSvc := int32(-1)
					for _, c := range m.Categories {
						ci, ok := catIdx[c]
						if !ok {
							continue
						}
						if status == StatusNotInData {
							status = StatusUnknown
						}
						cr := &vr.Cats[ci]
						d, svc := cr.NearestM, cr.NearestService
						if basis == "domestic" {
							d, svc = cr.DomesticM, cr.DomesticService
						}
						if !math.IsNaN(d) && !math.IsInf(d, 0) && (math.IsNaN(best) || d < best) {
							best, bestSvc, status = d, svc, StatusOK
						}
						if basis == "nearest" && rb != nil {
							if t := rb.Cells[vi][ci].Metrics[roadMin]; !math.IsNaN(t) && (math.IsNaN(bestMin) || t < bestMin) {
								bestMin = t
							}
						}
					}
					if status != StatusOK {
						incomplete = true
					} else {
						farthest = math.Max(farthest, best)
						farMin = math.Max(farMin, bestMin)
					}
					id, country := "", ""
					if bestSvc >= 0 && int(bestSvc) < len(res.Services) {
						id, country = res.Services[bestSvc].ID, res.Services[bestSvc].Country
					}
					rows = append(rows, row(v, s, basis, m.Name, status, best, id, country, bestMin, ts))
				}
				switch {
				case measured == 0:
					rows = append(rows, row(v, s, basis, "all", StatusNotMeasured, math.NaN(), "", "", math.NaN(), ts))
				case incomplete:
					rows = append(rows, row(v, s, basis, "all", StatusIncomplete, math.NaN(), "", "", math.NaN(), ts))
				case measured < len(s.Members):
					rows = append(rows, row(v, s, basis, "all", StatusPartial, farthest, "", "", farMin, ts))
				default:
					rows = append(rows, row(v, s, basis, "all", StatusOK, farthest, "", "", farMin, ts))
				}
			}
		}
	}
	return table.FromRows(cols, rows)
}

func row(v *datasets.Village, s Set, basis, member, status string, m float64, sid, scountry string, min float64, ts []float64) []table.Cell {
	r := []table.Cell{table.Str(v.ID), table.Str(v.Name), table.Str(v.Country), table.Str(s.Name), table.Str(basis), table.Str(member), table.Str(status),
		table.Float(m, 1), table.Str(sid), table.Str(scountry), table.Float(min, 1)}
	for _, t := range ts {
		if math.IsNaN(m) || !containsF(s.ThresholdsM, t) {
			r = append(r, table.NullCell)
		} else {
			r = append(r, table.Boolean(m <= t))
		}
	}
	return r
}

func containsF(l []float64, v float64) bool {
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}

// Describe is a one-line account of the sets, for the manifest: each
// names its source and definition, counts the members partons measures
// and lists by name those it does not.
func Describe(sets []Set) []string {
	var out []string
	for _, s := range sets {
		nm := s.NotMeasured()
		d := s.Name + ": " + s.Title + ". Source: " + s.Source + ". Definition: " + s.Definition + ". Caveats: " + s.Caveats +
			". Measured: " + strconv.Itoa(len(s.Members)-len(nm)) + " of " + strconv.Itoa(len(s.Members)) + " types"
		if len(nm) > 0 {
			d += "; not measured (no partons category): " + strings.Join(nm, "; ")
		}
		out = append(out, d+".")
	}
	return out
}
