// Command gen builds the embedded Westhoek sample from the upstream files
// listed in datasets/westhoek/README.md:
//
//	go run ./datasets/westhoek/gen -src <directory of the upstream files> -out datasets/westhoek/data
//
// The output is deterministic: features sorted by country then id, one
// feature per line, coordinates exactly as in the sources. Point-in-polygon
// uses planar.PolygonContains on lon/lat, which is exact enough for
// assigning points to municipalities (the boundary counts as inside).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
)

// Upstream file names.
const (
	fileBEMunicipalities = "be-municipalities-wvl-statbel2020.geojson"
	fileBEPlaces         = "be-places-osm2015.geojson"
	fileBEServices       = "be-services-osm2015.geojson"
	fileFRCommunes       = "fr-communes-westhoek-pop2026.geojson"
	fileLaPoste          = "fr-laposte-points-contact2020.geojson"
)

// Source ids written in the services' "source" property and metadata.
const (
	srcOSMPlaces = "osm-2015-places"
	srcOSMPOIs   = "osm-2015-pois"
	srcStatbel   = "statbel-2020"
	srcIGNINSEE  = "ign-insee-2026"
	srcLaPoste   = "laposte-2020"
)

// keptPlaceTypes are the OSM place values that are villages people live
// in. isolated_dwelling and farm are single households, locality is an
// unpopulated named spot, neighbourhood is part of a town already listed.
var keptPlaceTypes = map[string]bool{"city": true, "town": true, "village": true, "hamlet": true}

// shopTypes are the be-services "type" values whose OSM key is shop; every
// other type is an amenity.
var shopTypes = map[string]bool{
	"bakery": true, "butcher": true, "supermarket": true, "convenience": true,
	"greengrocer": true, "chemist": true,
}

func main() {
	src := flag.String("src", "", "directory holding the upstream Westhoek files")
	out := flag.String("out", "datasets/westhoek/data", "output directory")
	flag.Parse()
	if *src == "" {
		fmt.Fprintln(os.Stderr, "gen: -src is required")
		os.Exit(2)
	}
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// area is a polygon with its codes.
type area struct {
	code, name, country, kind string
	population                int64
	geom                      orb.MultiPolygon
}

// contains reports whether p is inside a (boundary included). Empty
// polygons and rings are skipped: planar.PolygonContains panics on them.
func (a *area) contains(p orb.Point) bool {
	for _, poly := range a.geom {
		if len(poly) == 0 || len(poly[0]) == 0 {
			continue
		}
		if planar.PolygonContains(poly, p) {
			return true
		}
	}
	return false
}

// find returns the first area (in code order) containing p, and how many
// contain it.
func find(areas []*area, p orb.Point) (*area, int) {
	var first *area
	n := 0
	for _, a := range areas {
		if a.contains(p) {
			if first == nil {
				first = a
			}
			n++
		}
	}
	return first, n
}

type villageProps struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Country    string `json:"country"`
	Population *int64 `json:"population"`
	AreaCode   string `json:"area_code"`
	AreaName   string `json:"area_name"`
	// Point is where a commune is measured from (its OSM place node),
	// absent when none was found: readers then pick a point inside.
	Point *[2]float64 `json:"point,omitempty"`
}

type serviceProps struct {
	ID       string  `json:"id"`
	Name     *string `json:"name"`
	Category string  `json:"category"`
	Country  string  `json:"country"`
	Source   string  `json:"source"`
}

type feature struct {
	Type       string            `json:"type"`
	Properties any               `json:"properties"`
	Geometry   *geojson.Geometry `json:"geometry"`
	country    string
	id         string
}

// stats gathers what the metadata and README report.
type stats struct {
	leftOut  []westhoek.LeftOut
	services map[[2]string]int // {category, country} -> points
	strayFR  map[string]int    // category -> OSM points in France
	warnings []string
	placed   map[string]int // communes per measurement-point rule ("none": not found)
}

func (s *stats) left(file, what, reason string, n int) {
	if n > 0 {
		s.leftOut = append(s.leftOut, westhoek.LeftOut{File: file, What: what, Reason: reason, Count: n})
	}
}

func run(src, out string) error {
	tax := taxonomy.Default()
	st := &stats{services: map[[2]string]int{}, strayFR: map[string]int{}}

	be, err := loadBelgianMunicipalities(filepath.Join(src, fileBEMunicipalities))
	if err != nil {
		return err
	}
	fr, frFeatures, err := loadFrenchCommunes(filepath.Join(src, fileFRCommunes))
	if err != nil {
		return err
	}
	places, err := loadFrenchPlaces(filepath.Join(src, fileFRPlaces))
	if err != nil {
		return err
	}
	if err := placeCommunes(fr, frFeatures, places, st); err != nil {
		return err
	}
	epcis := epciAreas(fr)

	villages := append([]feature(nil), frFeatures...)
	beVillages, err := belgianVillages(filepath.Join(src, fileBEPlaces), be, fr, st)
	if err != nil {
		return err
	}
	villages = append(villages, beVillages...)

	services, err := osmServices(filepath.Join(src, fileBEServices), be, fr, tax, st)
	if err != nil {
		return err
	}
	lp, err := laPosteServices(filepath.Join(src, fileLaPoste), tax, st)
	if err != nil {
		return err
	}
	services = append(services, lp...)

	sortFeatures(villages)
	sortFeatures(services)
	if err := checkUnique(villages); err != nil {
		return fmt.Errorf("villages: %w", err)
	}
	if err := checkUnique(services); err != nil {
		return fmt.Errorf("services: %w", err)
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := writeCollection(filepath.Join(out, "villages.geojson"), villages); err != nil {
		return err
	}
	if err := writeCollection(filepath.Join(out, "services.geojson"), services); err != nil {
		return err
	}
	if err := writeAreas(filepath.Join(out, "areas.csv"), be, epcis); err != nil {
		return err
	}
	meta := buildMetadata(villages, services, tax, st)
	if err := writeJSON(filepath.Join(out, "metadata.json"), meta); err != nil {
		return err
	}
	for _, w := range st.warnings {
		fmt.Fprintln(os.Stderr, "gen: warning:", w)
	}
	for _, rule := range sortedKeys(st.placed) {
		fmt.Printf("French communes measured from a place node (%s): %d\n", rule, st.placed[rule])
	}
	printSummary(meta)
	return nil
}

// readCollection reads a GeoJSON FeatureCollection and rejects features
// without geometry.
func readCollection(path string) (*geojson.FeatureCollection, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, f := range fc.Features {
		if f.Geometry == nil {
			return nil, fmt.Errorf("%s: feature %d: no geometry", path, i)
		}
	}
	return fc, nil
}

func str(props geojson.Properties, key string) string {
	switch v := props[key].(type) {
	case string:
		return strings.TrimSpace(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	default:
		return ""
	}
}

func multiPolygon(g orb.Geometry) (orb.MultiPolygon, error) {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}, nil
	case orb.MultiPolygon:
		return g, nil
	default:
		return nil, fmt.Errorf("geometry %s is not a polygon", g.GeoJSONType())
	}
}

func loadBelgianMunicipalities(path string) ([]*area, error) {
	fc, err := readCollection(path)
	if err != nil {
		return nil, err
	}
	var out []*area
	for i, f := range fc.Features {
		mp, err := multiPolygon(f.Geometry)
		if err != nil {
			return nil, fmt.Errorf("%s: feature %d: %w", path, i, err)
		}
		a := &area{
			code: str(f.Properties, "CD_MUNTY_REFNIS"), country: westhoek.Belgium,
			kind: "municipality", geom: mp,
		}
		// Name in the municipality's official language: Dutch in the
		// Flemish Region, French for Mouscron and Comines-Warneton.
		if str(f.Properties, "CD_RGN_REFNIS") == "3000" {
			a.name = str(f.Properties, "TX_MUNTY_DESCR_FR")
		} else {
			a.name = str(f.Properties, "TX_MUNTY_DESCR_NL")
		}
		if p, ok := f.Properties["population_2020_statbel"].(float64); ok && p > 0 {
			a.population = int64(p)
		}
		if a.code == "" || a.name == "" {
			return nil, fmt.Errorf("%s: feature %d: no NIS code or name", path, i)
		}
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].code < out[j].code })
	return out, nil
}

// loadFrenchCommunes returns the communes as areas (for point-in-polygon)
// and as village features.
func loadFrenchCommunes(path string) ([]*area, []feature, error) {
	fc, err := readCollection(path)
	if err != nil {
		return nil, nil, err
	}
	var areas []*area
	var villages []feature
	for i, f := range fc.Features {
		mp, err := multiPolygon(f.Geometry)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: feature %d: %w", path, i, err)
		}
		code, name := str(f.Properties, "code"), str(f.Properties, "nom")
		epci, epciName := str(f.Properties, "epci_code"), str(f.Properties, "epci_nom")
		if code == "" || name == "" || epci == "" {
			return nil, nil, fmt.Errorf("%s: feature %d: no INSEE code, name or EPCI", path, i)
		}
		var pop *int64
		if p, ok := f.Properties["population_2026_ref"].(float64); ok && p > 0 {
			v := int64(p)
			pop = &v
		}
		areas = append(areas, &area{code: code, name: epciName, country: westhoek.France, kind: epci, geom: mp})
		villages = append(villages, feature{
			Type: "Feature",
			Properties: villageProps{ID: code, Name: name, Country: westhoek.France,
				Population: pop, AreaCode: epci, AreaName: epciName},
			Geometry: geojson.NewGeometry(f.Geometry),
			country:  westhoek.France, id: code,
		})
		if pop != nil {
			areas[len(areas)-1].population = *pop
		}
	}
	sort.Slice(areas, func(i, j int) bool { return areas[i].code < areas[j].code })
	return areas, villages, nil
}

// epciAreas groups the communes into their EPCI (kind holds the EPCI code
// in the commune areas). Populations are summed.
func epciAreas(communes []*area) []*area {
	by := map[string]*area{}
	for _, c := range communes {
		e, ok := by[c.kind]
		if !ok {
			e = &area{code: c.kind, name: c.name, country: westhoek.France, kind: "epci"}
			by[c.kind] = e
		}
		e.population += c.population
	}
	out := make([]*area, 0, len(by))
	for _, e := range by {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].code < out[j].code })
	return out
}

// parsePopulation reads an OSM population tag. Only plain positive
// integers are accepted; anything else (and 0) is unknown.
func parsePopulation(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

func belgianVillages(path string, be, fr []*area, st *stats) ([]feature, error) {
	fc, err := readCollection(path)
	if err != nil {
		return nil, err
	}
	byType := map[string]int{}
	outside, badPop := 0, 0
	var out []feature
	for i, f := range fc.Features {
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			return nil, fmt.Errorf("%s: feature %d: not a point", path, i)
		}
		typ, osmID, name := str(f.Properties, "type"), str(f.Properties, "osm_id"), str(f.Properties, "name")
		if !keptPlaceTypes[typ] {
			byType[typ]++
			continue
		}
		if osmID == "" || name == "" {
			return nil, fmt.Errorf("%s: feature %d: no osm_id or name", path, i)
		}
		m, n := find(be, p)
		if m == nil {
			outside++
			continue
		}
		if n > 1 {
			st.warnings = append(st.warnings, fmt.Sprintf("place %s (%s) is in %d municipalities; kept in %s", osmID, name, n, m.code))
		}
		if c, _ := find(fr, p); c != nil {
			st.warnings = append(st.warnings, fmt.Sprintf("place %s (%s) is also inside French commune %s", osmID, name, c.code))
		}
		var pop *int64
		if raw := str(f.Properties, "population"); raw != "" {
			if v, ok := parsePopulation(raw); ok {
				pop = &v
			} else {
				badPop++
			}
		}
		id := "osm-node-" + osmID
		out = append(out, feature{
			Type: "Feature",
			Properties: villageProps{ID: id, Name: name, Country: westhoek.Belgium,
				Population: pop, AreaCode: m.code, AreaName: m.name},
			Geometry: geojson.NewGeometry(p),
			country:  westhoek.Belgium, id: id,
		})
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		what := "place=" + t
		if t == "isolated_dwellin" { // truncated by the shapefile field width upstream
			what = "place=isolated_dwelling (isolated_dwellin in the source)"
		}
		st.left(fileBEPlaces, what, placeReason(t), byType[t])
	}
	st.left(fileBEPlaces, "place=city/town/village/hamlet", "outside the West Flanders (+ Mouscron, Comines-Warneton) municipality polygons", outside)
	if badPop > 0 {
		st.warnings = append(st.warnings, fmt.Sprintf("%d population tags were not plain positive integers: written as null", badPop))
	}
	return out, nil
}

func placeReason(t string) string {
	switch t {
	case "isolated_dwelling", "isolated_dwellin", "farm":
		return "one or two households, not a village"
	case "locality":
		return "named place without inhabitants (OSM definition)"
	case "neighbourhood", "suburb", "quarter":
		return "part of a town already in the sample"
	default:
		return "not a recognised populated-place type"
	}
}

func osmServices(path string, be, fr []*area, tax *taxonomy.Taxonomy, st *stats) ([]feature, error) {
	fc, err := readCollection(path)
	if err != nil {
		return nil, err
	}
	dropped := map[string]int{}
	outside := 0
	var out []feature
	for i, f := range fc.Features {
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			return nil, fmt.Errorf("%s: feature %d: not a point", path, i)
		}
		typ, osmID := str(f.Properties, "type"), str(f.Properties, "osm_id")
		if typ == "" || osmID == "" {
			return nil, fmt.Errorf("%s: feature %d: no type or osm_id", path, i)
		}
		key := "amenity"
		if shopTypes[typ] {
			key = "shop"
		}
		raw := key + "=" + typ
		cat, known := tax.Map(raw)
		if !known {
			dropped[raw]++
			continue
		}
		country := ""
		if m, _ := find(be, p); m != nil {
			country = westhoek.Belgium
			if c, _ := find(fr, p); c != nil {
				st.warnings = append(st.warnings, fmt.Sprintf("service %s is in %s and in French commune %s; kept as BE", osmID, m.code, c.code))
			}
		} else if c, _ := find(fr, p); c != nil {
			country = westhoek.France
			st.strayFR[cat]++
		}
		if country == "" {
			outside++
			continue
		}
		var name *string
		if n := str(f.Properties, "name"); n != "" {
			name = &n
		}
		id := "osm-node-" + osmID
		st.services[[2]string{cat, country}]++
		out = append(out, feature{
			Type:       "Feature",
			Properties: serviceProps{ID: id, Name: name, Category: raw, Country: country, Source: srcOSMPOIs},
			Geometry:   geojson.NewGeometry(p),
			country:    country, id: id,
		})
	}
	raws := make([]string, 0, len(dropped))
	for r := range dropped {
		raws = append(raws, r)
	}
	sort.Strings(raws)
	for _, r := range raws {
		st.left(fileBEServices, r, droppedReason(r), dropped[r])
	}
	st.left(fileBEServices, "mapped categories", "outside both the Belgian municipality polygons and the French communes of the sample", outside)
	return out, nil
}

func droppedReason(raw string) string {
	switch raw {
	case "shop=chemist":
		return "a drugstore, not a pharmacy"
	case "amenity=post_box":
		return "a letter box, no counter service"
	case "amenity=marketplace":
		return "periodic market, not a daily service"
	default:
		return "not an everyday service measured here (not in the taxonomy)"
	}
}

func laPosteServices(path string, tax *taxonomy.Taxonomy, st *stats) ([]feature, error) {
	fc, err := readCollection(path)
	if err != nil {
		return nil, err
	}
	var out []feature
	for i, f := range fc.Features {
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			return nil, fmt.Errorf("%s: feature %d: not a point", path, i)
		}
		id, kind := str(f.Properties, "id"), str(f.Properties, "kind")
		cat, known := tax.Map(kind)
		if id == "" || !known {
			return nil, fmt.Errorf("%s: feature %d: no id or unknown kind %q", path, i, kind)
		}
		var name *string
		if n := str(f.Properties, "name"); n != "" {
			name = &n
		}
		fid := "laposte-" + id
		st.services[[2]string{cat, westhoek.France}]++
		out = append(out, feature{
			Type:       "Feature",
			Properties: serviceProps{ID: fid, Name: name, Category: kind, Country: westhoek.France, Source: srcLaPoste},
			Geometry:   geojson.NewGeometry(p),
			country:    westhoek.France, id: fid,
		})
	}
	return out, nil
}
