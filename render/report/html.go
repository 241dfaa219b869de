package report

import (
	"fmt"
	"html"
	"io"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/figures"
	"github.com/partons/partons/render/report/input"
)

// Write renders the report of in as one self-contained HTML document.
// It fails only on an inconsistent Input (input.ErrInput) or a write error.
// Complexity O(villages × categories + vertices); the document is built
// in memory (about 1 MB for the 309-village Westhoek sample).
func Write(w io.Writer, in input.Input) error {
	if err := in.Check(); err != nil {
		return err
	}
	if _, err := qml.ParseLang(string(in.Lang)); err != nil {
		in.Lang = qml.EN
	}
	if in.Aggregates == nil {
		in.Aggregates = aggregates.Of(in.Result)
	}
	if in.MainCategory == "" {
		in.MainCategory = input.MainCategory(in.Result)
	}
	if in.WorstN <= 0 {
		in.WorstN = 10
	}
	d := &doc{&in}
	f, err := newFrame(d)
	if err != nil {
		return err
	}
	var b strings.Builder
	d.writeHead(&b)
	areas := make([]orb.MultiPolygon, len(in.Areas))
	for i, a := range in.Areas {
		areas[i] = a.Geometry
	}
	f.Defs(&b, areas)
	d.writeIntro(&b)
	d.writeHeadline(&b)
	ss := d.writeMaps(&b, f)
	d.writeRoads(&b, f)
	d.writeTransit(&b, f)
	d.writeAreas(&b)
	d.writeHours(&b)
	d.writeWorst(&b, ss)
	d.writeScenario(&b, f)
	d.writeSites(&b, f, ss)
	d.writeSources(&b)
	b.WriteString("</main>\n</body>\n</html>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// doc is a report being written: its input, defaults filled in.
type doc struct{ *input.Input }

// category is a category's name in the report's language; one without a
// translation is shown by its label when it has one.
func (in *doc) category(c string) string {
	if s := in.Lang.Category(c); s != c {
		return s
	}
	if l := in.Labels[c]; l != "" {
		return l
	}
	return c
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

func (in *doc) writeHead(b *strings.Builder) {
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
func (in *doc) writeDataDates(b *strings.Builder) {
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
func (in *doc) tr(s string) string {
	if w, ok := in.Translations[s]; ok {
		return in.Lang.Pick(w)
	}
	return s
}

// vintage is a source's date in the report language, "unknown" when empty.
func (in *doc) vintage(v string) string {
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
func (in *doc) writeIntro(b *strings.Builder) {
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
		if c.Covered && c.Completeness == input.Partial {
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
func (in *doc) reportCats() []int {
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

func (in *doc) catName(c int) string {
	if c == len(in.Result.Categories) {
		return analysis.BasketCategory
	}
	return in.Result.Categories[c]
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
