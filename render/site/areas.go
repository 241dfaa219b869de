package site

import (
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/site/input"
	"github.com/partons/partons/render/site/svgmap"
)

// locatorW is the width of a village page's map in SVG units.
const locatorW = 320

// areasOf are the area outlines of the newest run that has some: the
// areas of the region as the latest data draws them.
func areasOf(runs []*input.Run) []input.AreaShape {
	for i := len(runs) - 1; i >= 0; i-- {
		if len(runs[i].Areas) > 0 {
			return runs[i].Areas
		}
	}
	return nil
}

// outlines are the site's areas for a map in l, the area of code
// current (country, area code) marked current; an area is titled by its
// name in l (its code when it has none) and its country.
func (b *builder) outlines(l qml.Lang, current [2]string) []svgmap.Outline {
	out := make([]svgmap.Outline, len(b.areas))
	for i, a := range b.areas {
		name := a.Name
		if name == "" {
			name = a.Code
		}
		out[i] = svgmap.Outline{Name: placeName(name, l) + " (" + countryName(a.Country, l) + ")", Shape: a.Shape,
			Current: a.Country == current[0] && a.Code == current[1]}
	}
	return out
}

// locator is a village page's map: the region's areas, the village's own
// area drawn stronger, and the village; nil when the runs have no area
// outlines (a lone point would say nothing).
func (b *builder) locator(l qml.Lang, v *village, class, title string) *svgmap.Map {
	if len(b.areas) == 0 {
		return nil
	}
	row, _ := v.latest()
	m := svgmap.Region(locatorW, []svgmap.Place{{Lon: v.Lon, Lat: v.Lat, Country: v.Country, Shape: v.Shape, Title: title, Class: class}},
		b.outlines(l, [2]string{v.Country, row["area_code"]}), func(cc string) string { return countryName(cc, l) })
	return &m
}
