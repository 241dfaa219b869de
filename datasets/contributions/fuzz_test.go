package contributions

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets"
)

// FuzzRead checks that Read never panics and that every failure is an
// invalid-data error naming the file. Run with
//
//	go test ./datasets/contributions -fuzz FuzzRead -fuzztime 30s
func FuzzRead(f *testing.F) {
	for _, name := range []string{"reports.csv", "reports.geojson", "form-export.csv", "bad.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, b)
	}
	f.Fuzz(func(t *testing.T, name string, b []byte) {
		if filepath.Ext(name) != ".csv" {
			name = "x.geojson"
		}
		reps, err := Read(name, bytesReader(b), DefaultSchema())
		if err != nil {
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("not an invalid-data error: %v", err)
			}
			return
		}
		for _, r := range reps {
			if r.ID == "" || r.Kind == "" || r.Status == "" || r.Role == "" || r.ObservedOn.IsZero() {
				t.Fatalf("incomplete report %+v", r)
			}
			if r.EvidenceURL != "" && checkURL(r.EvidenceURL) != nil {
				t.Fatalf("bad URL kept: %q", r.EvidenceURL)
			}
		}
	})
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
