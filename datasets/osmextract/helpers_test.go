package osmextract

import (
	"bytes"
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets/osmarea"

	"github.com/partons/partons/datasets/osmfile"
)

// Paths of the real extracts (© OpenStreetMap contributors, ODbL), committed
// beside the road reader and the benchmarks.
const (
	monacoPBF        = "../osmroad/testdata/monaco-2015-04-28.osm.pbf"
	liechtensteinPBF = "../osmroad/testdata/liechtenstein-2013-08-03.osm.pbf"
	andorraPBF       = "../../benchmarks/testdata/andorra-2018-03-01.osm.pbf"
)

func testSource(name string) osmfile.Source {
	return osmfile.FileSource(filepath.Join("testdata", name))
}

func bytesSource(name string, b []byte) osmfile.Source {
	return osmfile.Source{Name: name, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(b)), nil
	}}
}

func readTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// extract runs Extract on sources and fails the test on error.
func extract(tb testing.TB, opts Options, srcs ...osmfile.Source) *Result {
	tb.Helper()
	res, err := Extract(context.Background(), srcs, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// realSource returns a committed real extract, skipping when the file is
// absent (the Andorra extract lives with the benchmarks).
func realSource(tb testing.TB, path string) osmfile.Source {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("fixture %s not present: %v", path, err)
	}
	return osmfile.FileSource(path)
}

// rectKm2 is the exact area of the lon/lat rectangle [lon0,lon1]×[lat0,lat1]
// on the sphere of mean radius: R²·Δλ·(sin φ1 − sin φ0).
func rectKm2(lon0, lat0, lon1, lat1 float64) float64 {
	rad := math.Pi / 180
	return osmarea.MeanRadiusM * osmarea.MeanRadiusM * (lon1 - lon0) * rad * (math.Sin(lat1*rad) - math.Sin(lat0*rad)) / 1e6
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
