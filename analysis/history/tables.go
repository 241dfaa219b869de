package history

import (
	"fmt"
	"math"

	"github.com/partons/partons/datasets/table"
)

// villageOrder lists every village id of any year: those of the first
// year in its order, then each year's new ones in theirs.
func (h *History) villageOrder() []string {
	seen := map[string]bool{}
	var out []string
	for _, ix := range h.years {
		for _, r := range ix.y.Villages.Rows {
			id := r[ix.vcol["id"]]
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// identity is a village's name, country and area in the latest year that
// has it.
func (h *History) identity(id string) (name, country, area string) {
	for k := len(h.years) - 1; k >= 0; k-- {
		ix := h.years[k]
		if r, ok := ix.villages[id]; ok {
			return get(r, ix.vcol, "name"), get(r, ix.vcol, "country"), get(r, ix.vcol, "area_code")
		}
	}
	return "", "", ""
}

// Trends is trends.csv: one row per village, category and year (years
// ascending, villages in their first year's order, categories sorted)
// with the nearest distance, the nearest service (id, name, country, and
// its side of the border: domestic or abroad), coverage within each
// threshold every year has (true when the nearest is at most that far),
// the change since the year before and, on every row of the village and
// category, the first and last years with a distance and the change
// between them. A village or category missing from a year has its status
// (missing_village, missing_category) and empty values.
func (h *History) Trends() table.Table {
	cols := []table.Column{{Name: "village_id"}, {Name: "name"}, {Name: "country"}, {Name: "area_code"}, {Name: "category"},
		{Name: "year", Kind: table.Number}, {Name: "data_date"}, {Name: "status"},
		{Name: "nearest_m", Kind: table.Number, Decimals: -1, Unit: "m"}, {Name: "nearest_id"}, {Name: "nearest_name"},
		{Name: "nearest_country"}, {Name: "nearest_side"}}
	for _, t := range h.Thresholds {
		cols = append(cols, table.Column{Name: "covered_" + thresholdName(t) + "m", Kind: table.Bool})
	}
	cols = append(cols, table.Column{Name: "change_from_previous_m", Kind: table.Number, Decimals: decimalsM, Unit: "m"},
		table.Column{Name: "first_year", Kind: table.Number}, table.Column{Name: "last_year", Kind: table.Number},
		table.Column{Name: "first_to_last_m", Kind: table.Number, Decimals: decimalsM, Unit: "m"})
	var rows [][]table.Cell
	for _, id := range h.villageOrder() {
		name, country, area := h.identity(id)
		for _, cat := range h.Categories {
			dist := make([]float64, len(h.years))
			first, last := -1, -1
			for k, ix := range h.years {
				dist[k] = math.NaN()
				if r, ok := ix.villages[id]; ok && ix.cats[cat] {
					if d, ok := number(get(r, ix.vcol, cat+"_nearest_m")); ok {
						dist[k] = d
						if first < 0 {
							first = k
						}
						last = k
					}
				}
			}
			span := []table.Cell{table.NullCell, table.NullCell, table.NullCell}
			if first >= 0 {
				span = []table.Cell{table.Int(h.years[first].y.Year), table.Int(h.years[last].y.Year),
					table.Float(dist[last]-dist[first], decimalsM)}
			}
			for k, ix := range h.years {
				row := []table.Cell{table.Str(id), table.Str(name), table.Str(country), table.Str(area), table.Str(cat),
					table.Int(ix.y.Year), table.Str(ix.y.DataDate)}
				r, ok := ix.villages[id]
				switch {
				case !ok:
					row = append(row, table.Str(MissingVillage))
				case !ix.cats[cat]:
					row = append(row, table.Str(MissingCategory))
				default:
					status := get(r, ix.vcol, cat+"_status")
					if status == "" {
						status = "ok"
					}
					row = append(row, table.Str(status))
				}
				if !ok || !ix.cats[cat] {
					for range 5 + len(h.Thresholds) + 1 {
						row = append(row, table.NullCell)
					}
					rows = append(rows, append(row, span...))
					continue
				}
				sid, scountry := get(r, ix.vcol, cat+"_nearest_id"), get(r, ix.vcol, cat+"_nearest_country")
				side := ""
				if vc := get(r, ix.vcol, "country"); vc != "" && scountry != "" {
					side = "abroad"
					if vc == scountry {
						side = "domestic"
					}
				}
				sname := ""
				if s, ok := ix.services[sid]; ok && sid != "" {
					sname = get(s, ix.scol, "name")
				}
				row = append(row, table.Float(dist[k], -1), table.Str(sid), table.Str(sname), table.Str(scountry), table.Str(side))
				for _, t := range h.Thresholds {
					if math.IsNaN(dist[k]) {
						row = append(row, table.NullCell)
					} else {
						row = append(row, table.Boolean(dist[k] <= t))
					}
				}
				change := table.NullCell
				if k > 0 && !math.IsNaN(dist[k-1]) && !math.IsNaN(dist[k]) {
					change = table.Float(dist[k]-dist[k-1], decimalsM)
				}
				rows = append(rows, append(append(row, change), span...))
			}
		}
	}
	return table.FromRows(cols, rows)
}

// Areas is trends_areas.csv: one row per area (level, code), category,
// basis and year, in the order of the first year's areas.csv (rows new in
// later years after them), with the population measured, the share
// within each threshold every year has, the mean, median and 90th
// percentile distance, and the first and last years with a median and
// the change of the median and of each share between them. A row
// missing from a year has status missing_area and empty values.
func (h *History) Areas() table.Table {
	cols := []table.Column{{Name: "level"}, {Name: "code"}, {Name: "name"}, {Name: "country"}, {Name: "category"}, {Name: "basis"},
		{Name: "year", Kind: table.Number}, {Name: "data_date"}, {Name: "status"},
		{Name: "population_measured", Kind: table.Number, Decimals: -1, Unit: "people"}}
	metrics := []string{}
	for _, t := range h.Thresholds {
		metrics = append(metrics, "share_within_"+thresholdName(t)+"m")
	}
	metrics = append(metrics, "mean_m", "median_m", "p90_m")
	for _, m := range metrics {
		cols = append(cols, table.Column{Name: m, Kind: table.Number, Decimals: -1})
	}
	cols = append(cols, table.Column{Name: "first_year", Kind: table.Number}, table.Column{Name: "last_year", Kind: table.Number},
		table.Column{Name: "median_m_first_to_last", Kind: table.Number, Decimals: decimalsM, Unit: "m"})
	for _, t := range h.Thresholds {
		cols = append(cols, table.Column{Name: "share_within_" + thresholdName(t) + "m_first_to_last", Kind: table.Number, Decimals: 4, Unit: "share"})
	}
	type ident struct{ name, country string }
	var keys []areaKey
	names := map[areaKey]ident{}
	for _, ix := range h.years {
		for _, r := range ix.y.Areas.Rows {
			k := areaKey{r[ix.acol["level"]], r[ix.acol["code"]], r[ix.acol["category"]], r[ix.acol["basis"]]}
			if _, seen := names[k]; !seen {
				keys = append(keys, k)
			}
			names[k] = ident{get(r, ix.acol, "name"), get(r, ix.acol, "country")}
		}
	}
	var rows [][]table.Cell
	for _, key := range keys {
		first, last := -1, -1
		for k, ix := range h.years {
			if r, ok := ix.areas[key]; ok {
				if _, ok := number(get(r, ix.acol, "median_m")); ok {
					if first < 0 {
						first = k
					}
					last = k
				}
			}
		}
		var span []table.Cell
		if first >= 0 {
			f, l := h.years[first], h.years[last]
			diff := func(m string, dec int) table.Cell {
				a, ok1 := number(get(f.areas[key], f.acol, m))
				b, ok2 := number(get(l.areas[key], l.acol, m))
				if !ok1 || !ok2 {
					return table.NullCell
				}
				return table.Float(b-a, dec)
			}
			span = append(span, table.Int(f.y.Year), table.Int(l.y.Year), diff("median_m", decimalsM))
			for _, t := range h.Thresholds {
				span = append(span, diff("share_within_"+thresholdName(t)+"m", 4))
			}
		} else {
			for range 3 + len(h.Thresholds) {
				span = append(span, table.NullCell)
			}
		}
		id := names[key]
		for _, ix := range h.years {
			row := []table.Cell{table.Str(key.level), table.Str(key.code), table.Str(id.name), table.Str(id.country),
				table.Str(key.category), table.Str(key.basis), table.Int(ix.y.Year), table.Str(ix.y.DataDate)}
			r, ok := ix.areas[key]
			if !ok {
				row = append(row, table.Str(MissingArea))
				for range 1 + len(metrics) {
					row = append(row, table.NullCell)
				}
				rows = append(rows, append(row, span...))
				continue
			}
			row = append(row, table.Str("ok"), numberCell(get(r, ix.acol, "population_measured")))
			for _, m := range metrics {
				row = append(row, numberCell(get(r, ix.acol, m)))
			}
			rows = append(rows, append(row, span...))
		}
	}
	return table.FromRows(cols, rows)
}

// numberCell is a report's number as written (shortest form), or null.
func numberCell(s string) table.Cell {
	if v, ok := number(s); ok {
		return table.Float(v, -1)
	}
	return table.NullCell
}

// Services is service_changes.csv: the services that appeared,
// disappeared, moved or changed category between consecutive years
// (both with services.csv), by id: from_year, to_year, change, and the
// service's id, name, category, country and position (its new one, or
// its last for one that disappeared). A service of a category one of the
// two runs has no data of is not said to appear or disappear: its change
// is missing_category.
func (h *History) Services() table.Table {
	cols := []table.Column{{Name: "from_year", Kind: table.Number}, {Name: "to_year", Kind: table.Number}, {Name: "change"},
		{Name: "service_id"}, {Name: "name"}, {Name: "category"}, {Name: "country"},
		{Name: "lon", Kind: table.Number, Decimals: -1, Unit: "degree"}, {Name: "lat", Kind: table.Number, Decimals: -1, Unit: "degree"},
		{Name: "previous_category"}}
	var rows [][]table.Cell
	cell := func(ix *index, r []string, from, to int, change, previous string) []table.Cell {
		return []table.Cell{table.Int(from), table.Int(to), table.Str(change), table.Str(get(r, ix.scol, "id")), table.Str(get(r, ix.scol, "name")),
			table.Str(get(r, ix.scol, "category")), table.Str(get(r, ix.scol, "country")),
			numberCell(get(r, ix.scol, "lon")), numberCell(get(r, ix.scol, "lat")), table.Str(previous)}
	}
	for k := 1; k < len(h.years); k++ {
		a, b := h.years[k-1], h.years[k]
		if a.services == nil || b.services == nil {
			continue
		}
		from, to := a.y.Year, b.y.Year
		for _, r := range a.y.Services.Rows {
			if _, ok := b.services[r[a.scol["id"]]]; !ok {
				change := "disappeared"
				if !b.cats[get(r, a.scol, "category")] {
					change = MissingCategory // the later run has no data of the kind: not a closure
				}
				rows = append(rows, cell(a, r, from, to, change, ""))
			}
		}
		for _, r := range b.y.Services.Rows {
			old, ok := a.services[r[b.scol["id"]]]
			switch {
			case !ok && !a.cats[get(r, b.scol, "category")]:
				rows = append(rows, cell(b, r, from, to, MissingCategory, ""))
			case !ok:
				rows = append(rows, cell(b, r, from, to, "appeared", ""))
			case get(old, a.scol, "category") != get(r, b.scol, "category"):
				rows = append(rows, cell(b, r, from, to, "recategorised", get(old, a.scol, "category")))
			case get(old, a.scol, "lon") != get(r, b.scol, "lon") || get(old, a.scol, "lat") != get(r, b.scol, "lat"):
				rows = append(rows, cell(b, r, from, to, "moved", ""))
			}
		}
	}
	return table.FromRows(cols, rows)
}

// String describes the history briefly, for the command's summary.
func (h *History) String() string {
	first, last := h.Years[0], h.Years[len(h.Years)-1]
	return fmt.Sprintf("%d years (%d–%d), %d villages, %d categories", len(h.Years), first.Year, last.Year, len(h.villageOrder()), len(h.Categories))
}
