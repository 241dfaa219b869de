package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/render/report/figures"
)

// shareCells writes the shares within each threshold and the median of
// an aggregate, marked when measured within the country only.
func (in *doc) shareCells(b *strings.Builder, a *analysis.Aggregate, bs figures.Basis, n int) {
	cls, mark := "", ""
	if bs == figures.Domestic {
		cls, mark = ` class="dom"`, "*"
	}
	if a == nil || bs == figures.Unknown {
		for i := 0; i <= n; i++ {
			b.WriteString("<td>–</td>")
		}
		return
	}
	for i := 0; i < n; i++ {
		s := math.NaN()
		if i < len(a.ShareWithin) {
			s = a.ShareWithin[i]
		}
		fmt.Fprintf(b, "<td%s>%s%s</td>", cls, esc(in.Lang.Percent(s)), mark)
	}
	fmt.Fprintf(b, "<td%s>%s%s</td>", cls, esc(in.Lang.Distance(a.Median)), mark)
}

func (in *doc) thresholdHeads(b *strings.Builder) {
	for _, tv := range in.Result.Params.ThresholdsM {
		fmt.Fprintf(b, "<th>%s</th>", esc(fmt.Sprintf(t(in.Lang, "within"), in.Lang.Threshold(tv))))
	}
	fmt.Fprintf(b, "<th>%s</th>", esc(t(in.Lang, "median")))
}

func (in *doc) writeHeadline(b *strings.Builder) {
	r := in.Result
	n := len(r.Params.ThresholdsM)
	fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n<div class=\"scroll\"><table>\n<thead><tr><th class=\"l\" rowspan=\"2\">%s</th>",
		esc(t(in.Lang, "headline")), esc(t(in.Lang, "headline note")), esc(t(in.Lang, "category")))
	for _, ctry := range r.Countries {
		fmt.Fprintf(b, "<th colspan=\"%d\">%s</th>", n+1, esc(countryName(in.Lang, ctry)))
	}
	b.WriteString("</tr>\n<tr>")
	for range r.Countries {
		in.thresholdHeads(b)
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	byVillages := false
	for _, c := range in.reportCats() {
		fmt.Fprintf(b, "<tr><td class=\"l\">%s</td>", esc(in.category(in.catName(c))))
		var s *figures.Series
		for _, ctry := range r.Countries {
			a, bs := figures.Headline(in.Aggregates, analysis.LevelCountry, ctry, in.catName(c))
			if bs == figures.Unknown { // nobody's population known: count villages
				if s == nil {
					x := figures.NewSeries(r, c)
					s = &x
				}
				inCtry := func(v int) bool { return r.Villages[v].Country == ctry }
				if shares, med, k := figures.VillageFigures(s.D, inCtry, r.Params.ThresholdsM); k > 0 {
					byVillages = true
					in.villageCells(b, shares, med, in.Lang.Distance)
					continue
				}
			}
			in.shareCells(b, a, bs, n)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table></div>\n")
	if byVillages {
		fmt.Fprintf(b, "<p class=\"note\">° %s</p>\n", esc(t(in.Lang, "by villages")))
	}
	b.WriteString("</section>\n")
}

func (in *doc) writeAreas(b *strings.Builder) {
	r := in.Result
	main := in.MainCategory
	var rows []*analysis.Aggregate
	for i := range in.Aggregates {
		a := &in.Aggregates[i]
		if a.Level == analysis.LevelArea && a.Category == main && a.Basis == analysis.BasisNearest {
			rows = append(rows, a)
		}
	}
	if len(rows) == 0 {
		return
	}
	n := len(r.Params.ThresholdsM)
	fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th class=\"l\">%s</th><th class=\"l\">%s</th><th>%s</th><th>%s</th>",
		esc(fmt.Sprintf(t(in.Lang, "per area"), in.category(main))), esc(t(in.Lang, "area")), esc(t(in.Lang, "country")),
		esc(t(in.Lang, "villages")), esc(t(in.Lang, "people")))
	in.thresholdHeads(b)
	b.WriteString("</tr></thead>\n<tbody>\n")
	var mainS *figures.Series
	if c := figures.CatIndex(r, main); c >= 0 {
		x := figures.NewSeries(r, c)
		mainS = &x
	}
	byVillages := false
	for _, a := range rows {
		h, bs := figures.Headline(in.Aggregates, analysis.LevelArea, a.Code, main)
		if h != nil && h.Country != a.Country { // area codes are unique per country only
			h, bs = a, figures.Nearest
			if a.PopulationMeasured == 0 {
				bs = figures.Unknown
			}
		}
		name := a.Name
		if name == "" {
			name = a.Code
		}
		people := in.Lang.Number(a.PopulationKnown, 0)
		if a.PopulationKnown == 0 && a.VillagesPopulationUnknown > 0 {
			people = "–" // unknown, not zero
		}
		fmt.Fprintf(b, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%s</td><td>%s</td>", esc(in.displayName(name)), esc(a.Country),
			esc(in.Lang.Number(float64(a.Villages), 0)), esc(people))
		if bs == figures.Unknown && a.PopulationKnown == 0 && mainS != nil {
			inArea := func(v int) bool { return r.Villages[v].Country == a.Country && r.Villages[v].AreaCode == a.Code }
			if shares, med, k := figures.VillageFigures(mainS.D, inArea, r.Params.ThresholdsM); k > 0 {
				byVillages = true
				in.villageCells(b, shares, med, in.Lang.Distance)
				b.WriteString("</tr>\n")
				continue
			}
		}
		in.shareCells(b, h, bs, n)
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table></div>\n")
	if byVillages {
		fmt.Fprintf(b, "<p class=\"note\">° %s</p>\n", esc(t(in.Lang, "by villages")))
	}
	b.WriteString("</section>\n")
}
