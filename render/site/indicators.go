package site

import (
	"strconv"
	"strings"

	"github.com/partons/partons/analysis/indicators"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/site/input"
	"github.com/partons/partons/render/site/layout"
)

// indicatorRow is the row "all" of one official indicator set on one
// basis, as a village page shows it: the farthest of the set's members,
// each met by its nearest service (README "Official indicators").
type indicatorRow struct {
	Title, TitleLang string // the set's official title and its language ("" unknown)
	First            bool   // the set's first row: its title spans its Rows rows
	Rows             int
	Basis, Farthest  string // at home or anywhere; kilometres
	Within           string // "≤ 1.2 km: no · ≤ 3.75 km: yes"; "–" without thresholds or when unknown
	Reading          string // complete, a lower bound, or incomplete
}

// indicatorRows turns a village's rows of indicators.csv into its page's
// rows: the sets in the file's order, each at home then anywhere.
func indicatorRows(rows []input.Row, l qml.Lang) []indicatorRow {
	var names []string
	all := map[string]*[2]input.Row{}
	for _, r := range rows {
		if r["member"] != "all" {
			continue
		}
		if all[r["indicator"]] == nil {
			names, all[r["indicator"]] = append(names, r["indicator"]), &[2]input.Row{}
		}
		k := 1 // anywhere
		if r["basis"] == "domestic" {
			k = 0
		}
		all[r["indicator"]][k] = r
	}
	var out []indicatorRow
	for _, name := range names {
		set, known := indicators.Lookup(name)
		title, lang := name, ""
		if known {
			title = set.Title
		}
		switch {
		case strings.HasPrefix(name, "flemish_"):
			lang = "nl"
		case strings.HasPrefix(name, "insee_"):
			lang = "fr"
		}
		first := len(out)
		for k, r := range all[name] {
			if r == nil {
				continue
			}
			row := indicatorRow{Title: title, TitleLang: lang, Basis: layout.Text(l, [2]string{"home", "anywhere"}[k]),
				Farthest: kmText(r.Float("nearest_m"), l), Within: "–", Reading: r["status"]}
			switch r["status"] {
			case indicators.StatusOK, indicators.StatusIncomplete, indicators.StatusPartial:
				row.Reading = layout.Text(l, "ind_"+r["status"])
			}
			if n := len(set.Members); known && r["status"] == indicators.StatusPartial {
				row.Reading += " (" + strconv.Itoa(n-len(set.NotMeasured())) + "/" + strconv.Itoa(n) + ")"
			}
			var within []string
			for _, t := range set.ThresholdsM {
				yes, err := strconv.ParseBool(r["within_"+strconv.FormatFloat(t, 'f', -1, 64)+"m"])
				if err != nil || r["status"] == indicators.StatusIncomplete {
					within = nil
					break
				}
				v := layout.Text(l, "no")
				if yes {
					v = layout.Text(l, "yes")
				}
				within = append(within, "≤ "+l.Number(t/1000, -1)+" km"+layout.Text(l, "colon")+v)
			}
			if len(within) > 0 {
				row.Within = strings.Join(within, " · ")
			}
			out = append(out, row)
		}
		if first < len(out) {
			out[first].First, out[first].Rows = true, len(out)-first
		}
	}
	return out
}
