// Package draw draws the inline SVG of report.html: maps of villages
// (polygons by shared <use> references, points ordered so the worst-off
// stay on top), service crosses, site stars, area outlines and a scale
// bar, cumulative distribution charts, the week chart of opening hours,
// and the colours of distance classes and of scenario differences.
//
// Units: maps are in ETRS89-LAEA (EPSG:3035) metres scaled to about CSS
// pixels at full width, north up; chart axes take the caller's scale
// and unit (kilometres, minutes). Output is deterministic: coordinates
// are rounded to 0.1 unit and nothing depends on map iteration or the
// clock.
//
// A Frame is read-only once built and may be shared; drawing writes only
// to the caller's strings.Builder.
package draw
