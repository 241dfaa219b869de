package transit

import (
	"context"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/travel"
)

// One bus to town at 08:00 (20 minutes), buses back at the given times;
// the shop is at the town stop, the village 100 m from its stop. The
// slot is weekday 07:30–08:00 with a 30-minute visit.
func roundTrip(t *testing.T, shopHours string, backs ...int32) hours.Tri {
	t.Helper()
	trips := []ttrip{{"be:out", "be:r1", [][3]int32{{0, hm(8, 0), hm(8, 0)}, {1, hm(8, 20), hm(8, 20)}}, false}}
	for k, b := range backs {
		trips = append(trips, ttrip{"be:back" + string(rune('a'+k)), "be:r2", [][3]int32{{1, b, b}, {0, b + 1200, b + 1200}}, false})
	}
	tt := timetable(t, []tstop{{"be:A", 2.80, 50.9}, {"be:B", 2.94, 50.9}}, trips, nil)
	net, err := Build(tt, NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sl, err := hours.ParseSlot("weekday_morning", "Mo-Fr 07:30-08:00", 30)
	if err != nil {
		t.Fatal(err)
	}
	week := hours.WeekOf(monday)
	sched := hours.Schedule{Status: hours.Missing}
	if shopHours != "" {
		h, err := hours.Parse(shopHours)
		if err != nil {
			t.Fatal(err)
		}
		sched = h.Evaluate(week, nil)
	}
	opt := DefaultOptions()
	var days []time.Time
	res, err := RoundTrips(context.Background(), []Place{{Point: orb.Point{2.7986, 50.9}}}, []Place{{Point: orb.Point{2.94, 50.9}}},
		[]hours.Schedule{sched}, []Group{{0}}, opt, RoundTripConfig{Slots: []hours.Slot{sl}, Week: week,
			NetworkFor: func(d time.Time) (*Network, error) { days = append(days, d); return net, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 1 || !days[0].Equal(monday) {
		t.Errorf("networks asked for %v, want the slot's first day %v", days, monday)
	}
	return res[0][0][0]
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name, hours string
		backs       []int32
		want        hours.Tri
	}{
		// At town 08:20, open until 12:00, visit to 08:50, the 09:00 home.
		{"fits", "Mo-Fr 08:00-12:00", []int32{hm(9, 0)}, hours.Yes},
		// The shop closes at 08:30, 10 minutes into the visit.
		{"closes during the visit", "Mo-Fr 08:00-08:30", []int32{hm(9, 0)}, hours.No},
		// Open from 08:30 only: arrived at 08:20, the shop is shut.
		{"not yet open", "Mo-Fr 08:30-12:00", []int32{hm(9, 0)}, hours.No},
		// The only bus home leaves at 08:40, before the visit ends.
		{"no bus home", "Mo-Fr 08:00-12:00", []int32{hm(8, 40)}, hours.No},
		// A bus home at 23:30 is still a return the same day.
		{"late bus home", "Mo-Fr 08:00-12:00", []int32{hm(23, 30)}, hours.Yes},
		// Unknown hours: the trip fits if the shop is open.
		{"unknown hours", "", []int32{hm(9, 0)}, hours.Unknown},
		{"unknown hours, no bus home", "", []int32{hm(8, 40)}, hours.No},
		// Closed on Mondays (the slot's first day).
		{"closed that day", "Tu-Fr 08:00-12:00", []int32{hm(9, 0)}, hours.No},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := roundTrip(t, tc.hours, tc.backs...); got != tc.want {
				t.Errorf("%s, want %s", got, tc.want)
			}
		})
	}
}

// Through the mode: the answer is the column roundtrip_{slot} of the
// category, yes (1) in its every part.
func TestModeRoundTripColumn(t *testing.T) {
	tt := timetable(t, []tstop{{"be:A", 2.80, 50.9}, {"be:B", 2.94, 50.9}}, []ttrip{
		{"be:out", "be:r1", [][3]int32{{0, hm(8, 0), hm(8, 0)}, {1, hm(8, 20), hm(8, 20)}}, false},
		{"be:back", "be:r2", [][3]int32{{1, hm(9, 0), hm(9, 0)}, {0, hm(9, 20), hm(9, 20)}}, false},
	}, nil)
	net, err := Build(tt, NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sl, _ := hours.ParseSlot("weekday_morning", "Mo-Fr 07:30-08:00", 30)
	week := hours.WeekOf(monday)
	h, _ := hours.Parse("Mo-Fr 08:00-12:00")
	m := &Mode{Net: net, Options: DefaultOptions(), RoundTrip: &RoundTrip{
		Config:    RoundTripConfig{Slots: []hours.Slot{sl}, Week: week, NetworkFor: func(time.Time) (*Network, error) { return net, nil }},
		Schedules: map[string]hours.Schedule{"shop": h.Evaluate(week, nil)}}} // post: none, unknown
	k := m.Schema().MetricIndex("roundtrip_weekday_morning")
	if k < 0 || m.Schema().Metrics[k].Unit != travel.Answer {
		t.Fatalf("schema %+v", m.Schema().Metrics)
	}
	sn, err := m.Snap(context.Background(), []travel.Place{{Location: orb.Point{2.7986, 50.9}}},
		[]travel.Place{{ID: "shop", Location: orb.Point{2.94, 50.9}}, {ID: "post", Location: orb.Point{2.94, 50.9}}})
	if err != nil {
		t.Fatal(err)
	}
	reach, err := sn.Nearest(context.Background(), []travel.Category{
		{Name: "shop", Parts: []travel.Part{{Country: "BE", Services: []int32{0}}, {Country: "FR"}}},
		{Name: "post", Parts: []travel.Part{{Services: []int32{1}}}}})
	if err != nil {
		t.Fatal(err)
	}
	for p, r := range reach[0] {
		if got := travel.AnswerText(r.Metrics[k][0]); got != "yes" {
			t.Errorf("shop part %d: %s", p, got)
		}
	}
	if got := travel.AnswerText(reach[1][0].Metrics[k][0]); got != "unknown" {
		t.Errorf("post with unknown hours: %s", got)
	}
}
