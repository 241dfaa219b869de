package gpkg

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/geojsonio/collection"
	"github.com/partons/partons/datasets/table"
)

// points10k is a 10,000-row table of points (id, name, three distances)
// over the Westhoek, fixed seed.
func points10k() ([]Layer, table.Table, []orb.Geometry) {
	rng := rand.New(rand.NewPCG(1, 2))
	cols := []table.Column{{Name: "id"}, {Name: "name"},
		{Name: "a_m", Kind: table.Number, Decimals: 1}, {Name: "b_m", Kind: table.Number, Decimals: 1},
		{Name: "n", Kind: table.Number}}
	rows := make([][]table.Cell, 10000)
	g := make([]orb.Geometry, len(rows))
	for i := range rows {
		rows[i] = []table.Cell{table.Str("v" + string(rune('a'+i%26))), table.Str("village"),
			table.Float(rng.Float64()*20000, 1), table.Float(rng.Float64()*20000, 1), table.Int(rng.IntN(9))}
		g[i] = orb.Point{2 + rng.Float64()*1.3, 50.6 + rng.Float64()*0.6}
	}
	t := table.FromRows(cols, rows)
	return []Layer{{Name: "villages", Table: t, Geometries: g, Style: []byte("<qgis/>")}}, t, g
}

// BenchmarkWrite10k writes a 10,000-point GeoPackage;
// BenchmarkPeerGeoJSON10k writes the same table as GeoJSON with the
// existing writer, the baseline.
func BenchmarkWrite10k(b *testing.B) {
	layers, _, _ := points10k()
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := Write(&buf, layers, Options{}); err != nil {
			b.Fatal(err)
		}
		n = buf.Len()
	}
	if n < 10000*40 {
		b.Fatalf("file of %d bytes", n)
	}
	b.ReportMetric(float64(n), "bytes/file")
}

func BenchmarkPeerGeoJSON10k(b *testing.B) {
	_, t, g := points10k()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := collection.Write(io.Discard, t, g, collection.Options{Name: "villages"}); err != nil {
			b.Fatal(err)
		}
	}
}
