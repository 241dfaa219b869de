package study

import (
	"strings"
	"testing"
	"time"

	"github.com/partons/partons/datasets/load"
)

// TestCheckFileDates: a file's data date may be any time up to the end
// of today and after 1 January 1970; anything else names the file and
// the field.
func TestCheckFileDates(t *testing.T) {
	today := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	files := []load.Input{
		{Name: "none.csv"},
		{Name: "ok.geojson", DataDate: "2013-08-03T19:00:02Z"},
		{Name: "today.geojson", DataDate: "2026-12-06T23:59:59Z"},
		{Name: "future.geojson", DataDate: "2099-01-01T00:00:00Z"},
		{Name: "epoch.geojson", DataDate: "1970-01-01T00:00:00Z"},
	}
	probs := checkFileDates(files, today)
	if len(probs) != 2 {
		t.Fatalf("%d problems: %v", len(probs), probs)
	}
	msg := probs.Err().Error()
	for _, want := range []string{"future.geojson", "2099-01-01T00:00:00Z is after today (2026-12-06)", "epoch.geojson", "not after 1 January 1970", "data_date"} {
		if !strings.Contains(msg, want) {
			t.Errorf("no %q in %s", want, msg)
		}
	}
}
