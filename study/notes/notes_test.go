package notes

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partons/partons/study"
)

const westhoekReports = "../../datasets/westhoek/data/contributions.csv"

func setToday(t *testing.T, date string) {
	t.Helper()
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		t.Fatal(err)
	}
	old := study.Today
	study.Today = func() time.Time { return d }
	t.Cleanup(func() { study.Today = old })
}

func spec(reports ...string) study.Spec {
	s := study.DefaultSpec()
	s.Contributions = reports
	s.Normalize()
	return s
}

// TestExportTheConfirmedOSMReport: of the sample's seven reports, the one
// confirmed about an OpenStreetMap baker becomes a note at the baker, in
// Dutch (a Belgian service), opened on the report's date.
func TestExportTheConfirmedOSMReport(t *testing.T) {
	setToday(t, "2026-01-15")
	out := filepath.Join(t.TempDir(), "notes.geojson")
	res, err := Export(context.Background(), spec(westhoekReports), Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Notes != 1 || res.Reports != 7 {
		t.Errorf("%d notes from %d reports, want 1 from 7", res.Notes, res.Reports)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !FileOwned(b) {
		t.Error("the file written is not recognised as a notes file")
	}
	var fc struct {
		Features []struct {
			Geometry struct {
				Coordinates [2]float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties noteProps `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 1 {
		t.Fatalf("%d features", len(fc.Features))
	}
	f := fc.Features[0]
	p := f.Properties
	if f.Geometry.Coordinates != [2]float64{p.Lon, p.Lat} || p.Lon != 2.8906163 || p.Lat != 50.8449071 || p.Status != "open" ||
		p.OSMObject != "node/1325330182" || p.OSMURL != "https://www.openstreetmap.org/node/1325330182" || p.ReportID != "wh-001" ||
		!strings.Contains(p.Text, "is gesloten") || len(p.Comments) != 1 || p.Comments[0].Action != "opened" || p.Comments[0].Date != p.DateCreated {
		t.Errorf("note %+v at %v", p, f.Geometry.Coordinates)
	}
}

// TestExportRefuses: a file it did not write is left alone, and a
// cancelled context writes nothing.
func TestExportRefuses(t *testing.T) {
	setToday(t, "2026-01-15")
	dir := t.TempDir()
	other := filepath.Join(dir, "other.geojson")
	const mine = `{"type":"FeatureCollection","features":[]}`
	if err := os.WriteFile(other, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(context.Background(), spec(westhoekReports), Options{Out: other}); err == nil {
		t.Error("a file partons did not write replaced")
	}
	if b, _ := os.ReadFile(other); string(b) != mine {
		t.Errorf("the other file now holds %s", b)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(dir, "n.geojson")
	if _, err := Export(ctx, spec(westhoekReports), Options{Out: out}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a cancelled export wrote its file")
	}
}
