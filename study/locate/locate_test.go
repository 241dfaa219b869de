package locate

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partons/partons/analysis/locate"
	"github.com/partons/partons/study/usage"
)

// Options that do not fit are usage errors naming the options by their
// keys, found before any input is read.
func TestCheckNamesOptions(t *testing.T) {
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{}, "model is required"},
		{Options{Model: "mclp", P: 1, Radius: -1, Solver: "auto", Lang: "en"}, "model mclp needs radius"},
		{Options{Model: "lscp", P: 2, Radius: 5, Solver: "auto", Lang: "en"}, "p does not apply to lscp"},
		{Options{Model: "pmedian", P: 1, Radius: -1, Solver: "auto", Lang: "en", Matrix: "od.csv"}, "matrix and demand go together"},
		{Options{Model: "pmedian", P: 1, Radius: -1, Solver: "auto", Lang: "en", MaxCost: -1}, "max_cost must be ≥ 0"},
		{Options{Model: "pmedian", P: 1, Radius: -1, Solver: "exact", Lang: "en", TimeLimit: time.Second}, "time_limit_s applies to the auto solver"},
		{Options{Model: "pcenter", P: 1, Radius: -1, Solver: "auto", Lang: "en", TimeLimit: time.Second}, "time_limit_s applies to mclp"},
		{Options{Model: "pmedian", P: 1, Radius: -1, Solver: "auto", Lang: "en", MaxWork: -1}, "max_work must be > 0"},
	} {
		err := Check(tc.o)
		if usage.As(err) == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want a usage error with %q", tc.o, err, tc.want)
		}
	}
}

// Run on the embedded villages opens P sites, serves every village in
// reach and writes the report folder.
func TestRunEmbedded(t *testing.T) {
	out := filepath.Join(t.TempDir(), "where")
	o := Options{Model: "mclp", P: 2, Radius: 5000, Solver: "auto", MaxNodes: 100000, SnapM: 1000, Lang: "en", Out: out}
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Solution.Sites) != 2 || res.CostUnit != "m" {
		t.Errorf("%d sites, unit %q", len(res.Solution.Sites), res.CostUnit)
	}
	if res.Solution.CoveredWeight <= 0 || res.Solution.CoveredWeight > res.Solution.TotalWeight {
		t.Errorf("covered %v of %v", res.Solution.CoveredWeight, res.Solution.TotalWeight)
	}
	for _, f := range []string{"sites.csv", "assignment.csv", "summary.json", "sites.geojson", "assignment.geojson", "report.html", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := Run(context.Background(), Options{Model: "mclp", P: 2, Radius: 5000, Solver: "auto", Out: out, Lang: "en"}); err != nil {
		t.Errorf("a second run over its own report: %v", err)
	}
}

// A search cut short by its work limit says so on stderr and in
// summary.json, with its bound and gap.
func TestRunWorkLimit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pm")
	var stderr strings.Builder
	o := Options{Model: "pmedian", P: 4, Radius: -1, Solver: "auto", MaxNodes: 1000, MaxWork: 1, Lang: "en", Out: out, Stderr: &stderr}
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	sol := res.Solution
	if sol.Optimal || sol.Stopped != locate.StoppedWork || !(sol.Bound < sol.Objective) {
		t.Fatalf("optimal %v, stopped %q, objective %v, bound %v", sol.Optimal, sol.Stopped, sol.Objective, sol.Bound)
	}
	if !strings.Contains(stderr.String(), "not proven optimal: branch and bound stopped at its work limit after 2 nodes") {
		t.Errorf("stderr: %q", stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s locate.Summary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.Optimal || s.Stopped != "work_limit" || s.Bound != sol.Bound || s.Gap != sol.Gap {
		t.Errorf("summary: optimal %v, stopped %q, bound %v, gap %v", s.Optimal, s.Stopped, s.Bound, s.Gap)
	}
}

// A cancelled context stops the run before anything is written.
func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "where")
	_, err := Run(ctx, Options{Model: "pmedian", P: 3, Radius: -1, Solver: "auto", MaxNodes: 1000, Lang: "en", Out: out})
	if err == nil || !strings.Contains(err.Error(), "cancel") {
		t.Errorf("cancelled run: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a cancelled run wrote its report")
	}
}
