package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/draw"
	"github.com/partons/partons/render/report/figures"
	"github.com/partons/partons/render/report/input"
)

func (in *doc) writeScenario(b *strings.Builder, f *draw.Frame) {
	s := in.Scenario
	if s == nil {
		return
	}
	l := in.Lang
	r := in.Result
	breaks := s.Breaks()
	fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n", esc(fmt.Sprintf(t(l, "scenario"), s.Name)),
		esc(fmt.Sprintf(t(l, "scenario note"), in.category(s.Category))))
	f.Draw(b, draw.Map{
		Label: fmt.Sprintf(t(l, "scenario"), s.Name),
		Fill:  func(v int) string { return draw.DeltaFill(s.DeltaM[v], breaks) },
		Order: func(v int) (float64, bool) { return math.Abs(s.DeltaM[v]), !math.IsNaN(s.DeltaM[v]) },
	}, l)
	b.WriteString(`<ul class="legend">`)
	k := len(breaks)
	labels := []string{fmt.Sprintf(l.Word("closer+"), l.Threshold(breaks[k-1]))}
	for j := k - 1; j >= 1; j-- {
		labels = append(labels, fmt.Sprintf(l.Word("closer"), l.Threshold(breaks[j-1]), l.Threshold(breaks[j])))
	}
	labels = append(labels, fmt.Sprintf(l.Word("same"), l.Threshold(breaks[0])))
	for j := 1; j < k; j++ {
		labels = append(labels, fmt.Sprintf(l.Word("farther"), l.Threshold(breaks[j-1]), l.Threshold(breaks[j])))
	}
	labels = append(labels, fmt.Sprintf(l.Word("farther+"), l.Threshold(breaks[k-1])))
	for i, lab := range labels {
		fmt.Fprintf(b, `<li><i style="background:%s"></i>%s</li>`, qml.Ramp(qml.Diverging, float64(i)/float64(len(labels)-1)), esc(lab))
	}
	fmt.Fprintf(b, `<li><i style="background:%s"></i>%s</li></ul>`+"\n", qml.NoDataColor, esc(t(l, "legend unknown")))

	var lose, gain []int
	for v := range r.Villages {
		switch d := s.DeltaM[v]; {
		case d > 0:
			lose = append(lose, v)
		case d < 0:
			gain = append(gain, v)
		}
	}
	sort.SliceStable(lose, func(i, j int) bool { return s.DeltaM[lose[i]] > s.DeltaM[lose[j]] })
	sort.SliceStable(gain, func(i, j int) bool { return s.DeltaM[gain[i]] < s.DeltaM[gain[j]] })
	b.WriteString("<div class=\"grid2\">\n")
	for _, part := range []struct {
		key string
		vs  []int
	}{{"lose", lose}, {"gain", gain}} {
		fmt.Fprintf(b, "<div>\n<h3>%s</h3>\n", esc(t(l, part.key)))
		if len(part.vs) == 0 {
			fmt.Fprintf(b, "<p>%s</p>\n</div>\n", esc(t(l, "nobody")))
			continue
		}
		vs := part.vs
		if len(vs) > in.WorstN {
			vs = vs[:in.WorstN]
		}
		fmt.Fprintf(b, "<table>\n<thead><tr><th class=\"l\">%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
			esc(t(l, "village")), esc(t(l, "people")), esc(t(l, "change")))
		for _, v := range vs {
			vl := &r.Villages[v]
			pop := "–"
			if vl.HasPopulation {
				pop = l.Number(vl.Population, 0)
			}
			sign := "+"
			if s.DeltaM[v] < 0 {
				sign = ""
			}
			fmt.Fprintf(b, "<tr><td class=\"l\">%s</td><td>%s</td><td>%s%s</td></tr>\n", esc(in.displayName(vl.Name)), esc(pop), sign, esc(l.Distance(s.DeltaM[v])))
		}
		b.WriteString("</tbody></table>\n</div>\n")
	}
	b.WriteString("</div>\n</section>\n")
}

func (in *doc) writeSites(b *strings.Builder, f *draw.Frame, ss []figures.Series) {
	if len(in.Sites) == 0 {
		return
	}
	l := in.Lang
	fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n", esc(t(l, "sites")))
	fill := func(int) string { return qml.NoDataColor }
	if len(ss) > 0 {
		s := ss[0]
		fill = func(v int) string { return draw.ClassFill(s.D[v], in.Result.Params.ThresholdsM) }
	}
	sites := make([]draw.Marker, len(in.Sites))
	for i, s := range in.Sites {
		sites[i] = draw.Marker{Name: s.Name, Location: s.Location}
	}
	f.Draw(b, draw.Map{Label: t(l, "sites"), Fill: fill, Sites: sites}, l)
	fmt.Fprintf(b, "<table>\n<thead><tr><th class=\"l\">%s</th><th class=\"l\">%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		esc(t(l, "site")), esc(t(l, "category")), esc(t(l, "lonlat")), esc(t(l, "people served")))
	for _, s := range in.Sites {
		fmt.Fprintf(b, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%s, %s</td><td>%s</td></tr>\n",
			esc(s.Name), esc(in.category(s.Category)), esc(l.Number(s.Location[0], 5)), esc(l.Number(s.Location[1], 5)), esc(l.Number(s.PeopleServed, 0)))
	}
	b.WriteString("</tbody></table>\n</section>\n")
}

func (in *doc) writeSources(b *strings.Builder) {
	l := in.Lang
	r := in.Result
	fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n", esc(t(l, "sources")))
	if len(in.Sources) > 0 {
		fmt.Fprintf(b, "<div class=\"scroll\"><table>\n<thead><tr><th class=\"l\">%s</th><th class=\"l\">%s</th><th class=\"l\">%s</th><th class=\"l\">%s</th></tr></thead>\n<tbody>\n",
			esc(t(l, "source")), esc(t(l, "vintage")), esc(t(l, "licence")), esc(t(l, "attribution")))
		for _, s := range in.Sources {
			fmt.Fprintf(b, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td class=\"l\">%s</td><td class=\"l\">%s</td></tr>\n",
				esc(in.tr(s.Name)), esc(in.vintage(s.Vintage)), esc(in.tr(s.Licence)), esc(s.Attribution))
		}
		b.WriteString("</tbody></table></div>\n")
	}
	if len(in.Coverage) > 0 {
		byCat := map[string]map[string]input.CoverageNote{}
		var countries []string
		seen := map[string]bool{}
		for _, c := range in.Coverage {
			if byCat[c.Category] == nil {
				byCat[c.Category] = map[string]input.CoverageNote{}
			}
			byCat[c.Category][c.Country] = c
			if !seen[c.Country] {
				seen[c.Country] = true
				countries = append(countries, c.Country)
			}
		}
		sort.Strings(countries)
		fmt.Fprintf(b, "<h3>%s</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th class=\"l\">%s</th>", esc(t(l, "coverage")), esc(t(l, "category")))
		for _, c := range countries {
			fmt.Fprintf(b, "<th class=\"l\">%s</th>", esc(countryName(l, c)))
		}
		b.WriteString("</tr></thead>\n<tbody>\n")
		for _, cat := range sortedKeys(byCat) {
			fmt.Fprintf(b, "<tr><td class=\"l\">%s</td>", esc(in.category(cat)))
			for _, ctry := range countries {
				c, ok := byCat[cat][ctry]
				cell := "–"
				if ok {
					cell = in.grade(c)
				}
				fmt.Fprintf(b, "<td class=\"l\">%s</td>", esc(cell))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody></table></div>\n")
	}
	if len(in.Caveats) > 0 {
		fmt.Fprintf(b, "<h3>%s</h3>\n<ul>\n", esc(t(l, "caveats")))
		for _, c := range in.Caveats {
			attr := ""
			if _, ok := in.Translations[c]; !ok && l != qml.EN {
				attr = ` lang="en"` // free English text without a translation
			}
			fmt.Fprintf(b, "<li%s>%s</li>\n", attr, esc(in.tr(c)))
		}
		b.WriteString("</ul>\n")
	}
	var ts []string
	for _, tv := range r.Params.ThresholdsM {
		ts = append(ts, l.Threshold(tv))
	}
	fmt.Fprintf(b, "<h3>%s</h3>\n<p>%s</p>\n", esc(t(l, "method")), esc(fmt.Sprintf(t(l, "method text"), strings.Join(ts, ", "))))
	b.WriteString("</section>\n<footer>\n")
	var attrs []string
	seen := map[string]bool{}
	for _, a := range in.Attributions {
		if a != "" && !seen[a] {
			seen[a] = true
			attrs = append(attrs, a)
		}
	}
	if len(attrs) > 0 {
		fmt.Fprintf(b, "<p>%s</p>\n", esc(strings.Join(attrs, " · ")))
	}
	fmt.Fprintf(b, "<p class=\"note\">%s</p>\n</footer>\n", esc(t(l, "footer")))
}

// grade describes a coverage note: "partial · 2015-11 · 52 points".
func (in *doc) grade(c input.CoverageNote) string {
	l := in.Lang
	g := t(l, "none grade")
	switch {
	case c.Covered && c.Completeness == input.Complete:
		g = t(l, "complete")
	case c.Covered:
		g = t(l, "partial grade")
	}
	if !c.Covered {
		return g
	}
	parts := []string{g}
	if c.Vintage != "" {
		parts = append(parts, c.Vintage)
	}
	parts = append(parts, l.Number(float64(c.Points), 0)+" "+t(l, "points"))
	return strings.Join(parts, " · ")
}
