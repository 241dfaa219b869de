package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSiteCommand: partons site writes the site of a report, with a
// manifest that lists each file with its checksum, replaces its own
// earlier output, and refuses a form address of another scheme as a
// usage error before reading anything.
func TestSiteCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	runs := []string{"../../render/site/testdata/runs/2026", "../../render/site/testdata/runs/2024"}
	for i := 0; i < 2; i++ { // the second time over the first site
		code, stdout, stderr := runCLI(t, append([]string{"site", "--form-url", "mailto:obs@example.org", "--out", out}, runs...)...)
		if code != exitOK || !strings.Contains(stdout, "site of 2 run(s), 29 files") {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
	}
	var m struct {
		Command string   `json:"command"`
		Runs    []string `json:"runs"`
		Outputs []struct {
			File   string `json:"file"`
			SHA256 string `json:"sha256"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	if m.Command != "site" || len(m.Outputs) != 30 || m.Outputs[0].SHA256 == "" || len(m.Runs) != 2 {
		t.Errorf("manifest: %+v", m)
	}
	if _, err := os.Stat(filepath.Join(out, "fr", "ieper.html")); err != nil {
		t.Error(err)
	}
	code, _, stderr := runCLI(t, "site", "--form-url", "javascript:alert(1)", "--out", filepath.Join(t.TempDir(), "x"), "no-such-run")
	if code != exitUsage || !strings.Contains(stderr, "--form-url") {
		t.Errorf("javascript: form: exit %d %s", code, stderr)
	}
}
