package tables

import (
	"math"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/table"
)

// Services is services.csv: every input service with the category it
// was mapped to and, when routed, its distance to the road network.
func Services(r *analysis.Result) table.Table {
	routed := r.RoadSnapped()
	cols := []table.Column{{Name: "id"}, {Name: "name"}, {Name: "category"}, {Name: "raw_category"}, {Name: "country"},
		{Name: "lon", Kind: table.Number, Decimals: analysis.DecimalsCoord, Unit: "degree"},
		{Name: "lat", Kind: table.Number, Decimals: analysis.DecimalsCoord, Unit: "degree"}}
	if routed {
		cols = append(cols, table.Column{Name: "snap_m", Kind: table.Number, Decimals: analysis.DecimalsM, Unit: "m"}, table.Column{Name: "snap_status"})
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
	cols = append(cols, hoursServiceColumns(r)...)
	return table.Table{Columns: cols, Len: len(r.Services), Concurrent: true, Row: func(i int, cells []table.Cell) []table.Cell {
		s := &r.Services[i]
		cells = append(cells[:0], table.Str(s.ID), table.Str(s.Name), table.Str(s.Category), table.Str(s.Raw),
			table.Str(s.Country), table.Float(s.Location[0], analysis.DecimalsCoord), table.Float(s.Location[1], analysis.DecimalsCoord))
		if routed {
			status := "ok"
			if !r.ServiceSnapped(i) {
				status = "unsnapped"
			}
			cells = append(cells, table.Float(r.ServiceSnapM(i), analysis.DecimalsM), table.Str(status))
		}
		for mi := range r.Params.Models {
			c, ok := catPos[s.Category]
			if !ok {
				cells = append(cells, table.NullCell, table.NullCell)
				continue
			}
			st := r.ModelServiceStats(c, mi)[int32(i)]
			cells = append(cells, table.Float(st.Weighted, 1), table.Float(st.PerUnit, 1))
		}
		return hoursServiceCells(r, cells, i)
	}}
}

// hoursServiceColumns are the services table's opening-hours columns.
func hoursServiceColumns(r *analysis.Result) []table.Column {
	if r.OpenHours == nil {
		return nil
	}
	cols := []table.Column{{Name: "opening_hours"}, {Name: "hours_status"},
		{Name: "open_hours_week", Kind: table.Number, Decimals: analysis.DecimalsHours, Unit: "h"}}
	for _, sl := range r.OpenHours.Slots {
		cols = append(cols, table.Column{Name: "open_" + sl.Name})
	}
	return cols
}

// hoursServiceCells appends service j's opening-hours cells.
func hoursServiceCells(r *analysis.Result, cells []table.Cell, j int) []table.Cell {
	oh := r.OpenHours
	if oh == nil {
		return cells
	}
	sch := oh.Schedules[j]
	status, week := string(sch.Status), math.NaN()
	if sch.IsKnown() {
		if sch.UnknownMinutes() > 0 {
			status = "partly_unknown"
		} else {
			week = float64(sch.OpenMinutes()) / 60
		}
	}
	cells = append(cells, table.Str(r.Services[j].OpeningHours), table.Str(status), table.Float(week, analysis.DecimalsHours))
	for _, t := range oh.Services[j].Slots {
		cells = append(cells, table.Str(t.String()))
	}
	return cells
}
