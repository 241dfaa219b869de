package analysis

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/travel"
)

// ModeBlock is the results of one travel mode (the road network of
// Params.Road, or one of Params.Modes): per village and category, the
// nearest service by the mode with the mode's own metrics and statuses,
// combined over countries and coverage. Tables, the long form and the aggregates read
// blocks through the mode's travel.Schema, so a new mode needs no change
// here.
type ModeBlock struct {
	Schema  travel.Schema
	road    bool // the road network's block (Params.Road), not one of Params.Modes
	Snapped travel.Snapped
	// Cells[v][c] is village v's result for Result.Categories[c].
	Cells [][]ModeCell
}

// ModeCell is one village's result by a mode for one category.
type ModeCell struct {
	// Status is "ok", a coverage status of the category (see Status) or
	// one of the mode's statuses.
	Status string
	// Service is the nearest service by the mode's cost (-1 none).
	Service int32
	// Metrics are aligned with Schema.Metrics; NaN when absent.
	Metrics []float64
	// Cost is the best service's cost in Schema.Unit (NaN when none). A
	// service reached under one of the mode's statuses (transit's
	// walk_only) has a Cost while its metrics are empty.
	Cost float64
	// Domestic and Abroad are the Split metric of the best service at
	// home and abroad (NaN when none, or without countries).
	Domestic, Abroad float64
	// None says the village is known to reach no service of the
	// category (a cut-off, a closed border with none on its side, no
	// service at all): aggregates count it as infinitely far, not
	// unknown.
	None bool
}

// Mode returns the block of the mode named name, or nil.
func (r *Result) Mode(name string) *ModeBlock {
	for _, b := range r.Modes {
		if b.Schema.Name == name {
			return b
		}
	}
	return nil
}

// computeModes snaps and queries every mode of Params.Modes.
func (r *Result) computeModes(ctx context.Context, cats []*catIndex) error {
	if len(r.Params.Modes) == 0 {
		return nil
	}
	vp, sp := villagePlaces(r.Villages), servicePlaces(r.Services)
	for _, m := range r.Params.Modes {
		s := m.Schema()
		sn, err := m.Snap(ctx, vp, sp)
		if err != nil {
			return fmt.Errorf("analysis: %s: %w", s.Name, err)
		}
		b, err := r.block(ctx, s, sn, cats)
		if err != nil {
			return fmt.Errorf("analysis: %s: %w", s.Name, err)
		}
		r.Modes = append(r.Modes, b)
	}
	return nil
}

// block queries the nearest service of every category by a snapped mode
// and combines the answers per village (see combine).
func (r *Result) block(ctx context.Context, s travel.Schema, sn travel.Snapped, cats []*catIndex) (*ModeBlock, error) {
	query := make([]travel.Category, len(cats))
	for c, ci := range cats {
		query[c].Name = ci.name
		for _, part := range ci.parts {
			query[c].Parts = append(query[c].Parts, travel.Part{Country: part.country, Services: part.svc})
		}
	}
	reach, err := sn.Nearest(ctx, query)
	if err != nil {
		return nil, err
	}
	if len(reach) != len(cats) {
		return nil, fmt.Errorf("answered %d categories of %d", len(reach), len(cats))
	}
	b := &ModeBlock{Schema: s, Snapped: sn, Cells: make([][]ModeCell, len(r.Villages))}
	split := s.MetricIndex(s.Split)
	nm := len(s.Metrics)
	cells := make([]ModeCell, len(r.Villages)*len(cats))
	metrics := make([]float64, len(cells)*nm) // one backing array for every cell's metrics
	for v := range r.Villages {
		b.Cells[v] = cells[v*len(cats) : (v+1)*len(cats) : (v+1)*len(cats)]
		for c, ci := range cats {
			if len(reach[c]) != len(ci.parts) {
				return nil, fmt.Errorf("answered %d parts of %d for %s", len(reach[c]), len(ci.parts), ci.name)
			}
			k := (v*len(cats) + c) * nm
			b.Cells[v][c] = r.combine(v, c, ci, s, split, reach[c], sn.Village(v).OK, metrics[k:k+nm:k+nm])
		}
	}
	return b, nil
}

// combine is one village's cell from the mode's answer per country part:
// the best reached service (by cost, ties to the lower service index)
// among the parts the data covers, the split metric at home and abroad,
// and the status. joined says whether the village joined the mode
// (Snapped.Village); metrics holds the cell's metrics (len(s.Metrics)).
//
// Statuses, first match wins: the category's not_covered and no_service;
// the mode's own status when the village did not join it (unsnapped),
// even in a category the data covers on one side only; that category's
// domestic_not_covered or abroad_not_covered; ok (or the mode's status
// for a service reached some other way); the mode's status for reaching
// nothing.
func (r *Result) combine(v, c int, ci *catIndex, s travel.Schema, split int, parts []travel.Reach, joined bool, metrics []float64) ModeCell {
	cell := ModeCell{Service: -1, Cost: nan, Domestic: nan, Abroad: nan, Metrics: metrics}
	for k := range cell.Metrics {
		cell.Metrics[k] = nan
	}
	cr := &r.Rows[v].Cats[c]
	switch cr.Status {
	case StatusNotCovered, StatusNoService:
		cell.Status, cell.None = cr.Status.String(), cr.Status == StatusNoService
		return cell
	}
	x := r.Villages[v].Country
	cross := r.Params.CrossBorder
	homeOK, abroadOK := true, true
	if cross {
		homeOK, abroadOK = ci.coveredHome[x], ci.coveredAbroad[x]
	}
	best, bestCost := -1, math.Inf(1)
	definite := true
	unreached := ""
	for p, part := range ci.parts {
		got := &parts[p]
		if got.Definite == nil || !got.Definite[v] {
			definite = false
		}
		sv := got.Service[v]
		if sv < 0 {
			if unreached == "" {
				unreached = s.Status(got.Status[v])
			}
			continue
		}
		home := part.country == x
		if cross && split >= 0 {
			d := got.Metrics[split][v]
			if home {
				cell.Domestic = d
			} else if math.IsNaN(cell.Abroad) || d < cell.Abroad {
				cell.Abroad = d
			}
		}
		if (home && !homeOK) || (!home && !abroadOK) {
			continue
		}
		if k := got.Cost[v]; best < 0 || k < bestCost || (k == bestCost && sv < cell.Service) {
			best, bestCost, cell.Service = p, k, sv
		}
	}
	if !homeOK {
		cell.Domestic = nan
	}
	if !abroadOK {
		cell.Abroad = nan
	}
	partial := cr.Status == StatusDomesticNotCovered || cr.Status == StatusAbroadNotCovered
	switch {
	case partial && !joined && best < 0:
		cell.Status, cell.Domestic, cell.Abroad = unreached, nan, nan
		if cell.Status == "" {
			cell.Status = s.Status(travel.CodeOK + 1)
		}
	case partial:
		cell.Status, cell.Service = cr.Status.String(), -1
	case best >= 0:
		got := &parts[best]
		cell.Status, cell.Cost = s.Status(got.Status[v]), bestCost
		for k := range cell.Metrics {
			cell.Metrics[k] = got.Metrics[k][v]
		}
	default:
		// A mode may give figures of the whole category to a village that
		// reaches nothing (the same in every part, such as transit's
		// on-demand and round-trip figures).
		if len(parts) > 0 {
			for k := range cell.Metrics {
				cell.Metrics[k] = parts[0].Metrics[k][v]
			}
		}
		cell.Status = unreached
		if cell.Status == "" {
			cell.Status = s.Status(travel.CodeOK + 1)
		}
		// With a closed border and no service at home, a village on the
		// mode reaches none for a fact; one off the mode stays unknown.
		cell.None = (definite && len(ci.parts) > 0) || (s.ClosedBorder && cr.Status == StatusNoDomesticService && joined)
	}
	return cell
}

// MetricColumn is the table column of a mode metric.
func MetricColumn(name string, m travel.Metric) table.Column {
	if m.Unit == travel.Answer {
		return table.Column{Name: name}
	}
	return table.Column{Name: name, Kind: table.Number, Decimals: m.Decimals, Unit: string(m.Unit)}
}

// modeBasis returns the block and metric position of an aggregate basis
// named {mode}_{metric}, or nil.
func (r *Result) modeBasis(basis Basis) (*ModeBlock, int) {
	for _, b := range r.Modes {
		name, ok := strings.CutPrefix(string(basis), b.Schema.Name+"_")
		if !ok {
			continue
		}
		if k := b.Schema.MetricIndex(name); k >= 0 && b.Schema.Metrics[k].Aggregate {
			return b, k
		}
	}
	return nil, -1
}

// modeDistance is village v's metric k by a mode for category ci: NaN
// unknown (and for the basket), +Inf known to have no service. A service
// reached under one of the mode's statuses that leaves the metric empty
// (transit's walk_only: nothing beats walking) counts with its Cost when
// the metric is in the mode's cost unit: the walk is how the village
// reaches the service.
func (r *Result) modeDistance(b *ModeBlock, k, v, ci int) float64 {
	if ci == len(r.Categories) {
		return nan
	}
	cell := &b.Cells[v][ci]
	switch {
	case cell.Service >= 0:
		if x := cell.Metrics[k]; !math.IsNaN(x) || b.Schema.Metrics[k].Unit != b.Schema.Unit {
			return x
		}
		return cell.Cost
	case cell.None:
		return math.Inf(1)
	}
	return nan
}

// ModeValue is village v's value on a further mode's aggregate basis for
// category position c, as the aggregates count it: NaN unknown (no such
// mode or basis, the basket, a village off the mode, data not covering
// the category), +Inf known to reach no service; a service reached on
// foot only counts with its walking cost.
func (r *Result) ModeValue(basis Basis, v, c int) float64 {
	b, k := r.modeBasis(basis)
	if b == nil {
		return nan
	}
	return r.modeDistance(b, k, v, c)
}

// Thresholds are the thresholds of a basis's ShareWithin: metres for
// distance bases; for time bases a further mode's own
// (Params.ModeThresholdsMin), else the road's (or the defaults).
func (r *Result) Thresholds(b Basis) []float64 { return r.thresholds(b) }

// modeThresholds are the time thresholds Params.ModeThresholdsMin gives
// the mode of a basis, nil when none.
func (r *Result) modeThresholds(basis Basis) []float64 {
	if mb, _ := r.modeBasis(basis); mb != nil {
		return r.Params.ModeThresholdsMin[mb.Schema.Name]
	}
	return nil
}

// TimeThresholds are the travel-time thresholds of the aggregates (see
// timeThresholds).
func (r *Result) TimeThresholds() []float64 { return r.timeThresholds() }

// timeThresholds are the travel-time thresholds of the aggregates: the
// road settings', or the defaults when only a further mode without
// thresholds of its own measures minutes; nil when nothing does.
func (r *Result) timeThresholds() []float64 {
	if r.Params.Road != nil {
		return r.Params.Road.TimeThresholdsMin
	}
	for _, b := range r.Modes {
		if r.Params.ModeThresholdsMin[b.Schema.Name] != nil {
			continue
		}
		for _, m := range b.Schema.Metrics {
			if m.Aggregate && m.Unit == travel.Minutes {
				return DefaultTimeThresholdsMin
			}
		}
	}
	return nil
}
