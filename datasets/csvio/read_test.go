package csvio_test

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
	"github.com/partons/partons/geo/crs"
	"github.com/paulmach/orb"
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

type villageWant struct {
	id, name, country, areaCode string
	pop                         float64
	hasPop                      bool
	lon, lat                    float64
	line                        int
}

func checkVillages(t *testing.T, source string, vs []datasets.Village, wants []villageWant) {
	t.Helper()
	if len(vs) != len(wants) {
		t.Fatalf("got %d villages, want %d", len(vs), len(wants))
	}
	for i, w := range wants {
		v := vs[i]
		loc := orb.Point{w.lon, w.lat}
		if v.ID != w.id || v.Name != w.name || v.Country != w.country || v.AreaCode != w.areaCode ||
			v.Population != w.pop || v.HasPopulation != w.hasPop || v.Location != loc || v.Geometry != orb.Geometry(loc) {
			t.Errorf("village %d = %+v, want %+v", i, v, w)
		}
		if v.Origin != (datasets.Origin{Source: source, Line: w.line, Feature: -1}) {
			t.Errorf("village %d origin %+v, want line %d", i, v.Origin, w.line)
		}
	}
}

func TestReadVillagesComma(t *testing.T) {
	t.Parallel()
	vs, err := csvio.ReadVillages("villages_comma.csv", openFixture(t, "villages_comma.csv"), datasets.DefaultVillageSchema())
	if err != nil {
		t.Fatal(err)
	}
	checkVillages(t, "villages_comma.csv", vs, []villageWant{
		{"kemmel", "Kemmel", "BE", "33039", 1045, true, 2.8282, 50.7839, 2},
		{"ypres-1", "Ieper, Grote Markt", "BE", "33011", 0, false, 2.8850, 50.8503, 3},
		{"59054", `Bavinchove "centre"`, "FR", "", 1045.5, true, 2.4527, 50.7731, 4},
	})
}

func TestReadVillagesSemicolonBOMDecimalComma(t *testing.T) {
	t.Parallel()
	vs, err := csvio.ReadVillages("villages_semicolon.csv", openFixture(t, "villages_semicolon.csv"), datasets.DefaultVillageSchema())
	if err != nil {
		t.Fatal(err)
	}
	// The BOM is gone from the first header name ("id" was matched), the
	// CRLF does not leak into "lat", decimal commas are read.
	checkVillages(t, "villages_semicolon.csv", vs, []villageWant{
		{"59054", "Bavinchove", "FR", "", 1045, true, 2.4527, 50.7731, 2},
		{"59183", "Dunkerque", "FR", "", 86279, true, 2.3768, 51.0343, 3},
	})
}

func TestReadServicesXY4326(t *testing.T) {
	t.Parallel()
	s := datasets.DefaultServiceSchema()
	s.Coords.EPSG = 0 // 0 means EPSG:4326
	ss, err := csvio.ReadServices("services_xy.csv", openFixture(t, "services_xy.csv"), s)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 {
		t.Fatalf("got %d services", len(ss))
	}
	if v := ss[0]; v.ID != "p1" || v.Raw != "amenity=pharmacy" || v.Category != v.Raw || v.Name != "Apotheek" ||
		v.Location != (orb.Point{2.8850, 50.8503}) || v.HasCapacity || v.Origin.Line != 2 {
		t.Errorf("service 0 = %+v", v)
	}
	if v := ss[1]; v.ID != "p2" || v.Name != "" || v.Location != (orb.Point{2.4527, 50.7731}) || v.Origin.Line != 3 {
		t.Errorf("service 1 = %+v", v)
	}
}

func TestReadServicesTab(t *testing.T) {
	t.Parallel()
	ss, err := csvio.ReadServices("services.tsv", openFixture(t, "services.tsv"), datasets.DefaultServiceSchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].HasCapacity || !ss[1].HasCapacity || ss[1].Capacity != 3 ||
		ss[1].Location != (orb.Point{-2.9, -50.9}) || ss[0].Raw != "shop=bakery" {
		t.Errorf("services = %+v", ss)
	}
}

// TestReadProjected converts x/y columns with geo/crs and compares with
// PROJ (testdata/projected.csv). Codes geo/crs does not support yet are
// skipped.
func TestReadProjected(t *testing.T) {
	t.Parallel()
	rows, err := csv.NewReader(openFixture(t, "projected.csv")).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[int][][]string{}
	for _, r := range rows[1:] {
		code, _ := strconv.Atoi(r[0])
		byCode[code] = append(byCode[code], r[1:])
	}
	for code, pts := range byCode {
		t.Run(fmt.Sprint("EPSG:", code), func(t *testing.T) {
			if _, err := crs.ToWGS84(code); err != nil {
				t.Skipf("geo/crs does not support EPSG:%d yet: %v", code, err)
			}
			var b strings.Builder
			b.WriteString("id;category;x;y\n")
			for i, p := range pts {
				// Semicolon file: write x with a decimal comma.
				fmt.Fprintf(&b, "s%d;c;%s;%s\n", i, strings.Replace(p[0], ".", ",", 1), p[1])
			}
			s := datasets.DefaultServiceSchema()
			s.Coords.EPSG = code
			ss, err := csvio.ReadServices("p.csv", strings.NewReader(b.String()), s)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range pts {
				lon, _ := strconv.ParseFloat(p[2], 64)
				lat, _ := strconv.ParseFloat(p[3], 64)
				// 1e-7° is about 1 cm; x/y are rounded to 0.1 mm.
				if got := ss[i].Location; math.Abs(got[0]-lon) > 1e-7 || math.Abs(got[1]-lat) > 1e-7 {
					t.Errorf("EPSG:%d %s,%s -> %v, PROJ says %v, %v", code, p[0], p[1], got, lon, lat)
				}
			}
		})
	}
}

// TestLonLatPreferred: with both lon/lat and x/y columns, lon/lat (WGS84)
// win and the EPSG code is not used.
func TestLonLatPreferred(t *testing.T) {
	t.Parallel()
	s := datasets.DefaultServiceSchema()
	s.Coords.EPSG = 9999
	ss, err := csvio.ReadServices("b.csv", strings.NewReader("id,category,x,y,lon,lat\na,c,1,2,2.9,50.8\n"), s)
	if err != nil || ss[0].Location != (orb.Point{2.9, 50.8}) {
		t.Fatalf("%v %v", ss, err)
	}
}

func TestAllProblemsReported(t *testing.T) {
	t.Parallel()
	in := hdr +
		"a,A,1,BE,2.9,50.8\n" +
		"b,,-1,BEL,200,50.8\n" +
		"a,C,,,2.9,50.8\n" +
		"d,D,1\n" +
		"e,E,1,FR,2.9,x\n"
	_, err := csvio.ReadVillages("many.csv", strings.NewReader(in), datasets.DefaultVillageSchema())
	checkProblems(t, "many.csv", err, []want{
		{3, "name", "empty"},
		{3, "country", "BEL"},
		{3, "population", "negative"},
		{3, "lon", "longitude 200"},
		{4, "id", `duplicate id "a"`},
		{5, "", "row has 3 fields"},
		{6, "lat", "not a number"},
	})
}

func TestProblemCap(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(hdr)
	for i := 0; i < datasets.MaxProblems+300; i++ {
		fmt.Fprintf(&b, "v%d,V,1,BE,2.9,95\n", i)
	}
	_, err := csvio.ReadVillages("cap.csv", strings.NewReader(b.String()), datasets.DefaultVillageSchema())
	var list datasets.ErrorList
	if !errors.As(err, &list) || len(list) != datasets.MaxProblems+1 {
		t.Fatalf("got %d problems, want %d", len(list), datasets.MaxProblems+1)
	}
	if last := list[len(list)-1]; !strings.Contains(last.Reason, "too many problems") {
		t.Errorf("last problem %v", last)
	}
	if p := list[datasets.MaxProblems-1]; p.Line != datasets.MaxProblems+1 {
		t.Errorf("problem %d at line %d", datasets.MaxProblems-1, p.Line)
	}
}

var errDisk = errors.New("disk on fire")

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
	for _, in := range []string{"", hdr, hdr + "a,A,1,BE,2.9,50.8\nb,B"} {
		_, err := csvio.ReadVillages("disk.csv", &failingReader{strings.NewReader(in)}, datasets.DefaultVillageSchema())
		if !errors.Is(err, errDisk) || errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), "disk.csv") {
			t.Errorf("input %q: err = %v; want the wrapped read error naming the source", in, err)
		}
	}
}

func TestSchemaErrors(t *testing.T) {
	t.Parallel()
	if _, err := csvio.ReadVillages("s", strings.NewReader(hdr), datasets.VillageSchema{ID: "id"}); err == nil || errors.Is(err, datasets.ErrInvalid) {
		t.Errorf("village schema without name: %v", err)
	}
	if _, err := csvio.ReadServices("s", strings.NewReader(hdr), datasets.ServiceSchema{ID: "id"}); err == nil || errors.Is(err, datasets.ErrInvalid) {
		t.Errorf("service schema without category: %v", err)
	}
}

// TestHeaderNamesTrimmedCaseSensitive: " name " matches "name"; "Name"
// does not.
func TestHeaderNamesTrimmedCaseSensitive(t *testing.T) {
	t.Parallel()
	vs, err := csvio.ReadVillages("h.csv", strings.NewReader("id , name ,lon,lat\na,A,2.9,50.8\n"), datasets.DefaultVillageSchema())
	if err != nil || vs[0].Name != "A" {
		t.Fatalf("%v %v", vs, err)
	}
	_, err = csvio.ReadVillages("h.csv", strings.NewReader("id,Name,lon,lat\na,A,2.9,50.8\n"), datasets.DefaultVillageSchema())
	checkProblems(t, "h.csv", err, []want{{1, "name", `required column "name"`}})
}
