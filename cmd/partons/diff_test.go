package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partons/partons/datasets/reportdir"
)

func TestDiffYearOverYearWithGuards(t *testing.T) {
	dir := t.TempDir()
	s := filepath.Join(dir, "s")
	if code, _, e := runCLI(t, "scenario", "-q", "../../datasets/scenario/example.yaml", "--out", s, "--variant-outputs", variantReports); code != 0 {
		t.Fatal(e)
	}
	old, nw := filepath.Join(s, "base"), filepath.Join(s, "shared-counter-watou")
	out := filepath.Join(dir, "d")
	// Post coverage within 1.2 km falls from 0.6094 to 0.6064 overall.
	code, stdout, stderr := runCLI(t, "diff", old, nw, "--out", out, "--fail-if", "post_within_1200m_share < -0.02")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "ok") {
		t.Errorf("stdout: %s", stdout)
	}
	svc := readFile(t, filepath.Join(out, "services_delta.csv"))
	for _, want := range []string{"laposte-10833A,HONDSCHOOTE BP,post,FR,disappeared", "shared-watou,Shared post counter Watou,post,BE,appeared"} {
		if !strings.Contains(svc, want) {
			t.Errorf("services_delta.csv lacks %q:\n%s", want, svc)
		}
	}
	areas := readFile(t, filepath.Join(out, "areas_delta.csv"))
	if !strings.Contains(areas, "all,,,post,nearest,0.6094,0.6064,-0.0030") {
		t.Errorf("areas_delta.csv lacks the overall post change:\n%.400s", areas)
	}
	dv := readFile(t, filepath.Join(out, "delta_villages.csv"))
	if !strings.Contains(dv, ",post,") || !strings.Contains(dv, "lost") || !strings.Contains(dv, "gained") {
		t.Errorf("delta_villages.csv has no losses and gains")
	}
	code, stdout, stderr = runCLI(t, "diff", old, nw, "--out", out, "--fail-if", "post_within_1200m_share < -0.001", "--fail-if", "post_median_m > 1000")
	if code != exitGuard || !strings.Contains(stderr, "1 guard(s) tripped") || !strings.Contains(stdout, "TRIPPED") {
		t.Errorf("exit %d %q %q, want exit 4 with one guard tripped", code, stderr, stdout)
	}
	if code, _, _ := runCLI(t, "diff", old, nw, "--out", out, "--fail-if", "post share dropped"); code != exitUsage {
		t.Errorf("bad guard: exit %d", code)
	}
	if code, _, _ := runCLI(t, "diff", old, filepath.Join(dir, "missing"), "--out", out); code != exitError {
		t.Errorf("missing report: exit %d", code)
	}
}

// nonFinite finds a NaN or infinity spelt the way Go or Python would.
var nonFinite = regexp.MustCompile(`(?i)(^|[^a-z])[+-]?(nan|inf|infinity)([^a-z]|$)`)

// TestDiffGuardOnUnknownIndicator: the README's own guard on the embedded
// sample, whose overall pharmacy coverage is unknown (no pharmacy data in
// France), writes the report with the guard as unknown and exits 5; never
// a NaN in any file.
func TestDiffGuardOnUnknownIndicator(t *testing.T) {
	dir := t.TempDir()
	rep := filepath.Join(dir, "r")
	if code, _, e := runCLI(t, "run", "-q", "--out", rep, "--outputs", "villages.csv,areas.csv,services.csv"); code != 0 {
		t.Fatal(e)
	}
	out := filepath.Join(dir, "d")
	guard := "pharmacy_within_3750m_share < -0.02"
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
		status string
	}{
		{"unknown fails by default", []string{"--fail-if", guard}, exitGuardUnknown, "could not be evaluated", `"status": "unknown"`},
		{"unknown may pass", []string{"--fail-if", guard, "--unknown", "pass"}, exitOK, "", `"status": "unknown"`},
		{"tripped outranks unknown", []string{"--fail-if", guard, "--fail-if", "post_median_m >= 0"}, exitGuard, "1 guard(s) on an unknown indicator", `"status": "tripped"`},
		{"known guard", []string{"--fail-if", "post_median_m > 0"}, exitOK, "", `"status": "ok"`},
		{"bad --unknown", []string{"--fail-if", guard, "--unknown", "maybe"}, exitUsage, "--unknown", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"diff", rep, rep, "--out", out}, tc.args...)...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d %q, want %d with %q", code, stderr, tc.code, tc.stderr)
			}
			if tc.code == exitUsage {
				return
			}
			if strings.Contains(tc.args[1], "pharmacy") && !strings.Contains(stdout, "UNKNOWN (old unknown, new unknown)") {
				t.Errorf("stdout does not say the guard is unknown: %s", stdout)
			}
			m := readFile(t, filepath.Join(out, "manifest.json"))
			if !strings.Contains(m, tc.status) {
				t.Errorf("manifest.json lacks %s:\n%s", tc.status, m)
			}
			if strings.Contains(tc.args[1], "pharmacy") && !strings.Contains(m, `"change": null`) {
				t.Errorf("manifest.json does not write the unknown change as null")
			}
			// The diff's manifest, like a run's, vouches for its files and
			// records the reports compared relative to itself.
			r, err := reportdir.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{"delta_villages.csv", "delta_villages.geojson", "areas_delta.csv", "services_delta.csv"} {
				if _, err := r.ReadVerified(f); err != nil {
					t.Error(err)
				}
			}
			if !strings.Contains(m, `"old": "../r"`) || !strings.Contains(m, `"manifest_version": 2`) {
				t.Errorf("manifest.json does not record the old report relative to itself:\n%.300s", m)
			}
			for _, f := range []string{"manifest.json", "delta_villages.csv", "delta_villages.geojson", "areas_delta.csv", "services_delta.csv"} {
				if nonFinite.MatchString(readFile(t, filepath.Join(out, f))) {
					t.Errorf("%s holds NaN or Inf", f)
				}
			}
		})
	}
}
