// Package site writes the static website of one or more finished runs
// (`partons site`): a language chooser, and for each of Dutch, French
// and English a map and an index of the villages (worst served first,
// or by name) and one page per village. A village page shows the
// nearest service of each kind at home and across the border with its
// distance and times on foot, by bicycle, by car and, when the run has
// it, by public transport; the trend of each distance over the runs;
// the services that opened or closed nearby between runs; residents'
// reports when the run has them; both offices' official indicators side
// by side when the run wrote indicators.csv; the data's sources, dates
// and attributions; and "report a change" links to a configured form.
//
// The site is plain files: no server, no script, no font or style from
// elsewhere, no network request; the only outside links are the
// configured form, OpenStreetMap's copyright page, and evidence links
// of residents' reports (http and https only). Every text from the data
// goes through html/template. Page names are slugs of the village
// names, made distinct (slugs), the same in every language folder so
// that the language switch is a plain link. The same runs and config
// give the same bytes.
//
// Units: distances in metres in the inputs, shown in kilometres; times
// in minutes. Times the run did not route are estimated from the road
// distance (or straight line × detour factor) at 4.8, 15 and 45 km/h,
// marked "≈".
//
// Concurrency: Build keeps no state between calls; Runs are read-only
// once loaded.
package site
