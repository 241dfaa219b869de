package flex

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs/internal/feedio"
)

// maxPositions bounds the coordinates of one zone file.
const maxPositions = 10_000_000

type rawFeature struct {
	Type       string                     `json:"type"`
	ID         json.RawMessage            `json:"id"`
	Properties map[string]json.RawMessage `json:"properties"`
	Geometry   *struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

// readFeatures decodes a GeoJSON FeatureCollection of polygon zones. For
// each feature it returns its id (feature "id", else property "id"), its
// properties and its area; problems go to p with the feature index.
func readFeatures(src string, data []byte, p *feedio.Problems) (ids []string, props []map[string]json.RawMessage, areas []orb.MultiPolygon, index []int) {
	var fc struct {
		Type     string       `json:"type"`
		Features []rawFeature `json:"features"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&fc); err != nil {
		line := 1 + bytes.Count(data[:min(len(data), int(dec.InputOffset()))], []byte("\n"))
		p.Add(src, line, "", "not a GeoJSON FeatureCollection: %v", err)
		return
	}
	if fc.Type != "FeatureCollection" {
		p.Add(src, 0, "type", "%q: want FeatureCollection", fc.Type)
		return
	}
	positions := 0
	seen := map[string]int{}
	for i, f := range fc.Features {
		bad := func(field, format string, args ...any) { p.AddFeature(src, i, field, format, args...) }
		id := jsonID(f.ID)
		if id == "" {
			id = jsonID(f.Properties["id"])
		}
		switch {
		case f.Type != "Feature":
			bad("type", "%q: want Feature", f.Type)
			continue
		case id == "":
			bad("id", "every zone needs an id (the feature's \"id\")")
			continue
		}
		if j, dup := seen[id]; dup {
			bad("id", "duplicate id %q (also feature %d)", id, j)
			continue
		}
		seen[id] = i
		if f.Geometry == nil {
			bad("geometry", "zone %q has no geometry", id)
			continue
		}
		var mp orb.MultiPolygon
		var err error
		switch f.Geometry.Type {
		case "Polygon":
			var c [][][]float64
			if err = json.Unmarshal(f.Geometry.Coordinates, &c); err == nil {
				var pg orb.Polygon
				pg, err = polygon(c, &positions)
				mp = orb.MultiPolygon{pg}
			}
		case "MultiPolygon":
			var c [][][][]float64
			if err = json.Unmarshal(f.Geometry.Coordinates, &c); err == nil {
				if len(c) == 0 {
					err = fmt.Errorf("an empty MultiPolygon")
				}
				for _, pc := range c {
					var pg orb.Polygon
					if pg, err = polygon(pc, &positions); err != nil {
						break
					}
					mp = append(mp, pg)
				}
			}
		default:
			err = fmt.Errorf("a %s: a zone is a Polygon or MultiPolygon", f.Geometry.Type)
		}
		if err == nil && positions > maxPositions {
			err = fmt.Errorf("more than %d coordinates in the file", maxPositions)
		}
		if err != nil {
			bad("geometry", "zone %q: %v", id, err)
			continue
		}
		ids = append(ids, id)
		index = append(index, i)
		props = append(props, f.Properties)
		areas = append(areas, mp)
	}
	return ids, props, areas, index
}

func polygon(c [][][]float64, positions *int) (orb.Polygon, error) {
	if len(c) == 0 {
		return nil, fmt.Errorf("a polygon without rings")
	}
	pg := make(orb.Polygon, len(c))
	for r, ring := range c {
		if len(ring) < 4 {
			return nil, fmt.Errorf("ring %d has %d positions: a closed ring needs at least 4", r, len(ring))
		}
		*positions += len(ring)
		pg[r] = make(orb.Ring, len(ring))
		for k, pos := range ring {
			if len(pos) < 2 || len(pos) > 3 {
				return nil, fmt.Errorf("ring %d position %d has %d numbers: want lon, lat", r, k, len(pos))
			}
			lon, lat := pos[0], pos[1]
			if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
				return nil, fmt.Errorf("ring %d position %d [%v, %v] is not WGS84 lon, lat", r, k, lon, lat)
			}
			pg[r][k] = orb.Point{lon, lat}
		}
		if pg[r][0] != pg[r][len(ring)-1] {
			return nil, fmt.Errorf("ring %d is not closed (its last position differs from its first)", r)
		}
	}
	return pg, nil
}

// jsonID reads a feature id: a string, or a number kept as written.
func jsonID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		if _, err := strconv.ParseFloat(string(n), 64); err == nil {
			return string(n)
		}
	}
	return ""
}

// propString reads a string property ("" when absent or null).
func propString(props map[string]json.RawMessage, key string) (string, bool) {
	raw, ok := props[key]
	if !ok || string(raw) == "null" {
		return "", true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}
