package report

import (
	"fmt"
	"strings"

	"github.com/partons/partons/analysis/openhours"
	"github.com/partons/partons/render/report/draw"
)

// writeHours writes the opening-hours section when the run has opening
// hours: per category a week chart of how many services are open at each
// hour, and per country the share of people with a service open in each
// slot within the middle threshold and the border gain in open hours.
func (in *doc) writeHours(b *strings.Builder) {
	r := in.Result
	oh := r.OpenHours
	if oh == nil || oh.Straight == nil || len(r.Params.ThresholdsM) == 0 {
		return
	}
	l := in.Lang
	fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n", esc(t(l, "hours")))
	fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", esc(fmt.Sprintf(t(l, "hours note"), oh.Week, oh.Week.Monday.Format("2006-01-02"))))
	known := oh.Counts.Known + oh.Counts.Partial
	fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", esc(fmt.Sprintf(t(l, "hours counts"), l.Number(float64(known), 0), l.Number(float64(len(r.Services)), 0))))
	th := r.Params.ThresholdsM[len(r.Params.ThresholdsM)/2]
	shares := openhours.SlotShares(oh.Straight, r.Villages, []float64{th})
	gains := openhours.Gains(oh.Straight, r.Villages)
	for _, c := range in.reportCats() {
		if c >= len(r.Categories) {
			continue // the basket has no hours
		}
		cat := r.Categories[c]
		fmt.Fprintf(b, "<h3>%s</h3>\n", esc(in.category(cat)))
		fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", esc(fmt.Sprintf(t(l, "hours week"), in.category(cat))))
		in.weekChart(b, cat)
		fmt.Fprintf(b, "<p class=\"note\">%s</p>\n", esc(fmt.Sprintf(t(l, "hours slots"), l.Threshold(th))))
		fmt.Fprintf(b, "<div class=\"scroll\"><table>\n<thead><tr><th class=\"l\">%s</th>", esc(t(l, "country")))
		for _, s := range oh.Slots {
			fmt.Fprintf(b, "<th>%s</th>", esc(s.Name))
		}
		fmt.Fprintf(b, "<th>%s</th></tr></thead>\n<tbody>\n", esc(t(l, "hours gain")))
		for _, ctry := range r.Countries {
			fmt.Fprintf(b, "<tr><td class=\"l\">%s</td>", esc(ctry))
			for _, s := range oh.Slots {
				cell := "–"
				for _, a := range shares {
					if a.Category == cat && a.Slot == s.Name && a.Level == openhours.LevelCountry && a.Code == ctry {
						cell = l.Percent(a.Share)
						if tot := a.Yes + a.No + a.Unknown; tot > 0 && a.Unknown > 0 {
							cell += " (" + l.Percent(a.Unknown/tot) + ")"
						}
					}
				}
				fmt.Fprintf(b, "<td>%s</td>", esc(cell))
			}
			gain := "–"
			for _, g := range gains {
				if g.Category == cat && g.Threshold == th && g.Level == openhours.LevelCountry && g.Code == ctry && g.Villages > 0 {
					gain = l.Number(g.MeanGain, 1) + " h"
				}
			}
			fmt.Fprintf(b, "<td>%s</td></tr>\n", esc(gain))
		}
		b.WriteString("</tbody></table></div>\n")
	}
	b.WriteString("</section>\n")
}

// weekChart draws, for a category, a 7 × 24 grid of the week (draw.Week)
// of how many of the category's services are open at some minute of
// each hour.
func (in *doc) weekChart(b *strings.Builder, cat string) {
	r := in.Result
	oh := r.OpenHours
	var open [7 * 24]int
	top := 0
	for j := range r.Services {
		if r.Services[j].Category != cat || !oh.Schedules[j].IsKnown() {
			continue
		}
		for _, iv := range oh.Schedules[j].Open {
			for h := iv.Start / 60; h < 7*24 && h*60 < iv.End; h++ {
				open[h]++
				top = max(top, open[h])
			}
		}
	}
	draw.Week(b, &open, top, strings.Fields(t(in.Lang, "day names")))
}
