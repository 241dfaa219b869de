package qml

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// ruleDoc is the rule-based part of a QML document.
type ruleDoc struct {
	Renderer struct {
		Type  string `xml:"type,attr"`
		Rules []struct {
			Label    string `xml:"label,attr"`
			Filter   string `xml:"filter,attr"`
			Children []struct {
				Symbol string `xml:"symbol,attr"`
				Label  string `xml:"label,attr"`
				Filter string `xml:"filter,attr"`
			} `xml:"rule"`
		} `xml:"rules>rule"`
	} `xml:"renderer-v2"`
}

// holds evaluates a class filter written by ruleBased ("V op N [AND V op
// N]", V the coalesced field) for value v (NaN is NULL).
func holds(t *testing.T, filter string, v float64) bool {
	t.Helper()
	if math.IsNaN(v) {
		v = NoData
	}
	for _, part := range strings.Split(filter, " AND ") {
		f := strings.Fields(part[strings.LastIndex(part, ")")+1:])
		if len(f) != 2 {
			t.Fatalf("filter %q: cannot read %q", filter, part)
		}
		n, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			t.Fatalf("filter %q: %v", filter, err)
		}
		ok := map[string]bool{"=": v == n, ">=": v >= n, "<=": v <= n, ">": v > n}[f[0]]
		if !ok {
			return false
		}
	}
	return true
}

// A mixed style draws every feature of both sub-layers QGIS makes of a
// GeoJSON mixing points and polygons: one rule per geometry type, each
// with the graduated style's classes, markers for points and fills for
// polygons, and every value (NULL included) in exactly one class: the
// one the graduated style puts it in.
func TestMixedRules(t *testing.T) {
	breaks := []float64{1200, 3750, 10000}
	doc := Distance(Mixed, "post_nearest_m", breaks, FR)
	grad := parse(t, Distance(Point, "post_nearest_m", breaks, FR)).Renderer
	var d ruleDoc
	decodeStrict(t, doc, &d)
	full := parse(t, doc)
	if d.Renderer.Type != "RuleRenderer" || len(d.Renderer.Rules) != 2 {
		t.Fatalf("renderer %s with %d top rules, want RuleRenderer with 2", d.Renderer.Type, len(d.Renderer.Rules))
	}
	n := len(grad.Ranges)
	if len(full.Renderer.Symbols) != 2*n {
		t.Fatalf("%d symbols, want %d", len(full.Renderer.Symbols), 2*n)
	}
	for k, want := range []struct{ geom, label, symbol string }{{"Point", "points", "marker"}, {"Polygon", "polygones", "fill"}} {
		r := d.Renderer.Rules[k]
		if r.Filter != "geometry_type($geometry) = '"+want.geom+"'" || r.Label != want.label || len(r.Children) != n {
			t.Fatalf("rule %d: %q %q with %d classes", k, r.Label, r.Filter, len(r.Children))
		}
		for i, c := range r.Children {
			s := full.Renderer.Symbols[k*n+i]
			if c.Label != grad.Ranges[i].Label || c.Symbol != strconv.Itoa(k*n+i) || s.Name != c.Symbol || s.Type != want.symbol {
				t.Errorf("%s class %d: %+v with symbol %s %s, want label %q", want.geom, i, c, s.Name, s.Type, grad.Ranges[i].Label)
			}
			if color(s) != color(grad.Symbols[i]) {
				t.Errorf("%s class %d: colour %s, want the graduated %s", want.geom, i, color(s), color(grad.Symbols[i]))
			}
		}
		for _, v := range []float64{math.NaN(), 0, 1, 1200, 1200.01, 3750, 3750.5, 10000, 10000.1, 2e6} {
			var in []int
			for i, c := range r.Children {
				if holds(t, c.Filter, v) {
					in = append(in, i)
				}
			}
			first := 0 // the graduated renderer's first range containing v
			if !math.IsNaN(v) {
				for first = 1; first < n; first++ {
					lo, _ := strconv.ParseFloat(grad.Ranges[first].Lower, 64)
					hi, _ := strconv.ParseFloat(grad.Ranges[first].Upper, 64)
					if v >= lo && v <= hi {
						break
					}
				}
			}
			if len(in) != 1 || in[0] != first {
				t.Errorf("%s: %v is in classes %v, want only %d", want.geom, v, in, first)
			}
		}
	}
	if full.Labels != "1" || full.Labeling.Style.Field != "name" {
		t.Errorf("labels %q on %q", full.Labels, full.Labeling.Style.Field)
	}
}

func color(s qmlSymbol) string {
	for _, p := range s.Props {
		if p.K == "color" {
			return p.V
		}
	}
	return ""
}
