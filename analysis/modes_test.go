package analysis

import (
	"context"
	"testing"

	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/travel"
)

var busMode = analysistest.BusMode

// A further mode's results reach the village table, the long table and
// the aggregates through its schema alone.
func TestFurtherModeBlock(t *testing.T) {
	villages := []datasets.Village{village("v0", "AA", 0.01, 100), village("v1", "AA", 0.02, 200),
		village("v2", "BB", 0.05, 300), village("v3", "AA", 0.03, 50)}
	services := []datasets.Service{service("s0", "post", "AA", 0.00), service("s1", "post", "BB", 0.05)}
	p := DefaultParams()
	mode := busMode()
	p.Modes = []travel.Mode{mode}
	r, err := Compute(context.Background(), villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	if mode.Calls != 1 || r.Mode("bus") == nil || r.Mode("road") != nil {
		t.Fatalf("snapped %d times, blocks %v", mode.Calls, r.Modes)
	}
	vt := VillageTableOf(r)
	want := map[string][]string{
		// status, min, transfers, id, country, domestic, abroad
		"v0": {"ok", "12.00", "0", "s0", "AA", "12.00", "30.00"},
		"v1": {"ok", "8.00", "1", "s1", "BB", "", "8.00"}, // nothing at home by bus
		"v2": {"ok", "5.00", "1", "s1", "BB", "5.00", "40.00"},
		"v3": {"unsnapped", "", "", "", "", "", ""},
	}
	names := []string{"post_bus_status", "post_bus_min", "post_bus_transfers", "post_bus_id", "post_bus_country", "post_bus_domestic_min", "post_bus_abroad_min"}
	var cells []table.Cell
	for v, vl := range villages {
		cells = vt.Row(v, cells[:0])
		for k, name := range names {
			col := vt.Index(name)
			if col < 0 {
				t.Fatalf("no column %s", name)
			}
			if got := cells[col].Text(); got != want[vl.ID][k] {
				t.Errorf("%s %s = %q, want %q", vl.ID, name, got, want[vl.ID][k])
			}
		}
		wantStatus := "ok"
		if v == 3 {
			wantStatus = "post:unsnapped"
		}
		if got := cells[vt.Index("status")].Text(); got != wantStatus {
			t.Errorf("%s status %q, want %q", vl.ID, got, wantStatus)
		}
		if got, wantStop := cells[vt.Index("bus_stop_m")].Text(), map[bool]string{true: "", false: "0.0"}[v == 3]; got != wantStop {
			t.Errorf("%s bus_stop_m %q, want %q", vl.ID, got, wantStop)
		}
	}
	// The long form carries the mode's status on its metrics.
	at := AccessTableOf(r)
	found := false
	for i := range at.Len {
		row := at.Row(i, nil)
		if row[0].Text() == "v3" && row[2].Text() == "bus_min" {
			found = true
			if row[4].Text() != "unsnapped" {
				t.Errorf("long form v3 bus_min status %q", row[4].Text())
			}
		}
		if row[2].Text() == "bus_status" {
			t.Error("the mode's status column is a metric of the long form")
		}
	}
	if !found {
		t.Error("no bus_min row in the long form")
	}
	// Aggregates over the minutes: v3 (unsnapped) is unknown; within 5
	// minutes 300 of 600 people, within 10 minutes 500.
	var all *Aggregate
	aggs := AggregatesOf(r)
	for k := range aggs {
		if aggs[k].Basis == "bus_min" && aggs[k].Level == LevelAll && aggs[k].Category == "post" {
			all = &aggs[k]
		}
	}
	if all == nil {
		t.Fatal("no bus_min aggregate")
	}
	if all.PopulationMeasured != 600 || all.PopulationAccessUnknown != 50 || len(all.ShareWithin) != 4 ||
		all.ShareWithin[0] != 0.5 || all.ShareWithin[1] != 500.0/600 || all.ShareWithin[2] != 1 {
		t.Errorf("bus_min aggregate %+v", *all)
	}
	if Basis("bus_min").Unit() != "min" {
		t.Error("bus_min is not a time basis")
	}
	ar := AreaTableOf(r, aggs)
	if ar.Index("share_within_5min") < 0 {
		t.Error("areas table has no minute shares for the bus")
	}
}

func TestModesMustBeNamedOnce(t *testing.T) {
	p := DefaultParams()
	p.Modes = []travel.Mode{busMode(), busMode()}
	if err := p.Validate(); err == nil {
		t.Error("two modes named bus accepted")
	}
}
