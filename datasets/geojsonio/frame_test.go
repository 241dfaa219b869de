package geojsonio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/internal/geometry"
	"github.com/partons/partons/datasets/geojsonio/internal/jsonscan"
)

// The scanner walk must give exactly what the stream decoder (built on
// encoding/json) gives: same records, same problems in the same order.
// These tests hold it to that, and hold the scanner's pieces to
// encoding/json directly.
//
// Run the fuzzers with, for example:
//
//	go test -run='^$' -fuzz=FuzzFramingsAgree -fuzztime=30s ./datasets/geojsonio/

// framingSeeds are documents with something for each branch of the walks.
var framingSeeds = []string{
	"", " \n", "\xEF\xBB\xBF", "{}", "[]", "null", "{\"type\": \"FeatureCollection\", \"features\": []}",
	`{"type":"FeatureCollection","features":[null]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"name":"b"},"geometry":{"type":"Point","coordinates":[2.9,50.8]}}, 42, [1], "s", true]}`,
	// Members matched case-insensitively, repeated, escaped.
	`{"type":"FeatureCollection","features":[{"TYPE":"Feature","Geometry":{"Type":"Point","COORDINATES":[1,2]},"properties":{"id":"a","name":"b"}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"i\u0064":"a","name":"b\u00e9","name":" c ","country":"be","population":"12"}}]}`,
	"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"id\":\"a\",\"name\":\"\xff\xfe\"}}]}",
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"id":"a","name":"x"}}], "features": [{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"id":"b","name":"x"}}]}`,
	`{"features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"id":"a","name":"x"}}], "type": "Feature\u0043ollection", "crs": null}`,
	`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4326"}},"features":[{"type":"Feature","id":1e3,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{"country":"FR","area_code":"59"}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]},"properties":{"id":5,"name":7,"category":"c","capacity":"1.5","country":" fr "}}]} `,
	// Duplicate ids, trailing data, a trailing comma.
	"{\"type\":\"FeatureCollection\",\"features\":[\n" + pointFeature("a") + ",\n" + pointFeature("a") + "\n]}\n",
	"{\"type\":\"FeatureCollection\",\"features\":[\n" + pointFeature("a") + "\n]}\n{}",
	"{\"type\":\"FeatureCollection\",\"features\":[\n" + pointFeature("a") + ",\n]}\n",
	// A feature that starts right after the stream decoder's first
	// 512-byte read (see lineReader.decodeStart).
	bufferEdge,
}

func pointFeature(id string) string {
	return `{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]},"properties":{"id":"` + id + `","name":"x"}}`
}

// bufferEdge has feature 2 on line 2, its '{' at byte 513: the comma
// before it is the last byte of the decoder's first read (512 bytes).
var bufferEdge = func() string {
	const point = `{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]},"properties":{"id":`
	head := `{"type":"FeatureCollection","features":[` + point + `"a","name":"` + strings.Repeat("x", 100) + `"}}, ` +
		point + `"b","name":"`
	return head + strings.Repeat("y", 508-len(head)) + `"}},` + "\n" + point + `"c","name":"z"}}]}`
}()

func addFramingSeeds(f *testing.F) {
	f.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "*.geojson"))
	if err != nil || len(names) == 0 {
		f.Fatal("no fixtures", err)
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range framingSeeds {
		f.Add([]byte(s))
	}
	for _, tc := range fastShapes {
		f.Add([]byte(`{"type":"FeatureCollection","features":[` + tc.feature + `]}`))
	}
}

// readBoth reads data with both walks and every reader and fails t on
// any difference.
func readBoth(t *testing.T, data []byte) {
	t.Helper()
	vs := []datasets.VillageSchema{datasets.DefaultVillageSchema(), {ID: "code", Name: "nom", Country: "country", AreaName: "name"}}
	for _, s := range vs {
		a, errA := readVillages("f", bytes.NewReader(data), s, framingAuto)
		b, errB := readVillages("f", bytes.NewReader(data), s, framingStream)
		same(t, "villages", a, b, errA, errB)
	}
	sa, errA := readServices("f", bytes.NewReader(data), datasets.DefaultServiceSchema(), framingAuto)
	sb, errB := readServices("f", bytes.NewReader(data), datasets.DefaultServiceSchema(), framingStream)
	same(t, "services", sa, sb, errA, errB)
	ba, errA := readBoundaries("f", bytes.NewReader(data), datasets.DefaultBoundarySchema(), framingAuto)
	bb, errB := readBoundaries("f", bytes.NewReader(data), datasets.DefaultBoundarySchema(), framingStream)
	same(t, "boundaries", ba, bb, errA, errB)
}

func same(t *testing.T, what string, a, b any, errA, errB error) {
	t.Helper()
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("%s: scanner walk gives %+v\nstream decoder gives %+v", what, a, b)
	}
	if !reflect.DeepEqual(errA, errB) {
		t.Fatalf("%s: scanner walk reports\n%v\nstream decoder reports\n%v", what, errA, errB)
	}
}

func TestFramingsAgree(t *testing.T) {
	t.Parallel()
	for i, s := range framingSeeds {
		t.Run(fmt.Sprint(i), func(t *testing.T) { readBoth(t, []byte(s)) })
	}
}

func FuzzFramingsAgree(f *testing.F) {
	addFramingSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) { readBoth(t, data) })
}

// TestBufferEdgeLine: the stream decoder locates a feature that begins
// just past its first read on the right line (it once gave line 1).
func TestBufferEdgeLine(t *testing.T) {
	t.Parallel()
	if i := strings.Index(bufferEdge, "\n"); i != 512 {
		t.Fatalf("fixture: newline at %d, want 512", i)
	}
	for _, fr := range []framing{framingAuto, framingStream} {
		vs, err := readVillages("f", strings.NewReader(bufferEdge), datasets.DefaultVillageSchema(), fr)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 3 || vs[1].Origin.Line != 1 || vs[2].Origin.Line != 2 {
			t.Fatalf("framing %d: origins %+v %+v", fr, vs[1].Origin, vs[2].Origin)
		}
	}
}

// scanValid reports whether the scanner accepts data as one JSON
// document.
func scanValid(data []byte) bool {
	s := jsonscan.Scanner{B: data}
	if _, ok := s.Value(0); !ok {
		return false
	}
	s.SkipSpace()
	return s.I == len(data)
}

// FuzzScanner: the scanner accepts what json.Valid accepts (except for
// nesting deeper than jsonscan.MaxDepth, which it leaves to encoding/json), and
// on valid objects the member iterator, fieldIndex, decodedKey and
// unquote see what json.Unmarshal sees.
func FuzzScanner(f *testing.F) {
	for _, s := range framingSeeds {
		f.Add([]byte(s))
	}
	for _, tc := range fastShapes {
		f.Add([]byte(`{"type":"FeatureCollection","features":[` + tc.feature + `]}`))
	}
	for _, s := range []string{`{"a":1,"A":2,"\u0061":3}`, `{"Type":"x","COORDINATES":[1],"type":"y"}`,
		"{\"k\xff\":\"v\xfe\",\"\\u017F\":1}", `{"\u212Aey":1,"key":"\ud800"}`, `[1, {"a": "b"}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := json.Valid(data)
		if got := scanValid(data); got != valid && (got || depth(data) <= jsonscan.MaxDepth) {
			t.Fatalf("scanner accepts %q: %v; json.Valid: %v", data, got, valid)
		}
		if !valid || jsonscan.Kind(data) != "an object" {
			return
		}
		// Members as a map (properties): last of repeated keys wins.
		var want map[string]json.RawMessage
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		got := map[string]json.RawMessage{}
		it := jsonscan.NewObjectIter(bytes.TrimSpace(data))
		for it.Next() {
			got[string(jsonscan.DecodedKey(it.Key, it.Plain))] = it.Val
		}
		if !it.OK || !reflect.DeepEqual(got, want) {
			t.Fatalf("members %q: iterator %v, encoding/json %v", data, got, want)
		}
		// Members as struct fields (feature, geometry).
		var st struct{ Type, Coordinates json.RawMessage }
		if err := json.Unmarshal(data, &st); err != nil {
			t.Fatal(err)
		}
		var fields [2]json.RawMessage
		it = jsonscan.NewObjectIter(data)
		for it.Next() {
			if k := jsonscan.FieldIndex(it.Key, it.Plain, geometry.Fields); k >= 0 {
				fields[k] = it.Val
			}
		}
		if !bytes.Equal(fields[0], st.Type) || !bytes.Equal(fields[1], st.Coordinates) {
			t.Fatalf("fields of %q: %q %q, encoding/json %q %q", data, fields[0], fields[1], st.Type, st.Coordinates)
		}
		// String values decode as json.Unmarshal decodes them.
		for _, v := range want {
			if jsonscan.Kind(v) != "a string" {
				continue
			}
			var s string
			errWant := json.Unmarshal(v, &s)
			u, err := jsonscan.Unquote(v)
			if (err == nil) != (errWant == nil) || u != s {
				t.Fatalf("jsonscan.Unquote(%q) = %q, %v; encoding/json %q, %v", v, u, err, s, errWant)
			}
		}
	})
}

// depth returns the deepest nesting of arrays and objects in data,
// counting brackets outside strings.
func depth(data []byte) int {
	d, deepest, inString := 0, 0, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			d++
			deepest = max(deepest, d)
		case c == ']' || c == '}':
			d--
		}
	}
	return deepest
}

func TestEstimateCount(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ n, done, left, want int }{
		{64, 6400, 93600, 1031}, // 64 + 936, plus 1/32
		{64, 6400, 0, 66},
		{64, 0, 100, 0},
	} {
		if got := estimateCount(tc.n, tc.done, tc.left); got != tc.want {
			t.Errorf("estimateCount(%d, %d, %d) = %d, want %d", tc.n, tc.done, tc.left, got, tc.want)
		}
	}
}

// BenchmarkReadVillages100kStream: the same reader with the walk left
// to the stream decoder (encoding/json), the baseline for the scanner.
func BenchmarkReadVillages100kStream(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range 100_000 {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, "\n"+`{"type":"Feature","geometry":{"type":"Point","coordinates":[%.7f,50.8]},"properties":{"id":"v%d","name":"Village %d","country":"BE","population":%d}}`,
			2+float64(i%1000)/1000, i, i, i%5000)
	}
	buf.WriteString("\n]}\n")
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		vs, err := readVillages("bench", bytes.NewReader(data), datasets.DefaultVillageSchema(), framingStream)
		if err != nil || len(vs) != 100_000 {
			b.Fatalf("%d villages, %v", len(vs), err)
		}
	}
}
