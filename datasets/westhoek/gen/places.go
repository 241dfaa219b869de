package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/paulmach/orb"
)

// fileFRPlaces holds OpenStreetMap place nodes on both sides of the
// border (2026); the French ones give the communes' measurement points.
const fileFRPlaces = "places-osm2026.geojson"

// srcOSMPlacesFR is the source id of fileFRPlaces.
const srcOSMPlacesFR = "osm-2026-places"

// placeRank orders OSM place classes, the most important first.
var placeRank = map[string]int{"city": 0, "town": 1, "village": 2, "hamlet": 3, "suburb": 4}

// frPlace is a French OSM place node.
type frPlace struct {
	name, class string
	at          orb.Point
}

func loadFrenchPlaces(path string) ([]frPlace, error) {
	fc, err := readCollection(path)
	if err != nil {
		return nil, err
	}
	var out []frPlace
	for i, f := range fc.Features {
		if str(f.Properties, "country") != "FR" {
			continue
		}
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			return nil, fmt.Errorf("%s: feature %d: not a point", path, i)
		}
		out = append(out, frPlace{name: str(f.Properties, "name"), class: str(f.Properties, "place_type"), at: p})
	}
	return out, nil
}

// communePoint returns the place node a commune is measured from: among
// the French place nodes inside the commune's polygon, the one with the
// commune's name (compared without case, accents, hyphens or
// apostrophes); else one named like it but for a leading article ("Le
// Doulieu" for Doulieu); else the first part of a merged commune's name
// (Téteghem for Téteghem-Coudekerque-Village). Ties go to the larger
// place class, then to file order. ok is false when none matches.
func communePoint(c *area, name string, places []frPlace) (p orb.Point, rule string, ok bool) {
	want := fold(name)
	rules := []struct {
		name  string
		match func(place string) bool
	}{
		{"same name", func(s string) bool { return s == want }},
		{"same name but for an article", func(s string) bool { return stripArticle(s) == stripArticle(want) }},
		{"first part of a merged commune's name", func(s string) bool { return strings.HasPrefix(want, s+" ") }},
	}
	for _, r := range rules {
		best := -1
		for i, pl := range places {
			if !r.match(fold(pl.name)) || !c.contains(pl.at) {
				continue
			}
			if best < 0 || rank(pl.class) < rank(places[best].class) {
				best = i
			}
		}
		if best >= 0 {
			return places[best].at, r.name, true
		}
	}
	return orb.Point{}, "", false
}

func rank(class string) int {
	if r, ok := placeRank[class]; ok {
		return r
	}
	return len(placeRank)
}

// fold lowercases s, drops French accents and reads hyphens and
// apostrophes as spaces.
func fold(s string) string {
	r := strings.NewReplacer("à", "a", "â", "a", "ä", "a", "é", "e", "è", "e", "ê", "e", "ë", "e", "î", "i", "ï", "i",
		"ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ç", "c", "œ", "oe", "æ", "ae", "ÿ", "y", "-", " ", "'", " ", "’", " ")
	return strings.Join(strings.Fields(r.Replace(strings.ToLower(s))), " ")
}

// stripArticle drops a leading French article from a folded name.
func stripArticle(s string) string {
	for _, a := range []string{"le ", "la ", "les ", "l "} {
		if strings.HasPrefix(s, a) {
			return s[len(a):]
		}
	}
	return s
}

// placeCommunes sets each French commune's measurement point (communePoint)
// and counts the communes placed by each rule, and those left to the
// reader's point inside the polygon.
func placeCommunes(communes []*area, villages []feature, places []frPlace, st *stats) error {
	byCode := map[string]*area{}
	for _, c := range communes {
		byCode[c.code] = c
	}
	st.placed = map[string]int{}
	for i := range villages {
		vp, ok := villages[i].Properties.(villageProps)
		if !ok {
			return fmt.Errorf("commune %s: unexpected properties", villages[i].id)
		}
		c := byCode[vp.ID]
		if c == nil {
			return fmt.Errorf("commune %s: no polygon", vp.ID)
		}
		p, rule, ok := communePoint(c, vp.Name, places)
		if !ok {
			st.placed["none"]++
			st.warnings = append(st.warnings, fmt.Sprintf("commune %s (%s): no place node of its name inside it; measured from a point inside the polygon", vp.ID, vp.Name))
			continue
		}
		st.placed[rule]++
		vp.Point = &[2]float64{p[0], p[1]}
		villages[i].Properties = vp
	}
	return nil
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
