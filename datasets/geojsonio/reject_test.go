package geojsonio_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
)

// want is the expected location of one RecordError and a fragment of its
// reason.
type want struct {
	line, feature int
	field, reason string
}

// fc wraps features in a FeatureCollection, one feature per line: feature
// i is on line i+2.
func fc(features ...string) string {
	return "{\"type\": \"FeatureCollection\", \"features\": [\n" + strings.Join(features, ",\n") + "\n]}\n"
}

const (
	pt   = `{"type": "Point", "coordinates": [2.9, 50.8]}`
	poly = `{"type": "Polygon", "coordinates": [[[2.4, 50.7], [2.5, 50.7], [2.5, 50.8], [2.4, 50.7]]]}`
)

// village returns a valid village feature with the given id, extra
// properties and geometry.
func village(id, extra, geom string) string {
	return fmt.Sprintf(`{"type": "Feature", "properties": {"id": %s, "name": "V"%s}, "geometry": %s}`, id, extra, geom)
}

func vgeom(geom string) string { return village(`"a"`, "", geom) }

func vcoords(typ, coords string) string {
	return vgeom(fmt.Sprintf(`{"type": %q, "coordinates": %s}`, typ, coords))
}

// checkProblems asserts that err is an ErrorList matching wants exactly
// (source, line, feature, field) and that each reason contains the
// expected fragment.
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
		if got.Source != source || got.Line != w.line || got.Feature != w.feature || got.Field != w.field {
			t.Errorf("problem %d = {Source %q, Line %d, Feature %d, Field %q}, want {%q, %d, %d, %q} (%s)",
				i, got.Source, got.Line, got.Feature, got.Field, source, w.line, w.feature, w.field, got.Reason)
		}
		if !strings.Contains(got.Reason, w.reason) {
			t.Errorf("problem %d reason %q does not contain %q", i, got.Reason, w.reason)
		}
	}
	// The first RecordError is reachable with errors.As as well.
	var re *datasets.RecordError
	if !errors.As(err, &re) || re != list[0] {
		t.Errorf("errors.As(err, *RecordError) did not give the first problem")
	}
}

func TestReadVillagesRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{"empty file", "", []want{{0, -1, "", "empty file"}}},
		{"white space only", " \n\t\n", []want{{0, -1, "", "empty file"}}},
		{"not JSON", "id,name\n1,Kemmel\n", []want{{1, -1, "", "invalid JSON"}}},
		{"syntax error line 3", fc(vgeom(pt), vcoords("Point", "[2.9, NaN]")), []want{{3, -1, "", "invalid JSON"}}},
		{"syntax error inside multi-line feature", fc(vgeom(pt), "{\"type\": \"Feature\",\n \"properties\": {\"id\": \"b\"},\n\n \"geometry\": {\"type\": \"Point\", \"coordinates\": [2.9 50.8]}}"),
			[]want{{6, -1, "", "invalid JSON"}}},
		{"syntax error in first multi-line feature", "{\"type\": \"FeatureCollection\", \"features\": [\n  {\"type\": \"Feature\",\n\"id\": x}]}", []want{{3, -1, "", "invalid JSON"}}},
		{"syntax error in other member", "{\"type\": \"FeatureCollection\",\n\"bbox\":\n [1,\n\n 2, ]}", []want{{5, -1, "", "invalid JSON"}}},
		{"truncated", "{\"type\": \"FeatureCollection\", \"features\": [\n" + vgeom(pt) + ",\n{\"type\": \"Feat", []want{{3, -1, "", "truncated"}}},
		{"truncated after features", "{\"type\": \"FeatureCollection\", \"features\": [\n" + vgeom(pt) + "\n", []want{{3, -1, "", "truncated"}}},
		{"array document", "[1, 2]", []want{{1, -1, "", "not a GeoJSON FeatureCollection"}}},
		{"single Feature", vgeom(pt), []want{{0, -1, "", `"Feature"`}}},
		{"geometry document", pt, []want{{0, -1, "", `"Point"`}}},
		{"missing type", `{"features": [` + vgeom(pt) + `]}`, []want{{0, -1, "", `missing "type"`}}},
		{"zero features", `{"type": "FeatureCollection", "features": []}`, []want{{0, -1, "", "no features"}}},
		{"no features member", `{"type": "FeatureCollection"}`, []want{{0, -1, "", `no "features" member`}}},
		{"features not array", "{\"type\": \"FeatureCollection\",\n \"features\": {}}", []want{{2, -1, "", "not an array"}}},
		{"trailing data", fc(vgeom(pt)) + "{}", []want{{4, -1, "", "after the end"}}},
		{"projected crs", `{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::31370"}}, "features": [` + vgeom(pt) + `]}`,
			[]want{{0, -1, "", "not WGS84"}}},
		{"feature not object", fc(vgeom(pt), "42"), []want{{3, 1, "", "not a JSON object"}}},
		{"feature type", fc(`{"type": "Fature", "properties": {"id": "a", "name": "V"}, "geometry": ` + pt + `}`), []want{{2, 0, "type", `"Fature"`}}},
		{"properties array", fc(`{"type": "Feature", "id": "a", "properties": [1], "geometry": ` + pt + `}`),
			[]want{{2, 0, "properties", "not an object"}, {2, 0, "name", "missing"}}},
		{"null geometry", fc(vgeom("null")), []want{{2, 0, "geometry", "null geometry"}}},
		{"missing geometry", fc(`{"type": "Feature", "properties": {"id": "a", "name": "V"}}`), []want{{2, 0, "geometry", "missing geometry"}}},
		{"geometry string", fc(vgeom(`"POINT(1 2)"`)), []want{{2, 0, "geometry", "a string, not an object"}}},
		{"unknown type", fc(vcoords("Circle", "[2, 50]")), []want{{2, 0, "geometry", `unknown geometry type "Circle"`}}},
		{"unsupported LineString", fc(vcoords("LineString", "[[2, 50], [3, 51]]")), []want{{2, 0, "geometry", "unsupported geometry type LineString"}}},
		{"GeometryCollection", fc(vgeom(`{"type": "GeometryCollection", "geometries": []}`)), []want{{2, 0, "geometry", "unsupported"}}},
		{"no coordinates", fc(vgeom(`{"type": "Point"}`)), []want{{2, 0, "geometry", "no coordinates"}}},
		{"one number", fc(vcoords("Point", "[2.9]")), []want{{2, 0, "geometry", "1 number(s)"}}},
		{"empty position", fc(vcoords("Point", "[]")), []want{{2, 0, "geometry", "0 number(s)"}}},
		{"four numbers", fc(vcoords("Point", "[2.9, 50.8, 10, 3]")), []want{{2, 0, "geometry", "4 numbers"}}},
		{"string coordinate", fc(vcoords("Point", `["2.9", 50.8]`)), []want{{2, 0, "geometry", "a string, not a number"}}},
		{"null coordinate", fc(vcoords("Point", `[2.9, null]`)), []want{{2, 0, "geometry", "null, not a number"}}},
		{"nested position", fc(vcoords("Point", `[[2.9, 50.8]]`)), []want{{2, 0, "geometry", "an array, not a number"}}},
		{"overflow is Inf", fc(vcoords("Point", `[1e400, 50.8]`)), []want{{2, 0, "geometry", "not finite"}}},
		{"lon 200", fc(vcoords("Point", `[200, 50.8]`)), []want{{2, 0, "geometry", "longitude 200 outside"}}},
		{"lon just past -180", fc(vcoords("Point", `[-180.0001, 50.8]`)), []want{{2, 0, "geometry", "longitude -180.0001 outside"}}},
		{"lat 95", fc(vcoords("Point", `[2.9, 95]`)), []want{{2, 0, "geometry", "latitude 95 outside"}}},
		{"coordinates a number", fc(vcoords("Polygon", `7`)), []want{{2, 0, "geometry", "polygon is a number, not an array"}}},
		{"polygon without rings", fc(vcoords("Polygon", `[]`)), []want{{2, 0, "geometry", "no rings"}}},
		{"ring of 3", fc(vcoords("Polygon", `[[[2.4, 50.7], [2.5, 50.7], [2.4, 50.7]]]`)), []want{{2, 0, "geometry", "3 positions"}}},
		{"ring not closed", fc(vcoords("Polygon", `[[[2.4, 50.7], [2.5, 50.7], [2.5, 50.8], [2.4, 50.8]]]`)), []want{{2, 0, "geometry", "coordinates[0]: ring is not closed"}}},
		{"hole not closed", fc(vcoords("MultiPolygon", `[[[[2.4, 50.7], [2.5, 50.7], [2.5, 50.8], [2.4, 50.7]], [[2.41, 50.71], [2.42, 50.71], [2.42, 50.72], [2.41, 50.72]]]]`)),
			[]want{{2, 0, "geometry", "coordinates[0][1]: ring is not closed"}}},
		{"bad position deep", fc(vcoords("MultiPolygon", `[[[[2.4, 50.7], [2.5, 50.7], [2.5, 95], [2.4, 50.7]]]]`)), []want{{2, 0, "geometry", "coordinates[0][0][2]: latitude 95"}}},
		{"multipolygon empty", fc(vcoords("MultiPolygon", `[]`)), []want{{2, 0, "geometry", "no polygons"}}},
		{"missing id", fc(`{"type": "Feature", "properties": {"name": "V"}, "geometry": ` + pt + `}`), []want{{2, 0, "id", "missing id"}}},
		{"null id", fc(village("null", "", pt)), []want{{2, 0, "id", "missing id"}}},
		{"empty id", fc(village(`"  "`, "", pt)), []want{{2, 0, "id", "empty id"}}},
		{"boolean id", fc(village("true", "", pt)), []want{{2, 0, "id", "a boolean"}}},
		{"fractional id", fc(village("12.5", "", pt)), []want{{2, 0, "id", "not an integer"}}},
		{"object id", fc(village(`{"a": 1}`, "", pt)), []want{{2, 0, "id", "an object"}}},
		{"bad top-level id", fc(`{"type": "Feature", "id": [1], "properties": {"name": "V"}, "geometry": ` + pt + `}`), []want{{2, 0, "id", "an array"}}},
		{"duplicate id", fc(village(`"a"`, "", pt), village(`"b"`, "", pt), village(`"a"`, "", pt)), []want{{4, 2, "id", `duplicate id "a" (first at t.geojson:2 (feature 0))`}}},
		{"duplicate number and string id", fc(village(`7`, "", pt), village(`"7"`, "", pt)), []want{{3, 1, "id", `duplicate id "7"`}}},
		{"missing name", fc(`{"type": "Feature", "properties": {"id": "a"}, "geometry": ` + pt + `}`), []want{{2, 0, "name", "missing"}}},
		{"null name", fc(`{"type": "Feature", "properties": {"id": "a", "name": null}, "geometry": ` + pt + `}`), []want{{2, 0, "name", "null"}}},
		{"blank name", fc(`{"type": "Feature", "properties": {"id": "a", "name": " "}, "geometry": ` + pt + `}`), []want{{2, 0, "name", "empty"}}},
		{"object name", fc(`{"type": "Feature", "properties": {"id": "a", "name": {}}, "geometry": ` + pt + `}`), []want{{2, 0, "name", "an object, not a string"}}},
		{"negative population", fc(village(`"a"`, `, "population": -1`, pt)), []want{{2, 0, "population", "negative"}}},
		{"negative population string", fc(village(`"a"`, `, "population": "-3"`, pt)), []want{{2, 0, "population", "negative"}}},
		{"NaN population", fc(village(`"a"`, `, "population": "NaN"`, pt)), []want{{2, 0, "population", "not a number"}}},
		{"text population", fc(village(`"a"`, `, "population": "about 300"`, pt)), []want{{2, 0, "population", "not a number"}}},
		{"boolean population", fc(village(`"a"`, `, "population": true`, pt)), []want{{2, 0, "population", "a boolean"}}},
		{"overflowing population", fc(village(`"a"`, `, "population": 1e999`, pt)), []want{{2, 0, "population", "out of range"}}},
		{"three-letter country", fc(village(`"a"`, `, "country": "BEL"`, pt)), []want{{2, 0, "country", `"BEL"`}}},
		{"country with digit", fc(village(`"a"`, `, "country": "B1"`, pt)), []want{{2, 0, "country", "two-letter"}}},
		{"numeric country", fc(village(`"a"`, `, "country": 32`, pt)), []want{{2, 0, "country", "a number, not a string"}}},
		{"fractional area code", fc(village(`"a"`, `, "area_code": 1.5`, pt)), []want{{2, 0, "area_code", "not an integer"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := geojsonio.ReadVillages("t.geojson", strings.NewReader(tc.in), datasets.DefaultVillageSchema())
			if got != nil {
				t.Errorf("got %d villages with an error, want nil", len(got))
			}
			checkProblems(t, "t.geojson", err, tc.wants)
		})
	}
}

func TestReadServicesRejects(t *testing.T) {
	t.Parallel()
	svc := func(props, geom string) string {
		return fmt.Sprintf(`{"type": "Feature", "properties": {%s}, "geometry": %s}`, props, geom)
	}
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{"missing category", fc(svc(`"id": "s"`, pt)), []want{{2, 0, "category", "missing"}}},
		{"empty category", fc(svc(`"id": "s", "category": ""`, pt)), []want{{2, 0, "category", "empty"}}},
		{"negative capacity", fc(svc(`"id": "s", "category": "c", "capacity": -2`, pt)), []want{{2, 0, "capacity", "negative"}}},
		{"text capacity", fc(svc(`"id": "s", "category": "c", "capacity": "two"`, pt)), []want{{2, 0, "capacity", "not a number"}}},
		{"LineString", fc(svc(`"id": "s", "category": "c"`, `{"type": "LineString", "coordinates": [[2, 50], [3, 51]]}`)), []want{{2, 0, "geometry", "unsupported"}}},
		{"MultiPoint", fc(svc(`"id": "s", "category": "c"`, `{"type": "MultiPoint", "coordinates": [[2, 50]]}`)), []want{{2, 0, "geometry", "unsupported"}}},
		{"duplicate", fc(svc(`"id": "s", "category": "c"`, pt), svc(`"id": "s", "category": "c"`, poly)), []want{{3, 1, "id", "duplicate"}}},
		{"bad country", fc(svc(`"id": "s", "category": "c", "country": "Belgium"`, pt)), []want{{2, 0, "country", "two-letter"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := geojsonio.ReadServices("s.json", strings.NewReader(tc.in), datasets.DefaultServiceSchema())
			checkProblems(t, "s.json", err, tc.wants)
		})
	}
}

func TestReadBoundariesRejects(t *testing.T) {
	t.Parallel()
	bnd := func(props, geom string) string {
		return fmt.Sprintf(`{"type": "Feature", "properties": {%s}, "geometry": %s}`, props, geom)
	}
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{"missing country", fc(bnd(`"id": "b"`, poly)), []want{{2, 0, "country", "missing"}}},
		{"null country", fc(bnd(`"country": null`, poly)), []want{{2, 0, "country", "null"}}},
		{"bad country", fc(bnd(`"country": "FRA"`, poly)), []want{{2, 0, "country", "two-letter"}}},
		{"Point", fc(bnd(`"country": "BE"`, pt)), []want{{2, 0, "geometry", "unsupported geometry type Point (accepted: Polygon, MultiPolygon)"}}},
		{"duplicate id", fc(bnd(`"id": 1, "country": "BE"`, poly), bnd(`"id": "1", "country": "FR"`, poly)), []want{{3, 1, "id", "duplicate"}}},
		{"null geometry", fc(bnd(`"country": "BE"`, `null`)), []want{{2, 0, "geometry", "null"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := geojsonio.ReadBoundaries("b.geojson", strings.NewReader(tc.in), datasets.DefaultBoundarySchema())
			checkProblems(t, "b.geojson", err, tc.wants)
		})
	}
}
