package site

import (
	"bytes"
	"errors"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/placenames"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/site/input"
	"github.com/partons/partons/render/site/layout"
	"github.com/partons/partons/render/site/svgmap"
)

// Config are the site's settings.
type Config struct {
	// FormURL is where "report a change" links go: an http(s) form,
	// given the village and service as query parameters, or a mailto:
	// address. Empty: no such links.
	FormURL string
	// Title replaces the site's title (the same in every language).
	Title string
}

// File is one file of the site: a slash-separated path and its bytes.
type File struct {
	Name string
	Data []byte
}

// ErrNoRuns is returned by Build without any run.
var ErrNoRuns = errors.New("site: no run to publish")

// Build renders the site of runs (any order: they are sorted by their
// data date) as files, sorted by name: a language chooser (index.html),
// the stylesheet, and for each of nl, fr and en a map and index of the
// villages (worst served first, and by name) and one page per village of
// any run. Every text from the data is escaped by html/template; the
// same runs and config give the same bytes.
//
// Cost: O(villages × services) geodesics for the nearest service of each
// side (a few milliseconds for the Westhoek sample).
func Build(runs []*input.Run, cfg Config) ([]File, error) {
	if len(runs) == 0 {
		return nil, ErrNoRuns
	}
	form, err := parseFormURL(cfg.FormURL)
	if err != nil {
		return nil, err
	}
	runs = append([]*input.Run(nil), runs...)
	labels := input.Order(runs)
	vs := collectVillages(runs)
	newest := runs[len(runs)-1]
	cats := categoriesOf(runs)
	b := &builder{facts: map[*village]*villageFacts{}, reports: map[int][]residentReport{}, runs: runs, labels: labels, villages: vs, cats: cats, form: form, cfg: cfg, newest: newest, areas: areasOf(runs)}
	files := []File{{Name: "style.css", Data: []byte(layout.CSS)}}
	root, err := b.render("root", b.rootPage())
	if err != nil {
		return nil, err
	}
	files = append(files, File{Name: "index.html", Data: root})
	for _, l := range qml.Langs {
		for _, byName := range []bool{false, true} {
			name := string(l) + "/index.html"
			if byName {
				name = string(l) + "/by-name.html"
			}
			data, err := b.render("index", b.indexPage(l, byName))
			if err != nil {
				return nil, err
			}
			files = append(files, File{Name: name, Data: data})
		}
		if len(newest.Reports) > 0 {
			data, err := b.render("reports", b.reportsPage(l))
			if err != nil {
				return nil, err
			}
			files = append(files, File{Name: string(l) + "/reports.html", Data: data})
		}
		for _, v := range vs {
			data, err := b.render("village", b.villagePage(l, v))
			if err != nil {
				return nil, err
			}
			files = append(files, File{Name: string(l) + "/" + v.Slug + ".html", Data: data})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, nil
}

// categoriesOf is every category of any run, in the newest run's order,
// then older runs' others.
func categoriesOf(runs []*input.Run) []string {
	seen := map[string]bool{}
	var out []string
	for i := len(runs) - 1; i >= 0; i-- {
		for _, c := range runs[i].Categories {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

type builder struct {
	facts    map[*village]*villageFacts
	reports  map[int][]residentReport // placed reports per run
	runs     []*input.Run
	labels   []string
	villages []*village
	cats     []string
	form     formLink
	cfg      Config
	newest   *input.Run
	areas    []input.AreaShape // the outlines the maps draw (areasOf)
}

func (b *builder) render(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := layout.Execute(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Page is what every page shows: its language, the links to the
// same page in the other languages, and the footer.
type Page struct {
	Lang      string
	L         qml.Lang
	Title     string
	SiteTitle string
	Up        string // path to the site's root from the page
	Switch    []langLink
	Years     string
	Runs      int
}

type langLink struct {
	Lang, Name, Href string
	Current          bool
}

var langNames = map[qml.Lang]string{qml.NL: "Nederlands", qml.FR: "Français", qml.EN: "English"}

func (b *builder) page(l qml.Lang, title, file string) Page {
	c := Page{Lang: string(l), L: l, Title: title, SiteTitle: b.siteTitle(l), Up: "../", Runs: len(b.runs),
		Years: strings.Join(b.labels, ", ")}
	for _, x := range qml.Langs {
		c.Switch = append(c.Switch, langLink{Lang: string(x), Name: langNames[x], Href: "../" + string(x) + "/" + file, Current: x == l})
	}
	return c
}

func (b *builder) siteTitle(l qml.Lang) string {
	if b.cfg.Title != "" {
		return b.cfg.Title
	}
	return layout.Text(l, "site_title")
}

type rootPage struct {
	Titles []langLink
	Title  string
}

func (b *builder) rootPage() rootPage {
	p := rootPage{Title: b.siteTitle(qml.EN)}
	for _, l := range qml.Langs {
		p.Titles = append(p.Titles, langLink{Lang: string(l), Name: langNames[l] + " — " + b.siteTitle(l), Href: string(l) + "/index.html"})
	}
	return p
}

// indexRow is one village in the index.
type indexRow struct {
	Name, Href, Country, Area, Population string
	Worst                                 string // the farthest basket service, formatted
	Class                                 string
}

type indexPage struct {
	Page
	ByName     bool
	HasReports bool
	Map        svgmap.Map
	Rows       []indexRow
}

func (b *builder) indexPage(l qml.Lang, byName bool) indexPage {
	file := "index.html"
	title := layout.Text(l, "index_worst")
	if byName {
		file, title = "by-name.html", layout.Text(l, "index_name")
	}
	p := indexPage{Page: b.page(l, title, file), ByName: byName, HasReports: len(b.newest.Reports) > 0}
	worst := make(map[*village]float64, len(b.villages))
	home := make(map[*village]bool, len(b.villages))
	for _, v := range b.villages {
		row, ri := v.latest()
		worst[v], home[v] = badness(row, b.runs[ri].Categories)
	}
	worstText := func(v *village) string {
		if home[v] && !math.IsNaN(worst[v]) {
			return kmText(worst[v], l) + " (" + layout.Text(l, "home") + ")"
		}
		return kmText(worst[v], l)
	}
	order := append([]*village(nil), b.villages...)
	sort.SliceStable(order, func(i, j int) bool {
		a, c := order[i], order[j]
		if !byName {
			wa, wc := worst[a], worst[c]
			if math.IsNaN(wa) != math.IsNaN(wc) {
				return !math.IsNaN(wa)
			}
			if wa != wc && !math.IsNaN(wa) {
				return wa > wc
			}
		}
		na, nc := placeName(a.Name, l), placeName(c.Name, l)
		if na != nc {
			return na < nc
		}
		return a.ID < c.ID
	})
	for _, v := range order {
		row, _ := v.latest()
		p.Rows = append(p.Rows, indexRow{Name: placeName(v.Name, l), Href: v.Slug + ".html", Country: countryName(v.Country, l),
			Area: placeName(v.Area, l), Population: popText(row, l), Worst: worstText(v), Class: svgmap.DistClass(worst[v])})
	}
	places := make([]svgmap.Place, len(b.villages))
	for i, v := range b.villages {
		places[i] = svgmap.Place{Lon: v.Lon, Lat: v.Lat, Country: v.Country, Shape: v.Shape, Href: v.Slug + ".html",
			Title: placeName(v.Name, l) + " (" + countryName(v.Country, l) + "): " + worstText(v), Class: svgmap.DistClass(worst[v])}
	}
	p.Map = svgmap.Region(mapW, places, b.outlines(l, [2]string{}), func(cc string) string { return countryName(cc, l) })
	return p
}

func popText(row input.Row, l qml.Lang) string {
	if v := row.Float("population"); !math.IsNaN(v) {
		return l.Number(v, 0)
	}
	return "–"
}

func kmText(m float64, l qml.Lang) string {
	if math.IsNaN(m) {
		return layout.Text(l, "unknown")
	}
	return l.Number(m/1000, 1) + " km"
}

func minText(v float64, l qml.Lang) string {
	if math.IsNaN(v) {
		return "–"
	}
	if v < 0.5 {
		return "< 1 min"
	}
	return l.Number(math.Round(v), 0) + " min"
}

// mapW is the width of the region map in SVG units.
const mapW = 640

// trend is a small line chart of one category's distance over the years.
type trend struct {
	Category string
	Points   string // polyline points
	Dots     []svgmap.Dot
	Summary  string // "2024: 1.2 km → 2026: 1.5 km", the chart's text
}

// villagePage is the page of one village in one language.
type villagePage struct {
	Page
	Name, Native, Country, Area, Population string
	Facts                                   string // area · country
	NativeLang                              string // the language of Native, when the exonym table says
	NotInLatest                             bool
	DataDate                                string
	Worst                                   string
	Map                                     *svgmap.Map // the village in its area; nil without area outlines
	ReportHref                              string
	Services                                []serviceRow
	HasPT                                   bool
	Indicators                              []indicatorRow // official indicator sets, when the run has them
	Trends                                  []trend
	OneYear                                 bool
	Changes                                 []changeView
	Reports                                 []reportRow
	ListAll                                 bool // false: the reports are those near the village
	HasReports                              bool
	Sources                                 []sourceView
	OSM                                     bool
}

// serviceRow is one side of one category in the table of nearest services.
type serviceRow struct {
	Category, Side      string
	First               bool // the category's first row (its name spans both)
	Known               bool
	Service, Country    string
	Straight, Road      string
	Foot, Bike, Car, PT string
	PTKnown, Abroad     bool
	Missing             string // why an unknown side is unknown
	ReportHref          string
}

// missingText says why a side has no nearest service, from the
// category's status in villages.csv (README "Statuses").
func missingText(status string, home bool, l qml.Lang) string {
	switch {
	case status == "not_covered", home && status == "domestic_not_covered", !home && status == "abroad_not_covered":
		return layout.Text(l, "not_covered")
	case status == "no_service", home && status == "no_domestic_service":
		return layout.Text(l, "no_service")
	}
	return layout.Text(l, "none_known")
}

type changeView struct {
	Between, What, Name, Category, Country, Distance string
	Opened                                           bool
}

type sourceView struct{ Name, Vintage, Licence, Attribution string }

func (b *builder) villagePage(l qml.Lang, v *village) villagePage {
	row, ri := v.latest()
	run := b.runs[ri]
	name := placeName(v.Name, l)
	p := villagePage{Page: b.page(l, name, v.Slug+".html"), Name: name, Country: countryName(v.Country, l),
		Area: placeName(v.Area, l), Population: popText(row, l), NotInLatest: ri != len(b.runs)-1,
		DataDate: b.labels[ri]}
	w, home := badness(row, run.Categories)
	if p.Worst = kmText(w, l); home && !math.IsNaN(w) {
		p.Worst += " (" + layout.Text(l, "home") + ")"
	}
	p.Map = b.locator(l, v, svgmap.DistClass(w), name+": "+p.Worst)
	p.Facts = p.Country
	if p.Area != "" {
		p.Facts = p.Area + " · " + p.Country
	}
	if name != v.Name {
		p.Native = v.Name
		p.NativeLang = placenames.Written(v.Name)
	}
	p.ReportHref = b.form.href(string(l), v.Name, v.ID, "", "", "")
	est := func(s string, e bool) string {
		if e {
			return "≈ " + s
		}
		return s
	}
	f := b.factsOf(v)
	for ci, c := range run.Categories {
		for k, s := range f.sides[ci] {
			r := serviceRow{Category: l.Category(c), First: k == 0, Known: s.Known, Missing: missingText(row[c+"_status"], s.Home, l)}
			r.Side = layout.Text(l, "home")
			if !s.Home {
				r.Side, r.Abroad = layout.Text(l, "abroad"), true
			}
			if s.Known {
				r.Service, r.Country = s.Service, countryName(s.Country, l)
				if r.Service == "" {
					r.Service = l.Category(c)
				}
				r.Straight = kmText(s.StraightM, l)
				r.Road = est(kmText(s.RoadM, l), s.RoadEstimated)
				r.Foot, r.Bike = "≈ "+minText(s.FootMin, l), "≈ "+minText(s.BikeMin, l)
				r.Car = est(minText(s.CarMin, l), !s.CarFromRun)
				if s.PTFromRun {
					r.PT, r.PTKnown = minText(s.PTMin, l), true
					p.HasPT = true
				}
				r.ReportHref = b.form.href(string(l), v.Name, v.ID, s.Service, s.ServiceID, c)
			}
			p.Services = append(p.Services, r)
		}
	}
	p.Indicators = indicatorRows(run.Indicators[v.ID], l)
	p.OneYear = len(b.runs) < 2
	if !p.OneYear {
		for _, c := range b.cats {
			vals, home := trendValues(v.rows, c)
			if vals == nil {
				continue
			}
			t := trend{Category: l.Category(c)}
			if home {
				t.Category += " (" + layout.Text(l, "home") + ")"
			}
			t.Points, t.Dots, t.Summary = svgmap.Trend(vals, b.labels, func(m float64) string { return kmText(m, l) })
			p.Trends = append(p.Trends, t)
		}
	}
	for _, ch := range f.changes {
		what := layout.Text(l, "closed")
		if ch.Opened {
			what = layout.Text(l, "opened")
		}
		p.Changes = append(p.Changes, changeView{Between: ch.From + " – " + ch.To, What: what, Name: ch.Name, Opened: ch.Opened,
			Category: l.Category(ch.Category), Country: countryName(ch.Country, l), Distance: kmText(ch.DistanceM, l)})
	}
	p.HasReports = len(run.Reports) > 0
	p.Reports = b.reportRows(l, f.reports, false)
	tr := qml.Lang(l)
	if len(run.Manifest.Data) == 0 {
		for _, f := range run.Manifest.Inputs {
			p.Sources = append(p.Sources, sourceView{Name: filepath.Base(f.Name) + " (" + layout.Text(l, "input_"+f.Kind) + ")"})
		}
	}
	for _, d := range run.Manifest.Data {
		p.Sources = append(p.Sources, sourceView{Name: layout.Source(d.Name, tr), Vintage: layout.Source(d.Vintage, tr),
			Licence: layout.Source(d.Licence, tr), Attribution: d.Attribution})
		if strings.Contains(d.Attribution, "OpenStreetMap") || strings.HasPrefix(d.Licence, "ODbL") {
			p.OSM = true
		}
	}
	return p
}

// villageFacts are what a village's pages show in every language,
// computed once.
type villageFacts struct {
	sides   [][2]side // per category of the village's newest run
	changes []change
	reports []residentReport
}

func (b *builder) factsOf(v *village) *villageFacts {
	if f, ok := b.facts[v]; ok {
		return f
	}
	row, ri := v.latest()
	run := b.runs[ri]
	pt := orb.Point{v.Lon, v.Lat}
	f := &villageFacts{changes: changesNear(b.runs, b.labels, pt), reports: reportsNear(b.reportsOf(ri), pt)}
	for _, c := range run.Categories {
		f.sides = append(f.sides, nearestOnSides(run, row, c))
	}
	b.facts[v] = f
	return f
}

func (b *builder) reportsOf(run int) []residentReport {
	if r, ok := b.reports[run]; ok {
		return r
	}
	r := placeReports(b.runs, run)
	b.reports[run] = r
	return r
}

// reportRow is a resident's report as a page shows it.
type reportRow struct {
	residentReport
	Village, VillageHref string // the nearest village within 5 km, for the list of all reports
}

func (b *builder) reportRows(l qml.Lang, reps []residentReport, withVillage bool) []reportRow {
	out := make([]reportRow, 0, len(reps))
	for _, r := range reps {
		row := reportRow{residentReport: r}
		row.Kind = layout.Text(l, "k_"+r.Kind)
		row.Status = layout.Text(l, r.Status)
		row.Outcome = layout.Text(l, "o_"+r.Outcome)
		row.Role = layout.Text(l, r.Role)
		if r.Category != "" {
			row.Category = l.Category(r.Category)
		}
		if withVillage && r.Located {
			best := math.Inf(1)
			for _, v := range b.villages {
				if d := geodesic.Distance(r.Pos, orb.Point{v.Lon, v.Lat}); d <= nearbyM && (d < best || (d == best && v.ID < row.VillageHref)) {
					best, row.Village, row.VillageHref = d, placeName(v.Name, l), v.Slug+".html"
				}
			}
		}
		out = append(out, row)
	}
	return out
}

// reportsPage lists every residents' report of the newest run.
type reportsPage struct {
	Page
	Reports []reportRow
	ListAll bool
}

func (b *builder) reportsPage(l qml.Lang) reportsPage {
	return reportsPage{Page: b.page(l, layout.Text(l, "all_reports"), "reports.html"),
		Reports: b.reportRows(l, b.reportsOf(len(b.runs)-1), true), ListAll: true}
}

// trendValues are the distances of category c in each run's row (NaN
// where unknown or missing): to the nearest service anywhere when every
// run that has the village knows it, else to the nearest at home (home is
// then true), so that a line never mixes the two; nil when neither is
// known in any run.
func trendValues(rows []input.Row, c string) (vals []float64, home bool) {
	for _, col := range []string{"_nearest_m", "_domestic_m"} {
		vals = make([]float64, len(rows))
		known, missing := 0, 0
		for i, r := range rows {
			vals[i] = math.NaN()
			if r == nil {
				continue
			}
			if vals[i] = r.Float(c + col); math.IsNaN(vals[i]) {
				missing++
			} else {
				known++
			}
		}
		if known > 0 && (missing == 0 || col == "_domestic_m") {
			return vals, col == "_domestic_m"
		}
	}
	return nil, false
}
