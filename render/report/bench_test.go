package report

import (
	"bytes"
	"testing"

	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/reporttest"
)

// BenchmarkWriteWesthoek renders the demo report (309 villages, 14 maps
// and charts); BenchmarkPeerGeoJSONWesthoek, its baseline, writes the
// same run's villages.geojson with the existing writer.
func BenchmarkWriteWesthoek(b *testing.B) {
	in := demoInput(b, qml.FR)
	in.Aggregates = aggregates.Of(in.Result)
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := Write(&buf, in); err != nil {
			b.Fatal(err)
		}
		n = buf.Len()
	}
	if n < 100000 {
		b.Fatalf("report of %d bytes", n)
	}
	b.ReportMetric(float64(n), "bytes/report")
}

func BenchmarkPeerGeoJSONWesthoek(b *testing.B) {
	reporttest.PeerGeoJSON(b, demoInput(b, qml.FR).Result)
}
