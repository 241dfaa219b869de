package geojsonio_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
)

func openFixture(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReadVillagesFixture(t *testing.T) {
	t.Parallel()
	vs, err := geojsonio.ReadVillages("villages.geojson", openFixture(t, "villages.geojson"), datasets.DefaultVillageSchema())
	if err != nil {
		t.Fatal(err)
	}
	type exp struct {
		id, name, country, areaCode string
		pop                         float64
		hasPop                      bool
		line                        int
		geomType                    string
	}
	wants := []exp{
		{"kemmel", "Kemmel", "BE", "", 1045, true, 5, "Point"},
		{"59054", "Bavinchove", "FR", "200040947", 1045, true, 10, "Polygon"},
		{"12", "Heuvelland", "", "33039", 0, false, 18, "MultiPolygon"},
		{"1000", "Loker", "", "", 0, false, 27, "Point"},
	}
	if len(vs) != len(wants) {
		t.Fatalf("got %d villages, want %d", len(vs), len(wants))
	}
	for i, w := range wants {
		v := vs[i]
		if v.ID != w.id || v.Name != w.name || v.Country != w.country || v.AreaCode != w.areaCode ||
			v.Population != w.pop || v.HasPopulation != w.hasPop || v.Geometry.GeoJSONType() != w.geomType {
			t.Errorf("village %d = %+v, want %+v", i, v, w)
		}
		if v.Origin != (datasets.Origin{Source: "villages.geojson", Line: w.line, Feature: i}) {
			t.Errorf("village %d origin = %+v, want line %d feature %d", i, v.Origin, w.line, i)
		}
	}
	// The altitude is dropped.
	if p := vs[0].Geometry.(orb.Point); p != (orb.Point{2.8282, 50.7839}) || vs[0].Location != p {
		t.Errorf("point village geometry %v location %v", p, vs[0].Location)
	}
	if vs[1].AreaName != "CA Coeur de Flandre" {
		t.Errorf("area name %q", vs[1].AreaName)
	}
	// The square's centre (2.45, 50.75) is in the hole: Location must be in
	// the outer ring and not in the hole.
	poly := vs[1].Geometry.(orb.Polygon)
	loc := vs[1].Location
	if !planar.RingContains(poly[0], loc) || planar.RingContains(poly[1], loc) {
		t.Errorf("polygon location %v not inside the polygon with a hole", loc)
	}
	if !inBox(loc, 2.40, 50.70, 2.50, 50.80) || inBox(loc, 2.44, 50.74, 2.46, 50.76) {
		t.Errorf("polygon location %v outside square or inside hole (box check)", loc)
	}
	// MultiPolygon: inside one of the parts.
	mp := vs[2].Geometry.(orb.MultiPolygon)
	if len(mp) != 2 || !planar.MultiPolygonContains(mp, vs[2].Location) {
		t.Errorf("multipolygon location %v not inside", vs[2].Location)
	}
}

func inBox(p orb.Point, minLon, minLat, maxLon, maxLat float64) bool {
	return p[0] >= minLon && p[0] <= maxLon && p[1] >= minLat && p[1] <= maxLat
}

func TestReadServicesFixture(t *testing.T) {
	t.Parallel()
	ss, err := geojsonio.ReadServices("services.geojson", openFixture(t, "services.geojson"), datasets.DefaultServiceSchema())
	// "1,5" is not a number in GeoJSON (only semicolon CSV has decimal commas).
	checkProblems(t, "services.geojson", err, []want{{3, 1, "capacity", `"1,5" is not a number`}})
	if ss != nil {
		t.Fatalf("got services with an error")
	}
	data, err := os.ReadFile(filepath.Join("testdata", "services.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	fixed := strings.Replace(string(data), `"1,5"`, `"1.5"`, 1)
	ss, err = geojsonio.ReadServices("services.geojson", strings.NewReader(fixed), datasets.DefaultServiceSchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 3 {
		t.Fatalf("got %d services", len(ss))
	}
	if s := ss[0]; s.ID != "n1" || s.Raw != "amenity=pharmacy" || s.Category != s.Raw || s.Country != "BE" ||
		!s.HasCapacity || s.Capacity != 2 || s.Location != (orb.Point{2.8850, 50.8503}) {
		t.Errorf("service 0 = %+v", s)
	}
	if s := ss[1]; s.Name != "Supermarché" || s.Capacity != 1.5 || !inBox(s.Location, 2.37, 51.03, 2.38, 51.04) {
		t.Errorf("building service = %+v", s)
	}
	if s := ss[2]; s.ID != "3" || s.Name != "" || s.HasCapacity || s.Origin.Feature != 2 || s.Origin.Line != 4 {
		t.Errorf("service 2 = %+v", s)
	}
}

func TestReadBoundariesFixture(t *testing.T) {
	t.Parallel()
	bs, err := geojsonio.ReadBoundaries("boundaries.geojson", openFixture(t, "boundaries.geojson"), datasets.DefaultBoundarySchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 {
		t.Fatalf("got %d boundaries", len(bs))
	}
	if b := bs[0]; b.ID != "BE" || b.Country != "BE" || len(b.Geometry) != 1 || len(b.Geometry[0][0]) != 5 {
		t.Errorf("boundary 0 = %+v", b)
	}
	if b := bs[1]; b.ID != "" || b.Country != "FR" || b.AreaCode != "59" || len(b.Geometry) != 2 {
		t.Errorf("boundary 1 = %+v", b)
	}
}

// TestAllProblemsReported: one file, many problems in several features,
// all reported in file order.
func TestAllProblemsReported(t *testing.T) {
	t.Parallel()
	in := fc(
		village(`"a"`, "", pt),
		village(`"b"`, `, "population": -5, "country": "XYZ"`, `{"type": "Point", "coordinates": [2.9]}`),
		village(`"a"`, "", pt),
		`{"type": "Feature", "properties": {"id": "c"}, "geometry": null}`,
		village(`"d"`, "", poly),
	)
	_, err := geojsonio.ReadVillages("many.geojson", strings.NewReader(in), datasets.DefaultVillageSchema())
	checkProblems(t, "many.geojson", err, []want{
		{3, 1, "country", "XYZ"},
		{3, 1, "population", "negative"},
		{3, 1, "geometry", "1 number"},
		{4, 2, "id", `duplicate id "a"`},
		{5, 3, "name", "missing"},
		{5, 3, "geometry", "null geometry"},
	})
}

func TestProblemCap(t *testing.T) {
	t.Parallel()
	feats := make([]string, datasets.MaxProblems+500)
	for i := range feats {
		feats[i] = village(fmt.Sprint(i), "", "null")
	}
	_, err := geojsonio.ReadVillages("cap.geojson", strings.NewReader(fc(feats...)), datasets.DefaultVillageSchema())
	var list datasets.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v", err)
	}
	if len(list) != datasets.MaxProblems+1 {
		t.Fatalf("got %d problems, want %d", len(list), datasets.MaxProblems+1)
	}
	if last := list[len(list)-1]; !strings.Contains(last.Reason, "too many problems") || last.Source != "cap.geojson" {
		t.Errorf("last problem = %v", last)
	}
	if p := list[datasets.MaxProblems-1]; p.Feature != datasets.MaxProblems-1 {
		t.Errorf("problem %d is for feature %d", datasets.MaxProblems-1, p.Feature)
	}
}

var errDisk = errors.New("disk on fire")

// failingReader returns data, then errDisk.
type failingReader struct{ r io.Reader }

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errDisk
	}
	return n, err
}

func TestReadError(t *testing.T) {
	t.Parallel()
	half := fc(village(`"a"`, "", pt), village(`"b"`, "", pt))
	half = half[:len(half)/2]
	_, err := geojsonio.ReadVillages("disk.geojson", &failingReader{strings.NewReader(half)}, datasets.DefaultVillageSchema())
	if !errors.Is(err, errDisk) || errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), "disk.geojson") {
		t.Fatalf("err = %v; want the wrapped read error naming the source", err)
	}
}

func TestSchemaFields(t *testing.T) {
	t.Parallel()
	// Ids from another property, fallback to the feature id, and a
	// schema with no id property at all.
	in := fc(
		`{"type": "Feature", "id": "f0", "properties": {"code": "01001", "nom": "A"}, "geometry": `+pt+`}`,
		`{"type": "Feature", "id": "f1", "properties": {"nom": "B"}, "geometry": `+pt+`}`,
	)
	s := datasets.VillageSchema{ID: "code", Name: "nom"}
	vs, err := geojsonio.ReadVillages("s", strings.NewReader(in), s)
	if err != nil {
		t.Fatal(err)
	}
	if vs[0].ID != "01001" || vs[1].ID != "f1" || vs[1].Name != "B" {
		t.Errorf("ids %q %q", vs[0].ID, vs[1].ID)
	}
	s.ID = ""
	vs, err = geojsonio.ReadVillages("s", strings.NewReader(in), s)
	if err != nil || vs[0].ID != "f0" {
		t.Fatalf("feature ids: %v %v", vs, err)
	}
	if _, err := geojsonio.ReadVillages("s", strings.NewReader(in), datasets.VillageSchema{}); err == nil || errors.Is(err, datasets.ErrInvalid) {
		t.Errorf("schema without name: err = %v", err)
	}
}

// TestBOM: a UTF-8 byte order mark is skipped and lines still count.
func TestBOM(t *testing.T) {
	t.Parallel()
	vs, err := geojsonio.ReadVillages("bom", strings.NewReader("\xEF\xBB\xBF"+fc(vgeom(pt))), datasets.DefaultVillageSchema())
	if err != nil || len(vs) != 1 || vs[0].Origin.Line != 2 {
		t.Fatalf("%v %v", vs, err)
	}
}

// TestIDNumbers checks how numeric ids are written.
func TestIDNumbers(t *testing.T) {
	t.Parallel()
	for lit, want := range map[string]string{
		"0": "0", "-0": "0", "-0.0": "0", "42": "42", "42.0": "42", "1e3": "1000", "1.5E2": "150",
		"123456789012345678901234567890": "123456789012345678901234567890", `"007"`: "007", `" 2A004 "`: "2A004",
	} {
		in := fc(village(lit, "", pt))
		vs, err := geojsonio.ReadVillages("s", strings.NewReader(in), datasets.DefaultVillageSchema())
		if err != nil {
			t.Errorf("id %s: %v", lit, err)
			continue
		}
		if vs[0].ID != want {
			t.Errorf("id %s read as %q, want %q", lit, vs[0].ID, want)
		}
	}
}

// TestOracleOrb: on valid random files our reader and orb's decoder agree
// on every coordinate and property, and our lines match the generator's.
func TestOracleOrb(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 11))
	for round := 0; round < 20; round++ {
		data := genPoints(rng, 1+rng.IntN(50))
		vs, err := geojsonio.ReadVillages("r", bytes.NewReader(data), datasets.DefaultVillageSchema())
		if err != nil {
			t.Fatal(err)
		}
		ofc, err := geojson.UnmarshalFeatureCollection(data)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != len(ofc.Features) {
			t.Fatalf("got %d villages, orb %d", len(vs), len(ofc.Features))
		}
		for i, f := range ofc.Features {
			v := vs[i]
			if v.Location != f.Geometry.(orb.Point) || v.Name != f.Properties.MustString("name") ||
				v.Population != f.Properties.MustFloat64("population") || v.Origin.Line != i+2 {
				t.Fatalf("feature %d: %+v vs orb %v %v", i, v, f.Geometry, f.Properties)
			}
		}
	}
}

// genPoints writes n valid point villages, one per line (feature i on line
// i+2), with random coordinates and populations.
func genPoints(rng *rand.Rand, n int) []byte {
	var b bytes.Buffer
	b.WriteString("{\"type\": \"FeatureCollection\", \"features\": [\n")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"type": "Feature", "properties": {"id": "v%d", "name": "Village %d", "population": %d}, "geometry": {"type": "Point", "coordinates": [%.6f, %.6f]}}`,
			i, i, rng.IntN(20000), 2+rng.Float64()*1.3, 50.55+rng.Float64()*0.65)
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}
