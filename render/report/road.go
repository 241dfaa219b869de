package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/draw"
	"github.com/partons/partons/render/report/figures"
)

// villageCells writes village-counted shares and median, marked °.
func (in *doc) villageCells(b *strings.Builder, shares []float64, median float64, format func(float64) string) {
	for _, s := range shares {
		fmt.Fprintf(b, `<td class="vil">%s°</td>`, esc(in.Lang.Percent(s)))
	}
	fmt.Fprintf(b, `<td class="vil">%s°</td>`, esc(format(median)))
}

// minutes formats a travel time ("12 min"; "–" when unknown).
func minutes(l qml.Lang, m float64) string {
	if math.IsNaN(m) || math.IsInf(m, 0) {
		return "–"
	}
	return l.Number(m, 0) + "\u00a0min"
}

// writeRoads shows the road figures of a routed run: per country and
// category, the share of people within each travel time, the median time
// and the median route length (counted in villages where no population
// is known), and a map of the main category's travel time.
func (in *doc) writeRoads(b *strings.Builder, f *draw.Frame) {
	r := in.Result
	if !figures.Routed(r) {
		return
	}
	l := in.Lang
	rp := r.Params.Road
	ts := rp.TimeThresholdsMin
	fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n", esc(t(l, "by road")),
		esc(fmt.Sprintf(t(l, "by road note"), l.Lookup(profileNames, string(rp.Profile)), t(l, "route by "+rp.RouteBy.String()))))
	fmt.Fprintf(b, "<div class=\"scroll\"><table>\n<thead><tr><th class=\"l\" rowspan=\"2\">%s</th>", esc(t(l, "category")))
	for _, ctry := range r.Countries {
		fmt.Fprintf(b, "<th colspan=\"%d\">%s</th>", len(ts)+2, esc(countryName(l, ctry)))
	}
	b.WriteString("</tr>\n<tr>")
	for range r.Countries {
		for _, tv := range ts {
			fmt.Fprintf(b, "<th>%s</th>", esc(fmt.Sprintf(t(l, "within"), minutes(l, tv))))
		}
		fmt.Fprintf(b, "<th>%s</th><th>%s</th>", esc(t(l, "median time")), esc(t(l, "median route")))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	byVillages := false
	for _, c := range in.reportCats() {
		if c == len(r.Categories) {
			continue // the basket has no road figure
		}
		name := r.Categories[c]
		tm, lm := make([]float64, len(r.Villages)), make([]float64, len(r.Villages))
		for v := range r.Villages {
			tm[v], lm[v] = figures.RoadValues(r, v, c)
		}
		figures.Unmeasured(tm, lm)
		figures.Unmeasured(lm, tm)
		fmt.Fprintf(b, "<tr><td class=\"l\">%s</td>", esc(in.category(name)))
		for _, ctry := range r.Countries {
			at := figures.Aggregate(in.Aggregates, analysis.LevelCountry, ctry, name, analysis.BasisRoadMin)
			am := figures.Aggregate(in.Aggregates, analysis.LevelCountry, ctry, name, analysis.BasisRoadM)
			if at != nil && at.PopulationMeasured > 0 && am != nil {
				for i := range ts {
					s := math.NaN()
					if i < len(at.ShareWithin) {
						s = at.ShareWithin[i]
					}
					fmt.Fprintf(b, "<td>%s</td>", esc(l.Percent(s)))
				}
				fmt.Fprintf(b, "<td>%s</td><td>%s</td>", esc(minutes(l, at.Median)), esc(l.Distance(am.Median)))
				continue
			}
			inCtry := func(v int) bool { return r.Villages[v].Country == ctry }
			shares, med, n := figures.VillageFigures(tm, inCtry, ts)
			_, medM, nm := figures.VillageFigures(lm, inCtry, nil)
			if n == 0 && nm == 0 {
				b.WriteString(strings.Repeat("<td>–</td>", len(ts)+2))
				continue
			}
			byVillages = true
			in.villageCells(b, shares, med, func(m float64) string { return minutes(l, m) })
			fmt.Fprintf(b, `<td class="vil">%s°</td>`, esc(l.Distance(medM)))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table></div>\n")
	if byVillages {
		fmt.Fprintf(b, "<p class=\"note\">° %s</p>\n", esc(t(l, "by villages")))
	}
	if c := figures.CatIndex(r, in.MainCategory); c >= 0 {
		tm, lm := make([]float64, len(r.Villages)), make([]float64, len(r.Villages))
		for v := range r.Villages {
			tm[v], lm[v] = figures.RoadValues(r, v, c)
		}
		figures.Unmeasured(tm, lm)
		fmt.Fprintf(b, "<div class=\"roadmap\">\n<h3>%s</h3>\n", esc(fmt.Sprintf(t(l, "road map"), in.category(in.MainCategory))))
		svc := in.servicePoints(in.MainCategory)
		f.Draw(b, draw.Map{
			Label:    fmt.Sprintf(t(l, "road map"), in.category(in.MainCategory)),
			Fill:     func(v int) string { return draw.ClassFill(tm[v], ts) },
			Services: svc,
			Order:    func(v int) (float64, bool) { return tm[v], !math.IsNaN(tm[v]) },
		}, l)
		in.classLegend(b, ts, func(m float64) string { return minutes(l, m) }, len(svc) > 0)
		b.WriteString("</div>\n")
	}
	b.WriteString("</section>\n")
}

// profileNames translates the road profiles.
var profileNames = map[string][3]string{
	"car":     {"auto", "voiture", "car"},
	"bicycle": {"fiets", "vélo", "bicycle"},
	"foot":    {"te voet", "à pied", "on foot"},
}
