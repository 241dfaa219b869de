package delta

import (
	"math"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/openhours"
	"github.com/partons/partons/datasets/table"
)

// Comparison gathers the headline indicators of a scenario's base and
// variants, one row per variant, category and level (all, country):
// comparison.csv. Its columns follow the base: the straight-line shares
// within each distance threshold, mean and 90th percentile, and people
// losing and gaining coverage; then for each further mode's aggregate
// metric (public transport) the share within each of its thresholds,
// the median and 90th percentile and the people losing and gaining it;
// then, when the base has opening hours, the share of people with a
// service open in each slot within each distance threshold and the
// border gain in open hours (straight line). Not safe for concurrent use.
type Comparison struct {
	ts    []float64
	modes []deltaBasis // further modes' aggregate bases of the base
	names []string     // their column prefixes
	slots []string     // opening-hour slots of the base; nil without hours
	rows  [][]table.Cell
}

// NewComparison starts a comparison whose columns follow base.
func NewComparison(base *analysis.Result) *Comparison {
	c := &Comparison{ts: base.Params.ThresholdsM}
	for _, b := range base.Modes {
		for _, m := range b.Schema.Metrics {
			if m.Aggregate {
				basis := analysis.Basis(b.Schema.Name + "_" + m.Name)
				db := deltaBasis{basis, m, base.Thresholds(basis)}
				name := string(db.basis)
				if m.Name == string(m.Unit) {
					name = b.Schema.Name
				}
				c.modes, c.names = append(c.modes, db), append(c.names, name)
			}
		}
	}
	if oh := base.OpenHours; oh != nil && oh.Straight != nil {
		for _, s := range oh.Slots {
			c.slots = append(c.slots, s.Name)
		}
	}
	return c
}

type aggKey struct {
	cat   string
	level analysis.Level
	code  string
	basis analysis.Basis
}

// Add adds the rows of one variant (or of the base, d nil): r is its
// result, aggs its aggregates (of every basis), d its delta to the base.
func (c *Comparison) Add(name string, r *analysis.Result, aggs []analysis.Aggregate, d *Delta) {
	byKey := map[aggKey]*analysis.Aggregate{}
	for i := range aggs {
		a := &aggs[i]
		byKey[aggKey{a.Category, a.Level, a.Code, a.Basis}] = a
	}
	var slotShare map[[4]string]float64 // category, slot, level, code → share per threshold label
	var gain map[[3]string]float64
	if len(c.slots) > 0 && r.OpenHours != nil && r.OpenHours.Straight != nil {
		slotShare, gain = map[[4]string]float64{}, map[[3]string]float64{}
		for _, s := range openhours.SlotShares(r.OpenHours.Straight, r.Villages, c.ts) {
			slotShare[[4]string{s.Category, s.Slot, s.Level, s.Code + "|" + analysis.ThresholdLabel(s.Threshold, "m")}] = s.Share
		}
		for _, g := range openhours.Gains(r.OpenHours.Straight, r.Villages) {
			if g.Villages > 0 {
				gain[[3]string{g.Category, g.Level, g.Code + "|" + analysis.ThresholdLabel(g.Threshold, "m")}] = g.MeanGain
			}
		}
	}
	for _, a := range aggs {
		if a.Basis != analysis.BasisNearest || a.Level == analysis.LevelArea || a.Category == analysis.BasketCategory {
			continue
		}
		row := []table.Cell{table.Str(name), table.Str(a.Category), table.Str(string(a.Level)), table.Str(a.Code),
			table.Float(a.PopulationMeasured, -1)}
		row = appendShares(row, a.ShareWithin, len(c.ts))
		row = append(row, table.Float(a.Mean, 1), table.Float(a.P90, 1))
		var losing, gaining []float64
		if d != nil && a.Level == analysis.LevelAll {
			losing, gaining = d.Summary(a.Category)
		}
		row = appendPeople(row, losing, gaining, len(c.ts))
		for _, b := range c.modes {
			m := byKey[aggKey{a.Category, a.Level, a.Code, b.basis}]
			dec := b.metric.Decimals
			if m == nil {
				row = appendShares(row, nil, len(b.thresholds))
				row = append(row, table.NullCell, table.NullCell)
			} else {
				row = appendShares(row, m.ShareWithin, len(b.thresholds))
				row = append(row, table.Float(m.Median, dec), table.Float(m.P90, dec))
			}
			losing, gaining = nil, nil
			if d != nil && a.Level == analysis.LevelAll {
				_, losing, gaining = d.ModeSummary(b.basis, a.Category)
			}
			row = appendPeople(row, losing, gaining, len(b.thresholds))
		}
		for _, s := range c.slots {
			for _, t := range c.ts {
				x, ok := slotShare[[4]string{a.Category, s, string(a.Level), a.Code + "|" + analysis.ThresholdLabel(t, "m")}]
				row = append(row, cellOr(x, ok, analysis.DecimalsShare))
			}
		}
		if len(c.slots) > 0 {
			for _, t := range c.ts {
				x, ok := gain[[3]string{a.Category, string(a.Level), a.Code + "|" + analysis.ThresholdLabel(t, "m")}]
				row = append(row, cellOr(x, ok, analysis.DecimalsHours))
			}
		}
		c.rows = append(c.rows, row)
	}
}

func cellOr(x float64, ok bool, dec int) table.Cell {
	if !ok || math.IsNaN(x) {
		return table.NullCell
	}
	return table.Float(x, dec)
}

func appendShares(row []table.Cell, shares []float64, n int) []table.Cell {
	for k := range n {
		if k < len(shares) {
			row = append(row, table.Float(shares[k], 4))
		} else {
			row = append(row, table.NullCell)
		}
	}
	return row
}

func appendPeople(row []table.Cell, losing, gaining []float64, n int) []table.Cell {
	for k := range n {
		if k < len(losing) {
			row = append(row, table.Float(losing[k], -1), table.Float(gaining[k], -1))
		} else {
			row = append(row, table.NullCell, table.NullCell)
		}
	}
	return row
}

// Table is comparison.csv.
func (c *Comparison) Table() table.Table {
	cols := []table.Column{{Name: "variant"}, {Name: "category"}, {Name: "level"}, {Name: "code"},
		{Name: "population_measured", Kind: table.Number, Decimals: -1}}
	for _, t := range c.ts {
		cols = append(cols, table.Column{Name: "share_within_" + analysis.ThresholdName(t), Kind: table.Number, Decimals: 4})
	}
	cols = append(cols, table.Column{Name: "mean_m", Kind: table.Number, Decimals: 1}, table.Column{Name: "p90_m", Kind: table.Number, Decimals: 1})
	people := func(prefix string, labels []string) {
		for _, n := range labels {
			cols = append(cols, table.Column{Name: prefix + "people_losing_" + n, Kind: table.Number, Decimals: -1},
				table.Column{Name: prefix + "people_gaining_" + n, Kind: table.Number, Decimals: -1})
		}
	}
	var labels []string
	for _, t := range c.ts {
		labels = append(labels, analysis.ThresholdName(t))
	}
	people("", labels)
	for i, b := range c.modes {
		p, u := c.names[i]+"_", string(b.metric.Unit)
		labels = labels[:0]
		for _, t := range b.thresholds {
			labels = append(labels, analysis.ThresholdLabel(t, u))
			cols = append(cols, table.Column{Name: p + "share_within_" + analysis.ThresholdLabel(t, u), Kind: table.Number, Decimals: 4})
		}
		suffix := ""
		if u != "" {
			suffix = "_" + u
		}
		cols = append(cols, table.Column{Name: p + "median" + suffix, Kind: table.Number, Decimals: b.metric.Decimals},
			table.Column{Name: p + "p90" + suffix, Kind: table.Number, Decimals: b.metric.Decimals})
		people(p, labels)
	}
	for _, s := range c.slots {
		for _, t := range c.ts {
			cols = append(cols, table.Column{Name: "share_open_" + s + "_" + analysis.ThresholdName(t), Kind: table.Number, Decimals: analysis.DecimalsShare, Unit: "share"})
		}
	}
	if len(c.slots) > 0 {
		for _, t := range c.ts {
			cols = append(cols, table.Column{Name: "gain_open_hours_" + analysis.ThresholdName(t), Kind: table.Number, Decimals: analysis.DecimalsHours, Unit: "h"})
		}
	}
	return table.FromRows(cols, c.rows)
}
