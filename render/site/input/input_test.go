package input

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

// TestLoadRefuses: a changed file of a run is refused naming it, as is a
// villages.csv that partons would never write.
func TestLoadRefuses(t *testing.T) {
	copyRun := func(t *testing.T) string {
		t.Helper()
		dir := filepath.Join(t.TempDir(), "2026")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"manifest.json", "villages.csv", "services.csv"} {
			b, err := os.ReadFile(filepath.Join("../testdata/runs/2026", f))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	dir := copyRun(t)
	p := filepath.Join(dir, "villages.csv")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "Ieper", "Iepre", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err == nil || !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), p) {
		t.Errorf("edited villages.csv: %v", err)
	}
	// Rows partons never writes, checked on rows directly.
	for _, tc := range []struct {
		rows []Row
		want string
	}{
		{[]Row{{"id": "a", "lon": "NaN", "lat": "50"}}, `"NaN" is not a finite number`},
		{[]Row{{"id": "a", "lon": "2", "lat": "95"}}, "lat"},
		{[]Row{{"id": "a", "lon": "2", "lat": "50"}, {"id": "a", "lon": "2", "lat": "50"}}, `village id "a" is empty or repeated`},
	} {
		err := checkRows("v.csv", tc.rows, true)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, datasets.ErrInvalid) {
			t.Errorf("%v: %v, want %q", tc.rows, err, tc.want)
		}
	}
	if math.IsNaN(Row{"x": "1.5"}.Float("x")) || !math.IsNaN(Row{}.Float("x")) {
		t.Error("Row.Float")
	}
}
