package hours

import (
	"testing"
	"time"

	openinghours "github.com/Daquisu/opening_hours.go"
)

const benchValue = "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off"

// BenchmarkEvaluateWeek parses and evaluates one real value over a week
// with a holiday in it, as the evaluator does once per distinct value.
//
//	go test -run '^$' -bench . -benchmem ./datasets/hours/
func BenchmarkEvaluateWeek(b *testing.B) {
	w, _ := ParseWhen("2026-07-13")
	cal := CalendarFor("FR")
	b.ReportAllocs()
	for b.Loop() {
		h, err := Parse(benchValue)
		if err != nil {
			b.Fatal(err)
		}
		if s := h.Evaluate(w, cal); s.OpenMinutes() != 33*60 {
			b.Fatalf("%d minutes", s.OpenMinutes())
		}
	}
}

// BenchmarkEvaluateWeekNaive is the obvious baseline: the library's own
// state at every minute of the week (which also gets holidays wrong when
// the value has no PH rule; here it has one).
func BenchmarkEvaluateWeekNaive(b *testing.B) {
	w, _ := ParseWhen("2026-07-13")
	cal := CalendarFor("FR")
	b.ReportAllocs()
	for b.Loop() {
		oh, err := openinghours.New(benchValue)
		if err != nil {
			b.Fatal(err)
		}
		oh.SetHolidayChecker(cal)
		n := 0
		for m := 0; m < WeekMinutes; m++ {
			if oh.GetState(w.Monday.Add(time.Duration(m) * time.Minute)) {
				n++
			}
		}
		if n != 33*60 {
			b.Fatalf("%d minutes", n)
		}
	}
}
