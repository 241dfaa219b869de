package analysis

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/geo/road"
)

// hoursFixture: two villages on each side of the border, a pharmacy on
// each side closed on public holidays, and a post office without hours.
func hoursFixture(tb testing.TB, bad string) *Result {
	tb.Helper()
	villages, services := analysistest.HoursPlaces(bad)
	p := DefaultParams()
	p.ThresholdsM = []float64{1000, 20000}
	res, err := Compute(context.Background(), villages, services, p)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func column(tb testing.TB, t table.Table, row int, name string) string {
	tb.Helper()
	for k, c := range t.Columns {
		if c.Name == name {
			cells := t.Row(row, nil)
			return cells[k].Text()
		}
	}
	tb.Fatalf("no column %q", name)
	return ""
}

func TestComputeOpenHoursTables(t *testing.T) {
	res := hoursFixture(t, "")
	if before := len(ServiceTableOf(res).Columns); before == 0 {
		t.Fatal("no service columns")
	}
	w, _ := hours.ParseWhen("2026-07-13") // 14 July: French holiday
	if err := res.ComputeOpenHours(context.Background(), hours.NewEvaluator(w, false), hours.DefaultSlots()); err != nil {
		t.Fatal(err)
	}
	st := ServiceTableOf(res)
	for _, c := range []struct {
		row       int
		col, want string
	}{
		{0, "open_hours_week", "40.50"}, {1, "open_hours_week", "52.50"}, // Mo-Sa 10.5 h less Tuesday 14 July
		{0, "hours_status", "ok"}, {2, "hours_status", "missing"}, {2, "open_hours_week", ""},
		{0, "open_weekday_evening", "no"}, {1, "open_weekday_evening", "yes"}, {2, "open_weekday_evening", "unknown"},
		{1, "opening_hours", "Mo-Sa 09:00-19:30; PH off"},
	} {
		if got := column(t, st, c.row, c.col); got != c.want {
			t.Errorf("services row %d %s = %q, want %q", c.row, c.col, got, c.want)
		}
	}
	vt := VillageTableOf(res)
	for _, c := range []struct {
		row       int
		col, want string
	}{
		{0, "pharmacy_open_weekday_morning_status", "ok"},
		{0, "pharmacy_open_weekday_evening_status", "ok"}, // the French pharmacy, about 10 km away
		{1, "pharmacy_open_weekday_evening_m", "101.8"},   // 0.0008° north and 0.0007° east of the village: about 90 m and 49 m
		{0, "pharmacy_open_hours_within_1000m", "40.50"},
		{0, "pharmacy_open_hours_within_1000m_status", "ok"},
		{0, "pharmacy_open_hours_gain_within_20000m", "21.50"}, // France adds 12:00-13:30 and 17:30-19:30 on four weekdays and Saturday 12:00-19:30; its pharmacy is closed on 14 July
		{0, "post_office_open_weekday_morning_status", "hours_unknown"},
		{0, "post_office_open_hours_within_1000m_status", "hours_unknown"},
		{0, "post_office_open_hours_within_1000m", ""},
	} {
		if got := column(t, vt, c.row, c.col); got != c.want {
			t.Errorf("villages row %d %s = %q, want %q", c.row, c.col, got, c.want)
		}
	}
	if c := res.OpenHours.Counts; c.Known != 2 || c.Missing != 1 {
		t.Errorf("counts %+v", c)
	}
}

func TestComputeOpenHoursErrors(t *testing.T) {
	w, _ := hours.ParseWhen("2026-07-13")
	res := hoursFixture(t, "Mo-Fr 25:00-26:00")
	err := res.ComputeOpenHours(context.Background(), hours.NewEvaluator(w, false), hours.DefaultSlots())
	var re *datasets.RecordError
	if !errors.As(err, &re) || re.Source != "s.csv" || re.Line != 4 || re.Field != "opening_hours" || !errors.Is(err, datasets.ErrInvalid) {
		t.Fatalf("error %v, want one naming s.csv line 4, field opening_hours", err)
	}
	if !strings.Contains(err.Error(), "hour above 24") {
		t.Errorf("error %q does not say why", err)
	}
	if err := res.ComputeOpenHours(context.Background(), hours.NewEvaluator(w, true), hours.DefaultSlots()); err != nil {
		t.Fatal(err)
	}
	if c := res.OpenHours.Counts; c.Invalid != 1 || c.Known != 2 {
		t.Errorf("lenient counts %+v", c)
	}
	if got := column(t, ServiceTableOf(res), 2, "hours_status"); got != "invalid" {
		t.Errorf("lenient status %q", got)
	}
}

// By road the same metrics follow the road mode: a Belgian village at the
// west end of borderLine, a Belgian post office open on weekday mornings
// two edges east, a French one open until 19:00 four edges east.
func TestComputeOpenHoursByRoad(t *testing.T) {
	w, _ := hours.ParseWhen("2026-12-07")
	for _, tc := range []struct {
		closed                   bool
		evening, in3, in5, gain5 string
		eveningStatus            string
	}{
		{false, "4452.8", "15.00", "60.00", "45.00", "ok"},
		{true, "", "15.00", "15.00", "0.00", "none_open"},
	} {
		villages := []datasets.Village{village("be", "BE", 0.00, 100)}
		services := []datasets.Service{service("be-post", "post", "BE", 0.02), service("fr-post", "post", "FR", 0.04)}
		services[0].OpeningHours, services[1].OpeningHours = "Mo-Fr 09:00-12:00", "Mo-Sa 09:00-19:00"
		p := DefaultParams()
		p.ThresholdsM = []float64{3000, 5000}
		p.Road = DefaultRoadParams(road.Car)
		p.Road.Graph, p.Road.RouteBy, p.Road.ClosedBorder = borderLine(t), road.Length, tc.closed
		p.Road.CountryLabel = func(c string) uint8 { return map[string]uint8{"BE": 1, "FR": 2}[c] }
		res, err := Compute(context.Background(), villages, services, p)
		if err != nil {
			t.Fatal(err)
		}
		if err := res.ComputeOpenHours(context.Background(), hours.NewEvaluator(w, false), hours.DefaultSlots()); err != nil {
			t.Fatal(err)
		}
		vt := VillageTableOf(res)
		for _, c := range [][2]string{
			{"post_road_open_weekday_evening_m", tc.evening},
			{"post_road_open_weekday_evening_status", tc.eveningStatus},
			{"post_road_open_hours_within_3000m", tc.in3},
			{"post_road_open_hours_within_5000m", tc.in5},
			{"post_road_open_hours_gain_within_5000m", tc.gain5},
			{"post_open_weekday_evening_m", "4452.8"}, // the straight line crosses any border
		} {
			if got := column(t, vt, 0, c[0]); got != c[1] {
				t.Errorf("closed %v: %s = %q, want %q", tc.closed, c[0], got, c[1])
			}
		}
	}
}
