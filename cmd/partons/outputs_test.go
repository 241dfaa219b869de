package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyFile copies src to dst.
func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file under dir.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestOutputsNeverOverwriteInputs: no command writes over a file it
// reads, over a folder holding one, over another command's report, or
// two outputs to one path; the error names both, and every file is left
// as it was.
func TestOutputsNeverOverwriteInputs(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	for _, n := range []string{"od", "demand", "supply"} {
		copyFile(t, accessData+"villages_"+n+".csv", at(n+".csv"))
	}
	copyFile(t, edgeOSM, at("in.osm"))
	if code, _, stderr := runCLI(t, "extract", "-q", at("in.osm"), "--out", at("osm")); code != exitOK {
		t.Fatalf("extract: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "run", "-q", "--out", at("report")); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "run", "-q", "--out", at("report2")); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	access := []string{"access", "--matrix", at("od.csv"), "--demand", at("demand.csv"), "--supply", at("supply.csv")}
	os.Symlink(at("demand.csv"), at("link.csv"))
	before := snapshot(t, dir)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"access out is demand", append(access, "--out", at("demand.csv")), exitUsage, "--out " + at("demand.csv") + " is also read as --demand " + at("demand.csv")},
		{"access out links to demand", append(access, "--out", at("link.csv")), exitUsage, "is also read as --demand"},
		{"access two tables one file", append(access, "--out", at("a.csv"), "--services", at("a.csv")), exitUsage, "--out " + at("a.csv") + " and --services " + at("a.csv")},
		{"access services is supply", append(access, "--out", at("a.csv"), "--services", at("supply.csv")), exitUsage, "--services " + at("supply.csv") + " is also read as --supply"},
		{"prepare over its extract", []string{"prepare", at("in.osm"), "-o", at("in.osm")}, exitUsage, "is also read as FILE"},
		{"diff out is OLD", []string{"diff", at("report"), at("report2"), "--out", at("report")}, exitUsage, "is also read as OLD_DIR"},
		{"run over the extract it reads", []string{"run", "--villages", at("osm/villages.geojson"), "--services", at("osm/services.geojson"), "--out", at("osm")}, exitUsage, "would replace --villages"},
		{"run over an extract", []string{"run", "--out", at("osm")}, exitError, "holds the output of partons extract, which partons run would delete"},
		{"extract over a run report", []string{"extract", at("in.osm"), "--out", at("report")}, exitError, "holds the output of partons run, which partons extract would delete"},
		{"diff over a run report", []string{"diff", at("report"), at("report2"), "--out", at("osm")}, exitError, "holds the output of partons extract"},
		{"run over a foreign folder", []string{"run", "--out", dir}, exitError, "not a partons report: " + dir + " holds .osm.lock, .report.lock, .report2.lock and"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr %q lacks %q", code, tc.code, stderr, tc.want)
			}
			after := snapshot(t, dir)
			if len(after) != len(before) {
				t.Errorf("%d files, was %d", len(after), len(before))
			}
			for p, b := range before {
				if after[p] != b {
					t.Errorf("%s changed", p)
				}
			}
		})
	}
}

// TestAccessOutputMode: access tables get the mode any new file gets
// (0666 less the umask), not a temporary file's 0600.
func TestAccessOutputMode(t *testing.T) {
	dir := t.TempDir()
	ref, err := os.Create(filepath.Join(dir, "ref"))
	if err != nil {
		t.Fatal(err)
	}
	ref.Close()
	want, _ := os.Stat(ref.Name())
	args := append([]string{"access"}, accessInputs("villages")...)
	if code, _, stderr := runCLI(t, append(args, "--out", filepath.Join(dir, "a.csv"), "--services", filepath.Join(dir, "s.csv"))...); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"a.csv", "s.csv"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want.Mode() {
			t.Errorf("%s: mode %v, want %v", name, fi.Mode(), want.Mode())
		}
	}
}
