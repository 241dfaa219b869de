package site

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// mapPoint is one village on the region map, in SVG user units.
type mapPoint struct {
	X, Y   string
	Href   string
	Title  string
	Class  string // distance class: c0 (≤ 1.2 km) … c3 (> 10 km), cu (unknown)
	Square bool   // a village outside the map's first country: drawn as a square
	Path   string // the village's polygon, when it has one: drawn instead of the point
}

// regionMap is the inline SVG map of the index: villages as points on an
// equirectangular projection at the region's mean latitude (distortion
// under 0.5 % across a region of 100 km), no tiles, no outside data.
type regionMap struct {
	W, H   int
	Points []mapPoint
	// Circle and Square name what the shapes mean when villages of more
	// than one country are shown: the first country, the others.
	Circle, Square string
}

const mapW = 640

func buildMap(vs []*village, class, href, title func(*village) string, country func(cc string) string) regionMap {
	minLon, maxLon, minLat, maxLat := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		if math.IsNaN(v.Lon) || math.IsNaN(v.Lat) {
			continue
		}
		minLon, maxLon = math.Min(minLon, v.Lon), math.Max(maxLon, v.Lon)
		minLat, maxLat = math.Min(minLat, v.Lat), math.Max(maxLat, v.Lat)
		if v.Shape != nil {
			b := v.Shape.Bound()
			minLon, maxLon = math.Min(minLon, b.Min[0]), math.Max(maxLon, b.Max[0])
			minLat, maxLat = math.Min(minLat, b.Min[1]), math.Max(maxLat, b.Max[1])
		}
	}
	m := regionMap{W: mapW, H: 120}
	if math.IsInf(minLon, 0) {
		return m
	}
	k := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	spanX, spanY := (maxLon-minLon)*k, maxLat-minLat
	span := math.Max(math.Max(spanX, spanY), 1e-6)
	const pad = 12.0
	scale := (mapW - 2*pad) / span
	m.H = int(math.Ceil(spanY*scale + 2*pad))
	first := ""
	for _, v := range vs {
		if math.IsNaN(v.Lon) || math.IsNaN(v.Lat) {
			continue
		}
		if first == "" {
			first = v.Country
		}
		x := pad + (v.Lon-minLon)*k*scale
		y := pad + (maxLat-v.Lat)*scale
		pt := mapPoint{X: num1(x), Y: num1(y), Href: href(v), Title: title(v), Class: class(v), Square: v.Country != first}
		if v.Shape != nil {
			pt.Path = svgPath(v.Shape, func(p orb.Point) (float64, float64) {
				return pad + (p[0]-minLon)*k*scale, pad + (maxLat-p[1])*scale
			})
		}
		m.Points = append(m.Points, pt)
		if v.Country != first {
			m.Square = addName(m.Square, country(v.Country))
		}
	}
	if m.Square != "" {
		m.Circle = country(first)
	}
	// Areas first, so that no area hides a village drawn as a point.
	sort.SliceStable(m.Points, func(i, j int) bool { return m.Points[i].Path != "" && m.Points[j].Path == "" })
	return m
}

// distClass is the map class of a distance in metres.
func distClass(d float64) string {
	switch {
	case math.IsNaN(d):
		return "cu"
	case d <= 1200:
		return "c0"
	case d <= 3750:
		return "c1"
	case d <= 10000:
		return "c2"
	}
	return "c3"
}

// trend is a small line chart of one category's distance over the years.
type trend struct {
	Category string
	Points   string // polyline points
	Dots     []dot
	Summary  string // "2024: 1.2 km → 2026: 1.5 km", the chart's text
}

type dot struct{ X, Y, Label string }

const trendW, trendH, trendPad = 180.0, 44.0, 5.0

// buildTrend places the known values (metres; NaN unknown) of the runs on
// a chart trendW × trendH, the y axis from 0 to the largest value.
func buildTrend(vals []float64, labels []string, format func(float64) string) (points string, dots []dot, summary string) {
	top := 0.0
	for _, v := range vals {
		if !math.IsNaN(v) {
			top = math.Max(top, v)
		}
	}
	if top == 0 {
		top = 1
	}
	var pts, parts []string
	for i, v := range vals {
		if math.IsNaN(v) {
			parts = append(parts, labels[i]+": –")
			continue
		}
		x := trendPad
		if len(vals) > 1 {
			x += float64(i) * (trendW - 2*trendPad) / float64(len(vals)-1)
		}
		y := trendH - trendPad - v/top*(trendH-2*trendPad)
		pts = append(pts, num1(x)+","+num1(y))
		dots = append(dots, dot{X: num1(x), Y: num1(y), Label: labels[i] + ": " + format(v)})
		parts = append(parts, labels[i]+": "+format(v))
	}
	return strings.Join(pts, " "), dots, strings.Join(parts, " → ")
}

func num1(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// addName appends name to the comma-separated list l unless it is there.
func addName(l, name string) string {
	for _, x := range strings.Split(l, ", ") {
		if x == name {
			return l
		}
	}
	if l == "" {
		return name
	}
	return l + ", " + name
}

// svgPath is the SVG path of a multipolygon projected by proj, rounded to
// 0.1 unit with repeated vertices dropped (rings of fewer than three
// vertices left out).
func svgPath(mp orb.MultiPolygon, proj func(orb.Point) (float64, float64)) string {
	var b strings.Builder
	for _, poly := range mp {
		for _, ring := range poly {
			var pts []string
			last := ""
			for _, p := range ring {
				x, y := proj(p)
				s := num1(x) + " " + num1(y)
				if s != last {
					pts = append(pts, s)
					last = s
				}
			}
			if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
				pts = pts[:len(pts)-1]
			}
			if len(pts) < 3 {
				continue
			}
			b.WriteString("M" + strings.Join(pts, "L") + "Z")
		}
	}
	return b.String()
}
