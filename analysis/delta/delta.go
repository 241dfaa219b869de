// Package delta compares a scenario variant's results with its base's:
// per village and category the base and variant values of every basis
// (straight line, each travel mode's metrics), who loses or gains a
// service within each threshold and which closed service it was
// (Delta), and the variants side by side per area (Comparison).
package delta

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/travel"
)

// Delta compares a variant with its base village by village.
type Delta struct {
	Base, Variant *analysis.Result
	// Closed are the ids of base services the variant closed, for the
	// attribution of losses.
	Closed map[string]bool
	rows   []deltaRow
	// shown are the rows Table and Geometries hold (positions in rows),
	// set by OmitUnchanged; nil: every row.
	shown []int32
}

type deltaRow struct {
	bv, vv int // village index in base / variant (-1: absent there)
	cat    int // category position (same in both)
}

// New pairs the villages of base and variant by id: one row per
// village and category, villages of both in base order, then villages the
// variant added.
func New(base, variant *analysis.Result, closed map[string]bool) *Delta {
	d := &Delta{Base: base, Variant: variant, Closed: closed}
	if sameVillages(base.Villages, variant.Villages) { // the common case: no village added or dropped
		d.rows = make([]deltaRow, 0, len(base.Villages)*len(base.Categories))
		for v := range base.Villages {
			for c := range base.Categories {
				d.rows = append(d.rows, deltaRow{v, v, c})
			}
		}
		return d
	}
	vpos := map[string]int{}
	for i := range variant.Villages {
		vpos[variant.Villages[i].ID] = i
	}
	seen := map[string]bool{}
	for bi := range base.Villages {
		vi, ok := vpos[base.Villages[bi].ID]
		if !ok {
			vi = -1
		}
		seen[base.Villages[bi].ID] = true
		for c := range base.Categories {
			d.rows = append(d.rows, deltaRow{bi, vi, c})
		}
	}
	for vi := range variant.Villages {
		if !seen[variant.Villages[vi].ID] {
			for c := range base.Categories {
				d.rows = append(d.rows, deltaRow{-1, vi, c})
			}
		}
	}
	return d
}

// sameVillages says whether two village lists have the same ids in the
// same order.
func sameVillages(a, b []datasets.Village) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID {
			return false
		}
	}
	return true
}

// OmitUnchanged leaves out of Table and Geometries the rows of villages
// present in both results whose values are the same in both: nearest
// distance and service, and every travel mode's status and metrics (road
// length and time among them) (so every delta is zero and no coverage is lost or
// gained). It returns how many rows it left out. Rows of villages added
// or dropped are always kept. Attribution, Summary, Changes and
// ModeSummary still read every row. O(villages × categories).
//
// A variant rebuilt from this base (analysis.Recompute) holds the base's
// values in the categories it did not touch: their rows are unchanged
// without reading them, so the cost is that of the touched categories.
func (d *Delta) OmitUnchanged() int {
	return d.omitUnchanged(d.sameCategories())
}

// omitUnchanged is OmitUnchanged, taking the rows of the categories
// same[c] as unchanged (nil: none).
func (d *Delta) omitUnchanged(same []bool) int {
	modes := d.modeDeltas()
	d.shown = make([]int32, 0, len(d.rows)/8)
	for i, row := range d.rows {
		if row.bv >= 0 && row.vv >= 0 && row.cat < len(same) && same[row.cat] {
			continue
		}
		if row.bv < 0 || row.vv < 0 || !d.unchanged(row, modes) {
			d.shown = append(d.shown, int32(i))
		}
	}
	return len(d.rows) - len(d.shown)
}

// sameCategories says, per category position, whether the variant holds
// the base's values there (it was rebuilt from this base, over the same
// villages, and left the category alone); nil when it was not.
func (d *Delta) sameCategories() []bool {
	from, same := d.Variant.RebuiltFrom()
	if from != d.Base || len(same) != len(d.Base.Categories)+1 || !sameVillages(d.Base.Villages, d.Variant.Villages) {
		return nil
	}
	return same[:len(d.Base.Categories)]
}

// Rows is the number of rows Table and Geometries hold.
func (d *Delta) Rows() int {
	if d.shown != nil {
		return len(d.shown)
	}
	return len(d.rows)
}

// changed are the rows that may differ between base and variant: those
// OmitUnchanged kept, or every row. Sums of losses and gains read only
// these (an unchanged row neither loses nor gains).
func (d *Delta) changed(yield func(deltaRow) bool) {
	if d.shown == nil {
		for _, row := range d.rows {
			if !yield(row) {
				return
			}
		}
		return
	}
	for _, i := range d.shown {
		if !yield(d.rows[i]) {
			return
		}
	}
}

// row is the i-th row Table and Geometries hold.
func (d *Delta) row(i int) deltaRow {
	if d.shown != nil {
		return d.rows[d.shown[i]]
	}
	return d.rows[i]
}

// unchanged says whether a row of a village present in both results has
// the same values in both (see OmitUnchanged).
func (d *Delta) unchanged(row deltaRow, modes []modeDelta) bool {
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	bm, bid := metric(d.Base, row.bv, row.cat)
	vm, vid := metric(d.Variant, row.vv, row.cat)
	if bid != vid || d.Closed[bid] || !same(bm, vm) {
		return false
	}
	for _, md := range modes {
		if modeStatus(d.Base, md.name, row.bv, row.cat) != modeStatus(d.Variant, md.name, row.vv, row.cat) {
			return false
		}
		for _, b := range md.bases {
			if !same(modeValue(d.Base, b.basis, row.bv, row.cat), modeValue(d.Variant, b.basis, row.vv, row.cat)) {
				return false
			}
		}
	}
	return true
}

// metric returns a village's nearest distance for category c (NaN when
// unknown, +Inf when covered but no service) and its service id.
func metric(r *analysis.Result, v, c int) (m float64, id string) {
	m = r.Value(analysis.BasisNearest, v, c)
	cr := &r.Rows[v].Cats[c]
	if cr.NearestService >= 0 {
		id = r.Services[cr.NearestService].ID
	}
	return
}

// Table is delta_villages.csv: per village and category, base and variant
// nearest distance, the change, and for each threshold whether the
// village lost or gained coverage; then per travel mode (the road first
// when routed) the base and variant status, each aggregate metric's base,
// variant and change, and coverage lost or gained within its thresholds;
// closed_nearest_id names the closed service that was its nearest. It
// holds every row, or those OmitUnchanged kept.
func (d *Delta) Table() table.Table {
	ts := d.Base.Params.ThresholdsM
	m := func(n string) table.Column {
		return table.Column{Name: n, Kind: table.Number, Decimals: analysis.DecimalsM, Unit: "m"}
	}
	cols := []table.Column{{Name: "village_id"}, {Name: "name"}, {Name: "country"}, {Name: "area_code"},
		{Name: "population", Kind: table.Number, Decimals: -1, Unit: "people"}, {Name: "presence"}, {Name: "category"},
		m("base_nearest_m"), m("variant_nearest_m"), m("delta_nearest_m"), {Name: "base_nearest_id"}, {Name: "variant_nearest_id"}}
	modes := d.modeDeltas()
	for _, md := range modes {
		cols = append(cols, table.Column{Name: "base_" + md.name + "_status"}, table.Column{Name: "variant_" + md.name + "_status"})
		for _, b := range md.bases {
			c := analysis.MetricColumn("", b.metric)
			for _, side := range []string{"base_", "variant_", "delta_"} {
				c.Name = side + string(b.basis)
				cols = append(cols, c)
			}
		}
		for _, b := range md.bases {
			for _, t := range b.thresholds {
				cols = append(cols, table.Column{Name: b.coverageName(md.name, t)})
			}
		}
	}
	for _, t := range ts {
		cols = append(cols, table.Column{Name: "coverage_" + analysis.ThresholdName(t)})
	}
	cols = append(cols, table.Column{Name: "closed_nearest_id"})
	fin := func(x float64) table.Cell {
		if math.IsInf(x, 1) {
			return table.NullCell
		}
		return table.Float(x, analysis.DecimalsM)
	}
	diff := func(a, b float64, dec int) table.Cell {
		if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
			return table.NullCell
		}
		return table.Float(b-a, dec)
	}
	return table.Table{Columns: cols, Len: d.Rows(), Row: func(i int, cells []table.Cell) []table.Cell {
		row := d.row(i)
		ref, v := d.Base, row.bv
		presence := "both"
		switch {
		case row.bv < 0:
			ref, v, presence = d.Variant, row.vv, "added"
		case row.vv < 0:
			presence = "dropped"
		}
		vl := &ref.Villages[v]
		pop := table.NullCell
		if vl.HasPopulation {
			pop = table.Float(vl.Population, -1)
		}
		bm, bid := math.NaN(), ""
		vm, vid := math.NaN(), ""
		if row.bv >= 0 {
			bm, bid = metric(d.Base, row.bv, row.cat)
		}
		if row.vv >= 0 {
			vm, vid = metric(d.Variant, row.vv, row.cat)
		}
		cells = append(cells[:0], table.Str(vl.ID), table.Str(vl.Name), table.Str(vl.Country), table.Str(vl.AreaCode), pop,
			table.Str(presence), table.Str(d.Base.Categories[row.cat]), fin(bm), fin(vm), diff(bm, vm, analysis.DecimalsM), table.Str(bid), table.Str(vid))
		for _, md := range modes {
			bs, vs := "", ""
			if row.bv >= 0 {
				bs = modeStatus(d.Base, md.name, row.bv, row.cat)
			}
			if row.vv >= 0 {
				vs = modeStatus(d.Variant, md.name, row.vv, row.cat)
			}
			cells = append(cells, table.Str(bs), table.Str(vs))
			var cover []table.Cell
			for _, b := range md.bases {
				bx, vx := math.NaN(), math.NaN()
				if row.bv >= 0 {
					bx = modeValue(d.Base, b.basis, row.bv, row.cat)
				}
				if row.vv >= 0 {
					vx = modeValue(d.Variant, b.basis, row.vv, row.cat)
				}
				dec := b.metric.Decimals
				cells = append(cells, table.Float(finite(bx), dec), table.Float(finite(vx), dec), diff(bx, vx, dec))
				for _, t := range b.thresholds {
					cover = append(cover, table.Str(analysis.Crossing(bx, vx, t)))
				}
			}
			cells = append(cells, cover...)
		}
		for _, t := range ts {
			cells = append(cells, table.Str(analysis.Crossing(bm, vm, t)))
		}
		closed := ""
		if bid != "" && d.Closed[bid] && (vm > bm || math.IsNaN(vm)) {
			closed = bid
		}
		return append(cells, table.Str(closed))
	}}
}

func finite(x float64) float64 {
	if math.IsInf(x, 0) {
		return math.NaN()
	}
	return x
}

// Geometries returns the village geometry of each row of Table.
func (d *Delta) Geometries() []orb.Geometry {
	g := make([]orb.Geometry, d.Rows())
	for i := range g {
		row := d.row(i)
		r, v := d.Base, row.bv
		if v < 0 {
			r, v = d.Variant, row.vv
		}
		g[i] = r.Villages[v].Geometry
		if g[i] == nil {
			g[i] = r.Villages[v].Location
		}
	}
	return g
}

// Attribution is attribution.csv: for every closed service, the villages
// whose nearest it was, their people, and per threshold the people who
// lose coverage ("closing X leaves N people beyond T").
func (d *Delta) Attribution() table.Table {
	ts := d.Base.Params.ThresholdsM
	type acc struct {
		villages int
		people   float64
		lost     []float64
	}
	byID := map[string]*acc{}
	for row := range d.changed { // a closed nearest service is a change
		if row.bv < 0 || row.vv < 0 {
			continue
		}
		bm, bid := metric(d.Base, row.bv, row.cat)
		if bid == "" || !d.Closed[bid] {
			continue
		}
		vm, _ := metric(d.Variant, row.vv, row.cat)
		a := byID[bid]
		if a == nil {
			a = &acc{lost: make([]float64, len(ts))}
			byID[bid] = a
		}
		a.villages++
		vl := &d.Base.Villages[row.bv]
		if vl.HasPopulation {
			a.people += vl.Population
			for k, t := range ts {
				if analysis.Crossing(bm, vm, t) == "lost" {
					a.lost[k] += vl.Population
				}
			}
		}
	}
	cols := []table.Column{{Name: "service_id"}, {Name: "name"}, {Name: "category"}, {Name: "country"},
		{Name: "villages_nearest", Kind: table.Number}, {Name: "people_nearest", Kind: table.Number, Decimals: -1, Unit: "people"}}
	for _, t := range ts {
		cols = append(cols, table.Column{Name: "people_losing_" + analysis.ThresholdName(t), Kind: table.Number, Decimals: -1, Unit: "people"})
	}
	var rows [][]table.Cell
	for i := range d.Base.Services {
		s := &d.Base.Services[i]
		if !d.Closed[s.ID] {
			continue
		}
		a := byID[s.ID]
		if a == nil {
			a = &acc{lost: make([]float64, len(ts))}
		}
		row := []table.Cell{table.Str(s.ID), table.Str(s.Name), table.Str(s.Category), table.Str(s.Country),
			table.Int(a.villages), table.Float(a.people, -1)}
		for _, l := range a.lost {
			row = append(row, table.Float(l, -1))
		}
		rows = append(rows, row)
	}
	return table.FromRows(cols, rows)
}

// Summary counts, per category and threshold, the people (of known
// population) who lose and gain coverage in the variant.
func (d *Delta) Summary(category string) (losing, gaining []float64) {
	ts := d.Base.Params.ThresholdsM
	losing, gaining = make([]float64, len(ts)), make([]float64, len(ts))
	c := slices.Index(d.Base.Categories, category)
	for row := range d.changed {
		if row.bv < 0 || row.vv < 0 || row.cat != c {
			continue
		}
		vl := &d.Base.Villages[row.bv]
		if !vl.HasPopulation {
			continue
		}
		bm, _ := metric(d.Base, row.bv, row.cat)
		vm, _ := metric(d.Variant, row.vv, row.cat)
		for k, t := range ts {
			switch analysis.Crossing(bm, vm, t) {
			case "lost":
				losing[k] += vl.Population
			case "gained":
				gaining[k] += vl.Population
			}
		}
	}
	return losing, gaining
}

// Changes returns, for each village of the variant, the change of its
// nearest distance to category (variant − base, metres): NaN when unknown
// on either side or absent from the base, +Inf when the variant leaves it
// without any service, −Inf when it gains its first.
func (d *Delta) Changes(category string) []float64 {
	out := make([]float64, len(d.Variant.Villages))
	for i := range out {
		out[i] = math.NaN()
	}
	c := -1
	for i, name := range d.Base.Categories {
		if name == category {
			c = i
		}
	}
	if c < 0 {
		return out
	}
	for _, row := range d.rows {
		if row.cat != c || row.bv < 0 || row.vv < 0 {
			continue
		}
		b, _ := metric(d.Base, row.bv, c)
		v, _ := metric(d.Variant, row.vv, c)
		switch {
		case math.IsNaN(b) || math.IsNaN(v):
		case math.IsInf(b, 1) && math.IsInf(v, 1):
			out[row.vv] = 0
		default:
			out[row.vv] = v - b
		}
	}
	return out
}

// deltaBasis is an aggregate metric of a further travel mode compared by
// the delta table, with the thresholds of its shares (Result.Thresholds).
type deltaBasis struct {
	basis      analysis.Basis
	metric     travel.Metric
	thresholds []float64
}

// coverageName names the column that says whether a village lost or
// gained the basis within t: "transit_coverage_30min" for a mode's
// minutes, else "{basis}_coverage_{t}{unit}".
func (b deltaBasis) coverageName(mode string, t float64) string {
	prefix := string(b.basis)
	if b.metric.Name == string(b.metric.Unit) {
		prefix = mode
	}
	return prefix + "_coverage_" + analysis.ThresholdLabel(t, string(b.metric.Unit))
}

// modeDelta is a further mode of the base and its compared metrics.
type modeDelta struct {
	name  string
	bases []deltaBasis
}

// modeDeltas lists the base's further modes and their aggregate metrics:
// each mode gets base_ and variant_ status columns, each metric base_,
// variant_ and delta_ columns, and a coverage column per threshold.
func (d *Delta) modeDeltas() []modeDelta {
	var out []modeDelta
	for _, b := range d.Base.Modes {
		md := modeDelta{name: b.Schema.Name}
		for _, m := range b.Schema.Metrics {
			if m.Aggregate {
				basis := analysis.Basis(b.Schema.Name + "_" + m.Name)
				md.bases = append(md.bases, deltaBasis{basis, m, d.Base.Thresholds(basis)})
			}
		}
		out = append(out, md)
	}
	return out
}

// modeStatus is a village's status for category c by the mode named
// mode: "" when the result has no such mode.
func modeStatus(r *analysis.Result, mode string, v, c int) string {
	if b := r.Mode(mode); b != nil {
		return b.Cells[v][c].Status
	}
	return ""
}

// ModeSummary counts, per threshold of a further mode's aggregate basis
// (e.g. "transit_min" over the time thresholds), the people (of known
// population) who lose and who gain the category within it in the
// variant. The thresholds are nil when the base has no such basis.
func (d *Delta) ModeSummary(basis analysis.Basis, category string) (thresholds, losing, gaining []float64) {
	b := d.Base.BasisMode(basis)
	c := slices.Index(d.Base.Categories, category)
	if b == nil || c < 0 {
		return nil, nil, nil
	}
	thresholds = d.Base.Thresholds(basis)
	losing, gaining = make([]float64, len(thresholds)), make([]float64, len(thresholds))
	for row := range d.changed {
		if row.bv < 0 || row.vv < 0 || row.cat != c {
			continue
		}
		vl := &d.Base.Villages[row.bv]
		if !vl.HasPopulation {
			continue
		}
		bx, vx := modeValue(d.Base, basis, row.bv, c), modeValue(d.Variant, basis, row.vv, c)
		for i, t := range thresholds {
			switch analysis.Crossing(bx, vx, t) {
			case "lost":
				losing[i] += vl.Population
			case "gained":
				gaining[i] += vl.Population
			}
		}
	}
	return thresholds, losing, gaining
}

// modeValue is a village's value on a mode basis: NaN when the result has
// no such mode or the value is unknown, +Inf when known to be none.
func modeValue(r *analysis.Result, basis analysis.Basis, v, c int) float64 {
	return r.ModeValue(basis, v, c)
}
