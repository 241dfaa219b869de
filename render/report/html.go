package report

import (
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/draw"
	"github.com/partons/partons/render/report/figures"
)

// Write renders the report of in as one self-contained HTML document.
// It fails only on an inconsistent Input (ErrInput) or a write error.
// Complexity O(villages × categories + vertices); the document is built
// in memory (about 1 MB for the 309-village Westhoek sample).
func Write(w io.Writer, in Input) error {
	if err := in.Check(); err != nil {
		return err
	}
	if _, err := qml.ParseLang(string(in.Lang)); err != nil {
		in.Lang = qml.EN
	}
	if in.Aggregates == nil {
		in.Aggregates = in.Result.Aggregates()
	}
	if in.MainCategory == "" {
		in.MainCategory = MainCategory(in.Result)
	}
	if in.WorstN <= 0 {
		in.WorstN = 10
	}
	f, err := newFrame(&in)
	if err != nil {
		return err
	}
	var b strings.Builder
	in.writeHead(&b)
	areas := make([]orb.MultiPolygon, len(in.Areas))
	for i, a := range in.Areas {
		areas[i] = a.Geometry
	}
	f.Defs(&b, areas)
	in.writeIntro(&b)
	in.writeHeadline(&b)
	ss := in.writeMaps(&b, f)
	in.writeRoads(&b, f)
	in.writeTransit(&b, f)
	in.writeAreas(&b)
	in.writeHours(&b)
	in.writeWorst(&b, ss)
	in.writeScenario(&b, f)
	in.writeSites(&b, f, ss)
	in.writeSources(&b)
	b.WriteString("</main>\n</body>\n</html>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// esc escapes text for HTML.
func esc(s string) string { return html.EscapeString(s) }

const css = `:root{--ink:#1f2328;--muted:#5b636b;--line:#d8dde3}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--ink);margin:0;background:#fff}
main{max-width:1140px;margin:0 auto;padding:28px 24px 40px}
h1{font-size:28px;margin:0 0 6px}h2{font-size:21px;border-bottom:2px solid var(--ink);padding-bottom:3px;margin:34px 0 12px}h3{font-size:17px;margin:0 0 6px}
p{margin:6px 0}.lede{font-size:16px}.note{color:var(--muted);font-size:13px}
.warn{background:#fff6dd;border-left:5px solid #e69f00;padding:10px 16px;margin:16px 0}.warn h2{border:0;margin:0 0 4px;font-size:18px}.warn ul{margin:4px 0;padding-left:20px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:14px;margin:6px 0}
th,td{padding:3px 9px;border-bottom:1px solid var(--line);text-align:right;vertical-align:top}
th{font-weight:600;background:#f3f5f7}th[colspan]{text-align:center}th.l,td.l{text-align:left}td.dom{font-style:italic;color:#555}td.vil{color:#555}.roadmap{max-width:680px}
.scroll{overflow-x:auto}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:18px}
.card{border:1px solid var(--line);border-radius:6px;padding:12px 14px;break-inside:avoid;page-break-inside:avoid}
.card.main{grid-column:1/-1}.card.main .pair{display:grid;grid-template-columns:3fr 2fr;gap:18px;align-items:start}
svg.map{width:100%;height:auto;display:block}svg.chart{width:100%;height:auto;display:block;margin-top:8px}
.sea{fill:#f2f4f6}.polys use{stroke:#fff;stroke-width:.35}.pts circle{stroke:#333;stroke-width:.5}
.areas use{fill:none;stroke:#222;stroke-width:.9}.svc{stroke:#000;stroke-width:1.1;fill:none}.site{fill:#a50f15;stroke:#fff;stroke-width:1}
.scale path{fill:none;stroke:#222;stroke-width:1.2}svg text{font-size:10px;fill:#333;font-family:inherit}
.grid path{stroke:#e3e6ea}.yl{text-anchor:end}.xl{text-anchor:middle}.thr{stroke:#8a8f95;stroke-dasharray:3 3}.cdf{fill:none;stroke-width:2.2}.axis{fill:none;stroke:#444}
.legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:3px 14px;font-size:13px}
.legend i{display:inline-block;width:12px;height:12px;border:1px solid #555;margin-right:5px;vertical-align:-1px}
.legend i.line{height:3px;border:0;vertical-align:3px;width:16px}.legend i.cross{border:0;width:auto;height:auto;font-style:normal;margin-right:4px}
.grid2{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:18px}
footer{margin-top:30px;border-top:1px solid var(--line);padding-top:8px}
@media (max-width:700px){.card.main .pair{grid-template-columns:1fr}.cards,.grid2{grid-template-columns:1fr}}
@media print{main{max-width:none;padding:0}body{font-size:10.5pt}.card{border:0;padding:0}h2{break-after:avoid}.cards,.grid2{grid-template-columns:1fr 1fr}.card.main .pair{grid-template-columns:3fr 2fr}@page{size:A4;margin:14mm}}
`

func (in *Input) writeHead(b *strings.Builder) {
	title := in.Title
	if title == "" {
		title = t(in.Lang, "title")
	}
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", esc(string(in.Lang)))
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(b, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", esc(title), css)
	fmt.Fprintf(b, "<main>\n<header>\n<h1>%s</h1>\n", esc(title))
	r := in.Result
	sub := in.Subtitle
	if sub == "" {
		var names []string
		for _, c := range r.Countries {
			names = append(names, countryName(in.Lang, c))
		}
		sub = strings.Join(names, " – ")
	}
	if sub != "" {
		fmt.Fprintf(b, "<p class=\"lede\"><strong>%s</strong></p>\n", esc(sub))
	}
	fmt.Fprintf(b, "<p class=\"lede\">%s</p>\n", esc(fmt.Sprintf(t(in.Lang, "lede"),
		in.Lang.Number(float64(len(r.Villages)), 0), in.Lang.Number(float64(len(r.Services)), 0), in.Lang.Number(float64(len(r.Categories)), 0))))
	in.writeDataDates(b)
	b.WriteString("</header>\n")
}

// writeDataDates states the date of each data source ("unknown" when a
// source has none, or when no source is known at all): the report never
// prints the clock nor a made-up date.
func (in *Input) writeDataDates(b *strings.Builder) {
	if len(in.Sources) == 0 {
		fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", esc(t(in.Lang, "data date unknown")))
		return
	}
	var parts []string
	for _, s := range in.Sources {
		parts = append(parts, fmt.Sprintf(t(in.Lang, "pair"), in.tr(s.Name), in.vintage(s.Vintage)))
	}
	fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", esc(fmt.Sprintf(t(in.Lang, "data dates"), strings.Join(parts, " · "))))
}

// tr returns a source or caveat text in the report language (as given
// when Translations has no entry for it).
func (in *Input) tr(s string) string {
	if w, ok := in.Translations[s]; ok {
		return in.Lang.Pick(w)
	}
	return s
}

// vintage is a source's date in the report language, "unknown" when empty.
func (in *Input) vintage(v string) string {
	if v == "" {
		return t(in.Lang, "unknown")
	}
	return in.tr(v)
}

// writeIntro warns about what the data does not cover, before any figure.
// A category is listed for a country when the data leaves it unknown for
// that country's villages (their status says so), so the warning always
// agrees with the tables and maps below: a run that measures without
// coverage rules (no cross-border split, as a location report) lists none.
func (in *Input) writeIntro(b *strings.Builder) {
	r := in.Result
	var items []string
	for _, ctry := range r.Countries {
		var cats []string
		for c, name := range r.Categories {
			if uncoveredAt(r, c, ctry) {
				cats = append(cats, in.category(name))
			}
		}
		if len(cats) > 0 {
			items = append(items, "<strong>"+esc(countryName(in.Lang, ctry))+"</strong>: "+esc(strings.Join(cats, ", ")))
		}
	}
	partialBy := map[string][]string{}
	for _, c := range in.Coverage {
		if c.Covered && c.Completeness == Partial {
			partialBy[c.Country] = append(partialBy[c.Country], in.category(c.Category))
		}
	}
	var partial []string
	for _, ctry := range sortedKeys(partialBy) {
		partial = append(partial, "<strong>"+esc(countryName(in.Lang, ctry))+"</strong>: "+esc(strings.Join(partialBy[ctry], ", ")))
	}
	unknownPop := 0
	for v := range r.Villages {
		if !r.Villages[v].HasPopulation {
			unknownPop++
		}
	}
	if len(items) == 0 && len(partial) == 0 && unknownPop == 0 && len(in.Warnings) == 0 {
		return
	}
	fmt.Fprintf(b, "<section class=\"warn\">\n<h2>%s</h2>\n", esc(t(in.Lang, "read first")))
	for _, w := range in.Warnings {
		fmt.Fprintf(b, "<p><strong>%s</strong></p>\n", esc(in.tr(w)))
	}
	if len(items) > 0 {
		fmt.Fprintf(b, "<p>%s</p>\n<ul>\n", esc(t(in.Lang, "gaps")))
		for _, it := range items {
			fmt.Fprintf(b, "<li>%s</li>\n", it)
		}
		b.WriteString("</ul>\n")
	}
	if len(partial) > 0 {
		fmt.Fprintf(b, "<p>%s</p>\n<ul>\n", esc(t(in.Lang, "partial")))
		for _, it := range partial {
			fmt.Fprintf(b, "<li>%s</li>\n", it)
		}
		b.WriteString("</ul>\n")
	}
	if unknownPop > 0 {
		fmt.Fprintf(b, "<p>%s</p>\n", esc(fmt.Sprintf(t(in.Lang, "pop unknown"), in.Lang.Number(float64(unknownPop), 0))))
	}
	b.WriteString("</section>\n")
}

// uncoveredAt says whether the data leaves category c unknown for the
// villages of country ctry: some of them have a status saying their own
// country, or every country, is not covered.
func uncoveredAt(r *analysis.Result, c int, ctry string) bool {
	for v := range r.Villages {
		if r.Villages[v].Country != ctry {
			continue
		}
		switch r.Rows[v].Cats[c].Status {
		case analysis.StatusNotCovered, analysis.StatusDomesticNotCovered:
			return true
		}
	}
	return false
}

// reportCats lists the category positions in report order: the main
// category, the others in Result order, then the basket (len(Categories)).
func (in *Input) reportCats() []int {
	r := in.Result
	var out []int
	main := figures.CatIndex(r, in.MainCategory)
	if main >= 0 {
		out = append(out, main)
	}
	for c := range r.Categories {
		if c != main {
			out = append(out, c)
		}
	}
	if len(r.Params.Basket) > 0 {
		out = append(out, len(r.Categories))
	}
	return out
}

func (in *Input) catName(c int) string {
	if c == len(in.Result.Categories) {
		return analysis.BasketCategory
	}
	return in.Result.Categories[c]
}

// shareCells writes the shares within each threshold and the median of
// an aggregate, marked when measured within the country only.
func (in *Input) shareCells(b *strings.Builder, a *analysis.Aggregate, bs figures.Basis, n int) {
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

func (in *Input) thresholdHeads(b *strings.Builder) {
	for _, tv := range in.Result.Params.ThresholdsM {
		fmt.Fprintf(b, "<th>%s</th>", esc(fmt.Sprintf(t(in.Lang, "within"), in.Lang.Threshold(tv))))
	}
	fmt.Fprintf(b, "<th>%s</th>", esc(t(in.Lang, "median")))
}

func (in *Input) writeHeadline(b *strings.Builder) {
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

func (in *Input) writeAreas(b *strings.Builder) {
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

// distanceLegend lists the classes of draw.ClassFill with the QML's words.
func (in *Input) distanceLegend(b *strings.Builder, breaks []float64, services bool) {
	in.classLegend(b, breaks, in.Lang.Threshold, services)
}

// classLegend lists the classes of draw.ClassFill on breaks, each limit
// written by format (metres, minutes).
func (in *Input) classLegend(b *strings.Builder, breaks []float64, format func(float64) string, services bool) {
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

func (in *Input) servicePoints(cat string) []orb.Point {
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
func (in *Input) writeMaps(b *strings.Builder, f *draw.Frame) []figures.Series {
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
func (in *Input) worstSeries(ss []figures.Series) *figures.Series {
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

func (in *Input) writeWorst(b *strings.Builder, ss []figures.Series) {
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

// sortedKeys returns a map's keys sorted.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
