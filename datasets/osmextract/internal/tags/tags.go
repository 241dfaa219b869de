// Package tags reads the OSM tags osmextract cares about: which objects
// are places, services (a key=value tag the taxonomy maps to a category)
// or administrative boundaries, and the codes, countries and populations
// their tags carry. It knows nothing of files, ways or geometry.
//
// Concurrency: a Rules is read-only once built; its methods are safe on
// the decoder goroutines of an OSM scan.
package tags

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/osm"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/taxonomy"
)

// CodeKey says which tag of a municipality boundary holds its official
// code, and which country (ISO 3166-1 alpha-2) that code belongs to.
type CodeKey struct {
	Key, Country string
}

// Config is what Rules are built from, defaults already filled in.
type Config struct {
	Places         []string // place=* values read as villages
	AdminLevels    []int    // admin_level values read as boundaries, 1…12
	CodeKeys       []CodeKey
	Taxonomy       *taxonomy.Taxonomy
	BoundariesOnly bool // no places, no services
}

// Rules are the compiled lookups of a Config.
type Rules struct {
	places   map[string]bool
	levels   map[string]int // admin_level value -> level
	codeKeys []CodeKey
	rawKeys  map[string]bool   // keys of key=value taxonomy entries
	rawToCat map[string]string // exact "key=value" -> category
}

// New compiles c. An empty place value or an admin level outside 1…12 is
// an error.
func New(c Config) (*Rules, error) {
	s := &Rules{places: map[string]bool{}, levels: map[string]int{}, codeKeys: c.CodeKeys}
	for _, p := range c.Places {
		if p == "" {
			return nil, fmt.Errorf("osmextract: empty place value")
		}
		s.places[p] = true
	}
	for _, l := range c.AdminLevels {
		if l < 1 || l > 12 {
			return nil, fmt.Errorf("osmextract: admin_level %d not in 1…12", l)
		}
		s.levels[strconv.Itoa(l)] = l
	}
	s.rawKeys, s.rawToCat = map[string]bool{}, map[string]string{}
	for _, e := range c.Taxonomy.Entries() {
		k, v, ok := SplitTag(e.Raw)
		if !ok {
			continue
		}
		cat, known := c.Taxonomy.Map(k + "=" + v)
		if !known {
			continue
		}
		s.rawKeys[k] = true
		s.rawToCat[k+"="+v] = cat
	}
	if c.BoundariesOnly {
		clear(s.places)
		clear(s.rawKeys)
		clear(s.rawToCat)
	}
	return s, nil
}

// SplitTag splits "key=value" (spaces around "=" allowed) into its parts.
func SplitTag(raw string) (k, v string, ok bool) {
	for i := 0; i < len(raw); i++ {
		if raw[i] == '=' {
			k, v = trimSpace(raw[:i]), trimSpace(raw[i+1:])
			return k, v, k != "" && v != ""
		}
	}
	return "", "", false
}

func trimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// Place reports whether a place=* value is read as a village.
func (s *Rules) Place(value string) bool { return s.places[value] }

// Interesting reports whether tags make an object a place or a service.
func (s *Rules) Interesting(tags osm.Tags) bool {
	for _, t := range tags {
		if t.Key == "place" && s.places[t.Value] {
			return true
		}
		if s.rawKeys[t.Key] {
			if _, ok := s.rawToCat[t.Key+"="+t.Value]; ok {
				return true
			}
		}
	}
	return false
}

// AdminLevel returns the wanted admin level of an administrative boundary,
// or 0.
func (s *Rules) AdminLevel(tags osm.Tags) int {
	if tags.Find("boundary") != "administrative" {
		return 0
	}
	return s.levels[tags.Find("admin_level")]
}

// IsAreaRelation reports whether a relation describes polygons, as
// osmium's area assembler reads them.
func IsAreaRelation(tags osm.Tags) bool {
	t := tags.Find("type")
	return t == "multipolygon" || t == "boundary"
}

// KeepRelation is the pass-1 filter: an area relation that is a wanted
// boundary, a place or a service.
func (s *Rules) KeepRelation(r *osm.Relation) bool {
	return IsAreaRelation(r.Tags) && (s.AdminLevel(r.Tags) > 0 || s.Interesting(r.Tags))
}

// Match is one category an object maps to, with the tag that matched.
type Match struct{ Category, Raw string }

// Categories returns the distinct categories of an object's tags, sorted,
// each with the first matching tag in key=value order.
func (s *Rules) Categories(tags osm.Tags) []Match {
	var ms []Match
	for _, t := range tags {
		if !s.rawKeys[t.Key] {
			continue
		}
		raw := t.Key + "=" + t.Value
		if cat, ok := s.rawToCat[raw]; ok {
			ms = append(ms, Match{cat, raw})
		}
	}
	slices.SortFunc(ms, func(a, b Match) int { return cmp.Or(cmp.Compare(a.Category, b.Category), cmp.Compare(a.Raw, b.Raw)) })
	return slices.CompactFunc(ms, func(a, b Match) bool { return a.Category == b.Category })
}

// CountryCode returns the upper-case ISO 3166-1 alpha-2 code of a country
// boundary, or "".
func CountryCode(tags osm.Tags) string {
	for _, k := range []string{"ISO3166-1:alpha2", "ISO3166-1", "country_code_iso3166_1_alpha_2"} {
		v := strings.ToUpper(strings.TrimSpace(tags.Find(k)))
		if len(v) == 2 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z' {
			return v
		}
	}
	return ""
}

// AreaCode returns the first code tag of the code keys present and the
// country it implies.
func (s *Rules) AreaCode(tags osm.Tags) (code, country string) {
	for _, k := range s.codeKeys {
		if v := strings.TrimSpace(tags.Find(k.Key)); v != "" {
			return v, k.Country
		}
	}
	return "", ""
}

// ParsePopulation accepts a plain non-negative integer of at most 10
// digits (surrounding white space allowed).
func ParsePopulation(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 10 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return float64(n), err == nil && datasets.ValidatePopulation(float64(n)) == nil
}
