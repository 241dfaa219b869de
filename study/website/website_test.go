package website

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/site"
)

var runs = []string{"../../render/site/testdata/runs/2026", "../../render/site/testdata/runs/2024"}

// TestWriteVouchesForEveryFile: the site's manifest lists every file it
// wrote with a checksum that matches, and records the runs relative to
// itself.
func TestWriteVouchesForEveryFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	res, err := Write(context.Background(), runs, Options{Out: out, Site: site.Config{FormURL: "mailto:obs@example.org"}, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Runs != 2 || res.Files != 29 {
		t.Errorf("result %+v, want 2 runs and 29 files", res)
	}
	r, err := reportdir.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if r.Manifest.Command != "site" || r.Manifest.Version != "test" || len(r.Manifest.Outputs) != res.Files+1 {
		t.Fatalf("manifest: command %q version %q, %d outputs", r.Manifest.Command, r.Manifest.Version, len(r.Manifest.Outputs))
	}
	for _, o := range r.Manifest.Outputs {
		if o.File == "manifest.json" {
			continue
		}
		if _, err := r.ReadVerified(o.File); err != nil {
			t.Error(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `"` + reportdir.RelativePath(out, runs[0]) + `"`; !strings.Contains(string(b), want) {
		t.Errorf("manifest.json does not record the run as %s", want)
	}
}

// TestWriteRefuses: a form address of another scheme, a changed report and
// a cancelled context each stop Write with nothing written.
func TestWriteRefuses(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		dirs []string
		form string
		is   func(error) bool
	}{
		{"javascript form", context.Background(), runs, "javascript:alert(1)", func(err error) bool { return err != nil }},
		{"edited report", context.Background(), []string{"../../testdata/hostile/reports/edited-row"}, "",
			func(err error) bool { return errors.Is(err, datasets.ErrInvalid) }},
		{"cancelled", cancelled, runs, "", func(err error) bool { return errors.Is(err, context.Canceled) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "site")
			if _, err := Write(tc.ctx, tc.dirs, Options{Out: out, Site: site.Config{FormURL: tc.form}}); !tc.is(err) {
				t.Errorf("error %v", err)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s written despite the error", out)
			}
		})
	}
}
