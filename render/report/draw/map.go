package draw

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/crs"
	"github.com/partons/partons/render/qml"
)

// Map geometry, in SVG user units (about CSS pixels at full width).
const (
	mapW   = 560.0
	mapPad = 8.0
)

// Place is one village as maps draw it: its polygon (Geometry a Polygon
// or MultiPolygon, drawn as the shape) or else its point (Location).
type Place struct {
	Geometry orb.Geometry
	Location orb.Point
}

// Marker is a named point drawn as a star (a chosen site).
type Marker struct {
	Name     string
	Location orb.Point
}

// Frame projects WGS84 lon/lat to map units: ETRS89-LAEA (EPSG:3035)
// metres, scaled to the map width and flipped so north is up. It holds
// the places every map of a report draws.
type Frame struct {
	proj       func(lon, lat float64) (x, y float64)
	minX, maxY float64
	scale      float64 // map units per metre
	w, h       float64
	places     []Place
	areas      int
}

// NewFrame fits a frame around the places (their polygons' bounds, else
// their points) and the extra points (such as sites); areas is the
// number of area outlines Defs will define. Points that do not project
// are left out of the extent.
func NewFrame(places []Place, extra []orb.Point, areas int) (*Frame, error) {
	proj, err := crs.FromWGS84(3035)
	if err != nil {
		return nil, fmt.Errorf("draw: %w", err)
	}
	f := &Frame{proj: proj, places: places, areas: areas}
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	add := func(p orb.Point) {
		x, y := proj(p[0], p[1])
		if math.IsNaN(x) || math.IsNaN(y) {
			return
		}
		b = b.Extend(orb.Point{x, y})
	}
	for _, vl := range places {
		switch g := vl.Geometry.(type) {
		case orb.Polygon, orb.MultiPolygon:
			gb := g.Bound()
			add(gb.Min)
			add(gb.Max)
			add(orb.Point{gb.Min[0], gb.Max[1]})
			add(orb.Point{gb.Max[0], gb.Min[1]})
		default:
			add(vl.Location)
		}
	}
	for _, p := range extra {
		add(p)
	}
	if b.Min[0] > b.Max[0] { // nothing to draw
		b = orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1000, 1000}}
	}
	dx, dy := math.Max(b.Max[0]-b.Min[0], 1000), math.Max(b.Max[1]-b.Min[1], 1000)
	f.minX, f.maxY = b.Min[0], b.Max[1]
	f.scale = (mapW - 2*mapPad) / dx
	f.w = mapW
	f.h = math.Ceil(dy*f.scale + 2*mapPad)
	return f, nil
}

func (f *Frame) xy(p orb.Point) (float64, float64) {
	x, y := f.proj(p[0], p[1])
	return mapPad + (x-f.minX)*f.scale, mapPad + (f.maxY-y)*f.scale
}

// coord formats a map coordinate to 0.1 unit.
func coord(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// pathD returns the SVG path data of polygons, dropping vertices that
// round onto the previous one. Complexity O(vertices).
func (f *Frame) pathD(polys orb.MultiPolygon) string {
	var b strings.Builder
	for _, poly := range polys {
		for _, ring := range poly {
			prev := ""
			n := 0
			for i, p := range ring {
				x, y := f.xy(p)
				s := coord(x) + " " + coord(y)
				if s == prev {
					continue
				}
				if i == 0 {
					b.WriteString("M")
				} else {
					b.WriteString("L")
				}
				b.WriteString(s)
				prev = s
				n++
			}
			if n > 0 {
				b.WriteString("Z")
			}
		}
	}
	return b.String()
}

// AsMulti returns g as a MultiPolygon when it is a Polygon or one.
func AsMulti(g orb.Geometry) (orb.MultiPolygon, bool) {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}, true
	case orb.MultiPolygon:
		return g, true
	}
	return nil, false
}

// Defs writes the shapes shared by every map once: the places' polygons
// (#v<i>) and the area outlines (#a<i>), referenced with <use>.
func (f *Frame) Defs(b *strings.Builder, areas []orb.MultiPolygon) {
	b.WriteString(`<svg class="defs" width="0" height="0" aria-hidden="true"><defs>` + "\n")
	for v := range f.places {
		if mp, ok := AsMulti(f.places[v].Geometry); ok {
			fmt.Fprintf(b, `<path id="v%d" d="%s"/>`+"\n", v, f.pathD(mp))
		}
	}
	for i, a := range areas {
		fmt.Fprintf(b, `<path id="a%d" d="%s"/>`+"\n", i, f.pathD(a))
	}
	b.WriteString("</defs></svg>\n")
}

// Map is what one map shows.
type Map struct {
	Label    string                      // aria label
	Fill     func(v int) string          // colour of place v
	Services []orb.Point                 // drawn as crosses
	Sites    []Marker                    // drawn as stars
	Order    func(v int) (float64, bool) // drawing key: larger on top; false = draw first
}

// Draw writes one map as an inline SVG, its scale bar labelled in l.
// Complexity O(places log places).
func (f *Frame) Draw(b *strings.Builder, m Map, l qml.Lang) {
	fmt.Fprintf(b, `<svg class="map" viewBox="0 0 %s %s" role="img" aria-label="%s">`+"\n",
		coord(f.w), coord(f.h), html.EscapeString(m.Label))
	fmt.Fprintf(b, `<rect width="%s" height="%s" class="sea"/>`+"\n", coord(f.w), coord(f.h))
	b.WriteString(`<g class="polys">`)
	for v := range f.places {
		if _, ok := AsMulti(f.places[v].Geometry); ok {
			fmt.Fprintf(b, `<use href="#v%d" fill="%s"/>`, v, m.Fill(v))
		}
	}
	b.WriteString("</g>\n")
	if f.areas > 0 {
		b.WriteString(`<g class="areas">`)
		for i := range f.areas {
			fmt.Fprintf(b, `<use href="#a%d"/>`, i)
		}
		b.WriteString("</g>\n")
	}
	// Points: unknown first, then by the order key so the worst-off
	// villages are drawn on top and stay visible.
	var pts []int
	for v := range f.places {
		if _, ok := AsMulti(f.places[v].Geometry); !ok {
			pts = append(pts, v)
		}
	}
	if m.Order != nil {
		sortStable(pts, func(a, c int) bool {
			ka, oka := m.Order(a)
			kc, okc := m.Order(c)
			if oka != okc {
				return !oka
			}
			return oka && ka < kc
		})
	}
	b.WriteString(`<g class="pts">`)
	for _, v := range pts {
		x, y := f.xy(f.places[v].Location)
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="3.2" fill="%s"/>`, coord(x), coord(y), m.Fill(v))
	}
	b.WriteString("</g>\n")
	if len(m.Services) > 0 {
		var d strings.Builder
		for _, p := range m.Services {
			x, y := f.xy(p)
			fmt.Fprintf(&d, "M%s %sh4M%s %sv4", coord(x-2), coord(y), coord(x), coord(y-2))
		}
		fmt.Fprintf(b, `<path class="svc" d="%s"/>`+"\n", d.String())
	}
	for _, s := range m.Sites {
		x, y := f.xy(s.Location)
		fmt.Fprintf(b, `<path class="site" d="%s"><title>%s</title></path>`+"\n", star(x, y, 8), html.EscapeString(s.Name))
	}
	f.scaleBar(b, l)
	b.WriteString("</svg>\n")
}

// star returns a five-pointed star path centred on (x, y).
func star(x, y, r float64) string {
	var b strings.Builder
	for i := 0; i < 10; i++ {
		rr := r
		if i%2 == 1 {
			rr = r * 0.45
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString("L")
		}
		b.WriteString(coord(x+rr*math.Cos(a)) + " " + coord(y+rr*math.Sin(a)))
	}
	return b.String() + "Z"
}

// scaleBar draws a bar of a round length near a fifth of the map width.
// LAEA keeps scale within a few per mille over a border region.
func (f *Frame) scaleBar(b *strings.Builder, l qml.Lang) {
	target := (f.w / 5) / f.scale
	length := 1000.0
	for _, m := range []float64{1e3, 2e3, 5e3, 10e3, 20e3, 50e3, 100e3, 200e3, 500e3} {
		if m <= target {
			length = m
		}
	}
	w := length * f.scale
	x0, y0 := mapPad+4, f.h-mapPad-4
	fmt.Fprintf(b, `<g class="scale"><path d="M%s %sv4h%sv-4"/><text x="%s" y="%s">%s</text></g>`+"\n",
		coord(x0), coord(y0-4), coord(w), coord(x0+w+4), coord(y0), html.EscapeString(l.Threshold(length)))
}

func sortStable(xs []int, less func(a, b int) bool) {
	// insertion sort is stable and the lists are small (villages drawn as
	// points); fall back to a merge sort for long ones.
	if len(xs) < 64 {
		for i := 1; i < len(xs); i++ {
			for j := i; j > 0 && less(xs[j], xs[j-1]); j-- {
				xs[j], xs[j-1] = xs[j-1], xs[j]
			}
		}
		return
	}
	mid := len(xs) / 2
	a := append([]int(nil), xs[:mid]...)
	c := append([]int(nil), xs[mid:]...)
	sortStable(a, less)
	sortStable(c, less)
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(c) {
		if less(c[j], a[i]) {
			xs[k] = c[j]
			j++
		} else {
			xs[k] = a[i]
			i++
		}
		k++
	}
	k += copy(xs[k:], a[i:])
	copy(xs[k:], c[j:])
}
