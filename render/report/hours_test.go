package report

import (
	"context"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/input"
)

// The opening-hours section appears only with opening hours: a week chart
// per category whose Tuesday 14 July has only the Belgian pharmacy open,
// and per country the share of people with a pharmacy open after 18:00.
func TestReportOpeningHours(t *testing.T) {
	villages := []datasets.Village{
		{ID: "v1", Name: "Poperinge", Country: "BE", Population: 100, HasPopulation: true, Location: orb.Point{2.7266, 50.8556}},
		{ID: "v2", Name: "Steenvoorde", Country: "FR", Population: 50, HasPopulation: true, Location: orb.Point{2.5833, 50.8108}},
	}
	services := []datasets.Service{
		{ID: "p1", Category: "pharmacy", Country: "BE", Location: orb.Point{2.7300, 50.8560}, OpeningHours: "Mo-Fr 09:00-12:00; PH off"},
		{ID: "p2", Category: "pharmacy", Country: "FR", Location: orb.Point{2.5840, 50.8100}, OpeningHours: "Mo-Fr 09:00-19:00; PH off"},
	}
	res, err := analysis.Compute(context.Background(), villages, services, analysis.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	render := func() string {
		t.Helper()
		var b strings.Builder
		if err := Write(&b, input.Input{Result: res, Lang: qml.EN}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if strings.Contains(render(), "Opening hours") {
		t.Fatal("an opening-hours section without opening hours")
	}
	w, _ := hours.ParseWhen("2026-07-14")
	if err := res.ComputeOpenHours(context.Background(), hours.NewEvaluator(w, false), hours.DefaultSlots()); err != nil {
		t.Fatal(err)
	}
	html := render()
	for _, want := range []string{
		"<h2>Opening hours</h2>", "Reference week 2026-W29 (Monday 2026-07-13)", `class="week"`,
		// Monday 10:00: both open (the darkest); Tuesday 10:00 (14 July): the Belgian one alone
		`fill="rgba(33,102,172,1.00)"><title>2</title>`, `fill="rgba(33,102,172,0.60)"><title>1</title>`,
		"<td class=\"l\">BE</td><td>100.0%</td><td>0.0%</td>", "<td class=\"l\">FR</td><td>100.0%</td><td>100.0%</td>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}
