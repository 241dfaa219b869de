package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/draw"
	"github.com/partons/partons/render/report/figures"
)

// distanceLegend lists the classes of draw.ClassFill with the QML's words.
func (in *doc) distanceLegend(b *strings.Builder, breaks []float64, services bool) {
	in.classLegend(b, breaks, in.Lang.Threshold, services)
}

// classLegend lists the classes of draw.ClassFill on breaks, each limit
// written by format (metres, minutes).
func (in *doc) classLegend(b *strings.Builder, breaks []float64, format func(float64) string, services bool) {
	l := in.Lang
	b.WriteString(`<ul class="legend">`)
	lo := 0.0
	for i := 0; i <= len(breaks); i++ {
		var label string
		switch {
		case i == len(breaks):
			label = fmt.Sprintf(l.Word("over"), format(lo))
		case i == 0:
			label = fmt.Sprintf(l.Word("up to"), format(breaks[0]))
		default:
			label = fmt.Sprintf(l.Word("range"), format(lo), format(breaks[i]))
		}
		if i < len(breaks) {
			lo = breaks[i]
		}
		mid := lo
		if i < len(breaks) {
			mid = breaks[i]
		} else {
			mid = lo + 1
		}
		fmt.Fprintf(b, `<li><i style="background:%s"></i>%s</li>`, draw.ClassFill(mid, breaks), esc(label))
	}
	fmt.Fprintf(b, `<li><i style="background:%s"></i>%s</li>`, qml.NoDataColor, esc(t(l, "legend unknown")))
	if services {
		fmt.Fprintf(b, `<li><i class="cross">✕</i>%s</li>`, esc(t(l, "legend service")))
	}
	if len(in.Areas) > 0 {
		fmt.Fprintf(b, `<li><i style="background:none;border:1.5px solid #222"></i>%s</li>`, esc(t(l, "area outline")))
	}
	b.WriteString("</ul>\n")
}

func (in *doc) servicePoints(cat string) []orb.Point {
	var pts []orb.Point
	for i := range in.Result.Services {
		if in.Result.Services[i].Category == cat {
			pts = append(pts, in.Result.Services[i].Location)
		}
	}
	return pts
}

// writeMaps writes one card per category with data: its map, legend and
// distribution chart. It returns the figures.Series it drew.
func (in *doc) writeMaps(b *strings.Builder, f *draw.Frame) []figures.Series {
	r := in.Result
	l := in.Lang
	breaks := r.Params.ThresholdsM
	fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n<div class=\"cards\">\n", esc(t(l, "maps")), esc(t(l, "map caption")))
	var drawn []figures.Series
	var empty []string
	for k, c := range in.reportCats() {
		s := figures.NewSeries(r, c)
		if s.Known == 0 {
			empty = append(empty, in.category(s.Name))
			continue
		}
		drawn = append(drawn, s)
		cls := "card"
		if k == 0 {
			cls = "card main"
		}
		fmt.Fprintf(b, "<article class=\"%s\">\n<h3>%s</h3>\n", cls, esc(in.category(s.Name)))
		if c == len(r.Categories) {
			var names []string
			for _, m := range r.Params.Basket {
				names = append(names, in.category(m.Name))
			}
			fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", esc(fmt.Sprintf(t(l, "basket def"), strings.Join(names, ", "))))
		}
		if k == 0 {
			b.WriteString("<div class=\"pair\"><div>\n")
		}
		var svc []orb.Point
		if c < len(r.Categories) {
			svc = in.servicePoints(s.Name)
		}
		f.Draw(b, draw.Map{
			Label:    in.category(s.Name),
			Fill:     func(v int) string { return draw.ClassFill(s.D[v], breaks) },
			Services: svc,
			Order:    func(v int) (float64, bool) { return s.D[v], !math.IsNaN(s.D[v]) },
		}, l)
		in.distanceLegend(b, breaks, len(svc) > 0)
		if k == 0 {
			b.WriteString("</div><div>\n")
		}
		xmax := figures.NiceMax(r, s)
		curves := figures.CDF(r, s, r.Countries, xmax, 240)
		draw.Chart(b, l, lines(curves), breaks, xmax, draw.Axis{Scale: 1000, Unit: "km"}, t(l, "cdf caption"))
		b.WriteString(`<ul class="legend">`)
		for i, cv := range curves {
			label := countryName(l, cv.Country)
			if cv.PopulationMeasured <= 0 {
				label += ": " + t(l, "legend unknown")
			} else {
				if cv.Basis == figures.Domestic {
					label += "*"
				}
				if cv.ByVillages {
					label += " (" + fmt.Sprintf(t(l, "n villages"), l.Number(cv.PopulationMeasured, 0)) + "°)"
				} else {
					label += " (" + l.Number(cv.PopulationMeasured, 0) + ")"
				}
			}
			fmt.Fprintf(b, `<li><i class="line" style="background:%s"></i>%s</li>`, draw.Color(i), esc(label))
		}
		b.WriteString("</ul>\n")
		fmt.Fprintf(b, "<p class=\"note\">%s %s</p>\n", esc(t(l, "cdf caption")), esc(t(l, "people known")))
		if s.Domestic > 0 {
			fmt.Fprintf(b, "<p class=\"note\">* %s</p>\n", esc(fmt.Sprintf(t(l, "domestic only"), l.Number(float64(s.Domestic), 0))))
		}
		if k == 0 {
			b.WriteString("</div></div>\n")
		}
		b.WriteString("</article>\n")
	}
	b.WriteString("</div>\n")
	if len(empty) > 0 {
		fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", esc(fmt.Sprintf(t(l, "no data for"), strings.Join(empty, ", "))))
	}
	b.WriteString("</section>\n")
	return drawn
}

// worstSeries is the basket when it was drawn, else the main category.
func (in *doc) worstSeries(ss []figures.Series) *figures.Series {
	for i := range ss {
		if ss[i].Name == analysis.BasketCategory {
			return &ss[i]
		}
	}
	if len(ss) > 0 {
		return &ss[0]
	}
	return nil
}

func (in *doc) writeWorst(b *strings.Builder, ss []figures.Series) {
	first := in.worstSeries(ss)
	if first == nil {
		return
	}
	r := in.Result
	l := in.Lang
	fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n<div class=\"grid2\">\n", esc(t(l, "worst")),
		esc(fmt.Sprintf(t(l, "worst note"), l.Number(float64(in.WorstN), 0), in.category(first.Name))))
	for _, ctry := range r.Countries {
		// The basket first; where it is unknown for a whole country, the
		// main category.
		s := first
		vs := figures.Worst(r, *s, ctry, in.WorstN)
		if len(vs) == 0 && len(ss) > 0 && s != &ss[0] {
			s = &ss[0]
			vs = figures.Worst(r, *s, ctry, in.WorstN)
		}
		if len(vs) == 0 {
			continue
		}
		basket := s.Name == analysis.BasketCategory
		head := countryName(l, ctry)
		if s != first {
			head += " — " + in.category(s.Name)
		}
		fmt.Fprintf(b, "<div>\n<h3>%s</h3>\n<table>\n<thead><tr><th class=\"l\">%s</th><th class=\"l\">%s</th><th>%s</th><th>%s</th>",
			esc(head), esc(t(l, "village")), esc(t(l, "area")), esc(t(l, "people")), esc(t(l, "distance")))
		if basket {
			fmt.Fprintf(b, "<th class=\"l\">%s</th>", esc(t(l, "farthest need")))
		}
		b.WriteString("</tr></thead>\n<tbody>\n")
		for _, v := range vs {
			vl := &r.Villages[v]
			pop := "–"
			if vl.HasPopulation {
				pop = l.Number(vl.Population, 0)
			}
			d := l.Distance(s.D[v])
			if math.IsInf(s.D[v], 1) {
				d = t(l, "none")
			}
			cls, mark := "", ""
			if s.Basis[v] == figures.Domestic {
				cls, mark = ` class="dom"`, "*"
			}
			fmt.Fprintf(b, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%s</td><td%s>%s%s</td>",
				esc(in.displayName(vl.Name)), esc(in.displayName(vl.AreaName)), esc(pop), cls, esc(d), mark)
			if basket {
				fmt.Fprintf(b, "<td class=\"l\">%s</td>", esc(in.category(figures.FarthestNeed(r, v, s.Basis[v]))))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody></table>\n</div>\n")
	}
	b.WriteString("</div>\n</section>\n")
}
