package report

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/figures"
	"github.com/partons/partons/render/report/input"
	"github.com/partons/partons/render/report/reporttest"
	"github.com/partons/partons/render/report/words"
	"github.com/partons/partons/travel"
)

// transitInput is the sample's report input with reporttest.Bus, thresholds
// 30 and 60 minutes.
func transitInput(t *testing.T, lang qml.Lang) input.Input {
	in := demoInput(t, lang)
	in.Result = reporttest.WithBus(t, in.Result)
	return in
}

// The public-transport section: in every language, its heading, the
// note on median and best times, the shares within 30 and 60 minutes
// computed here from the double's answers, and both maps; a run without
// public transport has no such section.
func TestTransitSection(t *testing.T) {
	for _, l := range qml.Langs {
		in := transitInput(t, l)
		r := in.Result
		var b bytes.Buffer
		if err := Write(&b, in); err != nil {
			t.Fatal(err)
		}
		html := b.String()
		for _, key := range []string{"transit", "transit note", "no service", "off network"} {
			if !strings.Contains(html, esc(l.Lookup(words.Transit, key))) {
				t.Errorf("%s: report lacks %q", l, key)
			}
		}
		if n := strings.Count(html, `<svg class="map"`); n < 2 {
			t.Errorf("%s: %d maps", l, n)
		}
		// Belgian post offices by hand: people within 30 and 60 minutes
		// among those measured (no_service counts as reached never,
		// off the network not at all, walk_only at 15 minutes).
		c := figures.CatIndex(r, "post")
		var measured, w30, w60 float64
		for v, vl := range r.Villages {
			if vl.Country != "BE" || !vl.HasPopulation || reporttest.BusCode(v) == 3 || r.Rows[v].Cats[c].Status != analysis.StatusOK {
				continue
			}
			x := map[travel.Code]float64{0: reporttest.BusMin(v), 1: 15, 2: math.Inf(1)}[reporttest.BusCode(v)]
			measured += vl.Population
			if x <= 30 {
				w30 += vl.Population
			}
			if x <= 60 {
				w60 += vl.Population
			}
		}
		sec := html[strings.Index(html, esc(l.Lookup(words.Transit, "transit"))):]
		row := sec[strings.Index(sec, "<td class=\"l\">"+esc((&doc{&in}).category("post"))+"</td>"):]
		row = row[:strings.Index(row, "</tr>")]
		for _, want := range []string{l.Percent(w30 / measured), l.Percent(w60 / measured)} {
			if !strings.Contains(row, "<td>"+esc(want)+"</td>") {
				t.Errorf("%s: post row lacks share %s: %s", l, want, row)
			}
		}
		if w30 == w60 || measured == 0 {
			t.Fatalf("degenerate fixture: %v %v %v", measured, w30, w60)
		}
	}
	var b bytes.Buffer
	if err := Write(&b, demoInput(t, qml.EN)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), words.Transit["transit"][2]) {
		t.Error("a run without public transport has a public-transport section")
	}
}
