package layout

import (
	"fmt"
	"html/template"
	"io"

	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/render/qml"
)

// Text is the site's word for key in l.
func Text(l qml.Lang, key string) string { return l.Lookup(texts, key) }

// Source gives a data source's text in l when a table knows it (the
// embedded sample's metadata, the sources a run adds itself), else s.
func Source(s string, l qml.Lang) string {
	if w, ok := westhoek.Translations[s]; ok {
		return l.Pick(w)
	}
	return l.Lookup(sourceTexts, s)
}

// sourceTexts translates the names of the sources a run records itself.
var sourceTexts = map[string][3]string{
	"OpenStreetMap road network": {"OpenStreetMap-wegennet", "Réseau routier OpenStreetMap", "OpenStreetMap road network"},
	"OpenStreetMap extracts: villages, services, boundaries": {"OpenStreetMap-uittreksels: dorpen, diensten, grenzen",
		"Extraits OpenStreetMap : villages, services, limites", "OpenStreetMap extracts: villages, services, boundaries"},
	"user-supplied data": {"door de gebruiker aangeleverde gegevens", "données fournies par l'utilisateur", "user-supplied data"},
}

// OSMCopyright is the attribution link OpenStreetMap's licence asks for.
const OSMCopyright = "https://www.openstreetmap.org/copyright"

// Execute renders the page template name ("root", "index", "village",
// "reports") of data into w.
func Execute(w io.Writer, name string, data any) error {
	if err := pages.ExecuteTemplate(w, name, data); err != nil {
		return fmt.Errorf("site: rendering %s: %w", name, err)
	}
	return nil
}

var pages = template.Must(template.New("site").Funcs(template.FuncMap{
	"t":            func(l qml.Lang, key string) string { return l.Lookup(texts, key) },
	"osmCopyright": func() string { return OSMCopyright },
}).Parse(pageTemplates))

const pageTemplates = `
{{- define "head" -}}
<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · {{.SiteTitle}}</title>
<link rel="stylesheet" href="{{.Up}}style.css">
</head>
<body>
<a class="skip" href="#main">{{t .L "skip"}}</a>
<header class="top">
<p class="brand"><a href="index.html">{{.SiteTitle}}</a></p>
<nav class="langs" aria-label="{{t .L "languages"}}"><ul>
{{- range .Switch}}
<li><a href="{{.Href}}" hreflang="{{.Lang}}" lang="{{.Lang}}"{{if .Current}} aria-current="page"{{end}}>{{.Name}}</a></li>
{{- end}}
</ul></nav>
</header>
{{end}}

{{- define "foot" -}}
<footer class="foot">
<p>{{t .L "generated"}} {{.Runs}} {{t .L "runs"}} · {{t .L "years"}}: {{.Years}}</p>
</footer>
</body>
</html>
{{end}}

{{- define "root" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<main id="main" class="root">
<h1>{{.Title}}</h1>
<nav aria-label="Languages"><ul class="choose">
{{- range .Titles}}
<li><a href="{{.Href}}" hreflang="{{.Lang}}" lang="{{.Lang}}">{{.Name}}</a></li>
{{- end}}
</ul></nav>
</main>
</body>
</html>
{{end}}

{{- define "outlines" -}}
{{- range .Areas}}
<path class="outline{{if .Current}} current{{end}}" d="{{.Path}}"><title>{{.Name}}</title></path>
{{- end}}
{{- end}}

{{- define "legend" -}}
<ul class="legend" aria-label="{{t .L "legend"}}">
<li><span class="key c0"></span>{{t .L "le1200"}}</li>
<li><span class="key c1"></span>{{t .L "le3750"}}</li>
<li><span class="key c2"></span>{{t .L "le10000"}}</li>
<li><span class="key c3"></span>{{t .L "gt10000"}}</li>
<li><span class="key cu"></span>{{t .L "unknown_basket"}}</li>
</ul>
{{end}}

{{- define "reportrows" -}}
{{- $l := .L}}
<thead><tr><th scope="col">{{t .L "date"}}</th><th scope="col">{{t .L "kind"}}</th><th scope="col">{{t .L "service"}}</th>{{if .ListAll}}<th scope="col">{{t .L "village"}}</th>{{end}}<th scope="col">{{t .L "status"}}</th><th scope="col">{{t .L "outcome"}}</th><th scope="col">{{t .L "reporter"}}</th><th scope="col">{{t .L "note"}}</th></tr></thead>
<tbody>
{{- range .Reports}}
<tr><td class="side">{{.Date}}</td><td>{{.Kind}}</td><td>{{if .Service}}{{.Service}}{{else}}{{.Category}}{{end}}</td>{{if $.ListAll}}<td>{{if .VillageHref}}<a href="{{.VillageHref}}">{{.Village}}</a>{{else}}–{{end}}</td>{{end}}<td>{{.Status}}</td><td>{{.Outcome}}</td><td>{{.Role}}</td><td>{{.Note}}{{if .Evidence}} <a href="{{.Evidence}}" rel="nofollow noopener">{{t $l "evidence"}}</a>{{end}}</td></tr>
{{- end}}
</tbody>
{{end}}

{{- define "reports" -}}
{{template "head" .Page}}
<main id="main">
<p class="crumbs"><a href="index.html">{{t .L "back"}}</a></p>
<h1>{{.Title}}</h1>
<p class="note">{{t .L "reports_note"}}</p>
<div class="scroll" role="region" aria-labelledby="rep-all" tabindex="0">
<table>
<caption id="rep-all">{{.Title}}</caption>
{{template "reportrows" .}}
</table>
</div>
</main>
{{template "foot" .Page}}
{{end}}

{{- define "index" -}}
{{template "head" .Page}}
<main id="main">
<h1>{{.SiteTitle}}</h1>
<section aria-labelledby="map-h">
<h2 id="map-h">{{t .L "map"}}</h2>
<p class="note">{{t .L "map_note"}}</p>
<svg class="map" viewBox="0 0 {{.Map.W}} {{.Map.H}}" role="group" aria-labelledby="map-h">
{{- template "outlines" .Map}}
{{- range .Map.Points}}
<a href="{{.Href}}"><title>{{.Title}}</title>{{if .Path}}<path class="{{.Class}} area" d="{{.Path}}"/>{{else if .Square}}<rect class="{{.Class}}" x="{{.X}}" y="{{.Y}}" width="7" height="7" transform="translate(-3.5 -3.5)"/>{{else}}<circle class="{{.Class}}" cx="{{.X}}" cy="{{.Y}}" r="4"/>{{end}}</a>
{{- end}}
</svg>
{{template "legend" .Page}}
{{- if .Map.Square}}<p class="note"><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4.5" class="cu"/></svg> {{.Map.Circle}} · <svg width="12" height="12" aria-hidden="true"><rect x="1.5" y="1.5" width="9" height="9" class="cu"/></svg> {{.Map.Square}}</p>{{end}}
</section>
<section aria-labelledby="list-h">
<h2 id="list-h">{{.Title}}</h2>
{{- if .HasReports}}<p><a href="reports.html">{{t .L "all_reports"}}</a></p>{{end}}
<p class="sort">{{if .ByName}}<a href="index.html">{{t .L "sort_worst"}}</a>{{else}}<a href="by-name.html">{{t .L "sort_name"}}</a>{{end}}</p>
<div class="scroll" role="region" aria-labelledby="list-h" tabindex="0">
<table>
<caption>{{.Title}}</caption>
<thead><tr><th scope="col">{{t .L "village"}}</th><th scope="col">{{t .L "area"}}</th><th scope="col">{{t .L "country"}}</th><th scope="col" class="n">{{t .L "population"}}</th><th scope="col" class="n">{{t .L "basket_max"}}</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr><th scope="row"><a href="{{.Href}}">{{.Name}}</a></th><td>{{.Area}}</td><td>{{.Country}}</td><td class="n">{{.Population}}</td><td class="n"><span class="key {{.Class}}"></span>{{.Worst}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
</section>
</main>
{{template "foot" .Page}}
{{end}}

{{- define "village" -}}
{{template "head" .Page}}
<main id="main">
<p class="crumbs noprint"><a href="index.html">{{t .L "back"}}</a></p>
<h1>{{.Name}}{{if .Native}} <span class="native"{{if .NativeLang}} lang="{{.NativeLang}}"{{end}}>({{.Native}})</span>{{end}}</h1>
<p class="facts">{{.Facts}} · {{t .L "population"}}: {{.Population}} · {{t .L "data_date"}} {{.DataDate}}</p>
{{- if .NotInLatest}}<p class="warn">{{t .L "not_in_latest"}}</p>{{end}}
<p>{{t .L "basket_max"}}: <strong>{{.Worst}}</strong></p>
{{- if .ReportHref}}<p class="noprint"><a class="button" href="{{.ReportHref}}" rel="nofollow">{{t .L "report_change"}}</a></p>{{end}}
{{- with .Map}}
<section aria-labelledby="loc-h">
<h2 id="loc-h">{{t $.L "location"}}</h2>
<svg class="map locator" viewBox="0 0 {{.W}} {{.H}}" role="group" aria-labelledby="loc-h">
{{- template "outlines" .}}
{{- range .Points}}
<g><title>{{.Title}}</title>{{if .Path}}<path class="{{.Class}} area" d="{{.Path}}"/>{{else}}<circle class="{{.Class}}" cx="{{.X}}" cy="{{.Y}}" r="5"/>{{end}}</g>
{{- end}}
</svg>
<p class="note">{{t $.L "location_note"}}</p>
</section>
{{- end}}
<section aria-labelledby="near-h">
<h2 id="near-h">{{t .L "nearest"}}</h2>
<p class="note">{{t .L "nearest_note"}}</p>
<div class="scroll" role="region" aria-labelledby="near-h" tabindex="0">
<table class="near">
<caption>{{t .L "nearest"}}</caption>
<thead><tr><th scope="col">{{t .L "kind"}}</th><th scope="col">{{t .L "side"}}</th><th scope="col">{{t .L "service"}}</th><th scope="col" class="n">{{t .L "straight"}}</th><th scope="col" class="n">{{t .L "road"}}</th><th scope="col" class="n">{{t .L "foot"}}</th><th scope="col" class="n">{{t .L "bicycle"}}</th><th scope="col" class="n">{{t .L "car"}}</th>{{if .HasPT}}<th scope="col" class="n">{{t .L "pt"}}</th>{{end}}{{if .ReportHref}}<th scope="col" class="noprint"><span class="sr">{{t .L "report_change"}}</span></th>{{end}}</tr></thead>
<tbody>
{{- $pt := .HasPT}}{{$form := .ReportHref}}{{$l := .L}}
{{- range .Services}}
<tr{{if .First}} class="first"{{end}}>{{if .First}}<th scope="rowgroup" rowspan="2">{{.Category}}</th>{{end}}<td class="side">{{.Side}}</td>
{{- if .Known}}<td>{{.Service}}{{if .Abroad}} <span class="cc">({{.Country}})</span>{{end}}</td><td class="n">{{.Straight}}</td><td class="n">{{.Road}}</td><td class="n">{{.Foot}}</td><td class="n">{{.Bike}}</td><td class="n">{{.Car}}</td>{{if $pt}}<td class="n">{{if .PTKnown}}{{.PT}}{{else}}–{{end}}</td>{{end}}{{if $form}}<td class="noprint"><a href="{{.ReportHref}}" rel="nofollow">{{t $l "report_service"}}<span class="sr"> {{.Service}}</span></a></td>{{end}}
{{- else}}<td colspan="{{if $pt}}7{{else}}6{{end}}" class="none">{{.Missing}}</td>{{if $form}}<td class="noprint"></td>{{end}}{{end}}</tr>
{{- end}}
</tbody>
</table>
</div>
<p class="note">{{t .L "estimate_note"}}</p>
{{- if .HasPT}}<p class="note">{{t .L "pt_note"}}</p>{{end}}
</section>
{{- if .Indicators}}
<section aria-labelledby="ind-h">
<h2 id="ind-h">{{t .L "indicators"}}</h2>
<p class="note">{{t .L "indicators_note"}}</p>
<div class="scroll" role="region" aria-labelledby="ind-h" tabindex="0">
<table class="indicators">
<caption>{{t .L "indicators"}}</caption>
<thead><tr><th scope="col">{{t .L "indicator"}}</th><th scope="col">{{t .L "basis"}}</th><th scope="col" class="n">{{t .L "farthest"}}</th><th scope="col">{{t .L "within"}}</th><th scope="col">{{t .L "reading"}}</th></tr></thead>
<tbody>
{{- range .Indicators}}
<tr{{if .First}} class="first"{{end}}>{{if .First}}<th scope="rowgroup" rowspan="{{.Rows}}"{{if .TitleLang}} lang="{{.TitleLang}}"{{end}}>{{.Title}}</th>{{end}}<td>{{.Basis}}</td><td class="n">{{.Farthest}}</td><td>{{.Within}}</td><td>{{.Reading}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
</section>
{{- end}}
<section aria-labelledby="trend-h">
<h2 id="trend-h">{{t .L "trends"}}</h2>
{{- if .OneYear}}
<p>{{t .L "one_year"}}</p>
{{- else}}
<p class="note">{{t .L "trend_note"}}</p>
<ul class="trends">
{{- range .Trends}}
<li><span class="tc">{{.Category}}</span> <svg class="spark" viewBox="0 0 180 44" width="180" height="44" aria-hidden="true"><polyline points="{{.Points}}"/>{{range .Dots}}<circle cx="{{.X}}" cy="{{.Y}}" r="2.5"><title>{{.Label}}</title></circle>{{end}}</svg> <span class="ts">{{.Summary}}</span></li>
{{- end}}
</ul>
{{- end}}
</section>
<section aria-labelledby="chg-h">
<h2 id="chg-h">{{t .L "changes"}}</h2>
{{- if .Changes}}
<div class="scroll" role="region" aria-labelledby="chg-h" tabindex="0">
<table>
<caption>{{t .L "changes"}}</caption>
<thead><tr><th scope="col">{{t .L "between"}}</th><th scope="col">{{t .L "status"}}</th><th scope="col">{{t .L "service"}}</th><th scope="col">{{t .L "kind"}}</th><th scope="col">{{t .L "country"}}</th><th scope="col" class="n">{{t .L "straight"}}</th></tr></thead>
<tbody>
{{- range .Changes}}
<tr><td>{{.Between}}</td><td class="{{if .Opened}}up{{else}}down{{end}}">{{.What}}</td><td>{{.Name}}</td><td>{{.Category}}</td><td>{{.Country}}</td><td class="n">{{.Distance}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- else}}
<p>{{if .OneYear}}{{t .L "one_year"}}{{else}}{{t .L "no_changes"}}{{end}}</p>
{{- end}}
</section>
{{- if .HasReports}}
<section aria-labelledby="rep-h">
<h2 id="rep-h">{{t .L "residents"}}</h2>
{{- if .Reports}}
<div class="scroll" role="region" aria-labelledby="rep-h" tabindex="0">
<table>
<caption>{{t .L "residents"}}</caption>
{{template "reportrows" .}}
</table>
</div>
{{- else}}
<p>{{t .L "no_residents"}}</p>
{{- end}}
</section>
{{- end}}
<section aria-labelledby="src-h">
<h2 id="src-h">{{t .L "sources"}}</h2>
<ul class="sources">
{{- range .Sources}}
<li>{{.Name}}{{if .Vintage}} ({{.Vintage}}){{end}}{{if .Licence}} · {{t $l "licence"}}: {{.Licence}}{{end}}{{if .Attribution}} · {{.Attribution}}{{end}}</li>
{{- end}}
</ul>
{{- if .OSM}}<p><a href="{{osmCopyright}}">{{t .L "osm_copyright"}}</a></p>{{end}}
<p class="note printonly">{{t .L "print"}}</p>
</section>
</main>
{{template "foot" .Page}}
{{end}}
`
