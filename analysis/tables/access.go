package tables

import (
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/table"
)

// Access is the long (tidy) form of the per-village metrics:
// village_id, category, metric, value, status — one row per village,
// category and metric, absent values included with their status.
func Access(r *analysis.Result) table.Table {
	vt := Villages(r)
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
		ci := splitMetric(r, vt.Columns[col].Name)
		if ci.metric == "status" || isModeStatus(r, ci) {
			continue
		}
		infos = append(infos, colInfo{col: col, cat: ci.cat,
			mode: modeOfColumn(r, ci), category: table.Str(ci.category), metric: table.Str(ci.metric)})
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
			if !villageOK(r.Modes[ci.mode-1], v) {
				status = "unsnapped"
			}
		case ci.cat >= 0:
			status = r.Rows[v].Cats[ci.cat].Status.String()
		case ci.cat == -3:
			status = "ok"
			if r.RoadSnapped() && !r.RoadBlock().Snapped.Village(v).OK {
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

func basketStatus(b analysis.BasketResult) string {
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
func splitMetric(r *analysis.Result, col string) metricName {
	out := metricName{cat: -3, metric: col}
	for c, name := range r.Categories {
		if strings.HasPrefix(col, name+"_") && len(name) > len(out.category) {
			out = metricName{cat: c, category: name, metric: col[len(name)+1:]}
		}
	}
	if out.cat == -3 && strings.HasPrefix(col, analysis.BasketCategory+"_") {
		out = metricName{cat: -1, category: analysis.BasketCategory, metric: col[len(analysis.BasketCategory)+1:]}
		if strings.HasPrefix(out.metric, "domestic_") {
			out.cat = -2
		}
	}
	return out
}

// villageOK reports whether village v joined mode block b.
func villageOK(b *analysis.ModeBlock, v int) bool { return b.Snapped.Village(v).OK }

// modeOfColumn returns 1 + the index of the mode block a wide column
// belongs to (its per-category metrics, or its village columns marked
// Unsnapped), 0 for other columns.
func modeOfColumn(r *analysis.Result, m metricName) int {
	for k, b := range r.Modes {
		if m.cat >= 0 && strings.HasPrefix(m.metric, b.Schema.Name+"_") {
			return k + 1
		}
		if m.cat == -3 {
			for _, vc := range b.Schema.VillageColumns {
				if vc.Name == m.metric && vc.Unsnapped {
					return k + 1
				}
			}
		}
	}
	return 0
}

// isModeStatus reports whether a wide column is a further mode's
// per-category status column ({category}_{mode}_status).
func isModeStatus(r *analysis.Result, m metricName) bool {
	k := modeOfColumn(r, m)
	return m.cat >= 0 && k > 0 && m.metric == r.Modes[k-1].Schema.Name+"_status"
}
