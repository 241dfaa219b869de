package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets"
)

// FuzzReadManifest feeds arbitrary bytes as the manifest.json of run
// --manifest: the reader never panics, fails only with a
// *datasets.RecordError naming the file (invalid input), and accepts only
// partons manifests of a version it knows.
//
// Run: go test -run=^$ -fuzz=FuzzReadManifest -fuzztime=60s ./cmd/partons/
func FuzzReadManifest(f *testing.F) {
	seeds, err := filepath.Glob("../../testdata/hostile/*/manifest-*.json")
	if err != nil {
		f.Fatal(err)
	}
	more, err := filepath.Glob("../../testdata/hostile/reports/*/manifest.json")
	if err != nil {
		f.Fatal(err)
	}
	seeds = append(append(seeds, more...), "../../testdata/golden/westhoek/manifest.json",
		"../../testdata/golden/scenario/manifest.json", "../../testdata/manifests/v1-westhoek.json")
	for _, name := range seeds {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"generator":"partons","manifest_version":1,"run":{"village_schema":{"AreaCode":1}}}`))
	const path = "reports/fuzz/manifest.json"
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parseManifest(path, b)
		if err != nil {
			var re *datasets.RecordError
			if !errors.As(err, &re) || re.Source != path || !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("error %v is not a RecordError naming %s", err, path)
			}
			return
		}
		if m.Generator != "partons" || m.ManifestVersion < 1 || m.ManifestVersion > manifestVersion {
			t.Fatalf("accepted generator %q, version %d", m.Generator, m.ManifestVersion)
		}
	})
}
