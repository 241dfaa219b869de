package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

const (
	edgeOSM     = "../../datasets/osmextract/testdata/edge.osm"
	edgeRestOSM = "../../datasets/osmextract/testdata/edge-rest.osm"
	liechPBF    = "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf"
	statbelCSV  = "../../datasets/population/testdata/be-statbel2020-excerpt.csv"
)

// runExtractCLI runs `partons extract args…` under a bare parent command
// that maps flag errors to usage errors as the root command does.
func runExtractCLI(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	parent := &cobra.Command{Use: "partons", SilenceUsage: true, SilenceErrors: true}
	parent.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	parent.AddCommand(newExtractCmd())
	var out, errb bytes.Buffer
	parent.SetArgs(append([]string{"extract"}, args...))
	parent.SetOut(&out)
	parent.SetErr(&errb)
	err := parent.ExecuteContext(context.Background())
	if err != nil {
		errb.WriteString(err.Error())
	}
	return exitCode(err), out.String(), errb.String()
}

func TestExtractThenRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "osm")
	code, stdout, stderr := runExtractCLI(t, "-q", liechPBF, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"data date: 2013-08-03T19:00:02Z", "villages: 17", "services: 60", "boundaries: 12", "skipped boundary relation/3 (admin_level 2) \"Österreich\"", "© OpenStreetMap contributors"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	var m struct {
		Generator string `json:"generator"`
		DataDate  string `json:"data_date"`
		Inputs    []struct {
			SHA256 string `json:"sha256"`
		} `json:"inputs"`
		Outputs map[string]int `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	if m.Generator != "partons" || m.DataDate != "2013-08-03T19:00:02Z" || len(m.Inputs) != 1 ||
		m.Inputs[0].SHA256 != "e9b3e17b9c3ccaa670c5e7ecf4d0a2cf932d23abd8bb66f78a9f4631cfef3211" || m.Outputs["services.geojson"] != 60 {
		t.Errorf("manifest %+v", m)
	}
	if v := readFile(t, filepath.Join(out, "villages.geojson")); !strings.Contains(v, `"attribution":"© OpenStreetMap contributors, ODbL 1.0`) {
		t.Error("villages.geojson has no attribution")
	}
	for _, f := range []string{"villages", "services", "boundaries"} {
		if v := readFile(t, filepath.Join(out, f+".geojson")); !strings.Contains(v[:300], `"data_date":"2013-08-03T19:00:02Z","features":[`) {
			t.Errorf("%s.geojson states no data date: %.300s", f, v)
		}
	}
	report := filepath.Join(dir, "report")
	// The extract's files carry opening hours and their data date: the
	// run takes its reference week from the date (Saturday 3 August 2013:
	// week 31, without a public holiday), and records the date per input.
	code, _, stderr = runCLI(t, "run", "-q", "--villages", filepath.Join(out, "villages.geojson"),
		"--services", filepath.Join(out, "services.geojson"), "--boundaries", filepath.Join(out, "boundaries.geojson"), "--out", report)
	if code != exitOK {
		t.Fatalf("run on the extract: exit %d: %s", code, stderr)
	}
	var rm struct {
		Inputs []struct {
			Kind     string `json:"kind"`
			DataDate string `json:"data_date"`
		} `json:"inputs"`
		Hours struct {
			Week       string `json:"week"`
			WeekReason string `json:"week_reason"`
		} `json:"opening_hours"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(report, "manifest.json"))), &rm); err != nil {
		t.Fatal(err)
	}
	if rm.Hours.Week != "2013-W31" || len(rm.Inputs) != 3 {
		t.Errorf("manifest hours %+v, inputs %+v", rm.Hours, rm.Inputs)
	}
	for _, in := range rm.Inputs {
		if in.DataDate != "2013-08-03T19:00:02Z" {
			t.Errorf("input %s: data_date %q", in.Kind, in.DataDate)
		}
	}
	if csv := readFile(t, filepath.Join(report, "villages.csv")); !strings.Contains(csv, "node/58243,Vaduz,LI,") {
		t.Errorf("villages.csv lacks Vaduz:\n%.300s", csv)
	}
	// A second extract into the same directory replaces the report.
	if code, _, stderr := runExtractCLI(t, "-q", liechPBF, "--out", out); code != exitOK {
		t.Fatalf("re-extract: exit %d: %s", code, stderr)
	}
}

func TestExtractErrors(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.osm.pbf", "this is not a PBF file")
	badCSV := writeFile(t, dir, "pop.csv", "code,name,population\n1,A,-3\n")
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no file", []string{"--out", filepath.Join(dir, "a")}, exitUsage, "requires at least 1 arg"},
		{"no out", []string{edgeOSM}, exitUsage, "out"},
		{"apportion alone", []string{edgeOSM, "--out", filepath.Join(dir, "b"), "--apportion"}, exitUsage, "--apportion needs --population"},
		{"bad field", []string{edgeOSM, "--out", filepath.Join(dir, "c"), "--population", statbelCSV, "--population-field", "pop"}, exitUsage, "FIELD=COLUMN"},
		{"unknown flag", []string{edgeOSM, "--out", filepath.Join(dir, "d"), "--nope"}, exitUsage, "unknown flag"},
		{"malformed pbf", []string{bad, "--out", filepath.Join(dir, "e")}, exitInvalid, "bad.osm.pbf (pbf): byte offset 0"},
		{"bad population", []string{edgeOSM, "--out", filepath.Join(dir, "f"), "--population", badCSV}, exitInvalid, "pop.csv:2"},
		{"not a report dir", []string{edgeOSM, "--out", dir}, exitError, "not a partons report"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runExtractCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.msg) {
				t.Errorf("exit %d %q, want %d with %q", code, stderr, tc.code, tc.msg)
			}
		})
	}
}
