// Package svgmap draws the static site's maps and charts as inline SVG:
// villages (points or outlines) and area outlines on an equirectangular
// projection, and small line charts of a distance over the years. No
// tiles, no outside data, no script; coordinates are rounded to 0.1 unit
// so that the same inputs give the same bytes.
//
// Units: lon/lat degrees (WGS84) in, SVG user units out; chart values in
// the caller's unit (metres).
//
// Concurrency: every function is pure.
package svgmap

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Place is one village to draw: its point, and its outline when it was
// given as an area.
type Place struct {
	Lon, Lat           float64 // NaN: not drawn
	Country            string
	Shape              orb.MultiPolygon // nil: a point
	Href, Title, Class string
}

// Outline is one area (a municipality, an EPCI) to draw under the
// villages.
type Outline struct {
	Name    string
	Shape   orb.MultiPolygon
	Current bool // the area of the page's village: drawn stronger
}

// Point is a place on a map, in SVG user units.
type Point struct {
	X, Y   string
	Href   string
	Title  string
	Class  string // distance class: c0 (≤ 1.2 km) … c3 (> 10 km), cu (unknown)
	Square bool   // a village outside the map's first country: drawn as a square
	Path   string // the village's polygon, when it has one: drawn instead of the point
}

// Area is an area outline on a map: one path (every ring of the area),
// its name as the path's title.
type Area struct {
	Name, Path string
	Current    bool
}

// Map is an inline SVG map: places and area outlines on an
// equirectangular projection at the region's mean latitude (distortion
// under 0.5 % across a region of 100 km), no tiles, no outside data.
type Map struct {
	W, H   int
	Areas  []Area
	Points []Point
	// Circle and Square name what the shapes mean when villages of more
	// than one country are shown: the first country, the others.
	Circle, Square string
}

// Region fits places and outlines into a map w units wide (the height
// follows) and projects them. country names a country code for the
// legend of shapes. Areas are listed in the order given, places with an
// outline before points, so that no outline hides a point. Outlines with
// no ring of three distinct vertices after rounding are left out.
// O(vertices).
func Region(w int, places []Place, outlines []Outline, country func(cc string) string) Map {
	minLon, maxLon, minLat, maxLat := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	grow := func(mp orb.MultiPolygon) {
		if len(mp) == 0 {
			return
		}
		b := mp.Bound()
		minLon, maxLon = math.Min(minLon, b.Min[0]), math.Max(maxLon, b.Max[0])
		minLat, maxLat = math.Min(minLat, b.Min[1]), math.Max(maxLat, b.Max[1])
	}
	for _, v := range places {
		if math.IsNaN(v.Lon) || math.IsNaN(v.Lat) {
			continue
		}
		minLon, maxLon = math.Min(minLon, v.Lon), math.Max(maxLon, v.Lon)
		minLat, maxLat = math.Min(minLat, v.Lat), math.Max(maxLat, v.Lat)
		grow(v.Shape)
	}
	for _, a := range outlines {
		grow(a.Shape)
	}
	m := Map{W: w, H: 120}
	if math.IsInf(minLon, 0) {
		return m
	}
	k := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	spanX, spanY := (maxLon-minLon)*k, maxLat-minLat
	span := math.Max(math.Max(spanX, spanY), 1e-6)
	const pad = 12.0
	scale := (float64(w) - 2*pad) / span
	m.H = int(math.Ceil(spanY*scale + 2*pad))
	proj := func(p orb.Point) (float64, float64) { return pad + (p[0]-minLon)*k*scale, pad + (maxLat-p[1])*scale }
	for _, a := range outlines {
		if d := Path(a.Shape, proj); d != "" {
			m.Areas = append(m.Areas, Area{Name: a.Name, Path: d, Current: a.Current})
		}
	}
	first := ""
	for _, v := range places {
		if math.IsNaN(v.Lon) || math.IsNaN(v.Lat) {
			continue
		}
		if first == "" {
			first = v.Country
		}
		x, y := proj(orb.Point{v.Lon, v.Lat})
		pt := Point{X: Num1(x), Y: Num1(y), Href: v.Href, Title: v.Title, Class: v.Class, Square: v.Country != first}
		if v.Shape != nil {
			pt.Path = Path(v.Shape, proj)
		}
		m.Points = append(m.Points, pt)
		if v.Country != first {
			m.Square = addName(m.Square, country(v.Country))
		}
	}
	if m.Square != "" {
		m.Circle = country(first)
	}
	// Outlines first, so that no outline hides a village drawn as a point.
	sort.SliceStable(m.Points, func(i, j int) bool { return m.Points[i].Path != "" && m.Points[j].Path == "" })
	return m
}

// DistClass is the map class of a distance in metres.
func DistClass(d float64) string {
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

// Dot is a value on a trend chart, with its label ("2024: 1.2 km").
type Dot struct{ X, Y, Label string }

const trendW, trendH, trendPad = 180.0, 44.0, 5.0

// Trend places the known values (NaN unknown) of the runs on a chart
// trendW × trendH, the y axis from 0 to the largest value: the polyline's
// points, a dot per known value, and the chart as text ("2024: 1.2 km →
// 2026: –").
func Trend(vals []float64, labels []string, format func(float64) string) (points string, dots []Dot, summary string) {
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
		pts = append(pts, Num1(x)+","+Num1(y))
		dots = append(dots, Dot{X: Num1(x), Y: Num1(y), Label: labels[i] + ": " + format(v)})
		parts = append(parts, labels[i]+": "+format(v))
	}
	return strings.Join(pts, " "), dots, strings.Join(parts, " → ")
}

// Num1 is v rounded to 0.1, without trailing zeros.
func Num1(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

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

// Path is the SVG path of a multipolygon projected by proj, rounded to
// 0.1 unit with repeated vertices dropped (rings of fewer than three
// vertices left out).
func Path(mp orb.MultiPolygon, proj func(orb.Point) (float64, float64)) string {
	var b strings.Builder
	for _, poly := range mp {
		for _, ring := range poly {
			var pts []string
			last := ""
			for _, p := range ring {
				x, y := proj(p)
				s := Num1(x) + " " + Num1(y)
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
