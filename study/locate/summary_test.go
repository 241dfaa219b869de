package locate

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteSummary: the short result names the sites, the proof and the
// population within the radius as the solution has them.
func TestWriteSummary(t *testing.T) {
	out := filepath.Join(t.TempDir(), "where")
	res, err := Run(context.Background(), Options{Model: "mclp", P: 2, Radius: 5000, Solver: "auto", MaxNodes: 100000, SnapM: 1000, Lang: "en", Out: out})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := res.WriteSummary(&b, 5000, out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	sol := res.Solution
	if !strings.HasPrefix(lines[0], "mclp: 2 new site(s): "+res.Labels.SiteIDs[sol.Sites[0]]) {
		t.Errorf("first line %q", lines[0])
	}
	if sol.Optimal && !strings.Contains(b.String(), "(optimal; ") {
		t.Errorf("an optimal solution not said optimal:\n%s", b.String())
	}
	within := fmt.Sprintf("%.1f%% of ", sol.CoveredWeight/sol.TotalWeight*100)
	if !strings.Contains(b.String(), "within 5000 m: ") || !strings.Contains(b.String(), within) {
		t.Errorf("no coverage line with %q:\n%s", within, b.String())
	}
	if lines[len(lines)-1] != "wrote "+out {
		t.Errorf("last line %q", lines[len(lines)-1])
	}
	// Without a radius there is no coverage line.
	b.Reset()
	if err := res.WriteSummary(&b, -1, out); err != nil || strings.Contains(b.String(), "within") {
		t.Errorf("radius -1: %v\n%s", err, b.String())
	}
}
