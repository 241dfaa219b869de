package run

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/results"
	"github.com/partons/partons/study/usage"
)

// A run of the embedded sample writes its report folder, and replaying
// its manifest writes the same files byte for byte.
func TestRunEmbeddedAndReplay(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "first")
	rep, err := Run(context.Background(), study.DefaultSpec(), Options{Out: out, Workers: 2, Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Result.Villages); n != rep.Manifest.Counts.Villages || n == 0 {
		t.Errorf("%d villages computed, manifest counts %d", n, rep.Manifest.Counts.Villages)
	}
	for _, o := range rep.Manifest.Outputs {
		if _, err := os.Stat(filepath.Join(out, o.File)); err != nil {
			t.Errorf("manifest lists %s: %v", o.File, err)
		}
	}
	spec, want, err := results.ReadManifest(filepath.Join(out, "manifest.json"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(dir, "again")
	if _, err := Run(context.Background(), spec, Options{Out: again, Workers: 1, Quiet: true, Replay: want,
		ManifestPath: filepath.Join(out, "manifest.json")}); err != nil {
		t.Fatal(err)
	}
	for _, o := range rep.Manifest.Outputs {
		a, _ := os.ReadFile(filepath.Join(out, o.File))
		b, _ := os.ReadFile(filepath.Join(again, o.File))
		if string(a) != string(b) {
			t.Errorf("%s differs on replay", o.File)
		}
	}
}

// A cancelled run returns context.Canceled and writes nothing.
func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "r")
	_, err := Run(ctx, study.DefaultSpec(), Options{Out: out, Quiet: true})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a cancelled run wrote its report")
	}
}

// Errors keep their kind: a bad value is a spec error naming its key, a
// choice of options that does not fit a usage error naming options by
// key, a bad input file invalid data.
func TestRunErrorKinds(t *testing.T) {
	dir := t.TempDir()
	bad := study.DefaultSpec()
	bad.ThresholdsM = []float64{1000, 500}
	_, err := Run(context.Background(), bad, Options{Out: filepath.Join(dir, "a"), Quiet: true})
	var se *study.SpecError
	if !errors.As(err, &se) || se.Key != "thresholds_m[1]" {
		t.Errorf("descending thresholds: %v, want a spec error on thresholds_m[1]", err)
	}
	closed := study.DefaultSpec()
	closed.Border = "closed"
	_, err = Run(context.Background(), closed, Options{Out: filepath.Join(dir, "b"), Quiet: true})
	if ue := usage.As(err); ue == nil || ue.Text != "a closed border needs a road network ({roads} or {osm})" {
		t.Errorf("closed border without roads: %v, want a usage error naming roads and osm", err)
	}
	v := filepath.Join(dir, "v.csv")
	os.WriteFile(v, []byte("id,name,country,population,lon,lat\na,A,BE,x,2.9,50.8\n"), 0o644)
	s := filepath.Join(dir, "s.csv")
	os.WriteFile(s, []byte("id,name,category,country,lon,lat\np,P,amenity=pharmacy,BE,2.9,50.8\n"), 0o644)
	in := study.DefaultSpec()
	in.Villages, in.Services = []string{v}, []string{s}
	_, err = Run(context.Background(), in, Options{Out: filepath.Join(dir, "c"), Quiet: true})
	if !errors.Is(err, datasets.ErrInvalid) {
		t.Errorf("a population of x: %v, want invalid data", err)
	}
}
