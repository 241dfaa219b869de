package csvio_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
)

type want struct {
	line  int
	field string
	// reason is a fragment of the expected reason.
	reason string
}

// checkProblems asserts err is an ErrorList with exactly wants (source,
// line, field; Feature is always -1 for CSV) in order.
func checkProblems(t testing.TB, source string, err error, wants []want) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %d problems", len(wants))
	}
	if !errors.Is(err, datasets.ErrInvalid) {
		t.Fatalf("errors.Is(err, ErrInvalid) = false for %v", err)
	}
	var list datasets.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %T is not an ErrorList: %v", err, err)
	}
	if len(list) != len(wants) {
		t.Fatalf("got %d problems, want %d:\n%v", len(list), len(wants), err)
	}
	for i, w := range wants {
		got := list[i]
		if got.Source != source || got.Line != w.line || got.Feature != -1 || got.Field != w.field {
			t.Errorf("problem %d = {Source %q, Line %d, Feature %d, Field %q}, want {%q, %d, -1, %q} (%s)",
				i, got.Source, got.Line, got.Feature, got.Field, source, w.line, w.field, got.Reason)
		}
		if !strings.Contains(got.Reason, w.reason) {
			t.Errorf("problem %d reason %q does not contain %q", i, got.Reason, w.reason)
		}
	}
	var re *datasets.RecordError
	if !errors.As(err, &re) || re != list[0] {
		t.Errorf("errors.As(err, *RecordError) did not give the first problem")
	}
}

const hdr = "id,name,population,country,lon,lat\n"

func TestReadVillagesRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{"empty file", "", []want{{0, "", "empty file"}}},
		{"BOM only", "\xEF\xBB\xBF\n", []want{{0, "", "empty file"}}},
		{"header only", hdr, []want{{1, "", "no data rows"}}},
		{"header only with blank lines", hdr + "\n\n", []want{{1, "", "no data rows"}}},
		{"missing name column", "id,lon,lat\na,2.9,50.8\n", []want{{1, "name", `required column "name" is missing; header is ["id", "lon", "lat"]`}}},
		{"missing id and name columns", "lon,lat\n2.9,50.8\n", []want{{1, "id", `"id"`}, {1, "name", `"name"`}}},
		{"no coordinate columns", "id,name\na,A\n", []want{{1, "lon", `need "lon" and "lat" (WGS84 degrees) or "x" and "y" (EPSG:4326)`}}},
		{"lat column missing", "id,name,lon\na,A,2.9\n", []want{{1, "lon", "no coordinate columns"}}},
		{"duplicate column", "id,name,lon,lat,name\na,A,2.9,50.8,B\n", []want{{1, "name", "duplicate column"}}},
		{"invalid UTF-8 header", "id,na\xffme,name,lon,lat\na,b,A,2.9,50.8\n", []want{{1, "", "not valid UTF-8"}}},
		{"too few fields", hdr + "a,A,1,BE,2.9,50.8\nb,B,1,BE,2.9\n", []want{{3, "", "row has 5 fields, header has 6"}}},
		{"too many fields", hdr + "a,A,1,BE,2.9,50.8,x\n", []want{{2, "", "row has 7 fields, header has 6"}}},
		{"invalid UTF-8 cell", hdr + "a,A,1,BE,2.9,50.8\nb,Ieper\xe9,1,BE,2.9,50.8\n", []want{{3, "name", "not valid UTF-8"}}},
		{"bare quote", hdr + "a,A\"b,1,BE,2.9,50.8\nb,B,1,BE,2.9,50.8\n", []want{{2, "", "CSV syntax"}}},
		{"missing id", hdr + " ,A,1,BE,2.9,50.8\n", []want{{2, "id", "missing id"}}},
		{"duplicate id", hdr + "a,A,,,2.9,50.8\nb,B,,,2.9,50.8\na,C,,,2.9,50.8\n", []want{{4, "id", `duplicate id "a" (first at v.csv:2)`}}},
		{"empty name", hdr + "a,,1,BE,2.9,50.8\n", []want{{2, "name", "empty"}}},
		{"text lon", hdr + "a,A,1,BE,east,50.8\n", []want{{2, "lon", `"east" is not a number`}}},
		{"empty lat", hdr + "a,A,1,BE,2.9,\n", []want{{2, "lat", "empty number"}}},
		{"NaN lat", hdr + "a,A,1,BE,2.9,NaN\n", []want{{2, "lat", "not a number"}}},
		{"Inf lon", hdr + "a,A,1,BE,Inf,50.8\n", []want{{2, "lon", "not a number"}}},
		{"hex lon", hdr + "a,A,1,BE,0x1p1,50.8\n", []want{{2, "lon", "not a number"}}},
		{"overflow lon", hdr + "a,A,1,BE,1e400,50.8\n", []want{{2, "lon", "out of range"}}},
		{"lon 200", hdr + "a,A,1,BE,200,50.8\n", []want{{2, "lon", "longitude 200 outside"}}},
		{"lat -95", hdr + "a,A,1,BE,2.9,-95\n", []want{{2, "lat", "latitude -95 outside"}}},
		{"both out of range", hdr + "a,A,1,BE,181,91\n", []want{{2, "lon", "longitude"}, {2, "lat", "latitude"}}},
		{"decimal comma in comma file", hdr + "a,A,1,BE,\"2,9\",50.8\n", []want{{2, "lon", `"2,9" is not a number`}}},
		{"negative population", hdr + "a,A,-1,BE,2.9,50.8\n", []want{{2, "population", "negative"}}},
		{"text population", hdr + "a,A,many,BE,2.9,50.8\n", []want{{2, "population", "not a number"}}},
		{"NaN population", hdr + "a,A,NaN,BE,2.9,50.8\n", []want{{2, "population", "not a number"}}},
		{"thousands separator", hdr + "a,A,86 279,BE,2.9,50.8\n", []want{{2, "population", "not a number"}}},
		{"three-letter country", hdr + "a,A,1,BEL,2.9,50.8\n", []want{{2, "country", "two-letter"}}},
		{"country with digit", hdr + "a,A,1,B1,2.9,50.8\n", []want{{2, "country", "two-letter"}}},
		{"mixed separators in semicolon file", "id;name;population;lon;lat\na;A;1.234,5;2,9;50,8\n", []want{{2, "population", "not a number"}}},
		{"unsupported EPSG", "id,name,x,y\na,A,1,2\n", []want{{1, "x", "EPSG:9999"}}},
		{"line after multi-line field", hdr + "a,\"Two\nlines\",1,BE,2.9,50.8\nb,B,1,BE,2.9,95\n", []want{{4, "lat", "latitude 95"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := datasets.DefaultVillageSchema()
			if tc.name == "unsupported EPSG" {
				s.Coords.EPSG = 9999
			}
			got, err := csvio.ReadVillages("v.csv", strings.NewReader(tc.in), s)
			if got != nil {
				t.Errorf("got %d villages with an error, want nil", len(got))
			}
			checkProblems(t, "v.csv", err, tc.wants)
		})
	}
}

func TestReadServicesRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{"missing category column", "id,lon,lat\na,2.9,50.8\n", []want{{1, "category", `required column "category"`}}},
		{"empty category", "id,category,lon,lat\na,,2.9,50.8\n", []want{{2, "category", "empty"}}},
		{"negative capacity", "id,category,capacity,lon,lat\na,c,-3,2.9,50.8\n", []want{{2, "capacity", "negative"}}},
		{"text capacity", "id;category;capacity;lon;lat\na;c;3 beds;2,9;50,8\n", []want{{2, "capacity", "not a number"}}},
		{"duplicate id", "id\tcategory\tlon\tlat\na\tc\t2.9\t50.8\na\tc\t2.9\t50.8\n", []want{{3, "id", "duplicate"}}},
		{"header only", "id,category,lon,lat\r\n", []want{{1, "", "no data rows"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := csvio.ReadServices("s.csv", strings.NewReader(tc.in), datasets.DefaultServiceSchema())
			checkProblems(t, "s.csv", err, tc.wants)
		})
	}
}
