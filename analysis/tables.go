package analysis

import (
	"slices"
	"strconv"
	"strings"

	"github.com/partons/partons/datasets/table"
)

// Decimals of the output columns: metres to the decimetre, shares to 1e-4.
const (
	DecimalsM     = 1
	DecimalsShare = 4
	DecimalsMin   = 2 // minutes to about a second
	DecimalsCoord = 7 // about 1 cm
)

// ThresholdName formats a threshold for column names: 1200 → "1200m".
func ThresholdName(t float64) string {
	return strconv.FormatFloat(t, 'f', -1, 64) + "m"
}

// VillageTable is the wide per-village table of villages.csv and the
// properties of villages.geojson, one row per input village, input order.
func (r *Result) VillageTable() table.Table {
	ts := r.Params.ThresholdsM
	cross := r.Params.CrossBorder
	cols := []table.Column{
		{Name: "id"}, {Name: "name"}, {Name: "country"}, {Name: "area_code"}, {Name: "area_name"},
		{Name: "population", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "lon", Kind: table.Number, Decimals: DecimalsCoord, Unit: "degree"},
		{Name: "lat", Kind: table.Number, Decimals: DecimalsCoord, Unit: "degree"},
		{Name: "status"},
	}
	m := func(name string) table.Column {
		return table.Column{Name: name, Kind: table.Number, Decimals: DecimalsM, Unit: "m"}
	}
	minutes := func(name string) table.Column {
		return table.Column{Name: name, Kind: table.Number, Decimals: DecimalsMin, Unit: "min"}
	}
	rp := r.Params.Road
	estimated := rp != nil && rp.Graph == nil
	for _, b := range r.Modes {
		for _, vc := range b.Schema.VillageColumns {
			cols = append(cols, MetricColumn(vc.Name, vc))
		}
	}
	for _, c := range r.Categories {
		cols = append(cols, table.Column{Name: c + "_status"}, m(c+"_nearest_m"),
			table.Column{Name: c + "_nearest_id"}, table.Column{Name: c + "_nearest_country"})
		if cross {
			cols = append(cols, m(c+"_domestic_m"), m(c+"_abroad_m"), m(c+"_border_gain_m"))
		}
		for _, t := range ts {
			cols = append(cols, table.Column{Name: c + "_within_" + ThresholdName(t), Kind: table.Number, Unit: "services"})
		}
		if estimated {
			cols = append(cols, m(c+"_road_m_est"), minutes(c+"_road_min_est"))
		}
		for _, b := range r.Modes {
			cols = append(cols, b.columns(c, cross)...)
		}
		for _, ms := range r.Params.Models {
			cols = append(cols, table.Column{Name: c + "_access_" + ms.Name(), Kind: table.Number, Decimals: r.modelDecimals(ms)})
		}
	}
	if len(r.Params.Basket) > 0 {
		cols = append(cols, m("basket_max_m"))
		for _, t := range ts {
			cols = append(cols, table.Column{Name: "basket_within_" + ThresholdName(t), Kind: table.Bool})
		}
		if cross {
			cols = append(cols, m("basket_domestic_max_m"))
			for _, t := range ts {
				cols = append(cols, table.Column{Name: "basket_domestic_within_" + ThresholdName(t), Kind: table.Bool})
			}
		}
	}

	cols = append(cols, r.hoursVillageColumns()...)

	return table.Table{Columns: cols, Len: len(r.Villages), Concurrent: true, Row: func(v int, cells []table.Cell) []table.Cell {
		vl := &r.Villages[v]
		row := &r.Rows[v]
		cells = cells[:0]
		pop := table.NullCell
		if vl.HasPopulation {
			pop = table.Float(vl.Population, -1)
		}
		cells = append(cells, table.Str(vl.ID), table.Str(vl.Name), table.Str(vl.Country),
			table.Str(vl.AreaCode), table.Str(vl.AreaName), pop,
			table.Float(vl.Location[0], DecimalsCoord), table.Float(vl.Location[1], DecimalsCoord),
			table.Str(r.villageStatus(v)))
		for _, b := range r.Modes {
			for k, vc := range b.Schema.VillageColumns {
				cells = append(cells, table.Float(b.Snapped.VillageValue(v, k), vc.Decimals))
			}
		}
		for c := range r.Categories {
			cr := &row.Cats[c]
			cells = append(cells, table.Str(cr.Status.String()), table.Float(cr.NearestM, DecimalsM),
				r.serviceID(cr.NearestService), r.serviceCountry(cr.NearestService))
			if cross {
				cells = append(cells, table.Float(cr.DomesticM, DecimalsM), table.Float(cr.AbroadM, DecimalsM),
					table.Float(cr.DomesticM-cr.NearestM, DecimalsM))
			}
			for t := range ts {
				if cr.Within == nil {
					cells = append(cells, table.NullCell)
				} else {
					cells = append(cells, table.Int(int(cr.Within[t])))
				}
			}
			if estimated {
				est := cr.NearestM * rp.DetourFactor
				cells = append(cells, table.Float(est, DecimalsM), table.Float(est/(rp.SpeedKmh/3.6)/60, DecimalsMin))
			}
			for _, b := range r.Modes {
				cells = r.appendModeCells(cells, b, v, c, cross)
			}
			for mi, ms := range r.Params.Models {
				cells = append(cells, table.Float(r.models[c][mi].values[v], r.modelDecimals(ms)))
			}
		}
		if len(r.Params.Basket) > 0 {
			cells = appendBasket(cells, row.Basket, ts)
			if cross {
				cells = appendBasket(cells, row.Domest, ts)
			}
		}
		return r.hoursVillageCells(cells, v)
	}}
}

func appendBasket(cells []table.Cell, b BasketResult, ts []float64) []table.Cell {
	maxM := table.NullCell
	if b.Known {
		maxM = table.Float(b.MaxM, DecimalsM) // +Inf (a need with no service) is null
	}
	cells = append(cells, maxM)
	for _, t := range ts {
		if w, ok := b.WithinKnown(t); ok {
			cells = append(cells, table.Boolean(w))
		} else {
			cells = append(cells, table.NullCell)
		}
	}
	return cells
}

func (r *Result) serviceID(s int32) table.Cell {
	if s < 0 {
		return table.NullCell
	}
	return table.Str(r.Services[s].ID)
}

func (r *Result) serviceCountry(s int32) table.Cell {
	if s < 0 {
		return table.NullCell
	}
	return table.Str(r.Services[s].Country)
}

// villageStatus is "ok" or the non-ok statuses as "category:status"
// joined by ";", in category order.
func (r *Result) villageStatus(v int) string {
	row := &r.Rows[v]
	var parts []string
	for c, cr := range row.Cats {
		switch {
		case cr.Status != StatusOK:
			parts = append(parts, r.Categories[c]+":"+cr.Status.String())
		default:
			parts = r.appendModeStatuses(parts, v, c)
		}
	}
	if len(parts) == 0 {
		return "ok"
	}
	return strings.Join(parts, ";")
}

// AccessTable is the long (tidy) form of the per-village metrics:
// village_id, category, metric, value, status — one row per village,
// category and metric, absent values included with their status.
func (r *Result) AccessTable() table.Table {
	vt := r.VillageTable()
	cols := []table.Column{
		{Name: "village_id"}, {Name: "category"}, {Name: "metric"}, {Name: "value"}, {Name: "status"},
	}
	type colInfo struct {
		col      int
		cat      int // category position, or -1 basket, -2 domestic basket, -3 village
		mode     int // index+1 of the mode block the column belongs to, 0 none
		category table.Cell
		metric   table.Cell
	}
	var infos []colInfo
	for col := vt.Index("status") + 1; col < len(vt.Columns); col++ {
		ci := r.splitMetric(vt.Columns[col].Name)
		if ci.metric == "status" || r.isModeStatus(ci) {
			continue
		}
		infos = append(infos, colInfo{col: col, cat: ci.cat,
			mode: r.modeOfColumn(ci), category: table.Str(ci.category), metric: table.Str(ci.metric)})
	}
	n := len(infos)
	last, wide := -1, []table.Cell(nil) // the village row last expanded
	return table.Table{Columns: cols, Len: vt.Len * n, Row: func(i int, dst []table.Cell) []table.Cell {
		v, ci := i/n, infos[i%n]
		if v != last {
			wide, last = vt.Row(v, wide), v
		}
		var status string
		switch {
		case ci.mode > 0 && ci.cat >= 0:
			status = r.Modes[ci.mode-1].Cells[v][ci.cat].Status
		case ci.mode > 0:
			status = "ok"
			if !r.Modes[ci.mode-1].villageOK(v) {
				status = "unsnapped"
			}
		case ci.cat >= 0:
			status = r.Rows[v].Cats[ci.cat].Status.String()
		case ci.cat == -3:
			status = "ok"
			if r.road != nil && !r.road.villageOK[v] {
				status = "unsnapped"
			}
		case ci.cat == -1:
			status = basketStatus(r.Rows[v].Basket)
		default:
			status = basketStatus(r.Rows[v].Domest)
		}
		return append(dst[:0], wide[0], ci.category, ci.metric, wide[ci.col], table.Str(status))
	}}
}

func basketStatus(b BasketResult) string {
	if b.Known {
		return "ok"
	}
	return "unknown_member"
}

type metricName struct {
	cat              int // category position; -1 basket; -2 domestic basket; -3 village-level
	category, metric string
}

// splitMetric splits a wide column name into category and metric; the
// longest category prefix wins (e.g. "post" vs "post_box").
func (r *Result) splitMetric(col string) metricName {
	out := metricName{cat: -3, metric: col}
	for c, name := range r.Categories {
		if strings.HasPrefix(col, name+"_") && len(name) > len(out.category) {
			out = metricName{cat: c, category: name, metric: col[len(name)+1:]}
		}
	}
	if out.cat == -3 && strings.HasPrefix(col, BasketCategory+"_") {
		out = metricName{cat: -1, category: BasketCategory, metric: col[len(BasketCategory)+1:]}
		if strings.HasPrefix(out.metric, "domestic_") {
			out.cat = -2
		}
	}
	return out
}

// AreaTable is areas.csv: one row per aggregate (see Aggregates).
func (r *Result) AreaTable(aggs []Aggregate) table.Table {
	ts := r.Params.ThresholdsM
	cols := []table.Column{
		{Name: "level"}, {Name: "code"}, {Name: "name"}, {Name: "country"}, {Name: "category"}, {Name: "basis"},
		{Name: "villages", Kind: table.Number}, {Name: "villages_known", Kind: table.Number},
		{Name: "villages_population_unknown", Kind: table.Number},
		{Name: "population_known", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "population_measured", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "population_access_unknown", Kind: table.Number, Decimals: -1, Unit: "people"},
	}
	for _, t := range ts {
		cols = append(cols, table.Column{Name: "share_within_" + ThresholdName(t), Kind: table.Number, Decimals: DecimalsShare, Unit: "share"})
	}
	tmin := r.minuteColumns()
	for _, t := range tmin {
		cols = append(cols, table.Column{Name: "share_within_" + strconv.FormatFloat(t, 'f', -1, 64) + "min", Kind: table.Number, Decimals: DecimalsShare, Unit: "share"})
	}
	for _, u := range []string{"m", "min"} {
		if u == "min" && tmin == nil {
			continue
		}
		dec := DecimalsM
		if u == "min" {
			dec = DecimalsMin
		}
		for _, st := range []string{"mean", "median", "p90"} {
			cols = append(cols, table.Column{Name: st + "_" + u, Kind: table.Number, Decimals: dec, Unit: u})
		}
	}
	statuses := r.modeStatuses()
	for _, st := range statuses {
		cols = append(cols, table.Column{Name: "villages_" + st, Kind: table.Number},
			table.Column{Name: "population_" + st, Kind: table.Number, Decimals: -1, Unit: "people"})
	}
	rows := make([][]table.Cell, 0, len(aggs))
	for _, a := range aggs {
		row := []table.Cell{table.Str(string(a.Level)), table.Str(a.Code), table.Str(a.Name), table.Str(a.Country),
			table.Str(a.Category), table.Str(string(a.Basis)),
			table.Int(a.Villages), table.Int(a.VillagesKnown), table.Int(a.VillagesPopulationUnknown),
			table.Float(a.PopulationKnown, -1), table.Float(a.PopulationMeasured, -1), table.Float(a.PopulationAccessUnknown, -1)}
		minutes := a.Basis.Unit() == "min"
		// Each column's threshold is looked up among the aggregate's own
		// (a further mode may have thresholds of its own).
		own := r.thresholds(a.Basis)
		shares := func(ts []float64, on bool) {
			for _, t := range ts {
				k := slices.Index(own, t)
				if on && k >= 0 && k < len(a.ShareWithin) {
					row = append(row, table.Float(a.ShareWithin[k], DecimalsShare))
				} else {
					row = append(row, table.NullCell)
				}
			}
		}
		shares(ts, !minutes)
		shares(tmin, minutes)
		stats := func(on bool, dec int) {
			for _, v := range []float64{a.Mean, a.Median, a.P90} {
				if on {
					row = append(row, table.Float(v, dec))
				} else {
					row = append(row, table.NullCell)
				}
			}
		}
		stats(!minutes, DecimalsM)
		if tmin != nil {
			stats(minutes, DecimalsMin)
		}
		for _, st := range statuses {
			k := slices.IndexFunc(a.Statuses, func(c StatusCount) bool { return c.Status == st })
			if k < 0 {
				row = append(row, table.NullCell, table.NullCell)
				continue
			}
			row = append(row, table.Int(a.Statuses[k].Villages), table.Float(a.Statuses[k].Population, -1))
		}
		rows = append(rows, row)
	}
	return table.FromRows(cols, rows)
}

// ServiceTable is services.csv: every input service with the category it
// was mapped to and, when routed, its distance to the road network.
func (r *Result) ServiceTable() table.Table {
	routed := r.road != nil
	cols := []table.Column{{Name: "id"}, {Name: "name"}, {Name: "category"}, {Name: "raw_category"}, {Name: "country"},
		{Name: "lon", Kind: table.Number, Decimals: DecimalsCoord, Unit: "degree"},
		{Name: "lat", Kind: table.Number, Decimals: DecimalsCoord, Unit: "degree"}}
	if routed {
		cols = append(cols, table.Column{Name: "snap_m", Kind: table.Number, Decimals: DecimalsM, Unit: "m"}, table.Column{Name: "snap_status"})
	}
	for _, ms := range r.Params.Models {
		n := ms.Name()
		cols = append(cols, table.Column{Name: "catchment_population_" + n, Kind: table.Number, Decimals: 1},
			table.Column{Name: "people_per_unit_" + n, Kind: table.Number, Decimals: 1})
	}
	catPos := map[string]int{}
	for c, name := range r.Categories {
		catPos[name] = c
	}
	cols = append(cols, r.hoursServiceColumns()...)
	return table.Table{Columns: cols, Len: len(r.Services), Concurrent: true, Row: func(i int, cells []table.Cell) []table.Cell {
		s := &r.Services[i]
		cells = append(cells[:0], table.Str(s.ID), table.Str(s.Name), table.Str(s.Category), table.Str(s.Raw),
			table.Str(s.Country), table.Float(s.Location[0], DecimalsCoord), table.Float(s.Location[1], DecimalsCoord))
		if routed {
			status := "ok"
			if !r.ServiceSnapped(i) {
				status = "unsnapped"
			}
			cells = append(cells, table.Float(r.ServiceSnapM(i), DecimalsM), table.Str(status))
		}
		for mi := range r.Params.Models {
			c, ok := catPos[s.Category]
			if !ok {
				cells = append(cells, table.NullCell, table.NullCell)
				continue
			}
			st := r.models[c][mi].perService[int32(i)]
			cells = append(cells, table.Float(st.Weighted, 1), table.Float(st.PerUnit, 1))
		}
		return r.hoursServiceCells(cells, i)
	}}
}
