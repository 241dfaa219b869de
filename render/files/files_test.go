package files

import (
	"bufio"
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/partons/partons/datasets/table"
)

// TestRegistryConsistent: names are unique, every file has a description,
// a writer and a report holding it; defaults are selectable; files
// written beside another name a selectable file of the same report.
func TestRegistryConsistent(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range All() {
		if seen[f.Name] {
			t.Errorf("%s listed twice", f.Name)
		}
		seen[f.Name] = true
		if f.Description == "" || f.write == nil || f.In == 0 {
			t.Errorf("%s: description %q, writer %v, reports %b", f.Name, f.Description, f.write != nil, f.In)
		}
		if f.Default && !f.Selectable {
			t.Errorf("%s is written by default but cannot be named", f.Name)
		}
		if f.Beside != "" {
			b, ok := Lookup(f.Beside)
			if !ok || !b.Selectable || b.In&f.In == 0 {
				t.Errorf("%s is written beside %q, not a selectable file of its report", f.Name, f.Beside)
			}
		}
	}
	if got := Names(All()); got[len(got)-1] != "manifest.json" {
		t.Errorf("manifest.json is not last: %v", got)
	}
	want := []string{"villages.geojson", "villages.csv", "access.csv", "areas.csv", "services.csv", "report.html"}
	if got := Defaults(); !slices.Equal(got, want) {
		t.Errorf("defaults %v, want %v", got, want)
	}
}

// TestOutputsHelpNamesEveryRunFile: the outputs help names every file
// a run's report may hold, villages.qml (written beside villages.geojson)
// included, and says when the others come.
func TestOutputsHelpNamesEveryRunFile(t *testing.T) {
	h := OutputsHelp(func(key string) string { return "--" + key })
	for _, f := range Of(Run) {
		if !strings.Contains(h, f.Name) {
			t.Errorf("outputs help lacks %s: %q", f.Name, h)
		}
	}
	for _, want := range []string{"villages.geojson (with villages.qml)", "inequality.csv comes with --model",
		"partons.gpkg comes with --format gpkg", "manifest.json always is"} {
		if !strings.Contains(h, want) {
			t.Errorf("outputs help lacks %q: %q", want, h)
		}
	}
}

// TestWriterGuardsCSV: a registry CSV writer guards text cells unless the
// content asks for raw CSV.
func TestWriterGuardsCSV(t *testing.T) {
	tb := table.FromRows([]table.Column{{Name: "x"}}, [][]table.Cell{{table.Str("=1+1")}})
	f, ok := Lookup("comparison.csv")
	if !ok {
		t.Fatal("comparison.csv not registered")
	}
	for _, tc := range []struct {
		raw  bool
		want string
	}{{false, "x\n'=1+1\n"}, {true, "x\n=1+1\n"}} {
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		if err := f.Writer(&Content{Comparison: tb, RawCSV: tc.raw})(w); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if b.String() != tc.want {
			t.Errorf("raw %v: %q, want %q", tc.raw, b.String(), tc.want)
		}
	}
	if _, ok := Lookup("nope.csv"); ok {
		t.Error("Lookup found an unregistered file")
	}
}

// TestNoFlagNames: the registry's texts name no command-line flag (a
// manifest is read without the command line); When names options by
// their key, {key}, and OutputsHelp leaves none unrendered.
func TestNoFlagNames(t *testing.T) {
	for _, f := range registry {
		if strings.Contains(f.Description, "--") || strings.Contains(f.When, "--") {
			t.Errorf("%s names a flag: %q, %q", f.Name, f.Description, f.When)
		}
	}
	if h := OutputsHelp(func(key string) string { return "<" + key + ">" }); strings.ContainsAny(h, "{}") || !strings.Contains(h, "contributions.csv comes with <contributions>") {
		t.Errorf("outputs help: %q", h)
	}
}
