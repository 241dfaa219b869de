package tables

import (
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/travel"
)

// Villages is the wide per-village table of villages.csv and the
// properties of villages.geojson, one row per input village, input order.
func Villages(r *analysis.Result) table.Table {
	ts := r.Params.ThresholdsM
	cross := r.Params.CrossBorder
	cols := []table.Column{
		{Name: "id"}, {Name: "name"}, {Name: "country"}, {Name: "area_code"}, {Name: "area_name"},
		{Name: "population", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "lon", Kind: table.Number, Decimals: analysis.DecimalsCoord, Unit: "degree"},
		{Name: "lat", Kind: table.Number, Decimals: analysis.DecimalsCoord, Unit: "degree"},
		{Name: "status"},
	}
	m := func(name string) table.Column {
		return table.Column{Name: name, Kind: table.Number, Decimals: analysis.DecimalsM, Unit: "m"}
	}
	minutes := func(name string) table.Column {
		return table.Column{Name: name, Kind: table.Number, Decimals: analysis.DecimalsMin, Unit: "min"}
	}
	rp := r.Params.Road
	estimated := rp != nil && rp.Graph == nil
	for _, b := range r.Modes {
		for _, vc := range b.Schema.VillageColumns {
			cols = append(cols, analysis.MetricColumn(vc.Name, vc))
		}
	}
	for _, c := range r.Categories {
		cols = append(cols, table.Column{Name: c + "_status"}, m(c+"_nearest_m"),
			table.Column{Name: c + "_nearest_id"}, table.Column{Name: c + "_nearest_country"})
		if cross {
			cols = append(cols, m(c+"_domestic_m"), m(c+"_abroad_m"), m(c+"_border_gain_m"))
		}
		for _, t := range ts {
			cols = append(cols, table.Column{Name: c + "_within_" + analysis.ThresholdName(t), Kind: table.Number, Unit: "services"})
		}
		if estimated {
			cols = append(cols, m(c+"_road_m_est"), minutes(c+"_road_min_est"))
		}
		for _, b := range r.Modes {
			cols = append(cols, blockColumns(b, c, cross)...)
		}
		for _, ms := range r.Params.Models {
			cols = append(cols, table.Column{Name: c + "_access_" + ms.Name(), Kind: table.Number, Decimals: r.ModelDecimals(ms)})
		}
	}
	if len(r.Params.Basket) > 0 {
		cols = append(cols, m("basket_max_m"))
		for _, t := range ts {
			cols = append(cols, table.Column{Name: "basket_within_" + analysis.ThresholdName(t), Kind: table.Bool})
		}
		if cross {
			cols = append(cols, m("basket_domestic_max_m"))
			for _, t := range ts {
				cols = append(cols, table.Column{Name: "basket_domestic_within_" + analysis.ThresholdName(t), Kind: table.Bool})
			}
		}
	}

	cols = append(cols, hoursVillageColumns(r)...)

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
			table.Float(vl.Location[0], analysis.DecimalsCoord), table.Float(vl.Location[1], analysis.DecimalsCoord),
			table.Str(villageStatus(r, v)))
		for _, b := range r.Modes {
			for k, vc := range b.Schema.VillageColumns {
				cells = append(cells, table.Float(b.Snapped.VillageValue(v, k), vc.Decimals))
			}
		}
		for c := range r.Categories {
			cr := &row.Cats[c]
			cells = append(cells, table.Str(cr.Status.String()), table.Float(cr.NearestM, analysis.DecimalsM),
				serviceID(r, cr.NearestService), serviceCountry(r, cr.NearestService))
			if cross {
				cells = append(cells, table.Float(cr.DomesticM, analysis.DecimalsM), table.Float(cr.AbroadM, analysis.DecimalsM),
					table.Float(cr.DomesticM-cr.NearestM, analysis.DecimalsM))
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
				cells = append(cells, table.Float(est, analysis.DecimalsM), table.Float(est/(rp.SpeedKmh/3.6)/60, analysis.DecimalsMin))
			}
			for _, b := range r.Modes {
				cells = appendModeCells(r, cells, b, v, c, cross)
			}
			for mi, ms := range r.Params.Models {
				cells = append(cells, table.Float(r.ModelValues(c, mi)[v], r.ModelDecimals(ms)))
			}
		}
		if len(r.Params.Basket) > 0 {
			cells = appendBasket(cells, row.Basket, ts)
			if cross {
				cells = appendBasket(cells, row.Domest, ts)
			}
		}
		return hoursVillageCells(r, cells, v)
	}}
}

func appendBasket(cells []table.Cell, b analysis.BasketResult, ts []float64) []table.Cell {
	maxM := table.NullCell
	if b.Known {
		maxM = table.Float(b.MaxM, analysis.DecimalsM) // +Inf (a need with no service) is null
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

func serviceID(r *analysis.Result, s int32) table.Cell {
	if s < 0 {
		return table.NullCell
	}
	return table.Str(r.Services[s].ID)
}

func serviceCountry(r *analysis.Result, s int32) table.Cell {
	if s < 0 {
		return table.NullCell
	}
	return table.Str(r.Services[s].Country)
}

// villageStatus is "ok" or the non-ok statuses as "category:status"
// joined by ";", in category order.
func villageStatus(r *analysis.Result, v int) string {
	row := &r.Rows[v]
	var parts []string
	for c := range row.Cats {
		switch st := row.Cats[c].Status; {
		case st != analysis.StatusOK:
			parts = append(parts, r.Categories[c]+":"+st.String())
		default:
			parts = appendModeStatuses(r, parts, v, c)
		}
	}
	if len(parts) == 0 {
		return "ok"
	}
	return strings.Join(parts, ";")
}

// metricCell writes a metric's value: a number, or yes/no/unknown for an
// answer.
func metricCell(x float64, m travel.Metric) table.Cell {
	if m.Unit == travel.Answer {
		return table.Str(travel.AnswerText(x))
	}
	return table.Float(x, m.Decimals)
}

// blockColumns are the block's columns of category c: status, metrics, the
// nearest service's id and country, and with countries the split metric
// at home and abroad (see package travel).
func blockColumns(b *analysis.ModeBlock, c string, cross bool) []table.Column {
	n := b.Schema.Name
	cols := []table.Column{{Name: c + "_" + n + "_status"}}
	for _, m := range b.Schema.Metrics {
		cols = append(cols, analysis.MetricColumn(c+"_"+n+"_"+m.Name, m))
	}
	cols = append(cols, table.Column{Name: c + "_" + n + "_id"}, table.Column{Name: c + "_" + n + "_country"})
	if k := b.Schema.MetricIndex(b.Schema.Split); cross && k >= 0 {
		m := b.Schema.Metrics[k]
		cols = append(cols, analysis.MetricColumn(c+"_"+n+"_domestic_"+m.Name, m), analysis.MetricColumn(c+"_"+n+"_abroad_"+m.Name, m))
	}
	return cols
}

// appendModeCells appends the cells of blockColumns.
func appendModeCells(r *analysis.Result, cells []table.Cell, b *analysis.ModeBlock, v, c int, cross bool) []table.Cell {
	cell := &b.Cells[v][c]
	cells = append(cells, table.Str(cell.Status))
	for k, m := range b.Schema.Metrics {
		cells = append(cells, metricCell(cell.Metrics[k], m))
	}
	cells = append(cells, serviceID(r, cell.Service), serviceCountry(r, cell.Service))
	if k := b.Schema.MetricIndex(b.Schema.Split); cross && k >= 0 {
		d := b.Schema.Metrics[k].Decimals
		cells = append(cells, table.Float(cell.Domestic, d), table.Float(cell.Abroad, d))
	}
	return cells
}

// appendModeStatuses adds "category:status" for the first mode block, in
// block order (the road first), whose status for village v and category
// c is not ok (called when the category itself is ok): the village's
// status says why its first measure is missing, as the road's always did.
func appendModeStatuses(r *analysis.Result, parts []string, v, c int) []string {
	for _, b := range r.Modes {
		if st := b.Cells[v][c].Status; st != "ok" {
			return append(parts, r.Categories[c]+":"+st)
		}
	}
	return parts
}
