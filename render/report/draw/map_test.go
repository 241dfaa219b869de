package draw

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/render/qml"
)

// Two point villages and one polygon: the polygon is defined once and
// used, the points drawn as circles with the unknown one first and the
// largest key last (on top), services as crosses, a site as a star.
func TestDrawMap(t *testing.T) {
	sq := orb.Polygon{{{2.70, 50.80}, {2.72, 50.80}, {2.72, 50.82}, {2.70, 50.82}, {2.70, 50.80}}}
	places := []Place{{Location: orb.Point{2.80, 50.85}}, {Geometry: sq, Location: orb.Point{2.71, 50.81}},
		{Location: orb.Point{2.90, 50.90}}, {Location: orb.Point{2.85, 50.88}}}
	f, err := NewFrame(places, []orb.Point{{3.0, 51.0}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	f.Defs(&b, []orb.MultiPolygon{{sq}})
	keys := []float64{500, 0, math.NaN(), 100}
	f.Draw(&b, Map{Label: "a <b>", Fill: func(v int) string { return []string{"#a", "#b", "#c", "#d"}[v] },
		Services: []orb.Point{{2.8, 50.8}}, Sites: []Marker{{Name: "x&y", Location: orb.Point{3.0, 51.0}}},
		Order: func(v int) (float64, bool) { return keys[v], !math.IsNaN(keys[v]) }}, qml.EN)
	s := b.String()
	for _, want := range []string{`<path id="v1" d="M`, `<path id="a0" d="M`, `<use href="#v1" fill="#b"/>`, `<use href="#a0"/>`,
		`aria-label="a &lt;b&gt;"`, `<path class="svc" d="M`, `<title>x&amp;y</title>`, `class="scale"`} {
		if !strings.Contains(s, want) {
			t.Errorf("map lacks %s", want)
		}
	}
	c, d, a := strings.Index(s, `fill="#c"/>`), strings.Index(s, `fill="#d"/>`), strings.Index(s, `fill="#a"/>`)
	if !(c >= 0 && c < d && d < a) {
		t.Errorf("points not drawn unknown first, then by key: #c %d, #d %d, #a %d", c, d, a)
	}
	if n := strings.Count(s, "<circle"); n != 3 {
		t.Errorf("%d circles, want 3", n)
	}
}

// A chart draws one path per line, ticks in the axis's unit and the
// thresholds within the axis.
func TestChart(t *testing.T) {
	var b strings.Builder
	lines := []Line{{X: []float64{0, 30, 60}, Share: []float64{0, 0.5, 1}, Color: "#0072b2"}}
	Chart(&b, qml.FR, lines, []float64{30, 60, 90}, 60, Axis{Scale: 1, Unit: "min"}, "t")
	s := b.String()
	if strings.Count(s, `class="cdf"`) != 1 || strings.Count(s, `class="thr"`) != 2 || !strings.Contains(s, `class="xl">min</text>`) {
		t.Errorf("chart: %s", s)
	}
	if Color(0) != Color(6) || Color(0) == Color(1) {
		t.Error("palette does not cycle")
	}
}
