package geojsonio

import (
	"strconv"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/internal/jsonscan"
)

// The common feature in one pass.
//
// feature, loadProperties and geometry.Parse each walk a feature's bytes
// again: the scanner checks the whole feature, then the properties and
// the geometry are iterated, then the coordinates parsed. fastFeature
// reads the usual shape of a feature once, with the same scanner, when
// nothing about it needs a decision the general path words:
//
//	{"type": …, "id": …, "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {…}}
//
// members in any order, each at most once, named exactly (no escapes, no
// case folding), "id" optional, the geometry a Point of two numbers that
// parse exactly and are a valid lon/lat, white space anywhere JSON allows
// it. It fills in c.raw, the properties (as loadProperties would) and
// the point (as geometry.Parse would) and returns true; on anything else
// it leaves s and c as they were and returns false, and the feature goes
// through feature as before. Either way build then sees the same feature,
// so every check and every message stays that of the general path.

// fastMember bits: which members of a feature or geometry were read.
const (
	fastType = 1 << iota
	fastID
	fastGeometry
	fastProperties
	fastCoordinates
)

// fastFeature reads the feature at s.I as described above. depth is the
// scanner depth of the feature's members (as feature passes to Value).
func fastFeature(s *jsonscan.Scanner, c *featureCtx, depth int) bool {
	start := s.I
	if s.I >= len(s.B) || s.B[s.I] != '{' {
		return false
	}
	s.I++
	var raw rawFeature
	var point orb.Point
	seen := 0
	fail := func() bool {
		s.I = start
		clear(c.vals)
		return false
	}
	for k := 0; ; k++ {
		key, plain, more, ok := s.Member(k)
		if !ok || (more && !plain) {
			return fail()
		}
		if !more {
			break
		}
		var bit int
		switch string(key) {
		case "type":
			bit = fastType
		case "id":
			bit = fastID
		case "geometry":
			bit = fastGeometry
		case "properties":
			bit = fastProperties
		default:
			return fail()
		}
		if seen&bit != 0 {
			return fail() // the general path keeps the last: leave it to it
		}
		seen |= bit
		switch bit {
		case fastGeometry:
			s.SkipSpace()
			at := s.I
			p, ok := fastPoint(s, depth+1)
			if !ok {
				return fail()
			}
			raw.Geometry, point = s.B[at:s.I], p
		case fastProperties:
			s.SkipSpace()
			at := s.I
			if !fastProps(s, c, depth+1) {
				return fail()
			}
			raw.Properties = s.B[at:s.I]
		default:
			at, ok := s.Value(depth)
			if !ok {
				return fail()
			}
			if bit == fastType {
				raw.Type = s.B[at:s.I]
			} else {
				raw.ID = s.B[at:s.I]
			}
		}
	}
	if seen&(fastGeometry|fastProperties) != fastGeometry|fastProperties {
		return fail()
	}
	// Only now is the feature read here: what loadProperties records
	// beyond the values, as it would.
	for i, v := range c.vals {
		if v != nil {
			c.seen[i] = true
		}
	}
	if c.listing {
		for _, k := range c.fastKeys {
			c.noteKey(k, true)
		}
		c.listing = c.unseenMapped() != nil
	}
	c.raw = raw
	c.point, c.hasPoint, c.loaded = point, true, true
	return true
}

// fastPoint reads {"type": "Point", "coordinates": [lon, lat]} (members in
// either order, nothing else) at s.I, as Parse would read it without an
// error. depth is the depth of the geometry object's members.
func fastPoint(s *jsonscan.Scanner, depth int) (orb.Point, bool) {
	if s.I >= len(s.B) || s.B[s.I] != '{' {
		return orb.Point{}, false
	}
	s.I++
	var p orb.Point
	seen := 0
	for k := 0; ; k++ {
		key, plain, more, ok := s.Member(k)
		if !ok || (more && !plain) {
			return orb.Point{}, false
		}
		if !more {
			break
		}
		switch string(key) {
		case "type":
			if seen&fastType != 0 {
				return orb.Point{}, false
			}
			seen |= fastType
			at, ok := s.Value(depth)
			if !ok || string(s.B[at:s.I]) != `"Point"` {
				return orb.Point{}, false
			}
		case "coordinates":
			if seen&fastCoordinates != 0 {
				return orb.Point{}, false
			}
			seen |= fastCoordinates
			if p, ok = fastPosition(s); !ok {
				return orb.Point{}, false
			}
		default:
			return orb.Point{}, false
		}
	}
	return p, seen == fastType|fastCoordinates
}

// fastPosition reads [lon, lat] at s.I (after white space): two JSON
// numbers that parse without error (no overflow) and are a valid WGS84
// position.
func fastPosition(s *jsonscan.Scanner) (orb.Point, bool) {
	s.SkipSpace()
	if s.I >= len(s.B) || s.B[s.I] != '[' {
		return orb.Point{}, false
	}
	s.I++
	var v [2]float64
	for k := 0; ; k++ {
		more, ok := s.Element(k)
		if !ok {
			return orb.Point{}, false
		}
		if !more {
			if k != 2 {
				return orb.Point{}, false
			}
			break
		}
		if k == 2 {
			return orb.Point{}, false // an altitude: the general path
		}
		s.SkipSpace()
		if s.I >= len(s.B) || !(s.B[s.I] == '-' || '0' <= s.B[s.I] && s.B[s.I] <= '9') {
			return orb.Point{}, false
		}
		at, ok := s.Value(0) // a number: no nesting
		if !ok {
			return orb.Point{}, false
		}
		x, err := strconv.ParseFloat(string(s.B[at:s.I]), 64)
		if err != nil {
			return orb.Point{}, false
		}
		v[k] = x
	}
	if datasets.ValidateLonLat(v[0], v[1]) != nil {
		return orb.Point{}, false
	}
	return orb.Point{v[0], v[1]}, true
}

// fastProps reads the values of the properties object at s.I into c.vals
// as loadProperties does (which is then skipped): values of plain names,
// the last of repeated names kept. While a mapped property is unseen it
// keeps the names in c.fastKeys for fastFeature to note. It changes
// nothing else of c: the feature may still go to the general path. depth
// is the depth of the object's members.
func fastProps(s *jsonscan.Scanner, c *featureCtx, depth int) bool {
	if s.I >= len(s.B) || s.B[s.I] != '{' {
		return false
	}
	s.I++
	c.fastKeys = c.fastKeys[:0]
	for k := 0; ; k++ {
		key, plain, more, ok := s.Member(k)
		if !ok || (more && !plain) {
			return false
		}
		if !more {
			break
		}
		at, ok := s.Value(depth)
		if !ok {
			return false
		}
		if i := c.propIndex(key, true); i >= 0 {
			c.vals[i] = s.B[at:s.I]
		}
		if c.listing {
			c.fastKeys = append(c.fastKeys, key)
		}
	}
	return true
}
