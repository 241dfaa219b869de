package datasets_test

import (
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

func TestDetectFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		head string
		want datasets.Format
	}{
		{"villages.geojson", "", datasets.FormatGeoJSON},
		{"dir/Villages.GeoJSON", "id,name", datasets.FormatGeoJSON}, // extension wins
		{"v.json", "", datasets.FormatGeoJSON},
		{"v.csv", `{"type"`, datasets.FormatCSV},
		{"v.CSV", "", datasets.FormatCSV},
		{"v.txt", "", datasets.FormatCSV},
		{"v.tsv", "", datasets.FormatCSV},
		{"export", "\xEF\xBB\xBF \n\t{\"type\": \"FeatureCollection\"", datasets.FormatGeoJSON},
		{"export", "id;name;lon;lat\n1;A;2,9;50,8\n", datasets.FormatCSV},
		{"export.dat", "\xEF\xBB\xBFid,name,lon,lat\r\n", datasets.FormatCSV},
		{"export", "id\tname\nx", datasets.FormatCSV},
		// A head cut inside a multi-byte character is still text.
		{"export", "id,nom\n1,Cassel\xc3", datasets.FormatCSV},
		{"export", "nom,Hondschoote\xc3", datasets.FormatCSV},
	}
	for _, tc := range tests {
		got, err := datasets.DetectFormat(tc.name, []byte(tc.head))
		if err != nil || got != tc.want {
			t.Errorf("DetectFormat(%q, %q) = %v, %v; want %v", tc.name, tc.head, got, err, tc.want)
		}
	}
}

func TestDetectFormatUnknown(t *testing.T) {
	t.Parallel()
	for _, head := range []string{"", " \n", "PK\x03\x04\x00\x00", "[1, 2]", "just words\n", "a,b\xff\xfe,c\n", "<?xml version=\"1.0\"?>"} {
		got, err := datasets.DetectFormat("data.bin", []byte(head))
		if err == nil || got != datasets.FormatUnknown {
			t.Errorf("DetectFormat(%q) = %v, %v; want an error", head, got, err)
			continue
		}
		if !strings.Contains(err.Error(), "data.bin") {
			t.Errorf("error %q does not name the file", err)
		}
	}
}

func TestFormatString(t *testing.T) {
	t.Parallel()
	for f, want := range map[datasets.Format]string{datasets.FormatGeoJSON: "GeoJSON", datasets.FormatCSV: "CSV", datasets.FormatUnknown: "unknown", 42: "unknown"} {
		if f.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(f), f.String(), want)
		}
	}
}
