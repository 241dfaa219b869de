package results

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/study"
)

// TestReportInputFromRun: report.html is built from the run (spec, inputs
// read, result), not from manifest.json, yet says what the manifest says:
// the same sources in the same order, the same attributions, the
// sample's caveats and coverage notes; and changing the manifest after it
// is built changes nothing in the report.
func TestReportInputFromRun(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\na,Alpha,BE,100,2.90,50.85\nb,Beta,FR,,2.60,50.80\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\np1,P1,amenity=pharmacy,BE,2.88,50.85\np2,P2,amenity=pharmacy,FR,2.62,50.80\n")
	user := study.DefaultSpec()
	user.Villages, user.Services, user.Attributions = []string{villages}, []string{services}, []string{"Région X", "Région X"}
	user.Title, user.Lang = "Mon canton", "fr"
	for _, tc := range []struct {
		name     string
		spec     study.Spec
		embedded bool
	}{{"embedded sample", study.DefaultSpec(), true}, {"user data", user, false}} {
		t.Run(tc.name, func(t *testing.T) {
			j, err := study.NewJob(tc.spec, 1)
			if err != nil {
				t.Fatal(err)
			}
			in, err := study.ReadInputs(context.Background(), j)
			if err != nil {
				t.Fatal(err)
			}
			res, err := analysis.Compute(context.Background(), in.Villages, in.Services, j.Params)
			if err != nil {
				t.Fatal(err)
			}
			m := BuildManifest(j, in, res)
			ri := ReportInput(j, in, res, nil)
			if !slices.Equal(ri.Attributions, m.Attribution) || len(ri.Attributions) == 0 {
				t.Errorf("attributions %q, manifest %q", ri.Attributions, m.Attribution)
			}
			var fromData []string
			for _, d := range m.Data {
				fromData = append(fromData, d.Name)
			}
			var names []string
			for _, s := range ri.Sources {
				names = append(names, s.Name)
			}
			if !slices.Equal(names[len(names)-len(fromData):], fromData) {
				t.Errorf("sources %q do not end with the manifest's %q", names, fromData)
			}
			if tc.embedded != (ri.Subtitle == "Westhoek") || tc.embedded != (len(ri.Caveats) > 0 && len(ri.Coverage) > 0) {
				t.Errorf("subtitle %q, %d caveats, %d coverage notes", ri.Subtitle, len(ri.Caveats), len(ri.Coverage))
			}
			if ri.Title != tc.spec.Title {
				t.Errorf("title %q, want %q", ri.Title, tc.spec.Title)
			}
			m.Attribution, m.Data, m.Caveats, m.Run = []string{"changed"}, nil, []string{"changed"}, &study.Spec{Title: "changed"}
			again := ReportInput(j, in, res, nil)
			if !slices.Equal(again.Attributions, ri.Attributions) || again.Title != ri.Title || !slices.Equal(again.Caveats, ri.Caveats) {
				t.Error("the report input follows the manifest")
			}
		})
	}
}

func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
