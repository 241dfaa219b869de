package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/render/report/draw"
	"github.com/partons/partons/render/report/figures"
)

// writeTransit shows the public-transport figures of a run with a
// timetable: per country and category the share of people within each
// of the mode's thresholds, the median time and the villages under the
// statuses that are not reached (counted in villages where no population
// is known), and maps of the main category's median and best times.
func (in *doc) writeTransit(b *strings.Builder, f *draw.Frame) {
	r := in.Result
	mb, basis := figures.TransitBlock(r)
	if mb == nil {
		return
	}
	l := in.Lang
	tt := func(key string) string { return t(l, key) }
	ts := r.Thresholds(basis)
	statuses := []string{"no_service", "unsnapped"}
	heads := []string{tt("no service"), tt("off network")}
	ncol := len(ts) + 1 + len(statuses)
	fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n", esc(tt("transit")), esc(tt("transit note")))
	fmt.Fprintf(b, "<div class=\"scroll\"><table>\n<thead><tr><th class=\"l\" rowspan=\"2\">%s</th>", esc(t(l, "category")))
	for _, ctry := range r.Countries {
		fmt.Fprintf(b, "<th colspan=\"%d\">%s</th>", ncol, esc(countryName(l, ctry)))
	}
	b.WriteString("</tr>\n<tr>")
	for range r.Countries {
		for _, tv := range ts {
			fmt.Fprintf(b, "<th>%s</th>", esc(fmt.Sprintf(t(l, "within"), minutes(l, tv))))
		}
		fmt.Fprintf(b, "<th>%s</th>", esc(t(l, "median time")))
		for _, h := range heads {
			fmt.Fprintf(b, "<th>%s</th>", esc(h))
		}
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	byVillages := false
	for _, c := range in.reportCats() {
		if c == len(r.Categories) {
			continue // the basket has no public-transport figure
		}
		name := r.Categories[c]
		tm := make([]float64, len(r.Villages))
		for v := range r.Villages {
			tm[v] = r.ModeValue(basis, v, c)
		}
		fmt.Fprintf(b, "<tr><td class=\"l\">%s</td>", esc(in.category(name)))
		for _, ctry := range r.Countries {
			a := figures.Aggregate(in.Aggregates, analysis.LevelCountry, ctry, name, basis)
			switch {
			case a != nil && a.PopulationMeasured > 0:
				for i := range ts {
					s := math.NaN()
					if i < len(a.ShareWithin) {
						s = a.ShareWithin[i]
					}
					fmt.Fprintf(b, "<td>%s</td>", esc(l.Percent(s)))
				}
				med := minutes(l, a.Median)
				if math.IsNaN(a.Median) {
					med = t(l, "none") // the median person reaches no service
				}
				fmt.Fprintf(b, "<td>%s</td>", esc(med))
			default:
				inCtry := func(v int) bool { return r.Villages[v].Country == ctry }
				shares, med, n := figures.VillageFigures(tm, inCtry, ts)
				if n == 0 {
					b.WriteString(strings.Repeat("<td>–</td>", len(ts)+1))
				} else {
					byVillages = true
					in.villageCells(b, shares, med, func(m float64) string { return minutes(l, m) })
				}
			}
			for _, st := range statuses {
				n := 0
				for v := range r.Villages {
					if r.Villages[v].Country == ctry && mb.Cells[v][c].Status == st {
						n++
					}
				}
				fmt.Fprintf(b, "<td>%s</td>", esc(l.Number(float64(n), 0)))
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table></div>\n")
	if byVillages {
		fmt.Fprintf(b, "<p class=\"note\">° %s</p>\n", esc(t(l, "by villages")))
	}
	if c := figures.CatIndex(r, in.MainCategory); c >= 0 {
		in.transitMaps(b, f, mb, basis, c, ts)
	}
	b.WriteString("</section>\n")
}

// transitMaps draws the main category's median and, when the mode has
// one, best time side by side, on the mode's thresholds.
func (in *doc) transitMaps(b *strings.Builder, f *draw.Frame, mb *analysis.ModeBlock, basis analysis.Basis, c int, ts []float64) {
	r := in.Result
	l := in.Lang
	tt := func(key string) string { return t(l, key) }
	median := make([]float64, len(r.Villages))
	for v := range r.Villages {
		median[v] = r.ModeValue(basis, v, c)
	}
	maps := []struct {
		key string
		d   []float64
	}{{"transit median map", median}}
	if k := mb.Schema.MetricIndex("best_min"); k >= 0 {
		best := make([]float64, len(r.Villages))
		for v := range r.Villages {
			best[v] = median[v]
			if x := mb.Cells[v][c].Metrics[k]; !math.IsNaN(x) {
				best[v] = x
			}
		}
		maps = append(maps, struct {
			key string
			d   []float64
		}{"transit best map", best})
	}
	svc := in.servicePoints(in.MainCategory)
	b.WriteString("<div class=\"grid2\">\n")
	for _, m := range maps {
		d := m.d
		label := fmt.Sprintf(tt(m.key), in.category(in.MainCategory))
		fmt.Fprintf(b, "<div>\n<h3>%s</h3>\n", esc(label))
		f.Draw(b, draw.Map{
			Label:    label,
			Fill:     func(v int) string { return draw.ClassFill(d[v], ts) },
			Services: svc,
			Order:    func(v int) (float64, bool) { return d[v], !math.IsNaN(d[v]) },
		}, l)
		in.classLegend(b, ts, func(x float64) string { return minutes(l, x) }, len(svc) > 0)
		b.WriteString("</div>\n")
	}
	b.WriteString("</div>\n")
	if slices.ContainsFunc(median, func(x float64) bool { return math.IsInf(x, 1) }) {
		fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", esc(tt("beyond note")))
	}
}
