package report

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/draw"
)

// roadValues are village v's road figures for category position c: the
// travel time (min) and the length (m) of the route to the nearest
// service, with the conventions of analysis' aggregates: NaN unknown
// (unsnapped, coverage), +Inf when no service can be reached.
func roadValues(r *analysis.Result, v, c int) (minutes, metres float64) {
	row := &r.Rows[v]
	if c >= len(row.Road) {
		return math.NaN(), math.NaN()
	}
	rr := &row.Road[c]
	switch rr.Status {
	case analysis.RoadOK:
		return rr.TimeMin, rr.LengthM
	case analysis.RoadUnreachable:
		return math.Inf(1), math.Inf(1)
	case analysis.RoadCoverage:
		if row.Cats[c].Status == analysis.StatusNoService {
			return math.Inf(1), math.Inf(1)
		}
	}
	return math.NaN(), math.NaN()
}

// routed says whether the run measured routes on a road network (not
// straight-line estimates).
func routed(r *analysis.Result) bool {
	return r.Params.Road != nil && r.Params.Road.Graph != nil
}

// unmeasured blanks figures x that were never measured: when no village
// has a finite x but some have a finite other figure (a location model
// routed by length knows no travel times, one routed by time no
// lengths), the villages no route reaches (+Inf) say nothing about x
// either, and x is unknown (NaN) everywhere.
func unmeasured(x, other []float64) {
	finite := func(d []float64) bool {
		return slices.ContainsFunc(d, func(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) })
	}
	if finite(x) || !finite(other) {
		return
	}
	for i := range x {
		x[i] = math.NaN()
	}
}

// villageFigures summarise the values d of the villages member accepts
// in villages, for groups where no population is known: the share of
// villages within each threshold and the median village (the lower of
// the two middle ones). n is the number of villages with a known value;
// NaN values are unknown, +Inf counts as beyond every threshold.
func villageFigures(d []float64, member func(v int) bool, ts []float64) (shares []float64, median float64, n int) {
	var xs []float64
	for v, x := range d {
		if member(v) && !math.IsNaN(x) {
			xs = append(xs, x)
		}
	}
	shares = make([]float64, len(ts))
	if len(xs) == 0 {
		for i := range shares {
			shares[i] = math.NaN()
		}
		return shares, math.NaN(), 0
	}
	sort.Float64s(xs)
	for i, tv := range ts {
		k := sort.Search(len(xs), func(j int) bool { return xs[j] > tv })
		shares[i] = float64(k) / float64(len(xs))
	}
	return shares, xs[(len(xs)-1)/2], len(xs)
}

// villageCells writes village-counted shares and median, marked °.
func (in *Input) villageCells(b *strings.Builder, shares []float64, median float64, format func(float64) string) {
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
func (in *Input) writeRoads(b *strings.Builder, f *draw.Frame) {
	r := in.Result
	if !routed(r) {
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
			tm[v], lm[v] = roadValues(r, v, c)
		}
		unmeasured(tm, lm)
		unmeasured(lm, tm)
		fmt.Fprintf(b, "<tr><td class=\"l\">%s</td>", esc(in.category(name)))
		for _, ctry := range r.Countries {
			at := aggregate(in.Aggregates, analysis.LevelCountry, ctry, name, analysis.BasisRoadMin)
			am := aggregate(in.Aggregates, analysis.LevelCountry, ctry, name, analysis.BasisRoadM)
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
			shares, med, n := villageFigures(tm, inCtry, ts)
			_, medM, nm := villageFigures(lm, inCtry, nil)
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
	if c := catIndex(r, in.MainCategory); c >= 0 {
		tm, lm := make([]float64, len(r.Villages)), make([]float64, len(r.Villages))
		for v := range r.Villages {
			tm[v], lm[v] = roadValues(r, v, c)
		}
		unmeasured(tm, lm)
		fmt.Fprintf(b, "<div class=\"roadmap\">\n<h3>%s</h3>\n", esc(fmt.Sprintf(t(l, "road map"), in.category(in.MainCategory))))
		svc := in.servicePoints(in.MainCategory)
		f.Draw(b, draw.Map{
			Label:    fmt.Sprintf(t(l, "road map"), in.category(in.MainCategory)),
			Fill:     func(v int) string { return distanceFill(tm[v], ts) },
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
