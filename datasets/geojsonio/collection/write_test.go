package collection

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/table"
)

func writeSample() (table.Table, []orb.Geometry) {
	t := table.FromRows(
		[]table.Column{{Name: "id"}, {Name: "d_m", Kind: table.Number, Decimals: 1}, {Name: "ok", Kind: table.Bool}},
		[][]table.Cell{
			{table.Str("a,\"b\""), table.Float(12.345, 1), table.Boolean(true)},
			{table.Str("<x&y>"), table.NullCell, table.NullCell},
		})
	g := []orb.Geometry{orb.Point{2.885, 50.8503}, orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}
	return t, g
}

func TestWrite(t *testing.T) {
	tb, g := writeSample()
	var b bytes.Buffer
	if err := Write(&b, tb, g, Options{Name: "villages", Attribution: "© OpenStreetMap contributors"}); err != nil {
		t.Fatal(err)
	}
	want := `{"type":"FeatureCollection","name":"villages","attribution":"© OpenStreetMap contributors","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[2.885,50.8503]},"properties":{"id":"a,\"b\"","d_m":12.3,"ok":true}},
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{"id":"<x&y>","d_m":null,"ok":null}}
]}
`
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
	var v map[string]any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if err := Write(&b, tb, g[:1], Options{}); err == nil {
		t.Error("row/geometry count mismatch accepted")
	}
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "Ieper", "Bœschepe", "a\"b\\c", "tab\tnl\ncr\r", "\x01\x1f", "<&>", "\u2028x\u2029", "bad\xffutf8"} {
		got := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%q -> %s: not JSON: %v", s, got, err)
		}
		want := strings.ToValidUTF8(s, "\ufffd")
		if back != want {
			t.Errorf("%q round-trips to %q", s, back)
		}
	}
}

func TestAppendJSONFloatMatchesEncodingJSON(t *testing.T) {
	for _, f := range []float64{0, 2.885, -0.5, 50.8503, 1e-7, -3e-9, 180, 1e21, 123456789.125} {
		want, _ := json.Marshal(f)
		if got := appendJSONFloat(nil, f); string(got) != string(want) {
			t.Errorf("%v: %s, want %s", f, got, want)
		}
	}
}

// TestWriteParallelSameBytes: a Concurrent table formatted on all cores
// gives exactly the bytes of the sequential path.
func TestWriteParallelSameBytes(t *testing.T) {
	cols := []table.Column{{Name: "id"}, {Name: "v", Kind: table.Number, Decimals: 3}}
	row := func(i int, dst []table.Cell) []table.Cell {
		return append(dst[:0], table.Str("r,"+strings.Repeat("x", i%7)), table.Float(float64(i)/7, 3))
	}
	n := 20000
	geoms := make([]orb.Geometry, n)
	for i := range geoms {
		geoms[i] = orb.Point{float64(i%360) - 180, float64(i%180) - 90}
	}
	var seq, par bytes.Buffer
	if err := Write(&seq, table.Table{Columns: cols, Len: n, Row: row}, geoms, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&par, table.Table{Columns: cols, Len: n, Row: row, Concurrent: true}, geoms, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(seq.Bytes(), par.Bytes()) {
		t.Fatal("parallel formatting changed the bytes")
	}
	var v map[string]any
	if err := json.Unmarshal(par.Bytes(), &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
}

// TestWriteInfiniteRefused: an infinite value is an overflow; Write
// names the row and column instead of writing null.
func TestWriteInfiniteRefused(t *testing.T) {
	n := 5000 // enough rows for the parallel formatter
	rows := make([][]table.Cell, n)
	geoms := make([]orb.Geometry, n)
	for i := range rows {
		rows[i] = []table.Cell{table.Str("v"), table.Float(1, 1)}
		geoms[i] = orb.Point{2.9, 50.8}
	}
	rows[4321][1] = table.Float(math.Inf(1), 1)
	tb := table.FromRows([]table.Column{{Name: "id"}, {Name: "share", Kind: table.Number, Decimals: 4}}, rows)
	want := `row 4322, column "share": infinite value`
	var b bytes.Buffer
	if err := Write(&b, tb, geoms, Options{}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Write: %v, want %q", err, want)
	}
}
