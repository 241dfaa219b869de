package crs

import (
	"math"
	"sort"
)

// Area is the area of use of a coordinate reference system as the EPSG
// registry gives it: a WGS84 longitude/latitude box in degrees and its
// description.
type Area struct {
	West, South, East, North float64
	Name                     string
}

// AreaMarginDeg widens every area of use on each side when Fits checks a
// point: data in a national CRS often reach a little over the border (a
// cross-border data set in Belgian Lambert 72 holds French Flanders). Two
// degrees is 140–220 km; a wrong CRS or swapped axes put points hundreds
// to thousands of kilometres away.
const AreaMarginDeg = 2.0

// areas are the EPSG areas of use (EPSG registry, as PROJ 9 reports them
// with pyproj.CRS.from_epsg(code).area_of_use).
var areas = map[int]Area{
	4326:  {-180, -90, 180, 90, "world"},
	3035:  {-35.58, 24.6, 44.83, 84.73, "Europe: EU countries and candidates"},
	2154:  {-9.86, 41.15, 10.38, 51.56, "metropolitan France and Corsica"},
	31370: {2.5, 49.5, 6.4, 51.51, "Belgium"},
	32631: {0, 0, 6, 84, "0°E to 6°E, equator to 84°N"},
}

// AreaOfUse returns the area of use of a supported EPSG code, or an error
// wrapping ErrUnsupported.
func AreaOfUse(code int) (Area, error) {
	if _, err := lookup(code); err != nil {
		return Area{}, err
	}
	return areas[code], nil
}

// Contains reports whether (lon, lat) lies in the area widened by margin
// degrees on each side. NaN never does. O(1).
func (a Area) Contains(lon, lat, margin float64) bool {
	return lon >= a.West-margin && lon <= a.East+margin && lat >= a.South-margin && lat <= a.North+margin
}

// size is the area's extent in square degrees, to rank areas from the
// most specific.
func (a Area) size() float64 { return (a.East - a.West) * (a.North - a.South) }

// Fits reports whether (x, y) read in EPSG:code lands in that system's
// area of use widened by AreaMarginDeg. For 4326 that is any valid
// longitude and latitude. For a projected system, values that fit in
// [-180, 180] × [-90, 90] do not fit: they are degrees given as metres
// (in Belgian Lambert 72 they would all lie within 200 m of its false
// origin, in a field in Picardy). Neither do x, y that the projection
// does not give back from the point they are read as (beyond the
// projection's domain). Unknown codes do not fit. O(1).
func Fits(code int, x, y float64) bool {
	s, ok := systems[code]
	if !ok {
		return false
	}
	if s.proj != nil && math.Abs(x) <= 180 && math.Abs(y) <= 90 {
		return false
	}
	lon, lat := s.toWGS84(x, y)
	if !areas[code].Contains(lon, lat, AreaMarginDeg) {
		return false
	}
	// Far outside a projection's domain the inverse wraps around to some
	// valid-looking point; the forward projection then does not give x, y
	// back.
	bx, by := s.fromWGS84(lon, lat)
	return math.Hypot(bx-x, by-y) <= 1
}

// Fitting returns the supported codes in which (x, y) fits (see Fits),
// the most specific area of use first (Belgian Lambert 72 before
// Lambert-93 before UTM 31N before ETRS89-LAEA before WGS84), so its
// first element is the likeliest system of the data. O(number of
// supported systems).
func Fitting(x, y float64) []int {
	var codes []int
	for code := range systems {
		if Fits(code, x, y) {
			codes = append(codes, code)
		}
	}
	sort.Slice(codes, func(i, j int) bool {
		ai, aj := areas[codes[i]].size(), areas[codes[j]].size()
		if ai != aj {
			return ai < aj
		}
		return codes[i] < codes[j]
	})
	return codes
}
