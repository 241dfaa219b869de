package gpkg

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/partons/partons/datasets/table"
)

var testDate = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// sampleLayers: three villages (a point, a polygon, a NULL geometry) and
// an attributes table.
func sampleLayers() []Layer {
	cols := []table.Column{
		{Name: "id"}, {Name: "name"},
		{Name: "population", Kind: table.Number, Decimals: -1},
		{Name: "post_nearest_m", Kind: table.Number, Decimals: 1},
		{Name: "post_within_1200m", Kind: table.Number},
		{Name: "basket_within_1200m", Kind: table.Bool},
	}
	rows := [][]table.Cell{
		{table.Str("59043"), table.Str("Bailleul"), table.Float(14526, -1), table.Float(623.44, 1), table.Int(2), table.Boolean(true)},
		{table.Str("59668"), table.Str("Zuydcoote"), table.NullCell, table.Float(1106.06, 1), table.Int(0), table.Boolean(false)},
		{table.Str("x"), table.Str("O'Hara \"quoted\""), table.Float(1, -1), table.NullCell, table.NullCell, table.NullCell},
	}
	poly := orb.Polygon{{{2.5, 51.0}, {2.6, 51.0}, {2.6, 51.1}, {2.5, 51.0}}}
	areas := table.FromRows([]table.Column{{Name: "area_code"}, {Name: "share_within_1200m", Kind: table.Number, Decimals: 4}},
		[][]table.Cell{{table.Str("31003"), table.Float(0.25, 4)}})
	return []Layer{
		{Name: "villages", Description: "villages", Table: table.FromRows(cols, rows),
			Geometries: []orb.Geometry{orb.Point{2.73, 50.72}, poly, nil}, Style: []byte("<qgis/>")},
		{Name: "areas", Table: areas},
	}
}

// writeFile writes layers to a temporary file and opens it read-only.
func writeFile(t testing.TB, layers []Layer) (*sql.DB, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, layers, Options{Date: testDate}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.gpkg")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, buf.Bytes()
}

func TestWriteHeaderAndRegistry(t *testing.T) {
	db, b := writeFile(t, sampleLayers())
	// SQLite header: "SQLite format 3\0", page size 4096 at offset 16,
	// application id "GPKG" at 68, user version 10200 at 60.
	if !bytes.HasPrefix(b, []byte("SQLite format 3\x00")) {
		t.Fatalf("not an SQLite file")
	}
	if ps := binary.BigEndian.Uint16(b[16:]); ps != 4096 {
		t.Errorf("page size %d, want 4096", ps)
	}
	if id := string(b[68:72]); id != "GPKG" {
		t.Errorf("application id %q, want GPKG", id)
	}
	if v := binary.BigEndian.Uint32(b[60:]); v != 10200 {
		t.Errorf("user_version %d, want 10200", v)
	}
	if wal := b[18]; wal != 1 {
		t.Errorf("file format write version %d, want 1 (rollback journal, not WAL)", wal)
	}

	type content struct {
		name, typ, last string
		srs             sql.NullInt64
		minx, maxy      sql.NullFloat64
	}
	rows, err := db.Query(`SELECT table_name, data_type, last_change || '', srs_id, min_x, max_y FROM gpkg_contents ORDER BY table_name`)
	if err != nil {
		t.Fatal(err)
	}
	var got []content
	for rows.Next() {
		var c content
		if err := rows.Scan(&c.name, &c.typ, &c.last, &c.srs, &c.minx, &c.maxy); err != nil {
			t.Fatal(err)
		}
		got = append(got, c)
	}
	want := []content{
		{"areas", "attributes", "2020-01-01T00:00:00.000Z", sql.NullInt64{}, sql.NullFloat64{}, sql.NullFloat64{}},
		{"layer_styles", "attributes", "2020-01-01T00:00:00.000Z", sql.NullInt64{}, sql.NullFloat64{}, sql.NullFloat64{}},
		// extent: the point (2.73, 50.72) and the polygon 2.5–2.6, 51.0–51.1
		{"villages", "features", "2020-01-01T00:00:00.000Z", sql.NullInt64{Int64: 4326, Valid: true},
			sql.NullFloat64{Float64: 2.5, Valid: true}, sql.NullFloat64{Float64: 51.1, Valid: true}},
	}
	if len(got) != len(want) {
		t.Fatalf("gpkg_contents: %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("gpkg_contents[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	var gname, gtype string
	var srs, z, m int
	if err := db.QueryRow(`SELECT table_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns`).Scan(&gname, &gtype, &srs, &z, &m); err != nil {
		t.Fatal(err)
	}
	if gname != "villages" || gtype != "GEOMETRY" || srs != 4326 || z != 0 || m != 0 {
		t.Errorf("geometry columns: %s %s %d %d %d", gname, gtype, srs, z, m)
	}
	var ext string
	if err := db.QueryRow(`SELECT extension_name FROM gpkg_extensions WHERE table_name = 'villages' AND column_name = 'geom'`).Scan(&ext); err != nil || ext != "gpkg_rtree_index" {
		t.Errorf("rtree extension row: %q %v", ext, err)
	}
	var triggers int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_villages_geom_%'`).Scan(&triggers); err != nil || triggers != 6 {
		t.Errorf("rtree triggers: %d %v, want 6", triggers, err)
	}
	var qml, styleTable, styleGeom string
	var def int
	if err := db.QueryRow(`SELECT f_table_name, f_geometry_column, styleQML, useAsDefault FROM layer_styles`).Scan(&styleTable, &styleGeom, &qml, &def); err != nil {
		t.Fatal(err)
	}
	if styleTable != "villages" || styleGeom != "geom" || qml != "<qgis/>" || def != 1 {
		t.Errorf("layer_styles: %s %s %q %d", styleTable, styleGeom, qml, def)
	}
}

func TestWriteValuesAndGeometries(t *testing.T) {
	db, _ := writeFile(t, sampleLayers())
	rows, err := db.Query(`SELECT fid, geom, id, name, population, post_nearest_m, post_within_1200m, basket_within_1200m,
		typeof(population), typeof(post_within_1200m) FROM villages ORDER BY fid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	layers := sampleLayers()
	type rec struct {
		fid        int
		geom       []byte
		id, name   string
		pop, postM sql.NullFloat64
		within     sql.NullInt64
		basket     sql.NullBool
		tPop, tWi  string
	}
	var got []rec
	for rows.Next() {
		var r rec
		if err := rows.Scan(&r.fid, &r.geom, &r.id, &r.name, &r.pop, &r.postM, &r.within, &r.basket, &r.tPop, &r.tWi); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if len(got) != 3 {
		t.Fatalf("%d rows", len(got))
	}
	// Numbers are the rounded values the CSV carries: 623.44 → 623.4.
	if g := got[0]; g.fid != 1 || g.id != "59043" || g.pop.Float64 != 14526 || g.postM.Float64 != 623.4 ||
		g.within.Int64 != 2 || !g.basket.Bool || g.tPop != "real" || g.tWi != "integer" {
		t.Errorf("row 1: %+v", g)
	}
	if g := got[1]; g.pop.Valid || g.postM.Float64 != 1106.1 || g.within.Int64 != 0 || !g.basket.Valid || g.basket.Bool {
		t.Errorf("row 2: %+v", g)
	}
	if g := got[2]; g.name != `O'Hara "quoted"` || g.postM.Valid || g.within.Valid || g.basket.Valid || g.geom != nil {
		t.Errorf("row 3: %+v", g)
	}
	for i, r := range got[:2] {
		g := decodeGP(t, r.geom)
		if !orbEqual(g, layers[0].Geometries[i]) {
			t.Errorf("geometry %d: %v, want %v", i, g, layers[0].Geometries[i])
		}
	}

	// The R-tree holds each non-null geometry's bounds, rounded outwards
	// to float32.
	rrows, err := db.Query(`SELECT id, minx, maxx, miny, maxy FROM rtree_villages_geom ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rrows.Close()
	n := 0
	for rrows.Next() {
		var id int
		var b [4]float64
		if err := rrows.Scan(&id, &b[0], &b[1], &b[2], &b[3]); err != nil {
			t.Fatal(err)
		}
		want := layers[0].Geometries[id-1].Bound()
		if b[0] > want.Min[0] || b[1] < want.Max[0] || b[2] > want.Min[1] || b[3] < want.Max[1] ||
			want.Min[0]-b[0] > 1e-5 || b[1]-want.Max[0] > 1e-5 {
			t.Errorf("rtree %d: %v does not tightly contain %v", id, b, want)
		}
		n++
	}
	if n != 2 {
		t.Errorf("rtree rows %d, want 2 (the NULL geometry is not indexed)", n)
	}
	var area string
	var share float64
	if err := db.QueryRow(`SELECT area_code, share_within_1200m FROM areas`).Scan(&area, &share); err != nil || area != "31003" || share != 0.25 {
		t.Errorf("areas: %q %v %v", area, share, err)
	}
}

// decodeGP parses a GeoPackage binary geometry by the specification,
// independently of encode, and checks its header.
func decodeGP(t *testing.T, b []byte) orb.Geometry {
	t.Helper()
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' || b[2] != 0 {
		t.Fatalf("bad GP header % x", b[:min(8, len(b))])
	}
	flags := b[3]
	if flags&1 != 1 {
		t.Fatalf("flags %08b: not little-endian", flags)
	}
	if srs := binary.LittleEndian.Uint32(b[4:]); srs != 4326 {
		t.Fatalf("srs_id %d", srs)
	}
	envLen := map[byte]int{0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags>>1)&7]
	g, err := wkb.Unmarshal(b[8+envLen:])
	if err != nil {
		t.Fatal(err)
	}
	if envLen == 32 {
		var env [4]float64
		for i := range env {
			env[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8+8*i:]))
		}
		bd := g.Bound()
		if env != [4]float64{bd.Min[0], bd.Max[0], bd.Min[1], bd.Max[1]} {
			t.Errorf("envelope %v, bound %v", env, bd)
		}
	}
	return g
}

func orbEqual(a, b orb.Geometry) bool {
	ab, _ := wkb.Marshal(a)
	bb, _ := wkb.Marshal(b)
	return bytes.Equal(ab, bb)
}

func TestDeterministicBytes(t *testing.T) {
	var a, b, c bytes.Buffer
	if err := Write(&a, sampleLayers(), Options{Date: testDate}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, sampleLayers(), Options{Date: testDate}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same layers differ")
	}
	if err := Write(&c, sampleLayers(), Options{Date: testDate.Add(24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("the date does not reach the file")
	}
}

func TestGeometryType(t *testing.T) {
	poly := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	for _, tc := range []struct {
		in   []orb.Geometry
		want string
	}{
		{[]orb.Geometry{orb.Point{1, 2}, nil, orb.Point{3, 4}}, "POINT"},
		{[]orb.Geometry{poly, poly}, "POLYGON"},
		{[]orb.Geometry{poly, orb.MultiPolygon{poly}}, "MULTIPOLYGON"},
		{[]orb.Geometry{poly, orb.Point{1, 2}}, "GEOMETRY"},
		{[]orb.Geometry{orb.LineString{{0, 0}, {1, 1}}}, "LINESTRING"},
		{[]orb.Geometry{nil}, "GEOMETRY"},
		{[]orb.Geometry{}, "GEOMETRY"},
	} {
		if got := geometryType(tc.in); got != tc.want {
			t.Errorf("geometryType(%v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// A polygon in a MULTIPOLYGON layer is written as a one-member
// multipolygon, so every feature matches the declared type.
func TestPolygonPromotedInMultiPolygonLayer(t *testing.T) {
	poly := orb.Polygon{{{2, 50}, {3, 50}, {3, 51}, {2, 50}}}
	l := Layer{Name: "areas", Table: table.FromRows([]table.Column{{Name: "k"}}, [][]table.Cell{{table.Str("a")}, {table.Str("b")}}),
		Geometries: []orb.Geometry{poly, orb.MultiPolygon{poly, poly}}}
	db, _ := writeFile(t, []Layer{l})
	var blob []byte
	if err := db.QueryRow(`SELECT geom FROM areas WHERE fid = 1`).Scan(&blob); err != nil {
		t.Fatal(err)
	}
	if g, ok := decodeGP(t, blob).(orb.MultiPolygon); !ok || len(g) != 1 {
		t.Errorf("got %T, want a one-member MultiPolygon", decodeGP(t, blob))
	}
}

func TestRejects(t *testing.T) {
	one := table.FromRows([]table.Column{{Name: "k"}}, [][]table.Cell{{table.Str("a")}})
	for _, tc := range []struct {
		name   string
		layers []Layer
		want   string
	}{
		{"bad name", []Layer{{Name: "my layer", Table: one}}, "name"},
		{"reserved prefix", []Layer{{Name: "gpkg_x", Table: one}}, "name"},
		{"reserved styles", []Layer{{Name: "layer_styles", Table: one}}, "reserved"},
		{"twice", []Layer{{Name: "a", Table: one}, {Name: "A", Table: one}}, "twice"},
		{"geometry count", []Layer{{Name: "a", Table: one, Geometries: []orb.Geometry{}}}, "0 geometries for 1 rows"},
		{"reserved column", []Layer{{Name: "a", Table: table.FromRows([]table.Column{{Name: "FID"}}, nil)}}, "reserved"},
		{"NaN", []Layer{{Name: "a", Table: one, Geometries: []orb.Geometry{orb.Point{math.NaN(), 1}}}}, "feature 0"},
		{"latitude", []Layer{{Name: "a", Table: one, Geometries: []orb.Geometry{orb.Point{2, 95}}}}, "lon/lat"},
		{"ragged row", []Layer{{Name: "a", Table: table.Table{Columns: []table.Column{{Name: "k"}}, Len: 1,
			Row: func(int, []table.Cell) []table.Cell { return nil }}}}, "0 cells for 1 columns"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Write(&bytes.Buffer{}, tc.layers, Options{})
			if !errors.Is(err, ErrLayer) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want ErrLayer containing %q", err, tc.want)
			}
		})
	}
}

func TestZeroDateIsEpoch(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sampleLayers()[1:], Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("1970-01-01T00:00:00.000Z")) {
		t.Error("zero date not written as 1970-01-01")
	}
}

// isEmpty decides both the empty flag of the stored geometry and whether
// the R-tree gets an entry: an empty ring, written as a polygon, is empty.
func TestIsEmpty(t *testing.T) {
	p := orb.Point{1, 2}
	for _, c := range []struct {
		g    orb.Geometry
		want bool
	}{
		{p, false}, {orb.MultiPoint{}, true}, {orb.LineString{p, p}, false}, {orb.Ring{}, true},
		{orb.Ring{p, p, p, p}, false}, {orb.Polygon{{}}, true}, {orb.MultiPolygon{{{}}}, true},
		{orb.MultiLineString{{}, {p}}, false}, {orb.Collection{orb.Ring{}}, true},
	} {
		if got := isEmpty(c.g); got != c.want {
			t.Errorf("isEmpty(%#v) = %v, want %v", c.g, got, c.want)
		}
	}
}
