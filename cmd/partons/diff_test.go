package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestDiffYearOverYearWithGuards(t *testing.T) {
	dir := t.TempDir()
	s := filepath.Join(dir, "s")
	if code, _, e := runCLI(t, "scenario", "-q", "../../datasets/scenario/example.yaml", "--out", s); code != 0 {
		t.Fatal(e)
	}
	old, nw := filepath.Join(s, "base"), filepath.Join(s, "shared-counter-watou")
	out := filepath.Join(dir, "d")
	// Post coverage within 1.2 km falls from 0.5493 to 0.5462 overall.
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
	if !strings.Contains(areas, "all,,,post,nearest,0.5493,0.5462,-0.0031") {
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
