package westhoek

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/partons/partons/datasets/taxonomy"
)

// Expected counts, hand-checked against the upstream files and quoted in
// README.md:
//   - 111 French communes whose population_2026_ref sums to 370,983;
//   - 201 Belgian city/town/village/hamlet nodes, of which 3 lie in France
//     (Oost-Cappel, Abeele, De Seule - Le Seau); 94 carry a population tag,
//     one of them Oost-Cappel (528), so 93 are kept;
//   - 767 OSM POI nodes, 397 in the mapped categories outside the dropped
//     types, one of them (a school in Tourcoing) outside every polygon;
//   - 225 La Poste contact points.
const (
	wantVillagesBE     = 198
	wantVillagesFR     = 111
	wantPopKnownBE     = 93
	wantPopulationFR   = 370983
	wantServicesBE     = 370
	wantServicesFR     = 225
	wantLaPosteBureaux = 151
)

var (
	villageKeys = []string{"area_code", "area_name", "country", "id", "name", "population"}
	// frenchVillageKeys add the commune's measurement point.
	frenchVillageKeys = []string{"area_code", "area_name", "country", "id", "name", "point", "population"}
	serviceKeys       = []string{"category", "country", "id", "name", "source"}
)

// rawCollection decodes a FeatureCollection with encoding/json, to see
// properties exactly as written (null vs absent, number vs string).
type rawCollection struct {
	Type     string `json:"type"`
	Features []struct {
		Type       string                     `json:"type"`
		Properties map[string]json.RawMessage `json:"properties"`
		Geometry   json.RawMessage            `json:"geometry"`
	} `json:"features"`
}

func decodeRaw(tb testing.TB, data []byte) rawCollection {
	tb.Helper()
	var rc rawCollection
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rc); err != nil {
		tb.Fatal(err)
	}
	if rc.Type != "FeatureCollection" {
		tb.Fatalf("type = %q", rc.Type)
	}
	return rc
}

func decodeOrb(tb testing.TB, data []byte) *geojson.FeatureCollection {
	tb.Helper()
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		tb.Fatal(err)
	}
	return fc
}

func keys(m map[string]json.RawMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkCoords fails on a coordinate that is not finite or lies outside the
// Westhoek box (lon 2.0–3.5, lat 50.5–51.4, a little wider than the
// source box to hold whole polygons).
func checkCoords(tb testing.TB, id string, g orb.Geometry) {
	tb.Helper()
	var pts []orb.Point
	switch g := g.(type) {
	case orb.Point:
		pts = []orb.Point{g}
	case orb.Polygon:
		for _, r := range g {
			if len(r) < 4 || r[0] != r[len(r)-1] {
				tb.Errorf("%s: ring of %d points not closed", id, len(r))
			}
			pts = append(pts, r...)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			checkCoords(tb, id, p)
		}
		return
	default:
		tb.Errorf("%s: unexpected geometry %T", id, g)
		return
	}
	for _, p := range pts {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || p[0] < 2.0 || p[0] > 3.5 || p[1] < 50.5 || p[1] > 51.4 {
			tb.Errorf("%s: coordinate %v outside the Westhoek box", id, p)
		}
	}
}

func TestVillages(t *testing.T) {
	t.Parallel()
	data := Villages()
	rc := decodeRaw(t, data)
	fc := decodeOrb(t, data)
	if len(fc.Features) != len(rc.Features) {
		t.Fatalf("orb read %d features, encoding/json %d", len(fc.Features), len(rc.Features))
	}
	seen := map[string]bool{}
	count := map[string]int{}
	known := map[string]int{}
	var popFR int64
	var prevKey string
	for i, f := range fc.Features {
		raw := rc.Features[i]
		id, _ := f.Properties["id"].(string)
		country, _ := f.Properties["country"].(string)
		wantKeys := villageKeys
		if country == France {
			wantKeys = frenchVillageKeys
		}
		if got := keys(raw.Properties); fmt.Sprint(got) != fmt.Sprint(wantKeys) {
			t.Errorf("%s: properties %v, want exactly %v", id, got, wantKeys)
		}
		if id == "" || seen[id] {
			t.Errorf("feature %d: empty or duplicate id %q", i, id)
		}
		seen[id] = true
		if key := country + "\x00" + id; key <= prevKey {
			t.Errorf("%s: not sorted by country then id", id)
		} else {
			prevKey = key
		}
		for _, k := range []string{"name", "area_code", "area_name"} {
			if s, _ := f.Properties[k].(string); strings.TrimSpace(s) == "" {
				t.Errorf("%s: empty %s", id, k)
			}
		}
		if f.Geometry == nil {
			t.Fatalf("%s: no geometry", id)
		}
		checkCoords(t, id, f.Geometry)
		count[country]++
		switch country {
		case France:
			if !regexp.MustCompile(`^59[0-9]{3}$`).MatchString(id) {
				t.Errorf("%s: French id is not a Nord INSEE code", id)
			}
			if _, ok := f.Geometry.(orb.Point); ok {
				t.Errorf("%s: French commune is a point", id)
			}
			// Measured from its OSM place node, inside the commune.
			var pt [2]float64
			if err := json.Unmarshal(raw.Properties["point"], &pt); err != nil {
				t.Errorf("%s: point %s: %v", id, raw.Properties["point"], err)
			} else if mp, ok := f.Geometry.(orb.MultiPolygon); (ok && !planar.MultiPolygonContains(mp, pt)) ||
				(!ok && !planar.PolygonContains(f.Geometry.(orb.Polygon), pt)) {
				t.Errorf("%s: point %v is outside the commune", id, pt)
			}
		case Belgium:
			if !regexp.MustCompile(`^osm-node-[1-9][0-9]*$`).MatchString(id) {
				t.Errorf("%s: Belgian id is not osm-node-<id>", id)
			}
			if _, ok := f.Geometry.(orb.Point); !ok {
				t.Errorf("%s: Belgian place is not a point", id)
			}
			if ac, _ := f.Properties["area_code"].(string); !regexp.MustCompile(`^[0-9]{5}$`).MatchString(ac) {
				t.Errorf("%s: area_code %q is not a NIS code", id, ac)
			}
		default:
			t.Errorf("%s: country %q", id, country)
		}
		switch p := string(raw.Properties["population"]); {
		case p == "null":
		default:
			n, err := strconv.ParseInt(p, 10, 64)
			if err != nil || n <= 0 {
				t.Errorf("%s: population %s is not a positive integer or null", id, p)
				continue
			}
			known[country]++
			if country == France {
				popFR += n
			}
		}
	}
	if count[Belgium] != wantVillagesBE || count[France] != wantVillagesFR {
		t.Errorf("villages BE=%d FR=%d, want %d and %d", count[Belgium], count[France], wantVillagesBE, wantVillagesFR)
	}
	if known[Belgium] != wantPopKnownBE || known[France] != wantVillagesFR {
		t.Errorf("known populations BE=%d FR=%d, want %d and %d", known[Belgium], known[France], wantPopKnownBE, wantVillagesFR)
	}
	if popFR != wantPopulationFR {
		t.Errorf("French population sum = %d, want %d (source total)", popFR, wantPopulationFR)
	}
}

// TestVillageSpotChecks compares a few records with the upstream files.
func TestVillageSpotChecks(t *testing.T) {
	t.Parallel()
	byID := map[string]geojson.Properties{}
	for _, f := range decodeOrb(t, Villages()).Features {
		byID[f.Properties["id"].(string)] = f.Properties
	}
	cases := []struct {
		id, name, area, areaName string
		pop                      any // float64 or nil
	}{
		{"59054", "Bavinchove", "200040947", "CA Coeur de Flandre", 1045.0},
		{"osm-node-33020220", "Westrozebeke", "36019", "Staden", 2169.0},
		{"osm-node-32649495", "Staden", "36019", "Staden", nil}, // source population null
		{"osm-node-73719986", "Watou", "33021", "Poperinge", 1881.0},
		{"osm-node-667385728", "Le Bizet", "54010", "Comines-Warneton", nil},
	}
	for _, tc := range cases {
		p, ok := byID[tc.id]
		if !ok {
			t.Errorf("%s missing", tc.id)
			continue
		}
		if p["name"] != tc.name || p["area_code"] != tc.area || p["area_name"] != tc.areaName || p["population"] != tc.pop {
			t.Errorf("%s = %v, want name %q area %q %q population %v", tc.id, p, tc.name, tc.area, tc.areaName, tc.pop)
		}
	}
	// Places in France that the Belgian extract holds are left out.
	for _, id := range []string{"osm-node-399480451", "osm-node-710801815", "osm-node-1987822856"} {
		if _, ok := byID[id]; ok {
			t.Errorf("%s lies in France and must be left out", id)
		}
	}
}

func TestServices(t *testing.T) {
	t.Parallel()
	data := Services()
	rc := decodeRaw(t, data)
	fc := decodeOrb(t, data)
	meta, err := ReadMetadata()
	if err != nil {
		t.Fatal(err)
	}
	sourceIDs := map[string]bool{}
	for _, s := range meta.Sources {
		sourceIDs[s.ID] = true
	}
	tax := taxonomy.Default()
	seen := map[string]bool{}
	count := map[string]int{}
	points := map[[2]string]int{}
	bureaux := 0
	var prevKey string
	for i, f := range fc.Features {
		id, _ := f.Properties["id"].(string)
		country, _ := f.Properties["country"].(string)
		raw, _ := f.Properties["category"].(string)
		src, _ := f.Properties["source"].(string)
		if got := keys(rc.Features[i].Properties); fmt.Sprint(got) != fmt.Sprint(serviceKeys) {
			t.Errorf("%s: properties %v, want exactly %v", id, got, serviceKeys)
		}
		if id == "" || seen[id] {
			t.Errorf("feature %d: empty or duplicate id %q", i, id)
		}
		seen[id] = true
		if key := country + "\x00" + id; key <= prevKey {
			t.Errorf("%s: not sorted by country then id", id)
		} else {
			prevKey = key
		}
		if _, ok := f.Geometry.(orb.Point); !ok {
			t.Fatalf("%s: geometry %T, want a point", id, f.Geometry)
		}
		checkCoords(t, id, f.Geometry)
		cat, known := tax.Map(raw)
		if !known {
			t.Errorf("%s: category %q unknown to taxonomy.Default()", id, raw)
		}
		if !sourceIDs[src] {
			t.Errorf("%s: source %q not in metadata", id, src)
		}
		switch {
		case strings.HasPrefix(id, "laposte-"):
			if src != "laposte-2020" || country != France || cat != taxonomy.Post {
				t.Errorf("%s: La Poste point with source %q country %q category %q", id, src, country, cat)
			}
			if raw == "Bureau de Poste" {
				bureaux++
			}
		case strings.HasPrefix(id, "osm-node-"):
			if src != "osm-2015-pois" || !strings.Contains(raw, "=") {
				t.Errorf("%s: OSM node with source %q category %q", id, src, raw)
			}
		default:
			t.Errorf("%s: unexpected id scheme", id)
		}
		count[country]++
		points[[2]string{cat, country}]++
	}
	if count[Belgium] != wantServicesBE || count[France] != wantServicesFR {
		t.Errorf("services BE=%d FR=%d, want %d and %d", count[Belgium], count[France], wantServicesBE, wantServicesFR)
	}
	if bureaux != wantLaPosteBureaux {
		t.Errorf("%d Bureau de Poste, want %d", bureaux, wantLaPosteBureaux)
	}
	// Coverage lists every category present, with the same point count.
	for k, n := range points {
		c, ok := meta.CoverageOf(k[0], k[1])
		if !ok {
			t.Errorf("coverage lacks %s/%s (%d points)", k[0], k[1], n)
			continue
		}
		if c.Points != n {
			t.Errorf("coverage %s/%s points = %d, services hold %d", k[0], k[1], c.Points, n)
		}
	}
	for _, c := range meta.Coverage {
		if c.Points != points[[2]string{c.Category, c.Country}] {
			t.Errorf("coverage %s/%s claims %d points, services hold %d", c.Category, c.Country, c.Points, points[[2]string{c.Category, c.Country}])
		}
	}
}

func TestMetadata(t *testing.T) {
	t.Parallel()
	m, err := ReadMetadata()
	if err != nil {
		t.Fatal(err)
	}
	wantAttr := []string{
		"© OpenStreetMap contributors",
		"Statbel (Directorate-General Statistics – Statistics Belgium)",
		"IGN, INSEE",
		"La Poste",
	}
	if got := m.Attributions(); fmt.Sprint(got) != fmt.Sprint(wantAttr) {
		t.Errorf("Attributions() = %q, want %q", got, wantAttr)
	}
	for _, s := range m.Sources {
		if s.ID == "" || s.File == "" || s.Vintage == "" || s.Licence == "" || s.Used == "" {
			t.Errorf("incomplete source %+v", s)
		}
	}
	// Every taxonomy category has a row per country; France covers only post.
	for _, cat := range taxonomy.Default().Categories() {
		for _, country := range []string{Belgium, France} {
			c, ok := m.CoverageOf(cat, country)
			if !ok {
				t.Errorf("no coverage row for %s/%s", cat, country)
				continue
			}
			if c.Note == "" {
				t.Errorf("%s/%s: empty note", cat, country)
			}
			if c.Covered == (c.Completeness == None) || (c.Completeness != None && c.Completeness != Partial && c.Completeness != Complete) {
				t.Errorf("%s/%s: covered %v with completeness %q", cat, country, c.Covered, c.Completeness)
			}
			if c.Covered && (c.Source == "" || c.Vintage == "" || c.Points == 0) {
				t.Errorf("%s/%s covered without source, vintage or points: %+v", cat, country, c)
			}
			if country == France && c.Covered != (cat == taxonomy.Post) {
				t.Errorf("FR %s covered = %v; only post is covered in France", cat, c.Covered)
			}
		}
	}
	if c, _ := m.CoverageOf(taxonomy.PrimarySchool, Belgium); c.Covered {
		t.Error("BE primary_school cannot be covered: OSM has no school level")
	}
	if _, ok := m.CoverageOf("pharmacy", "NL"); ok {
		t.Error("CoverageOf found a row for NL")
	}
	want := map[string]Country{
		Belgium: {Country: Belgium, Villages: wantVillagesBE, PopulationKnown: wantPopKnownBE,
			PopulationUnknown: wantVillagesBE - wantPopKnownBE, Services: wantServicesBE},
		France: {Country: France, Villages: wantVillagesFR, PopulationKnown: wantVillagesFR,
			Population: wantPopulationFR, Services: wantServicesFR},
	}
	if len(m.Countries) != 2 {
		t.Fatalf("countries = %+v", m.Countries)
	}
	for _, c := range m.Countries {
		w := want[c.Country]
		if c.Country == Belgium {
			w.Population = c.Population // a sum of OSM tags, checked in the README test
		}
		if c != w {
			t.Errorf("country counts %+v, want %+v", c, w)
		}
	}
	for _, l := range m.LeftOut {
		if l.Count <= 0 || l.File == "" || l.Reason == "" {
			t.Errorf("bad left-out row %+v", l)
		}
	}
}

func TestAreas(t *testing.T) {
	t.Parallel()
	r := csv.NewReader(bytes.NewReader(Areas()))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "area_code,area_name,country,kind,population,population_source" {
		t.Fatalf("header %q", got)
	}
	type areaRow struct{ name, country string }
	areas := map[string]areaRow{}
	var epciSum int64
	for _, row := range rows[1:] {
		if _, dup := areas[row[0]]; dup {
			t.Errorf("duplicate area %s", row[0])
		}
		areas[row[0]] = areaRow{row[1], row[2]}
		n, err := strconv.ParseInt(row[4], 10, 64)
		if err != nil || n <= 0 {
			t.Errorf("area %s: population %q", row[0], row[4])
		}
		if row[3] == "epci" {
			epciSum += n
		}
	}
	if epciSum != wantPopulationFR {
		t.Errorf("EPCI populations sum to %d, want %d", epciSum, wantPopulationFR)
	}
	for _, f := range decodeOrb(t, Villages()).Features {
		code, name, country := f.Properties["area_code"].(string), f.Properties["area_name"].(string), f.Properties["country"].(string)
		if a, ok := areas[code]; !ok || a.name != name || a.country != country {
			t.Errorf("village %v: area %s %q %s not in areas.csv (%+v)", f.Properties["id"], code, name, country, a)
		}
	}
}

// TestREADMENumbers keeps README.md in step with the embedded files.
func TestREADMENumbers(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadMetadata()
	if err != nil {
		t.Fatal(err)
	}
	be, fr := m.Countries[0], m.Countries[1]
	rows := []string{
		fmt.Sprintf("| villages | %d | %d |", be.Villages, fr.Villages),
		fmt.Sprintf("| with a population | %d | %d |", be.PopulationKnown, fr.PopulationKnown),
		fmt.Sprintf("| population unknown (null) | %d | %d |", be.PopulationUnknown, fr.PopulationUnknown),
		fmt.Sprintf("| sum of known populations | %s | %s |", thousands(be.Population), thousands(fr.Population)),
		fmt.Sprintf("| service points | %d | %d |", be.Services, fr.Services),
	}
	for _, c := range taxonomy.Default().Categories() {
		b, _ := m.CoverageOf(c, Belgium)
		f, _ := m.CoverageOf(c, France)
		rows = append(rows, fmt.Sprintf("| %s | %d | %s | %d | %s |", c, b.Points, yesNo(b.Covered), f.Points, yesNo(f.Covered)))
	}
	for _, l := range m.LeftOut {
		rows = append(rows, fmt.Sprintf("| %s | %s | %d |", l.File, l.What, l.Count))
	}
	for _, s := range m.Attributions() {
		rows = append(rows, s)
	}
	for _, row := range rows {
		if !bytes.Contains(readme, []byte(row)) {
			t.Errorf("README.md lacks %q", row)
		}
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// thousands formats 370983 as "370,983".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func TestReadFile(t *testing.T) {
	t.Parallel()
	for _, name := range []string{VillagesFile, ServicesFile, AreasFile, MetadataFile} {
		b, err := ReadFile(name)
		if err != nil || len(b) == 0 {
			t.Errorf("ReadFile(%q) = %d bytes, %v", name, len(b), err)
		}
	}
	if _, err := ReadFile("westhoek/nope.geojson"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(unknown) error = %v, want fs.ErrNotExist", err)
	}
	// Callers own the returned bytes.
	a := Villages()
	a[0] = 'X'
	if Villages()[0] == 'X' {
		t.Error("Villages returns shared memory")
	}
}

// TestSampleSize keeps the embedded sample small.
func TestSampleSize(t *testing.T) {
	t.Parallel()
	total := 0
	for _, name := range []string{VillagesFile, ServicesFile, AreasFile, MetadataFile} {
		b, _ := ReadFile(name)
		total += len(b)
	}
	if total > 1<<20 {
		t.Errorf("sample is %d bytes, want at most 1 MiB", total)
	}
}

// Every text of the metadata a report shows has a Dutch, French and
// English version, the English one being the text itself.
func TestTranslations(t *testing.T) {
	md, err := ReadMetadata()
	if err != nil {
		t.Fatal(err)
	}
	texts := append([]string(nil), md.Caveats...)
	for _, s := range md.Sources {
		texts = append(texts, s.Name, s.Licence)
		if strings.ContainsAny(s.Vintage, "abcdefghijklmnopqrstuvwxyz") {
			texts = append(texts, s.Vintage) // "2015-11" needs none
		}
	}
	for _, x := range texts {
		w, ok := Translations[x]
		if !ok {
			t.Errorf("no translation of %q", x)
			continue
		}
		if w[0] == "" || w[1] == "" || w[2] != x {
			t.Errorf("translation of %q: %q", x, w)
		}
	}
}

// French communes are measured from their OpenStreetMap place node (the
// upstream places-osm2026.geojson): by the same name, by the name but for
// an article (the node "Le Doulieu" for the commune Doulieu), or by the
// first part of a merged commune's name (Téteghem for
// Téteghem-Coudekerque-Village).
func TestCommuneMeasurementPoints(t *testing.T) {
	t.Parallel()
	rc := decodeRaw(t, Villages())
	got := map[string]string{}
	for _, f := range rc.Features {
		var id string
		_ = json.Unmarshal(f.Properties["id"], &id)
		got[id] = string(f.Properties["point"])
	}
	for id, want := range map[string]string{
		"59183": "",                       // checked below: Dunkerque has a point
		"59180": "[2.7185192,50.6823381]", // Doulieu: node "Le Doulieu"
		"59588": "[2.4412946,51.016805]",  // Téteghem-Coudekerque-Village: node "Téteghem"
	} {
		if want != "" && got[id] != want {
			t.Errorf("%s: point %s, want %s", id, got[id], want)
		}
		if got[id] == "" {
			t.Errorf("%s: no point", id)
		}
	}
}
