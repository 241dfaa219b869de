package datasets

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/index"
)

// CountryMarginDeg widens a country's bounding box on each side when
// CheckPlacement checks the villages and services that name it: one
// degree (70–110 km) forgives a village geocoded over the border or a
// sloppy country column, never swapped axes or a wrong CRS, which move
// points by hundreds to thousands of kilometres.
const CountryMarginDeg = 1.0

// RegionMarginDeg widens, on each side, the bounding boxes of all the
// countries the data names when CheckPlacement checks a village or
// service without a country: it may lie in a neighbouring country the
// data does not name, not 500 km beyond every one of them.
const RegionMarginDeg = 5.0

// MaxMedianNearestM bounds the median straight-line distance from a
// village to its nearest service of any category (CheckSeparation):
// everyday services are kilometres away, not a thousand.
const MaxMedianNearestM = 1_000_000

// CheckPlacement checks that every village and service lies in the area
// it claims. One with a country in the table of CountryBoxes must lie in
// a box of that country widened by CountryMarginDeg; one without a
// country (or with one not in the table) must lie in a box of a country
// the data names, widened by RegionMarginDeg (no check when the data
// names none in the table). Each problem is a RecordError at the record,
// saying "looks like lat,lon swapped" when the swapped point is where the
// original should be. At most MaxProblems problems per source are
// reported. O(villages + services).
func CheckPlacement(villages []Village, services []Service) ErrorList {
	var region []Box
	seen := map[string]bool{}
	name := func(cc string) {
		if boxes, ok := countryBoxes[cc]; ok && !seen[cc] {
			seen[cc] = true
			region = append(region, boxes...)
		}
	}
	for i := range villages {
		name(villages[i].Country)
	}
	for i := range services {
		name(services[i].Country)
	}
	named := make([]string, 0, len(seen))
	for cc := range seen {
		named = append(named, cc)
	}
	slices.Sort(named)
	pc := placementCheck{region: region, regionName: strings.Join(named, ", "), probs: map[string]*Problems{}}
	for i := range villages {
		v := &villages[i]
		pc.check(v.Country, v.Location, v.Origin)
	}
	for i := range services {
		s := &services[i]
		pc.check(s.Country, s.Location, s.Origin)
	}
	return pc.list
}

type placementCheck struct {
	region     []Box
	regionName string
	probs      map[string]*Problems
	list       ErrorList
}

func (pc *placementCheck) check(country string, p orb.Point, o Origin) {
	boxes, margin, where := countryBoxes[country], CountryMarginDeg, country
	if len(boxes) == 0 {
		if len(pc.region) == 0 {
			return
		}
		boxes, margin, where = pc.region, RegionMarginDeg, "the countries of the data ("+pc.regionName+")"
	}
	if inBoxes(boxes, p[0], p[1], margin) {
		return
	}
	reason := fmt.Sprintf("lon %v, lat %v lies outside %s (bounding box widened by %g°)", p[0], p[1], where, margin)
	if inBoxes(boxes, p[1], p[0], margin) {
		reason += ": looks like lat,lon swapped"
	} else if country != "" && len(countryBoxes[country]) > 0 {
		reason += ": wrong coordinates or wrong country"
	}
	pr := pc.probs[o.Source]
	if pr == nil {
		pr = NewProblems(o.Source)
		pc.probs[o.Source] = pr
	}
	n := pr.Len()
	pr.Add(&RecordError{Line: o.Line, Feature: o.Feature, Field: "geometry", Reason: reason})
	if pr.Len() > n {
		pc.list = append(pc.list, pr.list[n:]...)
	}
}

// CheckCountryPoint returns why p cannot lie in country (as
// CheckPlacement does for records: outside the country's boxes widened by
// CountryMarginDeg, "looks like lat,lon swapped" when the swapped point
// fits), or "" when it can or the country is not in the table. O(1).
func CheckCountryPoint(country string, p orb.Point) string {
	boxes := countryBoxes[country]
	if len(boxes) == 0 || inBoxes(boxes, p[0], p[1], CountryMarginDeg) {
		return ""
	}
	reason := fmt.Sprintf("lon %v, lat %v lies outside %s (bounding box widened by %g°)", p[0], p[1], country, float64(CountryMarginDeg))
	if inBoxes(boxes, p[1], p[0], CountryMarginDeg) {
		return reason + ": looks like lat,lon swapped"
	}
	return reason + ": wrong coordinates or wrong country"
}

// CheckBoundaries checks that every boundary naming a country in the
// table overlaps one of that country's boxes widened by
// CountryMarginDeg, saying "looks like lat,lon swapped" when its swapped
// extent would. Boundaries without a country or with one not in the
// table are not checked. At most MaxProblems problems per source. O(total
// number of polygon points).
func CheckBoundaries(bs []Boundary) ErrorList {
	probs := map[string]*Problems{}
	var list ErrorList
	for i := range bs {
		b := &bs[i]
		boxes := countryBoxes[b.Country]
		if len(boxes) == 0 || len(b.Geometry) == 0 {
			continue
		}
		ext := b.Geometry.Bound()
		if overlaps(boxes, ext, CountryMarginDeg) {
			continue
		}
		reason := fmt.Sprintf("extent %v–%v°E, %v–%v°N lies outside %s (bounding box widened by %g°)",
			ext.Min[0], ext.Max[0], ext.Min[1], ext.Max[1], b.Country, float64(CountryMarginDeg))
		swapped := orb.Bound{Min: orb.Point{ext.Min[1], ext.Min[0]}, Max: orb.Point{ext.Max[1], ext.Max[0]}}
		if overlaps(boxes, swapped, CountryMarginDeg) {
			reason += ": looks like lat,lon swapped"
		} else {
			reason += ": wrong coordinates or wrong country"
		}
		pr := probs[b.Origin.Source]
		if pr == nil {
			pr = NewProblems(b.Origin.Source)
			probs[b.Origin.Source] = pr
		}
		n := pr.Len()
		pr.Add(&RecordError{Line: b.Origin.Line, Feature: b.Origin.Feature, Field: "geometry", Reason: reason})
		list = append(list, pr.list[n:]...)
	}
	return list
}

// overlaps reports whether bound b meets one of boxes widened by margin.
func overlaps(boxes []Box, b orb.Bound, margin float64) bool {
	for _, x := range boxes {
		if b.Min[0] <= x.East+margin && b.Max[0] >= x.West-margin && b.Min[1] <= x.North+margin && b.Max[1] >= x.South-margin {
			return true
		}
	}
	return false
}

func inBoxes(boxes []Box, lon, lat, margin float64) bool {
	for _, b := range boxes {
		if b.Contains(lon, lat, margin) {
			return true
		}
	}
	return false
}

// CheckSeparation reports an error when villages and services are so far
// apart that the coordinates must be wrong: the median distance from a
// village to its nearest service (any category, straight line) is above
// MaxMedianNearestM. It looks at up to 1000 villages spread evenly
// through the input, and says whether swapping longitude and latitude of
// the villages or of the services would bring them together. Returns nil
// when either list is empty. O(s log s + 1000 log s) for s services.
func CheckSeparation(villages []Village, services []Service) error {
	if len(villages) == 0 || len(services) == 0 {
		return nil
	}
	vs := sampleLocations(villages, 1000)
	ss := make([]orb.Point, len(services))
	for i := range services {
		ss[i] = services[i].Location
	}
	median := medianNearestM(vs, ss)
	if median <= MaxMedianNearestM {
		return nil
	}
	reason := fmt.Sprintf("the median distance from a village to its nearest service is %.0f km (more than %d km): villages and services are not in the same region",
		median/1000, MaxMedianNearestM/1000)
	// Swapping either side brings two sets a swap apart together; the
	// swapped side is the one that swapped lands in known countries.
	vSwap := medianNearestM(swapped(vs), ss) <= MaxMedianNearestM
	sSwap := medianNearestM(vs, swapped(ss)) <= MaxMedianNearestM
	switch {
	case vSwap && sSwap && inCountries(swapped(vs)) > inCountries(vs):
		reason += "; the villages look like lat,lon swapped"
	case vSwap && sSwap && inCountries(swapped(ss)) > inCountries(ss):
		reason += "; the services look like lat,lon swapped"
	case vSwap && !sSwap:
		reason += "; the villages look like lat,lon swapped"
	case sSwap && !vSwap:
		reason += "; the services look like lat,lon swapped"
	case vSwap:
		reason += "; the villages or the services look like lat,lon swapped"
	default:
		reason += "; check their coordinates and coordinate systems"
	}
	return &RecordError{Source: sourcesOf(villages, services), Feature: -1, Reason: reason}
}

// inCountries counts the points inside some country of the table
// (widened by CountryMarginDeg).
func inCountries(pts []orb.Point) int {
	n := 0
	for _, p := range pts {
		for _, boxes := range countryBoxes {
			if inBoxes(boxes, p[0], p[1], CountryMarginDeg) {
				n++
				break
			}
		}
	}
	return n
}

func sampleLocations(villages []Village, n int) []orb.Point {
	step := max(1, len(villages)/n)
	var pts []orb.Point
	for i := 0; i < len(villages); i += step {
		pts = append(pts, villages[i].Location)
	}
	return pts
}

func swapped(pts []orb.Point) []orb.Point {
	out := make([]orb.Point, len(pts))
	for i, p := range pts {
		out[i] = orb.Point{p[1], p[0]}
	}
	return out
}

// medianNearestM is the median over from of the distance to the nearest
// point of to, in metres.
func medianNearestM(from, to []orb.Point) float64 {
	ix := index.New(to)
	d := make([]float64, 0, len(from))
	for _, p := range from {
		if _, m, ok := ix.Nearest(p, nil); ok {
			d = append(d, m)
		}
	}
	if len(d) == 0 {
		return math.Inf(1) // no point of from is a valid location
	}
	slices.Sort(d)
	return d[(len(d)-1)/2] // the lower median
}

// sourcesOf names the files the villages and services came from.
func sourcesOf(villages []Village, services []Service) string {
	var names []string
	add := func(s string) {
		if !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	for i := range villages {
		add(villages[i].Origin.Source)
	}
	for i := range services {
		add(services[i].Origin.Source)
	}
	return strings.Join(names, ", ")
}
